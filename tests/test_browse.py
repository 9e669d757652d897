"""list / show / compare / search as a user meets them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import as_json, ok


def test_compare_cpc_ccs_shows_researched_facts_with_dates(run: Any) -> None:
    out = ok(run("compare", "CPC", "CCS")).stdout
    assert "CPC" in out and "CCS" in out
    assert "100" in out and "107" in out  # questions
    assert "240 min" in out
    assert "$299" in out  # CCS member fee
    assert "members only" in out  # AAPC sells exams to members only
    assert "2026" in out and "Sources" in out


def test_unknown_code_suggests_and_exits_2(run: Any) -> None:
    result = run("show", "CPX")
    assert result.exit_code == 2, result.stdout
    assert "Unknown credential 'CPX'. Did you mean CPC?" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("typed, code", [("ccs-p", "CCS-P"), ("CCSP", "CCS-P"), ("CPC-H", "COC"), ("cpc", "CPC")])
def test_codes_are_case_and_punctuation_insensitive(run: Any, typed: str, code: str) -> None:
    doc = as_json(run("show", typed, "--json"))
    assert doc["code"] == code


def test_search_finds_by_specialty_and_setting(run: Any) -> None:
    codes = [r["code"] for r in as_json(run("search", "cardiology", "--json"))["results"]]
    assert "CCC" in codes
    codes = [r["code"] for r in as_json(run("search", "inpatient", "--json"))["results"]]
    assert {"CIC", "CCS", "CDEI"} <= set(codes)
