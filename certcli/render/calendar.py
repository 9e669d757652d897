"""Renewal due dates as calendar events (the .ics writer is certcli.ics)."""

from __future__ import annotations

from collections.abc import Iterable

from certcli.catalog import Catalog
from certcli.engine.renewal import Deadline, IssuerRenewal, RenewalPlan
from certcli.engine.timeline import Milestone
from certcli.ics import Event, stable_uid
from certcli.model import FeeKind
from certcli.render.renewal import as_of, ceus_text, deadline_summary, fact_text, num, recert_text
from certcli.words import money


def _description(catalog: Catalog, item: IssuerRenewal, deadline: Deadline) -> str:
    org = item.organization
    rules = org.renewal
    req = item.requirement
    lines: list[str] = []
    if deadline.kind == "dues":
        lines.append(f"Yearly {org.code} membership dues for {', '.join(deadline.codes)}; no CEUs are due this time.")
        if item.next_due is not None:
            lines.append(f"Next CEU due date: {item.next_due.isoformat()} ({ceus_text(item)}).")
    else:
        lines.append(f"{', '.join(deadline.codes)}: {ceus_text(item)}.")
        if req.ceus is not None and req.basis:
            lines.append(f"Rule: {req.basis}.")
        if req.subject:
            lines.append("Of which: " + "; ".join(f"{s.code} {s.ceus} {s.subject}" for s in req.subject) + ".")
        share = catalog.pick(rules.issuer_share)
        if share is not None:
            extra = (
                f" = at least {num(item.issuer_share_ceus)} CEUs" if item.issuer_share_ceus is not None else ""
            )
            lines.append(f"From {org.code}: {share.value}{extra}.")
    keep = item.membership_required
    if keep is not None and keep.value:
        lines.append("Membership dues: " + fact_text(catalog, item.dues, lambda v: f"{money(v)} a year") + ".")
    if deadline.kind == "ceus":
        for recert in item.recert_fees:
            text = recert_text(catalog, recert) + as_of(catalog, recert.first_claim)
            lines.append(f"Recertification fee: {text}.")
    if rules.grace_days:
        lines.append("Grace period: " + fact_text(catalog, rules.grace_days, lambda v: f"{v} days") + ".")
    for fee in rules.fees:
        if fee.kind is FeeKind.LATE:
            lines.append("Late fee: " + fact_text(catalog, fee.amount, money) + ".")
    lines.append(item.date_rule)
    lines.append(f"Check {org.url} before you pay. From certcli's sourced data; 'certcli renew' shows the sources.")
    return "\n".join(lines)


def calendar_events(catalog: Catalog, plan: RenewalPlan) -> list[Event]:
    """One all-day event per due date, with reminders 90 and 30 days before."""
    by_issuer = {item.code: item for item in plan.issuers}
    events = []
    for d in plan.deadlines:
        item = by_issuer[d.issuer]
        url = item.organization.url if item.organization.url.startswith("http") else None
        events.append(
            Event(
                uid=stable_uid(d.issuer, d.kind, ",".join(d.codes), d.when.isoformat()),
                day=d.when,
                summary=deadline_summary(d),
                description=_description(catalog, item, d),
                url=url,
            )
        )
    return events


MILESTONE_TITLES = {"study": "Study starts", "exam": "Exam", "exam_deadline": "Last day to sit",
                    "apprentice_removed": "Apprentice removed", "dues_due": "Dues", "renewal_due": "CEUs due"}


def milestone_events(milestones: Iterable[Milestone]) -> list[Event]:
    """A plan's dates (``certcli advise --ics``): one all-day event per milestone; exams, deadlines and
    due dates with reminders 30 and 7 days before, the rest without."""
    events = []
    for m in milestones:
        estimate = " (estimate: rests on your study pace)" if m.estimate else ""
        until = f" Until {m.until.isoformat()}." if m.until is not None else ""
        events.append(Event(
            uid=stable_uid("advise", m.kind, m.code, m.day.isoformat()),
            day=m.day,
            summary=f"{MILESTONE_TITLES.get(m.kind, m.kind)}: {m.code}",
            description=f"{m.text}.{until}{estimate} From certcli advise; check the issuer's page.",
            alarm_days=(30, 7) if m.kind in ("exam", "exam_deadline", "renewal_due", "dues_due") else (),
        ))
    return events
