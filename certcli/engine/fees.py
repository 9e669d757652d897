"""Money: which fee applies to whom, a credential's first-year price, the cost of a path of
credentials over several years, and whether an optional membership pays for itself.

Pure and deterministic: no I/O, no printing; ``today`` only decides which figures are old.

The cost model of :func:`path_cost` (every total depends on it, so it is spelled out here):

- **Exams**: the credentials of a path are taken one a year in the order given (the first in
  year 1, the second in year 2…; any beyond the last year are all taken in the last year).
  Credentials already held (``held``) pay no exam fee.
- **Attempts**: ``attempts=2`` buys the 2-attempt package where one is sold; otherwise the
  published retake price is added in the exam year (an unknown item when none is published).
  A credential sold only as a 2-attempt package is priced as one even for ``attempts=1``.
- **Required memberships** (AAPC, AMBA): joined in the year of the first exam with the issuer
  and, where membership also keeps the credential, paid every year after. Holding a credential
  of the issuer already, or being a member (``Buyer.member_of``), means dues from year 1.
- **Optional memberships** (AHIMA): ``Buyer.member`` True means a member every year from the
  first exam; False never a member; None lets certcli take the cheapest of never joining,
  staying a member, and joining only in the years membership saves more than its dues (a
  member price applies to exams and recertifications paid while a member).
- **Tiers**: the cheapest rate that fits. The student rate counts in year 1 of the plan only
  (AAPC: "once you are certified, you are no longer considered a student"); the first-time
  rate in the first membership year (not for ``member_of``); the 65+ rate every year. Where a
  rate is not published the individual rate is used and a note says so.
- **Recertification**: one cycle per issuer, starting when its first credential is earned; the
  fee falls due at the end of each cycle (earned in year 1, 2-year cycle: years 3, 5…). With a
  held credential of the same issuer, the current cycle is taken to end in year ``cycle``.
  The fee is the issuer's first-credential fee plus its additional-credential fee for each
  further credential held then (a list of additional fees applies in order, the last one
  repeating: PMI $50, then $25). An issuer that publishes no renewal fee but requires
  membership to keep its credentials is paid through dues; otherwise an unpublished fee is an
  unknown item. A credential superseded by another one held (RHIT by RHIA) is not counted.
- Held credentials of issuers that are not in the path cost nothing here.
- **Figures**: each amount is the claim :meth:`Catalog.pick` chooses (marked current, else the
  most recent official, else the most recent); a fee whose claims are all superseded is not a
  current price and counts as unknown. Unknown amounts are ``None`` and make the total
  incomplete; they are never counted as zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from certcli.catalog import Catalog
from certcli.model import (
    Audience,
    Claim,
    Confidence,
    Credential,
    Fee,
    FeeKind,
    MembershipTier,
    Organization,
    Status,
    TierKind,
)

MAX_YEARS = 50
KINDS = ("exam", "retake", "extension", "dues", "renewal")

TIER_WORDS = {
    TierKind.INDIVIDUAL: "individual",
    TierKind.STUDENT: "student",
    TierKind.FIRST_TIME: "first-time",
    TierKind.SENIOR: "65+",
    TierKind.CORPORATE: "corporate",
    TierKind.OTHER: "other",
}
AUDIENCE_WORDS = {
    Audience.MEMBER: "member",
    Audience.NON_MEMBER: "non-member",
    Audience.STUDENT: "student member",
    Audience.ANY: "",
}


def find_fee(
    fees: Sequence[Fee], kind: FeeKind, audience: Audience | Sequence[Audience], attempts: int | None = None
) -> Fee | None:
    """The fee of ``kind`` with a current price for ``audience`` (the first of several that has
    one; ``any`` audience applies to everyone and is tried last), and for ``attempts`` where
    packages differ (a fee that does not say buys one attempt).

    A fee whose claims are all superseded or doubtful has no current price and is not found.
    """
    wanted = (audience,) if isinstance(audience, Audience) else tuple(audience)
    if Audience.ANY not in wanted:
        wanted += (Audience.ANY,)
    for who in wanted:
        for fee in fees:
            if fee.kind is not kind or fee.audience is not who or not _live(fee.amount):
                continue
            if attempts is None or (fee.attempts or 1) == attempts:
                return fee
    return None


# --------------------------------------------------------------------------- the public shapes


class Buyer(NamedTuple):
    """Who pays: decides which prices apply."""

    member: bool | None = None  # True: member of the issuers; False: not; None: certcli picks the cheaper
    student: bool = False
    first_time: bool = False
    senior: bool = False
    member_of: frozenset[str] = frozenset()  # organizations already joined (their dues still recur)


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


class Quote(NamedTuple):
    """The first-year price of one credential for one buyer."""

    code: str
    exam: LineItem | None
    dues: LineItem | None
    attempts: int
    membership_required: bool | None
    member: bool  # priced as a member?
    total: int | None  # None if any needed amount is unknown
    notes: tuple[str, ...]


class BreakEven(NamedTuple):
    """Whether staying a member of an optional membership costs less than never joining."""

    organization: str
    pays_for_itself: bool | None  # None: an amount needed to tell is not published
    from_year: int | None  # from this year on, the member has paid no more than a non-member
    explanation: str
    dues: int | None = None  # dues over the plan when staying a member
    savings: int | None = None  # what member prices save over the plan


class PathCost(NamedTuple):
    codes: tuple[str, ...]
    years: int
    items: tuple[LineItem, ...]  # by year; in a year exams in credential order, then dues, then renewals
    total: int  # sum of the known amounts
    incomplete: bool  # some amount unknown
    unknown: tuple[str, ...]  # what is unknown, in words
    strategy: tuple[str, ...]  # one sentence per organization: its membership choice and why
    break_even: tuple[BreakEven, ...]  # per optional membership
    schedule: tuple[tuple[str, int], ...] = ()  # (code, year of its exam)
    held: tuple[str, ...] = ()
    attempts: int = 1
    membership: tuple[tuple[str, str], ...] = ()  # (organization, "required" | "member" | "non-member" | …)
    notes: tuple[str, ...] = ()  # assumptions and caveats

    def by_year(self) -> dict[int, int]:
        """Known amounts per year, every year of the plan present."""
        out = dict.fromkeys(range(1, self.years + 1), 0)
        for item in self.items:
            if item.amount is not None:
                out[item.year] = out.get(item.year, 0) + item.amount
        return out


# --------------------------------------------------------------------------- pricing one amount


def _usable(claim: Claim[Any]) -> bool:
    return not claim.superseded and not claim.doubtful


def _live(fact: tuple[Claim[Any], ...] | None) -> bool:
    """A current figure exists: some claim neither superseded nor doubtful."""
    return any(_usable(c) for c in fact or ())


def _usd(value: int) -> str:
    return f"${value:,}"


def _why_picked(catalog: Catalog, claim: Claim[Any]) -> str:
    if claim.current:
        return "marked current"
    if catalog.sources[claim.source].confidence in (Confidence.OFFICIAL, Confidence.OFFICIAL_MIRROR):
        return "the most recent official figure"
    return "the most recent figure"


def _year_text(year: int | None) -> str:
    return str(year) if year else "undated"


def _priced(
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
    if not _live(fact):
        doubtful = [c for c in fact or () if c.doubtful and not c.superseded]
        if doubtful:
            seen = "; ".join(f"{_usd(c.value)} ({_year_text(catalog.sources[c.source].year)})" for c in doubtful)
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
    if claim.note:
        parts.append(claim.note)
    if as_of is None:
        parts.append("undated")
    if claim.max is not None and claim.max != claim.value:
        parts.append(f"quoted as {_usd(claim.value)}–{_usd(claim.max)}; the low end is used")
    others: list[Alternative] = []
    if disputed:
        live = [c for c in fact if _usable(c)]
        low = min(c.value for c in live)
        high = max(c.max if c.max is not None else c.value for c in live)
        parts.append(
            f"sources disagree ({_usd(low)}–{_usd(high)}); used {_usd(claim.value)} from "
            f"{_year_text(as_of)}, {_why_picked(catalog, claim)}"
        )
        values = {(claim.value, claim.max)}
        for c in sorted(live, key=lambda c: -(catalog.sources[c.source].year or 0)):
            if (c.value, c.max) in values:
                continue
            values.add((c.value, c.max))
            others.append(Alternative(c.value, c.max, c.source, catalog.sources[c.source].year))
    if times > 1:
        parts.append(f"{times} × {_usd(claim.value)}")
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
    )


def _last_known(catalog: Catalog, fact: tuple[Claim[Any], ...] | None) -> str | None:
    fact = tuple(c for c in fact or () if not c.doubtful)
    if not fact:
        return None
    last = max(fact, key=lambda c: catalog.sources[c.source].year or 0)
    return f"the last known price, {_usd(last.value)} ({_year_text(catalog.sources[last.source].year)}), is out of date"


# --------------------------------------------------------------------------- choosing fees


def _audiences(member: bool, student: bool) -> tuple[Audience, ...]:
    if member:
        return (Audience.STUDENT, Audience.MEMBER, Audience.ANY) if student else (Audience.MEMBER, Audience.ANY)
    return (Audience.NON_MEMBER, Audience.ANY)


def _required(catalog: Catalog, fact: tuple[Claim[bool], ...] | None) -> bool | None:
    claim = catalog.pick(fact)
    return bool(claim.value) if claim is not None else None


def _has_membership(catalog: Catalog, org: Organization) -> bool:
    return bool(org.membership.tiers) or catalog.members_only(org) is True


def _exam_lines(
    catalog: Catalog,
    cred: Credential,
    member: bool,
    student: bool,
    attempts: int,
    year: int,
    today: date,
    *,
    retake: bool = True,
) -> tuple[list[LineItem], int, list[str]]:
    """The exam line (and a retake line for a second attempt), the attempts the exam fee buys, notes."""
    audiences = _audiences(member, student)
    fee = find_fee(cred.fees, FeeKind.EXAM, audiences, attempts)
    included = attempts
    notes: list[str] = []
    if fee is None:
        other = 1 if attempts == 2 else 2
        fee = find_fee(cred.fees, FeeKind.EXAM, audiences, other)
        if fee is not None:
            included = other
            if other == 2:
                notes.append(f"{cred.code} is sold only as a 2-attempt package.")
            elif find_fee(cred.fees, FeeKind.RETAKE, audiences) is not None:
                notes.append(f"{cred.code} is not sold as a 2-attempt package: the second attempt is its retake fee.")
            else:
                notes.append(f"{cred.code} is not sold as a 2-attempt package, and no retake price is published.")
    status = AUDIENCE_WORDS[fee.audience] if fee is not None else ("member" if member else "non-member")
    if fee is None and not _has_membership(catalog, catalog.issuer(cred)):
        status = ""
    label = f"{cred.code} exam ({included} attempt{'s' if included > 1 else ''}{', ' + status if status else ''})"
    if fee is None:
        old = [f for f in cred.fees if f.kind is FeeKind.EXAM]
        fact = max((f.amount for f in old), key=lambda fact: max(catalog.sources[c.source].year or 0 for c in fact),
                   default=None)
        item = _priced(catalog, fact, today, year=year, what=label, kind="exam", code=cred.code,
                       organization=cred.issuer, notes=["current price not published"])
        if not old:
            item = LineItem(year, label, "exam", None, None, None, False, False, "not published", cred.code,
                            cred.issuer)
        return [item], included, notes
    lines = [
        _priced(catalog, fee.amount, today, year=year, what=label, kind="exam", code=cred.code,
                organization=cred.issuer)
    ]
    if attempts == 2 and included == 1:
        again = find_fee(cred.fees, FeeKind.RETAKE, audiences)
        what = f"{cred.code} retake (a second attempt{', ' + status if status else ''})"
        if retake:
            if again is not None:
                lines.append(_priced(catalog, again.amount, today, year=year, what=what, kind="retake",
                                     code=cred.code, organization=cred.issuer))
            else:
                lines.append(LineItem(year, what, "retake", None, None, None, False, False,
                                      "no 2-attempt package or retake price published", cred.code, cred.issuer))
    return lines, included, notes


def _retake_text(catalog: Catalog, cred: Credential, member: bool, student: bool) -> str | None:
    again = find_fee(cred.fees, FeeKind.RETAKE, _audiences(member, student))
    if again is None:
        return None
    claim = catalog.pick(again.amount)
    assert claim is not None
    return f"a retake costs {_usd(claim.value)} (as of {catalog.as_of(claim)})"


# --------------------------------------------------------------------------- membership tiers


def _tier_price(catalog: Catalog, tier: MembershipTier) -> int | None:
    if not _live(tier.dues):
        return None
    claim = catalog.pick(tier.dues)
    return claim.value if claim is not None else None


def _dues_tier(
    catalog: Catalog, org: Organization, buyer: Buyer, first: bool, year: int = 1
) -> tuple[MembershipTier | None, list[str]]:
    """The tier whose dues apply in ``year`` (the cheapest that fits), and notes on rates not published.

    ``first``: the first membership year. A student is one in plan year 1 only; a first-time
    member in the first membership year (unless already a member); 65+ every year.
    """
    wanted: list[TierKind] = []
    if first and year == 1 and buyer.student:
        wanted.append(TierKind.STUDENT)
    if first and buyer.first_time and org.code not in buyer.member_of:
        wanted.append(TierKind.FIRST_TIME)
    if buyer.senior:
        wanted.append(TierKind.SENIOR)
    tiers = org.membership.tiers
    fitting = [(price, t) for t in tiers if t.kind in wanted and (price := _tier_price(catalog, t)) is not None]
    notes = []
    for kind in wanted:
        if not any(t.kind is kind for _, t in fitting):
            notes.append(f"{org.code} publishes no {TIER_WORDS[kind]} membership rate: the individual rate is used")
    if fitting:
        return min(fitting, key=lambda pair: pair[0])[1], notes
    individual = next((t for t in tiers if t.kind is TierKind.INDIVIDUAL), None)
    return individual, notes


def _dues_line(catalog: Catalog, org: Organization, buyer: Buyer, year: int, first: bool, today: date) -> LineItem:
    tier, _ = _dues_tier(catalog, org, buyer, first, year)
    if tier is None:
        return LineItem(year, f"{org.code} dues", "dues", None, None, None, False, False,
                        "membership dues not published", None, org.code)
    word = TIER_WORDS[tier.kind]
    return _priced(catalog, tier.dues, today, year=year, what=f"{org.code} dues ({word})", kind="dues",
                   organization=org.code, notes=[None if tier.dues else "not published"])


# --------------------------------------------------------------------------- recertification


class RecertFee(NamedTuple):
    """The recertification fee per cycle for a number of credentials held, for one audience."""

    audience: Audience
    credentials: int  # how many credentials the fee is for
    first: Fee | None  # the first credential's fee (shown even when it has no current price)
    first_claim: Claim[Any] | None  # None: no current price is published
    additional: tuple[Fee, ...]  # the fees per further credential for this audience, in order
    additional_claim: Claim[Any] | None  # the one per-credential figure, when every further one pays it
    total: int | None  # None when a part is not published
    extra: tuple[tuple[Fee, int], ...] = ()  # (fee, how many further credentials pay it), in order


def _renewal_fees(org: Organization) -> list[Fee]:
    return [f for f in org.renewal.fees if f.kind in (FeeKind.RENEWAL, FeeKind.RENEWAL_ADDITIONAL)]


def recert_fee(catalog: Catalog, org: Organization, audience: Audience, count: int) -> RecertFee:
    """What ``org`` charges ``audience`` to recertify ``count`` of its credentials in one cycle.

    The first credential pays the first-credential fee; each further one the additional fees
    in the order published, the last one repeating (PMI: $50 for the second, $25 for each of
    the third and fourth, "4 certifications = $175"; AHIMA: $50 for each further one).
    """
    fees = org.renewal.fees
    first = find_fee(fees, FeeKind.RENEWAL, audience)
    if first is None:  # show what was seen (doubtful or out-of-date figures) beside the unknown
        first = next((f for a in (audience, Audience.ANY) for f in fees
                      if f.kind is FeeKind.RENEWAL and f.audience is a), None)
    first_claim = catalog.pick(first.amount) if first is not None and _live(first.amount) else None
    additional: tuple[Fee, ...] = ()
    for who in dict.fromkeys((audience, Audience.ANY)):
        additional = tuple(f for f in fees if f.kind is FeeKind.RENEWAL_ADDITIONAL and f.audience is who
                           and _live(f.amount))
        if additional:
            break
    counts: dict[int, int] = {}
    for k in range(max(count - 1, 0) if additional else 0):
        idx = min(k, len(additional) - 1)
        counts[idx] = counts.get(idx, 0) + 1
    extra = tuple((additional[idx], n) for idx, n in counts.items())
    claims = [catalog.pick(f.amount) for f, _ in extra]
    total: int | None = None
    if first_claim is not None and (count <= 1 or extra):
        total = first_claim.value + sum(c.value * n for c, (_, n) in zip(claims, extra, strict=True) if c)
    one = claims[0] if len(claims) == 1 else None
    return RecertFee(audience, count, first, first_claim, additional, one, total, extra)


# --------------------------------------------------------------------------- one credential, first year


def _known_total(items: Iterable[LineItem | None]) -> tuple[int, int]:
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


def quote(catalog: Catalog, cred: Credential, buyer: Buyer, attempts: int = 1, today: date | None = None) -> Quote:
    """What ``cred`` costs ``buyer`` in the first year: the exam fee that applies and a year's dues."""
    if attempts not in (1, 2):
        raise ValueError("attempts must be 1 or 2")
    today = today or date.today()
    org = catalog.issuer(cred)
    required = catalog.members_only(org)
    has = _has_membership(catalog, org)
    notes: list[str] = []

    def priced(member: bool) -> tuple[LineItem, LineItem | None, int, list[str]]:
        lines, included, exam_notes = _exam_lines(catalog, cred, member, buyer.student, attempts, 1, today,
                                                  retake=False)
        dues = _dues_line(catalog, org, buyer, 1, True, today) if member else None
        return lines[0], dues, included, exam_notes

    if not has:
        member = False
    elif required is True:
        member = True
        if buyer.member is False and org.code not in buyer.member_of:
            notes.append(
                f"{org.code} sells its exams to members only: a non-member pays the member price plus a year's dues."
            )
        else:
            notes.append(f"{org.code} sells its exams to members only: a year's dues are counted.")
    elif org.code in buyer.member_of or buyer.member is True:
        member = True
        notes.append(f"Priced for an {org.code} member (membership is optional).")
    elif buyer.member is False:
        member = False
        notes.append(f"Priced for a non-member ({org.code} membership is optional).")
    else:
        yes, no = priced(True), priced(False)
        key_yes, key_no = _known_total(yes[:2]), _known_total(no[:2])
        member = key_yes < key_no
        notes.append(_first_year_choice(org, yes[0], yes[1], no[0], member))

    exam, dues, included, exam_notes = priced(member)
    if attempts == 2 and included == 1:
        retake = _retake_text(catalog, cred, member, buyer.student)
        if retake:
            notes.append(f"{cred.code} is not sold as a 2-attempt package: {retake} "
                         f"('certcli cost {cred.code} --attempts 2' counts it).")
        else:
            notes.append(f"{cred.code} is not sold as a 2-attempt package, and no retake price is published.")
    else:
        notes.extend(exam_notes)
    if member:
        notes.extend(_dues_tier(catalog, org, buyer, True)[1])
    if cred.status is not Status.ACTIVE:
        notes.append(f"{cred.code} is {cred.status}: check that the exam is still offered.")
    unknown, total = _known_total([exam, dues])
    return Quote(
        code=cred.code,
        exam=exam,
        dues=dues,
        attempts=included,
        membership_required=required,
        member=member,
        total=None if unknown else total,
        notes=tuple(dict.fromkeys(notes)),
    )


