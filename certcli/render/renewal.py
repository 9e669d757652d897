"""Keeping credentials: the renewal plan as rich renderables and JSON (its calendar: render.calendar)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from certcli.catalog import Catalog
from certcli.engine.renewal import Deadline, IssuerRenewal, KeepCost, RecertFee, RenewalPlan
from certcli.model import Audience, Claim, FeeKind
from certcli.render import (
    NOT_PUBLISHED,
    Footnotes,
    bullets,
    claim_value,
    fee_row,
    plain,
    section,
)
from certcli.render.catalog import ceus_json
from certcli.render.json import cited, claim_json, fact_json, fee_json, money_json, sources_json, total_json
from certcli.render.table import Table, borderless, fact_table
from certcli.words import every, human, money, plural, years

DATE_NOTE = (
    "Due dates count whole cycles from the date you gave (the date earned, or CODE@end:DATE for a cycle end); "
    "a Feb 29 date falls on Feb 28 in common years. Your issuer's account has the exact date."
)
NO_DATE_HINT = "give the date earned, e.g. {code}@2024-03-15, or the cycle end, {code}@end:2026-06-30"
FEE_KINDS_SHOWN = (FeeKind.LATE, FeeKind.REINSTATEMENT, FeeKind.EXTENSION)


def num(value: float) -> str:
    return f"{value:g}"


def _audience(audience: Audience) -> str:
    return {Audience.MEMBER: "member", Audience.NON_MEMBER: "non-member"}.get(audience, "")


# --------------------------------------------------------------------------- plain-text facts


def ceus_text(item: IssuerRenewal) -> str:
    req = item.requirement
    if req.ceus is None:
        if req.basis and NOT_PUBLISHED not in req.basis:
            return f"CEUs {NOT_PUBLISHED} ({req.basis})"
        return f"CEUs {NOT_PUBLISHED}"
    return f"{req.ceus} CEUs {every(item.cycle.value if item.cycle else None)}"


def deadline_summary(deadline: Deadline) -> str:
    """``CPC, CRC: 40 AAPC CEUs due`` — the calendar title and the due-dates line."""
    codes = ", ".join(deadline.codes)
    if deadline.kind == "dues":
        return f"{codes}: {deadline.issuer} membership dues due"
    if deadline.ceus is None:
        return f"{codes}: {deadline.issuer} renewal due"
    return f"{codes}: {deadline.ceus} {deadline.issuer} CEUs due"


def as_of(catalog: Catalog, claim: Claim[Any] | None) -> str:
    return f" (as of {catalog.as_of(claim)})" if claim is not None else ""


def fact_text(catalog: Catalog, fact: Any, fmt: Callable[[Any], str] = plain) -> str:
    """One line for a fact: the value in use and what other live sources say."""
    picked = catalog.pick(fact)
    if picked is None:
        return NOT_PUBLISHED
    text = claim_value(picked, fmt) + as_of(catalog, picked)
    if catalog.disputed(fact):
        others = [
            c for c in fact or ()
            if not c.superseded and not c.doubtful and (c.value, c.max) != (picked.value, picked.max)
        ]
        text += "; sources disagree: " + "; ".join(claim_value(c, fmt) + as_of(catalog, c) for c in others)
    return text


def recert_text(catalog: Catalog, fee: RecertFee, audience: bool = True) -> str:
    who = _audience(fee.audience) if audience else ""
    who = f", {who}" if who else ""
    if fee.total is not None and fee.first_claim is not None:
        if fee.credentials > 1 and fee.additional_claim is not None:
            extra = fee.additional_claim.value
            return (
                f"{money(fee.total)} per cycle{who}: {money(fee.first_claim.value)} + {money(extra)} × "
                f"{plural(fee.credentials - 1, 'further credential')}"
            )
        return f"{money(fee.total)} per cycle{who}"
    if fee.first_claim is None:
        return f"{NOT_PUBLISHED}{who}"
    first = f"{money(fee.first_claim.value)} for the first credential{who}"
    if fee.credentials <= 1:
        return first
    if not fee.additional:
        return first + f"; each further credential: {NOT_PUBLISHED}"
    parts = [f"{money(c.value)}" + (f" ({f.note})" if f.note else "")
             for f in fee.additional for c in [catalog.pick(f.amount)] if c is not None]
    return first + "; further credentials: " + ("; ".join(parts) or NOT_PUBLISHED)


def cost_text(cost: KeepCost, audience: bool = True) -> str:
    who = _audience(cost.audience) if audience else ""
    who = f" ({who})" if who else ""
    span = f"per {years(cost.years)}" if cost.years != 1 else "a year"
    if cost.total is None:
        missing = []
        if cost.dues_counted and cost.dues is None:
            missing.append("the dues")
        if cost.fee is not None and cost.fee.total is None:
            missing.append("the recertification fee")
        reason = " and ".join(missing) or "a part"
        return f"{NOT_PUBLISHED}{who}: no published figure for {reason}"
    parts = []
    if cost.dues is not None:
        dues = money(cost.dues.value)
        parts.append(f"dues {dues} × {cost.years}" if cost.years > 1 else f"dues {dues}")
    if cost.fee is not None and cost.fee.total is not None:
        parts.append(f"recertification {money(cost.fee.total)}")
    return f"{money(cost.total)} {span}{who}: " + " + ".join(parts)


# --------------------------------------------------------------------------- the human view


def _cite(notes: Footnotes, claims: list[Claim[Any] | None]) -> Text:
    out = Text("")
    seen: set[str] = set()
    for claim in claims:
        if claim is None or claim.source in seen:
            continue
        seen.add(claim.source)
        if out:
            out.append("; ")
        out.append(notes.as_of(claim))
    return out


def due_table(catalog: Catalog, plan: RenewalPlan) -> RenderableType:
    table = borderless(show_header=False)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for d in plan.deadlines:
        text = Text(deadline_summary(d))
        if d.kind == "dues":
            text.append(" (no CEUs this time)", style="dim")
        days = (d.when - plan.today).days
        text.append(f" · in {plural(days, 'day')}" if days else " · today", style="dim")
        table.add_row(d.when.isoformat(), d.issuer, text)
    parts: list[RenderableType] = [table] if plan.deadlines else []
    if plan.undated:
        first = plan.undated[0]
        parts.append(
            Text(f"No date given for {', '.join(plan.undated)}: " + NO_DATE_HINT.format(code=first) + ".", style="dim")
        )
    return Group(*parts)


def issuer_table(catalog: Catalog, item: IssuerRenewal, notes: Footnotes) -> Table:
    org = item.organization
    rules = org.renewal
    req = item.requirement
    table = fact_table()
    cycle = item.cycle.value if item.cycle else None

    if req.ceus is not None:
        value = Text(f"{req.ceus} {every(cycle)}")
        value.append(f" ({req.basis})", style="dim")
        table.add_row("CEUs", value, notes.cite(req.sources))
    else:
        value = Text(NOT_PUBLISHED, style="dim")
        if req.basis and NOT_PUBLISHED not in req.basis:
            value.append(f" ({req.basis})", style="dim")
        table.add_row("CEUs", value, notes.cite(req.sources))
    if req.subject:
        lines = "; ".join(f"{s.code}: {s.ceus} {s.subject}" for s in req.subject)
        table.add_row("Of which", Text(lines), notes.cite(s.source for s in req.subject))
    if rules.issuer_share:
        value, as_of = notes.fact(rules.issuer_share)
        if item.issuer_share_ceus is not None and req.ceus is not None:
            value.append(f"\n= at least {num(item.issuer_share_ceus)} of your {req.ceus} CEUs", style="bold")
        table.add_row(f"From {org.code}", value, as_of)

    # dates
    if item.next_due is not None:
        assert item.anchor is not None
        days = (item.next_due - notes.today).days
        value = Text(item.next_due.isoformat(), style="bold")
        if item.anchor_kind == "cycle_end":
            origin = f"from the cycle end you gave, {item.anchor.code}@end:{item.anchor.cycle_end}"
        else:
            origin = f"{every(cycle)} from {item.anchor.code}, earned {item.anchor.earned}"
        value.append(f" (in {days} days; {origin})" if days else f" (today; {origin})", style="dim")
        table.add_row("Next due", value, Text(""))
        if item.dues_dates:
            dues = ", ".join(d.isoformat() for d in item.dues_dates)
            table.add_row("Dues also due", Text(f"{dues} (yearly membership; no CEUs)"), Text(""))
    elif item.anchor is None:
        table.add_row("Next due", Text(NO_DATE_HINT.format(code=item.codes[0]), style="dim"), Text(""))
    else:
        table.add_row("Next due", Text(NOT_PUBLISHED, style="dim"), Text(""))
    table.add_row("Dating rule", Text(item.date_rule), notes.cite([item.cycle.source] if item.cycle else []))

    # money
    keep = item.membership_required
    if keep is not None and keep.value:
        value, as_of = notes.fact(item.dues, lambda v: f"{money(v)}/yr")
        table.add_row("Membership", Text("required every year: ").append(value), as_of)
    elif org.membership.tiers:
        value, as_of = notes.fact(item.dues, lambda v: f"{money(v)}/yr")
        prefix = "optional" + (" (you said you are a member)" if item.recert_fees and _member_said(item) else "")
        table.add_row("Membership", Text(prefix + ": ").append(value), as_of)
    for recert in item.recert_fees:
        label = "Recertification" + (f", {_audience(recert.audience)}" if _audience(recert.audience) else "")
        if recert.first_claim is None and recert.first is not None:
            value, as_of = notes.fact(recert.first.amount, money)  # shows unverified figures as such
            if recert.first.note:
                value.append(f"\n{recert.first.note}", style="dim")
            table.add_row(label, value, as_of)
            continue
        claims = [recert.first_claim, recert.additional_claim if recert.credentials > 1 else None]
        value = Text(recert_text(catalog, recert, audience=False))
        if recert.first is not None and recert.first_claim is not None and recert.first_claim.note:
            value.append(f" ({recert.first_claim.note})", style="dim")
        table.add_row(label, value, _cite(notes, claims))
    for cost in item.keep_costs:
        if not cost.dues_counted:
            continue  # the recertification fee alone: already shown
        claims = [cost.dues]
        if cost.fee is not None:
            claims += [cost.fee.first_claim, cost.fee.additional_claim if cost.fee.credentials > 1 else None]
        label = "Cost to keep" + (f", {_audience(cost.audience)}" if _audience(cost.audience) else "")
        style = "bold" if cost.total is not None else "dim"
        table.add_row(label, Text(cost_text(cost, audience=False), style=style),
                      _cite(notes, claims if cost.total else []))
    for fee in rules.fees:
        if fee.kind not in FEE_KINDS_SHOWN:
            continue
        table.add_row(*fee_row(notes, fee, human(fee.kind).capitalize() + " fee"))

    # when it goes wrong
    table.add_row("Grace period", *notes.fact(rules.grace_days, lambda v: f"{v} days"))
    if rules.lapse:
        table.add_row("Lapse", *notes.fact(rules.lapse))
    if rules.reinstatement:
        table.add_row("Reinstatement", *notes.fact(rules.reinstatement))
    return table


def _member_said(item: IssuerRenewal) -> bool:
    return len(item.recert_fees) == 1 and item.recert_fees[0].audience is Audience.MEMBER


def issuer_block(catalog: Catalog, item: IssuerRenewal, notes: Footnotes) -> RenderableType:
    title = f"{item.code} — {', '.join(item.codes)}"
    parts: list[RenderableType] = [issuer_table(catalog, item, notes)]
    if item.notes:
        parts.append(bullets(item.notes, style="yellow"))
    live = [c for c in item.organization.renewal.rules if not c.superseded and not c.doubtful]
    if live:
        parts.append(Text(f"{item.code} rules:", style="bold"))
        parts.append(bullets(Text(str(c.value) + " ").append(notes.mark(c.source), style="dim") for c in live))
    return section(title, *parts)


def renewal_view(catalog: Catalog, plan: RenewalPlan) -> RenderableType:
    notes = Footnotes(catalog, plan.today)
    codes = [code for item in plan.issuers for code in item.codes]
    head = Text("Keeping ", style="bold")
    head.append(", ".join(codes), style="bold cyan")
    parts: list[RenderableType] = [head]
    status = {True: "member", False: "non-member", None: "membership not given (--member / --non-member)"}
    parts.append(Text(f"As of {plan.today.isoformat()} · {status[plan.member]}", style="dim"))
    parts.append(section("Due dates", due_table(catalog, plan)))
    for item in plan.issuers:
        parts.append(issuer_block(catalog, item, notes))
    tail = notes.notes()
    tail.append(DATE_NOTE)
    urls = [item.organization.url for item in plan.issuers if item.organization.url.startswith("http")]
    if urls:
        tail.append("Check " + ", ".join(urls) + " for the final figures before you pay.")
    parts.append(section("Notes", bullets(tail, style="dim")))
    parts.append(Text(""))
    parts.append(notes.table())
    return Group(*parts)


# --------------------------------------------------------------------------- JSON


def _claim(catalog: Catalog, claim: Claim[Any] | None, today: date) -> dict[str, Any] | None:
    return claim_json(catalog, claim, today) if claim is not None else None


def _recert_json(catalog: Catalog, fee: RecertFee, today: date) -> dict[str, Any]:
    return {
        "audience": str(fee.audience),
        "credentials": fee.credentials,
        "total": total_json(fee.total, fee.total is not None,
                            [] if fee.total is not None else ["the recertification fee"]),
        "text": recert_text(catalog, fee),
        "first": fee_json(catalog, fee.first, today) if fee.first else None,
        "additional": [fee_json(catalog, f, today) for f in fee.additional],
    }


def _keep_total(c: KeepCost) -> dict[str, Any]:
    """Dues and recertification over a cycle: the known parts added, complete when none is missing."""
    if c.total is not None:
        return total_json(c.total, True)
    missing, known = [], 0
    if c.dues_counted and c.dues is None:
        missing.append("the dues")
    elif c.dues is not None:
        known += c.dues.value * c.years
    if c.fee is not None and c.fee.total is None:
        missing.append("the recertification fee")
    elif c.fee is not None and c.fee.total is not None:
        known += c.fee.total
    return total_json(known, False, missing or ["a part"])


def _issuer_json(catalog: Catalog, item: IssuerRenewal, today: date) -> dict[str, Any]:
    org = item.organization
    req = item.requirement
    rules = org.renewal
    anchor = item.anchor
    return {
        "issuer": org.code,
        "name": org.name,
        "url": org.url,
        "credentials": list(item.codes),
        "counted": [c.code for c in req.credentials],
        "dropped": [{"code": code, "superseded_by": by} for code, by in req.dropped],
        "ceus": ceus_json(catalog, None, req, today),
        "ceus_per_cycle": req.ceus,
        "cycle_years": item.cycle.value if item.cycle else None,
        "cycle": _claim(catalog, item.cycle, today),
        "rule": req.basis,
        "rule_sources": list(req.sources),
        "subject_ceus": [
            {"code": s.code, "subject": s.subject, "ceus": s.ceus, "source": s.source} for s in req.subject
        ],
        "issuer_share": fact_json(catalog, rules.issuer_share, today),
        "issuer_share_ceus": item.issuer_share_ceus,
        "dates": {
            "rule": item.date_rule,
            "anchor": None if anchor is None else {
                "code": anchor.code,
                "kind": item.anchor_kind,
                "date": item.anchor_date.isoformat() if item.anchor_date else None,
            },
            "given": [
                {
                    "code": h.code,
                    "earned": h.earned.isoformat() if h.earned else None,
                    "cycle_end": h.cycle_end.isoformat() if h.cycle_end else None,
                }
                for h in item.held
            ],
            "next_due": item.next_due.isoformat() if item.next_due else None,
            "previous_due": item.previous_due.isoformat() if item.previous_due else None,
            "first_cycle": item.first_cycle,
            "dues_due": [d.isoformat() for d in item.dues_dates],
        },
        "membership_required_to_keep": fact_json(catalog, org.membership.required_to_keep, today),
        "dues_per_year": money_json(catalog, item.dues, today),
        "recertification_fees": [_recert_json(catalog, fee, today) for fee in item.recert_fees],
        "cost_to_keep": [
            {
                "audience": str(c.audience),
                "years": c.years,
                "total": _keep_total(c),
                "dues_per_year": c.dues.value if c.dues is not None else None,
                "recertification": c.fee.total if c.fee is not None else None,
                "text": cost_text(c),
            }
            for c in item.keep_costs
        ],
        "fees": [fee_json(catalog, f, today) for f in rules.fees],
        "grace_days": fact_json(catalog, rules.grace_days, today),
        "lapse": fact_json(catalog, rules.lapse, today),
        "reinstatement": fact_json(catalog, rules.reinstatement, today),
        "rules": [claim_json(catalog, c, today) for c in rules.rules],
        "notes": list(item.notes),
    }


def renewal_json(catalog: Catalog, plan: RenewalPlan) -> dict[str, Any]:
    today = plan.today
    doc: dict[str, Any] = {
        "today": today.isoformat(),
        "member": plan.member,
        "codes": [code for item in plan.issuers for code in item.codes],
        "deadlines": [
            {
                "date": d.when.isoformat(),
                "issuer": d.issuer,
                "codes": list(d.codes),
                "kind": d.kind,
                "ceus": d.ceus,
                "summary": deadline_summary(d),
            }
            for d in plan.deadlines
        ],
        "undated": list(plan.undated),
        "issuers": [_issuer_json(catalog, item, today) for item in plan.issuers],
        "date_rule": DATE_NOTE,
    }
    ids = cited(doc) | {s for item in plan.issuers for s in item.requirement.sources}
    doc["sources"] = sources_json(catalog, ids)
    return doc
