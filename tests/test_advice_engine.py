"""The advice engine, persona by persona: each builds a Profile and checks the path a person would get.

Expected figures are hand-computed from data/*.yaml: AAPC exams are $425 (1 attempt, third-party
2025–26) and sold to members only, AAPC dues $222 (individual) or $157 (student); CCA is $299 for a
non-member ($199 + $135 dues for a member); CBCS $117; AAPC asks 36/40/44/48/52 CEUs every 2 years
for 1/2/3/4/5+ credentials.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, get_args

import pytest

from certcli.catalog import Catalog
from certcli.engine import advice, fees
from certcli.engine.advice import Plan, eligibility_now, match_specialty, recommend, resolve_goal
from certcli.errors import UnknownCodeError
from certcli.model import Goal, Profile, SettingChoice, Status
from tests.conftest import TODAY, as_json, flat, ok


@dataclass(frozen=True)
class Persona:
    name: str
    profile: Profile
    path: tuple[str, ...]  # the expected steps, in order
    alternatives: tuple[str, ...] = ()  # codes that must be among the alternatives
    apprentice: str | None = None  # the first step's apprentice designation
    budget_note: bool = False
    goal: str | None = None  # the resolved goal, where it differs from profile.goal
    when: tuple[str, ...] = field(default=())  # expected Step.when, per step (all of them)
    sit: tuple[bool | None, ...] | None = None  # expected eligibility.can_sit_now, per step
    removed: Any = "unchecked"  # the first step's apprentice removed_now (True / False / None)
    spend: tuple[int, int] | None = None  # (new_spending, all_in) over the plan's 4 years, by hand from data/*.yaml


UNSURE_NOW = advice.UNCONFIRMED_NOW  # "now" only when every required condition is confirmed


def P(**answers: Any) -> Profile:
    return Profile(**answers)


PERSONAS = [
    Persona(
        "career changer into physician-office coding",
        P(goal="coding", setting="physician_office", education="high_school"),
        ("CPC",),
        alternatives=("CCA", "CCS-P"),
        apprentice="CPC-A",
        when=("now",),
    ),
    Persona(
        "billing only, physician office",
        P(goal="billing", setting="physician_office", education="associate"),
        ("CPB",),
        alternatives=("CBCS", "CMRS"),
        when=("now",),
    ),
    Persona(
        "billing, no particular setting",
        P(goal="billing", training_hours=120, education="high_school"),
        ("CBCS",),
        alternatives=("CPB", "CMRS"),
        when=(UNSURE_NOW,),
    ),
    Persona(
        "hospital inpatient coder with 3 years of experience",
        P(goal="coding", setting="hospital_inpatient", experience_years=3, education="associate"),
        ("CCS",),
        alternatives=("CIC", "CCA"),
        when=("now",),
    ),
    Persona(
        "hospital inpatient novice",
        P(goal="coding", setting="hospital_inpatient", education="high_school"),
        ("CCA", "CCS"),
        alternatives=("CIC",),
        when=("now", "after CCA and 1 year of coding work"),
    ),
    Persona(
        "hospital outpatient / facility coder",
        P(goal="coding", setting="hospital_outpatient"),
        ("COC",),
        alternatives=("CPC", "CCS"),
        apprentice="COC-A",
        when=("now",),
    ),
    Persona(
        "payer side",
        P(goal="coding", setting="payer"),
        ("CPC", "CRC"),
        alternatives=("CPC-P",),
        apprentice="CPC-A",
        when=("now", "after CPC"),
    ),
    Persona("risk adjustment", P(goal="risk_adjustment"), ("CRC",), alternatives=("CPC",), when=("now",)),
    Persona(
        "auditor who holds a CPC",
        P(goal="auditing", held=("CPC",), experience_years=3),
        ("CPMA",),
        alternatives=("CPCO",),
        when=("now",),
        sit=(True,),
        spend=(0, 4 * 222),  # the CPMA fee is not published; the AAPC dues are paid for the CPC already
    ),
    Persona(
        "auditing novice",
        P(goal="auditing"),
        ("CPC", "CPMA"),
        apprentice="CPC-A",
        when=("now", "after CPC, once you have some coding experience"),
    ),
    Persona(
        "compliance, one year in",
        P(goal="compliance", setting="physician_office", experience_years=1),
        ("CPC", "CPCO"),
        alternatives=("CHPS", "CPMA"),
        apprentice="CPC-A",
        when=("now", "after CPC, once you have some coding or billing experience"),
    ),
    Persona(
        "documentation, hospital inpatient, holds the CCS",
        P(goal="documentation", setting="hospital_inpatient", held=("CCS",), experience_years=4),
        ("CDIP",),
        alternatives=("CDEI",),
        when=(UNSURE_NOW,),
    ),
    Persona(
        "documentation, outpatient, holds the COC",
        P(goal="documentation", setting="hospital_outpatient", held=("COC",), experience_years=3),
        ("CDEO",),
        alternatives=("CDIP",),
        when=("now",),
    ),
    Persona(
        "practice manager",
        P(goal="management", held=("CPB",), experience_years=6),
        ("CPPM",),
        alternatives=("CPCO",),
        when=("now",),
    ),
    Persona(
        "specialty after a CPC held as CPC-A: removing the A comes first",
        P(goal="coding", setting="physician_office", specialty="cardiology", held=("CPC-A",)),
        ("CPC", "CCC"),
        apprentice="CPC-A",
        when=("once you meet one of the routes (eligibility)", "now"),
    ),
    Persona(
        "specialty for a newcomer: CPC first",
        P(goal="coding", setting="physician_office", specialty="orthopedics"),
        ("CPC", "COSC"),
        apprentice="CPC-A",
        when=("now", "after CPC"),
    ),
    Persona(
        "student",
        P(goal="coding", setting="physician_office", student=True, education="high_school"),
        ("CPC",),
        apprentice="CPC-A",
        when=("now",),
    ),
    Persona(
        "65 or older, billing",
        P(goal="billing", setting="physician_office", age_65_plus=True, education="bachelor"),
        ("CPB",),
        when=("now",),
    ),
    Persona("scribe", P(goal="scribe"), ("CMSS",), alternatives=("CMSP", "CPMS"), apprentice="CMSA", when=("now",)),
    Persona(
        "unsure, likes records and precision",
        P(goal="unsure", setting="physician_office", preferences=("records", "precision", "payers")),
        ("CPC",),
        apprentice="CPC-A",
        goal="coding",
        when=("now",),
    ),
    Persona(
        "unsure, likes payers and finance",
        P(goal="unsure", setting="physician_office", preferences=("payers", "finance", "juggling")),
        ("CPB",),
        goal="billing",
        when=("now",),
    ),
    Persona(
        "unsure, no preferences",
        P(goal="unsure"),
        ("CPC", "CPB"),
        alternatives=("CBCS",),
        apprentice="CPC-A",
        goal="coding_and_billing",
        when=("now", "after CPC"),
    ),
    Persona(
        "tight budget, physician-office coding",
        P(goal="coding", setting="physician_office", budget_usd=300, education="high_school"),
        ("CCA",),
        alternatives=("CPC",),
        budget_note=True,
        when=("now",),
    ),
    Persona(
        "very tight budget, billing and coding",
        P(goal="coding_and_billing", setting="physician_office", budget_usd=150, training_hours=200),
        ("CBCS",),
        alternatives=("CPC", "CPB"),
        budget_note=True,
        when=(UNSURE_NOW,),
    ),
    Persona(
        "novice with $150 and no setting is not sent to a CBCS she cannot sit",
        P(goal="coding", budget_usd=150),
        ("CPC",),
        alternatives=("CCA",),
        apprentice="CPC-A",
        budget_note=True,
        when=("now",),
        sit=(True,),
        removed=False,
        spend=(425 + 4 * 222, 425 + 4 * 222),
    ),
    Persona(
        "student with $500 wanting coding and billing keeps both halves",
        P(goal="coding_and_billing", student=True, budget_usd=500, education="high_school"),
        ("CCA", "CPB"),
        alternatives=("CPC", "CBCS"),
        budget_note=True,
        when=("now", "after CCA"),
        sit=(True, True),
    ),
    Persona(
        "holds several credentials, wants auditing",
        P(goal="auditing", held=("CPC", "CPB", "CRC"), experience_years=5),
        ("CPMA",),
        when=("now",),
    ),
    Persona(
        "holds CPC-H (now COC), outpatient coding",
        P(goal="coding", setting="hospital_outpatient", held=("CPC-H",), experience_years=3),
        ("CCS",),
        when=(UNSURE_NOW,),
    ),
    Persona(
        "coding and billing, physician office",
        P(goal="coding_and_billing", setting="physician_office"),
        ("CPC", "CPB"),
        alternatives=("CBCS",),
        apprentice="CPC-A",
        when=("now", "after CPC"),
    ),
    Persona(
        "holds the CPC, coding in no particular setting",
        P(goal="coding", held=("CPC",)),
        ("CRC",),
        when=("now",),
    ),
    Persona(
        "holds the CPC, payer coding on a $100 budget",
        P(goal="coding", setting="payer", held=("CPC",), budget_usd=100),
        ("CRC",),
        alternatives=("CPC-P",),
        budget_note=True,
        when=("now",),
    ),
    Persona(
        "billing student with no training yet",
        P(goal="billing", student=True, education="high_school"),
        ("CBCS",),
        alternatives=("CPB", "CMRS"),
        when=("once you meet the requirement: billing and coding training or work experience",),
    ),
    Persona(
        "holds the CCA with 6 months of work, inpatient",
        P(goal="coding", setting="hospital_inpatient", held=("CCA",), experience_years=0.5),
        ("CCS",),
        alternatives=("CIC",),
        when=("after 6 months more of coding work",),
    ),
    Persona(
        "coding in no particular setting, high school: CPC's reach, not CCA's lower price",
        P(goal="coding", education="high_school"),
        ("CPC",),
        alternatives=("CCA",),
        apprentice="CPC-A",
        when=("now",),
    ),
    Persona(
        "outpatient coder with 2 years of work",
        P(goal="coding", setting="hospital_outpatient", experience_years=2),
        ("COC", "CCS"),
        when=("now", "after COC"),
    ),
    Persona(
        "coding and billing for a hospital",
        P(goal="coding_and_billing", setting="hospital_inpatient"),
        ("CCA", "CRCR"),
        alternatives=("CPB", "CBCS"),
        when=(UNSURE_NOW, "after CCA"),
    ),
    Persona(
        "practice management, one year in",
        P(goal="management", experience_years=1),
        ("CPB", "CPPM"),
        alternatives=("CPCO",),
        when=("now", "after CPB, once you have some billing or office experience"),
    ),
    Persona(
        "billing for a hospital: HFMA's CRCR, which states no prerequisites",
        P(goal="billing", setting="hospital_outpatient", education="high_school"),
        ("CRCR",),
        alternatives=("CBCS", "CPB"),
        when=("now",),
    ),
    Persona(
        "a coder moving into compliance",
        P(goal="compliance", held=("CPC",), experience_years=4),
        ("CPCO",),
        alternatives=("CHC", "CHPS", "CPMA"),
        when=("now",),
        sit=(True,),
        spend=(499, 499 + 4 * 222),  # the CPCO exam; AAPC dues already paid for the CPC
    ),
    Persona(
        "practice manager with a bachelor's and 3 years meets CMPE's pathway 1",
        P(goal="management", held=("CPB",), experience_years=3, education="bachelor"),
        ("CPPM", "CMPE"),
        alternatives=("RHIT", "RHIA"),
        when=("now", "after CPPM"),
    ),
    Persona(
        "an RHIT asking about management hears of the RHIA",
        P(goal="management", held=("RHIT",), education="associate", experience_years=2),
        ("RHIA", "CPPM"),
        alternatives=("CMPE",),
        when=("now", "after RHIA, once you have some billing or office experience"),
        sit=(True, True),
    ),
    Persona(
        "holder of five AAPC credentials gets a next role",
        P(goal="coding", held=("CPC", "CPB", "CRC", "COC", "CIC"), experience_years=6),
        ("CPMA",),
        alternatives=("CDEO", "CCDS-O", "CPCO"),
        when=("now",),
        sit=(True,),
        spend=(0, 4 * 222),
    ),
    Persona(
        "CCS holder of six years moving to physician coding",
        P(goal="coding", setting="physician_office", held=("CCS",), experience_years=6),
        ("CPC",),
        alternatives=("CCS-P",),
        when=("now",),
        sit=(True,),
        removed=True,  # six years of coding remove the A straight away
        spend=(425 + 4 * 222, 425 + 4 * 222),
    ),
    Persona(
        "documentation novice, outpatient: CCDS-O is listed with what it needs",
        P(goal="documentation", setting="hospital_outpatient"),
        ("COC", "CDEO"),
        alternatives=("CCDS-O", "CDIP"),
        apprentice="COC-A",
        when=("now", "after COC, once you have some coding experience"),
    ),
    Persona(
        "associate HIM graduate into hospital coding: RHIT, not the entry CCA",
        P(goal="coding", setting="hospital_inpatient", him_degree="associate", education="associate"),
        ("RHIT", "CCS"),
        alternatives=("CCA", "CIC"),
        when=("now", "after RHIT"),
        sit=(True, True),
    ),
    Persona(
        "bachelor's HIM graduate into management: RHIA, then CPPM, not CPB first",
        P(goal="management", him_degree="bachelor", education="bachelor"),
        ("RHIA", "CPPM"),
        alternatives=("CPB", "CMPE", "RHIT"),
        when=("now", "after RHIA, once you have some billing or office experience"),
        sit=(True, True),
    ),
    Persona(
        "RN with 3 years of CDI moving into hospital CDI: CCDS, no coding credential first",
        P(goal="documentation", setting="hospital_inpatient", licenses=("RN",), experience={"cdi": 3}),
        ("CCDS",),
        alternatives=("CDIP", "CCDS-O"),
        when=("now",),
        sit=(True,),
        spend=(380, 380),  # the CCDS exam; ACDIS membership is optional
    ),
    Persona(
        "LPN with 2 years of CDI: ACDIS asks for an RN, MD or DO (or a coding credential)",
        P(goal="documentation", licenses=("LPN",), experience={"cdi": 2, "clinical": 5}),
        ("CPC", "CDEO"),
        alternatives=("CCDS-O", "CCDS"),
        apprentice="CPC-A",
        when=("now", "after CPC, once you have some coding experience"),
        sit=(True, True),
        removed=False,
        spend=(425 + 425 + 4 * 222, 425 + 425 + 4 * 222),  # CPC and CDEO exams, AAPC dues
    ),
    Persona(
        "biller of 4 years into coding: whether billing removes the A is for AAPC to confirm",
        P(goal="coding", setting="physician_office", experience={"billing": 4}),
        ("CPC",),
        apprentice="CPC-A",
        when=("now",),
        sit=(True,),
        removed=None,
        spend=(425 + 4 * 222, 425 + 4 * 222),
    ),
    Persona(
        "claims examiner into auditing",
        P(goal="auditing", experience={"payer_claims": 3}),
        ("CPC", "CPMA"),
        apprentice="CPC-A",
        when=("now", "after CPC, once you have some coding experience"),
        sit=(True, True),
        removed=None,
    ),
    Persona(
        "CPC-A holder with 80 hours and Practicode: the A comes off now",
        P(goal="coding", held=("CPC-A",), training_hours=80, practicode=True),
        ("CPC", "CRC"),
        when=("now", "now"),
        sit=(True, True),
        removed=True,
        spend=(425, 425 + 4 * 222),  # the CRC exam; AAPC dues are paid for the CPC-A already
    ),
    Persona(
        "80 hours and Practicode: no CPC-A",
        P(goal="coding", setting="physician_office", training_hours=80, practicode=True),
        ("CPC",),
        when=("now",),
        sit=(True,),
        removed=True,
        spend=(425 + 4 * 222, 425 + 4 * 222),
    ),
    Persona(
        "a coder of six years (told by kind) into compliance goes straight to the CPCO",
        P(goal="compliance", experience={"physician_coding": 6}),
        ("CPCO",),
        alternatives=("CPC", "CHC", "CHPS"),
        when=("now",),
        sit=(True,),
        spend=(499 + 4 * 222, 499 + 4 * 222),
    ),
    Persona(
        "80 hours without Practicode: a CPC-A until a year of work or Practicode",
        P(goal="coding", setting="physician_office", training_hours=80, practicode=False),
        ("CPC",),
        apprentice="CPC-A",
        when=("now",),
        sit=(True,),
        removed=False,
    ),
    Persona(
        "biller of 2 years into inpatient coding is not sent straight to the CCS",
        P(goal="coding", setting="hospital_inpatient", experience={"billing": 2}, education="high_school"),
        ("CCA", "CCS"),
        alternatives=("CIC",),
        when=("now", "after CCA and 1 year of coding work"),
        sit=(True, True),
    ),
    Persona(
        "health data analyst with a bachelor's",
        P(goal="health_data", education="bachelor"),
        ("CHDA",),
        alternatives=("RHIA",),
        when=(UNSURE_NOW,),
    ),
]


def plan_for(catalog: Catalog, profile: Profile) -> Plan:
    return recommend(profile, catalog, TODAY)


def codes(plan: Plan) -> list[str]:
    return [s.credential.code for s in plan.steps]


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_persona_gets_the_expected_path(catalog: Catalog, persona: Persona) -> None:
    plan = plan_for(catalog, persona.profile)
    steps = codes(plan)
    assert steps == list(persona.path), [s.why for s in plan.steps]
    assert plan.resolved_goal == (persona.goal or persona.profile.goal)
    assert plan.profile.goal == plan.resolved_goal

    held = {c.code for c in catalog.resolve(list(persona.profile.held))}
    exams = {s.credential.code for s in plan.steps if s.kind == "exam"}
    assert not held & exams, "never re-recommends a credential the person holds"
    for step in plan.steps:
        assert step.credential.code in catalog.credentials
        assert step.credential.status is Status.ACTIVE, "no retired/unconfirmed credential as a step"
        assert step.why and all(w.strip() for w in step.why)
        assert step.eligibility.lines and step.when
    alts = [a.credential.code for a in plan.alternatives]
    assert set(persona.alternatives) <= set(alts), alts
    assert not (set(alts) & set(steps)) and not (set(alts) & held)
    assert len(alts) == len(set(alts))

    assert plan.steps[0].eligibility.apprentice == persona.apprentice
    assert (plan.budget_note is not None) == persona.budget_note, plan.budget_note
    assert tuple(step.when for step in plan.steps) == persona.when
    assert any("not legally required" in n for n in plan.notes)
    if persona.sit is not None:
        assert tuple(s.eligibility.can_sit_now for s in plan.steps) == persona.sit
    if persona.removed != "unchecked":
        status = plan.steps[0].eligibility.apprentice_status
        assert status is not None and status.removed_now is persona.removed
    if persona.spend is not None:
        assert plan.spending is not None
        assert (plan.spending.new_spending, plan.spending.all_in) == persona.spend
    assert plan_for(catalog, persona.profile) == plan, "same input, equal plan"


@pytest.mark.parametrize("setting", get_args(SettingChoice))
@pytest.mark.parametrize("goal", [g for g in get_args(Goal) if g != "unsure"])
def test_every_goal_in_every_setting_gives_a_newcomer_a_path(catalog: Catalog, goal: str, setting: str) -> None:
    plan = plan_for(catalog, P(goal=goal, setting=setting))
    assert 1 <= len(plan.steps) <= 3, plan.notes
    assert not plan.steps[0].when.startswith("after"), "the first step waits on no other step"
    for before, step in zip(plan.steps, plan.steps[1:], strict=False):
        assert step.when.startswith(("after", "once")), (before.credential.code, step.when)
    assert all(step.credential.status is Status.ACTIVE for step in plan.steps)
    assert plan.cost is not None and plan.cost.codes == tuple(codes(plan))


# --------------------------------------------------------------------------- eligibility now


def test_novice_cpc_is_told_about_cpc_a_and_how_to_lose_the_a(catalog: Catalog) -> None:
    step = plan_for(catalog, P(goal="coding", setting="physician_office")).steps[0]
    lines = step.eligibility.lines
    assert step.eligibility.can_sit_now
    assert lines[0] == "You can sit now: AAPC asks only for membership (its exams are sold to members only)."
    until = "You will be CPC-A until you have 2 years of coding experience, or 1 year plus an 80-hour course"
    assert any(line.startswith(until) for line in lines), lines
    assert "Recommended (not required): Associate degree — you did not say your education." in lines
    assert "aapc-apprenticeship-2025" in step.eligibility.sources


def test_experience_already_meeting_a_removal_rule_means_no_apprentice(catalog: Catalog) -> None:
    profile = P(goal="coding", setting="physician_office", experience_years=1, training_hours=80)
    step = plan_for(catalog, profile).steps[0]
    assert step.eligibility.apprentice is None
    assert any("You would not stay CPC-A" in line and "1 year plus an 80-hour course" in line
               for line in step.eligibility.lines)
    plan = plan_for(catalog, P(goal="coding", setting="physician_office", experience_years=2))
    assert plan.steps[0].eligibility.apprentice is None
    assert not any("CPC-A" in n and "until" in n for n in plan.notes)


def test_membership_is_said_once_and_other_informational_conditions_are_kept(catalog: Catalog) -> None:
    cpb = eligibility_now(P(goal="billing"), catalog, catalog.credential("CPB"))
    assert cpb.lines[0] == "You can sit now: AAPC asks only for membership (its exams are sold to members only)."
    assert any(line.startswith("No experience or course is required:") for line in cpb.lines), cpb.lines
    assert not any(line.startswith("Active AAPC membership") for line in cpb.lines), cpb.lines
    cmrs = eligibility_now(P(goal="billing"), catalog, catalog.credential("CMRS"))
    assert not any(line.startswith("AMBA membership (required") for line in cmrs.lines), cmrs.lines


def test_the_apprentice_note_says_when_earlier_experience_counts(catalog: Catalog) -> None:
    cpc = plan_for(catalog, P(goal="coding", setting="physician_office")).notes
    assert ("A new CPC without the experience is a CPC-A (apprentice) until the experience or training in the "
            "eligibility lines is documented (experience from before the exam counts).") in cpc
    scribe = plan_for(catalog, P(goal="scribe")).notes
    assert ("A new CMSS without the experience is a CMSA (apprentice) until the experience or training in the "
            "eligibility lines is documented.") in scribe


def test_ahima_separates_required_from_recommended(catalog: Catalog) -> None:
    cca = catalog.credential("CCA")
    unknown = eligibility_now(P(goal="coding"), catalog, cca)
    assert not unknown.can_sit_now
    assert "Required: High school diploma or equivalent — you did not say your education." in unknown.lines
    known = eligibility_now(P(goal="coding", education="high_school"), catalog, cca)
    assert known.can_sit_now
    assert "Required: High school diploma or equivalent — you have it." in known.lines
    assert any(line.startswith("Recommended (not required): Any one of: 6 months of coding experience")
               and "not yet" in line for line in known.lines)
    assert "AHIMA membership is optional: it lowers the exam fee but is not needed to sit." in known.lines


def test_rhia_needs_a_bachelors_program(catalog: Catalog) -> None:
    rhia = catalog.credential("RHIA")
    e = eligibility_now(P(goal="health_data", education="associate"), catalog, rhia)
    assert not e.can_sit_now
    assert any(line.startswith("RHIA needs a CAHIIM-accredited baccalaureate") and
               "you told us your education is an associate degree." in line for line in e.lines)
    # holding the RHIT is another route
    assert eligibility_now(P(goal="health_data", held=("RHIT",)), catalog, rhia).can_sit_now


def test_degree_credentials_are_alternatives_that_name_the_degree(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="health_data", education="high_school"))
    reasons = {a.credential.code: a.reason for a in plan.alternatives}
    assert "RHIA" not in codes(plan) and "RHIT" not in codes(plan)
    assert "bachelor" in reasons["RHIA"] or "baccalaureate" in reasons["RHIA"]
    assert "fits only if you plan that degree" in reasons["RHIT"]


def test_cbcs_without_training_says_what_is_missing(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="billing", student=True, education="high_school"))
    step = plan.steps[0]
    assert step.credential.code == "CBCS"
    assert not step.eligibility.can_sit_now
    assert step.when.startswith("once you meet the requirement: billing and coding training")


# --------------------------------------------------------------------------- ordering and ties


def test_tie_between_cpc_and_cca_is_broken_by_reach_not_price(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", education="high_school"))
    assert codes(plan) == ["CPC"], "no setting: the CPC's physician-office reach, not a climb to a hospital CCS"
    tie = next(w for w in plan.steps[0].why if "tie rule" in w)
    assert advice.TIE_RULE in tie
    assert "CPC reaches what you asked for" in tie
    assert "CCA costs you $299 against $647 for CPC" in tie  # the price difference is shown, not deciding
    assert "Tie rule" in (advice.__doc__ or "")
    # eligibility still comes first: CCA needs a high-school diploma, which a person may say they lack
    first = plan_for(catalog, P(goal="coding", setting="any", held=(), education="high_school")).steps[0]
    assert first.credential.code == "CPC" and first.eligibility.can_sit_now


def test_entry_before_advanced_unless_experience_says_otherwise(catalog: Catalog) -> None:
    novice = codes(plan_for(catalog, P(goal="coding", setting="hospital_inpatient")))
    assert novice.index("CCA") < novice.index("CCS")
    veteran = codes(plan_for(catalog, P(goal="coding", setting="hospital_inpatient", experience_years=2)))
    assert veteran[0] == "CCS" and "CCA" not in veteran
    cca_holder = plan_for(catalog, P(goal="coding", setting="hospital_inpatient", held=("CCA",), experience_years=0.5))
    assert codes(cca_holder) == ["CCS"]
    assert cca_holder.steps[0].when == "after 6 months more of coding work"


def test_specialty_credentials_come_after_a_core_one(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding_and_billing", setting="physician_office", specialty="dermatology"))
    assert codes(plan) == ["CPC", "CPB", "CPCD"]
    outpatient = codes(plan_for(catalog, P(goal="coding", setting="hospital_outpatient", specialty="emergency")))
    assert outpatient == ["COC", "CEDC"]
    unknown = plan_for(catalog, P(goal="coding", setting="physician_office", specialty="astrology"))
    assert codes(unknown) == ["CPC"]
    assert any("no AAPC specialty credential for 'astrology'" in n for n in unknown.notes)


@pytest.mark.parametrize(
    "typed, code",
    [("cardiology", "CCC"), ("Cardio", "CCC"), ("orthopedics", "COSC"), ("ob/gyn", "COBGC"), ("CPCD", "CPCD"),
     ("oncology", "CHONC"), ("pediatrics", "CPEDC")],
)
def test_specialty_matching(catalog: Catalog, typed: str, code: str) -> None:
    found = match_specialty(catalog, typed)
    assert found is not None and found.code == code


def test_unconfirmed_credentials_are_alternatives_with_their_status(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", setting="payer"))
    reason = next(a.reason for a in plan.alternatives if a.credential.code == "CPC-P")
    assert reason.startswith("Its status is unconfirmed")
    assert "retired in late 2023" in reason
    scribe = plan_for(catalog, P(goal="scribe"))
    assert "unconfirmed" in next(a.reason for a in scribe.alternatives if a.credential.code == "CPMS")


def test_holding_everything_for_a_goal_gives_a_next_role(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", setting="hospital_inpatient", held=("CCS", "CIC")))
    assert codes(plan) == ["CPMA"]
    assert any("a role rather than another core exam" in w for w in plan.steps[0].why)
    alts = [a.credential.code for a in plan.alternatives]
    assert {"CDEO", "CCDS-O"} <= set(alts) and "CCA" not in alts
    assert any("CPC-I" in n for n in plan.notes)


def test_holding_every_next_role_too_gives_no_step_and_says_so(catalog: Catalog) -> None:
    held = ("CCS", "CIC", "CPC", "CPMA", "CDEO", "CCDS-O", "CPCO", "CDIP")
    plan = plan_for(catalog, P(goal="coding", setting="hospital_inpatient", held=held))
    assert plan.steps == () and plan.cost is None
    assert any(n.startswith("You already hold") for n in plan.notes)


# --------------------------------------------------------------------------- unsure


@pytest.mark.parametrize(
    "prefs, goal",
    [
        ((), "coding_and_billing"),
        (("records", "independent"), "coding"),
        (("patients", "juggling", "precision"), "billing"),
        (("records", "finance"), "coding_and_billing"),
    ],
)
def test_unsure_is_settled_by_the_seeds_test(prefs: tuple[Any, ...], goal: str) -> None:
    resolved, reason = resolve_goal(P(goal="unsure", preferences=prefs))
    assert resolved == goal
    assert reason


# --------------------------------------------------------------------------- money


def test_costs_come_from_the_money_engine(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", setting="physician_office"))
    q = plan.steps[0].quote
    assert q is not None and q.total == 425 + 222
    assert plan.cost is not None and plan.cost.total == 425 + 4 * 222  # exam + dues for 4 years
    student = plan_for(catalog, P(goal="coding", setting="physician_office", student=True)).steps[0].quote
    assert student is not None and student.total == 425 + 157


def test_renewal_stacks_with_what_is_held(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="auditing", held=("CPC", "CPB", "CRC"), experience_years=5))
    [aapc] = plan.renewal
    assert aapc.organization.code == "AAPC"
    assert {c.code for c in aapc.credentials} == {"CPC", "CPB", "CRC", "CPMA"}
    assert aapc.ceus == 48
    pair = plan_for(catalog, P(goal="coding_and_billing", setting="physician_office"))
    assert [r.ceus for r in pair.renewal] == [40]
    mixed = plan_for(catalog, P(goal="billing", held=("CBCS",), setting="hospital_inpatient"))
    assert [r.organization.code for r in mixed.renewal] == ["AAPC", "NHA"]


def test_each_step_carries_its_ceus_alone_and_with_the_rest_of_its_issuers(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding_and_billing", setting="physician_office", held=("CRC",)))
    assert codes(plan) == ["CPC", "CPB"]
    for step in plan.steps:
        assert [c.code for c in step.renewal_alone.credentials] == [step.credential.code]
        assert step.renewal_alone.ceus == 36 and step.renewal_alone.cycle_years == 2
        stacked = step.renewal_stacked
        assert stacked is not None and stacked.organization.code == "AAPC"
        assert {c.code for c in stacked.credentials} == {"CRC", "CPC", "CPB"} and stacked.ceus == 44
    ahima = plan_for(catalog, P(goal="coding", setting="hospital_inpatient")).steps
    assert [s.credential.code for s in ahima] == ["CCA", "CCS"]
    assert all(s.renewal_stacked is not None and s.renewal_stacked.organization.code == "AHIMA" for s in ahima)


def test_the_coding_and_billing_pair_counts_aapcs_ceus_for_two(catalog: Catalog) -> None:
    # AAPC asks 36 CEUs every 2 years for one credential and 40 for two (data/aapc.yaml renewal table)
    sentence = ("Both are AAPC's: one membership covers them, and AAPC asks 40 CEUs every 2 years for the two "
                "rather than 36 for each.")
    for setting in ("physician_office", "any", "payer"):
        plan = plan_for(catalog, P(goal="coding_and_billing", setting=setting))
        assert codes(plan)[:2] == ["CPC", "CPB"]
        assert sentence in plan.steps[1].why, plan.steps[1].why
    # holding another AAPC credential, the two-for-one sum no longer applies
    crc = plan_for(catalog, P(goal="coding_and_billing", setting="physician_office", held=("CRC",)))
    assert not any("rather than" in w for s in crc.steps for w in s.why)


def test_tight_budget_swaps_in_a_cheaper_start_with_real_figures(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", setting="physician_office", budget_usd=300, education="high_school"))
    note = plan.budget_note or ""
    assert "$647: exam $425 + membership $222, as of 2026" in note
    assert "starts with CCA instead ($299: exam $299, as of 2021" in note
    assert "AHIMA membership is optional" in note
    assert plan.steps[0].why[0].startswith("Budget:")
    cpc = next(a for a in plan.alternatives if a.credential.code == "CPC")
    assert "above your budget of $300" in cpc.reason


def test_budget_that_fits_changes_nothing(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", setting="physician_office", budget_usd=1000))
    assert codes(plan) == ["CPC"] and plan.budget_note is None
    assert any(n.startswith("Your budget of $1,000 covers the first year of CPC ($647)") for n in plan.notes)


def test_budget_below_every_start_keeps_the_plan_and_says_so(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", setting="physician_office", budget_usd=50))
    assert codes(plan) == ["CPC"]
    assert "every cheaper start certcli knows (CCA $299, CBCS $117)" in (plan.budget_note or "")


def test_unknown_price_is_said_not_guessed(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="auditing", held=("CPC",), budget_usd=100, experience_years=3))
    assert codes(plan) == ["CPMA"]
    assert "not fully published" in (plan.budget_note or "")
    assert any("current exam fee" in w for w in plan.steps[0].why)


def test_what_the_data_does_not_publish_is_said(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="documentation", setting="hospital_inpatient", held=("CCS",), experience_years=4))
    assert codes(plan) == ["CDIP"]
    assert plan.steps[0].why[-1] == (
        "Not found in certcli's data: its current exam fee and eligibility rules; check https://www.ahima.org."
    )
    assert "First-year prices not fully published for CDIP: the totals leave those out." in plan.notes
    cdei = next(a.reason for a in plan.alternatives if a.credential.code == "CDEI")
    assert cdei.endswith("Not found in certcli's data: its exam length and current exam fee; check https://www.aapc.com.")
    # a credential whose first-year price is published gets neither
    cpc = plan_for(catalog, P(goal="coding", setting="physician_office"))
    assert not any(n.startswith("First-year prices not fully published") for n in cpc.notes)
    assert not any(w.startswith("Not found in certcli's data") for w in cpc.steps[0].why)


def test_a_bug_in_the_money_engine_is_not_hidden(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error while pricing surfaces; it is not turned into an unpriced plan."""

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise AttributeError("a bug")

    monkeypatch.setattr(fees, "quote", broken)
    with pytest.raises(AttributeError, match="a bug"):
        plan_for(catalog, P(goal="coding", setting="physician_office"))


