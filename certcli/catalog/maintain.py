"""What a maintainer of the data asks: which sources to re-verify first (``data sources``) and
what changed between two data directories (``data diff``). Pure: catalogs in, rows out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

from certcli.catalog.audit import figures
from certcli.catalog.index import Catalog
from certcli.catalog.provenance import year_is_stale
from certcli.model import Claim, Fee, Organization
from certcli.words import money

# --------------------------------------------------------------------------- data sources


class SourceRank(NamedTuple):
    id: str
    money: int  # figures in money resting on it
    eligibility: int  # figures in eligibility resting on it
    year: int | None
    confidence: str
    stale: bool
    url: str
    title: str

    @property
    def figures(self) -> int:
        return self.money + self.eligibility


def ranked_sources(catalog: Catalog, today: date, stale_only: bool = False) -> list[SourceRank]:
    """Every source, most relied on first (money and eligibility figures resting on it), then the
    oldest first (undated before any year): the order to re-verify them in."""
    uses: dict[str, Counter[str]] = {sid: Counter() for sid in catalog.sources}
    for fig in figures(catalog):
        for sid in fig.sources:
            uses.setdefault(sid, Counter())[fig.use] += 1
    rows = []
    for sid, src in catalog.sources.items():
        stale = year_is_stale(src.year, today)
        if stale_only and not stale:
            continue
        count = uses.get(sid, Counter())
        rows.append(SourceRank(sid, count["money"], count["eligibility"], src.year, str(src.confidence), stale,
                               src.url, src.title))
    return sorted(rows, key=lambda r: (-r.figures, r.year or 0, r.id))


# --------------------------------------------------------------------------- data diff


class Difference(NamedTuple):
    section: str  # "fees" | "rules" | "statuses" | "sources" | "credentials"
    what: str  # "CPC exam (member, 1 attempt)"
    old: str | None  # None: added
    new: str | None  # None: removed

    def line(self) -> str:
        if self.old is None:
            return f"{self.what}: added ({self.new})"
        if self.new is None:
            return f"{self.what}: removed (was {self.old})"
        return f"{self.what}: {self.old} → {self.new}"


SECTIONS = ("credentials", "fees", "rules", "statuses", "sources")


def _value(catalog: Catalog, fact: tuple[Claim[Any], ...] | None, fmt: Any = str) -> str:
    claim = catalog.pick(fact)
    if claim is None:
        return "not published"
    shown = fmt(claim.value) + (f"–{fmt(claim.max)}" if claim.max is not None else "")
    return f"{shown} ({catalog.as_of(claim)}, {catalog.sources[claim.source].confidence})"


def _fee_name(owner: str, fee: Fee, where: str = "") -> str:
    parts = [fee.kind.value.replace("_", " ")]
    if fee.audience.value != "any":
        parts.append(fee.audience.value.replace("_", "-"))
    if fee.attempts:
        parts.append(f"{fee.attempts} attempt{'s' if fee.attempts > 1 else ''}")
    return f"{owner}{where} {parts[0]}" + (f" ({', '.join(parts[1:])})" if parts[1:] else "")


def _fees(catalog: Catalog) -> dict[str, str]:
    out: dict[str, str] = {}
    for org in catalog.organizations.values():
        for tier in org.membership.tiers:
            if tier.dues:
                out[f"{org.code} dues ({tier.kind.value.replace('_', ' ')})"] = _value(catalog, tier.dues, money)
        for where, fees in (("", org.fees), (" renewal", org.renewal.fees)):
            for fee in fees:
                out.setdefault(_fee_name(org.code, fee, where), _value(catalog, fee.amount, money))
    for cred in catalog.credentials.values():
        for fee in cred.fees:
            out.setdefault(_fee_name(cred.code, fee), _value(catalog, fee.amount, money))
    return out


def _rules(catalog: Catalog) -> dict[str, str]:
    out: dict[str, str] = {}
    for cred in catalog.credentials.values():
        for group in ("required", "recommended"):
            texts = [r.text for r in getattr(cred.eligibility, group)]
            if texts:
                out[f"{cred.code} eligibility ({group})"] = "; ".join(texts)
        if cred.renewal.ceus:
            out[f"{cred.code} CEUs per cycle"] = _value(catalog, cred.renewal.ceus)
        if cred.exam.questions:
            out[f"{cred.code} exam questions"] = _value(catalog, cred.exam.questions)
        if cred.exam.minutes:
            out[f"{cred.code} exam minutes"] = _value(catalog, cred.exam.minutes)
    for org in catalog.organizations.values():
        out.update(_org_rules(catalog, org))
    return out


def _org_rules(catalog: Catalog, org: Organization) -> Iterator[tuple[str, str]]:
    if org.renewal.cycle_years:
        yield f"{org.code} renewal cycle (years)", _value(catalog, org.renewal.cycle_years)
    live = [c.value for c in org.renewal.rules if not c.superseded and not c.doubtful]
    if live:
        yield f"{org.code} renewal rules", "; ".join(str(v) for v in live)
    if org.membership.required_for_exam:
        yield f"{org.code} members only", _value(catalog, org.membership.required_for_exam)


def _statuses(catalog: Catalog) -> dict[str, str]:
    out = {f"{c.code} status": str(c.status) for c in catalog.credentials.values()}
    for key, claims in _claims(catalog):
        for c in claims:
            out[f"{key} {c.value!s} ({c.source})"] = str(c.status) if c.status else "no status"
    return out


def _claims(catalog: Catalog) -> Iterator[tuple[str, tuple[Claim[Any], ...]]]:
    for org in catalog.organizations.values():
        for tier in org.membership.tiers:
            if tier.dues:
                yield f"{org.code} dues ({tier.kind.value})", tier.dues
        for fee in (*org.fees, *org.renewal.fees):
            yield _fee_name(org.code, fee), fee.amount
    for cred in catalog.credentials.values():
        for fee in cred.fees:
            yield _fee_name(cred.code, fee), fee.amount


def _credentials(catalog: Catalog) -> dict[str, str]:
    return {c.code: f"{c.name} ({c.issuer})" for c in catalog.credentials.values()}


def _sources(catalog: Catalog) -> dict[str, str]:
    return {
        sid: f"{s.url}, {s.year or 'undated'}, {s.confidence}" for sid, s in catalog.sources.items()
    }


def _compare(section: str, old: dict[str, str], new: dict[str, str]) -> list[Difference]:
    out = []
    for key in dict.fromkeys([*old, *new]):
        a, b = old.get(key), new.get(key)
        if section == "statuses" and (a is None or b is None) and not key.endswith(" status"):
            continue  # a claim added or removed: the fees say so; a status is news only when it changes
        if a != b:
            out.append(Difference(section, key, a, b))
    return out


def diff(old: Catalog, new: Catalog) -> list[Difference]:
    """What changed from ``old`` to ``new``, by section (see :data:`SECTIONS`)."""
    parts = {
        "credentials": _credentials, "fees": _fees, "rules": _rules, "statuses": _statuses, "sources": _sources,
    }
    out: list[Difference] = []
    for section in SECTIONS:
        out.extend(_compare(section, parts[section](old), parts[section](new)))
    return out
