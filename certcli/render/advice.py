"""The plan from ``certcli advise``: as rich renderables and as Markdown (its JSON: render.advice_json).

The terminal view and the Markdown file are built from the same list of :class:`Part` (a
heading, paragraphs, bullets, fact rows, a table, a checklist, a drawing), so they say the same
things with the same footnote numbers. Every figure carries its as-of year and a source number;
unknown figures say "not published".

The page opens with a summary that fits one screen (24 lines at 80 columns): the path with its
dates, the totals, this week's checklist and the one caution; then each step in brief, the
timeline, the cost by year, the notes, the pay line and the sources (numbered by URL, each URL
once and whole). ``detail`` adds the full cards: exam facts, eligibility, costs, renewal tables,
the cost table and the pay table. Terms are glossed the first time they appear (CEU, PCAP…).

By noun: render/advice_page.py (Part, the sources by URL, the glosses), render/advice_brief.py
(the first screen, the steps in brief, the timeline and the cost by year), this module (the full
cards, the order of the parts, the terminal and the Markdown).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from certcli.catalog import Catalog
from certcli.engine.advice import Plan, Step
from certcli.model import FeeKind
from certcli.render import (
    NOT_PUBLISHED,
    Footnotes,
    Hanging,
    bullets,
    minutes,
    plain,
    section,
)
from certcli.render import advice_brief as brief
from certcli.render.advice_page import Part, PlanNotes, gloss, profile_summary
from certcli.render.fees import as_of_cell
from certcli.render.table import Table, borderless, fact_table
from certcli.words import every, human, money, plural, years


def _as_of(notes: Footnotes, item: Any) -> Text:
    return as_of_cell(notes, item) if item is not None else Text("")


def _item_value(item: Any, per_year: bool = False, detail: bool = True) -> Text:
    """``$425`` and, with ``detail``, the note on which value was used (or ``*`` when sources disagree)."""
    if item is None or item.amount is None:
        return Text(NOT_PUBLISHED, style="dim")
    text = Text(money(item.amount) + ("/yr" if per_year else ""))
    if item.unverified:  # a seed or weak figure says so wherever it is used
        text.append(f" ({item.unverified})", style="magenta")
    if detail and item.note:
        text.append(f"\n{item.note}", style="dim")
    elif item.disputed:
        text.append("*", style="magenta")
    return text


def _step_parts(catalog: Catalog, plan: Plan, number: int, step: Step, notes: Footnotes) -> list[Part]:
    cred = step.credential
    org = catalog.issuer(cred)
    title = f"{number}. {cred.code} — {cred.name} ({org.code}) — {step.when}"
    if step.kind == "apprentice_removal" and step.eligibility.apprentice_status is not None:
        title = f"{number}. Remove the A: {step.eligibility.apprentice_status.designation} → {cred.code} — {step.when}"
    parts = [Part(title, level=2)]
    if cred.summary:
        parts[0].lines.append(Text(cred.summary, style="dim"))

    parts.append(Part("Why", bullets=[Text(w) for w in step.why]))

    elig = Part("Eligibility now")
    lines = [Text(line) for line in step.eligibility.lines]
    if lines and step.eligibility.sources:
        lines[-1].append(" ").append(notes.cite(step.eligibility.sources))
    elig.bullets = lines or [Text(NOT_PUBLISHED, style="dim")]
    parts.append(elig)

    exam = Part("Exam facts")
    for label, fact, fmt in (
        ("Questions", cred.exam.questions, plain),
        ("Time", cred.exam.minutes, minutes),
        ("Book", cred.exam.book, plain),
        ("Passing score", cred.exam.passing, plain),
        ("Delivery", cred.exam.delivery, plain),
    ):
        exam.rows.append((label, *notes.fact(fact, fmt)))
    parts.append(exam)

    parts.append(_cost_part(catalog, step, notes))
    parts.append(_renewal_part(catalog, step, notes))
    return parts


def _cost_part(catalog: Catalog, step: Step, notes: Footnotes) -> Part:
    cred = step.credential
    org = catalog.issuer(cred)
    part = Part("Costs, first year")
    q = step.quote
    if step.kind == "apprentice_removal":
        part.rows.append(("Exam", Text("none: you passed it; the A is removed on proof"), Text("")))
    elif q is None:
        part.rows.append(("Exam", Text(NOT_PUBLISHED, style="dim"), Text("")))
    else:
        attempts = f", {plural(q.attempts, 'attempt')}"
        who = "member" if q.member else "non-member"
        part.rows.append((f"Exam ({who}{attempts})", _item_value(q.exam), _as_of(notes, q.exam)))
        if q.dues is not None:
            part.rows.append((f"{org.code} dues", _item_value(q.dues, per_year=True), _as_of(notes, q.dues)))
        elif q.membership_required:
            part.rows.append((f"{org.code} dues", Text(NOT_PUBLISHED, style="dim"), Text("")))
        total = Text(money(q.total), style="bold") if q.total is not None else Text(
            f"{NOT_PUBLISHED} (a figure above is unknown)", style="dim")
        part.rows.append(("First-year total", total, Text("")))
        part.after.extend(Text(n) for n in q.notes)
    part.after.append(Text(f"Check {cred.url or org.url} for the final price before you pay."))
    return part


def _renewal_part(catalog: Catalog, step: Step, notes: Footnotes) -> Part:
    cred = step.credential
    org = catalog.issuer(cred)
    part = Part("Renewal")
    alone = step.renewal_alone
    if alone.ceus is not None:
        part.rows.append(("CEUs alone", Text(f"{alone.ceus} {every(alone.cycle_years)}"),
                          notes.cite(alone.sources)))
    else:
        part.rows.append(("CEUs alone", *notes.fact(cred.renewal.ceus, lambda v: f"{v} {every(alone.cycle_years)}")))
    stacked = step.renewal_stacked
    if stacked is not None and len(stacked.credentials) > 1:
        codes = ", ".join(c.code for c in stacked.credentials)
        value = Text(f"{stacked.ceus} {every(stacked.cycle_years)}" if stacked.ceus is not None else NOT_PUBLISHED)
        value.append(f" for {codes}", style="")
        if stacked.basis:
            value.append(f"\n({stacked.basis})", style="dim")
        part.rows.append((f"With all your {org.code} credentials", value,
                          notes.cite(stacked.sources)))
    subject = catalog.pick(cred.renewal.subject_ceus)
    if subject is not None:
        part.rows.append((f"Of which {cred.renewal.subject or 'subject'}",
                          *notes.fact(cred.renewal.subject_ceus, lambda v: f"{v} CEUs")))
    keep = catalog.pick(org.membership.required_to_keep)
    if keep is not None and keep.value:
        dues = catalog.pick(org.individual_dues)
        if dues is not None:
            label = catalog.unverified(dues)
            part.rows.append(("Membership", Text(f"required every year: {money(dues.value)}/yr"
                                                 + (f" ({label})" if label else "")), notes.as_of(dues)))
        else:
            part.rows.append(("Membership", Text(f"required every year: dues {NOT_PUBLISHED}"), Text("")))
    for fee in org.renewal.fees:
        if fee.kind not in (FeeKind.RENEWAL, FeeKind.RENEWAL_ADDITIONAL):
            continue
        label = "Renewal fee" if fee.kind is FeeKind.RENEWAL else "Each extra credential"
        if str(fee.audience) != "any":
            label += f", {human(fee.audience)}"
        value, as_of = notes.fact(fee.amount, money)
        if fee.note:
            value.append(f" ({fee.note})", style="dim")
        part.rows.append((label, value, as_of))
    return part


def _keeping_part(plan: Plan, notes: Footnotes) -> Part:
    """CEUs for everything held and planned, per issuer (each issuer stacks its own way)."""
    part = Part("Keeping them all", level=2)
    for req in plan.renewal:
        codes = ", ".join(c.code for c in req.credentials)
        value = Text(f"{req.ceus} CEUs {every(req.cycle_years)}" if req.ceus is not None
                     else f"CEUs {NOT_PUBLISHED}")
        value.append(f" for {codes}")
        for code, by in req.dropped:
            value.append(f"\n{code} is covered by {by}", style="dim")
        if req.basis:
            value.append(f"\n{req.basis}", style="dim")
        part.rows.append((req.organization.code, value, notes.cite(req.sources)))
    part.after.append(
        Text("Each issuer counts its own CEUs under its own rules; whether one course counts for both is up to them.")
    )
    return part


def _cost_parts(plan: Plan, notes: Footnotes) -> list[Part]:
    horizon = plan.profile.years
    part = Part(f"Total over {years(horizon)}", level=2)
    cost = plan.cost
    if cost is None:
        part.lines.append(Text(f"The total is {NOT_PUBLISHED}: certcli could not price this path.", style="dim"))
        return [part]
    rows: list[list[Text]] = []
    for item in cost.items:
        what = f"{item.what} ({item.unverified})" if item.unverified else item.what  # a seed or weak figure says so
        rows.append([Text(str(item.year)), Text(what), _item_value(item, detail=False), _as_of(notes, item)])
    part.table = (["Year", "What", "Amount", "As of"], rows)
    by_year = cost.by_year()
    if by_year:
        part.footer.append(Text("By year: " + " · ".join(f"year {y} {money(v)}" for y, v in sorted(by_year.items()))))
    total = Text("Total: ", style="bold").append(money(cost.total), style="bold")
    if cost.incomplete:
        total.append(" plus what is not published", style="yellow")
    part.footer.append(total)
    sp = plan.spending
    if sp is not None and sp.already_paid and sp.new_spending != sp.all_in:
        part.footer.append(Text(
            f"New spending: {money(sp.new_spending)}{'' if sp.complete else ' plus what is not published'} — the "
            f"{', '.join(sp.already_paid)} dues above you already pay "
            f"to keep what you hold, so all in (keeping everything) is {money(sp.all_in)}."
        ))
    if cost.incomplete and cost.unknown:
        part.footer.append(Text(f"Incomplete — {NOT_PUBLISHED}: " + "; ".join(cost.unknown), style="yellow"))
    if any(item.disputed and item.amount is not None for item in cost.items):
        part.after.append(Text("Amounts marked * are disputed between sources; the costs above say which is used."))
    part.after.extend(Text(s) for s in cost.strategy)
    part.after.extend(Text(_break_even_text(b)) for b in cost.break_even)
    return [part]


def _break_even_text(item: Any) -> str:
    for name in ("explanation", "text"):
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return str(item)


def _salary_rows(plan: Plan, notes: Footnotes) -> list[tuple[str, Text, Text]]:
    """Pay by number of credentials and certified vs not (AAPC surveys; seed-only figures left out)."""
    return [(row.label, *notes.claim(row.claim, money)) for row in plan.pay]


def plan_parts(plan: Plan, catalog: Catalog, notes: Footnotes, detail: bool = False) -> list[Part]:
    parts = [brief.summary_part(plan)]
    for i, step in enumerate(plan.steps):
        parts.append(brief.brief_step(catalog, plan, i, step, notes))
        if detail:
            cards = _step_parts(catalog, plan, i + 1, step, notes)[1:]
            rules = brief.exam_rules_part(plan, i, notes)
            parts.extend([*cards[:2], *([rules] if rules is not None else []), *cards[2:]])
    for extra in (brief.timeline_part(plan), brief.cost_chart_part(plan, detail)):
        if extra is not None:
            parts.append(extra)
    if detail and plan.steps:
        parts.extend(_cost_parts(plan, notes))
    if plan.renewal and len(plan.profile.held) + len(plan.steps) > 1:
        parts.append(_keeping_part(plan, notes))
    if plan.alternatives:
        parts.append(Part("Alternatives considered", level=2, bullets=[
            Text(a.credential.code, style="bold").append(f" — {a.reason}", style="") for a in plan.alternatives
        ]))
    note_part = brief.notes_part(plan)
    pay = brief.pay_line(catalog, plan, notes)
    if pay is not None:
        note_part.footer.append(pay)
    parts.append(note_part)
    if detail:
        salary = _salary_rows(plan, notes)
        if salary:
            table = Part("Pay (AAPC salary surveys, average a year)", rows=salary)
            table.after.append(Text("More credentials tend to pay more, and also mean more CEUs and dues."))
            parts.append(table)
    tail = [Text(n) for n in notes.notes()]
    as_of = catalog.data_as_of()
    tail.append(Text(f"Data as of {as_of}. Each figure shows the year it is as of and its source number."
                     if as_of else "Each figure shows the year it is as of and its source number."))
    parts.append(Part("Sources", level=2, after=tail, sources=True))
    gloss(parts)
    if detail:  # the answers as the engine words them, after the glosses: a line of data, said as given
        parts[0].lines.insert(0, Text(profile_summary(plan), style="dim"))
    return parts


# --------------------------------------------------------------------------- terminal


def plan_view(plan: Plan, catalog: Catalog, today: date, detail: bool = False) -> RenderableType:
    notes = PlanNotes(catalog, today)
    parts = plan_parts(plan, catalog, notes, detail)
    out: list[RenderableType] = []
    for part in parts:
        body: list[RenderableType] = list(part.lines)
        if part.block:
            body.extend(Text(line, no_wrap=True, overflow="ellipsis") for line in part.block)
        if part.bullets:
            body.append(bullets(part.bullets))
        if part.rows:
            table = fact_table()
            for label, value, as_of in part.rows:
                table.add_row(label, value, as_of)
            body.append(table)
        if part.table is not None:
            body.append(_cost_table(*part.table))
        body.extend(part.footer)
        if part.checklist:
            body.append(Hanging([("[ ]", t) for t in part.checklist], mark_width=3, lead=1))
        if part.after:
            body.append(bullets(part.after, style="dim") if part.level != 1 else Group(*part.after))
        if part.sources:
            body.append(notes.table(title=""))
        if part.level == 1:
            out.append(Group(Text(part.title, style="bold"), *body))
        elif part.level == 2:
            out.append(Group(Text(""), Text(part.title, style="bold cyan"), *body))
        else:
            out.append(section(part.title, *body))
    return Group(*out)


def _cost_table(header: list[str], rows: list[list[Text]]) -> Table:
    table = borderless(header_style="bold", pad_edge=False)
    table.add_column(header[0], justify="right", no_wrap=True)
    table.add_column(header[1], ratio=1, overflow="fold")
    table.add_column(header[2], justify="right", no_wrap=True)
    table.add_column(header[3], justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


# --------------------------------------------------------------------------- Markdown


def _md(text: Text | str) -> str:
    """One line of Markdown: continuation lines joined with a dash; table pipes, stars, underscores,
    square brackets after a bang and angle brackets escaped (no stray autolink or HTML)."""
    plain_text = text.plain if isinstance(text, Text) else text
    lines = [line.strip() for line in plain_text.strip().splitlines() if line.strip()]
    joined = " — ".join(lines)
    for char in ("\\", "|", "*", "_", "<", ">", "`"):
        joined = joined.replace(char, "\\" + char)
    return joined


def _md_url(url: str) -> str:
    """An autolink where the text is one (no spaces, no angle brackets), else the text as it is."""
    head, _, rest = url.partition(" ")
    if re.fullmatch(r"https?://[^\s<>]+", head):
        return f"<{head}>" + (f" {_md(rest)}" if rest else "")
    return _md(url)


def plan_markdown(plan: Plan, catalog: Catalog, today: date, detail: bool = False) -> str:
    notes = PlanNotes(catalog, today)
    parts = plan_parts(plan, catalog, notes, detail)
    out: list[str] = []
    for part in parts:
        out.append("#" * part.level + " " + part.title)
        out.append("")
        for line in part.lines:
            out.append(_md(line))
            out.append("")
        if part.block:
            out.append("```text")
            out.extend(part.block)
            out.append("```")
            out.append("")
        if part.bullets:
            out.extend(f"- {_md(b)}" for b in part.bullets)
            out.append("")
        if part.rows:
            for label, value, as_of in part.rows:
                when = _md(as_of)
                cite = "" if not when else f" (as of {when})" if when[:1].isdigit() else f" ({when})"
                out.append(f"- **{label}**: {_md(value)}{cite}")
            out.append("")
        if part.table is not None:
            header, rows = part.table
            out.append("| " + " | ".join(header) + " |")
            out.append("|---:|---|---:|---:|")
            for row in rows:
                out.append("| " + " | ".join(_md(cell) for cell in row) + " |")
            out.append("")
        for line in part.footer:
            out.append(_md(line))
            out.append("")
        if part.checklist:
            out.extend(f"- [ ] {_md(c)}" for c in part.checklist)
            out.append("")
        if part.after:
            out.extend(f"- {_md(a)}" for a in part.after)
            out.append("")
        if part.sources:
            for number, url, titles in notes.entries():
                out.append(f"{number}. {_md('; '.join(titles))}: {_md_url(url)}")
            out.append("")
    out.append(f"_Made by certcli on {today.isoformat()}. "
               "Check each issuer's page for the final price before you pay._")
    return "\n".join(out).rstrip() + "\n"


__all__ = ["Part", "PlanNotes", "gloss", "plan_markdown", "plan_parts", "plan_view", "profile_summary"]
