"""Fees: which fee applies to whom, a credential's first-year price, and the recertification fee.

Pure and deterministic: no I/O, no printing; ``today`` only decides which figures are old.
The cost of a path of credentials over several years is :mod:`certcli.engine.cost`; whether
an optional membership pays for itself is :mod:`certcli.engine.membership`.

Tiers: the cheapest membership rate that fits. The student rate counts in year 1 of a plan
only (AAPC: "once you are certified, you are no longer considered a student"); the first-time
rate in the first membership year (not for ``Buyer.member_of``); the 65+ rate every year.
Where a rate is not published the individual rate is used and a note says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from certcli.catalog import Catalog
from certcli.engine.price import Alternative as Alternative  # re-exported: the shapes of a price
from certcli.engine.price import LineItem as LineItem
from certcli.engine.price import known_total, live, priced
from certcli.model import (
    Audience,
    Claim,
    Credential,
    Fee,
    FeeKind,
    MembershipTier,
    Organization,
    Status,
    TierKind,
)
from certcli.words import money, plural

if TYPE_CHECKING:  # found lazily (see __getattr__): cost.py and membership.py build on this module
    from certcli.engine.cost import PathCost as PathCost
    from certcli.engine.cost import path_cost as path_cost
    from certcli.engine.membership import BreakEven as BreakEven

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
            if fee.kind is not kind or fee.audience is not who or not live(fee.amount):
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
    retake: LineItem | None = None  # attempts=2 with no 2-attempt package: the retake price (not in the total)


# --------------------------------------------------------------------------- choosing fees


def _audiences(member: bool, student: bool) -> tuple[Audience, ...]:
    if member:
        return (Audience.STUDENT, Audience.MEMBER, Audience.ANY) if student else (Audience.MEMBER, Audience.ANY)
    return (Audience.NON_MEMBER, Audience.ANY)


def has_membership(catalog: Catalog, org: Organization) -> bool:
    return bool(org.membership.tiers) or catalog.members_only(org) is True


def exam_lines(
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
    if fee is None and not has_membership(catalog, catalog.issuer(cred)):
        status = ""
    label = f"{cred.code} exam ({plural(included, 'attempt')}{', ' + status if status else ''})"
    if fee is None:
        old = [f for f in cred.fees if f.kind is FeeKind.EXAM]
        fact = max((f.amount for f in old), key=lambda fact: max(catalog.sources[c.source].year or 0 for c in fact),
                   default=None)
        item = priced(catalog, fact, today, year=year, what=label, kind="exam", code=cred.code,
                       organization=cred.issuer, notes=["current price not published"])
        if not old:
            item = LineItem(year, label, "exam", None, None, None, False, False, "not published", cred.code,
                            cred.issuer)
        return [item], included, notes
    lines = [
        priced(catalog, fee.amount, today, year=year, what=label, kind="exam", code=cred.code,
                organization=cred.issuer)
    ]
    if attempts == 2 and included == 1:
        again = find_fee(cred.fees, FeeKind.RETAKE, audiences)
        what = f"{cred.code} retake (a second attempt{', ' + status if status else ''})"
        if retake:
            if again is not None:
                lines.append(priced(catalog, again.amount, today, year=year, what=what, kind="retake",
                                     code=cred.code, organization=cred.issuer))
            else:
                lines.append(LineItem(year, what, "retake", None, None, None, False, False,
                                      "no 2-attempt package or retake price published", cred.code, cred.issuer))
    return lines, included, notes


# --------------------------------------------------------------------------- membership tiers


def tier_price(catalog: Catalog, tier: MembershipTier) -> int | None:
    if not live(tier.dues):
        return None
    claim = catalog.pick(tier.dues)
    return claim.value if claim is not None else None


def dues_tier(
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
    fitting = [(price, t) for t in tiers if t.kind in wanted and (price := tier_price(catalog, t)) is not None]
    notes = []
    for kind in wanted:
        if not any(t.kind is kind for _, t in fitting):
            notes.append(f"{org.code} publishes no {TIER_WORDS[kind]} membership rate: the individual rate is used")
    if fitting:
        return min(fitting, key=lambda pair: pair[0])[1], notes
    individual = next((t for t in tiers if t.kind is TierKind.INDIVIDUAL), None)
    return individual, notes


def dues_line(catalog: Catalog, org: Organization, buyer: Buyer, year: int, first: bool, today: date) -> LineItem:
    tier, _ = dues_tier(catalog, org, buyer, first, year)
    if tier is None:
        return LineItem(year, f"{org.code} dues", "dues", None, None, None, False, False,
                        "membership dues not published", None, org.code)
    word = TIER_WORDS[tier.kind]
    item = priced(catalog, tier.dues, today, year=year, what=f"{org.code} dues ({word})", kind="dues",
                  organization=org.code, notes=[None if tier.dues else "not published"])
    return item._replace(tier=tier.kind)


def tier_word(item: LineItem) -> str:
    """The tier a dues line pays, in words ('individual', 'student', '65+'); '' for other lines."""
    return TIER_WORDS[item.tier] if item.tier is not None else ""


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


def renewal_fees(org: Organization) -> list[Fee]:
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
    first_claim = catalog.pick(first.amount) if first is not None and live(first.amount) else None
    additional: tuple[Fee, ...] = ()
    for who in dict.fromkeys((audience, Audience.ANY)):
        additional = tuple(f for f in fees if f.kind is FeeKind.RENEWAL_ADDITIONAL and f.audience is who
                           and live(f.amount))
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


def quote(catalog: Catalog, cred: Credential, buyer: Buyer, attempts: int = 1, today: date | None = None) -> Quote:
    """What ``cred`` costs ``buyer`` in the first year: the exam fee that applies and a year's dues."""
    if attempts not in (1, 2):
        raise ValueError("attempts must be 1 or 2")
    today = today or date.today()
    org = catalog.issuer(cred)
    required = catalog.members_only(org)
    has = has_membership(catalog, org)
    notes: list[str] = []

    def price_as(member: bool) -> tuple[LineItem, LineItem | None, int, list[str]]:
        lines, included, exam_notes = exam_lines(catalog, cred, member, buyer.student, attempts, 1, today,
                                                  retake=False)
        dues = dues_line(catalog, org, buyer, 1, True, today) if member else None
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
        yes, no = price_as(True), price_as(False)
        key_yes, key_no = known_total(yes[:2]), known_total(no[:2])
        member = key_yes < key_no
        notes.append(_first_year_choice(org, yes[0], yes[1], no[0], member))

    exam, dues, included, exam_notes = price_as(member)
    retake: LineItem | None = None
    if attempts == 2 and included == 1:
        second = exam_lines(catalog, cred, member, buyer.student, attempts, 1, today)[0][-1]
        if second.kind == "retake" and second.amount is not None:
            retake = second
        else:
            notes.append(f"{cred.code} is not sold as a 2-attempt package, and no retake price is published.")
    else:
        notes.extend(exam_notes)
    if member:
        notes.extend(dues_tier(catalog, org, buyer, True)[1])
    if cred.status is not Status.ACTIVE:
        notes.append(f"{cred.code} is {cred.status}: check that the exam is still offered.")
    unknown, total = known_total([exam, dues])
    return Quote(
        code=cred.code,
        exam=exam,
        dues=dues,
        attempts=included,
        membership_required=required,
        member=member,
        total=None if unknown else total,
        notes=tuple(dict.fromkeys(notes)),
        retake=retake,
    )