def _first_year_choice(org: Organization, m_exam: LineItem, m_dues: LineItem | None, n_exam: LineItem,
                       member: bool) -> str:
    code = org.code
    if m_exam.amount is None or n_exam.amount is None or m_dues is None or m_dues.amount is None:
        missing = [i.what for i in (m_exam, m_dues, n_exam) if i is not None and i.amount is None]
        choice = "a member" if member else "a non-member"
        return f"{code} membership is optional; {', '.join(missing)} not published, so priced for {choice}."
    saving = n_exam.amount - m_exam.amount
    tier = m_dues.what.split("(")[-1].rstrip(")")
    if member:
        return (
            f"Joining {code} ({tier} dues {_usd(m_dues.amount)}) saves {_usd(saving)} on the exam: "
            f"{_usd(saving - m_dues.amount)} less in the first year, so priced for a member."
        )
    return (
        f"Joining {code} ({tier} dues {_usd(m_dues.amount)}) would save {_usd(saving)} on the exam, "
        f"so the first year is cheaper as a non-member."
    )


# --------------------------------------------------------------------------- a path over years


@dataclass
class _OrgPath:
    org: Organization
    creds: list[tuple[Credential, int]]  # path credentials of this issuer, with their exam year
    held: list[Credential]
    required_exam: bool | None
    required_keep: bool | None
    has_membership: bool
    rank: int  # position of its first credential in the path
    start: int = 1  # first year of membership when staying a member

    @property
    def exam_years(self) -> list[int]:
        return sorted({y for _, y in self.creds})


