"""Where a person stands with their CEUs: what each issuer asks this cycle, and what the log holds.

Pure and deterministic (``today`` is a parameter). The requirement, the stacking, the cycle
dates and the issuer shares come from :mod:`certcli.engine.renewal` (one home for those rules);
this module only lays the logged entries against them:

* An entry counts for an issuer when it applies to one of that issuer's held credentials and is
  dated in the current cycle: from the day after the previous due date (in a first cycle, from
  the date earned) to the next due date, both included.
* Never silently counted: an entry dated before the cycle, the same course logged twice in a
  cycle (AAPC: one course, one credit), CEUs from a source the issuer does not accept and CEUs beyond a cap
  (AHIMA: at most the non-HIIM share) are flagged and do not count. CEUs beyond the requirement
  count but are flagged: they do not carry over.
* The subject minimums are counted inside the total: AAPC's subject CEUs per credential (data),
  the issuer's own share (AHIMA 40%, AMBA half: data), AHIMA's HIIM-domain share (data, rules).
  Only entries marked with the category count toward a minimum.
"""


import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal, NamedTuple, Protocol

from certcli.catalog import Catalog
from certcli.engine.ceu_entry import HIIM, NOT_APPROVED, ONE_COURSE_ONE_CREDIT, OTHER_DOMAIN, SOURCED, slug
from certcli.engine.renewal import HeldCredential, IssuerRenewal, add_years, renewal_plan
from certcli.model import Claim

# --------------------------------------------------------------------------- inputs and results


class EntryLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def date(self) -> date: ...
    @property
    def hours(self) -> float: ...
    @property
    def title(self) -> str: ...
    @property
    def provider(self) -> str: ...
    @property
    def credentials(self) -> tuple[str, ...]: ...
    @property
    def categories(self) -> tuple[str, ...]: ...
    @property
    def certificate(self) -> str | None: ...
    @property
    def sha256(self) -> str | None: ...


FlagKind = Literal["outside_cycle", "same_course", "not_accepted", "beyond_cap", "beyond_required", "pro_rated",
                   "not_held"]


class Flag(NamedTuple):
    kind: FlagKind
    text: str
    entries: tuple[str, ...] = ()  # ids
    source: str | None = None


class Subject(NamedTuple):
    """A minimum counted inside the total (AAPC auditing 16, AHIMA 40% from AHIMA…)."""

    name: str  # in words
    category: str  # the entry category that counts toward it
    required: float | None
    earned: float
    needed: float | None
    codes: tuple[str, ...]  # the credentials it is for ('' issuer-wide)
    rule: str
    source: str | None


class Use(NamedTuple):
    """What one entry counted for with one issuer."""

    issuer: str
    ceus: float  # counted toward the total
    subjects: tuple[str, ...]  # names of the minimums it counted toward
    why_not: str | None = None  # why it did not count (or counts only in part)


class IssuerProgress(NamedTuple):
    issuer: str
    credentials: tuple[str, ...]  # held, of this issuer
    counted: tuple[str, ...]  # whose CEUs count (superseded dropped)
    cycle_years: int | None
    cycle_start: date | None
    cycle_end: date | None
    days_left: int | None
    first_cycle: bool
    required: float | None
    basis: str  # the stacking rule in words
    earned: float
    needed: float | None
    subject: tuple[Subject, ...]
    flags: tuple[Flag, ...]
    date_rule: str
    sources: tuple[str, ...]
    entries: tuple[str, ...]  # ids counted, in date order


class EntryProgress(NamedTuple):
    id: str
    date: date
    hours: float
    title: str
    uses: tuple[Use, ...]


class Progress(NamedTuple):
    today: date
    issuers: tuple[IssuerProgress, ...]
    entries: tuple[EntryProgress, ...]  # the entries dated in a current cycle, in date order
    flags: tuple[Flag, ...]  # entries for no held credential
    earlier: int = 0  # entries from before every current cycle (not read, not counted)


# --------------------------------------------------------------------------- the rules as data says them

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_HIIM_RULE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s+of CEUs must be in the health information \(HIIM\) domains", re.I)
_PRORATED = re.compile(r"pro-?rated", re.I)
_NOT_APPROVED_RULE = re.compile(r"must come from the AAPC Approved CEU Vendor List", re.I)
_NO_CARRY = re.compile(r"do not carry over", re.I)


def _rule(item: IssuerRenewal, pattern: re.Pattern[str]) -> Claim[str] | None:
    for claim in item.organization.renewal.rules:
        if not claim.superseded and not claim.doubtful and pattern.search(claim.value):
            return claim
    return None


def _share(claim: Claim[str] | None, required: float | None) -> float | None:
    if claim is None or required is None:
        return None
    match = _PERCENT.search(str(claim.value))
    return required * float(match.group(1)) / 100 if match else None


