"""`certcli renew`: dates, notes and figures a mutation run of engine/renewal.py and
engine/ceu_rules.py showed unguarded (each mutant changed what a person reads while every test passed).

On the fixture catalog (tests/fixtures/data: made-up round figures), the clock at 2026-11-23.
Expected figures come from the fixture's data (AAPC-like: a 2-year cycle, dues $200 a year,
30/40 CEUs for 1/2+ credentials; AHIMA-like: the highest single requirement plus 10 for each
further credential, at most 40) and from the date rule in certcli's README and renew help: the
next due date is the date earned plus whole cycles, the first one on or after today.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from certcli.engine.renewal import add_years
from tests.conftest import TODAY, as_json, edited_fixture, flat, ok
from tests.test_rules_renew import issuer, renew  # the fixture's renew --json, read by issuer

LAST_DUE = "Your last due date"


def test_a_first_cycle_has_no_last_due_date(run_fixture: Any) -> None:
    # earned 53 days ago: the date earned starts the cycle, it is not a due date someone missed
    aapc = issuer(renew(run_fixture, "TPC@2026-10-01"), "AAPC")
    assert aapc["dates"]["next_due"] == "2028-10-01" and aapc["dates"]["first_cycle"] is True
    assert aapc["dates"]["previous_due"] is None
    assert not any(LAST_DUE in n for n in aapc["notes"])
    assert LAST_DUE not in ok(run_fixture("renew", "TPC@2026-10-01")).stdout


def test_a_due_date_passed_less_than_90_days_ago_is_said_with_its_days(run_fixture: Any) -> None:
    # earned 2024-10-01: due 2026-10-01 (53 days before 2026-11-23), next 2028-10-01
    aapc = issuer(renew(run_fixture, "TPC@2024-10-01"), "AAPC")
    assert (aapc["dates"]["previous_due"], aapc["dates"]["next_due"]) == ("2026-10-01", "2028-10-01")
    note = (
        "Your last due date, 2026-10-01, was 53 days ago: if you have not renewed yet, see the grace period "
        "and late fee."
    )
    assert note in aapc["notes"]
    assert note in flat(ok(run_fixture("renew", "TPC@2024-10-01")).stdout)


def test_a_credential_earned_today_is_due_one_whole_cycle_later(run_fixture: Any) -> None:
    aapc = issuer(renew(run_fixture, "TPC@2026-11-23"), "AAPC")
    assert aapc["dates"]["next_due"] == "2028-11-23"  # 2026-11-23 + one 2-year cycle, not today
    assert (aapc["dates"]["previous_due"], aapc["dates"]["first_cycle"]) == (None, True)
    assert "2028-11-23 ends your first AAPC cycle: AAPC pro-rates it, so fewer CEUs may be due." in aapc["notes"]


def test_the_json_names_the_date_that_sets_the_cycle(run_fixture: Any) -> None:
    earned = issuer(renew(run_fixture, "TPC@2025-03-01"), "AAPC")["dates"]
    assert earned["anchor"] == {"code": "TPC", "kind": "earned", "date": "2025-03-01"}
    ended = issuer(renew(run_fixture, "TCA@2025-03-01", "TCS@end:2027-06-30"), "AHIMA")["dates"]
    assert ended["anchor"] == {"code": "TCS", "kind": "cycle_end", "date": "2027-06-30"}
    assert ended["next_due"] == "2027-06-30"


# --------------------------------------------------------------------------- the fixture with one fact changed
# Some rules meet no case in the fixture or the shipped data (every AHIMA-like credential publishes
# its CEUs): these tests copy the fixture, change the one fact the rule is about, and run certcli on it.


def credential(doc: dict[str, Any], code: str) -> dict[str, Any]:
    [found] = [c for c in doc["credentials"] if c["code"] == code]
    return found


def test_no_ceu_sum_is_guessed_when_one_credentials_ceus_are_not_published(run: Any, tmp_path: Path) -> None:
    data = edited_fixture(tmp_path, "ahima.yaml", lambda doc: credential(doc, "TCS")["renewal"].pop("ceus"))
    doc = as_json(run("--data-dir", str(data), "renew", "TCA", "TCS", "--json", today=TODAY))
    ahima = issuer(doc, "AHIMA")
    assert ahima["ceus_per_cycle"] is None  # not the TCA's 20 plus 10
    assert ahima["rule"] == "AHIMA: the CEUs for TCA, TCS are not published"


def test_a_due_date_that_falls_today_is_the_next_due_date(run_fixture: Any) -> None:
    # renew's help: the date earned plus whole cycles, the first on or after today
    aapc = issuer(renew(run_fixture, "TPC@2024-11-23"), "AAPC")
    assert (aapc["dates"]["next_due"], aapc["dates"]["previous_due"]) == ("2026-11-23", None)
    deadlines = renew(run_fixture, "TPC@2024-11-23")["deadlines"]
    assert [(d["date"], d["kind"]) for d in deadlines] == [("2026-11-23", "ceus")]


def test_a_past_cycle_end_counts_whole_cycles_to_the_next_and_the_last_due_date(run_fixture: Any) -> None:
    # a cycle ended 2022-09-30: 2024-09-30, 2026-09-30 (54 days before today), next 2028-09-30
    aapc = issuer(renew(run_fixture, "TPC@end:2022-09-30"), "AAPC")
    assert (aapc["dates"]["previous_due"], aapc["dates"]["next_due"]) == ("2026-09-30", "2028-09-30")
    assert (
        "Your last due date, 2026-09-30, was 54 days ago: if you have not renewed yet, see the grace period and "
        "late fee."
    ) in aapc["notes"]


def test_one_credentials_ceus_are_not_said_to_be_added_up(run_fixture: Any) -> None:
    assert issuer(renew(run_fixture, "TBS"), "TBA")["rule"] == "TBA: each credential's CEUs"


def test_keeping_a_members_only_credential_with_a_fee_adds_the_fee_to_the_dues(run: Any, tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        [aapc] = doc["organizations"]
        aapc["renewal"]["fees"].append({"kind": "renewal", "amount": {"value": 50, "source": "t-aapc-2026"}})

    data = edited_fixture(tmp_path, "aapc.yaml", edit)
    doc = as_json(run("--data-dir", str(data), "renew", "TPC", "--json", today=TODAY))
    [keep] = issuer(doc, "AAPC")["cost_to_keep"]
    assert (keep["total"]["amount"], keep["dues_per_year"], keep["recertification"]) == (200 * 2 + 50, 200, 50)
    assert keep["text"] == "$450 per 2 years: dues $200 × 2 + recertification $50"


def ahima(doc: dict[str, Any]) -> dict[str, Any]:
    [org] = doc["organizations"]
    return org


def test_one_credential_needs_no_stacking_figure(run: Any, tmp_path: Path) -> None:
    # the AHIMA-like issuer without its "10 per further credential": one credential is still its own 20
    data = edited_fixture(tmp_path, "ahima.yaml", lambda doc: ahima(doc)["renewal"].pop("additional_ceus"))
    one = issuer(as_json(run("--data-dir", str(data), "renew", "TCA", "--json", today=TODAY)), "AHIMA")
    assert one["ceus_per_cycle"] == 20
    assert one["rule"] == "AHIMA: the highest single requirement (20), at most 40"
    two = issuer(as_json(run("--data-dir", str(data), "renew", "TCA", "TCS", "--json", today=TODAY)), "AHIMA")
    assert two["ceus_per_cycle"] is None  # how a second one adds up is not published: no sum guessed


def second_tba_credential(ceus: int | None) -> Callable[[dict[str, Any]], None]:
    """A second credential of the TBA (CEUs per credential), with ``ceus`` CEUs or none published."""

    def edit(doc: dict[str, Any]) -> None:
        [tbs] = [c for c in doc["credentials"] if c["code"] == "TBS"]
        tbx = {**tbs, "code": "TBX", "name": "Test Billing Extra", "renewal": {}}
        if ceus is not None:
            tbx["renewal"] = {"ceus": {"value": ceus, "source": "t-tba-2026"}}
        doc["credentials"].append(tbx)

    return edit


def test_ceus_per_credential_add_up_only_when_each_is_published(run: Any, tmp_path: Path) -> None:
    known = edited_fixture(tmp_path / "known", "others.yaml", second_tba_credential(5))
    tba = issuer(as_json(run("--data-dir", str(known), "renew", "TBS", "TBX", "--json", today=TODAY)), "TBA")
    assert (tba["ceus_per_cycle"], tba["rule"]) == (10 + 5, "TBA: each credential's CEUs, added up")
    unknown = edited_fixture(tmp_path / "unknown", "others.yaml", second_tba_credential(None))
    tba = issuer(as_json(run("--data-dir", str(unknown), "renew", "TBS", "TBX", "--json", today=TODAY)), "TBA")
    assert (tba["ceus_per_cycle"], tba["rule"]) == (None, "TBA: the CEUs are not published")


def test_a_gap_in_the_ceu_table_is_not_filled_in(run: Any, tmp_path: Path) -> None:
    # a table published for 1 and 3+ credentials says nothing about 2: no figure is guessed
    def edit(doc: dict[str, Any]) -> None:
        [aapc] = doc["organizations"]
        aapc["renewal"]["table"] = [{"credentials": 1, "ceus": 30}, {"credentials": 3, "ceus": 50}]

    data = edited_fixture(tmp_path, "aapc.yaml", edit)
    aapc = issuer(as_json(run("--data-dir", str(data), "renew", "TPC", "TPB", "--json", today=TODAY)), "AAPC")
    assert (aapc["ceus_per_cycle"], aapc["rule"]) == (None, "AAPC publishes no CEU figure for 2 credentials")


def test_the_calendar_runs_from_year_1_to_9999() -> None:
    # the range of Python's dates, which add_years promises to reach before it refuses
    assert add_years(date(3, 5, 1), -2) == date(1, 5, 1)
    assert add_years(date(9997, 5, 1), 2) == date(9999, 5, 1)
