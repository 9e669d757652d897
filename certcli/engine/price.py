"""One amount as certcli prices it: the claim chosen from a fact's sources, as a line item.

A fact with no current claim (all superseded or doubtful) is an unknown amount (``None``),
never zero: its note names the last known or unverified figure instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from certcli.catalog import Catalog
from certcli.model import Claim, Confidence, TierKind
from certcli.words import money


class Alternative(NamedTuple):
    """Another live value for an amount, where sources disagree."""

    amount: int
    max: int | None
    source: str
    as_of: int | None


class LineItem(NamedTuple):
    year: int  # 1-based year of the plan
    what: str  # "CPC exam (1 attempt, member)", "AAPC dues (individual)"
    kind: str  # "exam" | "dues" | "renewal" | "retake" | "extension"
    amount: int | None  # None = not published (makes the total incomplete)
    source: str | None  # source id of the claim used
    as_of: int | None  # year of that source
    stale: bool
    disputed: bool  # sources disagree on this amount
    note: str | None = None  # which value was used and the range, seed labels, what it covers
    code: str | None = None  # the credential it is for (exam, retake)
    organization: str | None = None  # the organization paid
    others: tuple[Alternative, ...] = ()  # the other live values, where disputed
    tier: TierKind | None = None  # dues: the membership tier paid
    unverified: str | None = None  # "seed source, unverified" where only a seed or weak page gives it


def labelled(item: LineItem | None, amount: str) -> str:
    """An amount in a sentence, with its seed or weak-source label where it has one."""
    return f"{amount} ({item.unverified})" if item is not None and item.unverified else amount


# --------------------------------------------------------------------------- pricing one amount


def _usable(claim: Claim[Any]) -> bool:
    return not claim.superseded and not claim.doubtful


def live(fact: tuple[Claim[Any], ...] | None) -> bool:
    """A current figure exists: some claim neither superseded nor doubtful."""
    return any(_usable(c) for c in fact or ())


def _why_picked(catalog: Catalog, claim: Claim[Any]) -> str:
    if claim.current:
        return "marked current"
    if catalog.sources[claim.source].confidence in (Confidence.OFFICIAL, Confidence.OFFICIAL_MIRROR):
        return "the most recent official figure"
    return "the most recent figure"


def priced(
    catalog: Catalog,
    fact: tuple[Claim[Any], ...] | None,
    today: date,
    *,
    year: int,
    what: str,
    kind: str,
    times: int = 1,
    code: str | None = None,
    organization: str | None = None,
    notes: Iterable[str | None] = (),
) -> LineItem:
    """A line item for ``fact`` (× ``times``); unknown when nothing current is published."""
    extra = [n for n in notes if n]
    if not live(fact):
        doubtful = [c for c in fact or () if c.doubtful and not c.superseded]
        if doubtful:
            seen = "; ".join(f"{money(c.value)} ({catalog.as_of(c)})" for c in doubtful)
            extra.append(f"unverified figures only: {seen}")
        else:
            last = _last_known(catalog, fact)
            if last:
                extra.append(last)
        return LineItem(year, what, kind, None, None, None, False, False, "; ".join(extra) or None, code, organization)
    claim = catalog.pick(fact)
    assert claim is not None and fact is not None
    as_of = catalog.sources[claim.source].year
    disputed = catalog.disputed(fact)
    parts: list[str] = []
    label = catalog.unverified(claim)
    if label:
        parts.append(label)
    if claim.note:
        parts.append(claim.note)
    if as_of is None:
        parts.append("undated")
    if claim.max is not None and claim.max != claim.value:
        parts.append(f"quoted as {money(claim.value)}–{money(claim.max)}; the low end is used")
    others: list[Alternative] = []
    if disputed:
        current = [c for c in fact if _usable(c)]
        low = min(c.value for c in current)
        high = max(c.max if c.max is not None else c.value for c in current)
        parts.append(
            f"sources disagree ({money(low)}–{money(high)}); used {money(claim.value)} from "
            f"{catalog.as_of(claim)}, {_why_picked(catalog, claim)}"
        )
        values = {(claim.value, claim.max)}
        for c in sorted(current, key=lambda c: -(catalog.sources[c.source].year or 0)):
            if (c.value, c.max) in values:
                continue
            values.add((c.value, c.max))
            others.append(Alternative(c.value, c.max, c.source, catalog.sources[c.source].year))
    if times > 1:
        parts.append(f"{times} × {money(claim.value)}")
    parts.extend(extra)
    return LineItem(
        year=year,
        what=what,
        kind=kind,
        amount=claim.value * times,
        source=claim.source,
        as_of=as_of,
        stale=catalog.is_stale(claim, today),
        disputed=disputed,
        note="; ".join(parts) or None,
        code=code,
        organization=organization,
        others=tuple(others),
        unverified=label,
    )


def _last_known(catalog: Catalog, fact: tuple[Claim[Any], ...] | None) -> str | None:
    fact = tuple(c for c in fact or () if not c.doubtful)
    if not fact:
        return None
    last = max(fact, key=lambda c: catalog.sources[c.source].year or 0)
    return f"the last known price, {money(last.value)} ({catalog.as_of(last)}), is out of date"


def known_total(items: Iterable[LineItem | None]) -> tuple[int, int]:
    """(number of unknown amounts, sum of the known ones)."""
    unknown, total = 0, 0
    for item in items:
        if item is None:
            continue
        if item.amount is None:
            unknown += 1
        else:
            total += item.amount
    return unknown, total