def _org_items(
    catalog: Catalog, op: _OrgPath, member_years: frozenset[int], buyer: Buyer, attempts: int, years: int,
    today: date,
) -> list[LineItem]:
    """Everything paid to one organization over the plan, given the years one is a member."""
    items: list[LineItem] = []
    for cred, year in op.creds:
        lines, _, _ = _exam_lines(catalog, cred, year in member_years, buyer.student, attempts, year, today)
        items.extend(lines)
    if member_years:
        first = min(member_years)
        for year in sorted(member_years):
            items.append(_dues_line(catalog, op.org, buyer, year, year == first, today))
    items.extend(_renewal_lines(catalog, op, member_years, years, today))
    return items


def _counted(creds: list[Credential]) -> list[Credential]:
    """Drop a credential superseded by another one held (RHIT once the RHIA is held)."""
    codes = {c.code for c in creds}
    return [c for c in creds if not any(s in codes for s in c.renewal.superseded_by)]


def _renewal_lines(
    catalog: Catalog, op: _OrgPath, member_years: frozenset[int], years: int, today: date
) -> list[LineItem]:
    org = op.org
    if not _renewal_fees(org) and op.required_keep is True:
        return []  # kept through the yearly dues
    cycle = catalog.pick(org.renewal.cycle_years)
    if cycle is None or cycle.value < 1:
        return []  # reported as unknown by path_cost
    every = int(cycle.value)
    anchor = 0 if op.held else min(y for _, y in op.creds)
    items: list[LineItem] = []
    for year in range(anchor + every, years + 1, every):
        holding = _counted(list(op.held) + [c for c, y in op.creds if y < year])
        if not holding:
            continue
        covers = "for " + ", ".join(c.code for c in holding)
        member = year in member_years
        status = (" (member)" if member else " (non-member)") if op.has_membership else ""
        if not _renewal_fees(org):
            items.append(LineItem(year, f"{org.code} renewal{status}", "renewal", None, None, None, False, False,
                                  f"renewal fee not published; {covers}", None, org.code))
            continue
        fee = recert_fee(catalog, org, Audience.MEMBER if member else Audience.NON_MEMBER, len(holding))
        items.append(_priced(catalog, fee.first.amount if fee.first else None, today, year=year,
                             what=f"{org.code} recertification{status}", kind="renewal",
                             organization=org.code, notes=[covers]))
        more = len(holding) - 1
        if more and not fee.extra:
            what = f"{org.code} recertification, {more} more credential{'s' if more > 1 else ''}{status}"
            items.append(LineItem(year, what, "renewal", None, None, None, False, False,
                                  "fee for each additional credential not published", None, org.code))
        for extra, n in fee.extra:
            what = f"{org.code} recertification, {n} more credential{'s' if n > 1 else ''}{status}"
            items.append(_priced(catalog, extra.amount, today, year=year, what=what, kind="renewal",
                                 times=n, organization=org.code))
    return items


