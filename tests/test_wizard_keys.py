"""The advise wizard driven by keystrokes, in-process (prompt_toolkit pipe input, no terminal).

Each test types what a person would type and checks the Profile the wizard hands to the engine.
Keys typed ahead of a question are kept for it (prompt_toolkit's type-ahead), so a whole
dialogue can be sent at once; then the input ends, so a question nobody answers fails fast.
The last question is the review ("Ready for your plan?"): Enter there means "Looks right".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from certcli.answers import check_answers, flag_answers, merge, to_profile
from certcli.catalog import Catalog
from certcli.model import Education, Profile
from certcli.wizard import EndOfInput, ask_profile

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
BACKSPACE = "\x7f"
CTRL_C = "\x03"
LOOKS_RIGHT = ENTER  # the review's first choice

BILLING = {"goal": "billing", "setting": "any"}  # the setting changes a billing path: given, so not asked

# everything but goal and pricing given: the wizard asks the goal, then the review
REST = {"setting": "any", "education": "high_school", "experience_years": 0, "training_hours": 0,
        "held": [], "member_of": [], "student": False, "first_time_member": False,
        "age_65_plus": False, "years": 4, "study_hours_per_week": 10, "budget_usd": 500,
        "remote": False}  # fmt: skip


def answer(catalog: Catalog, *keys: str, given: Mapping[str, Any] | None = None) -> Profile:
    with create_pipe_input() as inp:
        inp.send_text("".join(keys))
        inp.close()  # end of input: a question nobody answers fails (EndOfInput) instead of waiting
        with create_app_session(input=inp, output=DummyOutput()):
            return ask_profile(check_answers(given or {}, catalog, str), catalog)  # as from an answers file


def test_enter_on_every_question_gives_what_defaults_gives(catalog: Catalog) -> None:
    # goal, setting, specialty, education, experience, training, held, memberships, pricing, remote, budget, years,
    # study pace, review
    profile = answer(catalog, ENTER * 14)
    assert profile == to_profile(merge(flag_answers({"goal": "coding"}, catalog)))  # advise --goal coding --defaults
    assert profile.setting == "any" and profile.education is None and profile.budget_usd is None
    assert profile.held == () and profile.member_of == () and profile.years == 4


def test_a_career_changer_into_hospital_coding(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        ENTER,  # goal: coding
        UP * 2, ENTER,  # setting: from "Not sure / any" (last) up to hospital inpatient — no specialty follows
        UP * 3, ENTER,  # education: from "Rather not say" (last) up to associate
        ENTER,  # a degree: the CAHIIM-accredited HIM degree is asked; "No" is highlighted
        "1.5", ENTER,  # years of experience
        ENTER,  # the kinds of that work: none ticked (so it stays of a kind not said)
        "80", ENTER,  # training hours
        "cpc-a cca", ENTER,  # held, separated by a space: an apprentice designation stays one (issue 12)
        ENTER,  # an 80-hour course and a CPC-A: Practicode is asked; Enter: no
        ENTER,  # memberships: AAPC and AHIMA are ticked already (the issuers of CPC and CCA)
        DOWN, SPACE, ENTER,  # pricing: student, 65 or older (first-time is not offered to a member)
        ENTER,  # remote work: no
        "$1,200", ENTER,  # budget
        "6", ENTER,  # years
        "12", ENTER,  # study hours a week
        LOOKS_RIGHT,
    )
    assert profile.goal == "coding"
    assert profile.setting == "hospital_inpatient"
    assert profile.specialty is None
    assert profile.education is Education.ASSOCIATE
    assert profile.experience_years == 1.5 and profile.training_hours == 80
    assert profile.held == ("CPC-A", "CCA")
    assert profile.him_degree is None and profile.experience == {} and profile.practicode is False
    assert profile.member_of == ("AAPC", "AHIMA")
    assert (profile.student, profile.first_time_member, profile.age_65_plus) == (False, False, True)
    assert profile.budget_usd == 1200
    assert profile.years == 6


@pytest.mark.parametrize("typed", ["CPC, CRC", "CPC CRC", "cpc,crc", " CPC ,  CRC "])
def test_held_codes_are_separated_by_spaces_or_commas(catalog: Catalog, typed: str) -> None:
    given = {k: v for k, v in REST.items() if k not in ("held", "member_of", "first_time_member")}
    profile = answer(catalog, typed, ENTER, ENTER, LOOKS_RIGHT, given={**BILLING, **given})  # held, memberships
    assert profile.held == ("CPC", "CRC")
    assert profile.member_of == ("AAPC",)  # the issuer of both, ticked already


def test_without_a_membership_first_time_prices_are_offered(catalog: Catalog) -> None:
    given = {k: v for k, v in REST.items() if k not in ("member_of", "first_time_member")}
    # memberships: none ticked; pricing: student, first-time, 65+ — tick the second
    profile = answer(catalog, ENTER, DOWN, SPACE, ENTER, LOOKS_RIGHT, given={**BILLING, **given})
    assert profile.member_of == () and profile.first_time_member is True


def test_unticking_the_membership_offers_first_time_prices_again(catalog: Catalog) -> None:
    given = {k: v for k, v in REST.items() if k not in ("member_of", "first_time_member")} | {"held": ["CCA"]}
    # memberships: AHIMA is ticked (the CCA's issuer): untick it; then first-time is offered (second)
    profile = answer(catalog, DOWN, SPACE, ENTER, DOWN, SPACE, ENTER, LOOKS_RIGHT, given={**BILLING, **given})
    assert profile.member_of == () and profile.first_time_member is True


def test_unsure_asks_the_preference_questions(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        UP, ENTER,  # goal: the last choice, "I'm not sure yet"
        DOWN * 3, SPACE, DOWN, SPACE, DOWN, SPACE, ENTER,  # payers, patients, finance
        LOOKS_RIGHT,
        given=REST,
    )
    assert profile.goal == "unsure"
    assert profile.preferences == ("payers", "patients", "finance")


def test_billing_asks_the_setting_but_no_specialty(catalog: Catalog) -> None:
    # the setting changes a billing path (CPB in a physician office, CRCR in a hospital): it is asked
    profile = answer(
        catalog,
        DOWN, ENTER,  # goal: billing
        UP * 2, ENTER,  # setting: from "Not sure / any" (last) up to hospital inpatient
        ENTER,  # education (the next question: no specialty for billing)
        "0", ENTER, ENTER,  # experience, training
        ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER,  # held, memberships, pricing, remote, budget, years, pace
        LOOKS_RIGHT,
    )
    assert profile.goal == "billing"
    assert profile.setting == "hospital_inpatient" and profile.specialty is None


def test_the_review_changes_one_answer(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        ENTER,  # goal: coding
        ENTER * 12,  # every other question: its default (remote work and the study pace too)
        DOWN, ENTER,  # review: "Change goal"
        DOWN, ENTER,  # goal (coding highlighted): billing
        LOOKS_RIGHT,  # review again: nothing else is asked (billing needs no setting)
    )
    assert profile == Profile(goal="billing")


def test_changing_the_goal_to_unsure_asks_the_preferences_and_back_drops_them(catalog: Catalog) -> None:
    unsure = answer(
        catalog,
        ENTER, ENTER,  # goal: coding; specialty: none
        DOWN, ENTER,  # review: change goal
        UP, ENTER,  # goal: from coding up to "I'm not sure yet"
        SPACE, ENTER,  # the preferences, now asked: records
        LOOKS_RIGHT,
        given=REST,
    )
    assert (unsure.goal, unsure.preferences) == ("unsure", ("records",))
    back = answer(
        catalog,
        UP, ENTER, SPACE, ENTER,  # goal: unsure; preferences: records
        DOWN, ENTER,  # review: change goal
        DOWN, ENTER,  # from unsure down (wrapping) to coding
        ENTER,  # the specialty, now asked: none
        LOOKS_RIGHT,
        given=REST,
    )
    assert (back.goal, back.preferences) == ("coding", ())  # preferences with coding would be refused


def test_a_negative_number_is_refused_and_asked_again(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        "-3", ENTER,  # refused: the prompt stays, with the message
        BACKSPACE * 2, "2", ENTER,  # corrected
        ENTER * 8,  # kinds of work (none), training, held, memberships, pricing, budget, years, study pace
        # (2 years: no remote)
        LOOKS_RIGHT,
        given={**BILLING, "education": "high_school"},
    )
    assert profile.experience_years == 2


def test_an_unknown_held_code_is_refused_until_fixed(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        "CPX", ENTER,  # refused: "Unknown credential 'CPX'. Did you mean CPC?"
        BACKSPACE, "C", ENTER,
        ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, LOOKS_RIGHT,  # memberships, pricing, remote, budget, years, pace
        given={**BILLING, "education": "high_school", "experience_years": 0, "training_hours": 0},
    )
    assert profile.held == ("CPC",)


SPECIALTY_GIVEN = {"goal": "coding", "setting": "physician_office", "education": "high_school",
                   "experience_years": 2, "training_hours": 0, "held": ["CPC"], "member_of": ["AAPC"],
                   "student": False, "age_65_plus": False, "years": 4, "experience": {},
                   "study_hours_per_week": 10}  # fmt: skip


@pytest.mark.parametrize(
    "typed, specialty",
    [("Ortho", "orthopaedics"), ("orthopedic", "orthopaedics"), ("ob/gyn", "obgyn"),
     ("E/M", "evaluation and management"), ("CCC", "cardiology")],
)  # fmt: skip
def test_a_specialty_is_matched_as_the_flag_matches_it(catalog: Catalog, typed: str, specialty: str) -> None:
    profile = answer(catalog, typed, ENTER, ENTER, LOOKS_RIGHT, given=SPECIALTY_GIVEN)  # specialty, budget
    assert profile.specialty == specialty
    assert profile == to_profile(merge(flag_answers({**SPECIALTY_GIVEN, "specialty": typed}, catalog)))


def test_an_unknown_specialty_is_refused_until_fixed(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        "urolgy", ENTER,  # refused: "No specialty credential for 'urolgy'. Did you mean urology?"
        BACKSPACE * 2, "ogy", ENTER,
        ENTER, LOOKS_RIGHT,
        given=SPECIALTY_GIVEN,
    )
    assert profile.specialty == "urology"


def test_complete_answers_ask_nothing(catalog: Catalog) -> None:
    given = {**BILLING, "education": "certificate", "experience_years": 1, "training_hours": 40,
             "held": ["CPB"], "member_of": ["AAPC"], "student": True, "age_65_plus": False,
             "budget_usd": 300, "years": 2, "experience": {"billing": 1}, "remote": False,
             "study_hours_per_week": 6}  # fmt: skip
    profile = answer(catalog, given=given)  # no keys at all: any question (the review too) would raise EndOfInput
    assert profile.held == ("CPB",) and profile.student and profile.years == 2


def test_only_the_missing_pricing_answers_are_asked(catalog: Catalog) -> None:
    given = {**BILLING, "education": "certificate", "experience_years": 1, "training_hours": 0,
             "held": [], "member_of": [], "student": True, "budget_usd": 300, "years": 2, "remote": False,
             "experience": {}, "study_hours_per_week": 6}  # fmt: skip
    # the checkbox now offers only first-time member and 65+; tick the second
    profile = answer(catalog, DOWN, SPACE, ENTER, LOOKS_RIGHT, given=given)
    assert (profile.student, profile.first_time_member, profile.age_65_plus) == (True, False, True)


def test_ctrl_c_cancels(catalog: Catalog) -> None:
    with pytest.raises(KeyboardInterrupt) as caught:
        answer(catalog, ENTER, CTRL_C)
    assert not isinstance(caught.value, EndOfInput)  # Ctrl-C itself, not the input running out


def test_a_question_too_many_is_noticed(catalog: Catalog) -> None:
    # the guard the other tests rely on: running out of keys fails instead of hanging;
    # for a person this is Ctrl-D, which cancels like Ctrl-C
    with pytest.raises(EndOfInput):
        answer(catalog, ENTER)


# --------------------------------------------------------------------------- issue 12's keys: asked when they matter

QUIET = REST | {"experience": {}}  # everything given but the key under test (and the goal's own answers)


@pytest.mark.parametrize(
    "given, asked",
    [
        ({"goal": "auditing", "training_hours": 80}, True),  # an 80-hour course: the course-plus-Practicode route
        ({"goal": "auditing", "experience_years": 1}, True),  # a year of work plus Practicode is another route
        ({**BILLING, "held": ["CPC-A"], "member_of": ["AAPC"]}, True),  # a CPC-A to remove, whatever the goal
        ({"goal": "auditing", "training_hours": 40}, False),
        ({"goal": "auditing", "experience_years": 2}, False),  # two years of coding work remove the A on their own
        ({**BILLING, "training_hours": 80}, False),  # no AAPC apprentice on a billing path
    ],
)  # fmt: skip
def test_practicode_is_asked_only_when_it_can_remove_an_a(catalog: Catalog, given: dict[str, Any], asked: bool) -> None:
    keys = ("y", LOOKS_RIGHT) if asked else ()
    profile = answer(catalog, *keys, given=QUIET | given)
    assert profile.practicode is (True if asked else None)


@pytest.mark.parametrize(
    "given, asked",
    [
        ({"goal": "documentation"}, True),  # ACDIS's CCDS and CCDS-O ask for an RN, MD or DO licence
        ({"goal": "compliance", "experience": {"clinical": 4}}, True),  # clinical work told
        ({"goal": "compliance"}, False),
        ({**BILLING, "experience_years": 3, "experience": {"billing": 3}}, False),
    ],
)  # fmt: skip
def test_licences_are_asked_for_cdi_or_clinical_work(catalog: Catalog, given: dict[str, Any], asked: bool) -> None:
    keys = (SPACE, ENTER, LOOKS_RIGHT) if asked else ()  # tick the first, RN
    profile = answer(catalog, *keys, given=QUIET | given)
    assert profile.licenses == (("RN",) if asked else ())


@pytest.mark.parametrize(
    "given, asked",
    [
        ({"goal": "coding", "setting": "hospital_inpatient", "education": "associate"}, True),
        ({"goal": "management", "education": "high_school"}, True),  # final-term students may test early
        ({"goal": "health_data", "education": "high_school"}, True),
        ({"goal": "coding", "setting": "hospital_inpatient", "education": "certificate"}, False),
    ],
)  # fmt: skip
def test_an_him_degree_is_asked_with_a_degree_or_for_management_and_data(
    catalog: Catalog, given: dict[str, Any], asked: bool
) -> None:
    keys = (UP, ENTER, LOOKS_RIGHT) if asked else ()  # from "No" (last) up to the master's
    profile = answer(catalog, *keys, given=QUIET | given)
    assert profile.him_degree == ("master" if asked else None)


def test_the_kinds_of_work_take_the_years_given_and_leave_the_rest_of_a_kind_not_said(catalog: Catalog) -> None:
    given = {k: v for k, v in QUIET.items() if k not in ("experience_years", "experience")}
    profile = answer(
        catalog,
        "5", ENTER,  # years of coding or billing work
        DOWN * 4, SPACE, DOWN * 7, SPACE, ENTER,  # kinds: billing, clinical care
        "3", ENTER, "10", ENTER,  # billing 3 years, clinical care 10
        ENTER,  # clinical care told: licences are asked; none
        LOOKS_RIGHT,
        given={**BILLING, **given},
    )
    assert profile.experience == {"billing": 3, "clinical": 10}
    assert profile.experience_years == 2  # of the 5 years, 2 are of a kind not said; clinical care is not billing
