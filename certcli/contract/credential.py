"""A credential's documents: ``show``, ``compare``, ``list``, ``search``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from certcli.contract.base import Claim, Document, FactMoney, Fee, Figure, FigureStatus, Open, Source, Year


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


class ShowDocument(Document, Credential):
    sources: dict[str, Source]


class CompareDocument(Document):
    codes: list[str]
    credentials: dict[str, Credential]
    differs: list[str] = Field(description="Dotted paths of the fields whose values differ (exam.passing.percent).")
    sources: dict[str, Source]


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