_KIND_RANK = {kind: i for i, kind in enumerate(KINDS)}


def path_cost(
    catalog: Catalog,
    creds: list[Credential],
    *,
    years: int = 4,
    buyer: Buyer = Buyer(),  # noqa: B008 - frozen, so a shared default is safe
    attempts: int = 1,
    held: Sequence[Credential] = (),
    today: date | None = None,
) -> PathCost:
    """The total cost of earning ``creds`` and keeping them for ``years`` (see the module doc)."""
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"years must be between 1 and {MAX_YEARS}")
    if attempts not in (1, 2):
        raise ValueError("attempts must be 1 or 2")
    today = today or date.today()
    held_codes = [c.code for c in held]
    notes: list[str] = []
    path: list[Credential] = []
    for cred in creds:
        if cred.code in held_codes:
            notes.append(f"{cred.code} is already held: no exam fee is counted for it.")
        elif cred.code not in {c.code for c in path}:
            path.append(cred)
    schedule = [(c.code, min(i + 1, years)) for i, c in enumerate(path)]
    exam_year = dict(schedule)

    plans: dict[str, _OrgPath] = {}
    for rank, cred in enumerate(path):
        org = catalog.issuer(cred)
        if org.code not in plans:
            plans[org.code] = _OrgPath(
                org=org,
                creds=[],
                held=[h for h in held if h.issuer == org.code],
                required_exam=catalog.members_only(org),
                required_keep=_required(catalog, org.membership.required_to_keep),
                has_membership=_has_membership(catalog, org),
                rank=rank,
            )
        plans[org.code].creds.append((cred, exam_year[cred.code]))
    ignored = [h.code for h in held if h.issuer not in plans]
    if ignored:
        notes.append(
            f"Held credentials from other issuers ({', '.join(ignored)}) are not counted: "
            "this is the cost of the path only."
        )

    items: list[LineItem] = []
    unknown_extra: list[str] = []
    strategy: list[str] = []
    choices: list[tuple[str, str]] = []
    breaks: list[BreakEven] = []
    cred_rank = {c.code: i for i, c in enumerate(path)}
    for op in plans.values():
        op.start = 1 if (op.held or op.org.code in buyer.member_of) else op.exam_years[0]
        chosen_label, chosen_items, sentence, be = _plan_org(catalog, op, buyer, attempts, years, today)
        items.extend(chosen_items)
        choices.append((op.org.code, chosen_label))
        if sentence:
            strategy.append(sentence)
        cycle = catalog.pick(op.org.renewal.cycle_years)
        if be is not None:
            breaks.append(be)
        fees = _renewal_fees(op.org)
        needs_cycle = bool(fees) or op.required_keep is not True
        first_year = 1 if op.held else op.exam_years[0]
        if needs_cycle and catalog.pick(op.org.renewal.cycle_years) is None and first_year < years:
            unknown_extra.append(f"{op.org.code} renewal (cycle and fee not published)")
        if op.held and cycle is not None and fees and cycle.value <= years:
            held_list = ", ".join(h.code for h in op.held)
            notes.append(f"{held_list}: your current {op.org.code} cycle is taken to end in year {cycle.value}; "
                         "check your own renewal date.")
        notes.extend(_tier_notes(catalog, op, buyer, chosen_items))
    for cred in path:
        as_member = any(i.code == cred.code and i.kind == "exam" and "non-member" not in i.what for i in items)
        notes.extend(_exam_lines(catalog, cred, as_member, buyer.student, attempts, 1, today, retake=False)[2])
        if cred.status is not Status.ACTIVE:
            notes.append(f"{cred.code} is {cred.status}: check that the exam is still offered.")

    def order(item: LineItem) -> tuple[int, int, int, int]:
        """Year; then exams (with their retakes) in credential order; then dues and renewals by issuer."""
        owner = cred_rank.get(item.code or "", plans[item.organization].rank if item.organization in plans else 0)
        group = {"dues": 1, "renewal": 2}.get(item.kind, 0)
        return (item.year, group, owner, _KIND_RANK.get(item.kind, 9))

    items.sort(key=order)
    unknown = _unknown_words(items) + unknown_extra
    total = sum(i.amount for i in items if i.amount is not None)
    return PathCost(
        codes=tuple(c.code for c in path),
        years=years,
        items=tuple(items),
        total=total,
        incomplete=bool(unknown),
        unknown=tuple(unknown),
        strategy=tuple(strategy),
        break_even=tuple(breaks),
        schedule=tuple(schedule),
        held=tuple(held_codes),
        attempts=attempts,
        membership=tuple(choices),
        notes=tuple(dict.fromkeys(notes)),
    )


