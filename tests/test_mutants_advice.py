"""Advice a user reads, for the mutants of engine/draft.py, budget.py, goals/ and specialty.py that
the persona table let through: ladders for people who already hold an inpatient credential, the
alternatives each goal always lists, the reasons' exact words, the budget rule for an advanced
first step, and the specialty words a person types.

Expected plans and sentences were read against data/*.yaml (AAPC exams $425, dues $222 or $157 for
students; CCA $299, or $199 + $49 student dues; CCS $399 as of 2010; 16 subject CEUs for CPMA/CPCO).
"""

from __future__ import annotations

from typing import Any

import pytest

from certcli.catalog import Catalog
from certcli.engine.advice import UNCONFIRMED_NOW, Plan, match_specialty, recommend
from certcli.model import Profile
from tests.conftest import TODAY


def plan(catalog: Catalog, **answers: Any) -> Plan:
    return recommend(Profile(**answers), catalog, TODAY)


def steps(p: Plan) -> list[tuple[str, str]]:
    return [(s.credential.code, s.when) for s in p.steps]


def alternatives(p: Plan) -> dict[str, str]:
    return {a.credential.code: a.reason for a in p.alternatives}


# --------------------------------------------------------------------------- inpatient ladders


def test_holding_one_inpatient_credential_plans_the_other_issuers(catalog: Catalog) -> None:
    ccs = plan(catalog, goal="coding", setting="hospital_inpatient", held=("CCS",))
    assert steps(ccs) == [("CIC", "now")]
    assert ccs.steps[0].why[0] == (
        "You hold the CCS; AAPC's CIC is the other inpatient coding credential, for coders who want both issuers' "
        "inpatient credentials."
    )
    cic = plan(catalog, goal="coding", setting="hospital_inpatient", held=("CIC",))
    # CCS recommends a credential from another body plus 1 year of coding work: the CIC counts
    assert steps(cic) == [("CCS", "after 1 year of coding work")]
    assert cic.steps[0].why == ("You hold the CIC; AHIMA's CCS is the other hospital coding credential.",)
    both = plan(catalog, goal="coding", setting="hospital_inpatient", held=("CCS", "CIC"))
    assert steps(both) == [("CPMA", "now")]  # issue 12: holding both, the next step is a role


def test_one_year_of_work_without_the_cca_still_starts_with_the_cca(catalog: Catalog) -> None:
    p = plan(catalog, goal="coding", setting="hospital_inpatient", experience_years=1)
    assert steps(p) == [("CCA", UNCONFIRMED_NOW), ("CCS", "after CCA")]
    assert alternatives(p) == {
        "CIC": "AAPC's inpatient credential; like the CCS it assumes experience (take it instead of the CCS if you "
        "prefer AAPC).",
        "CPC": "Another way in: start in a physician office with AAPC's CPC and move to inpatient later.",
    }


def test_outpatient_coding_lists_every_alternative(catalog: Catalog) -> None:
    p = plan(catalog, goal="coding", setting="hospital_outpatient")
    assert list(alternatives(p)) == ["CPC", "CCS", "CCA"]
    assert alternatives(p)["CCA"] == "AHIMA's entry coding credential, for any setting."


# --------------------------------------------------------------------------- held credentials


def test_holding_the_named_specialty_still_plans_the_next_credential(catalog: Catalog) -> None:
    p = plan(catalog, goal="coding", setting="physician_office", held=("CPC", "COSC"), specialty="orthopedic")
    assert steps(p) == [("CRC", "now")]
    unknown = plan(catalog, goal="coding", setting="physician_office", held=("CPC",), specialty="astrology")
    assert steps(unknown) == [("CRC", "now")]
    assert "certcli found no AAPC specialty credential for 'astrology'." in unknown.notes


def test_a_cbcs_holder_billing_gets_the_missing_billing_and_coding_halves(catalog: Catalog) -> None:
    hospital = plan(catalog, goal="billing", setting="hospital_inpatient", held=("CBCS",))
    assert steps(hospital) == [("CPC", "now")]
    assert alternatives(hospital) == {
        "CPPM": "Practice management builds on billing experience; a later step.",
        "CPB": "AAPC's billing credential for physician and professional claims.",
    }
    office = plan(catalog, goal="billing", setting="physician_office", held=("CBCS",))
    assert steps(office) == [("CPB", "now")]
    assert alternatives(office) == {
        "CPC": "AAPC's core coding credential: CPC + CPB is the classic pair, a later step."
    }


def test_a_cpc_holder_in_no_setting_gets_crc_with_every_reason_and_nothing_unknown(catalog: Catalog) -> None:
    p = plan(catalog, goal="coding", held=("CPC",))
    assert p.steps[0].why == (
        "You hold the CPC; risk adjustment (CRC) is the next AAPC coding credential for physician offices and "
        "provider groups.",
        "A specialty credential is the other usual next step: name a specialty to get one.",
    )


# --------------------------------------------------------------------------- the words of the reasons


def test_a_specialty_in_no_setting_comes_after_the_cpc(catalog: Catalog) -> None:
    p = plan(catalog, goal="coding_and_billing", specialty="cardiology")
    assert steps(p) == [("CPC", "now"), ("CPB", "after CPC"), ("CCC", "after CPC")]
    assert p.steps[2].why[1] == "Specialty credentials build on a core credential (CPC or COC), so it comes after CPC."


