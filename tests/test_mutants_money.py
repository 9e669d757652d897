"""`cost` and `fees`: notes and line notes a mutation run of the money engine showed unguarded.

Each mutant changed a sentence a buyer reads (a note about a missing 2-attempt price shown when
nobody asked for 2 attempts, or dropped when they did; the note on an unpublished tier; which
credential a recertification line is for; the other values sources give; the years of dues
counted) while every test passed. Figures are read from data/*.yaml: AHIMA dues $135 a year, CCA
$100 cheaper for members, AHIMA recertification $118 cheaper for members.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import TODAY, as_json, edited_fixture, flat, ok

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


# --------------------------------------------------------------------------- on the fixture catalog
# tests/fixtures/data (made-up round figures): AHIMA-like dues $100 a year, first-time $60, 65+ $50;
# TCA exam $150 member, $300 non-member; recertification every 2 years, $100 member, $200 non-member.

FIRST_YEAR_ONLY = (
    "The AHIMA first-time rate counts for the first membership year only; later years use the regular rate."
)


def test_a_first_time_rate_then_the_regular_rate_are_both_said(run_fixture: Any) -> None:
    doc = as_json(run_fixture("cost", "TCA", "--first-time", "--member", "--years", "4", "--json"))
    # member: exam 150 + dues 60 + 3 × 100 + recertification 100 = 610; non-member: 300 + 200 = 500
    assert doc["strategy"] == [
        "You chose AHIMA membership: joining AHIMA costs $60 in the first year (first-time), then $100 a year, and "
        "saves $150 on the TCA exam and $100 on each recertification: staying a member over 4 years costs $110 more "
        "than never joining."
    ]
    assert doc["total"]["amount"] == 150 + 60 + 3 * 100 + 100
    assert doc["notes"] == [FIRST_YEAR_ONLY]


def test_the_first_year_only_note_needs_a_later_year(run_fixture: Any) -> None:
    doc = as_json(run_fixture("cost", "TCA", "--first-time", "--member", "--years", "1", "--json"))
    assert doc["strategy"] == [
        "You chose AHIMA membership: joining AHIMA costs $60 a year (first-time) and saves $150 on the TCA exam: "
        "staying a member over 1 year saves $90."
    ]
    assert doc["notes"] == []
    assert "first membership year only" not in flat(ok(run_fixture("cost", "TCA", "--first-time", "--member",
                                                                    "--years", "1")).stdout)


def fee_claims(doc: dict[str, Any], code: str, audience: str) -> list[dict[str, Any]]:
    [cred] = [c for c in doc["credentials"] if c["code"] == code]
    [fee] = [f for f in cred["fees"] if f["kind"] == "exam" and f.get("audience") == audience]
    claims: list[dict[str, Any]] = fee["amount"] if isinstance(fee["amount"], list) else [fee["amount"]]
    fee["amount"] = claims
    return claims


def test_disputed_third_party_figures_use_the_most_recent_and_say_so(run: Any, tmp_path: Path) -> None:
    # the rule certcli states beside every figure: marked current, else the most recent official,
    # else the most recent. Here two third-party sources and neither marked current.
    def edit(doc: dict[str, Any]) -> None:
        fee_claims(doc, "TCA", "non_member")[:] = [
            {"value": 280, "source": "t-aapc-tp-2025"}, {"value": 300, "source": "t-ahima-tp-2026"},
        ]

    data = edited_fixture(tmp_path, "ahima.yaml", edit)
    doc = as_json(run("--data-dir", str(data), "cost", "TCA", "--non-member", "--years", "1", "--json", today=TODAY))
    [exam] = doc["items"]
    assert (exam["amount"], exam["disputed"]) == (300, True)
    assert exam["note"].startswith("sources disagree ($280–$300); used $300 from 2026")
    assert exam["note"].endswith(", the most recent figure")


def test_the_last_known_price_is_the_most_recent_superseded_one(run: Any, tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        fee_claims(doc, "TRT", "member").append({"value": 200, "source": "t-aapc-2018", "status": "superseded"})

    data = edited_fixture(tmp_path, "ahima.yaml", edit)
    doc = as_json(run("--data-dir", str(data), "cost", "TRT", "--member", "--years", "1", "--json", today=TODAY))
    [exam] = [i for i in doc["items"] if i["kind"] == "exam"]
    assert exam["amount"] is None
    assert "the last known price, $250 (2020" in exam["note"]  # the 2020 figure, not the 2018 one


def test_membership_every_year_is_said_as_every_year(run_fixture: Any) -> None:
    # 1 year: member 150 + dues 100 = 250, non-member 300
    doc = as_json(run_fixture("cost", "TCA", "--years", "1", "--json"))
    assert doc["strategy"] == [
        "Joining AHIMA costs $100 a year and saves $150 on the TCA exam: over 1 year you save $50, so certcli "
        "prices you as a member every year."
    ]
    assert doc["total"]["amount"] == 250


def test_membership_whose_dues_equal_its_savings_breaks_even(run_fixture: Any) -> None:
    # TCS: member exam $350, non-member $400 (the official mirror's figure); 65+ dues $50
    doc = as_json(run_fixture("cost", "TCS", "--senior", "--years", "1", "--json"))
    [be] = doc["break_even"]
    assert (be["pays_for_itself"], be["from_year"], be["dues"]["amount"], be["savings"]["amount"]) == (True, 1, 50, 50)
    assert be["explanation"] == (
        "AHIMA membership breaks even from year 1: over 1 year its dues ($50) are covered by what member prices "
        "save ($50)."
    )


def test_a_complete_price_beats_a_lower_one_with_an_unpublished_part(run: Any, tmp_path: Path) -> None:
    # without a member recertification fee, staying a member (150 + 3 × 50 + ?) cannot be priced; being
    # a member in year 1 only (150 + 50 + non-member recertification 200 = 400) can, and beats never (500)
    def edit(doc: dict[str, Any]) -> None:
        [org] = doc["organizations"]
        fees = org["renewal"]["fees"]
        fees[:] = [f for f in fees if (f["kind"], f.get("audience")) != ("renewal", "member")]

    data = edited_fixture(tmp_path, "ahima.yaml", edit)
    doc = as_json(run("--data-dir", str(data), "cost", "TCA", "--senior", "--years", "3", "--json", today=TODAY))
    assert (doc["total"]["amount"], doc["total"]["complete"]) == (400, True)
    assert doc["strategy"][0].endswith(
        "AHIMA recertification (member) not published, so certcli prices you as a member in year 1."
    )


def test_the_aapc_student_rate_is_for_the_first_year_only_and_says_why(run_fixture: Any) -> None:
    # AAPC-like student dues $100 ("Not yet certified"), then the individual $200
    doc = as_json(run_fixture("cost", "TPC", "--student", "--years", "2", "--json"))
    assert [(i["year"], i["what"], i["amount"]) for i in doc["items"] if i["kind"] == "dues"] == [
        (1, "AAPC dues (student)", 100), (2, "AAPC dues (individual)", 200),
    ]
    assert doc["notes"] == [
        "The AAPC student rate counts for the first membership year only (AAPC: once certified, you are no longer "
        "a student); later years use the regular rate."
    ]


def test_an_exam_fee_nobody_published_is_not_disputed(run_fixture: Any) -> None:
    [exam] = as_json(run_fixture("cost", "TMR", "--json"))["items"]
    assert (exam["what"], exam["amount"], exam["disputed"], exam["note"]) == (
        "TMR exam (1 attempt)", None, False, "not published"
    )
    quote = as_json(run_fixture("fees", "TMR", "--json"))["quotes"]["TMR"]
    assert quote["exam"]["disputed"] is False