def _tier_notes(catalog: Catalog, op: _OrgPath, buyer: Buyer, items: Sequence[LineItem]) -> list[str]:
    """Notes on the dues tiers actually paid: rates not published, first-year-only rates."""
    dues = [i for i in items if i.kind == "dues"]
    if not dues:
        return []
    out = _dues_tier(catalog, op.org, buyer, True, dues[0].year)[1]
    first = dues[0].what.split("(")[-1].rstrip(")")
    if first in ("student", "first-time") and len(dues) > 1:
        aapc_student = first == "student" and op.org.code == "AAPC"
        why = " (AAPC: once certified, you are no longer a student)" if aapc_student else ""
        out.append(f"The {op.org.code} {first} rate counts for the first membership year only{why}; "
                   "later years use the regular rate.")
    return out


def _unknown_words(items: Sequence[LineItem]) -> list[str]:
    years: dict[str, list[int]] = {}
    for item in items:
        if item.amount is None:
            years.setdefault(item.what, []).append(item.year)
    return [f"{what} ({_years_text(ys)})" for what, ys in years.items()]


def _in_years(years: Sequence[int]) -> str:
    """'in year 1', 'in years 1 and 3', 'every 2 years from year 3 to 49'."""
    text = _years_text(years)
    return text if text.startswith("every") else "in " + text


