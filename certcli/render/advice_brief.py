"""The plan's first screen and its steps in brief (``certcli advise``): the summary that fits 24
lines at 80 columns (the path with its dates, the totals, next steps, the one caution), each step
in a few bullets, the timeline and the cost by year drawn in characters, the notes and the pay
line. Parts only: render/advice.py lays them out for the terminal and for Markdown."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text

from certcli.catalog import Catalog
from certcli.engine.advice import Plan, Step
from certcli.render import NOT_PUBLISHED, Footnotes
from certcli.render.advice_page import Part, title
from certcli.render.charts import cost_chart, timeline_chart
from certcli.words import every, join_and, money, plural, years

NOT_REQUIRED = "Certification is not legally required for coding or billing work; employers prefer it."


def _whole(value: float) -> int | float:
    return int(value) if value == int(value) else value


# --------------------------------------------------------------------------- the first screen


def _day(plan: Plan, value: date | None, estimate: bool) -> str:
    if value is None:
        return "not dated"
    return ("~" if estimate else "") + value.isoformat()


def _step_dates_words(plan: Plan, i: int) -> str:
    """'study 2026-12-01 to ~2027-01-26, exam ~2027-01-26, CPC-A removed ~2028-01-26'."""
    sch = plan.schedule
    if sch is None or i >= len(sch.steps):
        return ""
    d = sch.steps[i]
    bits: list[str] = []
    if d.study_from is not None and d.study_to is not None:
        bits.append(f"study {_day(plan, d.study_from, d.from_estimate)} to {_day(plan, d.study_to, d.estimate)}")
    elif d.study is not None and d.study.days == 0 and d.kind == "exam":
        bits.append("no study needed")
    if d.exam is not None:
        bits.append(f"exam {_day(plan, d.exam, d.estimate)}")
    if d.exam_by is not None:
        bits.append(f"sit by {_day(plan, d.exam_by, d.estimate)}")
    if d.removal is not None:
        bits.append(f"{d.removal.designation} removed {_day(plan, d.removal.day, d.removal.estimate)}")
    return ", ".join(bits)


def _totals_text(plan: Plan) -> Text:
    sp, cost = plan.spending, plan.cost
    horizon = years(plan.profile.years)
    if sp is None or cost is None:
        return Text(f"Total over {horizon}: {NOT_PUBLISHED} (nothing to price).", style="dim")
    text = Text(f"Total over {horizon}: ", style="bold")
    if sp.new_spending == sp.all_in:
        text.append(f"{money(sp.all_in)} (new spending and all in)", style="bold")
    else:
        text.append(f"{money(sp.new_spending)} new spending, {money(sp.all_in)} all in", style="bold")
        text.append(f" (with the {join_and(list(sp.already_paid))} dues you already pay)")
    unknown = _unknown_parts(plan)
    if unknown:
        price = "price" if len(unknown) == 1 else "prices"
        text.append(f", plus {join_and(unknown)} ({price} not published)", style="yellow")
    elif cost.incomplete:
        text.append(", plus what is not published", style="yellow")
    return text.append(".")


_FEE_WORDS = {"exam": "exam fee", "renewal": "recertification fee", "retake": "retake fee",
              "extension": "extension fee", "dues": "dues"}


def _unknown_parts(plan: Plan) -> list[str]:
    """Every amount left out of the total because it is not published: 'the CPPM exam fee', 'code books'."""
    out: list[str] = []
    for item in plan.cost.items if plan.cost is not None else ():
        if item.amount is None:
            who = item.code if item.kind in ("exam", "retake", "extension") and item.code else item.organization
            out.append(f"the {who} {_FEE_WORDS.get(item.kind, 'fee')}" if who else item.what)
    for line in plan.prep:
        if line.required and line.item.amount is None:
            out.append("code books" if line.item.kind == "books" else f"the {line.item.code} training")
    return list(dict.fromkeys(out))


def summary_part(plan: Plan) -> Part:
    head = Part(title(plan), level=1)
    p = plan.profile
    sch = plan.schedule
    meta = [f"start {p.start.isoformat() if p.start else 'today'}",
            f"{plural(p.study_hours_per_week, 'study hour')} a week", f"planning {years(p.years)}"]
    if sch is not None and any(m.estimate for m in sch.milestones):
        meta.append("~ an estimate")
    head.lines.append(Text(" · ".join(meta), style="dim"))
    if plan.goal_reason:
        head.lines.append(Text(plan.goal_reason))
    if plan.budget_note:
        head.lines.append(Text(plan.budget_note, style="yellow"))
    if not plan.steps:
        head.lines.append(Text("Nothing new to recommend for these answers; see the notes below.", style="yellow"))
        return head
    path = " → ".join(s.credential.code for s in plan.steps)
    head.lines.append(Text("Path: ", style="bold").append(path, style="bold cyan"))
    for i, step in enumerate(plan.steps):
        org = step.credential.issuer
        label = f"Remove the A ({step.credential.code})" if step.kind == "apprentice_removal" \
            else f"{step.credential.code} ({org})"
        head.bullets.append(Text(f"{label}: {_step_dates_words(plan, i)}"))
    head.footer.append(_totals_text(plan))
    if sch is not None and sch.next_steps:
        head.footer.append(Text("Next steps", style="bold"))
        head.checklist = [Text(item) for item in sch.next_steps]
    if sch is not None and sch.caution:
        head.after.append(Text("Caution: ", style="bold yellow").append(sch.caution, style=""))
    return head


# --------------------------------------------------------------------------- each step in brief


def brief_step(catalog: Catalog, plan: Plan, i: int, step: Step, notes: Footnotes) -> Part:
    cred = step.credential
    org = catalog.issuer(cred)
    title = f"{i + 1}. {cred.code} — {cred.name} ({org.code}) — {step.when}"
    if step.kind == "apprentice_removal" and step.eligibility.apprentice_status is not None:
        title = f"{i + 1}. Remove the A: {step.eligibility.apprentice_status.designation} → {cred.code} — {step.when}"
    part = Part(title, level=2)
    if step.why:
        part.bullets.append(Text("Why: ", style="bold").append(step.why[0], style=""))
    lines = step.eligibility.lines
    if lines:
        text = Text("Eligibility: ", style="bold").append(lines[0], style="")
        if step.eligibility.sources:
            text.append(" ").append(notes.cite(step.eligibility.sources))
        part.bullets.append(text)
    dates = _step_dates_words(plan, i)
    sch = plan.schedule
    d = sch.steps[i] if sch is not None and i < len(sch.steps) else None
    if d is not None and d.study is not None and (d.study.days or d.kind == "exam"):
        text = Text("Study: ", style="bold").append(f"{d.study.what}: {d.study.text}", style="")
        if d.study.sources:
            text.append(" ").append(notes.cite(d.study.sources))
        part.bullets.append(text)
    if d is not None and d.removal is not None:
        text = Text(f"{d.removal.designation} removed: ", style="bold")
        text.append(f"{_day(plan, d.removal.day, d.removal.estimate)}, by {d.removal.route[:1].lower()}"
                    f"{d.removal.route[1:]}", style="")
        if d.removal.faster:
            text.append(f"; or {d.removal.faster}")
        part.bullets.append(text)
    elif dates and step.kind == "exam" and d is not None and d.exam_by is not None:
        part.bullets.append(Text("Window: ", style="bold").append(
            f"apply when ready: the exam must be taken within {d.window_days} days of approval "
            f"(by {_day(plan, d.exam_by, d.estimate)} if you apply on {_day(plan, d.exam, d.estimate)}); "
            "extensions cost extra", style="").append(" ").append(
            notes.cite([c.source for c in (d.window, d.extension) if c is not None])))
    q = step.quote
    if q is not None:
        text = Text("First year: ", style="bold")
        bits = []
        if q.exam is not None:
            who = "member" if q.member else "non-member"
            bits.append(f"exam {money(q.exam.amount) if q.exam.amount is not None else NOT_PUBLISHED} "
                        f"({who}, {plural(q.attempts, 'attempt')})")
        paid = plan.spending is not None and org.code in plan.spending.already_paid
        if q.dues is not None and not paid:
            bits.append(f"{org.code} dues {money(q.dues.amount) if q.dues.amount is not None else NOT_PUBLISHED}"
                        " a year" + (f" ({q.dues.unverified})" if q.dues.unverified else ""))
        text.append(" + ".join(bits) or NOT_PUBLISHED, style="")
        if q.total is not None and len(bits) > 1:
            text.append(f" = {money(q.total)}")
        if paid and q.dues is not None:
            text.append(f"; no new dues (the {org.code} dues you already pay)")
        cites = [x.source for x in (q.exam, None if paid else q.dues) if x is not None and x.source]
        if cites:
            text.append(" ").append(notes.cite(cites))
        part.bullets.append(text)
    for kind, label in (("books", "Code books"), ("training", "Training")):
        lines_of = [line for line in plan.prep if line.item.code == cred.code and line.item.kind == kind]
        for required in (True, False):
            group = [line for line in lines_of if line.required is required]
            if not group:
                continue
            names = join_and([line.name.split(" (", 1)[0] for line in group])
            known = [line.item.amount for line in group if line.item.amount is not None]
            price = money(sum(known)) if len(known) == len(group) else "price not published"
            how = "required" if required else "optional"
            text = Text(f"{label} ({how}): ", style="bold").append(f"{names} — {price}", style="")
            extra = {line.item.note.split("; ", 1)[-1] for line in group
                     if line.item.note and line.item.note != "price not published"}
            if extra:
                text.append(f"; {'; '.join(sorted(extra))}")
            cites = [line.needed_source for line in group]
            if kind == "books" and d is not None and d.book_year is not None:
                text.append(f"; {d.book_year} books for this exam date")
                if d.previous_year_books:
                    text.append(f" ({d.book_year - 1}'s also allowed)")
                if d.book_rule is not None:
                    cites.append(d.book_rule.source)
            text.append(" ").append(notes.cite(cites))
            part.bullets.append(text)
    retake = next((r for r in plan.retakes if r.code == cred.code), None)
    if retake is not None:
        text = Text("If you need a retake: ", style="bold").append(retake.text, style="")
        if retake.sources:
            text.append(" ").append(notes.cite(retake.sources))
        part.bullets.append(text)
    alone = step.renewal_alone
    keep = catalog.pick(org.membership.required_to_keep)
    if alone.ceus is not None:
        text = Text("Keeping it: ", style="bold").append(f"{alone.ceus} CEUs {every(alone.cycle_years)}", style="")
        if keep is not None and keep.value:
            text.append(f", and {org.code} membership every year")
        text.append(" ").append(notes.cite(alone.sources))
        part.bullets.append(text)
    return part


def timeline_part(plan: Plan) -> Part | None:
    sch = plan.schedule
    if sch is None or not sch.milestones:
        return None
    part = Part("Timeline", level=2)
    part.block = timeline_chart(sch.milestones, sch.start, sch.end)
    dues: dict[str, list[Any]] = {}
    for m in sch.milestones:
        if m.kind == "dues_due":
            dues.setdefault(m.code, []).append(m)
            if len(dues[m.code]) > 1:
                continue
        until = f" to {_day(plan, m.until, m.estimate)}" if m.until is not None else ""
        starts = {d.study_from: d.from_estimate for d in sch.steps if d.study_from is not None}
        day = _day(plan, m.day, starts.get(m.day, m.estimate) if m.kind == "study" else m.estimate)
        text = m.text
        if m.kind == "dues_due":
            later = [x for x in sch.milestones if x.kind == "dues_due" and x.code == m.code][1:]
            if later:
                text += f", then every year ({plural(len(later), 'more time')} in the plan)"
        part.bullets.append(Text(f"{day}{until}  {text}"))
    part.after.extend(Text(n) for n in sch.notes)
    return part


def cost_chart_part(plan: Plan, detail: bool) -> Part | None:
    cost, sch = plan.cost, plan.schedule
    if cost is None or sch is None:
        return None
    part = Part(f"Cost by year (over {years(plan.profile.years)})", level=2)
    if detail:
        part.after.extend(Text(s) for s in cost.strategy)
    by_year = cost.by_year()
    unknown = {i.year for i in cost.items if i.amount is None}
    for line in plan.prep:
        if not line.required:
            continue
        if line.item.amount is None:
            unknown.add(line.item.year)
        else:
            by_year[line.item.year] = by_year.get(line.item.year, 0) + line.item.amount
    part.block = cost_chart(by_year, unknown, sch.start)
    if cost.incomplete and cost.unknown:
        part.after.append(Text(f"{NOT_PUBLISHED.capitalize()}: " + "; ".join(cost.unknown)))
    return part


def pay_line(catalog: Catalog, plan: Plan, notes: Footnotes) -> Text | None:
    """One line: the current pay figure for the person's first credential, with its source."""
    for step in plan.steps:
        claim = catalog.pick(step.credential.salary)
        if claim is not None:
            value, as_of = notes.claim(claim, money)
            label = claim.label or f"{step.credential.code} average"
            said = f" — {label} " if "(" in label else f" ({label}) "  # no brackets inside brackets
            return Text("Pay: ", style="bold").append(f"{money(claim.value)} a year{said}").append_text(as_of)
    if plan.pay:
        row = plan.pay[-1]
        value, as_of = notes.claim(row.claim, money)
        first = plan.steps[0].credential.code if plan.steps else "your credential"
        return Text("Pay: ", style="bold").append(
            f"{money(row.claim.value)} a year on average, {row.label.lower()} ({first} pay not published) "
        ).append_text(as_of)
    return None


