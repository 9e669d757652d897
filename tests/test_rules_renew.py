"""The renewal rules, on the fixture catalog (tests/fixtures/data: made-up round figures).

CEUs under each stacking rule (a table, the highest plus 10 up to a cap, per credential), a
superseded credential dropped, how each issuer's cycle is dated and worded, the AAPC pro-rating
note only where it belongs, an unpublished cycle, and the cost of keeping a credential for a
member and a non-member. The clock is at 2026-11-23.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import as_json, flat, ok


def renew(run_fixture: Any, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = as_json(run_fixture("renew", *args, "--json"))
    assert doc["today"] == "2026-11-23"
    return doc


def issuer(doc: dict[str, Any], code: str) -> dict[str, Any]:
    [found] = [i for i in doc["issuers"] if i["issuer"] == code]
    return found


# --------------------------------------------------------------------------- CEUs stack by the issuer's rule


@pytest.mark.parametrize(
    "codes, org, ceus",
    [
        (["TPC"], "AAPC", 30),  # the table: 30 for one credential
        (["TPC", "TPB"], "AAPC", 40),  # 40 for two or more
        (["TCA"], "AHIMA", 20),
        (["TRA"], "AHIMA", 30),
        (["TCA", "TCS"], "AHIMA", 30),  # the highest single requirement (20) + 10
        (["TCA", "TRA"], "AHIMA", 40),  # 30 + 10
        (["TCA", "TCS", "TRA"], "AHIMA", 40),  # 30 + 10 + 10 = 50, at most 40
        (["TBS"], "TBA", 10),  # each credential's CEUs
        (["TMR"], "TMA", 10),
    ],
)
def test_ceus_stack_by_the_issuers_rule(run_fixture: Any, codes: list[str], org: str, ceus: int) -> None:
    item = issuer(renew(run_fixture, *codes), org)
    assert item["counted"] == codes
    assert item["ceus_per_cycle"] == ceus


def test_the_stacking_rule_is_said_in_words(run_fixture: Any) -> None:
    doc = renew(run_fixture, "TPC", "TPB", "TCA", "TCS")
    assert issuer(doc, "AAPC")["rule"] == "AAPC counts 30/40 CEUs for 1/2+ credentials; you hold 2"
    ahima = issuer(doc, "AHIMA")
    assert ahima["rule"] == "AHIMA: the highest single requirement (20) plus 10 for each further credential, at most 40"
    assert ahima["issuer_share_ceus"] == 15  # 50% of 30


def test_a_superseded_credential_is_dropped_from_the_ceus_and_the_due_dates(run_fixture: Any) -> None:
    doc = renew(run_fixture, "TRT@2026-02-01", "TRA@2026-03-01")
    ahima = issuer(doc, "AHIMA")
    assert ahima["credentials"] == ["TRT", "TRA"] and ahima["counted"] == ["TRA"]
    assert ahima["dropped"] == [{"code": "TRT", "superseded_by": "TRA"}]
    assert ahima["ceus_per_cycle"] == 30  # the TRA's alone, not 30 + 10
    assert "TRT is replaced by TRA: only the TRA's CEUs count." in ahima["notes"]
    assert [(d["date"], d["codes"], d["summary"]) for d in doc["deadlines"]] == [
        ("2028-02-01", ["TRA"], "TRA: 30 AHIMA CEUs due")
    ]


# --------------------------------------------------------------------------- dates and their rules


def test_each_issuer_says_how_it_dates_a_cycle(run_fixture: Any) -> None:
    doc = renew(run_fixture, "TPC@2026-01-10", "TCS@2025-06-01", "TBS@2026-02-01", "TMR@2026-01-01")
    rules = {i["issuer"]: i["dates"]["rule"] for i in doc["issuers"]}
    assert rules == {
        "AAPC": "AAPC: CEUs are due every 2 years on your membership due date, and the first cycle is pro-rated. "
        "From a date earned certcli counts 2 years; your AAPC account shows the exact date "
        "(give it as CODE@end:DATE).",
        "AHIMA": "AHIMA: the first 2-year cycle starts on the day the exam was passed.",
        "TBA": "TBA: renewed every 2 years, counted from the date earned.",
        "TMA": "TMA does not publish how often its credentials are renewed.",
    }


def test_an_unpublished_cycle_gives_no_due_date_and_says_why(run_fixture: Any) -> None:
    doc = renew(run_fixture, "TMR@2026-01-01")
    tma = issuer(doc, "TMA")
    assert tma["cycle_years"] is None and tma["dates"]["next_due"] is None
    assert tma["notes"] == ["TMA does not publish its renewal cycle, so certcli cannot date the next renewal."]
    assert doc["deadlines"] == []


def test_yearly_dues_fall_between_the_ceu_due_dates_where_membership_keeps_the_credential(run_fixture: Any) -> None:
    doc = renew(run_fixture, "TPC@2026-01-10", "TPB", "TBS@2026-02-01")
    assert [(d["date"], d["issuer"], d["kind"], d["summary"]) for d in doc["deadlines"]] == [
        ("2027-01-10", "AAPC", "dues", "TPC, TPB: AAPC membership dues due"),
        ("2028-01-10", "AAPC", "ceus", "TPC, TPB: 40 AAPC CEUs due"),
        ("2028-02-01", "TBA", "ceus", "TBS: 10 TBA CEUs due"),  # no membership: no dues dates
    ]


PRO_RATED = "ends your first AAPC cycle: AAPC pro-rates it, so fewer CEUs may be due."


def test_the_pro_rating_note_is_for_the_first_aapc_cycle_only(run_fixture: Any) -> None:
    first = issuer(renew(run_fixture, "TPC@2026-01-10"), "AAPC")
    assert first["dates"]["first_cycle"] is True
    assert f"2028-01-10 {PRO_RATED}" in first["notes"]
    later = issuer(renew(run_fixture, "TPC@2020-03-15"), "AAPC")  # due 2022, 2024, 2026, next 2028
    assert later["dates"]["first_cycle"] is False and later["dates"]["previous_due"] == "2026-03-15"
    assert not any(PRO_RATED in n for n in later["notes"])
    ended = issuer(renew(run_fixture, "TPC@end:2027-01-31"), "AAPC")  # a cycle end, not a date earned
    assert not any(PRO_RATED in n for n in ended["notes"])


@pytest.mark.parametrize("held, org", [("TCS@2026-01-10", "AHIMA"), ("TBS@2026-01-10", "TBA")])
def test_the_pro_rating_note_is_never_for_another_issuer(run_fixture: Any, held: str, org: str) -> None:
    doc = renew(run_fixture, held)
    item = issuer(doc, org)
    assert item["dates"]["first_cycle"] is True  # a first cycle, but not AAPC's
    assert not any("pro-rate" in n for n in item["notes"])
    assert "pro-rate" not in ok(run_fixture("renew", held)).stdout


# --------------------------------------------------------------------------- what keeping costs


def test_keeping_a_members_only_credential_costs_the_dues_of_one_cycle(run_fixture: Any) -> None:
    aapc = issuer(renew(run_fixture, "TPC"), "AAPC")
    assert aapc["cost_to_keep"] == [
        {"audience": "any", "years": 2, "total": {"amount": 400, "currency": "USD", "complete": True, "unknown": []},
         "dues_per_year": 200, "recertification": None,
         "text": "$400 per 2 years: dues $200 × 2"},
    ]  # fmt: skip


def test_keeping_with_an_optional_membership_prices_the_member_and_the_non_member(run_fixture: Any) -> None:
    both = issuer(renew(run_fixture, "TCS"), "AHIMA")["cost_to_keep"]
    assert [(c["audience"], c["total"]["amount"], c["dues_per_year"], c["recertification"]) for c in both] == [
        ("non_member", 200, None, 200),  # a non-member pays the fee, no dues
        ("member", 300, 100, 100),  # a member pays dues for 2 years and the member fee
    ]
    [member] = issuer(renew(run_fixture, "TCS", "--member"), "AHIMA")["cost_to_keep"]
    assert (member["audience"], member["total"]["amount"]) == ("member", 300)
    [non] = issuer(renew(run_fixture, "TCS", "--non-member"), "AHIMA")["cost_to_keep"]
    assert (non["audience"], non["total"]["amount"]) == ("non_member", 200)


def test_renew_and_cost_agree_on_the_recertification_fee_for_two_credentials(run_fixture: Any) -> None:
    for flag, first, extra, dues in (("--non-member", 200, 50, 0), ("--member", 100, 25, 200)):
        [keep] = issuer(renew(run_fixture, "TCA", "TCS", flag), "AHIMA")["cost_to_keep"]
        assert keep["recertification"] == first + extra and keep["total"]["amount"] == first + extra + dues
        doc = as_json(run_fixture("cost", "TCA", "TCS", flag, "--years", "4", "--json"))
        year3 = [i["amount"] for i in doc["items"] if i["year"] == 3 and i["kind"] == "renewal"]
        assert sum(year3) == keep["recertification"]  # the same rule in both commands


def test_a_disputed_grace_period_uses_the_newest_official_claim_and_shows_the_other(run_fixture: Any) -> None:
    grace = issuer(renew(run_fixture, "TPC"), "AAPC")["grace_days"]
    assert grace["value"] == 30 and grace["source"] == "t-aapc-2026" and grace["disputed"] is True
    assert sorted(c["value"] for c in grace["claims"]) == [10, 30]
    out = flat(ok(run_fixture("renew", "TPC")).stdout)
    assert "Grace period 30 days 2026 [1] sources disagree: 10 days (2018 [" in out


def test_renew_text_marks_old_and_unpublished_figures(run_fixture: Any) -> None:
    out = ok(run_fixture("renew", "TMR", "TBS")).stdout
    [ceus] = [line for line in out.splitlines() if line.startswith(" CEUs") and "cycle not published" in line]
    assert ceus.split()[-3:] == ["undated", "[1]", "old"]  # an undated source is old
    tbs = out[out.index("TBA — TBS"):]
    assert flat(tbs).startswith("TBA — TBS CEUs 10 every 2 years")
    assert "Recertification not published unverified: $60 (2026" in flat(tbs)
