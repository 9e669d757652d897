"""The JSON contract as models: one pydantic model per command's ``--json`` document, from which
``certcli schema COMMAND`` generates its JSON Schema (and the tests validate every command's real
output against it).

The models name the keys a script may rely on (every field here is required: a document without
it breaks the contract) and their types; documents may carry more keys (``extra="allow"``):
adding keys keeps the schema version, renaming or removing one takes a new
:data:`certcli.documents.SCHEMA_VERSION`.

Imported only by ``certcli schema``, the MCP server (its tools' output schemas) and the tests:
building these schemas costs start-up time that no other command pays.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from certcli.documents import SCHEMA_VERSION

FigureStatus = Literal["current", "stale", "disputed", "superseded", "not_published"]
ClaimStatus = Literal["current", "superseded", "doubtful"] | None
Year = int | None
Amount = int | None


class Open(BaseModel):
    """A JSON object with these keys, and maybe more."""

    model_config = ConfigDict(extra="allow")


# --------------------------------------------------------------------------- figures and money


class Claim(Open):
    """One value a source gives, with its status from the research (None: no word)."""

    value: Any
    source: str
    as_of: Year
    confidence: str
    stale: bool
    status: ClaimStatus


class Figure(Open):
    """A fact: the value in use and where it comes from, beside every claim."""

    value: Any
    source: str | None
    as_of: Year
    disputed: bool
    status: FigureStatus
    claims: list[Claim]


class OtherValue(Open):
    amount: int
    max: int | None
    source: str
    as_of: Year
    status: ClaimStatus


class Money(Open):
    """The one money shape: ``amount`` in whole US dollars, None when not published."""

    amount: Amount = Field(ge=0)
    currency: Literal["USD"]
    source: str | None
    as_of: Year
    stale: bool
    disputed: bool
    status: FigureStatus
    other_values: list[OtherValue]


class FactMoney(Money):
    """An amount of the catalog, with its claims."""

    max: int | None
    confidence: str | None
    claims: list[Claim]


class Total(Open):
    """A sum. ``complete`` is false when a part is not published; ``amount`` then adds the known parts."""

    amount: Amount = Field(ge=0)
    currency: Literal["USD"]
    complete: bool
    unknown: list[str]


class LineItem(Money):
    """One payment of a plan: what it is for, beside the money shape."""

    year: int
    what: str
    kind: str
    credential: str | None
    organization: str | None
    tier: str | None
    note: str | None


class Fee(FactMoney):
    kind: str
    audience: str
    attempts: int | None
    note: str | None


class Source(Open):
    url: str
    title: str
    year: Year
    year_note: str | None
    confidence: str


# --------------------------------------------------------------------------- a credential (show, compare)


class Passing(Open):
    """The pass mark: ``percent``, or ``scaled_score`` on ``scale_min``–``scale_max``, beside its text."""

    percent: int | None
    scaled_score: int | None
    scale_min: int | None
    scale_max: int | None
    text: str | None
    source: str | None
    as_of: Year
    status: FigureStatus
    claims: list[Claim]


class ExamPart(Open):
    kind: Literal["multiple_choice", "cases"]
    count: int = Field(ge=1)


class Parts(Open):
    """The exam part by part (empty ``items``: not published)."""

    items: list[ExamPart]
    source: str | None
    as_of: Year
    status: FigureStatus


class Ceus(Open):
    """The CEUs (continuing-education hours) a cycle of ``years`` asks for, under the issuer's rule."""

    hours: int | None
    years: int | None
    text: str
    source: str | None
    as_of: Year
    status: FigureStatus
    rule: str
    rule_sources: list[str]


class Exam(Open):
    questions: Figure | None
    minutes: Figure | None
    passing: Passing
    parts: Parts


class ShownExam(Exam):
    scored: Figure | None
    pretest: Figure | None
    format: Figure | None
    book: Figure | None
    delivery: Figure | None
    history: list[Claim]


class Renewal(Open):
    ceus: Ceus


class ExamFee(FactMoney):
    """The exam fee for one attempt; ``members_only``: a non-member cannot buy it."""

    attempts: int
    members_only: bool


class ExamFees(Open):
    member: ExamFee
    non_member: ExamFee


class Credential(Open):
    """``show``'s fields (and each of ``compare``'s credentials)."""

    code: str
    name: str
    issuer: str
    category: str
    level: str
    status: str
    settings: list[str]
    summary: str
    url: str | None
    exam: ShownExam
    fees: list[Fee]
    exam_fee: ExamFees
    dues: FactMoney
    membership_required_for_exam: bool | None
    eligibility: dict[str, Any]
    renewal: Renewal
    salary: list[Claim]
    salary_in_use: FactMoney
    issuer_rules: dict[str, Any]


