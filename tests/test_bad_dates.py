"""A date that does not exist (2026-02-30) in a YAML file is one clear line, never a traceback:
PyYAML turns such a value into a bare ValueError, which the shared loader reports like any YAML mistake."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from certcli.catalog import check_data
from tests.conftest import DATA


def test_an_answers_file_with_a_date_that_does_not_exist(run: Any, tmp_path: Path) -> None:
    answers = tmp_path / "me.yaml"
    answers.write_text("goal: coding\nstart: 2026-02-30\n", encoding="utf-8")
    result = run("advise", "--answers", str(answers))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().endswith(
        "me.yaml: line 2, column 8: invalid YAML: '2026-02-30' is not a date (day is out of range for month)"
    )
    as_json = run("advise", "--answers", str(answers), "--json")
    assert as_json.exit_code == 2
    assert "is not a date" in json.loads(as_json.stdout)["error"]["message"]


def test_a_data_file_with_a_date_that_does_not_exist(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    release = data / "release.yaml"
    release.write_text("data_version: 2027-02-29\n", encoding="utf-8")
    [problem] = check_data(data)
    assert problem.endswith("release.yaml: line 1, column 15: invalid YAML: '2027-02-29' is not a date "
                            "(day is out of range for month)")
