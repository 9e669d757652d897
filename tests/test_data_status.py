"""A claim has one status (current, superseded, doubtful, or none), never three booleans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import check_data
from certcli.model import ClaimStatus, MoneyClaim
from tests.conftest import FIXTURE


def _copy_with(tmp_path: Path, old: str, new: str, name: str = "aapc.yaml") -> Path:
    for f in FIXTURE.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("status", list(ClaimStatus))
def test_the_status_gives_the_one_flag_that_reads_true(status: ClaimStatus) -> None:
    claim = MoneyClaim(value=1, source="s", status=status)
    flags = {"current": claim.current, "superseded": claim.superseded, "doubtful": claim.doubtful}
    assert [name for name, on in flags.items() if on] == [str(status)]
    none = MoneyClaim(value=1, source="s")
    assert not (none.current or none.superseded or none.doubtful)


@pytest.mark.parametrize("flag", ["current: true", "superseded: true", "doubtful: true"])
def test_the_old_booleans_are_refused_with_the_key_path(tmp_path: Path, flag: str) -> None:
    data = _copy_with(tmp_path, "status: current", flag)
    problems = check_data(data)
    assert any(p.endswith(f"{flag.split(':')[0]}: unknown field") for p in problems), problems


def test_an_unknown_status_names_the_choices(tmp_path: Path, run: Any) -> None:
    data = _copy_with(tmp_path, "status: current", "status: latest")
    result = run("--data-dir", str(data), "data", "check")
    assert result.exit_code == 1, result.output
    assert "status: expected one of 'current', 'superseded' or 'doubtful', got 'latest'" in result.stderr
