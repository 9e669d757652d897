"""The plan: ``advise``."""

from __future__ import annotations

from typing import Any

from certcli.contract.base import Document, FactMoney, Fee, LineItem, Open, Source, Total
from certcli.contract.credential import Ceus, Exam


class StepCosts(Open):
    exam: LineItem | None
    dues: LineItem | None
    first_year_total: Total
    membership_required: bool | None


class StepRenewal(Open):
    ceus: Ceus
    dues: FactMoney | None
    fees: list[Fee]


class Step(Open):
    code: str
    name: str
    issuer: str
    level: str
    kind: str
    why: list[str]
    eligibility: dict[str, Any]
    exam: Exam
    costs: StepCosts
    renewal: StepRenewal


class PlanCost(Open):
    years: int
    codes: list[str]
    total: Total
    items: list[LineItem]


class AdviseDocument(Document):
    profile: dict[str, Any]
    goal: str | None
    path: list[Step]
    alternatives: list[dict[str, Any]]
    total_cost: PlanCost | None
    notes: list[str]
    sources: dict[str, Source]
