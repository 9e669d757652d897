"""The questions of ``certcli advise``: ask only what the answers file and flags left open.

The only module that imports questionary. Every question uses ``unsafe_ask()`` so that Ctrl-C
(and Ctrl-D, as :class:`EndOfInput`) reaches the CLI's error boundary ("Cancelled.", exit 130).
Answers typed here go through the same checks as an answers file (:mod:`certcli.answers`).
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Mapping
from typing import Any

import questionary
from questionary import Choice

from certcli.answers import check_value, credential_code, specialties, to_profile
from certcli.catalog import Catalog
from certcli.errors import UsageError
from certcli.model import Profile

GOAL_TITLES: dict[str, str] = {
    "coding": "Coding: turn medical records into codes",
    "billing": "Billing: get claims paid by insurers and patients",
    "coding_and_billing": "Both coding and billing (small practices often combine them)",
    "risk_adjustment": "Risk adjustment: HCC coding for Medicare Advantage plans",
    "auditing": "Auditing: check other people's coding",
    "compliance": "Compliance, privacy and security",
    "documentation": "Clinical documentation improvement (CDI)",
    "management": "Practice management: run the business side of a practice",
    "health_data": "Health data analysis",
    "scribe": "Medical scribe: write up visits alongside a clinician",
    "unsure": "I'm not sure yet",
}

# The seeds' own test for "coding or billing?" (see model.Preference).
PREFERENCE_TITLES: dict[str, str] = {
    "records": "I'd enjoy deciphering medical records",
    "precision": "I'm detail-minded: precision and accuracy matter to me",
    "independent": "I like working on my own, with little supervision",
    "payers": "I'd enjoy dealing with insurance companies",
    "patients": "I like talking with patients",
    "finance": "I care about money and the financial health of a practice",
    "juggling": "I'm good at juggling many tasks at once",
}

SETTING_TITLES: dict[str, str] = {
    "physician_office": "Physician office or clinic (professional services)",
    "hospital_outpatient": "Hospital outpatient, emergency department or surgery centre",
    "hospital_inpatient": "Hospital inpatient (patients admitted to the hospital)",
    "payer": "Insurance company (the payer side)",
    "any": "Not sure / any",
}

EDUCATION_TITLES: dict[str, str] = {
    "high_school": "High-school diploma or GED",
    "certificate": "A certificate or diploma program",
    "associate": "Associate degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree or higher",
}

PRICING_TITLES: dict[str, str] = {
    "student": "I'm a student",
    "first_time_member": "I've never been a member of AAPC or AHIMA",
    "age_65_plus": "I'm 65 or older",
}

# Goals for which the care setting changes the advice, and those where a specialty can.
SETTING_MATTERS = {"coding", "coding_and_billing", "documentation", "unsure"}
SPECIALTY_MATTERS = {"coding", "coding_and_billing"}

Validator = Callable[[str], bool | str]


class EndOfInput(KeyboardInterrupt):
    """Ctrl-D (or the end of the input) at a question: cancels like Ctrl-C."""


def _ask(question: Any) -> Any:
    """The answer; Ctrl-C raises KeyboardInterrupt (``unsafe_ask``), Ctrl-D :class:`EndOfInput`."""
    try:
        return question.unsafe_ask()
    except EOFError:
        raise EndOfInput() from None


def ask_profile(answers: Mapping[str, Any], catalog: Catalog, *, to_stderr: bool = False) -> Profile:
    """The person's Profile: ``answers`` (already checked) plus what the questions fill in.

    ``to_stderr`` draws the questions on stderr (when stdout is a file or a pipe).
    """
    io: dict[str, Any] = {}
    if to_stderr:
        from prompt_toolkit.output import create_output

        io["output"] = create_output(stdout=sys.stderr)
    got = dict(answers)

    if "goal" not in got:
        got["goal"] = _ask(questionary.select(
            "What work do you want to do?",
            choices=[Choice(title, value=key) for key, title in GOAL_TITLES.items()],
            **io,
        ))
    goal = got["goal"]

    if goal == "unsure" and "preferences" not in got:
        got["preferences"] = tuple(
            _ask(questionary.checkbox(
                "Which of these sound like you?",
                choices=[Choice(title, value=key) for key, title in PREFERENCE_TITLES.items()],
                instruction="(space ticks, Enter when done)",
                **io,
            ))
        )

    if goal in SETTING_MATTERS and "setting" not in got:
        got["setting"] = _ask(questionary.select(
            "Where would you like to work?",
            choices=[Choice(title, value=key) for key, title in SETTING_TITLES.items()],
            **io,
        ))

    if goal in SPECIALTY_MATTERS and got.get("setting") != "hospital_inpatient" and "specialty" not in got:
        text = _ask(questionary.text(
            "A specialty you are drawn to?",
            instruction="(e.g. cardiology; Enter to skip)",
            validate=_specialty_validator(catalog),
            **io,
        ))
        if text.strip():
            got["specialty"] = resolve_specialty(catalog, text)

    if "education" not in got:
        got["education"] = _ask(questionary.select(
            "Your highest education so far?",
            choices=[Choice(title, value=key) for key, title in EDUCATION_TITLES.items()],
            **io,
        ))

    for key, message, instruction in (
        ("experience_years", "Years of coding or billing work so far?", "(Enter for 0)"),
        ("training_hours", "Hours of coding or billing courses completed?", "(Enter for 0)"),
    ):
        if key not in got:
            got[key] = _number(key, message, instruction, "0", catalog, io)

    if "held" not in got:
        text = _ask(questionary.text(
            "Credentials you already hold?",
            instruction="(codes, e.g. CPC, CCA; Enter for none)",
            validate=_held_validator(catalog),
            **io,
        ))
        got["held"] = check_value("held", text, catalog)

    if "member_of" not in got:
        orgs = [org for org in catalog.organizations.values() if org.membership.tiers]
        got["member_of"] = tuple(
            _ask(questionary.checkbox(
                "Memberships you already have?",
                choices=[Choice(org.name, value=org.code) for org in orgs],
                instruction="(space ticks, Enter when done; none is fine)",
                **io,
            ))
        )

    pricing = [key for key in PRICING_TITLES if key not in got]
    if pricing:
        ticked = _ask(questionary.checkbox(
            "Any of these? (they change membership prices)",
            choices=[Choice(PRICING_TITLES[key], value=key) for key in pricing],
            instruction="(space ticks, Enter when done)",
            **io,
        ))
        got.update({key: key in ticked for key in pricing})

    if "budget_usd" not in got:
        text = _ask(questionary.text(
            "Your budget for exams and dues, in US dollars?",
            instruction="(Enter to skip)",
            validate=_validator("budget_usd", catalog, empty_ok=True),
            **io,
        ))
        if text.strip():
            got["budget_usd"] = check_value("budget_usd", text, catalog)

    if "years" not in got:
        got["years"] = _number("years", "Plan for how many years?", "(1 to 50; Enter for 4)", "4", catalog, io)

    return to_profile(got)


def _number(key: str, message: str, instruction: str, default: str, catalog: Catalog, io: dict[str, Any]) -> Any:
    text = _ask(questionary.text(
        message, instruction=instruction, validate=_validator(key, catalog, empty_ok=True), **io
    ))
    return check_value(key, text.strip() or default, catalog)


def _complaint(exc: UsageError) -> str:
    """The answers checker's message, as a prompt shows it under the answer."""
    message = exc.message.lstrip(": ")
    return message[:1].upper() + message[1:]


