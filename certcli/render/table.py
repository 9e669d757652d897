"""Every table certcli prints comes from here: rich's ``Table``, borderless.

One place decides how a table is built, so a change of table (another box, a faster layout)
is made once. Column options are rich's own ``add_column`` keywords (``justify``, ``no_wrap``,
``overflow``, ``min_width``, ``max_width``, ``ratio``, ``style``).

Two differences from a bare ``Table``: a string cell is plain text (it never goes through
console markup, so a title from the data that happens to contain ``[bold]`` prints as it is
written), and a line ends at its last character (no trailing blanks in a file or a pipe).
"""

from __future__ import annotations

from typing import Any

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
        for line in Segment.split_lines(segments):
            yield from _rstrip(line)
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
