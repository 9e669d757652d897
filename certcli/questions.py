"""The questions ``certcli advise`` asks: one table for the wizard, the answers file, the flags
and the README.

:data:`QUESTIONS` is the one description of the answers: each key's kind, its choices and their
words, its default and limits, when the wizard asks it, and its flag. The wizard, the answers-file
and flag checks (:mod:`certcli.answers`), the ``advise`` flags (:mod:`certcli.commands.advise`) and
the README's answers table (``tests/test_docs.py``) are all read from it; the
:class:`~certcli.model.profile.Profile` takes its defaults and limits from it too.

Only the standard library is imported here: the ``advise`` command's flags are built from this
table whenever the command tree is (``certcli --help`` and shell completion too), and importing
the model (pydantic) for that would double the cost of ``certcli --help``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

# What a question's answer is: one of its choices, a list of its choices, a number (whole or not),
# yes/no, credential codes, organization codes, or a specialty (matched to a specialty credential).
Kind = Literal[
    "one", "many", "number", "whole", "yes_no", "credentials", "organizations", "specialty", "kind_years", "date"
]


RATHER_NOT_SAY = "Rather not say"


@dataclass(frozen=True)
class Option:
    """One choice of a question."""

    value: str
    title: str  # as the wizard offers it
    words: str = ""  # as the plan names it ("Your plan: medical coding", "education: associate degree")
    phrase: str = ""  # inside the advice's sentences ("you told us your education is an associate degree")


@dataclass(frozen=True)
class Question:
    """One answer key: what it takes, how the wizard asks it, and its flag."""

    key: str
    kind: Kind
    prompt: str  # the wizard's question
    label: str  # its name in the wizard's summary of the answers
    help: str  # the flag's help (for a question with choices, the choices follow it)
    metavar: str | None = None  # the flag's value, as --help shows it
    flag: str = ""  # default: --key with dashes
    no_flag: str | None = None  # a yes/no question's negative flag
    choices: tuple[Option, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)  # other words for a choice
    default: Any = None  # None: not given
    low: float | None = None
    high: float | None = None
    unit: str = ""  # in messages: "expected a number of years"
    goals: frozenset[str] | None = None  # asked only for these goals (None: for every goal)
    unless: Callable[[Mapping[str, Any]], bool] | None = None  # ... and not when this holds
    instruction: str = ""  # the wizard's hint after the question
    group: str | None = None  # yes/no questions the wizard asks together as one checkbox
    required: bool = False
    note: str = ""  # for the README's values column
    wizard: bool = True  # False: a key and a flag only, not a wizard question
    asked_when: str = ""  # the README's "asked for" words when ``unless`` says more than the goals
    skip: str = RATHER_NOT_SAY  # the wizard's choice that leaves a one-of-choices answer not given

    @property
    def option(self) -> str:
        return self.flag or "--" + self.key.replace("_", "-")

    @property
    def flag_help(self) -> str:
        if not self.choices:
            return self.help
        values = self.values
        return f"{self.help} {', '.join(values[:-1])} or {values[-1]}."

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    @property
    def repeatable(self) -> bool:
        return self.kind in ("many", "credentials", "organizations", "kind_years")

    def asked(self, answers: Mapping[str, Any]) -> bool:
        """Whether the wizard asks it: the answer can change the advice, given the answers so far."""
        if not self.wizard:
            return False
        if self.goals is not None and answers.get("goal") not in self.goals:
            return False
        return not (self.unless and self.unless(answers))

    def words_for(self, value: str) -> str:
        """How the plan names one of the choices."""
        return next((c.words or c.title for c in self.choices if c.value == value), value)

    def phrase_for(self, value: str) -> str:
        return next((c.phrase or c.words or c.title for c in self.choices if c.value == value), value)


# The kinds of work experience (issue 12); the engine's ExperienceKind has the same values.
EXPERIENCE_KINDS = (
    Option("physician_coding", "Physician (professional) coding", "physician coding"),
    Option("outpatient_coding", "Hospital outpatient coding", "hospital outpatient coding"),
    Option("inpatient_coding", "Hospital inpatient coding", "hospital inpatient coding"),
    Option("risk_adjustment_coding", "Risk adjustment (HCC) coding", "risk adjustment coding"),
    Option("billing", "Billing", "billing"),
    Option("payer_claims", "Payer claims (health plan)", "payer claims work"),
    Option("auditing", "Auditing", "auditing"),
    Option("cdi", "Clinical documentation improvement (CDI)", "CDI work"),
    Option("compliance", "Compliance", "compliance work"),
    Option("privacy_security", "Privacy and security", "privacy and security work"),
    Option("management", "Management", "management"),
    Option("clinical", "Clinical care", "clinical care"),
    Option("him", "Health information management (HIM)", "HIM work"),
)
APPRENTICE_MATTERS = frozenset({"coding", "coding_and_billing", "unsure", "auditing", "documentation"})


# Goals whose advanced credentials ask for kinds of work other than coding (CDI, compliance, management…).
ROLE_GOALS = frozenset({"auditing", "compliance", "documentation", "management"})
DEGREES = ("associate", "bachelor", "master")


def _no_kinds(answers: Mapping[str, Any]) -> bool:
    """Kinds of work follow the years of coding or billing work; the advanced roles ask them even at 0 years."""
    return not (answers.get("experience_years") or answers.get("goal") in ROLE_GOALS)


def _no_licence_matters(answers: Mapping[str, Any]) -> bool:
    """Licences gate ACDIS's CDI credentials: asked for documentation, or when clinical work was told."""
    return not (answers.get("goal") == "documentation" or "clinical" in (answers.get("experience") or {}))