def _validator(key: str, catalog: Catalog, *, empty_ok: bool) -> Validator:
    def validate(text: str) -> bool | str:
        if not text.strip():
            return empty_ok or "Please type an answer."
        try:
            check_value(key, text, catalog, label="")
        except UsageError as exc:
            return _complaint(exc)
        return True

    return validate


def _held_validator(catalog: Catalog) -> Validator:
    def validate(text: str) -> bool | str:
        try:
            for code in (part.strip() for part in text.split(",")):
                if code:
                    credential_code(catalog, code, "")
        except UsageError as exc:
            return _complaint(exc)
        return True

    return validate


def _specialty_validator(catalog: Catalog) -> Validator:
    known = specialties(catalog)
    words = sorted({w for name in known for w in name.split()} | set(known))

    def validate(text: str) -> bool | str:
        wanted = " ".join(text.split()).lower()
        if not wanted:
            return True
        if any(wanted in name or name in wanted for name in known):
            return True
        if any(word.startswith(wanted) or wanted.startswith(word) for word in words if len(word) > 3):
            return True
        close = difflib.get_close_matches(wanted, words, n=1, cutoff=0.6)
        if close:
            return f"No specialty credential for '{text.strip()}'. Did you mean {close[0]}?"
        return f"No specialty credential for '{text.strip()}'. Try e.g. cardiology, dermatology, urology (or empty)."

    return validate


def resolve_specialty(catalog: Catalog, text: str) -> str:
    """``cardiology`` for ``Cardio`` when one catalog specialty matches; else the words as typed."""
    wanted = " ".join(text.split()).lower()
    known = specialties(catalog)
    if wanted in known:
        return wanted
    matches = [name for name in known if wanted in name]
    return matches[0] if len(matches) == 1 else wanted