def notes_part(plan: Plan) -> Part:
    caution = plan.schedule.caution if plan.schedule is not None else None
    honest: list[Text] = []
    for n in plan.notes:
        if caution and n.startswith("A new ") and caution.startswith("A new "):
            continue  # the caution says it, with the date
        if caution and "employers prefer experience" in caution and n.startswith("Employers prefer experience"):
            continue
        if caution and n == caution:
            continue
        honest.append(Text(n))
    if not any("legally required" in n for n in plan.notes) and not (caution and "legally required" in caution):
        honest.append(Text(NOT_REQUIRED))
    return Part("Notes", level=2, bullets=honest)


def exam_rules_part(plan: Plan, i: int, notes: Footnotes) -> Part | None:
    """--detail: the rules behind the step's exam dates and books, word for word from the data."""
    sch = plan.schedule
    if sch is None or i >= len(sch.steps):
        return None
    d = sch.steps[i]
    part = Part("Before the exam")
    if d.window is not None:
        part.rows.append(("Eligibility window", *notes.claim(d.window, lambda v: f"{v} days from approval")))
    if d.extension is not None:
        part.rows.append(("Extensions", *notes.claim(d.extension)))
    if d.book_rule is not None:
        part.rows.append(("Code books", *notes.claim(d.book_rule)))
    return part if part.rows else None


__all__ = ["NOT_REQUIRED", "brief_step", "exam_rules_part", "cost_chart_part", "notes_part", "pay_line", "summary_part",
           "timeline_part"]