def _no_him_degree(answers: Mapping[str, Any]) -> bool:
    """An HIM degree opens RHIT/RHIA: asked with a degree, or for management and data goals (final-term students
    count, so their highest education may still be high school)."""
    return not (answers.get("education") in DEGREES or answers.get("goal") in ("management", "health_data"))


CODING_KIND_VALUES = frozenset({"physician_coding", "outpatient_coding", "inpatient_coding", "risk_adjustment_coding"})


def _experienced_coder(answers: Mapping[str, Any]) -> bool:
    """Two years of coding work (or coding or billing work of a kind not said): remote work is then usual, and the
    plan's note on how rare it is at entry level does not apply."""
    kinds = answers.get("experience") or {}
    coding = sum(float(y) for k, y in kinds.items() if k in CODING_KIND_VALUES)
    return (answers.get("experience_years") or 0) + coding >= 2


def _practicode_unlikely(answers: Mapping[str, Any]) -> bool:
    """Practicode counts only toward removing a CPC-A/COC-A: asked with a held -A (every plan then removes it), or,
    where the plan can lead to a CPC or COC, with an 80-hour course or a year of coding or billing work (a course
    or a year plus Practicode are AAPC's routes)."""
    held = [str(code).upper() for code in answers.get("held", ())]
    if any(code.endswith("-A") for code in held):
        return False
    if answers.get("goal") not in APPRENTICE_MATTERS:
        return True
    return not ((answers.get("training_hours") or 0) >= 80 or 1 <= (answers.get("experience_years") or 0) < 2)


# Goals for which the care setting changes the advice, and those where a specialty can.
# (tests/test_wizard_setting.py checks this against the advice: every goal whose path the setting changes)
SETTING_MATTERS = frozenset({"coding", "billing", "coding_and_billing", "auditing", "compliance", "documentation",
                             "unsure"})
SPECIALTY_MATTERS = frozenset({"coding", "coding_and_billing"})

