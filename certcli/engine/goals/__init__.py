"""The per-goal rules: which credentials a goal and a work setting lead to, and why.

This package is the one place that names credential codes. :data:`GOALS` says where each goal's
rule lives: coding, billing, and coding and billing depend on the setting and on what the person
holds (:mod:`.by_setting`); the advanced roles and the goals with one first credential are rows
of a table (:mod:`.roles`). :data:`CHEAPER_STARTS` is the budget rule's table.
"""

from __future__ import annotations

from collections.abc import Callable

from certcli.engine.draft import Draft
from certcli.engine.goals.by_setting import billing, coding, coding_and_billing
from certcli.engine.goals.roles import ADVANCED, DIRECT, plan_role, unknown_facts, unknown_words
from certcli.model import Category


def _coding(draft: Draft) -> None:
    coding(draft, draft.profile.setting)


def _billing(draft: Draft) -> None:
    billing(draft, draft.profile.setting)


def _coding_and_billing(draft: Draft) -> None:
    coding_and_billing(draft, draft.profile.setting)


GOALS: dict[str, Callable[[Draft], None]] = {
    "coding": _coding,  # the setting picks the first credential
    "billing": _billing,  # CBCS for hospitals, students and no setting; else CPB
    "coding_and_billing": _coding_and_billing,  # a coding credential plus a billing one
    **{goal: plan_role for goal in ("auditing", "compliance", "documentation", "management")},  # ADVANCED
    **{goal: plan_role for goal in DIRECT},  # risk_adjustment, health_data, scribe
}

# A cheaper start for the budget rule (engine/budget.py), by the first step's category, in order.
CHEAPER_STARTS = {
    Category.CODING: ("CCA", "CBCS"),
    Category.BILLING: ("CBCS",),
    Category.CODING_AND_BILLING: ("CBCS", "CCA"),
}


def plan_goal(draft: Draft) -> None:
    """Add the steps and alternatives for the draft's goal and the person's setting."""
    GOALS[draft.goal](draft)


__all__ = ["ADVANCED", "CHEAPER_STARTS", "DIRECT", "GOALS", "plan_goal", "unknown_facts", "unknown_words"]
