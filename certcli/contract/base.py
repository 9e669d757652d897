"""The contract's building blocks: figures, money, totals, sources, the document head, errors."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

FigureStatus = Literal["current", "stale", "disputed", "superseded", "not_published"]
ClaimStatus = Literal["current", "superseded", "doubtful"] | None
Year = int | None
Amount = int | None


class Open(BaseModel):
    """A JSON object with these keys, and maybe more."""

    model_config = ConfigDict(extra="allow")


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


class Document(Open):
    """Every document starts with these two keys."""

    schema_version: Literal[1] = Field(description="The contract's version: a new one renames or removes keys.")
    data_version: str | None = Field(description="The release date of the data (ISO), None when undated.")


class Error(Open):
    code: int = Field(description="The exit code: 1 data or domain error, 2 usage, 130 cancelled.")
    message: str


class ErrorDocument(Open):
    """What ``--json`` prints instead when a run fails (beside the line on stderr)."""

    schema_version: Literal[1]
    error: Error