def _years_text(years: Sequence[int]) -> str:
    ys = sorted(set(years))
    if len(ys) == 1:
        return f"year {ys[0]}"
    if len(ys) > 2 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"years {ys[0]}–{ys[-1]}"
    step = ys[1] - ys[0]
    if len(ys) > 3 and ys == list(range(ys[0], ys[-1] + 1, step)):
        return f"every {step} years from year {ys[0]} to {ys[-1]}"
    return "years " + ", ".join(str(y) for y in ys[:-1]) + " and " + str(ys[-1])


# --------------------------------------------------------------------------- membership choices


@dataclass
class _Option:
    label: str  # "member", "non-member", "some years"
    years: frozenset[int]
    items: list[LineItem] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int]:
        return _known_total(self.items)

    @property
    def total(self) -> int:
        return self.key[1]

    @property
    def complete(self) -> bool:
        return self.key[0] == 0

    def dues(self) -> int:
        return sum(i.amount or 0 for i in self.items if i.kind == "dues")


def _plan_org(
    catalog: Catalog, op: _OrgPath, buyer: Buyer, attempts: int, years: int, today: date
) -> tuple[str, list[LineItem], str | None, BreakEven | None]:
    """The membership choice for one organization: (label, its items, the sentence, break-even)."""
    code = op.org.code

    def option(label: str, member_years: Iterable[int]) -> _Option:
        chosen = frozenset(member_years)
        return _Option(label, chosen, _org_items(catalog, op, chosen, buyer, attempts, years, today))

    stay_years = range(op.start, years + 1)
    if not op.has_membership:
        none = option("none", ())
        sentence = None
        if op.org.membership.note or op.required_exam is False:
            sentence = f"{code}: no membership requirement is published, so no dues are counted."
        return "none", none.items, sentence, None

    if op.required_exam is True:
        member_years = stay_years if op.required_keep is True else op.exam_years
        req = option("required", member_years)
        return "required", req.items, _required_sentence(op, req, buyer, years), None

    stay = option("member", stay_years)
    never = option("non-member", ())
    be = _break_even(op, stay, never, years)
    if code in buyer.member_of or buyer.member is True:
        chosen, forced = stay, ("already" if code in buyer.member_of else "member")
    elif buyer.member is False:
        chosen, forced = never, "non-member"
    else:
        forced = None
        candidates = [never, stay] + _some_years(catalog, op, buyer, attempts, years, today, never, option)
        chosen = min(candidates, key=lambda o: (o.key[0], o.key[1], {"non-member": 0, "some years": 1}.get(
            o.label, 2), len(o.years)))
    sentence = _optional_sentence(op, chosen, stay, never, years, forced)
    return chosen.label, chosen.items, sentence, be


