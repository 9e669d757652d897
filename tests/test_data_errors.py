"""Broken data files: each mistake gives one precise line (file, key path, problem), exit 1, no traceback.

Every case copies the shipped data/ into a temporary directory, breaks one thing, and runs
``certcli --data-dir DIR list`` through CliRunner, and ``check_data(DIR)``. The key path is what a
person needs to find the mistake: ``aapc.yaml: CPC.exam.minutes.value: expected an integer, …``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import check_data
from tests.conftest import DATA, as_json, body, ok

Corrupt = Callable[[Path], None]


def edit(file: str, old: str, new: str, after: str = "") -> Corrupt:
    """Replace the first ``old`` (after the first ``after``) in ``file``."""

    def corrupt(data_dir: Path) -> None:
        path = data_dir / file
        text = path.read_text(encoding="utf-8")
        start = text.index(after) if after else 0
        at = text.index(old, start)  # fails loudly if the shipped data changed shape
        path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")

    return corrupt


def append(file: str, extra: str) -> Corrupt:
    def corrupt(data_dir: Path) -> None:
        path = data_dir / file
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")

    return corrupt


def replace_file(file: str, content: bytes) -> Corrupt:
    def corrupt(data_dir: Path) -> None:
        (data_dir / file).write_bytes(content)

    return corrupt


CPC_MINUTES = "      minutes:\n        value: 240\n"
A_CREDENTIAL = """
credentials:
  - code: {code}
    name: A copy
    issuer: AAPC
    category: coding
    level: entry
    summary: A second credential under a code that is already taken, to test the loader.
