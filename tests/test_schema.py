"""`certcli schema COMMAND` and the documents it describes: every command's real --json output,
for every shipped credential, validates against its command's JSON Schema (jsonschema, draft
2020-12), and the key paths the README promises are there with the values it shows."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from certcli.catalog import load_catalog
from certcli.cli import app
from certcli.commands.common import Clock
from certcli.commands.schema import NAMES
from certcli.contract import DOCUMENTS
from certcli.model.profile import Goal
from tests.conftest import DATA, REPO, TODAY

CODES = list(load_catalog(DATA).credentials)
RUNNER = CliRunner()


@cache
def validator(name: str) -> Draft202012Validator:
    result = RUNNER.invoke(app, ["schema", name])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def document(*args: str, code: int = 0) -> Any:
    result = RUNNER.invoke(app, [*args, "--json"], obj=Clock(TODAY), env={"COLUMNS": "80"})
    assert result.exit_code == code, f"{args}: {result.output}"
    return json.loads(result.stdout)


def problems(name: str, doc: Any) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(doc)]


# --------------------------------------------------------------------------- the schema command


def test_every_document_has_a_schema_and_the_command_names_them_all() -> None:
    assert tuple(DOCUMENTS) == NAMES
    for name in NAMES:
        schema = validator(name).schema
        assert schema["x-schema-version"] == 1 and name in schema["title"]
        if name != "error":
            assert {"schema_version", "data_version"} <= set(schema["required"])


def test_schema_takes_json_and_says_one_line_for_an_unknown_command(run: Any) -> None:
    assert json.loads(run("schema", "fees", "--json").stdout) == json.loads(run("schema", "fees").stdout)
    result = run("schema", "cots")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "Error: No JSON document for 'cots'. Did you mean cost?\n"


def test_a_document_without_a_documented_key_fails_its_schema() -> None:
    doc = document("cost", "CPC")
    assert problems("cost", doc) == []
    del doc["total"]["complete"]
    assert problems("cost", doc) == ["total: 'complete' is a required property"]
    doc = document("show", "CPC")
    doc["exam"]["passing"]["percent"] = "70%"
    assert problems("show", doc) and problems("show", {**doc, "schema_version": 2})


# --------------------------------------------------------------------------- every command, every credential


def _runs() -> Iterator[tuple[str, list[str]]]:
    yield "list", ["list"]
    yield "list", ["list", "--level", "specialty"]
    yield "search", ["search", "inpatient"]
    yield "memberships", ["fees", "--memberships"]
    for flags in ([], ["--member"], ["--non-member"], ["--student"], ["--attempts", "2"]):
        yield "fees", ["fees", *flags]
    yield "compare", ["compare", *CODES]
    for code in CODES:
        yield "show", ["show", code]
        yield "cost", ["cost", code, "--years", "4"]
        yield "renew", ["renew", f"{code}@2024-03-15"]
    for first, second in zip(CODES, CODES[1:], strict=False):
        yield "compare", ["compare", first, second]
    yield "cost", ["cost", "CPC", "CPB", "CCS", "--years", "6", "--student"]
    yield "renew", ["renew", *CODES[:8], "--non-member"]


RUNS = list(_runs())


@pytest.mark.parametrize("chunk", range(4))
def test_every_command_s_output_for_every_credential_fits_its_schema(chunk: int) -> None:
    for name, args in RUNS[chunk::4]:
        assert problems(name, document(*args)) == [], args


GOALS = list(get_args(Goal))


@pytest.mark.parametrize("goal", GOALS)
def test_advise_output_fits_its_schema(goal: str) -> None:
    for extra in ([], ["--held", "CPC", "--experience-years", "3"]):
        result = RUNNER.invoke(app, ["advise", "--goal", goal, "--defaults", *extra, "--json"], obj=Clock(TODAY))
        assert result.exit_code == 0, result.output
        assert problems("advise", json.loads(result.stdout)) == [], (goal, extra)


def test_an_error_document_fits_its_schema() -> None:
    assert problems("error", document("show", "CPX", code=2)) == []
    assert problems("error", document("cost", "CPC", "--years", "0", code=2)) == []


# --------------------------------------------------------------------------- the README's key paths

README_TEXT = (REPO / "README.md").read_text(encoding="utf-8")
ROWS = re.findall(r"^\| `(certcli [^`]+ --json)` \| `([\w.]+)` \| ([^|]+) \|$", README_TEXT, flags=re.MULTILINE)


def at(doc: Any, path: str) -> Any:
    for key in path.split("."):
        doc = doc[int(key)] if isinstance(doc, list) else doc[key]
    return doc


def test_the_readme_promises_key_paths_in_every_money_and_exam_command() -> None:
    commands = {shlex.split(line)[1] for line, _, _ in ROWS}
    assert {"show", "compare", "fees", "cost", "advise", "renew"} <= commands, ROWS
    paths = {path.rsplit(".", 1)[-1] for _, path, _ in ROWS}
    assert {"value", "percent", "amount", "complete", "hours", "count"} <= paths


@pytest.mark.parametrize(("line", "path", "value"), ROWS, ids=[f"{c} {p}" for c, p, _ in ROWS])
def test_a_script_reads_what_the_readme_says_by_plain_key_paths(line: str, path: str, value: str) -> None:
    """The CPC's question count, the CCS non-member fee, the pass percentage and a 4-year total,
    in each command that has them: a documented key that disappears fails here."""
    args = shlex.split(line)[1:-1]
    assert at(document(*args), path) == json.loads(value.strip())


def test_the_ceu_log_s_and_data_check_s_documents_fit_their_schemas(tmp_path: Any) -> None:
    db = ["--db", str(tmp_path / "log.sqlite3")]
    log = str(tmp_path / "log.json")
    steps = [
        ("ceu hold", ["ceu", "hold", "CPC@2024-03-15", "CCS@2025-01-10", *db]),
        ("ceu add", ["ceu", "add", "2", "--title", "Coding clinic", "--for", "CPC", *db]),
        ("ceu list", ["ceu", "list", *db]),
        ("ceu progress", ["ceu", "progress", *db]),
        ("ceu export", ["ceu", "export", log, *db]),
        ("ceu export", ["ceu", "export", str(tmp_path / "audit.md"), "--audit", "CPC", *db]),
        ("ceu import", ["ceu", "import", log, *db]),
        ("ceu unhold", ["ceu", "unhold", "CCS", *db]),
        ("data check", ["data", "check"]),
    ]
    for name, args in steps:
        assert problems(name, document(*args)) == [], args
    entry = document("ceu", "list", *db)["entries"][0]["id"]
    assert problems("ceu edit", document("ceu", "edit", entry, "--hours", "3", *db)) == []
    assert problems("ceu remove", document("ceu", "remove", entry, *db)) == []