QUESTIONS: tuple[Question, ...] = (
    Question(
        "goal", "one", "What work do you want to do?", "Goal", required=True, metavar="GOAL",
        help="The work you want:",
        choices=(
            Option("coding", "Coding: turn medical records into codes", "medical coding"),
            Option("billing", "Billing: get claims paid by insurers and patients", "medical billing"),
            Option("coding_and_billing", "Both coding and billing (small practices often combine them)",
                   "medical coding and billing"),
            Option("risk_adjustment", "Risk adjustment: HCC coding for Medicare Advantage plans",
                   "risk adjustment coding"),
            Option("auditing", "Auditing: check other people's coding", "coding audits"),
            Option("compliance", "Compliance, privacy and security", "compliance"),
            Option("documentation", "Clinical documentation improvement (CDI)", "clinical documentation (CDI)"),
            Option("management", "Practice management: run the business side of a practice", "practice management"),
            Option("health_data", "Health data analysis", "health data analysis"),
            Option("scribe", "Medical scribe: write up visits alongside a clinician", "medical scribe work"),
            Option("unsure", "I'm not sure yet", "not decided yet"),
        ),
        aliases={"coding_billing": "coding_and_billing", "both": "coding_and_billing", "not_sure": "unsure",
                 "dont_know": "unsure"},
    ),
    Question(
        "preferences", "many", "Which of these sound like you?", "Preferences", flag="--prefer", metavar="X",
        help="For goal 'unsure' (repeatable):",
        choices=(
            Option("records", "I'd enjoy deciphering medical records", "deciphering medical records"),
            Option("precision", "I'm detail-minded: precision and accuracy matter to me", "precision and detail"),
            Option("independent", "I like working on my own, with little supervision", "independent, focused work"),
            Option("payers", "I'd enjoy dealing with insurance companies", "dealing with payers"),
            Option("patients", "I like talking with patients", "talking with patients"),
            Option("finance", "I care about money and the financial health of a practice",
                   "the money side of a practice"),
            Option("juggling", "I'm good at juggling many tasks at once", "juggling many tasks"),
        ),
        goals=frozenset({"unsure"}), instruction="(space ticks, Enter when done)",
    ),
    Question(
        "setting", "one", "Where would you like to work?", "Setting", default="any", metavar="SETTING",
        help="Where you want to work:",
        choices=(
            Option("physician_office", "Physician office or clinic (professional services)", "physician office"),
            Option("hospital_outpatient", "Hospital outpatient, emergency department or surgery centre",
                   "hospital outpatient"),
            Option("hospital_inpatient", "Hospital inpatient (patients admitted to the hospital)",
                   "hospital inpatient"),
            Option("payer", "Insurance company (the payer side)", "payer"),
            Option("any", "Not sure / any", "any setting"),
        ),
        aliases={"inpatient": "hospital_inpatient", "outpatient": "hospital_outpatient",
                 "physician": "physician_office", "office": "physician_office", "not_sure": "any"},
        goals=SETTING_MATTERS,
    ),
    Question(
        "specialty", "specialty", "A specialty you are drawn to?", "Specialty", metavar="WORD",
        help="A specialty you are drawn to, e.g. cardiology.", instruction="(e.g. cardiology; Enter to skip)",
        goals=SPECIALTY_MATTERS, unless=lambda answers: answers.get("setting") == "hospital_inpatient",
        note="a specialty that has a credential, such as `cardiology`, `dermatology`, `orthopedic`, `ob/gyn`",
    ),
    Question(
        "education", "one", "Your highest education so far?", "Education", metavar="LEVEL",
        help="Your highest education:",
        choices=(
            Option("high_school", "High-school diploma or GED", "high-school diploma", "high school"),
            Option("certificate", "A certificate or diploma program", "certificate program", "a certificate"),
            Option("associate", "Associate degree", "associate degree", "an associate degree"),
            Option("bachelor", "Bachelor's degree", "bachelor's degree", "a bachelor's degree"),
            Option("master", "Master's degree or higher", "master's degree", "a master's degree"),
        ),
        aliases={"hs": "high_school", "ged": "high_school", "diploma": "high_school",
                 "high_school_diploma": "high_school", "associates": "associate", "bachelors": "bachelor",
                 "masters": "master", "doctorate": "master", "phd": "master"},
    ),
    Question(
        "him_degree", "one", "Have you completed a CAHIIM-accredited HIM degree (or are in its final term)?",
        "HIM degree", metavar="LEVEL", help="A CAHIIM-accredited HIM degree completed or in its final term:",
        choices=(
            Option("associate", "Associate HIM degree", "associate HIM degree"),
            Option("bachelor", "Bachelor's HIM degree", "bachelor's HIM degree"),
            Option("master", "Master's HIM degree", "master's HIM degree"),
        ),
        unless=_no_him_degree, skip="No (or not CAHIIM-accredited)",
        asked_when="an associate degree or higher; `management`, `health_data`",
    ),
    Question(
        "experience_years", "number", "Years of coding or billing work so far?", "Experience", metavar="YEARS",
        help="Years of coding or billing work (0 or more).", default=0, low=0, high=60, unit=" of years",
        instruction="(Enter for 0)",
    ),
    Question(
        "experience", "kind_years", "What kinds of work have you done?", "Kinds of work", metavar="KIND=YEARS",
        help="Years of one kind of work, e.g. billing=2 (repeat for several):", choices=EXPERIENCE_KINDS,
        instruction="(space ticks, Enter when done; none is fine)", unless=_no_kinds,
        asked_when="`experience_years` above 0; `auditing`, `compliance`, `documentation`, `management`",
    ),
    Question(
        "licenses", "many", "Clinical licences you hold?", "Licences", flag="--license", metavar="LICENSE",
        help="A clinical licence you hold (repeatable):",
        choices=(Option("RN", "RN"), Option("LPN", "LPN"), Option("MD", "MD"), Option("DO", "DO"),
                 Option("PA", "PA"), Option("NP", "NP")),
        aliases={"rn": "RN", "lpn": "LPN", "md": "MD", "do": "DO", "pa": "PA", "np": "NP"},
        unless=_no_licence_matters, instruction="(space ticks, Enter when done; none is fine)",
        asked_when="`documentation`; `clinical` experience",
    ),
    Question(
        "training_hours", "number", "Hours of coding or billing courses completed?", "Training", metavar="HOURS",
        help="Hours of coding or billing courses completed.", default=0, low=0, high=10000, unit=" of hours",
        instruction="(Enter for 0)",
    ),
    Question(
        "held", "credentials", "Credentials you already hold?", "Credentials held", metavar="CODE",
        help="A credential you hold (repeat for several).",
        instruction="(e.g. CPC CCA or CPC, CCA; Enter: none)",
    ),
    Question(
        "practicode", "yes_no", "Have you completed AAPC Practicode?", "Practicode", no_flag="--no-practicode",
        help="AAPC Practicode completed (it counts toward removing the CPC-A/COC-A).",
        unless=_practicode_unlikely,
        asked_when="a held CPC-A or COC-A; an 80-hour course or 1 year of work, for `coding`, `coding_and_billing`, "
        "`auditing`, `documentation`, `unsure`",
    ),
    Question(
        "member_of", "organizations", "Memberships you already have?", "Memberships", metavar="ORG",
        help="An organization you are a member of (repeatable).",
        instruction="(space ticks, Enter when done; none is fine)", note="organization codes (`AAPC`, `AHIMA`…)",
    ),
    Question(
        "student", "yes_no", "I'm a student", "Student", default=False, no_flag="--no-student",
        help="Student prices.", group="pricing",
    ),
    Question(
        "first_time_member", "yes_no", "I've never been a member of AAPC or AHIMA", "First-time member",
        default=False, no_flag="--no-first-time-member", help="Never been a member (first-time prices).",
        group="pricing", unless=lambda answers: bool(answers.get("member_of")),
        note="not with `member_of`",
    ),
    Question(
        "age_65_plus", "yes_no", "I'm 65 or older", "65 or older", default=False, no_flag="--under-65",
        help="65 or older (senior prices).", group="pricing",
    ),
    Question(
        "remote", "yes_no", "Do you want to work remotely?", "Remote work", default=False, no_flag="--on-site",
        help="You want remote work (the notes say how rare it is at entry level).", unless=_experienced_coder,
        asked_when="under 2 years of coding work",
    ),
    Question(
        "budget_usd", "number", "Your budget for exams and dues, in US dollars?", "Budget", metavar="USD",
        help="Your budget for exams and dues, in US dollars.", low=0, unit=" of US dollars",
        instruction="(Enter to skip)",
    ),
    Question(
        "years", "whole", "Plan for how many years?", "Years to plan", default=4, low=1, high=50, metavar="YEARS",
        help="Planning horizon in years (1 to 50; default 4).", unit=" of years", instruction="(1 to 50; Enter for 4)",
    ),
    # issue 13: the plan's dates count from the start, and its study dates follow from the pace
    Question(
        "start", "date", "When do you start?", "Start", metavar="DATE",
        help="The day you start (YYYY-MM-DD; default today): the plan's dates count from it.",
        note="a date, `YYYY-MM-DD` (default today)", wizard=False,
    ),
    Question(
        "study_hours_per_week", "number", "How many hours a week can you study?", "Study pace", metavar="HOURS",
        help="Hours a week you can study (1 to 80; default 10): the study dates follow from it.",
        default=10, low=1, high=80, unit=" of hours a week", instruction="(1 to 80; Enter for 10)",
    ),
)

QUESTION: Mapping[str, Question] = MappingProxyType({q.key: q for q in QUESTIONS})
KEYS: tuple[str, ...] = tuple(QUESTION)

# The checkbox the wizard asks several yes/no questions in, by group.
GROUP_PROMPTS: Mapping[str, str] = MappingProxyType({"pricing": "Any of these? (they change membership prices)"})
GROUP_LABELS: Mapping[str, str] = MappingProxyType({"pricing": "Prices"})


def conflict(answers: Mapping[str, Any], label: Callable[[str], str] = str) -> str | None:
    """What is wrong with these answers taken together (one line naming the key), else None."""
    prefs, goal = answers.get("preferences"), answers.get("goal")
    if prefs and goal is not None and goal != "unsure":
        return (
            f"{label('preferences')}: preferences settle the goal 'unsure' only, but the goal is '{goal}'; "
            f"drop them or make the goal unsure."
        )
    members = answers.get("member_of")
    if answers.get("first_time_member") and members:
        return (
            f"{label('first_time_member')}: first-time prices are for people who have never been a member, "
            f"but {label('member_of')} gives {', '.join(members)}."
        )
    return None
