"""CEU progress against hand-computed cycles, on the shipped data (the clock is passed in).

The figures each test expects are worked out by hand from data/: AAPC 36/40/44/48/52 CEUs for
1–5 credentials every 2 years (aapc.yaml), CPMA 16 auditing CEUs inside the total; AHIMA 20 for
the CCS, +10 per further credential, 40% from AHIMA, 80% in HIIM domains (ahima.yaml); AMBA 15
a year for the CMRS, half from AMBA (others.yaml).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from certcli.catalog import Catalog
from certcli.engine.ceu import IssuerProgress, Progress, progress
from certcli.engine.ceu_entry import applies_to, check_hours, parse_category
from certcli.engine.renewal import HeldCredential
from certcli.errors import UsageError
from certcli.store import Entry

TODAY = date(2026, 11, 23)
EARNED = TODAY - timedelta(days=300)  # 2026-01-27: a first cycle, to 2028-01-27


def held(catalog: Catalog, *codes: str, earned: date = EARNED, end: date | None = None) -> list[HeldCredential]:
    return [HeldCredential(catalog.credential(c), None if end else earned, end) for c in codes]


def entry(i: str, hours: float, *codes: str, day: date = TODAY - timedelta(days=10), title: str = "",
          provider: str = "", cats: tuple[str, ...] = ()) -> Entry:  # fmt: skip
    return Entry(i, day, hours, title or f"course {i}", provider, tuple(codes), cats)


def issuer(result: Progress, code: str) -> IssuerProgress:
    return next(i for i in result.issuers if i.issuer == code)


def flags(item: IssuerProgress) -> dict[str, tuple[str, ...]]:
    return {f.kind: f.entries for f in item.flags}


def subject(item: IssuerProgress, category: str) -> Any:
    return next(s for s in item.subject if s.category == category)


def test_cpc_and_ccs_earned_300_days_ago(catalog: Catalog) -> None:
    """The issue's example: 10 CEUs for the CPC and 5 for the CCS leave 26 of 36 and 15 of 20."""
    result = progress(catalog, held(catalog, "CPC", "CCS"), [entry("a", 10, "CPC"), entry("b", 5, "CCS")], TODAY)
    aapc, ahima = issuer(result, "AAPC"), issuer(result, "AHIMA")
    assert (aapc.required, aapc.earned, aapc.needed) == (36, 10, 26)
    assert (ahima.required, ahima.earned, ahima.needed) == (20, 5, 15)
    for item in (aapc, ahima):
        assert (item.cycle_start, item.cycle_end) == (date(2026, 1, 27), date(2028, 1, 27))
        assert item.days_left == (date(2028, 1, 27) - TODAY).days == 430
    assert aapc.entries == ("a",) and ahima.entries == ("b",)
    uses = {e.id: [(u.issuer, u.ceus) for u in e.uses] for e in result.entries}
    assert uses == {"a": [("AAPC", 10)], "b": [("AHIMA", 5)]}


def test_an_entry_for_both_issuers_counts_for_each(catalog: Catalog) -> None:
    result = progress(catalog, held(catalog, "CPC", "CCS"), [entry("a", 4, "CPC", "CCS")], TODAY)
    assert issuer(result, "AAPC").needed == 32 and issuer(result, "AHIMA").needed == 16


def test_aapc_stacks_by_its_table_and_counts_the_subject_minimum_inside(catalog: Catalog) -> None:
    entries = [entry("a", 10, "CPC", "CPMA", cats=("auditing",)), entry("b", 20, "CPC")]
    item = issuer(progress(catalog, held(catalog, "CPC", "CPMA"), entries, TODAY), "AAPC")
    assert (item.required, item.earned, item.needed) == (40, 30, 10)
    auditing = subject(item, "auditing")
    assert (auditing.required, auditing.earned, auditing.needed, auditing.codes) == (16, 10, 6, ("CPMA",))


def test_ahima_shares_come_from_the_data(catalog: Catalog) -> None:
    entries = [entry("a", 6, "CCS", cats=("hiim", "ahima")), entry("b", 3, "CCS", cats=("hiim",))]
    item = issuer(progress(catalog, held(catalog, "CCS"), entries, TODAY), "AHIMA")
    assert (subject(item, "ahima").required, subject(item, "ahima").earned, subject(item, "ahima").needed) == (8, 6, 2)
    assert (subject(item, "hiim").required, subject(item, "hiim").earned, subject(item, "hiim").needed) == (16, 9, 7)
    assert subject(item, "hiim").source == "ahima-recertify-app-2023"


def test_ahima_counts_non_hiim_ceus_only_up_to_its_share(catalog: Catalog) -> None:
    """20 CEUs, at least 80% in HIIM domains: at most 4 from other topics count."""
    entries = [entry("a", 3, "CCS", cats=("other-domain",)), entry("b", 3, "CCS", cats=("other-domain",))]
    item = issuer(progress(catalog, held(catalog, "CCS"), entries, TODAY), "AHIMA")
    assert (item.earned, item.needed) == (4, 16)
    assert flags(item)["beyond_cap"] == ("b",)


