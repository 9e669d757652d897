"""``certcli mcp`` through the MCP SDK's own client: a real server process (``python -m certcli
mcp``) spoken to over stdio, as an assistant's client speaks to it.

One server answers every call of this module (started once: each start costs a second), so the
calls run first, in one session, and the tests read what came back. Each tool's answer is
checked against the matching command's ``--json`` output, run in-process on the same data.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from typing import Any

import anyio
import pytest
from typer.testing import CliRunner

from certcli.catalog import Catalog
from certcli.cli import app
from tests.conftest import DATA

pytest.importorskip("mcp.client.stdio")

from mcp.client.session import ClientSession  # noqa: E402
from mcp.client.stdio import StdioServerParameters, stdio_client  # noqa: E402

ADVICE = {"goal": "coding", "setting": "physician_office"}

# label → (tool, arguments, the command line whose --json must be the same document)
CALLS: dict[str, tuple[str, dict[str, Any], list[str] | None]] = {
    "search": ("search_credentials", {"text": "cardiology"}, ["search", "cardiology"]),
    "search none": ("search_credentials", {"text": "zzzzqqq"}, None),
    "show": ("show_credential", {"code": "CPC"}, ["show", "CPC"]),
    "show alias": ("show_credential", {"code": "ccs-p"}, ["show", "ccs-p"]),
    "compare": ("compare_credentials", {"codes": ["CPC", "CCS"]}, ["compare", "CPC", "CCS"]),
    "list": ("list_credentials", {"issuer": "AHIMA"}, ["list", "--issuer", "AHIMA"]),
    "fees": ("fees", {"codes": ["CPC", "CCS"], "member": False, "student": True},
             ["fees", "CPC", "CCS", "--non-member", "--student"]),
    "fees all": ("fees", {}, ["fees"]),
    "memberships": ("memberships", {"codes": ["CCS"]}, ["fees", "CCS", "--memberships"]),
    "cost": ("cost_of_path", {"codes": ["CPC", "CRC"], "years": 3, "attempts": 2, "held": ["CCS"]},
             ["cost", "CPC", "CRC", "--years", "3", "--attempts", "2", "--held", "CCS"]),
    "advise": ("advise", {"answers": ADVICE}, ["advise", "--goal", "coding", "--setting", "physician_office"]),
    "renew": ("renewal_plan", {"held": ["CPC@2024-03-15", "CCS"], "member": False},
              ["renew", "CPC@2024-03-15", "CCS", "--non-member"]),
    "renew drop": ("renewal_plan", {"held": ["CPC", "CPMA"], "drop": "CPMA"},
                   ["renew", "CPC", "CPMA", "--drop", "CPMA"]),
    # mistakes: each a tool error, and the server answers the next call
    "unknown code": ("show_credential", {"code": "CPX"}, None),
    "bad key": ("advise", {"answers": {"goal": "coding", "budgett": 900}}, None),
    "bad value": ("advise", {"answers": {"goal": "painting"}}, None),
    "no goal": ("advise", {"answers": {"setting": "payer"}}, None),
    "bad attempts": ("fees", {"codes": ["CPC"], "attempts": 3}, None),
    "bad type": ("cost_of_path", {"codes": ["CPC"], "years": "many"}, None),
    "missing argument": ("compare_credentials", {}, None),
    "one to compare": ("compare_credentials", {"codes": ["CPC", "cpc"]}, None),
    "bad date": ("renewal_plan", {"held": ["CPC@2024-13-45"]}, None),
    "after errors": ("show_credential", {"code": "CCS"}, ["show", "CCS"]),
}
IN_A_ROW = ["CPC", "CCS", "CRC", "CPB", "CCA"] * 4  # twenty calls, one after another, on the same server


async def converse(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Start the server, list its tools, make every call of CALLS then the twenty in a row."""
    server = StdioServerParameters(command=command[0], args=command[1:], env=env)
    with open(os.devnull, "w") as quiet:  # the server's log (stderr): nothing a test reads
        async with stdio_client(server, errlog=quiet) as (read, write), ClientSession(read, write) as session:
            init = await session.initialize()
            listed = await session.list_tools()
            results = {label: await session.call_tool(tool, args) for label, (tool, args, _) in CALLS.items()}
            row = [await session.call_tool("show_credential", {"code": code}) for code in IN_A_ROW]
    return {"init": init, "tools": listed.tools, "results": results, "row": row}


