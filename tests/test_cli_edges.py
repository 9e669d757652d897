"""The edges of the command line a user meets: a nonsense COLUMNS, the help's metavars, shell
completion of option values, exit codes (the README's table), and the clock passed in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from certcli.cli import EXIT_CANCELLED, EXIT_DATA, EXIT_OK, EXIT_USAGE, app, exit_code
from certcli.commands.common import Clock
from certcli.errors import DataError, UnknownCodeError
from tests.conftest import DATA, TODAY

ROOT = typer.main.get_command(app)
TEXT_COMMANDS = [
    ["list"],
    ["show", "CPC"],
    ["compare", "CPC", "CCS"],
    ["search", "cardiology"],
    ["fees", "CPC", "--member"],
    ["cost", "CPC", "CPB"],
    ["renew", "CPC@2024-03-15", "CRC"],
    ["advise", "--goal", "coding", "--setting", "physician_office"],
    ["data", "check"],
]


def invoke(args: list[str], env: dict[str, str | None] | None = None, obj: Any = None) -> Any:
    base: dict[str, str | None] = {"CERTCLI_DATA_DIR": None, "NO_COLOR": "1"}
    return CliRunner().invoke(app, args, env={**base, **(env or {})}, obj=obj or Clock(TODAY), prog_name="certcli")


# --------------------------------------------------------------------------- COLUMNS


@pytest.mark.parametrize("columns", ["0", "00", "abc", "-5", ""])
@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=[" ".join(a) for a in TEXT_COMMANDS])
def test_a_nonsense_columns_means_width_not_set(args: list[str], columns: str) -> None:
    """COLUMNS=0 once gave every text command an empty page (and exit 0)."""
    unset = invoke(args, env={"COLUMNS": None})
    result = invoke(args, env={"COLUMNS": columns})
    assert result.exit_code == unset.exit_code == 0, result.stderr
    assert result.stdout.strip(), f"COLUMNS={columns!r}: nothing printed"
    assert result.stdout == unset.stdout


def test_help_wraps_to_the_default_width_with_a_nonsense_columns() -> None:
    for columns in ("0", "abc"):
        result = invoke(["show", "--help"], env={"COLUMNS": columns})
        assert result.exit_code == 0 and "Usage: certcli show" in result.stdout, result.stderr
        assert max(len(line) for line in result.stdout.splitlines()) <= 80


# --------------------------------------------------------------------------- help


def _leaves(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    subs = getattr(command, "commands", None)
    if not subs:
        return [path]
    return [path, *(leaf for name, sub in sorted(subs.items()) for leaf in _leaves(sub, (*path, name)))]


EVERY_HELP = _leaves(ROOT)


@pytest.mark.parametrize("path", EVERY_HELP, ids=[" ".join(p) or "certcli" for p in EVERY_HELP])
def test_help_shows_real_metavars(path: tuple[str, ...]) -> None:
    result = invoke([*path, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert "<" not in result.stdout, result.stdout  # typer's <str>, <list[str]>
    assert "TEXT" not in result.stdout and "INTEGER" not in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["show"], ["Usage: certcli show [OPTIONS] {CODE}", "  CODE "]),
        (["compare"], ["{CODE}...", "  CODE... "]),
        (["cost"], ["  CODE... ", "--years N", "--held CODE", "--attempts 1|2"]),
        (["renew"], ["{CODE[@DATE]}...", "--ics FILE"]),
        (["advise"], ["--answers FILE", "--goal GOAL", "--experience-years YEARS", "--save PLAN.md"]),
        (["list"], ["--issuer ORG", "--setting SETTING", "--level LEVEL"]),
        (["data", "check"], ["[DIR]", "  DIR "]),
        ([], ["--data-dir DIR"]),
    ],
)
def test_help_names_values_by_what_they_are(args: list[str], shown: list[str]) -> None:
    out = invoke([*args, "--help"], env={"COLUMNS": "100"}).stdout
    for piece in shown:
        assert piece in out, f"{piece!r} not in:\n{out}"


# --------------------------------------------------------------------------- completion


def complete(line: str, env: dict[str, str | None] | None = None) -> list[str]:
    """What bash would offer for ``line`` (the word being typed is the last, maybe empty)."""
    words = line.split(" ")
    protocol: dict[str, str | None] = {
        "_CERTCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    result = CliRunner().invoke(app, [], env={"CERTCLI_DATA_DIR": None, **protocol, **(env or {})}, prog_name="certcli")
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("certcli list --setting hosp", ["hospital_inpatient", "hospital_outpatient"]),
        ("certcli list --level ", ["entry", "intermediate", "advanced", "specialty"]),
        ("certcli list --category cod", ["coding", "coding_and_billing"]),
        ("certcli list --status r", ["retired"]),
        ("certcli advise --goal co", ["coding", "coding_and_billing", "compliance"]),
        ("certcli advise --setting p", ["physician_office", "payer"]),
        ("certcli advise --education b", ["bachelor"]),
    ],
)
def test_option_values_complete_to_their_choices(line: str, expected: list[str]) -> None:
    assert complete(line) == expected


def test_issuers_complete_from_the_catalog(catalog: Any) -> None:
    starting_a = [code for code in catalog.organizations if code.startswith("A")]
    assert {"AAPC", "AHIMA", "AMBA"} <= set(starting_a)
    assert complete("certcli list --issuer A") == starting_a
    assert complete("certcli list --issuer a") == [c.lower() for c in starting_a]  # typed in lowercase: offered so
    assert "AAPC" in complete("certcli advise --member-of ")


def test_codes_complete_from_the_data_dir_given(tmp_path: Path) -> None:
    assert complete("certcli show CCS") == ["CCS", "CCS-P"]
    assert complete("certcli cost CPC --held CCS-") == ["CCS-P"]
    assert complete(f"certcli --data-dir {tmp_path} show CCS") == []  # an empty data directory: nothing to offer
    assert complete("certcli show CCS", env={"CERTCLI_DATA_DIR": str(tmp_path)}) == []


# --------------------------------------------------------------------------- exit codes


def _closed_pipe_run(args: list[str], cache: Path) -> subprocess.CompletedProcess[bytes]:
    read, write = os.pipe()
    os.close(read)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CERTCLI_") and k != "COLUMNS"}
    try:
        return subprocess.run([sys.executable, "-m", "certcli", *args], stdin=subprocess.DEVNULL, stdout=write,
                              stderr=subprocess.PIPE, env={**env, "XDG_CACHE_HOME": str(cache)}, timeout=120)
    finally:
        os.close(write)


def test_fees_into_a_closed_pipe_exits_0_quietly(tmp_path: Path) -> None:
    """`certcli fees | true`: the reader has gone, which is no failure (it was exit 1, "data error")."""
    for args in (["fees"], ["fees", "--json"]):
        done = _closed_pipe_run(args, tmp_path)
        assert (done.returncode, done.stderr) == (EXIT_OK, b""), done


def test_search_without_hits_exits_1_with_or_without_json() -> None:
    text, as_json = invoke(["search", "xyzzy"]), invoke(["search", "xyzzy", "--json"])
    assert text.exit_code == as_json.exit_code == EXIT_DATA
    found = json.loads(as_json.stdout)
    assert (found["query"], found["results"]) == ("xyzzy", [])
    assert text.stderr == as_json.stderr == "Nothing matches 'xyzzy'. Try a broader word, or 'certcli list'.\n"


@pytest.mark.parametrize(
    ("exc", "code", "said"),
    [
        (UnknownCodeError("CPX", "CPC"), EXIT_USAGE, "Error: Unknown credential 'CPX'. Did you mean CPC?\n"),
        (DataError(["data/aapc.yaml: CPC.exam.minutes: expected an integer"]), EXIT_DATA,
         "Error: data/aapc.yaml: CPC.exam.minutes: expected an integer\n"),
        (KeyboardInterrupt(), EXIT_CANCELLED, "Cancelled.\n"),
        (typer.Abort(), EXIT_CANCELLED, "Cancelled.\n"),
        (BrokenPipeError(32, "Broken pipe"), EXIT_OK, ""),
        (OSError(28, "No space left on device"), EXIT_DATA, "Error: No space left on device\n"),
        (typer.Exit(1), EXIT_DATA, ""),
    ],
)  # fmt: skip
def test_the_one_boundary_maps_each_ending_to_its_line_and_code(
    exc: BaseException, code: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_code(exc) == code
    assert capsys.readouterr().err == said


def test_a_bug_is_not_swallowed_by_the_boundary() -> None:
    with pytest.raises(ZeroDivisionError):
        exit_code(ZeroDivisionError("a bug"))


def test_ctrl_c_inside_a_command_is_cancelled_130(monkeypatch: pytest.MonkeyPatch) -> None:
    """click alone turns Ctrl-C into a silent exit 130; certcli says so."""

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr("certcli.engine.search.search", interrupted)
    result = invoke(["search", "cardiology"])
    assert (result.exit_code, result.stdout, result.stderr) == (EXIT_CANCELLED, "", "Cancelled.\n")


# --------------------------------------------------------------------------- the clock


def test_today_comes_from_the_clock_passed_in() -> None:
    """The next due date is the first on or after today: a later clock, a later date."""

    def next_due(today: date) -> str:
        result = invoke(["renew", "CPC@2024-03-15", "--json"], obj=Clock(today))
        assert result.exit_code == 0, result.stderr
        [due] = [d["date"] for d in json.loads(result.stdout)["deadlines"] if d["kind"] == "ceus"]
        return str(due)

    assert next_due(TODAY) == "2028-03-15"  # CPC's 2-year cycle from 2024-03-15
    assert next_due(date(2028, 3, 16)) == "2030-03-15"


def test_a_clock_needs_an_aware_time() -> None:
    from datetime import datetime

    with pytest.raises(ValueError):
        Clock(now=datetime(2026, 11, 23, 9, 30))
    assert Clock(TODAY).now().tzinfo is not None


def test_data_check_reports_the_data_it_checked() -> None:
    result = invoke(["data", "check", str(DATA)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{DATA}: ok — ")
