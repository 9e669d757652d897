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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from certcli.catalog import Catalog
from certcli.engine.advice import Plan, Step
from certcli.model import FeeKind
from certcli.questions import QUESTION
from certcli.render import (
    NOT_PUBLISHED,
    Footnotes,
    Hanging,
    bullets,
    minutes,
    plain,
    section,
    source_year,
)
from certcli.render.charts import cost_chart, timeline_chart
from certcli.render.fees import as_of_cell
from certcli.render.table import Table, borderless, fact_table
from certcli.words import every, human, join_and, money, plural, years

GOAL_PHRASES: dict[str, str] = {c.value: c.words for c in QUESTION["goal"].choices}

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
    checklist: list[Text] = field(default_factory=list)  # "[ ] Join AAPC ($222 a year)"
    block: list[str] = field(default_factory=list)  # a drawing: fixed-width lines, never wrapped


def profile_summary(plan: Plan) -> str:
    """The answers in one line (the engine words them: Plan.summary)."""
    return " · ".join(plan.summary)


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


# --------------------------------------------------------------------------- sources by URL, glosses


class PlanNotes(Footnotes):
    """Footnotes numbered by URL: sources that share a page share a number, so each URL is listed
    once (with every title it stands for)."""

    def mark(self, source_id: str) -> str:
        url = self.catalog.sources[source_id].url
        for _i, sid in enumerate(self.order):
            if self.catalog.sources[sid].url == url:
                if source_id not in self.order:
                    self.order.append(source_id)
                return f"[{self._numbers().index(url) + 1}]"
        self.order.append(source_id)
        return f"[{self._numbers().index(url) + 1}]"

    def _numbers(self) -> list[str]:
        return list(dict.fromkeys(self.catalog.sources[sid].url for sid in self.order))

    def entries(self) -> list[tuple[int, str, list[str]]]:
        """(number, URL, the titles of its sources) in the order cited."""
        by_url: dict[str, list[str]] = {}
        for sid in self.order:
            src = self.catalog.sources[sid]
            by_url.setdefault(src.url, []).append(f"{src.title}, {source_year(src)}, {src.confidence}")
        return [(i, url, titles) for i, (url, titles) in enumerate(by_url.items(), 1)]

    def table(self, title: str = "Sources") -> RenderableType:
        parts: list[RenderableType] = [Text(title, style="table.title")] if title else []
        entries = self.entries()
        width = len(f"[{len(entries)}]")
        for number, url, titles in entries:
            entry = Text("; ".join(titles))
            parts.append(Hanging([(f"[{number}]", entry)], mark_width=width, lead=1, gap=2, margin=1,
                                 mark_style="dim"))
            parts.append(Text(" " * (width + 3) + url, no_wrap=True, overflow="ignore"))
        return Group(*parts)


GLOSSES: tuple[tuple[str, str], ...] = (
    (r"\bCEUs\b", " (continuing education units)"),
    (r"\bCEU\b", " (continuing education unit)"),
    (r"\bPCAP\b", " (AHIMA's Professional Certificate Approval Program)"),
    (r"\bscaled score\b", " (the raw score converted to the issuer's scale)"),
    (r"\bHCC\b", " (hierarchical condition category, the risk adjustment model)"),
    (r"\bHIM\b", " (health information management)"),
    (r"\bCDI\b", " (clinical documentation improvement)"),
)


def _gloss_text(text: Text, pending: dict[str, str]) -> Text:
    for pattern, words in list(pending.items()):
        found = re.search(pattern + r"(?!-)", text.plain)
        if found is None:
            continue
        if pattern.startswith(r"\bCEU"):  # CEU and CEUs are one term
            pending.pop(r"\bCEUs\b", None)
            pending.pop(r"\bCEU\b", None)
        else:
            pending.pop(pattern)
        if text.plain[found.end():found.end() + len(words)] == words or text.plain[found.end():].startswith(" ("):
            continue  # already said in words there
        end = found.end()
        glossed = text[:end]
        glossed.append(words)
        glossed.append_text(text[end:])
        text = glossed
    return text