# --------------------------------------------------------------------------- notes and errors


def test_honest_notes(catalog: Catalog) -> None:
    notes = plan_for(catalog, P(goal="coding", setting="physician_office")).notes
    assert any(n.startswith("A new CPC without the experience is a CPC-A") for n in notes)
    assert any("Employers prefer experience" in n for n in notes)
    assert any("55% of respondents work remotely" in n and "as of 2022" in n for n in notes)
    assert any("https://www.aapc.com" in n for n in notes)
    senior = plan_for(catalog, P(goal="coding", setting="hospital_inpatient", age_65_plus=True)).notes
    assert any(n.startswith("At 65 or older: AHIMA has a Senior (age 65+) membership at $49") for n in senior)
    aapc_senior = plan_for(catalog, P(goal="billing", setting="physician_office", age_65_plus=True)).notes
    assert "At 65 or older: AAPC publishes no 65+ membership rate." in aapc_senior
    several = plan_for(catalog, P(goal="auditing", held=("CPC",), experience_years=3)).notes
    assert any("$64,890 on average with two credentials" in n for n in several)


def test_pay_by_credentials_held_comes_from_the_surveys_without_seed_figures(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="auditing", held=("CPC",), experience_years=3))
    assert [(row.label, row.claim.value) for row in plan.pay] == [
        ("Non-certified", 42015),
        ("Certified", 55923),
        ("Two credentials", 64890),
        ("Three or more credentials", 70608),
        ("Non-certified", 47200),
        ("Certified", 60097),
        ("Non-certified", 55721),
        ("Three or more credentials", 81227),
        ("Certified", 66979),
    ]  # the averages over everyone surveyed, the % comparison and the seed-only figures are left out
    assert any("$64,890 on average with two credentials, $70,608 with three or more" in n for n in plan.notes)


