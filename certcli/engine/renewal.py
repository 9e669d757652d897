"""What it takes to keep credentials: CEUs per cycle under each issuer's stacking rule, due dates, fees.

Pure and deterministic: ``today`` is always a parameter. The date rules, in plain words:

* ``CODE@DATE`` is the day the credential was earned; ``CODE@end:DATE`` is the end of a cycle (the
  due date your issuer's account shows). A date earned may not be in the future.
* The next due date is ``anchor + k × cycle years``, the first one on or after today. Each due
  date is counted from the anchor, not from the previous due date, so dates never drift: a
  Feb 29 anchor falls on Feb 28 in common years and on Feb 29 again in leap years; other days
  (month ends included) stay the same day of the same month.
* One cycle per issuer: when several credentials of one issuer are held, a cycle end you gave
  wins (the earliest, if several); else the earliest date earned sets the cycle (AAPC keeps one
  membership date; AHIMA lines further credentials up with the first one's cycle). CEUs stack
  under the issuer's rule within that one cycle.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any, Literal, NamedTuple

from certcli import words
from certcli.catalog import Catalog
from certcli.engine.ceu_rules import CeuRequirement as CeuRequirement  # re-exported: its old address
from certcli.engine.ceu_rules import ceu_requirement as ceu_requirement
from certcli.engine.fees import RecertFee as RecertFee  # re-exported: render/renewal.py names it here
from certcli.engine.fees import recert_fee
from certcli.errors import UsageError
from certcli.model import Audience, Claim, Credential, FeeKind, Organization, Status, TierKind

# --------------------------------------------------------------------------- dates


DateKind = Literal["earned", "cycle_end"]


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier); Feb 29 falls on Feb 28 in a common year."""
    year = day.year + years
    if not 1 <= year <= 9999:
        raise UsageError(f"{day.isoformat()} plus {years} years is outside the calendar.")
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _first_on_or_after(anchor: date, cycle: int, today: date) -> int:
    """The smallest k ≥ 1 with ``anchor + k × cycle`` years on or after ``today``."""
    k = max(1, (today.year - anchor.year) // cycle - 1)
    while add_years(anchor, k * cycle) < today:
        k += 1
    while k > 1 and add_years(anchor, (k - 1) * cycle) >= today:
        k -= 1
    return k


class HeldCredential(NamedTuple):
    """A credential a person holds, with the date it was earned or the end of its cycle, if given."""

    credential: Credential
    earned: date | None = None
    cycle_end: date | None = None

    @property
    def code(self) -> str:
        return self.credential.code

    @property
    def dated(self) -> bool:
        return self.earned is not None or self.cycle_end is not None


# --------------------------------------------------------------------------- fees and cost


class KeepCost(NamedTuple):
    """Dues plus recertification fee over one cycle, for one audience."""

    audience: Audience
    years: int
    dues_counted: bool  # membership is required to keep, or this is the member price
    dues: Claim[Any] | None  # the yearly dues counted; None when not published (or not counted)
    fee: RecertFee | None
    total: int | None  # None when a part is not published


def _individual_dues(org: Organization) -> tuple[Claim[Any], ...] | None:
    for tier in org.membership.tiers:
        if tier.kind is TierKind.INDIVIDUAL:
            return tier.dues
    return None


# --------------------------------------------------------------------------- the plan


class IssuerRenewal(NamedTuple):
    """Everything one issuer asks of a person to keep the credentials of it they hold."""

    organization: Organization
    requirement: CeuRequirement
    held: tuple[HeldCredential, ...]
    cycle: Claim[Any] | None
    issuer_share: Claim[Any] | None
    issuer_share_ceus: float | None  # the share as CEUs, when it is a percentage of a known total
    anchor: HeldCredential | None  # whose date sets the cycle
    anchor_kind: DateKind | None
    date_rule: str  # how certcli dates the cycle, in plain words
    next_due: date | None
    previous_due: date | None
    first_cycle: bool  # next_due ends the first cycle after the date earned
    dues_dates: tuple[date, ...]  # yearly dues dates before next_due, when membership is kept yearly
    membership_required: Claim[Any] | None
    dues: tuple[Claim[Any], ...] | None  # individual dues a year (the fact)
    recert_fees: tuple[RecertFee, ...]
    keep_costs: tuple[KeepCost, ...]
    notes: tuple[str, ...]

    @property
    def code(self) -> str:
        return self.organization.code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(h.code for h in self.held)

    @property
    def anchor_date(self) -> date | None:
        """The date that sets the cycle (a cycle end or a date earned)."""
        if self.anchor is None:
            return None
        return self.anchor.cycle_end if self.anchor_kind == "cycle_end" else self.anchor.earned


class Deadline(NamedTuple):
    """One date something is due: CEUs (with the dues, where yearly) or only the yearly dues."""

    when: date
    issuer: str
    codes: tuple[str, ...]
    kind: Literal["ceus", "dues"]
    ceus: int | None = None


class RenewalPlan(NamedTuple):
    today: date
    member: bool | None  # member of issuers whose membership is optional; None = not said
    issuers: tuple[IssuerRenewal, ...]
    deadlines: tuple[Deadline, ...]  # by date

    @property
    def undated(self) -> tuple[str, ...]:
        """Codes of issuers for which no date was given."""
        return tuple(code for i in self.issuers if i.next_due is None and i.anchor is None for code in i.codes)


_SHARE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%")

# How AAPC and AHIMA date a cycle is published only as rule text (data/aapc.yaml, data/ahima.yaml
# renewal.rules: AAPC's membership due date and pro-rated first cycle, AHIMA's cycle from the day
# the exam was passed); data/ has no structured field for it yet, so it is keyed on the issuer
# here, once. Every other issuer gets the generic rule of _date_rule.
_DATE_RULES = {
    "AAPC": (
        "AAPC: CEUs are due every {n} years on your membership due date, and the first cycle is pro-rated. "
        "From a date earned certcli counts {n} years; your AAPC account shows the exact date "
        "(give it as CODE@end:DATE)."
    ),
    "AHIMA": "AHIMA: the first {n}-year cycle starts on the day the exam was passed.",
}


def _date_rule(org: Organization, cycle: int | None) -> str:
    if cycle is None:
        return f"{org.code} does not publish how often its credentials are renewed."
    template = _DATE_RULES.get(org.code)
    if template:
        return template.format(n=cycle)
    return f"{org.code}: renewed {words.every(cycle)}, counted from the date earned."


def _dates(
    org: Organization, held: list[HeldCredential], cycle: int | None, today: date
) -> tuple[HeldCredential | None, DateKind | None, date | None, date | None, bool, list[str]]:
    """(anchor, its kind, next due, previous due, first cycle?, notes) for one issuer's credentials."""
    notes: list[str] = []
    ends = [h for h in held if h.cycle_end is not None]
    earned = [h for h in held if h.earned is not None]
    if not ends and not earned:
        return None, None, None, None, False, notes
    anchor = min(ends, key=lambda h: h.cycle_end or today) if ends else min(earned, key=lambda h: h.earned or today)
    kind: DateKind = "cycle_end" if ends else "earned"
    if cycle is None or cycle < 1:
        notes.append(f"{org.code} does not publish its renewal cycle, so certcli cannot date the next renewal.")
        return anchor, kind, None, None, False, notes

    def next_from(h: HeldCredential) -> tuple[date, date | None, bool]:
        if h.cycle_end is not None:
            end = h.cycle_end
            if end >= today:  # the current cycle: it must not be more than one cycle away
                if add_years(end, -cycle) > today:
                    raise UsageError(
                        f"{h.code}@end:{end.isoformat()} is more than one cycle ({words.years(cycle)}) after today "
                        f"({today.isoformat()}); give the end of the current cycle."
                    )
                return end, None, False
            k = _first_on_or_after(end, cycle, today)
            return add_years(end, k * cycle), add_years(end, (k - 1) * cycle), False
        assert h.earned is not None
        k = _first_on_or_after(h.earned, cycle, today)
        prev = add_years(h.earned, (k - 1) * cycle) if k > 1 else None
        return add_years(h.earned, k * cycle), prev, k == 1

    next_due, previous, first = next_from(anchor)
    others = [h for h in ends + earned if h is not anchor]
    differ = [h for h in others if next_from(h)[0] != next_due]
    if len(held) > 1:
        when = anchor.cycle_end if kind == "cycle_end" else anchor.earned
        assert when is not None
        if not others:
            which = f"{anchor.code}'s date ({when.isoformat()})"
        else:
            which = "the cycle end you gave" if kind == "cycle_end" else "the earliest date earned"
            which += f" ({anchor.code}, {when.isoformat()})"
        notes.append(f"One {org.code} cycle for all your {org.code} credentials, set by {which}.")
    if differ:
        notes.append(
            "Your other dates (" + ", ".join(h.code for h in differ) + f") would give other due dates; {org.code} "
            "keeps one cycle per person as far as certcli knows — check your account."
        )
    return anchor, kind, next_due, previous, first, notes


def _issuer_renewal(
    catalog: Catalog, org: Organization, held: list[HeldCredential], today: date, member: bool | None
) -> IssuerRenewal:
    req = ceu_requirement(catalog, org, [h.credential for h in held])
    rules = org.renewal
    cycle = catalog.pick(rules.cycle_years)
    years = cycle.value if cycle else None
    notes: list[str] = []

    share = catalog.pick(rules.issuer_share)
    share_ceus: float | None = None
    if share is not None and req.ceus is not None:
        match = _SHARE.match(str(share.value))
        if match:
            share_ceus = req.ceus * float(match.group(1)) / 100

    anchor, kind, next_due, previous, first, date_notes = _dates(org, held, years, today)
    notes.extend(date_notes)

    keep = catalog.pick(org.membership.required_to_keep)
    required = bool(keep.value) if keep is not None else False
    dues_fact = _individual_dues(org)
    dues = catalog.pick(dues_fact)
    dues_dates: tuple[date, ...] = ()
    if required and next_due is not None and years and years > 1:
        dues_dates = tuple(
            d for d in (add_years(next_due, -j) for j in range(years - 1, 0, -1)) if d >= today
        )

    count = len(req.credentials)
    has_audience = {f.audience for f in rules.fees if f.kind in (FeeKind.RENEWAL, FeeKind.RENEWAL_ADDITIONAL)}
    audiences: list[Audience]
    if has_audience - {Audience.ANY}:  # member and non-member prices: the one that applies, or both
        if member is None:
            audiences = [Audience.NON_MEMBER, Audience.MEMBER]
        else:
            audiences = [Audience.MEMBER if member else Audience.NON_MEMBER]
    elif has_audience:
        audiences = [Audience.ANY]
    else:
        audiences = []
    fees = tuple(recert_fee(catalog, org, a, count) for a in audiences)

    costs: list[KeepCost] = []
    if years and count:
        if required:
            fee = fees[0] if fees else None
            total = dues.value * years if dues is not None else None
            if total is not None and fee is not None:
                total = total + fee.total if fee.total is not None else None
            costs.append(KeepCost(Audience.ANY, years, True, dues, fee, total))
        else:
            for fee in fees:
                with_dues = fee.audience is Audience.MEMBER
                total = fee.total
                if with_dues:
                    total = total + dues.value * years if total is not None and dues is not None else None
                costs.append(KeepCost(fee.audience, years, with_dues, dues if with_dues else None, fee, total))

    for code, by in req.dropped:
        notes.append(f"{code} is replaced by {by}: only the {by}'s CEUs count.")
    subject_total = sum(s.ceus for s in req.subject)
    if req.ceus is not None and subject_total > req.ceus:
        notes.append(
            f"The subject-specific CEUs add up to {subject_total}, more than the {req.ceus} in total: "
            f"{org.code} does not say (in the sources certcli has) whether one CEU can count for two of them."
        )
    if next_due is not None and first and kind == "earned" and org.code == "AAPC":  # see _DATE_RULES
        notes.append(f"{next_due.isoformat()} ends your first AAPC cycle: AAPC pro-rates it, so fewer CEUs may be due.")
    if previous is not None and 0 < (today - previous).days <= 90:
        notes.append(
            f"Your last due date, {previous.isoformat()}, was {(today - previous).days} days ago: if you have "
            "not renewed yet, see the grace period and late fee."
        )
    for h in held:
        if h.credential.status is not Status.ACTIVE:
            notes.append(f"{h.code}: status {h.credential.status} (see 'certcli show {h.code}').")

    return IssuerRenewal(
        organization=org,
        requirement=req,
        held=tuple(held),
        cycle=cycle,
        issuer_share=share,
        issuer_share_ceus=share_ceus,
        anchor=anchor,
        anchor_kind=kind,
        date_rule=_date_rule(org, years),
        next_due=next_due,
        previous_due=previous,
        first_cycle=first,
        dues_dates=dues_dates,
        membership_required=keep,
        dues=dues_fact,
        recert_fees=fees,
        keep_costs=tuple(costs),
        notes=tuple(notes),
    )


def renewal_plan(
    catalog: Catalog, held: list[HeldCredential], today: date, member: bool | None = None
) -> RenewalPlan:
    """What each issuer asks of a person holding ``held``; issuers in the order first given."""
    by_issuer: dict[str, list[HeldCredential]] = {}
    for h in held:
        by_issuer.setdefault(h.credential.issuer, []).append(h)
    issuers = tuple(
        _issuer_renewal(catalog, catalog.organizations[code], items, today, member) for code, items in by_issuer.items()
    )
    deadlines: list[Deadline] = []
    for item in issuers:
        counted = tuple(c.code for c in item.requirement.credentials) or item.codes
        if item.next_due is not None:
            deadlines.append(Deadline(item.next_due, item.code, counted, "ceus", item.requirement.ceus))
        for day in item.dues_dates:
            deadlines.append(Deadline(day, item.code, counted, "dues"))
    deadlines.sort(key=lambda d: (d.when, d.issuer, d.kind))
    return RenewalPlan(today=today, member=member, issuers=issuers, deadlines=tuple(deadlines))
