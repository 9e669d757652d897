"""Every table certcli prints comes from here: rich's ``Table``, borderless.

One place decides how a table is built, so a change of table (another box, a faster layout)
is made once. Column options are rich's own ``add_column`` keywords (``justify``, ``no_wrap``,
``overflow``, ``min_width``, ``max_width``, ``ratio``, ``style``).

Two differences from a bare ``Table``: a string cell is plain text (it never goes through
console markup, so a title from the data that happens to contain ``[bold]`` prints as it is
written), and a line ends at its last character (no trailing blanks in a file or a pipe).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table as _RichTable
from rich.text import Text


class Table(_RichTable):
    """rich's ``Table``: string cells as plain text, lines without trailing blanks."""

    def add_row(self, *renderables: RenderableType | None, **options: Any) -> None:
        super().add_row(*(Text(r) if isinstance(r, str) else r for r in renderables), **options)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        segments = (s for s in super().__rich_console__(console, options) if isinstance(s, Segment))
        new_line = Segment.line()
        width = options.max_width
        for line in Segment.split_lines(segments):
            # a table wider than the terminal is cut at its edge, as rich's print would cut it
            # (certcli prints with crop=False, so that a source's URL below can run on whole)
            yield from _rstrip(Segment.adjust_line_length(line, width, pad=False))
            yield new_line


def _rstrip(line: list[Segment]) -> list[Segment]:
    """The line without the blanks at its end (certcli's padding carries no visible style)."""
    while line and not line[-1].control and not line[-1].text.rstrip(" "):
        line = line[:-1]
    if line and not line[-1].control and line[-1].text.endswith(" "):
        last = line[-1]
        line = [*line[:-1], Segment(last.text.rstrip(" "), last.style)]
    return line


def borderless(
    *headers: str,
    title: str | None = None,
    show_header: bool = True,
    header_style: str = "bold",
    pad_edge: bool = True,
    expand: bool = False,
) -> Table:
    """A borderless table, one blank cell either side of every cell (``pad_edge=False``: none at
    the outer edges); a title sits on its own line above, at the left."""
    return Table(
        *headers,
        box=None,
        title=title,
        title_justify="left",
        show_header=show_header,
        header_style=header_style,
        padding=(0, 1),
        pad_edge=pad_edge,
        expand=expand,
    )


def grid(gap: int = 1) -> Table:
    """No header, no edge padding, ``gap`` blank cells between columns (rich's ``Table.grid``)."""
    return Table(box=None, show_header=False, padding=(0, gap, 0, 0), pad_edge=False, show_edge=False)


def fact_table() -> Table:
    """Three columns: what, value, as of."""
    out = borderless(show_header=False)
    out.add_column(style="bold", no_wrap=False, min_width=10, max_width=22)
    out.add_column(overflow="fold", ratio=1)
    out.add_column(no_wrap=True, justify="right")
    return out


# --------------------------------------------------------------------------- fitting without breaking words

LONG_WORD = 16  # a token longer than this (a URL, a long code list) may fold in a narrow column


def _span(cell: RenderableType, fold: bool) -> tuple[int, int]:
    """(longest word, longest line) of a text cell, in terminal cells; a fold column's words
    count at most LONG_WORD."""
    plain = cell.plain if isinstance(cell, Text) else str(cell)
    words = [cell_len(w) for w in plain.split()]
    lines = [cell_len(line) for line in plain.splitlines()]
    word = max(words, default=0)
    return (min(word, LONG_WORD) if fold else word), max(lines, default=0)


def fit(table: Table, width: int) -> bool:
    """Give every column of ``table`` (text cells only) a width so that the table is at most
    ``width`` cells wide and no column is narrower than its longest word: the widest columns
    give way first, one cell at a time. False (and nothing changed) when even the narrowest
    such layout is wider than ``width``.

    rich's own layout narrows the widest columns without looking at their words, which is how
    ``compare`` came to print "membershi" / "p…" while another column had room to spare.
    """
    _, right, _, left = table.padding
    columns = table.columns
    pads: list[int] = []
    lows: list[int] = []
    highs: list[int] = []
    for index, column in enumerate(columns):
        pad = left + right
        if not table.pad_edge:
            pad -= (left if index == 0 else 0) + (right if index == len(columns) - 1 else 0)
        fold = column.overflow == "fold"
        cells = [column.header] if table.show_header else []
        spans = [_span(c, fold) for c in [*cells, *column.cells]]
        high = max(s[1] for s in spans) if spans else 0
        low = max([high if column.no_wrap else s[0] for s in spans] + [column.min_width or 0])
        high = max(high, low)
        if column.max_width is not None:
            high = max(low, min(high, column.max_width))
        pads.append(pad)
        lows.append(low + pad)
        highs.append(high + pad)
    if sum(lows) > width:
        return False
    widths = highs[:]
    while sum(widths) > width:
        index = max((i for i in range(len(widths)) if widths[i] > lows[i]), key=lambda i: widths[i])
        widths[index] -= 1
    for column, full, pad in zip(columns, widths, pads, strict=True):
        column.width = full - pad
    return True


class Fitted:
    """The first of several layouts of the same cells that fits the width it is printed at
    with every word whole (see :func:`fit`); the last one when none does."""

    def __init__(self, *layouts: Callable[[], Table]) -> None:
        self.layouts = layouts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for build in self.layouts[:-1]:
            table = build()
            if fit(table, options.max_width):
                yield table
                return
        yield self.layouts[-1]()
