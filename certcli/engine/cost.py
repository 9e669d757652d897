"""The cost of a path of credentials over several years, itemized by year.

Pure and deterministic: no I/O, no printing; ``today`` only decides which figures are old.
The cost model of :func:`path_cost` (every total depends on it, so it is spelled out here):

- **Exams**: the credentials of a path are taken one a year in the order given (the first in
  year 1, the second in year 2…; any beyond the last year are all taken in the last year).
  Credentials already held (``held``) pay no exam fee.
- **Attempts**: ``attempts=2`` buys the 2-attempt package where one is sold; otherwise the
  published retake price is added in the exam year (an unknown item when none is published).
  A credential sold only as a 2-attempt package is priced as one even for ``attempts=1``.
- **Memberships**: required ones are paid as the issuer requires; for optional ones certcli
  takes the cheapest choice unless told (see :mod:`certcli.engine.membership`).
- **Tiers**: the cheapest rate that fits (see :mod:`certcli.engine.fees`).
- **Recertification**: one cycle per issuer, starting when its first credential is earned; the
  fee falls due at the end of each cycle (earned in year 1, 2-year cycle: years 3, 5…). With a
  held credential of the same issuer, the current cycle is taken to end in year ``cycle``.
  The fee is :func:`certcli.engine.fees.recert_fee` for the credentials held then, the rule
  ``renew`` uses too. An issuer that publishes no renewal fee but requires membership to keep
  its credentials is paid through dues; otherwise an unpublished fee is an unknown item. A
  credential superseded by another one held (RHIT by RHIA) is not counted.
- Held credentials of issuers that are not in the path cost nothing here.
- **Figures**: each amount is the claim :meth:`Catalog.pick` chooses (marked current, else the
  most recent official, else the most recent); a fee whose claims are all superseded is not a
  current price and counts as unknown. Unknown amounts are ``None`` and make the total
  incomplete; they are never counted as zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from typing import NamedTuple

from certcli.catalog import Catalog
from certcli.engine.fees import (
    Buyer,
    LineItem,
    dues_line,
    dues_tier,
    exam_lines,
    has_membership,
    recert_fee,
    renewal_fees,
    tier_word,
)
from certcli.engine.membership import BreakEven, OrgPath, dues_already_paid, plan_membership
from certcli.engine.price import priced
from certcli.model import Audience, Claim, Credential, Status, TierKind
from certcli.words import plural, year_span

MAX_YEARS = 50
KINDS = ("exam", "retake", "extension", "dues", "renewal")
_KIND_RANK = {kind: i for i, kind in enumerate(KINDS)}


class PathCost(NamedTuple):
    """What a path of credentials costs over the years of a plan, item by item, and why."""

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
    already_paid: tuple[str, ...] = ()  # issuers whose dues the person pays anyway, to keep a held credential
    new_spending: int | None = None  # total less those dues (issue 12: dues already paid are not new spending)

    def by_year(self) -> dict[int, int]:
        """Known amounts per year, every year of the plan present."""
        out = dict.fromkeys(range(1, self.years + 1), 0)
        for item in self.items:
            if item.amount is not None:
                out[item.year] = out.get(item.year, 0) + item.amount
        return out


# --------------------------------------------------------------------------- one organization's part


def _org_items(
    catalog: Catalog, op: OrgPath, member_years: frozenset[int], buyer: Buyer, attempts: int, years: int,
    today: date,
) -> list[LineItem]:
    """Everything paid to one organization over the plan, given the years one is a member."""
    items: list[LineItem] = []
    for cred, year in op.creds:
        lines, _, _ = exam_lines(catalog, cred, year in member_years, buyer.student, attempts, year, today)
        items.extend(lines)
    if member_years:
        first = min(member_years)
        for year in sorted(member_years):
            items.append(dues_line(catalog, op.org, buyer, year, year == first, today))
    items.extend(_renewal_lines(catalog, op, member_years, years, today))
    return items


def _counted(creds: list[Credential]) -> list[Credential]:
    """Drop a credential superseded by another one held (RHIT once the RHIA is held)."""
    codes = {c.code for c in creds}
    return [c for c in creds if not any(s in codes for s in c.renewal.superseded_by)]


def _renewal_lines(
    catalog: Catalog, op: OrgPath, member_years: frozenset[int], years: int, today: date
) -> list[LineItem]:
    org = op.org
    if not renewal_fees(org) and op.required_keep is True:
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
        if not renewal_fees(org):
            items.append(LineItem(year, f"{org.code} renewal{status}", "renewal", None, None, None, False, False,
                                  f"renewal fee not published; {covers}", None, org.code))
            continue
        fee = recert_fee(catalog, org, Audience.MEMBER if member else Audience.NON_MEMBER, len(holding))
        items.append(priced(catalog, fee.first.amount if fee.first else None, today, year=year,
                             what=f"{org.code} recertification{status}", kind="renewal",
                             organization=org.code, notes=[covers]))
        more = len(holding) - 1
        if more and not fee.extra:
            what = f"{org.code} recertification, {plural(more, 'more credential')}{status}"
            items.append(LineItem(year, what, "renewal", None, None, None, False, False,
                                  "fee for each additional credential not published", None, org.code))
        for extra, n in fee.extra:
            what = f"{org.code} recertification, {plural(n, 'more credential')}{status}"
            items.append(priced(catalog, extra.amount, today, year=year, what=what, kind="renewal",
                                 times=n, organization=org.code))
    return items


# --------------------------------------------------------------------------- the path


def _required(catalog: Catalog, fact: tuple[Claim[bool], ...] | None) -> bool | None:
    claim = catalog.pick(fact)
    return bool(claim.value) if claim is not None else None


def path_cost(
    catalog: Catalog,
    creds: list[Credential],
    *,
    years: int = 4,
    buyer: Buyer = Buyer(),  # noqa: B008 - frozen, so a shared default is safe
    attempts: int = 1,
    held: Sequence[Credential] = (),
    today: date | None = None,
    exam_years: Mapping[str, int] | None = None,
) -> PathCost:
    """The total cost of earning ``creds`` and keeping them for ``years`` (see the module doc).

    ``exam_years``: the plan year each exam falls in, where a timeline dates them (else one a year)."""
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
    schedule = [(c.code, min((exam_years or {}).get(c.code, i + 1), years)) for i, c in enumerate(path)]
    exam_year = dict(schedule)

    plans: dict[str, OrgPath] = {}
    for rank, cred in enumerate(path):
        org = catalog.issuer(cred)
        if org.code not in plans:
            plans[org.code] = OrgPath(
                org=org,
                creds=[],
                held=[h for h in held if h.issuer == org.code],
                required_exam=catalog.members_only(org),
                required_keep=_required(catalog, org.membership.required_to_keep),
                has_membership=has_membership(catalog, org),
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
        items_for = partial(_org_items, catalog, op, buyer=buyer, attempts=attempts, years=years, today=today)
        chosen_label, chosen_items, sentence, be = plan_membership(catalog, op, buyer, years, items_for)
        items.extend(chosen_items)
        choices.append((op.org.code, chosen_label))
        if sentence:
            strategy.append(sentence)
        cycle = catalog.pick(op.org.renewal.cycle_years)
        if be is not None:
            breaks.append(be)
        fees = renewal_fees(op.org)
        needs_cycle = bool(fees) or op.required_keep is not True
        first_year = 1 if op.held else op.exam_years[0]
        if needs_cycle and catalog.pick(op.org.renewal.cycle_years) is None and first_year < years:
            unknown_extra.append(f"{op.org.code} renewal (cycle and fee not published)")
        if op.held and cycle is not None and fees and cycle.value <= years:
            held_list = ", ".join(h.code for h in op.held)
            notes.append(f"{held_list}: your current {op.org.code} cycle is taken to end in year {cycle.value}; "
                         "check your own renewal date.")
        notes.extend(_tier_notes(catalog, op, buyer, chosen_items))
    member_years = {(i.organization, i.year) for i in items if i.kind == "dues"}
    for cred in path:
        as_member = (cred.issuer, exam_year[cred.code]) in member_years
        notes.extend(exam_lines(catalog, cred, as_member, buyer.student, attempts, 1, today, retake=False)[2])
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
    paid = dues_already_paid(catalog, held)
    dues_paid = sum(i.amount or 0 for i in items if i.kind == "dues" and i.organization in paid)
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
        already_paid=paid,
        new_spending=total - dues_paid,
    )



def _tier_notes(catalog: Catalog, op: OrgPath, buyer: Buyer, items: Sequence[LineItem]) -> list[str]:
    """Notes on the dues tiers actually paid: rates not published, first-year-only rates."""
    dues = [i for i in items if i.kind == "dues"]
    if not dues:
        return []
    out = dues_tier(catalog, op.org, buyer, True, dues[0].year)[1]
    first = tier_word(dues[0])
    if dues[0].tier in (TierKind.STUDENT, TierKind.FIRST_TIME) and len(dues) > 1:
        aapc_student = dues[0].tier is TierKind.STUDENT and op.org.code == "AAPC"
        why = " (AAPC: once certified, you are no longer a student)" if aapc_student else ""
        out.append(f"The {op.org.code} {first} rate counts for the first membership year only{why}; "
                   "later years use the regular rate.")
    return out


def _unknown_words(items: Sequence[LineItem]) -> list[str]:
    years: dict[str, list[int]] = {}
    for item in items:
        if item.amount is None:
            years.setdefault(item.what, []).append(item.year)
    return [f"{what} ({year_span(ys)})" for what, ys in years.items()]