def test_unknown_held_code_is_a_usage_error(catalog: Catalog) -> None:
    with pytest.raises(UnknownCodeError):
        plan_for(catalog, P(goal="coding", held=("CPX",)))


def test_a_budget_swap_never_moves_to_an_exam_the_person_cannot_sit(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", budget_usd=150))
    note = plan.budget_note or ""
    assert "CBCS costs less ($117) but you cannot sit it yet" in note, note
    assert "the plan is unchanged" in note
    assert not any("covers the first year" in n for n in plan.notes)  # $150 covers no first year of CPC ($647)


def test_a_budget_swap_keeps_the_billing_half_of_coding_and_billing(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding_and_billing", student=True, budget_usd=500, education="high_school"))
    assert codes(plan) == ["CCA", "CPB"]
    assert plan.steps[0].quote.total == 199 + 49  # AHIMA student member: exam $199 + dues $49
    assert any("billing half" in w for w in plan.steps[1].why)
    assert not any("covers the first year" in n for n in plan.notes) or plan.steps[0].eligibility.can_sit_now


# --------------------------------------------------------------------------- apprentices and unverified claims


def test_a_cpc_a_holder_removes_the_a_before_any_new_exam(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", held=("CPC-A",), experience_years=1.5))
    first = plan.steps[0]
    assert (first.kind, first.credential.code, first.quote) == ("apprentice_removal", "CPC", None)
    status = first.eligibility.apprentice_status
    assert status is not None and status.designation == "CPC-A" and status.removed_now is None  # Practicode?
    assert [r.met for r in status.routes] == [False, False, None, False]  # 1 year + Practicode: not asked
    assert status.routes[0].missing == "6 months more of coding work"
    assert [s.kind for s in plan.steps[1:]] == ["exam"] * (len(plan.steps) - 1)
    assert plan.cost is not None and "CPC" not in plan.cost.codes  # no new $425 exam, no dues billed for it
    coc = plan_for(catalog, P(goal="coding", setting="hospital_outpatient", held=("COC-A",), experience_years=2))
    assert coc.steps[0].kind == "apprentice_removal" and coc.steps[0].when == "now"
    assert coc.steps[0].eligibility.apprentice is None  # 2 years of coding work: removed on proof


def test_the_next_exam_of_a_cpc_a_holder_says_she_is_an_apprentice(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="coding", held=("CPC-A",), training_hours=80))
    assert [s.kind for s in plan.steps] == ["apprentice_removal", "exam"]
    crc = plan.steps[1]
    assert crc.credential.code == "CRC" and crc.why[0].startswith("You passed the CPC (you hold CPC-A)")
    assert not any(w.startswith("You hold the CPC;") for w in crc.why)


def test_80_hours_alone_do_not_remove_the_a_without_practicode(catalog: Catalog) -> None:
    step = plan_for(catalog, P(goal="coding", setting="physician_office", training_hours=80)).steps[0]
    assert step.eligibility.apprentice == "CPC-A"
    line = next(x for x in step.eligibility.lines if x.startswith("You will be CPC-A"))
    assert "You may already meet one" in line and "Practicode (you did not say" in line
    status = step.eligibility.apprentice_status
    assert status is not None and status.removed_now is None


def test_a_seed_only_condition_never_decides_a_verdict(catalog: Catalog) -> None:
    cpb = eligibility_now(P(goal="billing", education="high_school"), catalog, catalog.credential("CPB"))
    [rec] = cpb.recommended
    assert rec.unverified and rec.met is None, rec
    assert any("unverified (a seed article's claim)" in x for x in cpb.lines)
    assert not any("not yet" in x and "ssociate" in x for x in cpb.lines)
    cbcs = plan_for(catalog, P(goal="billing", training_hours=120, education="high_school")).steps[0]
    assert not any("no membership" in w for w in cbcs.why)


def test_dues_already_paid_for_a_held_credential_are_not_new_spending(catalog: Catalog) -> None:
    plan = plan_for(catalog, P(goal="auditing", held=("CPC",), experience_years=3))
    assert codes(plan) == ["CPMA"]
    sp = plan.spending
    assert sp is not None and sp.already_paid == ("AAPC",)
    assert sp.all_in == 4 * 222  # the CPMA exam fee is not published; AAPC dues $222 a year for 4 years
    assert sp.new_spending == 0 and not sp.complete
    novice = plan_for(catalog, P(goal="coding", setting="physician_office")).spending
    assert novice is not None and novice.new_spending == novice.all_in == 425 + 4 * 222


def test_kinds_of_experience_decide_eligibility_and_billing_is_hedged(catalog: Catalog) -> None:
    biller = plan_for(catalog, P(goal="coding", setting="physician_office", experience={"billing": 4})).steps[0]
    status = biller.eligibility.apprentice_status
    assert status is not None and status.removed_now is None
    assert "confirm with AAPC" in (status.routes[0].missing or "")
    rn = plan_for(catalog, P(goal="documentation", setting="hospital_inpatient", licenses=("RN",),
                             experience={"cdi": 3})).steps[0]
    assert rn.credential.code == "CCDS" and rn.eligibility.can_sit_now
    assert [c.met for c in rn.eligibility.required] == [True, True]
    lpn = eligibility_now(P(goal="documentation", licenses=("LPN",), experience={"cdi": 2}), catalog,
                          catalog.credential("CCDS-O"))
    assert [c.met for c in lpn.required] == [False, True]
    assert any("you hold no RN, MD or DO licence" in x for x in lpn.lines), lpn.lines


def test_remote_work_gets_an_honest_note(catalog: Catalog) -> None:
    notes = plan_for(catalog, P(goal="coding", remote=True)).notes
    assert any(n.startswith("You want remote work: remote entry-level coding jobs are rare") for n in notes)
    assert not any(n.startswith("You want remote work") for n in plan_for(catalog, P(goal="coding")).notes)
    coder = plan_for(catalog, P(goal="coding", remote=True, experience={"physician_coding": 3})).notes
    assert not any(n.startswith("You want remote work") for n in coder), "not said to an experienced coder"


@pytest.mark.parametrize("held", [("CPC",), ("CCS",)])
def test_cca_is_never_offered_to_someone_holding_a_coding_credential(catalog: Catalog, held: tuple[str, ...]) -> None:
    for setting in ("physician_office", "hospital_inpatient", "any"):
        plan = plan_for(catalog, P(goal="coding", setting=setting, held=held))
        offered = codes(plan) + [a.credential.code for a in plan.alternatives]
        assert "CCA" not in offered, (setting, offered)
    novice = plan_for(catalog, P(goal="coding", setting="physician_office"))
    assert "CCA" in [a.credential.code for a in novice.alternatives]


def _counted_unknown(total: dict[str, Any]) -> bool:
    """Whether an amount the totals count is not published (a fee, dues, or a required book or course)."""
    counted = total["items"] + [i for i in total.get("line_items", []) if i.get("counted")]
    return any(i["amount"] is None for i in counted)


def test_the_plan_json_splits_new_spending_from_all_in(run: Any) -> None:
    doc = as_json(run("advise", "--goal", "auditing", "--held", "CPC", "--experience-years", "3", "--json",
                      today=TODAY))
    total = doc["total_cost"]
    assert {"new_spending", "all_in", "complete", "items"} <= set(total)
    assert total["all_in"] - total["new_spending"] == 4 * 222  # AAPC dues, already paid for the CPC
    assert total["complete"] is False and _counted_unknown(total)  # the CPMA exam fee is not published
    assert any(i["amount"] is None and i["kind"] == "exam" for i in total["items"])
    novice = as_json(run("advise", "--goal", "coding", "--setting", "physician_office", "--json", today=TODAY))
    assert novice["total_cost"]["new_spending"] == novice["total_cost"]["all_in"] == 425 + 4 * 222
    # the code books the CPC requires have no published price (issue 13): the total says it is not complete
    books = [i for i in novice["total_cost"]["line_items"] if i["kind"] == "books" and i["required"]]
    assert books and all(i["amount"] is None for i in books)
    assert novice["total_cost"]["complete"] is False


def test_the_profile_line_names_the_new_answers(run: Any) -> None:
    out = flat(ok(run("advise", "--goal", "documentation", "--license", "RN", "--experience", "cdi=3",
                      "--education", "associate", "--him-degree", "associate", "--practicode", "--remote",
                      "--defaults", "--detail", today=TODAY)).stdout)  # issue 13: the answers line is a detail
    for words in ("HIM degree: associate (CAHIIM-accredited)", "experience: CDI 3 years", "licences: RN",
                  "Practicode: done", "wants remote work"):
        assert words in out, words
    plain = flat(ok(run("advise", "--goal", "coding", "--defaults", "--detail",
                        today=TODAY)).stdout).split("planning")[0]
    assert "experience: 0 years" in plain and "licences" not in plain and "Practicode" not in plain
