"""Shared pieces for turning catalog facts into text, rich renderables and JSON.

Render functions RETURN renderables or JSON-ready dicts; they never print. Every figure goes
out with its as-of year and a footnote number that points into a sources list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeAlias

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from certcli.catalog import Catalog
from certcli.catalog.provenance import CHOICE_WORDS, newest_year, year_is_stale
from certcli.model import Audience, Claim, Fee
from certcli.words import human, money

NOT_PUBLISHED = "not published"
STALE_NOTE = (
    "'old' marks a figure more than 18 months old or undated: check the issuer's page before you pay."
)

# A string alias: subscripting the pydantic generic at run time would build its schema (~4 ms).
Fact: TypeAlias = "tuple[Claim[Any], ...]"


# --------------------------------------------------------------------------- formatting values


def minutes(value: Any) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return str(value)
    hours, mins = divmod(value, 60)
    if hours and mins:
        return f"{value} min ({hours} h {mins} min)"
    if hours:
        return f"{value} min ({hours} h)"
    return f"{value} min"


def plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def claim_value(claim: Claim[Any], fmt: Callable[[Any], str] = plain) -> str:
    if claim.max is not None and claim.max != claim.value:
        return f"{fmt(claim.value)}–{fmt(claim.max)}"
    return fmt(claim.value)


# --------------------------------------------------------------------------- footnotes


@dataclass
class Footnotes:
    """Numbers sources in the order a page first cites them."""

    catalog: Catalog
    today: date
    order: list[str] = field(default_factory=list)
    stale_seen: bool = False
    disputed_seen: bool = False

    def mark(self, source_id: str) -> str:
        if source_id not in self.order:
            self.order.append(source_id)
        return f"[{self.order.index(source_id) + 1}]"

    def as_of(self, claim: Claim[Any]) -> Text:
        """``2026 [3]``, with ``old`` in yellow where the figure is stale."""
        text = Text(f"{self.catalog.as_of(claim)} {self.mark(claim.source)}")
        if self.catalog.is_stale(claim, self.today):
            self.stale_seen = True
            text.append(" old", style="yellow")
        return text

    def cite(self, ids: Iterable[str]) -> Text:
        """``2024 [4] [5]`` for a figure several sources give together: the newest year among
        them (``old`` where even that is stale), then each source's number."""
        unique = [i for i in dict.fromkeys(ids) if i in self.catalog.sources]
        if not unique:
            return Text("")
        newest = newest_year(self.catalog.sources[i] for i in unique)
        text = Text(f"{newest or 'undated'} " + " ".join(self.mark(i) for i in unique))
        if year_is_stale(newest, self.today):  # the rule of Catalog.is_stale, for a year
            self.stale_seen = True
            text.append(" old", style="yellow")
        return text

    def fact(self, fact: Fact | None, fmt: Callable[[Any], str] = plain, unit: str = "") -> tuple[Text, Text]:
        """(value cell, as-of cell) for a fact: the value in use, then other sources' values."""
        picked = self.catalog.pick(fact) or self.catalog.last_known(fact)  # an old value is shown as such
        if fact is None or picked is None:
            text = Text(NOT_PUBLISHED, style="dim")
            if fact:  # only doubtful claims: show them, use none
                parts = [f"{claim_value(c, fmt)}{unit} ({self.catalog.as_of(c)} {self.mark(c.source)})" for c in fact]
                text.append("\nunverified: " + "; ".join(parts), style="magenta")
            return text, Text("")
        self.mark(picked.source)  # the figure in use gets the lower number
        value = Text(claim_value(picked, fmt) + unit)
        label = self.catalog.unverified(picked)
        if label:
            value.append(f" ({label})", style="magenta")
        if picked.note:
            value.append(f" ({picked.note})", style="dim")
        doubtful = [c for c in fact if c.doubtful]
        others = [c for c in fact if c is not picked and not c.doubtful]
        same = [c for c in others if not c.superseded and (c.value, c.max) == (picked.value, picked.max)]
        live = [c for c in others if not c.superseded and c not in same]
        old = [c for c in others if c.superseded]
        if self.catalog.disputed(fact):
            self.disputed_seen = True
        if same:
            value.append("\nalso: " + "; ".join(f"{self.catalog.as_of(c)} {self.mark(c.source)}" for c in same),
                         style="dim")
        groups = (("sources disagree", live, "magenta"), ("earlier", old, "dim"), ("unverified", doubtful, "dim"))
        for label, group, style in groups:
            if group:
                parts = [
                    f"{claim_value(c, fmt)}{unit} ({self.catalog.as_of(c)} {self.mark(c.source)})" for c in group
                ]
                value.append(f"\n{label}: " + "; ".join(parts), style=style)
        return value, self.as_of(picked)

    def claim(self, claim: Claim[Any], fmt: Callable[[Any], str] = plain) -> tuple[Text, Text]:
        text = Text(claim_value(claim, fmt))
        if claim.note:
            text.append(f" ({claim.note})", style="dim")
        if claim.superseded:
            text.append(" (superseded)", style="dim")
        return text, self.as_of(claim)

    def table(self, title: str = "Sources") -> RenderableType:
        """The numbered sources: each one's title (wrapped under itself) and, on a line of its
        own, its URL, whole: never wrapped or cut, even when it is wider than the terminal
        (the terminal wraps it, and it stays one link)."""
        parts: list[RenderableType] = [Text(title, style="table.title")] if title else []
        width = len(f"[{len(self.order)}]")
        for i, sid in enumerate(self.order, 1):
            src = self.catalog.sources[sid]
            entry = Text(f"{src.title}, {source_year(src)}, {src.confidence}")
            # as a borderless table row: a blank, the number, two blanks, the title, a blank at the end
            parts.append(Hanging([(f"[{i}]", entry)], mark_width=width, lead=1, gap=2, margin=1, mark_style="dim"))
            parts.append(Text(" " * (width + 3) + src.url, no_wrap=True, overflow="ignore"))
        return Group(*parts)

    def notes(self) -> list[str]:
        out = []
        if self.stale_seen:
            out.append(STALE_NOTE)
        if self.disputed_seen:
            out.append(
                f"Where sources disagree, every value is shown; certcli uses {CHOICE_WORDS}."
            )
        return out