def _some_years(
    catalog: Catalog, op: _OrgPath, buyer: Buyer, attempts: int, years: int, today: date, never: _Option,
    option: Callable[[str, Iterable[int]], _Option],
) -> list[_Option]:
    """Options that join only in years where member prices save more than that year's dues."""
    always = option("member", range(1, years + 1))
    save: dict[int, int] = {}
    for year in range(1, years + 1):
        paid_never = [i for i in never.items if i.year == year]
        paid_member = [i for i in always.items if i.year == year and i.kind != "dues"]
        if not paid_never or any(i.amount is None for i in paid_never + paid_member):
            continue
        gain = sum(i.amount or 0 for i in paid_never) - sum(i.amount or 0 for i in paid_member)
        if gain > 0:
            save[year] = gain
    later_tier, _ = _dues_tier(catalog, op.org, buyer, False, 2)
    later_dues = _tier_price(catalog, later_tier) if later_tier else None
    out: list[_Option] = []
    seen: set[frozenset[int]] = {frozenset(), frozenset(range(op.start, years + 1))}
    for start in sorted(save):
        first_tier, _ = _dues_tier(catalog, op.org, buyer, True, start)
        if first_tier is None or _tier_price(catalog, first_tier) is None:
            continue
        chosen = {start} | {y for y in save if y > start and later_dues is not None and save[y] > later_dues}
        key = frozenset(chosen)
        if key in seen:
            continue
        seen.add(key)
        out.append(option("some years", key))
    return out


def _dues_text(items: Sequence[LineItem]) -> str:
    dues = [i for i in items if i.kind == "dues"]
    if not dues:
        return "no dues"
    if any(i.amount is None for i in dues):
        return "dues that are not published"
    first, rest = dues[0], dues[1:]
    word = first.what.split("(")[-1].rstrip(")")
    if not rest:
        return f"{_usd(first.amount or 0)} a year" + ("" if word == "individual" else f" ({word})")
    later = {i.amount for i in rest}
    later_word = rest[0].what.split("(")[-1].rstrip(")")
    if len(later) == 1 and first.amount in later and word == later_word:
        return f"{_usd(first.amount or 0)} a year"
    if len(later) == 1:
        return f"{_usd(first.amount or 0)} in the first year ({word}), then {_usd(rest[0].amount or 0)} a year"
    return f"{_usd(sum(i.amount or 0 for i in dues))} in dues"


def _required_sentence(op: _OrgPath, req: _Option, buyer: Buyer, years: int) -> str:
    code = op.org.code
    keeps = " and to keep its credentials" if op.required_keep is True else ""
    dues = [i for i in req.items if i.kind == "dues"]
    span = _in_years([i.year for i in dues]) if dues else "in no year"
    lead = f"{code} membership is required to sit its exams{keeps}"
    if buyer.member is False and code not in buyer.member_of:
        lead = f"Even as a non-member you pay {code} dues: membership is required to sit its exams{keeps}"
    if any(i.amount is None for i in dues):
        return f"{lead}; its yearly dues are not published, so the total is incomplete."
    total = sum(i.amount or 0 for i in dues)
    return f"{lead}: dues of {_dues_text(dues)} are counted {span} ({_usd(total)} over {years} years)."