"""

# (case id, file, corruption, the exact problem after "<file>: " — a regex; {d} is the data dir)
CASES: list[tuple[str, str, Corrupt, str]] = [
    (
        "bad YAML syntax",
        "seeds.yaml",
        append("seeds.yaml", "  - id: [unclosed\n"),
        r"line \d+, column \d+: invalid YAML: did not find expected ',' or '\]'",
    ),
    (
        "python object tag",
        "seeds.yaml",
        edit("seeds.yaml", "confidence: seed", "confidence: !!python/object/apply:os.system ['touch {d}/pwned']"),
        r"line \d+: refused YAML tag: .*python/object/apply:os\.system.* \(data files hold plain values only\)",
    ),
    (
        "wrong type",
        "aapc.yaml",
        edit("aapc.yaml", CPC_MINUTES, "      minutes:\n        value: four hours\n", after="  - code: CPC\n"),
        re.escape("CPC.exam.minutes.value: expected an integer, got 'four hours'"),
    ),
    (
        "missing required field",
        "aapc.yaml",
        edit("aapc.yaml", "    name: Certified Professional Coder\n", ""),
        re.escape("CPC.name: missing required field"),
    ),
    (
        "unknown field",
        "aapc.yaml",
        edit("aapc.yaml", "    level: entry\n", "    level: entry\n    levle: entry\n", after="  - code: CPC\n"),
        re.escape("CPC.levle: unknown field"),
    ),
    (
        "negative fee",
        "aapc.yaml",
        edit("aapc.yaml", "          - value: 425\n", "          - value: -425\n", after="  - code: CPC\n"),
        re.escape("CPC.fees[0].amount[0].value: must be at least 0, got -425"),
    ),
    (
        "invalid enum value",
        "aapc.yaml",
        edit("aapc.yaml", "    level: entry\n", "    level: beginner\n", after="  - code: CPC\n"),
        re.escape("CPC.level: expected one of 'entry', 'intermediate', 'advanced' or 'specialty', got 'beginner'"),
    ),
    (
        "key given twice",
        "aapc.yaml",
        edit("aapc.yaml", "    level: entry\n", "    level: entry\n    level: advanced\n", after="  - code: CPC\n"),
        r"line \d+, column 5: invalid YAML: duplicate key 'level'",
    ),
    (
        "a source dated in the future",
        "seeds.yaml",
        edit("seeds.yaml", "    year_note: undated seed document\n", "    year: 2099\n"),
        re.escape("sources.seed-accredited-schools.year: 2099 is in the future; a figure is as of a past year"),
    ),
    (
        "year out of range",
        "seeds.yaml",
        edit("seeds.yaml", "    year_note: undated seed document\n", "    year: 1066\n"),
        re.escape("seed-accredited-schools.year: must be at least 1990, got 1066"),
    ),
    (
        "range upper end below the value",
        "aapc.yaml",
        edit("aapc.yaml", "        value: 100\n", "        value: 100\n        max: 90\n", after="  - code: CPC\n"),
        re.escape("CPC.exam.questions.max: smaller than the value"),
    ),
    (
        "duplicate credential code across files (any case)",
        "seeds.yaml",
        append("seeds.yaml", A_CREDENTIAL.format(code="cpc")),
        re.escape("cpc.code: duplicate credential code (also in {d}/aapc.yaml)"),
    ),
    (
        "duplicate credential code in one file",
        "others.yaml",
        append("others.yaml", A_CREDENTIAL.replace("credentials:\n", "").format(code="CMIS")),
        re.escape("CMIS.code: duplicate credential code (also in {d}/others.yaml)"),
    ),
    (
        "duplicate source id",
        "seeds.yaml",
        append("seeds.yaml", "  - {id: aapc-maintain-2021, url: x, title: y, year: 2020, confidence: seed}\n"),
        re.escape("sources.aapc-maintain-2021: duplicate source id (also in {d}/aapc.yaml)"),
    ),
    (
        "former code naming another credential",
        "aapc.yaml",
        edit("aapc.yaml", "former_codes: [CPC-H]", "former_codes: [CPC-H, ccs]"),
        re.escape("COC.former_codes[1]: 'ccs' already names CCS (in {d}/ahima.yaml)"),
    ),
    (
        "unknown issuer organization",
        "ahima.yaml",
        edit("ahima.yaml", "    issuer: AHIMA\n", "    issuer: AHIMAX\n", after="  - code: CCA\n"),
        re.escape("CCA.issuer: unknown organization 'AHIMAX'"),
    ),
    (
        "unknown source id",
        "aapc.yaml",
        edit("aapc.yaml", "source: aapc-cpc-page-2023\n", "source: nowhere-2023\n", after="  - code: CPC\n"),
        re.escape("CPC.exam.questions.source: unknown source 'nowhere-2023'"),
    ),
    (
        "unknown source in an eligibility requirement",
        "aapc.yaml",
        edit("aapc.yaml", "          source: aapc-apprenticeship-2025\n", "          source: nowhere\n",
             after="  - code: CPC\n"),
        re.escape("CPC.eligibility.required[0].source: unknown source 'nowhere'"),
    ),
    (
        "unknown credential in builds_on",
        "aapc-specialties.yaml",
        edit("aapc-specialties.yaml", "      - CPC\n", "      - CPX\n", after="  - code: CCC\n"),
        re.escape("CCC.builds_on[0]: unknown credential 'CPX'"),
    ),
    (
        "a top-level list instead of a mapping",
        "seeds.yaml",
        replace_file("seeds.yaml", b"- sources\n- credentials\n"),
        re.escape("expected a mapping with sources/organizations/credentials/context at the top"),
    ),
    (
        "a section of the wrong type",
        "seeds.yaml",
        append("seeds.yaml", "credentials: CPC\n"),
        re.escape("credentials: expected a list, got 'CPC'"),
    ),
    (
        "not UTF-8",
        "seeds.yaml",
        replace_file("seeds.yaml", b"sources:\n  - id: caf\xe9\n"),
        r"cannot read: 'utf-8' codec can't decode .*",
    ),
]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def one_error_line(result: Any) -> str:
    """The single stderr line of a failed run, after checking exit 1 and no traceback."""
    assert result.exit_code == 1, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0].removeprefix("Error: ")


@pytest.mark.parametrize("case, file, corrupt, expected", CASES, ids=[c[0] for c in CASES])
def test_a_broken_file_gives_one_precise_line(
    run: Any, data_copy: Path, case: str, file: str, corrupt: Corrupt, expected: str
) -> None:
    corrupt(data_copy)
    pattern = re.escape(f"{data_copy / file}: ") + expected.replace(re.escape("{d}"), re.escape(str(data_copy)))

    line = one_error_line(run("--data-dir", str(data_copy), "list"))
    assert re.fullmatch(pattern, line), f"{case}:\n got: {line}\nwant: {pattern}"

    problems = check_data(data_copy)
    assert len(problems) == 1, problems  # no follow-on noise from the files that depend on this one


def test_a_yaml_tag_never_runs_code(run: Any, data_copy: Path) -> None:
    edit("seeds.yaml", "confidence: seed", f"confidence: !!python/object/apply:os.system ['touch {data_copy}/pwned']")(
        data_copy
    )
    one_error_line(run("--data-dir", str(data_copy), "show", "CPC"))
    assert not (data_copy / "pwned").exists()


def test_an_empty_data_directory(run: Any, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("no data here\n")
    assert one_error_line(run("--data-dir", str(tmp_path), "list")) == f"{tmp_path}: no .yaml data files"


def test_a_missing_data_directory(run: Any, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert one_error_line(run("--data-dir", str(missing), "show", "CPC")) == f"{missing}: data directory not found"
    result = run("data", "check", str(missing))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{missing}: data directory not found", "1 problem found."]


# "~name" for a user that does not exist: Path.expanduser raises RuntimeError, which is no
# reason for a traceback; it is a data directory that is not there.
NO_SUCH_HOME = [
    pytest.param(["--data-dir", "~nosuchuser", "list"], {}, "~nosuchuser", id="--data-dir ~nosuchuser"),
    pytest.param(["list"], {"CERTCLI_DATA_DIR": "~zz"}, "~zz", id="CERTCLI_DATA_DIR=~zz"),
    pytest.param(["show", "CPC"], {"CERTCLI_DATA_DIR": "~zz/data"}, "~zz/data", id="CERTCLI_DATA_DIR=~zz/data"),
]


@pytest.mark.parametrize("args, env, typed", NO_SUCH_HOME)
def test_a_home_that_does_not_exist_is_a_missing_data_directory(
    run: Any, args: list[str], env: dict[str, str], typed: str
) -> None:
    assert one_error_line(run(*args, env=env)) == f"{typed}: data directory not found"


def test_data_check_of_a_home_that_does_not_exist(run: Any) -> None:
    result = run("data", "check", "~0")
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["~0: data directory not found", "1 problem found."]
    doc = json.loads(run("data", "check", "~0", "--json").stdout)
    assert body(doc) == {"data_dir": "~0", "ok": False, "problems": ["~0: data directory not found"]}


@pytest.mark.parametrize(
    "args, env, expected",
    [
        (["--data-dir", "~nosuchuser", "list"], {}, ["Error: ~nosuchuser: data directory not found"]),
        (["list"], {"CERTCLI_DATA_DIR": "~zz"}, ["Error: ~zz: data directory not found"]),
        (["data", "check", "~0"], {}, ["~0: data directory not found", "1 problem found."]),
    ],
    ids=["--data-dir ~nosuchuser", "CERTCLI_DATA_DIR=~zz", "data check ~0"],
)
def test_a_home_that_does_not_exist_from_the_console_script(
    tmp_path: Path, args: list[str], env: dict[str, str], expected: list[str]
) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CERTCLI_")}
    done = subprocess.run(
        [sys.executable, "-m", "certcli", *args],
        capture_output=True, text=True, env={**clean, **env}, cwd=tmp_path, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == expected


def test_the_environment_variable_can_point_at_broken_data(run: Any, data_copy: Path) -> None:
    edit("aapc.yaml", "    level: entry\n", "    level: beginner\n", after="  - code: CPC\n")(data_copy)
    line = one_error_line(run("compare", "CPC", "CCS", env={"CERTCLI_DATA_DIR": str(data_copy)}))
    assert line.startswith(f"{data_copy / 'aapc.yaml'}: CPC.level: expected one of")


# --------------------------------------------------------------------------- several problems at once


def break_three_things(data_dir: Path) -> list[str]:
    edit("aapc.yaml", CPC_MINUTES, "      minutes:\n        value: four hours\n", after="  - code: CPC\n")(data_dir)
    edit("ahima.yaml", "    issuer: AHIMA\n", "    issuer: AHIMAX\n", after="  - code: CCA\n")(data_dir)
    edit("others.yaml", "    level: entry\n", "    level: novice\n", after="  - code: CBCS\n")(data_dir)
    return [
        f"{data_dir / 'aapc.yaml'}: CPC.exam.minutes.value: expected an integer, got 'four hours'",
        f"{data_dir / 'others.yaml'}: CBCS.level: expected one of 'entry', 'intermediate', 'advanced' or "
        "'specialty', got 'novice'",
        f"{data_dir / 'ahima.yaml'}: CCA.issuer: unknown organization 'AHIMAX'",
    ]


def test_data_check_lists_every_problem(run: Any, data_copy: Path) -> None:
    expected = break_three_things(data_copy)
    result = run("data", "check", str(data_copy))
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*expected, "3 problems found."]


def test_data_check_json_lists_every_problem(run: Any, data_copy: Path) -> None:
    expected = break_three_things(data_copy)
    result = run("data", "check", str(data_copy), "--json")
    assert result.exit_code == 1, result.stderr
    doc = json.loads(result.stdout)
    assert doc["ok"] is False
    assert doc["problems"] == expected


def test_other_commands_show_the_first_problem_and_point_to_data_check(run: Any, data_copy: Path) -> None:
    expected = break_three_things(data_copy)
    line = one_error_line(run("--data-dir", str(data_copy), "show", "CPC"))
    assert line == f"{expected[0]} (and 2 more problems: run 'certcli data check')"


def test_data_check_uses_the_global_data_dir_option(run: Any, data_copy: Path) -> None:
    expected = break_three_things(data_copy)
    result = run("--data-dir", str(data_copy), "data", "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == expected


def test_data_check_on_the_shipped_data_says_ok(run: Any, catalog: Any) -> None:
    out = ok(run("data", "check")).stdout
    n = len(catalog.credentials)
    assert out.strip().endswith(
        f"ok — {n} credentials, {len(catalog.organizations)} organizations, {len(catalog.sources)} sources."
    )
    doc = as_json(run("data", "check", str(DATA), "--json"))
    assert body(doc) == {"data_dir": str(DATA), "ok": True, "problems": []}


def test_a_fixed_copy_loads_and_is_used(run: Any, data_copy: Path) -> None:
    """A school's own copy with an edited figure: certcli shows the edited figure."""
    edit("aapc.yaml", "          - value: 425\n", "          - value: 450\n", after="  - code: CPC\n")(data_copy)
    assert ok(run("data", "check", str(data_copy))).stdout.startswith(f"{data_copy}: ok")
    doc = as_json(run("--data-dir", str(data_copy), "show", "CPC", "--json"))
    exam = [f for f in doc["fees"] if f["kind"] == "exam" and f["attempts"] == 1]
    assert exam[0]["amount"] == 450


def test_the_shipped_data_is_dated_once(data_copy: Path) -> None:
    from certcli.catalog.load import build

    catalog, problems = build(DATA)
    dated = re.search(r"^data_version: (\S+)$", (DATA / "release.yaml").read_text(), re.M)
    assert problems == [] and catalog is not None and dated and catalog.data_version == dated[1]
    (data_copy / "zz-second.yaml").write_text("data_version: 2027-01-02\n")
    [problem] = check_data(data_copy)
    assert "zz-second.yaml: data_version: given twice (also in" in problem and "release.yaml" in problem
