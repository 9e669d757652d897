"""The plan from ``certcli advise``: as rich renderables and as Markdown (its JSON: render.advice_json).

The terminal view and the Markdown file are built from the same list of :class:`Part` (a
heading, paragraphs, bullets, fact rows, a table), so they say the same things with the same
footnote numbers. Every figure carries its as-of year and a source number; unknown figures
say "not published".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from certcli.catalog import Catalog
from certcli.engine.advice import Plan, Step
from certcli.model import FeeKind, Profile
from certcli.questions import QUESTION
from certcli.render import (
    NOT_PUBLISHED,
    Footnotes,
    bullets,
    minutes,
    plain,
    section,
    source_year,
)
from certcli.render.fees import as_of_cell
from certcli.render.table import Table, borderless, fact_table
from certcli.words import every, human, money, plural, years

GOAL_PHRASES: dict[str, str] = {c.value: c.words for c in QUESTION["goal"].choices}

EDUCATION_PHRASES: dict[str, str] = {c.value: c.words for c in QUESTION["education"].choices}

NOT_REQUIRED = "Certification is not legally required for coding or billing work; employers prefer it."


# --------------------------------------------------------------------------- the page, once


@dataclass
class Part:
    """One heading and what goes under it."""

    title: str
    level: int = 3  # 1 the plan, 2 a step or a major section, 3 a subsection
    lines: list[Text] = field(default_factory=list)
    bullets: list[Text] = field(default_factory=list)
    rows: list[tuple[str, Text, Text]] = field(default_factory=list)  # label, value, as of
    table: tuple[list[str], list[list[Text]]] | None = None  # header, rows
    footer: list[Text] = field(default_factory=list)  # lines after the rows and the table
    after: list[Text] = field(default_factory=list)  # dim bullets at the end
    sources: bool = False  # the numbered sources list goes here


def profile_summary(profile: Profile) -> str:
    held = ", ".join(profile.held) or "none"
    member = ", ".join(profile.member_of) or "none"
    status = [label for flag, label in ((profile.student, "student"), (profile.first_time_member, "first-time member"),
                                        (profile.age_65_plus, "65+")) if flag]
    education = EDUCATION_PHRASES.get(str(profile.education), "not given") if profile.education else "not given"
    bits = [
        f"education: {education}",
        f"experience: {years(profile.experience_years)}",
        f"training: {_whole(profile.training_hours)} hours",
        f"holds: {held}",
        f"member of: {member}",
    ]
    if status:
        bits.append("prices: " + ", ".join(status))
    if profile.specialty:
        bits.append(f"specialty: {profile.specialty}")
    bits.append("budget: " + (money(_whole(profile.budget_usd)) if profile.budget_usd is not None else "not given"))
    bits.append(f"planning {years(profile.years)}")
    return " · ".join(bits)


def _whole(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _title(plan: Plan) -> str:
    goal = GOAL_PHRASES.get(plan.resolved_goal, human(plan.resolved_goal))
    title = f"Your plan: {goal}"
    if plan.profile.setting != "any" and plan.resolved_goal in ("coding", "coding_and_billing", "documentation"):
        title += f" ({human(plan.profile.setting)})"
    return title


def _as_of(notes: Footnotes, item: Any) -> Text:
    return as_of_cell(notes, item) if item is not None else Text("")


def _item_value(item: Any, per_year: bool = False, detail: bool = True) -> Text:
    """``$425`` and, with ``detail``, the note on which value was used (or ``*`` when sources disagree)."""
    if item is None or item.amount is None:
        return Text(NOT_PUBLISHED, style="dim")
    text = Text(money(item.amount) + ("/yr" if per_year else ""))
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
            part.rows.append(("Membership", Text(f"required every year: {money(dues.value)}/yr"), notes.as_of(dues)))
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


def plan_parts(plan: Plan, catalog: Catalog, notes: Footnotes) -> list[Part]:
    head = Part(_title(plan), level=1)
    head.lines.append(Text(profile_summary(plan.profile), style="dim"))
    if plan.goal_reason:
        head.lines.append(Text(plan.goal_reason))
    if plan.budget_note:
        head.lines.append(Text(plan.budget_note, style="yellow"))
    if plan.steps:
        path = " → ".join(s.credential.code for s in plan.steps)
        head.lines.append(Text("Path: ", style="bold").append(path, style="bold cyan"))
    else:
        head.lines.append(Text("Nothing new to recommend for these answers; see the notes below.", style="yellow"))
    parts = [head]
    for i, step in enumerate(plan.steps, 1):
        parts.extend(_step_parts(catalog, plan, i, step, notes))
    if plan.steps:
        parts.extend(_cost_parts(plan, notes))
    if plan.renewal and len(plan.profile.held) + len(plan.steps) > 1:
        parts.append(_keeping_part(plan, notes))
    if plan.alternatives:
        parts.append(Part("Alternatives considered", level=2, bullets=[
            Text(a.credential.code, style="bold").append(f" — {a.reason}", style="") for a in plan.alternatives
        ]))
    honest = [Text(n) for n in plan.notes]
    if not any("legally required" in n for n in plan.notes):
        honest.append(Text(NOT_REQUIRED))
    parts.append(Part("Notes", level=2, bullets=honest))
    salary = _salary_rows(plan, notes)
    if salary:
        pay = Part("Pay (AAPC salary surveys, average a year)", rows=salary)
        if not any("More credentials" in n for n in plan.notes):
            pay.after.append(Text("More credentials tend to pay more, and also mean more CEUs and dues."))
        parts.append(pay)
    tail = [Text(n) for n in notes.notes()]
    as_of = catalog.data_as_of()
    tail.append(Text(f"Data as of {as_of}. Each figure shows the year it is as of and its source number."
                     if as_of else "Each figure shows the year it is as of and its source number."))
    parts.append(Part("Sources", level=2, after=tail, sources=True))
    return parts


# --------------------------------------------------------------------------- terminal


def plan_view(plan: Plan, catalog: Catalog, today: date) -> RenderableType:
    notes = Footnotes(catalog, today)
    parts = plan_parts(plan, catalog, notes)
    out: list[RenderableType] = []
    for part in parts:
        body: list[RenderableType] = list(part.lines)
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
        if part.after:
            body.append(bullets(part.after, style="dim"))
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
    """One line of Markdown: continuation lines joined with a dash, table pipes and stars escaped."""
    plain_text = text.plain if isinstance(text, Text) else text
    lines = [line.strip() for line in plain_text.strip().splitlines() if line.strip()]
    return " — ".join(lines).replace("|", "\\|").replace("*", "\\*")


def plan_markdown(plan: Plan, catalog: Catalog, today: date) -> str:
    notes = Footnotes(catalog, today)
    parts = plan_parts(plan, catalog, notes)
    out: list[str] = []
    for part in parts:
        out.append("#" * part.level + " " + part.title)
        out.append("")
        for line in part.lines:
            out.append(_md(line))
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
        if part.after:
            out.extend(f"- {_md(a)}" for a in part.after)
            out.append("")
        if part.sources:
            for i, sid in enumerate(notes.order, 1):
                src = catalog.sources[sid]
                where = f"<{src.url}>" if src.url.startswith("http") else src.url
                out.append(f"{i}. {src.title}, {source_year(src)}, {src.confidence}: {where}")
            out.append("")
    out.append(f"_Made by certcli on {today.isoformat()}. "
               "Check each issuer's page for the final price before you pay._")
    return "\n".join(out).rstrip() + "\n"


__all__ = ["Part", "plan_markdown", "plan_parts", "plan_view", "profile_summary"]