def gloss(parts: list[Part]) -> None:
    """Say what a term means the first time the page uses it: CEU (continuing education unit), PCAP…"""
    pending = dict(GLOSSES)

    def each(items: list[Text]) -> list[Text]:
        return [_gloss_text(t, pending) for t in items]

    for part in parts:
        part.lines = each(part.lines)
        part.checklist = each(part.checklist)
        part.bullets = each(part.bullets)
        part.rows = [(label, _gloss_text(value, pending), as_of) for label, value, as_of in part.rows]
        part.footer = each(part.footer)
        part.after = each(part.after)


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
    unknown = [line.name.split(" (", 1)[0] for line in plan.prep if line.required and line.item.amount is None]
    if unknown or cost.incomplete:
        what = "code books" if unknown and all(line.item.kind == "books" for line in plan.prep
                                                if line.required and line.item.amount is None) else "what"
        text.append(f", plus {what} (price not published)" if what != "what" else ", plus what is not published",
                    style="yellow")
    return text.append(".")


def _summary_part(plan: Plan) -> Part:
    head = Part(_title(plan), level=1)
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


def _brief_step(catalog: Catalog, plan: Plan, i: int, step: Step, notes: Footnotes) -> Part:
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
            f"(by {_day(plan, d.exam_by, d.estimate)} if you apply on {_day(plan, d.exam, d.estimate)})", style=""))
    q = step.quote
    if q is not None:
        text = Text("First year: ", style="bold")
        bits = []
        if q.exam is not None:
            who = "member" if q.member else "non-member"
            bits.append(f"exam {money(q.exam.amount) if q.exam.amount is not None else NOT_PUBLISHED} "
                        f"({who}, {plural(q.attempts, 'attempt')})")
        if q.dues is not None:
            bits.append(f"{org.code} dues {money(q.dues.amount) if q.dues.amount is not None else NOT_PUBLISHED}"
                        " a year")
        text.append(" + ".join(bits) or NOT_PUBLISHED, style="")
        if q.total is not None and len(bits) > 1:
            text.append(f" = {money(q.total)}")
        cites = [x.source for x in (q.exam, q.dues) if x is not None and x.source]
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
            how = "required" if required else "optional, not in the total"
            text = Text(f"{label} ({how}): ", style="bold").append(f"{names} — {price}", style="")
            extra = {line.item.note.split("; ", 1)[-1] for line in group
                     if line.item.note and line.item.note != "price not published"}
            if extra:
                text.append(f"; {'; '.join(sorted(extra))}")
            if kind == "books" and d is not None and d.book_year is not None:
                text.append(f"; for this exam date, the {d.book_year} books")
            text.append(" ").append(notes.cite([line.needed_source for line in group]))
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


def _timeline_part(plan: Plan) -> Part | None:
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


def _cost_chart_part(plan: Plan, detail: bool) -> Part | None:
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


def _pay_line(catalog: Catalog, plan: Plan, notes: Footnotes) -> Text | None:
    """One line: the current pay figure for the person's first credential, with its source."""
    for step in plan.steps:
        claim = catalog.pick(step.credential.salary)
        if claim is not None:
            value, as_of = notes.claim(claim, money)
            label = claim.label or f"{step.credential.code} average"
            return Text("Pay: ", style="bold").append(f"{money(claim.value)} a year ({label}) ").append_text(as_of)
    if plan.pay:
        row = plan.pay[-1]
        value, as_of = notes.claim(row.claim, money)
        first = plan.steps[0].credential.code if plan.steps else "your credential"
        return Text("Pay: ", style="bold").append(
            f"{money(row.claim.value)} a year on average, {row.label.lower()} ({first} pay not published) "
        ).append_text(as_of)
    return None


def _notes_part(plan: Plan) -> Part:
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


def plan_parts(plan: Plan, catalog: Catalog, notes: Footnotes, detail: bool = False) -> list[Part]:
    parts = [_summary_part(plan)]
    if detail:
        parts[0].lines.insert(1, Text(profile_summary(plan), style="dim"))
    for i, step in enumerate(plan.steps):
        parts.append(_brief_step(catalog, plan, i, step, notes))
        if detail:
            cards = _step_parts(catalog, plan, i + 1, step, notes)[1:]
            parts.extend(cards)
    for extra in (_timeline_part(plan), _cost_chart_part(plan, detail)):
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
    note_part = _notes_part(plan)
    pay = _pay_line(catalog, plan, notes)
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
