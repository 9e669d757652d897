"""The CEU log's documents (``ceu …``) and ``data check``."""

from __future__ import annotations

from typing import Any

from certcli.contract.base import Document, Open


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
