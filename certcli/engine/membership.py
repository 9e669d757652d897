"""Membership over a path: whether to join an optional membership, the dues a required one
costs, and whether membership pays for itself.

Required memberships (AAPC, AMBA) are joined in the year of the first exam with the issuer
and, where membership also keeps the credential, paid every year after. Holding a credential
of the issuer already, or being a member (``Buyer.member_of``), means dues from year 1.
Optional memberships (AHIMA): ``Buyer.member`` True means a member every year from the first
exam; False never a member; None lets certcli take the cheapest of never joining, staying a
member, and joining only in the years membership saves more than its dues (a member price
applies to exams and recertifications paid while a member).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from certcli.catalog import Catalog
from certcli.engine.fees import Buyer, LineItem, dues_tier, tier_price, tier_word
from certcli.engine.price import known_total, labelled
from certcli.model import Credential, Organization
from certcli.words import in_years, join_and, money, plural, year_span


class BreakEven(NamedTuple):
    """Whether staying a member of an optional membership costs less than never joining."""

    organization: str
    pays_for_itself: bool | None  # None: an amount needed to tell is not published
    from_year: int | None  # from this year on, the member has paid no more than a non-member
    explanation: str
    dues: int | None = None  # dues over the plan when staying a member
    savings: int | None = None  # what member prices save over the plan


@dataclass
class OrgPath:
    """One organization's part of a path: its credentials, those held, and its membership rules."""

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


# --------------------------------------------------------------------------- the choice


@dataclass
class _Option:
    label: str  # "member", "non-member", "some years"
    years: frozenset[int]
    items: list[LineItem] = field(default_factory=list)

    @property
    def key(self) -> tuple[int, int]:
        return known_total(self.items)

    @property
    def total(self) -> int:
        return self.key[1]

    @property
    def complete(self) -> bool:
        return self.key[0] == 0

    def dues(self) -> int:
        return sum(i.amount or 0 for i in self.items if i.kind == "dues")


ItemsFor = Callable[[frozenset[int]], list[LineItem]]  # everything paid to one organization, by member years


def plan_membership(
    catalog: Catalog, op: OrgPath, buyer: Buyer, years: int, items_for: ItemsFor
) -> tuple[str, list[LineItem], str | None, BreakEven | None]:
    """The membership choice for one organization: (label, its items, the sentence, break-even)."""
    code = op.org.code

    def option(label: str, member_years: Iterable[int]) -> _Option:
        chosen = frozenset(member_years)
        return _Option(label, chosen, items_for(chosen))

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
        candidates = [never, stay] + _some_years(catalog, op, buyer, years, never, option)
        chosen = min(candidates, key=lambda o: (o.key[0], o.key[1], {"non-member": 0, "some years": 1}.get(
            o.label, 2), len(o.years)))
    sentence = _optional_sentence(op, chosen, stay, never, years, forced)
    return chosen.label, chosen.items, sentence, be


