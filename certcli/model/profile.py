"""The person: the answers the wizard asks for (or an answers file gives)."""

from typing import Literal

from pydantic import Field

from certcli.model.facts import Education, Frozen

Goal = Literal[
    "coding",
    "billing",
    "coding_and_billing",
    "auditing",
    "compliance",
    "documentation",
    "risk_adjustment",
    "management",
    "health_data",
    "scribe",
    "unsure",
]

SettingChoice = Literal["physician_office", "hospital_inpatient", "hospital_outpatient", "payer", "any"]

# Answers to the "coding or billing?" questions for people who are unsure (from the seeds' own test).
Preference = Literal[
    "records",  # enjoys deciphering medical records
    "precision",  # precision and detail
    "independent",  # independent, focused work
    "payers",  # dealing with insurance companies and payers
    "patients",  # talking with patients
    "finance",  # money, accounts, the financial health of a practice
    "juggling",  # juggling many tasks
]


class Profile(Frozen):
    """The person: the wizard's answers (or an answers file). Only ``goal`` is required."""

    goal: Goal
    setting: SettingChoice = "any"
    specialty: str | None = None
    education: Education | None = None
    experience_years: float = Field(default=0, ge=0, le=60)
    training_hours: float = Field(default=0, ge=0, le=10000)
    held: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    student: bool = False
    first_time_member: bool = False
    age_65_plus: bool = False
    budget_usd: float | None = Field(default=None, ge=0)
    years: int = Field(default=4, ge=1, le=50)
    preferences: tuple[Preference, ...] = ()