def _label(item: LineItem) -> str:
    return f", {item.unverified}" if item.unverified else ""


def _first_year_choice(org: Organization, m_exam: LineItem, m_dues: LineItem | None, n_exam: LineItem,
                       member: bool) -> str:
    code = org.code
    if m_exam.amount is None or n_exam.amount is None or m_dues is None or m_dues.amount is None:
        missing = [i.what for i in (m_exam, m_dues, n_exam) if i is not None and i.amount is None]
        choice = "a member" if member else "a non-member"
        return f"{code} membership is optional; {', '.join(missing)} not published, so priced for {choice}."
    saving = n_exam.amount - m_exam.amount
    tier = tier_word(m_dues)
    if member:
        return (
            f"Joining {code} ({tier} dues {money(m_dues.amount)}{_label(m_dues)}) saves {money(saving)} on the exam: "
            f"{money(saving - m_dues.amount)} less in the first year, so priced for a member."
        )
    return (
        f"Joining {code} ({tier} dues {money(m_dues.amount)}{_label(m_dues)}) would save {money(saving)} on the exam, "
        f"so the first year is cheaper as a non-member."
    )


# --------------------------------------------------------------------------- the cost of a path, by its old address


def __getattr__(name: str) -> Any:
    """``fees.path_cost``, ``fees.PathCost`` and ``fees.BreakEven``, as engine/advice.py and the cost
    command name them; found when first asked for, because cost.py and membership.py build on
    this module. New code imports them from :mod:`certcli.engine.cost`."""
    if name in ("path_cost", "PathCost"):
        from certcli.engine import cost

        return getattr(cost, name)
    if name == "BreakEven":
        from certcli.engine import membership

        return membership.BreakEven
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