def _some_years(
    catalog: Catalog, op: OrgPath, buyer: Buyer, years: int, never: _Option,
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
    later_tier, _ = dues_tier(catalog, op.org, buyer, False, 2)
    later_dues = tier_price(catalog, later_tier) if later_tier else None
    out: list[_Option] = []
    seen: set[frozenset[int]] = {frozenset(), frozenset(range(op.start, years + 1))}
    for start in sorted(save):
        first_tier, _ = dues_tier(catalog, op.org, buyer, True, start)
        if first_tier is None or tier_price(catalog, first_tier) is None:
            continue
        chosen = {start} | {y for y in save if y > start and later_dues is not None and save[y] > later_dues}
        key = frozenset(chosen)
        if key in seen:
            continue
        seen.add(key)
        out.append(option("some years", key))
    return out


# --------------------------------------------------------------------------- in words


def _dues_text(items: Sequence[LineItem]) -> str:
    dues = [i for i in items if i.kind == "dues"]
    if not dues:
        return "no dues"
    if any(i.amount is None for i in dues):
        return "dues that are not published"
    first, rest = dues[0], dues[1:]
    word = tier_word(first)
    if not rest:
        return labelled(first, f"{money(first.amount or 0)} a year") + ("" if word == "individual" else f" ({word})")
    later = {i.amount for i in rest}
    later_word = tier_word(rest[0])
    if len(later) == 1 and first.amount in later and word == later_word:
        return labelled(first, f"{money(first.amount or 0)} a year")
    if len(later) == 1:
        return (f"{labelled(first, money(first.amount or 0))} in the first year ({word}), "
                f"then {labelled(rest[0], money(rest[0].amount or 0))} a year")
    return f"{money(sum(i.amount or 0 for i in dues))} in dues"


def _required_sentence(op: OrgPath, req: _Option, buyer: Buyer, years: int) -> str:
    code = op.org.code
    keeps = " and to keep its credentials" if op.required_keep is True else ""
    dues = [i for i in req.items if i.kind == "dues"]
    span = in_years([i.year for i in dues]) if dues else "in no year"
    lead = f"{code} membership is required to sit its exams{keeps}"
    if buyer.member is False and code not in buyer.member_of:
        lead = f"Even as a non-member you pay {code} dues: membership is required to sit its exams{keeps}"
    if any(i.amount is None for i in dues):
        return f"{lead}; its yearly dues are not published, so the total is incomplete."
    total = sum(i.amount or 0 for i in dues)
    return f"{lead}: dues of {_dues_text(dues)} are counted {span} ({money(total)} over {plural(years, 'year')})."


def _savings_parts(op: OrgPath, stay: _Option, never: _Option) -> tuple[list[str], int | None]:
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
            parts.append(f"{money(gain)} on the {cred.code} exam{retake}")
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
        parts.append(f"an unpublished amount on recertification ({year_span(unknown_years)})")
    if gains:
        if total is not None:
            total += sum(gains)
        if len(set(gains)) == 1:
            parts.append(f"{money(gains[0])} on each recertification")
        else:
            parts.append(f"{money(sum(gains))} on {len(gains)} recertifications")
    return parts, total


def _optional_sentence(
    op: OrgPath, chosen: _Option, stay: _Option, never: _Option, years: int, forced: str | None
) -> str:
    code = op.org.code
    parts, saved = _savings_parts(op, stay, never)
    dues = _dues_text(stay.items)
    head = f"Joining {code} costs {dues}{',' if ', then' in dues else ''} and saves {join_and(parts, 'nothing')}"
    span = f"over {plural(years, 'year')}"
    if not stay.complete or not never.complete or saved is None:
        missing = join_and(sorted({i.what for i in stay.items + never.items if i.amount is None}), "nothing")
        if forced is None:
            as_what = "a member " + in_years(sorted(chosen.years)) if chosen.label == "some years" else (
                "a member" if chosen.label == "member" else "a non-member")
            return f"{head}; {missing} not published, so certcli prices you as {as_what}."
        return f"{head}; {missing} not published, so the comparison is incomplete."
    diff = never.total - stay.total  # > 0: staying a member saves
    stay_text = (f"staying a member {span} saves {money(diff)}" if diff > 0 else
                 f"staying a member {span} costs {money(-diff)} more than never joining" if diff < 0 else
                 f"staying a member {span} costs the same as never joining")
    if forced == "already":
        return f"You are already an {code} member (dues recur every year): {head[0].lower() + head[1:]}: {stay_text}."
    if forced == "member":
        return f"You chose {code} membership: {head[0].lower() + head[1:]}: {stay_text}."
    if forced == "non-member":
        return f"You chose not to join {code}; {head[0].lower() + head[1:]}: {stay_text}."
    if chosen.label == "member":
        return f"{head}: {span} you save {money(diff)}, so certcli prices you as a member every year."
    if chosen.label == "non-member":
        return (f"{head}: {span} membership would cost {money(stay.dues())} in dues to save {money(saved)}, "
                f"so certcli prices you as a non-member.")
    when = in_years(sorted(chosen.years))
    gain = never.total - chosen.total
    return (f"{head}: it pays only {when}, so certcli prices you as a member then and a non-member "
            f"otherwise, {money(gain)} less than never joining ({stay_text}).")


# --------------------------------------------------------------------------- break-even


def _break_even(op: OrgPath, stay: _Option, never: _Option, years: int) -> BreakEven:
    code = op.org.code
    missing = sorted({i.what for i in stay.items + never.items if i.amount is None})
    if missing:
        return BreakEven(code, None, None, f"{code} membership: can't tell whether it pays for itself: "
                         f"{join_and(missing, 'nothing')} not published.")
    dues = stay.dues()
    saved = never.total - (stay.total - dues)
    span = f"over {plural(years, 'year')}"
    if stay.total > never.total:
        return BreakEven(code, False, None,
                         f"{code} membership does not pay for itself {span}: its dues ({money(dues)}) are more "
                         f"than member prices save ({money(saved)}), {money(stay.total - never.total)} more in all.",
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
                     f"{code} membership {verb} from year {from_year}: {span} its dues ({money(dues)}) are "
                     f"covered by what member prices save ({money(saved)}).",
                     dues, saved)


def dues_already_paid(catalog: Catalog, held: Sequence[Credential]) -> tuple[str, ...]:
    """The issuers, in catalog order, whose dues someone holding ``held`` pays anyway: keeping one
    of its credentials requires membership. Those dues are never new spending for a new credential."""
    codes = {c.issuer for c in held}
    out = []
    for code, org in catalog.organizations.items():
        keep = catalog.pick(org.membership.required_to_keep) if code in codes else None
        if keep is not None and keep.value is True:
            out.append(code)
    return tuple(out)