def window(item: IssuerRenewal) -> tuple[date | None, date | None]:
    """The current cycle's first and last day (None when certcli cannot date it)."""
    end = item.next_due
    years = item.cycle.value if item.cycle else None
    if end is None or not years:
        return None, end
    if item.first_cycle and item.anchor_kind == "earned" and item.anchor and item.anchor.earned:
        return item.anchor.earned, end
    before = item.previous_due or add_years(end, -int(years))
    return before + timedelta(days=1), end


def _num(x: float) -> float:
    return int(x) if float(x).is_integer() else round(x, 2)


def _day(entry: EntryLike) -> date:
    return entry.date


def course_key(entry: EntryLike) -> tuple[str, str]:
    return " ".join(entry.title.casefold().split()), " ".join(entry.provider.casefold().split())


def _issuer_progress(
    item: IssuerRenewal, entries: Sequence[EntryLike], today: date, uses: dict[str, list[Use]],
    keys: dict[str, tuple[str, str]],
) -> IssuerProgress:  # fmt: skip
    code = item.code
    req = item.requirement
    required: float | None = req.ceus
    start, end = window(item)
    held = set(item.codes)
    mine = [e for e in entries if not held.isdisjoint(e.credentials)]

    # the minimums, each with the category that counts toward it
    subjects: list[tuple[str, str, float | None, tuple[str, ...], str, str | None]] = []
    for s in req.subject:
        subjects.append((s.subject, slug(s.subject), float(s.ceus), (s.code,),
                         f"{s.ceus} of the CEUs must be {s.subject} CEUs ({s.code})", s.source))  # fmt: skip
    if item.issuer_share is not None:
        share = item.issuer_share_ceus
        category = SOURCED.get(code)
        if category is not None:
            subjects.append((f"from {code}", category, share, (), str(item.issuer_share.value),
                             item.issuer_share.source))  # fmt: skip
    hiim = _rule(item, _HIIM_RULE)
    other_cap: float | None = None
    if hiim is not None:
        hiim_share = _share(hiim, required)
        subjects.append(("HIIM domains", HIIM, hiim_share, (), hiim.value, hiim.source))
        if required is not None and hiim_share is not None:
            other_cap = required - hiim_share
    approved_rule = _rule(item, _NOT_APPROVED_RULE)
    carry_rule = _rule(item, _NO_CARRY)
    once = code == ONE_COURSE_ONE_CREDIT[0]

    same: list[str] = []
    refused: list[str] = []
    capped: list[str] = []
    counted: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    earned = 0.0
    other = 0.0
    by_subject = {cat: 0.0 for _, cat, *_ in subjects}
    beyond: list[str] = []
    # the entries are in date order: those before the cycle are one slice, flagged together (below)
    lo = bisect_left(mine, start, key=_day) if start is not None else 0
    hi = bisect_right(mine, end, key=_day) if end is not None else len(mine)
    outside = [e.id for e in mine[:lo]] + [e.id for e in mine[hi:]]
    for e in mine[lo:hi]:
        key = keys.get(e.id) or keys.setdefault(e.id, course_key(e))
        if start is None and item.anchor_date is not None and e.date < item.anchor_date:
            outside.append(e.id)
            uses.setdefault(e.id, []).append(Use(code, 0, (), "dated before the credential was earned"))
            continue
        if key in seen:
            same.append(e.id)
            if once:
                uses.setdefault(e.id, []).append(Use(code, 0, (), f"the same course as entry {seen[key]}"))
                continue
        else:
            seen[key] = e.id
        if approved_rule is not None and NOT_APPROVED in e.categories:
            refused.append(e.id)
            uses.setdefault(e.id, []).append(Use(code, 0, (), "not AAPC-approved"))
            continue
        ceus = float(e.hours)
        why: str | None = None
        if other_cap is not None and OTHER_DOMAIN in e.categories and HIIM not in e.categories:
            room = max(0.0, other_cap - other)
            if ceus > room:
                capped.append(e.id)
                why = f"only {_num(room)} of {_num(ceus)} count: the rest is beyond the non-HIIM share"
                ceus = room
            other += ceus
        if ceus <= 0:
            uses.setdefault(e.id, []).append(Use(code, 0, (), why))
            continue
        before = earned
        earned += ceus
        if required is not None and earned > required:
            beyond.append(e.id)
            if before >= required:
                why = why or "beyond the CEUs required"
        names = []
        for name, cat, *_ in subjects:
            if cat in e.categories:
                by_subject[cat] += ceus
                names.append(name)
        counted.append(e.id)
        uses.setdefault(e.id, []).append(Use(code, _num(ceus), tuple(names), why))

    subject_rows = tuple(
        Subject(name, cat, None if need is None else _num(need), _num(by_subject[cat]),
                None if need is None else _num(max(0.0, need - by_subject[cat])), codes, rule, source)
        for name, cat, need, codes, rule, source in subjects
    )  # fmt: skip

    flags: list[Flag] = []
    where = f"{start.isoformat()} to {end.isoformat()}" if start and end else "the current cycle"
    if outside:
        flags.append(Flag("outside_cycle", f"{_count(outside)} dated outside this cycle ({where}): not counted",
                          tuple(outside)))  # fmt: skip
    if same:
        if once:
            text = f"{_count(same)} repeat a course already logged: not counted ({ONE_COURSE_ONE_CREDIT[1]})"
            flags.append(Flag("same_course", text, tuple(same), ONE_COURSE_ONE_CREDIT[2]))
        else:
            text = f"{_count(same)} repeat a course already logged: counted, but check that {code} gives credit twice"
            flags.append(Flag("same_course", text, tuple(same)))
    if refused and approved_rule is not None:
        flags.append(Flag("not_accepted", f"{_count(refused)} not AAPC-approved: not counted ({approved_rule.value})",
                          tuple(refused), approved_rule.source))  # fmt: skip
    if capped and hiim is not None:
        flags.append(Flag("beyond_cap", f"{_count(capped)} go beyond the {_num(other_cap or 0)} non-HIIM CEUs "
                          f"that can count: only part counted ({hiim.value})", tuple(capped), hiim.source))  # fmt: skip
    if required is not None and earned > required:
        rest = f" ({carry_rule.value})" if carry_rule else ""
        flags.append(Flag("beyond_required", f"{_num(earned - required)} CEUs beyond the {_num(required)} required"
                          f"{rest or ': they may not carry over to the next cycle'}", tuple(beyond),
                          carry_rule.source if carry_rule else None))  # fmt: skip
    prorate = _rule(item, _PRORATED)
    if prorate is not None and item.first_cycle and item.anchor_kind == "earned":
        flags.append(Flag("pro_rated", f"This is your first {code} cycle, which {code} pro-rates: it publishes no "
                          f"formula, so certcli shows the full {_num(required or 0)}; the figure in your {code} "
                          "account rules.", (), prorate.source))  # fmt: skip

    needed = None if required is None else _num(max(0.0, required - earned))
    return IssuerProgress(
        issuer=code,
        credentials=item.codes,
        counted=tuple(c.code for c in req.credentials),
        cycle_years=item.cycle.value if item.cycle else None,
        cycle_start=start,
        cycle_end=end,
        days_left=(end - today).days if end else None,
        first_cycle=item.first_cycle,
        required=None if required is None else _num(required),
        basis=req.basis,
        earned=_num(earned),
        needed=needed,
        subject=subject_rows,
        flags=tuple(flags),
        date_rule=item.date_rule,
        sources=req.sources,
        entries=tuple(counted),
    )