def test_amba_half_from_amba(catalog: Catalog) -> None:
    earned = TODAY - timedelta(days=100)
    entries = [entry("a", 5, "CMRS", cats=("amba",)), entry("b", 4, "CMRS")]
    item = issuer(progress(catalog, held(catalog, "CMRS", earned=earned), entries, TODAY), "AMBA")
    assert (item.required, item.earned, item.needed, item.cycle_end) == (15, 9, 6, earned.replace(year=2027))
    amba = subject(item, "amba")
    assert (amba.required, amba.earned, amba.needed) == (7.5, 5, 2.5)


def test_an_entry_outside_the_cycle_is_flagged_and_not_counted(catalog: Catalog) -> None:
    """CPC earned 2022-03-01: the current cycle runs 2026-03-02 to 2028-03-01."""
    cpc = held(catalog, "CPC", earned=date(2022, 3, 1))
    entries = [entry("old", 10, "CPC", day=date(2026, 3, 1)), entry("new", 2, "CPC", day=date(2026, 3, 2))]
    item = issuer(progress(catalog, cpc, entries, TODAY), "AAPC")
    assert (item.cycle_start, item.cycle_end) == (date(2026, 3, 2), date(2028, 3, 1))
    assert (item.earned, item.needed) == (2, 34)
    assert flags(item) == {"outside_cycle": ("old",)}  # and no pro-rating: not a first cycle


def test_the_same_course_twice_counts_once_for_aapc(catalog: Catalog) -> None:
    entries = [entry("a", 2, "CPC", "CCS", title="E/M  Update", provider="X"),
               entry("b", 2, "CPC", "CCS", title="e/m update", provider="x", day=TODAY)]  # fmt: skip
    result = progress(catalog, held(catalog, "CPC", "CCS"), entries, TODAY)
    aapc, ahima = issuer(result, "AAPC"), issuer(result, "AHIMA")
    assert aapc.earned == 2 and flags(aapc)["same_course"] == ("b",)
    assert ahima.earned == 4 and flags(ahima)["same_course"] == ("b",)  # flagged, but AHIMA has no such rule


def test_not_aapc_approved_does_not_count_for_aapc(catalog: Catalog) -> None:
    item = issuer(progress(catalog, held(catalog, "CPC"), [entry("a", 3, "CPC", cats=("not-aapc-approved",))],
                           TODAY), "AAPC")  # fmt: skip
    assert item.earned == 0 and flags(item)["not_accepted"] == ("a",)


def test_ceus_beyond_the_requirement_are_flagged(catalog: Catalog) -> None:
    entries = [entry("a", 30, "CPC"), entry("b", 10, "CPC", day=TODAY)]
    item = issuer(progress(catalog, held(catalog, "CPC"), entries, TODAY), "AAPC")
    assert (item.earned, item.needed) == (40, 0)
    beyond = next(f for f in item.flags if f.kind == "beyond_required")
    assert beyond.entries == ("b",) and beyond.text.startswith("4 CEUs beyond the 36")


def test_the_first_cycle_is_pro_rated_only_where_the_issuer_says_so(catalog: Catalog) -> None:
    result = progress(catalog, held(catalog, "CPC", "CCS", "CMRS"), [], TODAY)
    first = {i.issuer: "pro_rated" in flags(i) for i in result.issuers}
    assert first == {"AAPC": True, "AHIMA": False, "AMBA": False}
    later = progress(catalog, held(catalog, "CPC", end=date(2027, 5, 31)), [], TODAY)
    assert "pro_rated" not in flags(later.issuers[0])


def test_a_cycle_end_given_sets_the_window(catalog: Catalog) -> None:
    item = progress(catalog, held(catalog, "CCS", end=date(2027, 5, 31)), [], TODAY).issuers[0]
    assert (item.cycle_start, item.cycle_end, item.needed) == (date(2025, 6, 1), date(2027, 5, 31), 20)


def test_entries_for_credentials_not_held_are_flagged(catalog: Catalog) -> None:
    result = progress(catalog, held(catalog, "CPC"), [entry("a", 1, "CCS")], TODAY)
    assert [(f.kind, f.entries) for f in result.flags] == [("not_held", ("a",))]
    assert result.issuers[0].earned == 0


@pytest.mark.parametrize("text", ["0", "-1", "100.5", "nan", "inf", "two", ""])
def test_hours_out_of_range_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError):
        check_hours(text)


def test_hours_within_range() -> None:
    assert (check_hours("100"), check_hours("0.25")) == (100, 0.25)


def test_categories_by_subject_or_code(catalog: Catalog) -> None:
    assert parse_category(catalog, "CPMA") == "auditing"
    assert parse_category(catalog, "Practice Management") == "practice-management"
    assert parse_category(catalog, "HIIM") == "hiim"
    with pytest.raises(UsageError, match="Unknown category 'gardening'"):
        parse_category(catalog, "gardening")


def test_default_credentials_follow_the_categories(catalog: Catalog) -> None:
    both = held(catalog, "CPC", "CCS")
    assert applies_to(catalog, both, TODAY, [], ()) == ("CPC", "CCS")
    assert applies_to(catalog, both, TODAY, [], ("hiim",)) == ("CCS",)
    with pytest.raises(UsageError, match="before CPC was earned"):
        applies_to(catalog, both, EARNED - timedelta(days=1), [], ())
    with pytest.raises(UsageError, match="No credential of AMBA"):
        applies_to(catalog, both, TODAY, [], ("amba",))