def test_the_tie_sentence_is_whole(catalog: Catalog) -> None:
    p = plan(catalog, goal="coding", education="high_school")
    assert p.steps[0].why[1] == (  # issue 12: reach decides, the price difference is shown
        "CPC and CCA fit equally well; by certcli's tie rule (when two credentials fit equally well, certcli prefers "
        "the one you can sit now, then the one whose reach matches what you asked for (your setting and goal), then "
        "the issuer listed first in its data; the first-year price never decides, and the difference is shown), CPC "
        "reaches what you asked for: with no setting named, coding jobs in physician offices and clinics, where the "
        "CPC is the credential most asked for. In the first year CCA costs you $299 against $647 for CPC."
    )


def test_advanced_goals_say_the_subject_ceus_and_the_held_core_only_where_they_should(catalog: Catalog) -> None:
    auditing = plan(catalog, goal="auditing")
    assert steps(auditing) == [("CPC", "now"), ("CPMA", "after CPC, once you have some coding experience")]
    assert auditing.steps[1].why == (
        "Auditing: AAPC's CPMA is the auditing credential (records and claims checked for correct coding).",
        "Keeping it takes 16 auditing CEUs inside each 2-year AAPC total.",
        "Not found in certcli's data: its current exam fee; check https://www.aapc.com.",
    )
    compliance = plan(catalog, goal="compliance", held=("CPC",), experience_years=3)
    assert compliance.steps[0].why == (
        "Compliance: AAPC's CPCO is the credential for running a compliance program (OIG guidance).",
        "Keeping it takes 16 compliance CEUs inside each 2-year AAPC total.",
    )
    assert alternatives(compliance)["CHPS"] == (
        "AHIMA's privacy and security credential; it requires healthcare privacy or security management experience "
        "(high school diploma or GED plus 6 years of healthcare privacy or security management experience, or less "
        "with a degree or credential)."
    )


def test_auditing_from_a_hospital_starts_with_the_cca(catalog: Catalog) -> None:
    p = plan(catalog, goal="auditing", setting="hospital_inpatient")
    assert steps(p) == [("CCA", UNCONFIRMED_NOW), ("CPMA", "after CCA, once you have some coding experience")]


def test_documentation_alternative_says_what_the_data_does_not_publish(catalog: Catalog) -> None:
    p = plan(catalog, goal="documentation")
    assert alternatives(p)["CDIP"] == (
        "AHIMA's documentation integrity credential, aimed at hospitals. Not found in certcli's data: its "
        "current exam fee and eligibility rules; check https://www.ahima.org."
    )
    assert alternatives(p)["CCDS-O"].endswith("Not found in certcli's data: its exam length and current exam fee; "
                                              "check https://acdis.org.")  # issue 12: ACDIS's CDI credentials


def test_scribe_and_risk_adjustment_alternatives(catalog: Catalog) -> None:
    scribe = plan(catalog, goal="scribe")
    assert list(alternatives(scribe)) == ["CMSP", "CPMS"]
    assert alternatives(scribe)["CMSP"] == (
        "AHDPG's scribe credential, the other confirmed one with its own apprentice level (AMSP); its issuer's site "
        "was not found."
    )
    # a specialty named for risk adjustment is not listed: only the scribe goal lists one
    risk = plan(catalog, goal="risk_adjustment", specialty="cardiology")
    assert list(alternatives(risk)) == ["CPC", "CPMA"]


# --------------------------------------------------------------------------- budget


def test_a_budget_that_covers_the_first_year_also_gives_the_whole_path(catalog: Catalog) -> None:
    p = plan(catalog, goal="coding", setting="physician_office", budget_usd=1000)
    whole = "Your budget of $1,000 covers the first year of CPC ($647); the whole path over 4 years comes to $1,313."
    assert whole in p.notes


def test_an_advanced_first_step_over_budget_keeps_the_plan(catalog: Catalog) -> None:
    p = plan(catalog, goal="coding", setting="hospital_inpatient", experience_years=3, budget_usd=100)
    assert steps(p) == [("CCS", UNCONFIRMED_NOW)]
    assert p.budget_note == (
        "Your budget of $100 is below the first-year price of CCS for you ($399: exam $399, as of 2010; some figures "
        "are over 18 months old); no cheaper credential does the same job, so the plan is unchanged."
    )


def test_a_student_on_a_budget_gets_the_cheaper_start_in_full_sentences(catalog: Catalog) -> None:
    p = plan(catalog, goal="coding", setting="physician_office", student=True, budget_usd=300)
    assert steps(p) == [("CCA", UNCONFIRMED_NOW)]
    assert p.steps[0].why[0] == (
        "Budget: your budget of $300 is below the first-year price of CPC for you ($582); CCA costs you $248 in the "
        "first year, and AHIMA membership is optional."
    )
    assert p.budget_note == (
        "Your budget of $300 is below the first-year price of CPC for you ($582: exam $425 + membership $157, as of "
        "2026), so the plan starts with CCA instead ($248: exam $199 + membership $49 (seed source, unverified), "
        "dated figures as of 2021; some figures are over 18 months old; AHIMA membership is optional). CPC stays "
        "an option when your budget allows."
    )


# --------------------------------------------------------------------------- the specialty a person types


@pytest.mark.parametrize(
    "typed, code",
    [("uro", "CUC"), ("anesthesiology", "CANPC"), ("gastroenterology", "CGIC"), ("the", None), ("coding", None)],
)
def test_specialty_words(catalog: Catalog, typed: str, code: str | None) -> None:
    found = match_specialty(catalog, typed)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("typed, code", [("cardiovascular", "CCVTC"), ("interventional", "CIRCC")])
def test_a_whole_word_of_the_name_beats_five_letters_in_common(catalog: Catalog, typed: str, code: str) -> None:
    found = match_specialty(catalog, typed)
    assert found is not None and found.code == code
