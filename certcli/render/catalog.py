"""Browsing the catalog: the list, one credential's card, a side-by-side comparison, search hits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from certcli.catalog import Catalog
from certcli.model import Audience, Credential, FeeKind, Requirement, Status, TierKind
from certcli.render import (
    NOT_PUBLISHED,
    Footnotes,
    bullets,
    fee_row,
    minutes,
    plain,
    section,
)
from certcli.render.json import cited, model_json, sources_json
from certcli.render.table import Table, borderless, fact_table, fit
from certcli.words import every, human, money, plural

if TYPE_CHECKING:  # 'list' imports this module and needs no engine
    from certcli.engine.browse import CredentialFacts, ExamPrice

# --------------------------------------------------------------------------- list


def list_table(catalog: Catalog, creds: list[Credential], width: int = 80) -> Table:
    """The catalog as a table; below 60 columns only code, name and issuer."""
    narrow = width < 60
    table = borderless(header_style="bold", expand=True, pad_edge=False)
    table.add_column("Code", no_wrap=True, style="bold cyan", min_width=max((len(c.code) for c in creds), default=4))
    # names wrap rather than end in "…": CDEO and CDEI differ only in their last word
    table.add_column("Credential", overflow="fold", ratio=1)
    table.add_column("Issuer", no_wrap=True, min_width=max((len(c.issuer) for c in creds), default=6))
    if not narrow:
        table.add_column("Category", overflow="fold", min_width=8, max_width=15)
        table.add_column("Level", no_wrap=True, min_width=max((len(c.level) for c in creds), default=5))
    for cred in creds:
        name = Text(cred.name)
        if cred.status is not Status.ACTIVE:
            name.append(f" ({cred.status})", style="yellow")
        row: list[str | Text] = [cred.code, name, cred.issuer]
        if not narrow:
            row += [human(cred.category), str(cred.level)]
        table.add_row(*row)
    return table


def list_json(catalog: Catalog, creds: list[Credential]) -> dict[str, Any]:
    return {
        "credentials": [
            {
                "code": c.code,
                "name": c.name,
                "issuer": c.issuer,
                "category": str(c.category),
                "level": str(c.level),
                "settings": [str(s) for s in c.settings],
                "status": str(c.status),
                "specialty": c.specialty,
            }
            for c in creds
        ],
        "count": len(creds),
    }


# --------------------------------------------------------------------------- shared by show and compare


def requirement_text(req: Requirement) -> str:
    if len(req.any_of) > 1:
        lead = req.text.rstrip(":. ")
        if "one of" not in lead.lower():
            lead += ", any one of"
        return f"{lead}: " + "; ".join(c.text for c in req.any_of)
    return req.text


# --------------------------------------------------------------------------- show


def credential_card(catalog: Catalog, facts: CredentialFacts, today: date) -> RenderableType:
    notes = Footnotes(catalog, today)
    cred, org = facts.credential, facts.organization
    parts: list[RenderableType] = []

    title = Text(f"{cred.code}", style="bold cyan")
    title.append(f" — {cred.name}", style="bold")
    parts.append(title)
    about = [org.code, human(cred.category), str(cred.level)]
    if cred.settings:
        about.append(", ".join(human(s) for s in cred.settings))
    line = Text(" · ".join(about), style="dim")
    if cred.status is not Status.ACTIVE:
        line.append(f" · {cred.status}", style="yellow")
    parts.append(line)
    if cred.former_codes or cred.aliases:
        parts.append(Text("Also known as: " + ", ".join(cred.former_codes + cred.aliases), style="dim"))
    parts.append(Text(""))
    parts.append(Text(cred.summary))
    if cred.name_note:
        parts.append(Text(f"Note: {cred.name_note}", style="dim"))
    if cred.status_note:
        table = fact_table()
        table.add_row("Status", *notes.fact(cred.status_note))
        parts.append(table)

    # exam
    exam = cred.exam
    table = fact_table()
    rows: list[tuple[str, Any, Callable[[Any], str]]] = [
        ("Questions", exam.questions, plain),
        ("Scored", exam.scored, plain),
        ("Pretest (unscored)", exam.pretest, plain),
        ("Time", exam.minutes, minutes),
        ("Format", exam.format, plain),
        ("Book policy", exam.book, plain),
        ("Allowed manuals", exam.allowed_manuals, plain),
        ("Passing score", exam.passing, plain),
        ("Delivery", exam.delivery, plain),
        ("Attempts", exam.attempts, plain),
        ("Retest wait", exam.retest_wait_days, lambda v: f"{v} days"),
    ]
    for label, fact, fmt in rows:
        if fact is not None or label in ("Questions", "Time", "Passing score"):
            table.add_row(label, *notes.fact(fact, fmt))
    for claim in exam.history:
        table.add_row(claim.label or "Earlier", *notes.claim(claim))
    parts.append(section("Exam", table))

    # fees
    table = fact_table()
    required = facts.membership_required
    for fee in cred.fees:
        label = human(fee.kind).capitalize()
        if _all_superseded(fee.amount):  # an old price, not one to pay today
            label = "Earlier " + label.lower()
        if fee.attempts:
            label += f", {plural(fee.attempts, 'attempt')}"
        table.add_row(*fee_row(notes, fee, label, note_below=True))
    if not any(f.kind is FeeKind.EXAM and not _all_superseded(f.amount) for f in cred.fees):
        table.add_row("Exam fee", "current price " + NOT_PUBLISHED, "")
    for tier in org.membership.tiers:
        if tier.kind in (TierKind.INDIVIDUAL, TierKind.STUDENT):
            table.add_row(f"{org.code} dues, {tier.name.lower()}", *notes.fact(tier.dues, lambda v: f"{money(v)}/yr"))
    fee_note = []
    if required:
        fee_note.append(
            f"{org.code} exams are sold to members only: without membership, add a year's dues to the exam price."
        )
    elif required is False:
        fee_note.append(f"{org.code} membership is optional; members pay less.")
    page = cred.url or org.url
    if page.startswith(("http://", "https://")):
        fee_note.append(f"Check {page} for the final price before you pay.")
    else:  # no page was found ("seed:001 (no website found)")
        fee_note.append(f"No web page was found for {org.code}: confirm every figure before you pay.")
    parts.append(section("Fees", table, bullets(fee_note, style="dim")))

    # eligibility
    elig: list[RenderableType] = []
    if required:
        elig.append(Text(f"{org.code} membership is required to sit the exam.", style="bold"))
    for label, reqs in (("Required", cred.eligibility.required), ("Recommended", cred.eligibility.recommended)):
        if reqs:
            elig.append(Text(label + ":", style="bold"))
            lines = [Text(requirement_text(r) + " ").append(notes.mark(r.source), style="dim") for r in reqs]
            elig.append(bullets(lines))
    if not cred.eligibility.required and not cred.eligibility.recommended and not required:
        elig.append(Text(NOT_PUBLISHED, style="dim"))
    if cred.builds_on:
        elig.append(Text("Usually taken after: " + ", ".join(cred.builds_on)))
    parts.append(section("Eligibility", *elig))

    if cred.apprentice:
        app = cred.apprentice
        body: list[RenderableType] = [Text(app.rule + " ").append(notes.mark(app.source), style="dim")]
        if app.removal:
            body.append(Text(f"The {app.designation} designation is removed by any one of:"))
            body.append(bullets(c.text for c in app.removal))
        parts.append(section(f"Apprentice status ({app.designation})", *body))

    parts.append(section("Keeping it", renewal_table(catalog, facts, notes)))

    if cred.salary:
        table = fact_table()
        for pay in cred.salary:
            table.add_row(pay.label or "Salary", *notes.claim(pay, money))
        parts.append(section("Salary", table))

    tail = notes.notes()
    tail.append("Certification is not legally required for coding or billing work; employers prefer it.")
    parts.append(section("Notes", bullets(tail, style="dim")))
    parts.append(Text(""))
    parts.append(notes.table())
    return Group(*parts)


def _all_superseded(fact: Any) -> bool:
    return all(c.superseded for c in fact)


def renewal_table(catalog: Catalog, facts: CredentialFacts, notes: Footnotes) -> Table:
    cred, org = facts.credential, facts.organization
    rules = org.renewal
    table = fact_table()
    req = facts.ceus
    often = every(req.cycle_years)
    if req.ceus is not None:
        cite = notes.cite(req.sources)
        table.add_row("CEUs", Text(f"{req.ceus} {often}"), cite)
    else:
        table.add_row("CEUs", *notes.fact(cred.renewal.ceus, lambda v: f"{v} {often}"))
    if rules.table:
        steps = ", ".join(f"{r.credentials}{'+' if i == len(rules.table) - 1 else ''}: {r.ceus}"
                          for i, r in enumerate(rules.table))
        cite = notes.cite([rules.stacking_source] if rules.stacking_source else [])
        table.add_row("With more credentials", Text(f"{steps} CEUs (credentials held: CEUs)"), cite)
    elif rules.additional_ceus:
        cite = notes.cite([rules.stacking_source] if rules.stacking_source else [])
        cap = f", at most {rules.max_ceus}" if rules.max_ceus else ""
        table.add_row("With more credentials", Text(f"+{rules.additional_ceus} CEUs per extra credential{cap}"), cite)
    if cred.renewal.subject_ceus:
        subject = cred.renewal.subject or "subject"
        table.add_row(f"Of which {subject}", *notes.fact(cred.renewal.subject_ceus, lambda v: f"{v} CEUs"))
    if rules.issuer_share:
        table.add_row(f"From {org.code}", *notes.fact(rules.issuer_share))
    keep = catalog.pick(org.membership.required_to_keep)
    if keep is not None and keep.value:
        value, as_of = notes.fact(facts.dues, lambda v: f"{money(v)}/yr")
        table.add_row("Membership", Text("required every year: ").append(value), as_of)
    for fee in rules.fees:
        label = {"renewal": "Renewal fee", "renewal_additional": "Each extra credential"}.get(str(fee.kind))
        table.add_row(*fee_row(notes, fee, label or human(fee.kind).capitalize() + " fee"))
    if rules.grace_days:
        table.add_row("Grace period", *notes.fact(rules.grace_days, lambda v: f"{v} days"))
    if rules.lapse:
        table.add_row("Lapse", *notes.fact(rules.lapse))
    if rules.reinstatement:
        table.add_row("Reinstatement", *notes.fact(rules.reinstatement))
    if cred.renewal.superseded_by:
        table.add_row("Replaced by", Text(", ".join(cred.renewal.superseded_by) + " once earned"), Text(""))
    if cred.renewal.note:
        table.add_row("Note", Text(cred.renewal.note), Text(""))
    return table


def credential_json(catalog: Catalog, facts: CredentialFacts, today: date) -> dict[str, Any]:
    org = facts.organization
    doc: dict[str, Any] = model_json(catalog, facts.credential, today)
    req = facts.ceus
    doc["membership_required_for_exam"] = facts.membership_required
    doc["renewal"]["ceus_per_cycle"] = req.ceus
    doc["renewal"]["cycle_years"] = req.cycle_years
    doc["renewal"]["rule"] = req.basis
    doc["renewal"]["rule_sources"] = list(req.sources)
    doc["issuer_rules"] = {
        "membership": model_json(catalog, org.membership, today),
        "renewal": model_json(catalog, org.renewal, today),
    }
    doc["sources"] = sources_json(catalog, cited(doc) | set(req.sources))
    return doc


# --------------------------------------------------------------------------- compare


def _short(text: str, width: int = 40) -> str:
    """At most ``width`` characters, cut at the end of a clause (else of a word), never mid-word."""
    if len(text) <= width:
        return text
    head = text[: width - 1]
    clause = max(head.rfind(mark) for mark in ("; ", ". ", ", ", " ("))
    cut = clause if clause >= width // 2 else head.rfind(" ")
    return (head[:cut] if cut > 0 else head).rstrip(" ;,.(") + "…"


Cell = tuple[str, Any]  # display text, and the claim it shows (None: no figure to date)


def comparison_rows(catalog: Catalog, facts: list[CredentialFacts]) -> list[tuple[str, list[Cell]]]:
    """For each row: its label and, per credential, (display text, claim or None)."""

    def fact_cell(fact: Any, fmt: Callable[[Any], str] = plain) -> Cell:
        claim = catalog.pick(fact)
        if claim is None:
            return NOT_PUBLISHED, None
        text = fmt(claim.value) if claim.max is None else f"{fmt(claim.value)}–{fmt(claim.max)}"
        if catalog.disputed(fact):
            text += "*"
        return text, claim

    def exam_fee(price: ExamPrice) -> Cell:
        if price.members_only:
            return "members only", None
        if price.fee is None:
            return NOT_PUBLISHED, None
        return fact_cell(price.fee.amount, money)

    def renewal_cell(f: CredentialFacts) -> Cell:
        req = f.ceus
        if req.ceus is None:
            return fact_cell(f.credential.renewal.ceus)
        years = f"/{req.cycle_years} yr" if req.cycle_years else ""
        return f"{req.ceus}{years}", None

    def membership_cell(f: CredentialFacts) -> Cell:
        return ({True: "required", False: "optional", None: NOT_PUBLISHED}[f.membership_required], None)

    def eligibility_cell(f: CredentialFacts) -> Cell:
        reqs = [r.text for r in f.credential.eligibility.required]
        return (_short("; ".join(reqs)) if reqs else "none published", None)

    def salary_cell(f: CredentialFacts) -> Cell:
        if f.salary is None:
            return NOT_PUBLISHED, None
        return money(f.salary.value), f.salary

    rows: list[tuple[str, Callable[[CredentialFacts], Cell]]] = [
        ("Issuer", lambda f: (f.credential.issuer, None)),
        ("Category", lambda f: (human(f.credential.category), None)),
        ("Level", lambda f: (str(f.credential.level), None)),
        ("Settings", lambda f: (", ".join(human(s) for s in f.credential.settings) or NOT_PUBLISHED, None)),
        ("Status", lambda f: (str(f.credential.status), None)),
        ("Questions", lambda f: fact_cell(f.credential.exam.questions)),
        ("Time", lambda f: fact_cell(f.credential.exam.minutes, lambda v: f"{v} min")),
        ("Book", lambda f: fact_cell(f.credential.exam.book)),
        ("Passing", lambda f: fact_cell(f.credential.exam.passing)),
        ("Exam fee, member", lambda f: exam_fee(f.exam_fee(Audience.MEMBER))),
        ("Exam fee, non-member", lambda f: exam_fee(f.exam_fee(Audience.NON_MEMBER))),
        ("Membership to test", membership_cell),
        ("Dues, individual", lambda f: fact_cell(f.dues, lambda v: f"{money(v)}/yr")),
        ("Required to sit", eligibility_cell),
        ("Apprentice", lambda f: (f.credential.apprentice.designation if f.credential.apprentice else "no", None)),
        ("CEUs alone", renewal_cell),
        ("Salary", salary_cell),
    ]
    return [(label, [fn(f) for f in facts]) for label, fn in rows]


class _SideBySide:
    """The comparison, laid out for the width it is printed at: one table when every word fits
    whole; else the codes in as few even groups as fit, one table each, every table with the
    labels (six codes at 80 columns: two tables of three)."""

    def __init__(self, codes: list[str], labels: list[Text], cells: list[list[Text]]) -> None:
        self.codes, self.labels, self.cells = codes, labels, cells

    def _table(self, which: list[int]) -> Table:
        table = borderless(header_style="bold cyan", pad_edge=False)
        table.add_column("", style="bold", no_wrap=False, max_width=14)
        for i in which:
            table.add_column(self.codes[i], overflow="fold")
        for label, row in zip(self.labels, self.cells, strict=True):
            table.add_row(label, *(row[i] for i in which))
        return table

    def _groups(self, width: int) -> list[Table]:
        count = len(self.codes)
        for parts in range(1, count + 1):
            size = -(-count // parts)  # the groups as even as they can be, larger ones first
            groups = [list(range(start, min(start + size, count))) for start in range(0, count, size)]
            tables = [self._table(group) for group in groups]
            if all(fit(table, width) for table in tables):
                return tables
        tables = [self._table([i]) for i in range(count)]  # too narrow even for one code: rich folds
        return tables

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for n, table in enumerate(self._groups(options.max_width)):
            if n:
                yield Text("")
            yield table


def comparison_table(catalog: Catalog, facts: list[CredentialFacts], today: date) -> RenderableType:
    notes = Footnotes(catalog, today)
    rows = comparison_rows(catalog, facts)
    labels: list[Text] = []
    grid: list[list[Text]] = []
    for label, cells in rows:
        differ = len({text for text, _ in cells}) > 1
        labels.append(Text(label, style="bold" if differ else "dim"))
        row: list[Text] = []
        for text, claim in cells:
            cell = Text(text, style="" if differ else "dim")
            if text == NOT_PUBLISHED:
                cell.stylize("dim italic")
            if claim is not None:
                cell.append("\n")
                cell.append(notes.as_of(claim))
                cell.stylize("dim", len(text))
            row.append(cell)
        grid.append(row)
    table = _SideBySide([f.credential.code for f in facts], labels, grid)
    tail = ["On a colour terminal, rows that differ are bold; rows the same for all are dim."]
    if any(text.endswith("*") for _, cells in rows for text, _ in cells):
        tail.append("* sources disagree on this figure: 'certcli show CODE' lists every value and source.")
    tail += notes.notes()
    tail.append("Each figure shows the year it is as of and its source number.")
    return Group(table, Text(""), bullets(tail, style="dim"), Text(""), notes.table())


def comparison_json(catalog: Catalog, facts: list[CredentialFacts], today: date) -> dict[str, Any]:
    rows = []
    for label, cells in comparison_rows(catalog, facts):
        values = {}
        for f, (text, claim) in zip(facts, cells, strict=True):
            values[f.credential.code] = {
                "text": text,
                "value": claim.value if claim is not None else None,
                "as_of": catalog.sources[claim.source].year if claim is not None else None,
                "source": claim.source if claim is not None else None,
            }
        rows.append({"fact": label, "differs": len({v["text"] for v in values.values()}) > 1, "values": values})
    doc = {"codes": [f.credential.code for f in facts], "rows": rows}
    doc["sources"] = sources_json(catalog, cited(doc))
    return doc


# --------------------------------------------------------------------------- search


def search_table(catalog: Catalog, hits: list[tuple[Credential, str]]) -> Table:
    table = borderless(header_style="bold", pad_edge=False)
    table.add_column("Code", no_wrap=True, style="bold cyan")
    table.add_column("Credential", ratio=1, overflow="fold")
    table.add_column("Matched", style="dim", no_wrap=True, overflow="ellipsis", max_width=18)
    for cred, where in hits:
        table.add_row(cred.code, f"{cred.name} ({cred.issuer})", where)
    return table


def search_json(hits: list[tuple[Credential, str]], text: str) -> dict[str, Any]:
    return {
        "query": text,
        "results": [
            {"code": c.code, "name": c.name, "issuer": c.issuer, "matched": where} for c, where in hits
        ],
    }
