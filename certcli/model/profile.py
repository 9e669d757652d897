"""The person: the answers the wizard asks for (or an answers file or the flags give).

The answers themselves are described once, in :data:`certcli.questions.QUESTIONS` (re-exported
here): the Profile takes each field's default and limits from it.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from certcli.model.facts import Education, ExperienceKind, Frozen, License
from certcli.questions import (
    GROUP_LABELS,
    GROUP_PROMPTS,
    KEYS,
    QUESTION,
    QUESTIONS,
    SETTING_MATTERS,
    SPECIALTY_MATTERS,
    Option,
    Question,
    conflict,
)

__all__ = [
    "GROUP_LABELS",
    "GROUP_PROMPTS",
    "KEYS",
    "QUESTION",
    "QUESTIONS",
    "SETTING_MATTERS",
    "SPECIALTY_MATTERS",
    "Goal",
    "Option",
    "Preference",
    "Profile",
    "Question",
    "SettingChoice",
    "conflict",
]

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
Preference = Literal["records", "precision", "independent", "payers", "patients", "finance", "juggling"]


def _field(key: str) -> Any:
    """The Profile field for one question: its default and limits."""
    q = QUESTION[key]
    return Field(default=() if q.repeatable else q.default, ge=q.low, le=q.high)


class Profile(Frozen):
    """The person: the wizard's answers (or an answers file). Only ``goal`` is required."""

    goal: Goal
    setting: SettingChoice = _field("setting")
    specialty: str | None = _field("specialty")
    education: Education | None = _field("education")
    experience_years: float = _field("experience_years")
    training_hours: float = _field("training_hours")
    held: tuple[str, ...] = _field("held")
    member_of: tuple[str, ...] = _field("member_of")
    student: bool = _field("student")
    first_time_member: bool = _field("first_time_member")
    age_65_plus: bool = _field("age_65_plus")
    budget_usd: float | None = _field("budget_usd")
    years: int = _field("years")
    preferences: tuple[Preference, ...] = _field("preferences")
    # issue 12: kinds of experience, licences, an HIM degree, Practicode, remote work
    experience: dict[ExperienceKind, float] = Field(default_factory=dict)
    licenses: tuple[License, ...] = _field("licenses")
    him_degree: Literal["associate", "bachelor", "master"] | None = _field("him_degree")
    practicode: bool | None = _field("practicode")  # None: not asked
    remote: bool = _field("remote")
    # issue 13: the day the plan starts (None: today) and the study pace
    start: date | None = _field("start")
    study_hours_per_week: float = _field("study_hours_per_week")

    @field_validator("experience")
    @classmethod
    def _years_in_range(cls, value: dict[ExperienceKind, float]) -> dict[ExperienceKind, float]:
        for kind, years in value.items():
            if not 0 <= years <= 60:
                raise ValueError(f"experience {kind}: years must be between 0 and 60, got {years:g}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        problem = conflict(dict(self))
        if problem:
            raise ValueError(problem)
        return self
