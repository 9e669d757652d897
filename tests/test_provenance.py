"""The claim-choice rule, on claims and sources built here (not the shipped data): which value
certcli computes with, when sources disagree, and when a figure is old.

The rule, as the README states it: computing with the one the research marked current, else
the most recent official figure, else the most recent; older than 18 months or undated is old.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import STALE_DAYS, Catalog, provenance
from certcli.model import Confidence, Context, MoneyClaim, Source
from tests.conftest import REPO

OFFICIAL = Confidence.OFFICIAL
MIRROR = Confidence.OFFICIAL_MIRROR
THIRD = Confidence.THIRD_PARTY
WEAK = Confidence.THIRD_PARTY_WEAK
SEED = Confidence.SEED


def source(sid: str, confidence: Confidence, year: int | None) -> Source:
    return Source(id=sid, url=f"https://example.org/{sid}", title=sid, year=year, confidence=confidence)


SOURCES = {
    s.id: s
    for s in [
        source("official-2023", OFFICIAL, 2023),
        source("official-2025", OFFICIAL, 2025),
        source("official-undated", OFFICIAL, None),
        source("mirror-2023", MIRROR, 2023),
        source("mirror-2025", MIRROR, 2025),
        source("third-2020", THIRD, 2020),
        source("third-2022", THIRD, 2022),
        source("third-2025", THIRD, 2025),
        source("weak-2025", WEAK, 2025),
        source("seed-2026", SEED, 2026),
    ]
}


def claim(value: int, src: str, **flags: Any) -> MoneyClaim:
    return MoneyClaim(value=value, source=src, **flags)


def pick(*claims: MoneyClaim) -> MoneyClaim | None:
    chosen = provenance.pick(claims, SOURCES)
    assert chosen is None or isinstance(chosen, MoneyClaim)
    return chosen


def value_and_source(chosen: MoneyClaim | None) -> tuple[int, str] | None:
    return None if chosen is None else (chosen.value, chosen.source)


# --------------------------------------------------------------------------- pick


def test_an_official_mirror_beats_a_newer_third_party_figure() -> None:
    chosen = pick(claim(399, "mirror-2023"), claim(450, "third-2025"))
    assert value_and_source(chosen) == (399, "mirror-2023")


def test_an_official_figure_beats_a_newer_third_party_figure() -> None:
    chosen = pick(claim(450, "third-2025"), claim(399, "official-2023"))
    assert value_and_source(chosen) == (399, "official-2023")


def test_the_most_recent_official_figure_wins_among_official_ones() -> None:
    chosen = pick(claim(425, "official-2025"), claim(399, "official-2023"), claim(410, "mirror-2023"))
    assert value_and_source(chosen) == (425, "official-2025")
    chosen = pick(claim(399, "official-2023"), claim(410, "mirror-2025"))
    assert value_and_source(chosen) == (410, "mirror-2025")  # a newer mirror beats an older official page


def test_in_the_same_year_the_higher_confidence_wins() -> None:
    assert value_and_source(pick(claim(1, "mirror-2025"), claim(2, "official-2025"))) == (2, "official-2025")
    assert value_and_source(pick(claim(1, "weak-2025"), claim(2, "third-2025"))) == (2, "third-2025")


def test_an_undated_official_figure_is_the_oldest_official_one() -> None:
    chosen = pick(claim(1, "official-undated"), claim(2, "mirror-2023"))
    assert value_and_source(chosen) == (2, "mirror-2023")


def test_without_an_official_figure_the_most_recent_wins() -> None:
    chosen = pick(claim(1, "third-2020"), claim(2, "seed-2026"), claim(3, "third-2022"))
    assert value_and_source(chosen) == (2, "seed-2026")


def test_a_claim_marked_current_beats_a_newer_official_one() -> None:
    chosen = pick(claim(450, "official-2025"), claim(399, "third-2022", status="current"))
    assert value_and_source(chosen) == (399, "third-2022")


def test_of_two_claims_marked_current_the_first_wins() -> None:
    chosen = pick(claim(1, "third-2020", status="current"), claim(2, "official-2025", status="current"))
    assert value_and_source(chosen) == (1, "third-2020")


def test_a_superseded_claim_is_never_computed_with() -> None:
    chosen = pick(claim(450, "official-2025", status="superseded"), claim(399, "third-2020"))
    assert value_and_source(chosen) == (399, "third-2020")
    # every claim superseded: nothing to compute with; the last known value is shown as such
    both = (claim(399, "third-2025", status="superseded"), claim(450, "official-2025", status="superseded"))
    assert pick(*both) is None
    last = provenance.last_known(both, SOURCES)
    assert last is not None and (last.value, last.source) == (450, "official-2025")
    assert provenance.last_known((claim(1, "third-2020"), *both), SOURCES) is None  # a live claim: no old one


def test_a_doubtful_claim_is_never_computed_with() -> None:
    chosen = pick(claim(450, "official-2025", status="doubtful"), claim(399, "third-2020"))
    assert value_and_source(chosen) == (399, "third-2020")
    assert pick(claim(450, "official-2025", status="doubtful")) is None


def test_no_claims_is_no_value() -> None:
    assert provenance.pick(None, SOURCES) is None
    assert provenance.pick((), SOURCES) is None


def test_the_same_value_stated_more_recently_dates_it_better() -> None:
    """The official figure is used, but a newer source that states the same value dates it."""
    chosen = pick(claim(425, "official-2023"), claim(425, "third-2025"), claim(450, "third-2022"))
    assert value_and_source(chosen) == (425, "third-2025")
    assert provenance.as_of(chosen, SOURCES) == "2025"
    # ...but never a superseded or doubtful restatement
    chosen = pick(claim(425, "official-2023"), claim(425, "third-2025", status="superseded"))
    assert value_and_source(chosen) == (425, "official-2023")
    chosen = pick(claim(425, "official-2023"), claim(425, "third-2025", status="doubtful"))
    assert value_and_source(chosen) == (425, "official-2023")
    # ...nor a range that starts at the same value
    chosen = pick(claim(140, "official-2023"), claim(140, "third-2025", max=160))
    assert value_and_source(chosen) == (140, "official-2023") and chosen is not None and chosen.max is None


def test_the_catalog_asks_the_same_rule() -> None:
    catalog = Catalog(sources=SOURCES, organizations={}, credentials={}, context=Context(), data_dir=Path("."),
                      lookup={})  # fmt: skip
    fact = (claim(399, "mirror-2023"), claim(450, "third-2025"))
    assert catalog.pick(fact) == provenance.pick(fact, SOURCES) == fact[0]
    assert catalog.disputed(fact) is True
    assert catalog.as_of(fact[0]) == "2023"
    assert catalog.is_stale(fact[0], date(2026, 11, 23)) is True
    assert catalog.data_as_of() == 2026


# --------------------------------------------------------------------------- staleness


MIDYEAR_2024 = date(2024, 7, 1)


@pytest.mark.parametrize(
    "days, stale",
    [(STALE_DAYS - 1, False), (STALE_DAYS, False), (STALE_DAYS + 1, True)],
    ids=["a day before the limit", "on the limit", "a day past the limit"],
)
def test_a_figure_goes_old_548_days_after_the_middle_of_its_year(days: int, stale: bool) -> None:
    assert STALE_DAYS == 548
    today = MIDYEAR_2024 + timedelta(days=days)
    figure = claim(1, "x")
    sources = {"x": source("x", OFFICIAL, 2024)}
    assert provenance.is_stale(figure, sources, today) is stale
    assert provenance.year_is_stale(2024, today) is stale


def test_the_548_day_limit_in_dates() -> None:
    assert provenance.year_is_stale(2024, date(2025, 12, 31)) is False
    assert provenance.year_is_stale(2024, date(2026, 1, 1)) is True


def test_an_undated_figure_is_always_old() -> None:
    assert provenance.is_stale(claim(1, "official-undated"), SOURCES, date(2000, 1, 1)) is True
    assert provenance.as_of(claim(1, "official-undated"), SOURCES) == "undated"


# --------------------------------------------------------------------------- disputed


def test_two_live_values_are_disputed() -> None:
    assert provenance.disputed((claim(399, "official-2023"), claim(450, "third-2025"))) is True


def test_the_same_value_from_two_sources_is_not_disputed() -> None:
    assert provenance.disputed((claim(399, "official-2023"), claim(399, "third-2025"))) is False


def test_a_different_upper_end_is_a_different_value() -> None:
    assert provenance.disputed((claim(140, "official-2023"), claim(140, "third-2025", max=160))) is True


@pytest.mark.parametrize("flag", ["superseded", "doubtful"])
def test_superseded_and_doubtful_claims_do_not_make_a_dispute(flag: str) -> None:
    assert provenance.disputed((claim(399, "official-2023"), claim(450, "third-2025", status=flag))) is False
    three = (claim(399, "official-2023"), claim(450, "third-2025", status=flag), claim(425, "third-2022"))
    assert provenance.disputed(three) is True


def test_nothing_is_not_disputed() -> None:
    assert provenance.disputed(None) is False
    assert provenance.disputed(()) is False
    assert provenance.disputed((claim(399, "official-2023"),)) is False


# --------------------------------------------------------------------------- one statement of the rule


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_rule_is_stated_as_the_readme_states_it() -> None:
    readme = _words((REPO / "README.md").read_text(encoding="utf-8").split("## Where the numbers come from")[1])
    stated = re.search(r"marks figures older than .*? never computed with\)", readme)
    assert stated, "the README's 'Where the numbers come from' no longer states the rule"
    assert stated.group(0) in _words(provenance.__doc__ or "")