def _savings_parts(op: _OrgPath, stay: _Option, never: _Option) -> tuple[list[str], int | None]:
    """What member prices save, in words, and in total (None when an amount is unknown)."""
    parts: list[str] = []
    total: int | None = 0
    for cred, _ in op.creds:
        mine = [i for i in stay.items if i.code == cred.code]
        theirs = [i for i in never.items if i.code == cred.code]
        if any(i.amount is None for i in mine + theirs):
            parts.append(f"an unpublished amount on the {cred.code} exam")
            total = None
            continue
        gain = sum(i.amount or 0 for i in theirs) - sum(i.amount or 0 for i in mine)
        if total is not None:
            total += gain
        if gain:
            retake = " and retake" if any(i.kind == "retake" for i in mine) else ""
            parts.append(f"{_usd(gain)} on the {cred.code} exam{retake}")
    renewal_years = sorted({i.year for i in never.items + stay.items if i.kind == "renewal"})
    gains: list[int] = []
    unknown_years: list[int] = []
    for year in renewal_years:
        mine = [i for i in stay.items if i.kind == "renewal" and i.year == year]
        theirs = [i for i in never.items if i.kind == "renewal" and i.year == year]
        if any(i.amount is None for i in mine + theirs):
            unknown_years.append(year)
            total = None
            continue
        gains.append(sum(i.amount or 0 for i in theirs) - sum(i.amount or 0 for i in mine))
    if unknown_years:
        parts.append(f"an unpublished amount on recertification ({_years_text(unknown_years)})")
    if gains:
        if total is not None:
            total += sum(gains)
        if len(set(gains)) == 1:
            parts.append(f"{_usd(gains[0])} on each recertification")
        else:
            parts.append(f"{_usd(sum(gains))} on {len(gains)} recertifications")
    return parts, total


def _joined(parts: Sequence[str]) -> str:
    if not parts:
        return "nothing"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _optional_sentence(
    op: _OrgPath, chosen: _Option, stay: _Option, never: _Option, years: int, forced: str | None
) -> str:
    code = op.org.code
    parts, saved = _savings_parts(op, stay, never)
    dues = _dues_text(stay.items)
    head = f"Joining {code} costs {dues}{',' if ', then' in dues else ''} and saves {_joined(parts)}"
    span = f"over {years} year{'s' if years > 1 else ''}"
    if not stay.complete or not never.complete or saved is None:
        missing = _joined(sorted({i.what for i in stay.items + never.items if i.amount is None}))
        if forced is None:
            as_what = "a member " + _in_years(sorted(chosen.years)) if chosen.label == "some years" else (
                "a member" if chosen.label == "member" else "a non-member")
            return f"{head}; {missing} not published, so certcli prices you as {as_what}."
        return f"{head}; {missing} not published, so the comparison is incomplete."
    diff = never.total - stay.total  # > 0: staying a member saves
    stay_text = (f"staying a member {span} saves {_usd(diff)}" if diff > 0 else
                 f"staying a member {span} costs {_usd(-diff)} more than never joining" if diff < 0 else
                 f"staying a member {span} costs the same as never joining")
    if forced == "already":
        return f"You are already an {code} member (dues recur every year): {head[0].lower() + head[1:]}: {stay_text}."
    if forced == "member":
        return f"You chose {code} membership: {head[0].lower() + head[1:]}: {stay_text}."
    if forced == "non-member":
        return f"You chose not to join {code}; {head[0].lower() + head[1:]}: {stay_text}."
    if chosen.label == "member":
        return f"{head}: {span} you save {_usd(diff)}, so certcli prices you as a member every year."
    if chosen.label == "non-member":
        return (f"{head}: {span} membership would cost {_usd(stay.dues())} in dues to save {_usd(saved)}, "
                f"so certcli prices you as a non-member.")
    when = _in_years(sorted(chosen.years))
    gain = never.total - chosen.total
    return (f"{head}: it pays only {when}, so certcli prices you as a member then and a non-member "
            f"otherwise, {_usd(gain)} less than never joining ({stay_text}).")


def _break_even(op: _OrgPath, stay: _Option, never: _Option, years: int) -> BreakEven:
    code = op.org.code
    missing = sorted({i.what for i in stay.items + never.items if i.amount is None})
    if missing:
        return BreakEven(code, None, None, f"{code} membership: can't tell whether it pays for itself: "
                         f"{_joined(missing)} not published.")
    dues = stay.dues()
    saved = never.total - (stay.total - dues)
    span = f"over {years} year{'s' if years > 1 else ''}"
    if stay.total > never.total:
        return BreakEven(code, False, None,
                         f"{code} membership does not pay for itself {span}: its dues ({_usd(dues)}) are more "
                         f"than member prices save ({_usd(saved)}), {_usd(stay.total - never.total)} more in all.",
                         dues, saved)
    cum_stay = cum_never = 0
    ahead: list[bool] = []
    for year in range(1, years + 1):
        cum_stay += sum(i.amount or 0 for i in stay.items if i.year == year)
        cum_never += sum(i.amount or 0 for i in never.items if i.year == year)
        ahead.append(cum_stay <= cum_never)
    from_year = years
    while from_year > 1 and ahead[from_year - 2]:
        from_year -= 1
    verb = "breaks even" if stay.total == never.total else "pays for itself"
    return BreakEven(code, True, from_year,
                     f"{code} membership {verb} from year {from_year}: {span} its dues ({_usd(dues)}) are "
                     f"covered by what member prices save ({_usd(saved)}).",
                     dues, saved)
