"""The advise wizard driven by keystrokes, in-process (prompt_toolkit pipe input, no terminal).

Each test types what a person would type and checks the Profile the wizard hands to the engine.
Keys typed ahead of a question are kept for it (prompt_toolkit's type-ahead), so a whole
dialogue can be sent at once; then the input ends, so a question nobody answers fails fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from certcli.catalog import Catalog
from certcli.model import Education, Profile
from certcli.wizard import EndOfInput, ask_profile

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
BACKSPACE = "\x7f"
CTRL_C = "\x03"


def answer(catalog: Catalog, *keys: str, given: Mapping[str, Any] | None = None) -> Profile:
    with create_pipe_input() as inp:
        inp.send_text("".join(keys))
        inp.close()  # end of input: a question nobody answers fails (EndOfInput) instead of waiting
        with create_app_session(input=inp, output=DummyOutput()):
            return ask_profile(given or {}, catalog)


def test_enter_through_every_question_gives_the_defaults(catalog: Catalog) -> None:
    # goal, setting, specialty, education, experience, training, held, memberships, pricing, budget, years
    profile = answer(catalog, ENTER * 11)
    assert profile.goal == "coding"
    assert profile.setting == "physician_office"
    assert profile.specialty is None
    assert profile.education is Education.HIGH_SCHOOL
    assert profile.experience_years == 0 and profile.training_hours == 0
    assert profile.held == () and profile.member_of == ()
    assert (profile.student, profile.first_time_member, profile.age_65_plus) == (False, False, False)
    assert profile.budget_usd is None
    assert profile.years == 4


def test_a_career_changer_into_hospital_coding(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        ENTER,  # goal: coding
        DOWN * 2, ENTER,  # setting: hospital inpatient (third) — no specialty question follows
        DOWN * 2, ENTER,  # education: associate
        "1.5", ENTER,  # years of experience
        "80", ENTER,  # training hours
        "cpc-a, cca", ENTER,  # held: an apprentice designation stays one (issue 12)
        SPACE, DOWN, SPACE, ENTER,  # member of AAPC and AHIMA
        DOWN * 2, SPACE, ENTER,  # 65 or older
        "$1,200", ENTER,  # budget
        "6", ENTER,  # years
    )
    assert profile.goal == "coding"
    assert profile.setting == "hospital_inpatient"
    assert profile.specialty is None
    assert profile.education is Education.ASSOCIATE
    assert profile.experience_years == 1.5 and profile.training_hours == 80
    assert profile.held == ("CPC-A", "CCA")
    assert profile.member_of == ("AAPC", "AHIMA")
    assert (profile.student, profile.first_time_member, profile.age_65_plus) == (False, False, True)
    assert profile.budget_usd == 1200
    assert profile.years == 6


def test_unsure_asks_the_preference_questions(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        UP, ENTER,  # goal: the last choice, "I'm not sure yet"
        DOWN * 3, SPACE, DOWN, SPACE, DOWN, SPACE, ENTER,  # payers, patients, finance
        given={"setting": "any", "education": "high_school", "experience_years": 0, "training_hours": 0,
               "held": [], "member_of": [], "student": False, "first_time_member": False,
               "age_65_plus": False, "years": 4, "budget_usd": 500},
    )
    assert profile.goal == "unsure"
    assert profile.preferences == ("payers", "patients", "finance")


def test_billing_skips_setting_and_specialty(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        DOWN, ENTER,  # goal: billing
        ENTER,  # education (the next question: no setting, no specialty)
        "0", ENTER, ENTER,  # experience, training
        ENTER, ENTER, ENTER, ENTER, ENTER,  # held, memberships, pricing, budget, years
    )
    assert profile.goal == "billing"
    assert profile.setting == "any" and profile.specialty is None


def test_a_negative_number_is_refused_and_asked_again(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        "-3", ENTER,  # refused: the prompt stays, with the message
        BACKSPACE * 2, "2", ENTER,  # corrected
        ENTER * 6,  # training, held, memberships, pricing, budget, years
        given={"goal": "billing", "education": "high_school"},
    )
    assert profile.experience_years == 2


def test_an_unknown_held_code_is_refused_until_fixed(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        "CPX", ENTER,  # refused: "Unknown credential 'CPX'. Did you mean CPC?"
        BACKSPACE, "C", ENTER,
        ENTER, ENTER, ENTER, ENTER,
        given={"goal": "billing", "education": "high_school", "experience_years": 0, "training_hours": 0},
    )
    assert profile.held == ("CPC",)


def test_a_specialty_is_matched_to_the_catalog(catalog: Catalog) -> None:
    profile = answer(
        catalog,
        "Ortho", ENTER,  # specialty
        ENTER,  # budget: skipped
        given={"goal": "coding", "setting": "physician_office", "education": "high_school",
               "experience_years": 2, "training_hours": 0, "held": ["CPC"], "member_of": ["AAPC"],
               "student": False, "first_time_member": False, "age_65_plus": False, "years": 4},
    )
    assert profile.specialty == "orthopaedics"
    assert profile.budget_usd is None


def test_complete_answers_ask_nothing(catalog: Catalog) -> None:
    given = {"goal": "billing", "education": "certificate", "experience_years": 1, "training_hours": 40,
             "held": ["CPB"], "member_of": ["AAPC"], "student": True, "first_time_member": False,
             "age_65_plus": False, "budget_usd": 300, "years": 2}
    profile = answer(catalog, given=given)  # no keys at all: any question would raise EndOfInput
    assert profile.held == ("CPB",) and profile.student and profile.years == 2


def test_only_the_missing_pricing_answers_are_asked(catalog: Catalog) -> None:
    given = {"goal": "billing", "education": "certificate", "experience_years": 1, "training_hours": 0,
             "held": [], "member_of": [], "student": True, "budget_usd": 300, "years": 2}
    # the checkbox now offers only first-time member and 65+; tick the second
    profile = answer(catalog, DOWN, SPACE, ENTER, given=given)
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
