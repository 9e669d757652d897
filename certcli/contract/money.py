"""The money documents: ``fees`` (and ``--memberships``), ``cost``, ``renew``."""

from __future__ import annotations

from typing import Any

from certcli.contract.base import Document, FactMoney, Fee, Figure, LineItem, Open, Source, Total
from certcli.contract.credential import Ceus


class Buyer(Open):
    member: bool | None
    student: bool
    first_time: bool
    senior: bool
    member_of: list[str]


class Quote(Open):
    code: str
    name: str | None
    issuer: str | None
    membership_required: bool | None
    member: bool
    attempts: int
    exam: LineItem | None
    dues: LineItem | None
    retake: LineItem | None
    first_year_total: Total
    notes: list[str]


class FeesDocument(Document):
    buyer: Buyer
    attempts: int
    codes: list[str]
    quotes: dict[str, Quote]
    sources: dict[str, Source]


class Tier(Open):
    kind: str
    name: str
    who: str | None
    dues: FactMoney


class OrganizationMembership(Open):
    code: str
    name: str
    url: str
    required_for_exam: Figure | None
    required_to_keep: Figure | None
    tiers: list[Tier]
    note: str | None


class MembershipsDocument(Document):
    organizations: list[OrganizationMembership]
    sources: dict[str, Source]


class YearTotal(Open):
    year: int
    subtotal: Total


class BreakEven(Open):
    organization: str
    pays_for_itself: bool | None
    from_year: int | None
    dues: Total
    savings: Total
    explanation: str


class Scheduled(Open):
    code: str
    exam_year: int


class CostDocument(Document):
    codes: list[str]
    years: int
    attempts: int
    held: list[str]
    buyer: Buyer
    schedule: list[Scheduled]
    membership: dict[str, str]
    items: list[LineItem]
    by_year: list[YearTotal]
    total: Total
    new_spending: Total  # the total less the dues already paid to keep a held credential (issue 12)
    dues_already_paid_to: list[str]
    strategy: list[str]
    break_even: list[BreakEven]
    notes: list[str]
    sources: dict[str, Source]


class Deadline(Open):
    date: str
    issuer: str
    codes: list[str]
    kind: str
    ceus: int | None
    summary: str


class RecertificationFee(Open):
    audience: str
    credentials: int
    total: Total
    text: str
    first: Fee | None
    additional: list[Fee]


class KeepCost(Open):
    audience: str
    years: int
    total: Total
    text: str


class IssuerRenewal(Open):
    issuer: str
    name: str
    credentials: list[str]
    ceus: Ceus
    ceus_per_cycle: int | None
    cycle_years: int | None
    dues_per_year: FactMoney
    recertification_fees: list[RecertificationFee]
    cost_to_keep: list[KeepCost]
    fees: list[Fee]
    dates: dict[str, Any]
    notes: list[str]


class RenewDocument(Document):
    today: str
    member: bool | None
    codes: list[str]
    deadlines: list[Deadline]
    undated: list[str]
    issuers: list[IssuerRenewal]
    sources: dict[str, Source]
