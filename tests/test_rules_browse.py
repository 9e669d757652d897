"""The browsing rules, on the fixture catalog (tests/fixtures/data: made-up round figures).

`show` and `compare` keep every claim, use the one the claim-choice rule picks, mark disputed
figures with `*`, old ones with `old`, and say "not published" for what nobody published
(including prices whose every claim is superseded or doubtful). The clock is at 2026-11-23.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import FIXTURE, as_json, flat, ok

# --------------------------------------------------------------------------- show


def test_show_marks_old_figures_and_disputes_in_their_rows(run_fixture: Any) -> None:
    out = ok(run_fixture("show", "TPC")).stdout
    lines = out.splitlines()
    passing = next(line for line in lines if line.startswith(" Passing score"))
    questions = next(line for line in lines if line.startswith(" Questions"))
    assert passing.split()[2:] == ["70%", "2018", "[2]", "old"]  # a 2018 source
    assert questions.split()[1:] == ["100", "2026", "[1]"]  # a 2026 source: not old
    text = flat(out)
    fee = text[text.index("Exam, 1 attempt,"):text.index("Exam, 2 attempts")]
    assert "$400 2025 [3]" in fee and "sources disagree: $350 (2026 [1])" in fee  # the one used, then the other
    assert "AAPC dues, individual $200/yr 2026 [4] earlier: $150/yr (2018 [2])" in text  # superseded, shown as earlier
    assert "AAPC exams are sold to members only" in text


def test_show_says_an_out_of_date_price_is_not_a_current_one(run_fixture: Any) -> None:
    text = flat(ok(run_fixture("show", "TRT")).stdout)
    assert "Earlier exam, member $250 2020 [1] old" in text
    assert "Exam fee current price not published" in text
    assert "Replaced by TRA once earned" in text


def test_show_of_a_credential_with_nothing_priced(run_fixture: Any) -> None:
    text = flat(ok(run_fixture("show", "TMR")).stdout)
    assert "Exam fee current price not published" in text
    assert "CEUs 10 per cycle (cycle not published) undated [1] old" in text
    assert "Eligibility not published" in text


def test_show_finds_an_apprentice_designation(run_fixture: Any) -> None:
    assert as_json(run_fixture("show", "tpc-a", "--json"))["code"] == "TPC"


# --------------------------------------------------------------------------- compare


def test_list_orders_by_issuer_then_level(run_fixture: Any) -> None:
    doc = as_json(run_fixture("list", "--json"))
    assert [c["code"] for c in doc["credentials"]] == ["TPB", "TPC", "TCA", "TRT", "TCS", "TRA", "TBS", "TMR"]
    ahima = as_json(run_fixture("list", "--issuer", "ahima", "--json"))
    assert [c["code"] for c in ahima["credentials"]] == ["TCA", "TRT", "TCS", "TRA"]


def test_the_fixture_is_a_valid_data_directory(run: Any) -> None:
    result = ok(run("data", "check", str(FIXTURE)))
    assert result.stdout.endswith(": ok — 8 credentials, 4 organizations, 11 sources.\n")


# --------------------------------------------------------------------------- when a figure is old


@pytest.mark.parametrize(
    "today, old",
    [
        (date(2026, 12, 31), False),  # 548 days after July 1 of the source's year (2025): not yet old
        (date(2027, 1, 1), True),  # 549 days: old
    ],
)
def test_a_figure_is_old_more_than_548_days_after_july_1_of_its_year(
    run_fixture: Any, today: date, old: bool
) -> None:
    doc = as_json(run_fixture("show", "TPC", "--json", today=today))
    [fee] = [f for f in doc["fees"] if f["kind"] == "exam" and f["attempts"] == 1]
    assert fee["as_of"] == 2025 and fee["stale"] is old
    [quote] = as_json(run_fixture("fees", "TPC", "--json", today=today))["quotes"].values()
    assert quote["exam"]["as_of"] == 2025 and quote["exam"]["stale"] is old
    lines = ok(run_fixture("fees", "TPC", today=today)).stdout.splitlines()
    row = next(line for line in lines[3:] if line.strip().startswith("2025"))  # the exam fee's as-of cell
    assert ("old" in row.split()) is old
