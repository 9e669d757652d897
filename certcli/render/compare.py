"""Two or more credentials side by side: the rows, the tables that fit the terminal, and the JSON."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from certcli.catalog import Catalog
from certcli.model import Audience
from certcli.render import (
    NOT_PUBLISHED,
    Footnotes,
    bullets,
    plain,
)
from certcli.render.json import sources_json
from certcli.render.table import Table, borderless, fit
from certcli.words import human, money

if TYPE_CHECKING:  # 'list' imports this module and needs no engine
    from certcli.engine.browse import CredentialFacts, ExamPrice


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


# What a figure says about where it comes from, not what it is: left out when telling which fields differ.
_PROVENANCE = {"source", "as_of", "confidence", "stale", "disputed", "status", "claims", "other_values",
               "rule_sources", "rule", "label", "note"}


def _values(doc: Any, path: str = "") -> dict[str, Any]:
    """Each field's value by dotted path (``exam.passing.percent``), provenance left out; a list is one value."""
    if not isinstance(doc, dict):
        return {path: doc}
    figure = "status" in doc and "claims" in doc
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if key in _PROVENANCE or (figure and key == "text" and len(doc) > 1):
            continue
        if isinstance(value, list):
            value = [_values(v) if isinstance(v, dict) else v for v in value]
            out[f"{path}{key}"] = value
        else:
            out.update(_values(value, f"{path}{key}."))
    return {k.rstrip("."): v for k, v in out.items()}


def differs(docs: list[dict[str, Any]]) -> list[str]:
    """The dotted paths of the fields whose values are not the same in every document (``code`` aside)."""
    flat = [_values({k: v for k, v in d.items() if k not in ("code", "sources")}) for d in docs]
    paths = sorted({p for f in flat for p in f})
    return [p for p in paths if len({repr(f.get(p)) for f in flat}) > 1]


def comparison_json(catalog: Catalog, facts: list[CredentialFacts], today: date) -> dict[str, Any]:
    """``{codes, credentials: {CODE: show's fields}, differs: [paths], sources}``: nothing cut short."""
    from certcli.render.catalog import credential_json

    shown = {f.credential.code: credential_json(catalog, f, today) for f in facts}
    ids: set[str] = set()
    for one in shown.values():
        ids |= set(one.pop("sources"))
    return {
        "codes": list(shown),
        "credentials": shown,
        "differs": differs(list(shown.values())),
        "sources": sources_json(catalog, ids),
    }
