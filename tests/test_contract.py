"""The JSON contract (issue 16): every command's --json document is the one certcli.documents
builds, and each starts with schema_version and data_version."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from certcli import documents
from certcli.catalog import Catalog
from certcli.model import Profile
from tests.conftest import TODAY

COMMANDS: list[tuple[list[str], Callable[[Catalog], dict[str, Any]]]] = [
    (["list"], lambda c: documents.list_document(c)),
    (["list", "--issuer", "AHIMA", "--level", "entry"], lambda c: documents.list_document(c, issuer="AHIMA",
                                                                                          level="entry")),
    (["show", "CPC"], lambda c: documents.show_document(c, "CPC", TODAY)),
    (["compare", "CPC", "CCS"], lambda c: documents.compare_document(c, ["CPC", "CCS"], TODAY)),
    (["search", "inpatient"], lambda c: documents.search_document(c, "inpatient")),
    (["fees", "CPC", "CCS", "--non-member"], lambda c: documents.fees_document(c, ["CPC", "CCS"], TODAY,
                                                                                member=False)),
    (["fees", "--memberships"], lambda c: documents.memberships_document(c, None, TODAY)),
    (["cost", "CPC", "CPB", "--years", "4", "--student"],
     lambda c: documents.cost_document(c, ["CPC", "CPB"], TODAY, years=4, student=True)),
    (["renew", "CPC@2024-03-15", "CCS"], lambda c: documents.renew_document(c, ["CPC@2024-03-15", "CCS"], TODAY)),
    (["advise", "--goal", "coding", "--defaults"],
     lambda c: documents.advise_document(c, Profile(goal="coding"), TODAY)),
]


@pytest.mark.parametrize(("args", "build"), COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_each_command_prints_the_document_its_function_builds(
    run: Any, catalog: Catalog, args: list[str], build: Callable[[Catalog], dict[str, Any]]
) -> None:
    result = run(*args, "--json", today=TODAY)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == documents.SCHEMA_VERSION == 1
    assert doc["data_version"] == catalog.data_version
    assert doc == json.loads(json.dumps(build(catalog)))


def test_a_document_function_checks_its_arguments_as_the_command_does(catalog: Catalog) -> None:
    from certcli.errors import UsageError

    with pytest.raises(UsageError, match="at least two different credentials"):
        documents.compare_document(catalog, ["CPC", "cpc"], TODAY)
    with pytest.raises(UsageError, match="years must be a whole number from 1 to 50"):
        documents.cost_document(catalog, ["CPC"], TODAY, years=0)
    with pytest.raises(UsageError, match="level: 'beginner' is not one of"):
        documents.list_document(catalog, level="beginner")


def test_a_pass_mark_s_numbers_are_the_ones_its_text_states(catalog: Catalog) -> None:
    """The structured pass mark (data/*.yaml) says what its source's words say: 70 beside "70%"."""
    numbered = 0
    for cred in catalog.credentials.values():
        for claim in cred.exam.passing or ():
            if claim.percent is not None:
                assert f"{claim.percent}%" in claim.value, (cred.code, claim.value)
            for number in (claim.scaled_score, claim.scale_min, claim.scale_max):
                if number is not None:
                    assert str(number) in claim.value, (cred.code, claim.value)
            numbered += claim.percent is not None or claim.scaled_score is not None
    assert numbered >= 15  # every pass mark that states a number has it as a number


def test_show_gives_the_exam_s_numbers_as_numbers(run: Any) -> None:
    cic = json.loads(run("show", "CIC", "--json", today=TODAY).stdout)
    assert cic["exam"]["questions"]["value"] == 40 and cic["exam"]["minutes"]["value"] == 240
    assert cic["exam"]["parts"]["items"] == [{"kind": "multiple_choice", "count": 40}, {"kind": "cases", "count": 7}]
    assert (cic["exam"]["passing"]["percent"], cic["exam"]["passing"]["text"]) == (70, "70%")
    assert (cic["renewal"]["ceus"]["hours"], cic["renewal"]["ceus"]["years"]) == (36, 2)
    cca = json.loads(run("show", "CCA", "--json", today=TODAY).stdout)["exam"]["passing"]
    assert (cca["percent"], cca["scaled_score"], cca["scale_min"], cca["scale_max"]) == (None, 300, 100, 400)
    assert cca["source"] and cca["status"] in ("current", "stale", "disputed")


ERRORS = [
    (["show", "CPX"], 2),
    (["compare", "CPC"], 2),
    (["cost", "CPC", "--years", "0"], 2),
    (["fees", "--member", "--non-member"], 2),
    (["renew", "CPC@2024-02-30"], 2),
    (["advise", "--defaults"], 2),
    (["list", "--level", "beginner"], 2),
    (["ceu", "add", "2"], 2),
    (["--data-dir", "/nonexistent/certcli-data", "show", "CPC"], 1),
]


@pytest.mark.parametrize(("args", "code"), ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_with_json_an_error_is_one_document_on_stdout_beside_its_line_on_stderr(
    run: Any, args: list[str], code: int
) -> None:
    plain = run(*args, today=TODAY)
    result = run(*args, "--json", today=TODAY)
    assert result.exit_code == plain.exit_code == code, result.output
    assert plain.stdout == ""
    [line] = result.stderr.splitlines()
    assert line == plain.stderr.strip() and line.startswith("Error: ")
    doc = json.loads(result.stdout)
    message = doc["error"]["message"]
    assert doc == {"schema_version": documents.SCHEMA_VERSION, "error": {"code": code, "message": message}}
    assert doc["error"]["message"] and line.startswith("Error: " + doc["error"]["message"])


def test_json_after_a_double_dash_is_a_word_not_the_option(run: Any) -> None:
    result = run("search", "--", "--json", today=TODAY)
    assert result.exit_code == 1 and result.stdout == ""


def test_every_ceu_document_starts_with_the_two_versions(run: Any, tmp_path: Any, catalog: Catalog) -> None:
    db = str(tmp_path / "log.sqlite3")
    steps = [
        ["ceu", "hold", "CPC@2024-03-15"],
        ["ceu", "add", "2", "--title", "Coding clinic", "--date", "2026-01-10"],
        ["ceu", "list"],
        ["ceu", "progress"],
        ["ceu", "export", str(tmp_path / "log.json")],
        ["ceu", "import", str(tmp_path / "log.json")],
        ["ceu", "unhold", "CPC"],
    ]
    for args in steps:
        result = run(*args, "--db", db, "--json", today=TODAY)
        assert result.exit_code == 0, (args, result.output)
        doc = json.loads(result.stdout)
        assert doc["schema_version"] == documents.SCHEMA_VERSION, args
        assert doc["data_version"] in (catalog.data_version, None), args
    entry = json.loads(run("ceu", "list", "--db", db, "--json").stdout)["entries"][0]["id"]
    removed = json.loads(run("ceu", "remove", entry, "--db", db, "--json").stdout)
    assert (removed["schema_version"], removed["removed"]) == (documents.SCHEMA_VERSION, entry)
