"""list / show / compare / search as a user meets them."""

from __future__ import annotations

from typing import Any

import pytest

from certcli.catalog import load_catalog
from tests.conftest import FIXTURE, as_json, compare_labels, comparison_cells, ok


def test_compare_shows_each_figure_with_its_date_and_marks_in_its_cell(run_fixture: Any) -> None:
    labels = compare_labels(load_catalog(FIXTURE), ["TPC", "TCS"])
    out = ok(run_fixture("compare", "TPC", "TCS")).stdout
    assert out.splitlines()[0].split() == ["TPC", "TCS"]
    cells = comparison_cells(out, labels)
    assert list(cells) == labels  # every row printed, in order
    assert cells["Questions"] == {"TPC": "100 2026 [1]", "TCS": "100 2026 [2]"}
    assert cells["Time"] == {"TPC": "240 min 2026 [1]", "TCS": "240 min 2026 [2]"}
    assert cells["Passing"] == {"TPC": "70% 2018 [3] old", "TCS": "not published"}
    assert cells["Exam fee, member"] == {"TPC": "$400* 2025 [4]", "TCS": "$350 2026 [2]"}
    assert cells["Exam fee, non-member"] == {"TPC": "members only", "TCS": "$400* 2024 [5] old"}
    assert cells["Membership to test"] == {"TPC": "required", "TCS": "optional"}
    assert cells["CEUs alone"] == {"TPC": "30/2 yr", "TCS": "20/2 yr"}
    sources = " ".join(out[out.index("\nSources") :].split())
    for n, (year, page) in enumerate(
        [(2026, "aapc/2026"), (2026, "ahima/2026"), (2018, "aapc/2018"), (2025, "aapc/third-party-2025"),
         (2024, "ahima/mirror-2024"), (2026, "aapc/third-party-2026")], start=1
    ):  # fmt: skip
        entry = sources[sources.index(f"[{n}]") : sources.index(f"[{n + 1}]") if n < 6 else None].strip()
        assert f", {year}, " in entry and entry.endswith(f"https://example.org/test/{page}"), entry
    text = " ".join(out.split())
    assert "* sources disagree on this figure" in text and "'old' marks a figure more than 18 months old" in text


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