def child_env() -> dict[str, str]:
    """The server's environment: this run's temporary cache and data homes (never the real ones)."""
    keep = ("XDG_CACHE_HOME", "XDG_DATA_HOME", "PYTHONPATH")
    return {name: os.environ[name] for name in keep if name in os.environ} | {"NO_COLOR": "1"}


@pytest.fixture(scope="module")
def served() -> dict[str, Any]:
    command = [sys.executable, "-m", "certcli", "--data-dir", str(DATA), "mcp"]
    return anyio.run(converse, command, child_env())


@pytest.fixture(scope="module")
def cli() -> Callable[[list[str]], Any]:
    """The command's own --json document (same data, the real clock like the server's)."""
    runner = CliRunner()

    def run(args: list[str]) -> Any:
        result = runner.invoke(app, ["--data-dir", str(DATA), *args, "--json"], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


def answer(served: dict[str, Any], label: str) -> Any:
    return served["results"][label]


def document(served: dict[str, Any], label: str) -> dict[str, Any]:
    result = answer(served, label)
    assert not result.is_error, result.content[0].text
    doc = json.loads(result.content[0].text)
    assert result.structured_content == doc
    return doc  # type: ignore[no-any-return]


def error(served: dict[str, Any], label: str) -> str:
    result = answer(served, label)
    assert result.is_error, f"{label}: expected a tool error, got {result.content[0].text[:200]}"
    assert len(result.content) == 1
    text: str = result.content[0].text
    assert "\n" not in text and "Traceback" not in text, text
    return text


def test_the_server_names_itself_and_lists_every_tool(served: dict[str, Any]) -> None:
    assert served["init"].server_info.name == "certcli"
    names = [tool.name for tool in served["tools"]]
    assert names == ["search_credentials", "show_credential", "compare_credentials", "list_credentials", "fees",
                     "memberships", "cost_of_path", "advise", "renewal_plan"]


def test_every_tool_tells_the_assistant_to_show_sources_and_send_people_to_the_issuer(
    served: dict[str, Any],
) -> None:
    for tool in served["tools"]:
        text = tool.description.lower()
        assert "as-of year" in text and "source" in text, tool.name
        assert "issuer's page" in text and "before they pay" in text, tool.name
    assert "as-of year" in (served["init"].instructions or "")


def test_every_parameter_is_described_for_the_model(served: dict[str, Any]) -> None:
    for tool in served["tools"]:
        for name, prop in tool.input_schema["properties"].items():
            assert prop.get("description"), f"{tool.name}.{name} has no description"


def test_advise_lists_every_answers_key(served: dict[str, Any]) -> None:
    from certcli.questions import KEYS

    (advise,) = [tool for tool in served["tools"] if tool.name == "advise"]
    described = advise.input_schema["properties"]["answers"]["description"]
    assert [key for key in KEYS if not re.search(rf"(^|; |: ){key}( \(required\))?: ", described)] == []
    assert advise.input_schema["required"] == ["answers"]


def test_each_tool_publishes_its_documents_json_schema(served: dict[str, Any]) -> None:
    """The output schema is ``certcli schema NAME``'s (the SDK's client also checks every answer against it)."""
    from certcli.contract import schema

    names = {"search_credentials": "search", "show_credential": "show", "compare_credentials": "compare",
             "list_credentials": "list", "fees": "fees", "memberships": "memberships", "cost_of_path": "cost",
             "advise": "advise", "renewal_plan": "renew"}
    for tool in served["tools"]:
        published = schema(names[tool.name])
        for key in ("$schema", "x-schema-version", "title"):
            published.pop(key, None)
        assert tool.output_schema is not None, tool.name
        assert {k: v for k, v in tool.output_schema.items() if k != "title"} == published, tool.name


@pytest.mark.parametrize("label", [label for label, (_, _, argv) in CALLS.items() if argv])
def test_each_tool_answers_with_its_commands_json_document(
    served: dict[str, Any], cli: Callable[[list[str]], Any], label: str
) -> None:
    argv = CALLS[label][2]
    assert argv is not None
    printed = cli(argv)
    result = answer(served, label)
    assert not result.is_error, result.content[0].text
    assert result.content[0].text == printed.rstrip("\n")  # the same text, byte for byte
    assert document(served, label) == json.loads(printed)


def test_every_document_carries_its_schema_and_data_version(served: dict[str, Any], catalog: Catalog) -> None:
    for label, (_, _, argv) in CALLS.items():
        if argv:
            doc = document(served, label)
            assert doc["data_version"] == catalog.data_version, label
            assert isinstance(doc["schema_version"], int), label


def test_show_credential_cpc_gives_the_catalogs_question_count_with_its_source(
    served: dict[str, Any], catalog: Catalog
) -> None:
    cpc = catalog.credential("CPC")
    assert cpc.exam is not None
    picked = catalog.pick(cpc.exam.questions)
    assert picked is not None
    questions = document(served, "show")["exam"]["questions"]
    assert questions["value"] == picked.value
    assert questions["source"] == picked.source
    assert questions["as_of"] == catalog.sources[picked.source].year
    assert picked.source in document(served, "show")["sources"]


def test_an_alias_finds_its_credential(served: dict[str, Any]) -> None:
    assert document(served, "show alias")["code"] == "CCS-P"


def test_advise_for_coding_in_a_physician_office_starts_with_the_cpc(served: dict[str, Any]) -> None:
    doc = document(served, "advise")
    assert doc["path"][0]["code"] == "CPC"
    assert doc["profile"]["goal"] == "coding" and doc["profile"]["setting"] == "physician_office"


def test_a_search_that_finds_nothing_is_an_empty_answer_not_an_error(served: dict[str, Any]) -> None:
    assert document(served, "search none")["results"] == []


def test_an_unknown_code_is_a_tool_error_naming_the_nearest(served: dict[str, Any]) -> None:
    assert error(served, "unknown code") == "Unknown credential 'CPX'. Did you mean CPC?"


def test_a_bad_answers_key_is_a_tool_error_naming_the_key(served: dict[str, Any]) -> None:
    text = error(served, "bad key")
    assert text.startswith("answers: budgett: unknown key.")
    assert "budget_usd" in text


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("bad value", ["answers: goal:", "'painting'", "coding"]),
        ("no goal", ["goal: missing"]),
        ("bad attempts", ["attempts must be 1 or 2, not 3"]),
        ("bad type", ["cost_of_path: years:", "'many'"]),
        ("missing argument", ["compare_credentials: codes:"]),
        ("one to compare", ["at least two different credentials"]),
        ("bad date", ["'2024-13-45'", "not a real date"]),
    ],
)
def test_each_mistake_is_one_line_naming_what_is_wrong(served: dict[str, Any], label: str, words: list[str]) -> None:
    text = error(served, label)
    for word in words:
        assert word in text, text


def test_the_server_answers_after_the_errors(served: dict[str, Any]) -> None:
    assert document(served, "after errors")["code"] == "CCS"


def test_twenty_calls_in_a_row_all_answer(served: dict[str, Any]) -> None:
    assert len(served["row"]) == 20
    for code, result in zip(IN_A_ROW, served["row"], strict=True):
        assert not result.is_error, result.content[0].text
        assert json.loads(result.content[0].text)["code"] == code


def test_the_console_script_serves_too(tmp_path: Any) -> None:
    """``certcli mcp`` as a client's configuration starts it: the installed console script."""
    script = os.path.join(os.path.dirname(sys.executable), "certcli")
    if not os.path.exists(script):
        pytest.skip("no console script beside this Python")

    async def one_call() -> Any:
        server = StdioServerParameters(command=script, args=["--data-dir", str(DATA), "mcp"], env=child_env())
        with open(os.devnull, "w") as quiet:
            async with stdio_client(server, errlog=quiet) as (read, write), ClientSession(read, write) as session:
                await session.initialize()
                return await session.call_tool("search_credentials", {"text": "CRC"})

    result = anyio.run(one_call)
    assert not result.is_error
    assert json.loads(result.content[0].text)["results"][0]["code"] == "CRC"