class Document(Open):
    """Every document starts with these two keys."""

    schema_version: Literal[1] = Field(description="The contract's version: a new one renames or removes keys.")
    data_version: str | None = Field(description="The release date of the data (ISO), None when undated.")


class ShowDocument(Document, Credential):
    sources: dict[str, Source]


class CompareDocument(Document):
    codes: list[str]
    credentials: dict[str, Credential]
    differs: list[str] = Field(description="Dotted paths of the fields whose values differ (exam.passing.percent).")
    sources: dict[str, Source]


# --------------------------------------------------------------------------- list, search


class Listed(Open):
    code: str
    name: str
    issuer: str
    category: str
    level: str
    settings: list[str]
    status: str
    specialty: str | None


class ListDocument(Document):
    credentials: list[Listed]
    count: int


class Hit(Open):
    code: str
    name: str
    issuer: str
    matched: str


class SearchDocument(Document):
    query: str
    results: list[Hit]


# --------------------------------------------------------------------------- fees, memberships, cost


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
    strategy: list[str]
    break_even: list[BreakEven]
    notes: list[str]
    sources: dict[str, Source]


# --------------------------------------------------------------------------- renew


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


# --------------------------------------------------------------------------- advise


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


# --------------------------------------------------------------------------- the CEU log, data check


class CeuEntry(Open):
    id: str
    date: str
    hours: float
    title: str
    provider: str | None
    credentials: list[str]
    categories: list[str]
    certificate: str | None
    sha256: str | None


class CeuHold(Open):
    code: str
    earned: str | None
    cycle_end: str | None


class CeuEntryDocument(Document):
    """``ceu add`` and ``ceu edit``: the entry as logged."""

    entry: CeuEntry


class CeuHoldsDocument(Document):
    """``ceu hold`` and ``ceu unhold``: every credential the log holds."""

    holds: list[CeuHold]


class CeuListDocument(Document):
    entries: list[CeuEntry]


class CeuRemoveDocument(Document):
    removed: str
    entries: int


class CeuIssuerProgress(Open):
    issuer: str
    credentials: list[str]
    cycle_years: int | None
    cycle_end: str | None
    days_left: int | None
    required: float | None
    earned: float
    needed: float | None
    subject: list[dict[str, Any]]
    sources: list[str]


class CeuProgressDocument(Document):
    today: str
    issuers: list[CeuIssuerProgress]
    entries: list[dict[str, Any]]
    flags: list[dict[str, Any]]


class CeuExportDocument(Document):
    """What ``ceu export FILE`` wrote: counts (the whole log) or entry ids (``--audit CODE``)."""

    file: str
    entries: int | list[str]


class CeuImportDocument(Document):
    added: int
    already: int
    holds_added: list[str]
    holds_kept: list[str]


class DataCheckDocument(Document):
    data_dir: str
    ok: bool
    problems: list[str]


# --------------------------------------------------------------------------- errors


class Error(Open):
    code: int = Field(description="The exit code: 1 data or domain error, 2 usage, 130 cancelled.")
    message: str


class ErrorDocument(Open):
    """What ``--json`` prints instead when a run fails (beside the line on stderr)."""

    schema_version: Literal[1]
    error: Error


DOCUMENTS: dict[str, type[BaseModel]] = {
    "list": ListDocument,
    "show": ShowDocument,
    "compare": CompareDocument,
    "search": SearchDocument,
    "fees": FeesDocument,
    "memberships": MembershipsDocument,  # fees --memberships
    "cost": CostDocument,
    "renew": RenewDocument,
    "advise": AdviseDocument,
    "ceu add": CeuEntryDocument,
    "ceu edit": CeuEntryDocument,
    "ceu hold": CeuHoldsDocument,
    "ceu unhold": CeuHoldsDocument,
    "ceu list": CeuListDocument,
    "ceu remove": CeuRemoveDocument,
    "ceu progress": CeuProgressDocument,
    "ceu export": CeuExportDocument,
    "ceu import": CeuImportDocument,
    "data check": DataCheckDocument,
    "error": ErrorDocument,
}
assert SCHEMA_VERSION == 1, "the models' Literal[1] follow the schema version"


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one document (``DOCUMENTS``' names), with its ``$id``-like title and version."""
    model = DOCUMENTS[name]
    out: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                           **model.model_json_schema(mode="serialization")}
    out["title"] = f"certcli {name} --json" if name != "error" else "certcli error (any command with --json)"
    out["x-schema-version"] = SCHEMA_VERSION
    return out