def _order(entry: EntryLike) -> tuple[date, str]:
    return entry.date, entry.id


def _count(ids: Sequence[str]) -> str:
    return "1 entry" if len(ids) == 1 else f"{len(ids)} entries"


def since(catalog: Catalog, held: list[HeldCredential], today: date) -> date | None:
    """The first day of the earliest current cycle of the issuers of ``held``: an entry dated
    before it counts for none of them (None: some cycle cannot be dated, every entry may count)."""
    starts = [window(item)[0] for item in renewal_plan(catalog, held, today).issuers]
    dated = [start for start in starts if start is not None]
    return min(dated) if dated and len(dated) == len(starts) else None


def progress(
    catalog: Catalog, held: list[HeldCredential], entries: Sequence[EntryLike], today: date, earlier: int = 0
) -> Progress:
    """Per issuer of ``held``: the current cycle, the CEUs required, earned and still needed.

    ``entries`` may leave out those dated before :func:`since`; ``earlier`` says how many were left out."""
    ordered = sorted(entries, key=_order)
    plan = renewal_plan(catalog, held, today)
    uses: dict[str, list[Use]] = {}
    keys: dict[str, tuple[str, str]] = {}
    issuers = tuple(_issuer_progress(item, ordered, today, uses, keys) for item in plan.issuers)
    held_codes = {h.code for h in held}
    orphans = tuple(e.id for e in ordered if not held_codes & set(e.credentials))
    flags: tuple[Flag, ...] = ()
    if orphans:
        flags = (Flag("not_held", f"{_count(orphans)} apply to no credential you hold (certcli ceu hold CODE@DATE)",
                      orphans),)  # fmt: skip
    rows = tuple(
        EntryProgress(e.id, e.date, _num(e.hours), e.title, tuple(uses[e.id])) for e in ordered if e.id in uses
    )
    return Progress(today, issuers, rows, flags, earlier)


def audit(result: Progress, code: str) -> tuple[IssuerProgress | None, tuple[str, ...]]:
    """The issuer's progress and the ids of the entries that count for ``code``'s current cycle."""
    for item in result.issuers:
        if code in item.credentials:
            return item, item.entries
    return None, ()
