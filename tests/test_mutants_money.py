"""`cost` and `fees`: notes and line notes a mutation run of the money engine showed unguarded.

Each mutant changed a sentence a buyer reads (a note about a missing 2-attempt price shown when
nobody asked for 2 attempts, or dropped when they did; the note on an unpublished tier; which
credential a recertification line is for; the other values sources give; the years of dues
counted) while every test passed. Figures are read from data/*.yaml: AHIMA dues $135 a year, CCA
$100 cheaper for members, AHIMA recertification $118 cheaper for members.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import as_json, flat, ok

NO_PACKAGE = "is not sold as a 2-attempt package, and no retake price is published."


def test_the_missing_2_attempt_price_is_said_only_when_2_attempts_are_asked_for(run: Any) -> None:
    assert as_json(run("cost", "CBCS", "--attempts", "2", "--json"))["notes"] == [f"CBCS {NO_PACKAGE}"]
    assert as_json(run("cost", "CBCS", "--json"))["notes"] == []
    assert NO_PACKAGE not in flat(ok(run("fees", "CPC")).stdout)


def test_a_retake_nobody_published_is_unknown_not_disputed(run: Any) -> None:
    doc = as_json(run("cost", "CBCS", "--attempts", "2", "--json"))
    [retake] = [item for item in doc["items"] if item["kind"] == "retake"]
    assert (retake["amount"], retake["disputed"]) == (None, False)
    assert retake["what"] == "CBCS retake (a second attempt)"


def test_an_optional_membership_with_no_published_price_says_how_it_is_priced(run: Any) -> None:
    out = flat(ok(run("fees", "CDIP")).stdout)
    assert (
        "AHIMA membership is optional; CDIP exam (1 attempt, member), CDIP exam (1 attempt, non-member) not "
        "published, so priced for a non-member."
    ) in out


def test_a_missing_first_time_rate_says_the_individual_rate_is_used(run: Any) -> None:
    doc = as_json(run("cost", "CPC", "--first-time", "--json"))
    assert doc["notes"] == ["AAPC publishes no first-time membership rate: the individual rate is used"]


def test_line_notes_say_which_credential_a_recertification_is_for(run: Any) -> None:
    doc = as_json(run("cost", "CCS", "--json"))
    assert [(i["what"], i["note"]) for i in doc["items"]] == [
        ("CCS exam (1 attempt, non-member)", "2010 official figure; third-party 2025–26 sources report it unchanged"),
        ("AHIMA recertification (non-member)", "for CCS"),
    ]
    cmss = as_json(run("cost", "CMSS", "--json"))
    assert [(i["what"], i["amount"], i["note"]) for i in cmss["items"]] == [
        ("CMSS exam (1 attempt)", None, "not published"),
        *[("ACMSS renewal", None, "renewal fee not published; for CMSS")] * 3,
    ]


def test_other_values_list_each_different_figure_once(run: Any) -> None:
    doc = as_json(run("cost", "CPC", "--json"))
    others = {i["what"]: [(o["amount"], o["as_of"]) for o in i["other_values"]] for i in doc["items"]}
    assert others["CPC exam (1 attempt, member)"] == [(399, 2026)]
    assert others["AAPC dues (individual)"] == [(190, 2022)]


def test_dues_for_an_optional_membership_count_from_the_exam_year(run: Any) -> None:
    doc = as_json(run("cost", "CPC", "CCA", "--years", "8", "--json"))
    assert doc["strategy"][1] == (
        "Joining AHIMA costs $135 a year (seed source, unverified)"
    " and saves $100 on the CCA exam and $118 on each recertification: over 8 "
        "years membership would cost $945 in dues to save $454, so certcli prices you as a non-member."
    )
    [ahima] = doc["break_even"]
    assert (ahima["dues"]["amount"], ahima["savings"]["amount"], ahima["pays_for_itself"]) == (945, 454, False)


STRATEGIES = {
    ("CCS",): "Joining AHIMA costs $135 a year (seed source, unverified)"
    " and saves $100 on the CCS exam and $118 on each recertification: over 4 "
    "years membership would cost $540 in dues to save $218, so certcli prices you as a non-member.",
    ("CDIP",): "Joining AHIMA costs $135 a year (seed source, unverified)"
    " and saves an unpublished amount on the CDIP exam and $118 on each "
    "recertification; CDIP exam (1 attempt, member) and CDIP exam (1 attempt, non-member) not published, so certcli "
    "prices you as a non-member.",
    ("CCS", "--member"): "You chose AHIMA membership: joining AHIMA costs $135 a year (seed source, unverified)"
    " and saves $100 on the CCS exam "
    "and $118 on each recertification: staying a member over 4 years costs $322 more than never joining.",
    ("CCS", "--attempts", "2"): "Joining AHIMA costs $135 a year (seed source, unverified)"
    " and saves $200 on the CCS exam and retake and $118 on "
    "each recertification: it pays only in year 1, so certcli prices you as a member then and a non-member "
    "otherwise, $65 less than never joining (staying a member over 4 years costs $222 more than never joining).",
    ("CCS", "--held", "CCA"): "Joining AHIMA costs $135 a year (seed source, unverified)"
    " and saves $100 on the CCS exam and an unpublished "
    "amount on recertification (years 2 and 4); AHIMA recertification, 1 more credential (member) not published, so "
    "certcli prices you as a non-member.",
}


def test_the_membership_sentence_is_whole(run: Any) -> None:
    for args, sentence in STRATEGIES.items():
        assert as_json(run("cost", *args, "--json"))["strategy"] == [sentence], args


def test_required_dues_name_no_tier_for_the_individual_rate(run: Any) -> None:
    [sentence] = as_json(run("cost", "CPC", "--years", "2", "--json"))["strategy"]
    assert sentence == (
        "AAPC membership is required to sit its exams and to keep its credentials: dues of $222 a year are counted "
        "in years 1 and 2 ($444 over 2 years)."
    )
    [one] = as_json(run("cost", "CPC", "--years", "1", "--json"))["strategy"]
    assert one.startswith("AAPC membership is required to sit its exams and to keep its credentials: dues of $222 a "
                          "year are counted in year 1 ")


def test_one_year_of_required_dues_says_year(run: Any) -> None:
    [sentence] = as_json(run("cost", "CPC", "--years", "1", "--json"))["strategy"]
    assert sentence.endswith("are counted in year 1 ($222 over 1 year).")
