"""The one claim-choice rule: which of a fact's sourced values certcli computes with, whether
the sources disagree, and how old a figure is.

As the README's "Where the numbers come from" says it (and every output that names the rule
says, in :data:`CHOICE_WORDS`): certcli marks figures older than 18 months or undated `old`,
keeps every value where sources disagree (computing with the one the research marked current,
else the most recent official figure, else the most recent; a superseded or doubtful claim is
shown, never computed with).

In detail, :func:`pick` chooses so:

1. A doubtful or superseded claim is never computed with. A fact with no other claim has no
   value ("not published"); :func:`last_known` gives the old value to show as such.
2. The claim marked ``current`` wins (``data check`` refuses two; the first would win).
3. Else the most recent official claim, where an official mirror counts as official; else the
   most recent claim. "Most recent" is the source's year (undated counts as oldest), then the
   higher confidence.
4. The same value stated by a more recent source dates the chosen value better: that claim is
   returned instead.

A fact is :func:`disputed` when more than one value (value and upper end) survives among the
claims neither superseded nor doubtful. A figure :func:`is_stale` when its source is undated,
or when more than :data:`STALE_DAYS` days separate the middle of its source's year (1 July)
from today.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from certcli.model import CONFIDENCE_RANK, Claim, Confidence, Source

# The rule in the words every output uses (show, fees, cost, advise say the same thing).
CHOICE_WORDS = "the one the research marked current, else the most recent official figure, else the most recent"

STALE_DAYS = 548  # about 18 months
OFFICIAL = (Confidence.OFFICIAL, Confidence.OFFICIAL_MIRROR)

Fact = tuple[Claim[Any], ...] | None


def recency(claim: Claim[Any], sources: Mapping[str, Source]) -> tuple[int, int]:
    """How recent a claim's source is: its year (0 when undated), then its confidence."""
    src = sources[claim.source]
    return (src.year or 0, CONFIDENCE_RANK[src.confidence])


def pick(fact: Fact, sources: Mapping[str, Source]) -> Claim[Any] | None:
    """The claim to compute with (None when there is none to use): the rule above."""
    live = [c for c in fact or () if not c.doubtful and not c.superseded]
    if not live:
        return None
    marked = [c for c in live if c.current]
    if marked:
        return marked[0]
    official = [c for c in live if sources[c.source].confidence in OFFICIAL]
    chosen = max(official or live, key=lambda c: recency(c, sources))
    same = [c for c in live if (c.value, c.max) == (chosen.value, chosen.max)]
    return max(same, key=lambda c: recency(c, sources))


UNVERIFIED = {Confidence.SEED: "seed source, unverified", Confidence.THIRD_PARTY_WEAK: "weak source, unverified"}


def unverified(claim: Claim[Any] | None, sources: Mapping[str, Source]) -> str | None:
    """The label a figure carries wherever it is used when only a seed or a weak third party gives
    it ("seed source, unverified"); None for any other source."""
    if claim is None:
        return None
    return UNVERIFIED.get(sources[claim.source].confidence)


def last_known(fact: Fact, sources: Mapping[str, Source]) -> Claim[Any] | None:
    """The most recent superseded claim of a fact that has no live one (an old price to show as
    such, never to compute with); None when the fact has a live claim or only doubtful ones."""
    claims = [c for c in fact or () if not c.doubtful]
    if not claims or any(not c.superseded for c in claims):
        return None
    return max(claims, key=lambda c: recency(c, sources))


def disputed(fact: Fact) -> bool:
    """More than one live value: sources disagree."""
    live = {(c.value, c.max) for c in fact or () if not c.superseded and not c.doubtful}
    return len(live) > 1


def as_of(claim: Claim[Any], sources: Mapping[str, Source]) -> str:
    """``2025``, or ``undated``."""
    year = sources[claim.source].year
    return str(year) if year else "undated"


def year_is_stale(year: int | None, today: date) -> bool:
    """Whether a figure as of ``year`` is old on ``today`` (undated always is)."""
    if year is None:
        return True
    return (today - date(year, 7, 1)).days > STALE_DAYS


def is_stale(claim: Claim[Any], sources: Mapping[str, Source], today: date) -> bool:
    return year_is_stale(sources[claim.source].year, today)


def newest_year(sources: Iterable[Source]) -> int | None:
    """The most recent year any source is as of (None when all are undated)."""
    years = [s.year for s in sources if s.year]
    return max(years) if years else None
