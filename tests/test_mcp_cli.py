"""``certcli mcp`` as a command: listing its tools, what it says without the SDK, and what it
never costs the other commands (the SDK is imported only when the server starts)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import Catalog
from tests.conftest import DATA

TOOLS = ["search_credentials", "show_credential", "compare_credentials", "list_credentials", "fees",
         "memberships", "cost_of_path", "advise", "renewal_plan"]


def test_list_tools_json_is_one_document_naming_every_tool(run: Callable[..., Any], catalog: Catalog) -> None:
    result = run("--data-dir", str(DATA), "mcp", "--list-tools", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["data_version"] == catalog.data_version
    assert [tool["name"] for tool in doc["tools"]] == TOOLS
    (fees,) = [tool for tool in doc["tools"] if tool["name"] == "fees"]
    params = {p["name"]: p for p in fees["parameters"]}
    assert list(params) == ["codes", "member", "student", "first_time", "senior", "attempts"]
    assert not any(p["required"] for p in params.values())
    assert all(p["description"] for p in params.values())
    assert "before they pay" in fees["description"]


def test_list_tools_shows_each_tool_and_its_parameters(run: Callable[..., Any]) -> None:
    result = run("--data-dir", str(DATA), "mcp", "--list-tools")
    assert result.exit_code == 0, result.output
    for name in TOOLS:
        assert f"\n{name}(" in "\n" + result.stdout, name
    assert "renewal_plan(held, member?, drop?)" in result.stdout
    assert result.stderr == ""


def test_without_the_sdk_it_says_how_to_install_it(run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mcp", None)  # import mcp → ImportError, as when it is not installed
    monkeypatch.setitem(sys.modules, "mcp.server", None)
    monkeypatch.setitem(sys.modules, "mcp.server.mcpserver", None)
    result = run("--data-dir", str(DATA), "mcp")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == 'Error: certcli mcp needs the MCP Python SDK: pip install "certcli[mcp]"\n'


def test_the_tool_list_needs_no_sdk(run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mcp", None)
    result = run("--data-dir", str(DATA), "mcp", "--list-tools", "--json")
    assert result.exit_code == 0, result.output
    assert [tool["name"] for tool in json.loads(result.stdout)["tools"]] == TOOLS


def _modules_after(*argv: str) -> set[str]:
    """The modules a fresh process has imported after ``certcli ARGV`` (its exit ignored)."""
    code = (
        "import sys\n"
        "from certcli.cli import main\n"
        f"sys.argv = ['certcli', *{list(argv)!r}]\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "sys.__stderr__.write('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    return set(done.stderr.splitlines())


@pytest.mark.parametrize("argv", [("--help",), ("mcp", "--help"), ("show", "CPC", "--json")])
def test_other_commands_and_the_help_never_import_the_sdk(argv: tuple[str, ...]) -> None:
    loaded = _modules_after("--data-dir", str(DATA), *argv)
    assert "certcli.cli" in loaded  # the probe itself ran
    assert not {name for name in loaded if name == "mcp" or name.startswith(("mcp.", "mcp_types"))}


def test_a_data_problem_stops_the_server_before_it_serves(tmp_path: Path) -> None:
    pytest.importorskip("mcp.server.mcpserver")
    (tmp_path / "credentials.yaml").write_text("not: [valid\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "certcli", "--data-dir", str(tmp_path), "mcp"],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""  # nothing on the protocol's channel
    assert done.stderr.startswith("Error: ") and done.stderr.count("\n") == 1, done.stderr


README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## `certcli mcp`", 1)[1].split("\n## ", 1)[0]


def test_the_readme_table_names_every_tool_in_order() -> None:
    rows = re.findall(r"^\| `([a-z_]+)` \|", SECTION, flags=re.MULTILINE)
    assert rows == TOOLS


def test_the_readme_client_configuration_starts_the_server() -> None:
    (block,) = re.findall(r"```json\n(.*?)```", SECTION, flags=re.DOTALL)
    server = json.loads(block)["mcpServers"]["certcli"]
    assert server["command"] == "certcli" and server["args"][-1] == "mcp"


def test_the_catalog_is_loaded_once_for_every_call(catalog: Catalog) -> None:
    from certcli.mcp_server import Tools

    loads: list[int] = []

    def load() -> Catalog:
        loads.append(1)
        return catalog

    tools = Tools(load)
    tools.show_credential("CPC")
    tools.fees(["CPC"])
    tools.advise({"goal": "billing"})
    tools.renewal_plan(["CCS"])
    assert len(loads) == 1


def test_the_advise_tool_words_what_every_answers_key_takes() -> None:
    from certcli.mcp_server import ANSWERS_HELP
    from certcli.questions import QUESTIONS

    for q in QUESTIONS:
        said = re.search(rf"(?:^|; |: ){q.key}(?: \(required\))?: ([^;]+)", ANSWERS_HELP)
        assert said is not None, q.key
        assert said.group(1).rstrip(".") != q.kind, f"{q.key}: only its kind ({q.kind}), not what it takes"
