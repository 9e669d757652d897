"""The money rules, on the fixture catalog (tests/fixtures/data: made-up round figures).

Which claim a price comes from, members-only exams, optional memberships, tiers, attempts,
unpublished amounts and the totals of `fees` and `cost`. A routine fee update in data/ cannot
break these; the shipped figures have their own tests in test_data.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import as_json, flat, ok


def quote(run_fixture: Any, code: str, *flags: str) -> dict[str, Any]:
    [q] = as_json(run_fixture("fees", code, *flags, "--json"))["quotes"].values()
    assert q["code"] == code
    return q


def cost(run_fixture: Any, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = as_json(run_fixture("cost", *args, "--json"))
    assert sum(y["subtotal"]["amount"] for y in doc["by_year"]) == doc["total"]["amount"]
    return doc


def items(doc: dict[str, Any]) -> list[tuple[int, str, int | None]]:
    return [(i["year"], i["what"], i["amount"]) for i in doc["items"]]


# --------------------------------------------------------------------------- which claim is used


def test_a_claim_marked_current_wins_over_a_newer_official_one(run_fixture: Any) -> None:
    exam = quote(run_fixture, "TPC")["exam"]
    assert (exam["amount"], exam["source"], exam["as_of"]) == (400, "t-aapc-tp-2025", 2025)
    assert exam["disputed"] is True and exam["stale"] is False
    assert exam["other_values"] == [
        {"amount": 350, "max": None, "source": "t-aapc-2026", "as_of": 2026, "status": None}]
    assert exam["note"] == "sources disagree ($350–$400); used $400 from 2025, marked current"


def test_without_a_mark_the_most_recent_official_claim_wins_over_a_newer_third_party_one(run_fixture: Any) -> None:
    exam = quote(run_fixture, "TPB")["exam"]
    assert (exam["amount"], exam["source"], exam["as_of"]) == (300, "t-aapc-2018", 2018)
    assert exam["disputed"] is True and exam["stale"] is True
    assert [o["amount"] for o in exam["other_values"]] == [350]
    assert exam["note"] == "sources disagree ($300–$350); used $300 from 2018, the most recent official figure"


def test_an_official_mirror_counts_as_official(run_fixture: Any) -> None:
    exam = quote(run_fixture, "TCS", "--non-member")["exam"]
    assert (exam["amount"], exam["source"]) == (400, "t-ahima-mirror-2024")  # not the newer third-party $450
    assert exam["disputed"] is True and exam["stale"] is True


def test_the_same_value_from_two_sources_is_not_disputed_and_is_dated_by_the_newer(run_fixture: Any) -> None:
    exam = quote(run_fixture, "TCA", "--member")["exam"]
    assert (exam["amount"], exam["source"], exam["as_of"]) == (150, "t-ahima-tp-2026", 2026)
    assert exam["disputed"] is False and exam["other_values"] == [] and exam["stale"] is False


def test_a_superseded_claim_is_never_used_even_an_official_one(run_fixture: Any) -> None:
    dues = quote(run_fixture, "TPC")["dues"]
    assert (dues["amount"], dues["source"]) == (200, "t-aapc-tp-2026")  # not the superseded official $150
    assert dues["disputed"] is False


def test_a_doubtful_claim_is_never_used_and_disputes_nothing(run_fixture: Any) -> None:
    q = quote(run_fixture, "TBS")
    assert q["exam"]["amount"] == 100 and q["exam"]["disputed"] is False
    assert q["first_year_total"]["amount"] == 100 and q["dues"] is None  # no membership at all


# --------------------------------------------------------------------------- not published


def test_an_unpublished_exam_fee_makes_the_total_incomplete(run_fixture: Any) -> None:
    q = quote(run_fixture, "TMR")
    assert q["exam"]["amount"] is None and q["exam"]["note"] == "not published"
    assert q["first_year_total"]["complete"] is False
    row = next(line for line in ok(run_fixture("fees", "TMR", "TBS")).stdout.splitlines() if line.startswith("TMR"))
    assert row.split() == ["TMR", "anyone", "not", "published", "1", "—", "?"]


def test_a_price_with_only_superseded_claims_is_out_of_date_not_current(run_fixture: Any) -> None:
    exam = quote(run_fixture, "TRT", "--member")["exam"]
    assert exam["amount"] is None
    assert exam["note"] == "current price not published; the last known price, $250 (2020), is out of date"


def test_a_price_with_only_doubtful_claims_is_unverified_not_current(run_fixture: Any) -> None:
    exam = quote(run_fixture, "TRA", "--member")["exam"]
    assert exam["amount"] is None
    assert exam["note"] == "current price not published; unverified figures only: $500 (2026)"


def test_the_fees_table_marks_disputed_old_and_unpublished_figures_in_their_cells(run_fixture: Any) -> None:
    out = ok(run_fixture("fees", "TPB", "TPC", "TMR")).stdout
    lines = out.splitlines()
    rows = {line.split()[0]: (line, lines[i + 1]) for i, line in enumerate(lines) if line[:3] in ("TPB", "TPC")}
    tpb, tpb_as_of = rows["TPB"]
    assert tpb.split()[:3] == ["TPB", "member", "$300*"]
    assert tpb_as_of.split()[:3] == ["2018", "[1]", "old"]  # the exam's as-of cell: 2018 is old
    tpc, tpc_as_of = rows["TPC"]
    assert tpc.split()[:3] == ["TPC", "member", "$400*"]
    assert "old" not in tpc_as_of.split()[:3]  # 2025 is not old on 2026-11-23
    text = flat(out)
    assert "* sources disagree on this figure" in text
    assert "'old' marks a figure more than 18 months old" in text
    assert "'?' marks an amount that is not published" in text


# --------------------------------------------------------------------------- members only


def test_a_members_only_exam_costs_a_non_member_the_member_price_plus_a_years_dues(run_fixture: Any) -> None:
    q = quote(run_fixture, "TPC", "--non-member")
    assert q["membership_required"] is True and q["member"] is True
    assert q["first_year_total"]["amount"] == 400 + 200
    assert "AAPC sells its exams to members only: a non-member pays the member price plus a year's dues." in q["notes"]


# --------------------------------------------------------------------------- optional membership


def test_the_cheaper_first_year_is_chosen_when_membership_is_optional(run_fixture: Any) -> None:
    tca = quote(run_fixture, "TCA")  # member 150 + dues 100 < non-member 300
    assert tca["member"] is True and tca["first_year_total"]["amount"] == 250
    assert (
        "Joining AHIMA (individual dues $100) saves $150 on the exam: $50 less in the first year, "
        "so priced for a member." in tca["notes"]
    )
    tcs = quote(run_fixture, "TCS")  # member 350 + dues 100 > non-member 400
    assert tcs["member"] is False and tcs["first_year_total"]["amount"] == 400 and tcs["dues"] is None
    assert (
        "Joining AHIMA (individual dues $100) would save $50 on the exam, so the first year is cheaper "
        "as a non-member." in tcs["notes"]
    )


@pytest.mark.parametrize(
    "flags, total, tier",
    [
        (["--member"], 150 + 100, "individual"),
        (["--non-member"], 300, None),
        (["--member", "--first-time"], 150 + 60, "first-time"),
        (["--member", "--senior"], 150 + 50, "65+"),
        (["--member", "--first-time", "--senior"], 150 + 50, "65+"),  # the cheapest rate that fits
    ],
)
def test_membership_flags_and_tiers_decide_the_first_year(
    run_fixture: Any, flags: list[str], total: int, tier: str | None
) -> None:
    q = quote(run_fixture, "TCA", *flags)
    assert q["first_year_total"]["amount"] == total
    assert (q["dues"]["what"] if q["dues"] else None) == (f"AHIMA dues ({tier})" if tier else None)


def test_a_rate_that_is_not_published_falls_back_to_the_individual_rate_and_says_so(run_fixture: Any) -> None:
    q = quote(run_fixture, "TCA", "--member", "--student")
    assert q["dues"]["what"] == "AHIMA dues (individual)" and q["first_year_total"]["amount"] == 250
    fallback = "AHIMA publishes no student membership rate: the individual rate is used"
    assert any(n.startswith(fallback) for n in q["notes"])
    aapc = quote(run_fixture, "TPC", "--student")
    assert aapc["dues"]["what"] == "AAPC dues (student)" and aapc["first_year_total"]["amount"] == 400 + 100
    assert not any("publishes no" in n for n in aapc["notes"])


# --------------------------------------------------------------------------- attempts


def test_two_attempts_buy_the_package_where_one_is_sold(run_fixture: Any) -> None:
    q = quote(run_fixture, "TPC", "--attempts", "2")
    assert q["attempts"] == 2 and q["exam"]["what"] == "TPC exam (2 attempts, member)"
    assert q["first_year_total"]["amount"] == 500 + 200


def test_two_attempts_without_a_package_point_at_the_retake_price(run_fixture: Any) -> None:
    q = quote(run_fixture, "TPB", "--attempts", "2")
    assert q["attempts"] == 1 and q["first_year_total"]["amount"] == 300 + 200  # `fees` prices the first attempt
    assert any("TPB is not sold as a 2-attempt package: a retake costs $100 (as of 2026)" in n for n in q["notes"])


def test_cost_with_two_attempts_counts_the_retake(run_fixture: Any) -> None:
    doc = cost(run_fixture, "TCS", "--attempts", "2", "--non-member", "--years", "1")
    assert items(doc) == [
        (1, "TCS exam (1 attempt, non-member)", 400),
        (1, "TCS retake (a second attempt, non-member)", 400),
    ]
    assert doc["total"]["amount"] == 800 and doc["total"]["complete"] is True


# --------------------------------------------------------------------------- cost over years


def test_cost_of_a_members_only_credential_counts_dues_every_year(run_fixture: Any) -> None:
    doc = cost(run_fixture, "TPC", "--non-member", "--years", "4")
    assert items(doc) == [
        (1, "TPC exam (1 attempt, member)", 400),
        (1, "AAPC dues (individual)", 200),
        (2, "AAPC dues (individual)", 200),
        (3, "AAPC dues (individual)", 200),
        (4, "AAPC dues (individual)", 200),
    ]  # no recertification fee: the credential is kept through the dues
    assert doc["total"]["amount"] == 1200 and doc["membership"] == {"AAPC": "required"}
    [sentence] = doc["strategy"]
    assert sentence.startswith("Even as a non-member you pay AAPC dues: membership is required to sit its exams")


def test_cost_recertification_adds_the_fee_for_each_further_credential(run_fixture: Any) -> None:
    doc = cost(run_fixture, "TCA", "TCS", "TRA", "--non-member", "--years", "6")
    renewals = [(y, what, amount) for y, what, amount in items(doc) if "recertification" in what]
    assert renewals == [
        (3, "AHIMA recertification (non-member)", 200),
        (3, "AHIMA recertification, 1 more credential (non-member)", 50),
        (5, "AHIMA recertification (non-member)", 200),
        (5, "AHIMA recertification, 2 more credentials (non-member)", 100),
    ]
    assert doc["total"]["complete"] is False
    assert doc["total"]["unknown"] == ["TRA exam (1 attempt, non-member) (year 3)"]
    assert doc["total"]["amount"] == 300 + 400 + 200 + 50 + 200 + 100  # the unknown TRA exam is not counted as zero


def test_cost_as_a_member_who_pays_more_says_so_without_a_negative_saving(run_fixture: Any) -> None:
    doc = cost(run_fixture, "TCS", "--member", "--years", "4")
    assert doc["total"]["amount"] == 350 + 4 * 100 + 100
    [sentence] = doc["strategy"]
    assert sentence.endswith("staying a member over 4 years costs $250 more than never joining.")
    assert "$-" not in sentence
    [be] = doc["break_even"]
    assert (be["pays_for_itself"], be["dues"]["amount"], be["savings"]["amount"]) == (False, 400, 150)
    never = cost(run_fixture, "TCS", "--non-member", "--years", "4")
    assert never["total"]["amount"] == 400 + 200 == doc["total"]["amount"] - 250


def test_cost_of_an_unpublished_or_only_doubtful_renewal_is_unknown_not_zero(run_fixture: Any) -> None:
    tbs = cost(run_fixture, "TBS", "--years", "4")
    assert items(tbs) == [(1, "TBS exam (1 attempt)", 100), (3, "TBA recertification", None)]
    renewal = tbs["items"][1]
    assert renewal["note"] == "for TBS; unverified figures only: $60 (2026)"
    assert tbs["total"]["amount"] == 100 and tbs["total"]["complete"] is False
    tmr = cost(run_fixture, "TMR", "--years", "4")
    assert tmr["total"]["unknown"] == ["TMR exam (1 attempt) (year 1)", "TMA renewal (cycle and fee not published)"]
    assert tmr["total"]["amount"] == 0 and tmr["total"]["complete"] is False


def test_cost_joins_an_optional_membership_only_in_the_years_it_pays(run_fixture: Any) -> None:
    doc = cost(run_fixture, "TCA", "--years", "4")  # no --member / --non-member: certcli picks
    assert items(doc) == [
        (1, "TCA exam (1 attempt, member)", 150),  # saves 150 for 100 of dues
        (1, "AHIMA dues (individual)", 100),
        (3, "AHIMA recertification (non-member)", 200),  # as a member: 100 + 100 of dues, no gain
    ]
    assert doc["membership"] == {"AHIMA": "some years"} and doc["total"]["amount"] == 450
    [sentence] = doc["strategy"]
    assert "it pays only in year 1, so certcli prices you as a member then and a non-member otherwise, " in sentence
    assert "$50 less than never joining" in sentence
    assert cost(run_fixture, "TCA", "--non-member", "--years", "4")["total"]["amount"] == 300 + 200
    assert cost(run_fixture, "TCA", "--member", "--years", "4")["total"]["amount"] == 150 + 4 * 100 + 100