def source_year(src: Any) -> str:
    """How a source is dated in a sources list: its year note, else its year, else 'undated'."""
    return str(src.year_note or (src.year if src.year else "undated"))


def fee_row(notes: Footnotes, fee: Fee, label: str, note_below: bool = False) -> tuple[str, Text, Text]:
    """(label, value, as-of) for one fee: the audience joins the label, the fee's note the value."""
    if fee.audience is not Audience.ANY:
        label += f", {human(fee.audience)}"
    value, as_of = notes.fact(fee.amount, money)
    if fee.note:
        value.append(f"\n{fee.note}" if note_below else f" ({fee.note})", style="dim")
    return label, value, as_of


def section(title: str, *body: RenderableType) -> Group:
    return Group(Text(""), Text(title, style="bold underline"), *body)


class Hanging:
    """Lines that hang under their text, not their mark (a bullet, a footnote number), laid out
    as a borderless two-column table lays them out, without a table's measuring of every cell:
    each text is wrapped by rich's own ``Text.wrap`` to the width left beside the mark. A plan
    has dozens of these."""

    def __init__(self, items: Iterable[tuple[str, Text]], *, mark_width: int, lead: int = 0, gap: int = 1,
                 margin: int = 0, mark_style: str = "") -> None:
        self.items = list(items)
        self.mark_width, self.lead, self.gap, self.margin, self.mark_style = mark_width, lead, gap, margin, mark_style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.lead + self.mark_width + self.gap
        width = max(1, options.max_width - indent - self.margin)
        style = console.get_style(self.mark_style) if self.mark_style else None
        for mark, text in self.items:
            for number, line in enumerate(text.wrap(console, width, overflow="fold")):
                line.rstrip()
                if number == 0:
                    yield Segment(" " * self.lead)
                    yield Segment(mark.ljust(self.mark_width), style)
                    yield Segment(" " * self.gap)
                else:
                    yield Segment(" " * indent)
                yield from line.render(console)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.lead + self.mark_width + self.gap + self.margin
        widest = max((cell_len(line) for _, text in self.items for line in text.plain.split("\n")), default=0)
        return Measurement(min(indent + 1, widest + indent), widest + indent)


def bullets(lines: Iterable[str | Text], style: str = "") -> Hanging:
    """A bulleted list whose wrapped lines hang under the text, not the bullet."""
    items = []
    for line in lines:
        text = line.copy() if isinstance(line, Text) else Text(line)
        if style:
            text.stylize(style, 0, len(text))
        items.append(("•", text))
    return Hanging(items, mark_width=1, mark_style=style)
