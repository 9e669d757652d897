"""The per-goal rules, driven by the tables of :mod:`certcli.engine.pathways`.

:data:`GOALS` says which function follows each goal's rows: coding, billing, and coding and
billing read :data:`~certcli.engine.pathways.ROUTES` by setting (:mod:`.by_setting`); the advanced
roles and the goals with one first credential are rows of ``ADVANCED`` and ``DIRECT``
(:mod:`.roles`), as are the HIM degree routes and the next roles.
"""

from __future__ import annotations

from collections.abc import Callable

from certcli.engine.draft import Draft
from certcli.engine.goals.by_setting import billing, coding, coding_and_billing
from certcli.engine.goals.roles import degree_routes, next_roles, plan_role, unknown_facts, unknown_words
from certcli.engine.pathways import ADVANCED, CHEAPER_STARTS, DEGREE_GOALS, DIRECT


def _coding(draft: Draft) -> None:
    coding(draft, draft.profile.setting)


def _billing(draft: Draft) -> None:
    billing(draft, draft.profile.setting)


def _coding_and_billing(draft: Draft) -> None:
    coding_and_billing(draft, draft.profile.setting)


GOALS: dict[str, Callable[[Draft], None]] = {
    "coding": _coding,  # the setting picks the first credential
    "billing": _billing,  # CRCR for hospitals; CBCS for students and no setting; else CPB
    "coding_and_billing": _coding_and_billing,  # a coding credential plus a billing one
    **{goal: plan_role for goal in ("auditing", "compliance", "documentation", "management")},  # ADVANCED
    **{goal: plan_role for goal in DIRECT},  # risk_adjustment, health_data, scribe
}


def plan_goal(draft: Draft) -> None:
    """Add the steps and alternatives for the draft's goal and the person's setting."""
    GOALS[draft.goal](draft)
    if draft.goal in DEGREE_GOALS:
        degree_routes(draft)
    if not draft.picks and draft.held:
        next_roles(draft)


__all__ = ["ADVANCED", "CHEAPER_STARTS", "DIRECT", "GOALS", "plan_goal", "unknown_facts", "unknown_words"]
