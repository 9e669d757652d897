"""A borderless table that lays out like rich's ``Table`` at a fraction of the cost.

certcli prints only borderless tables whose cells are mostly short texts. rich's ``Table``
sends every cell through its general rendering pipeline (a ``Padding`` around it, a
``render_lines`` call, line splitting, cropping and shaping), which costs 15–35 ms for one
of our cards or fee tables: more than everything else a command does once Python has
started. ``Grid`` keeps rich's column-width rules (the same measurements, the same
collapsing of wide columns, the same sharing out of spare width among ``ratio`` columns)
and its line breaking (``Text.wrap``), but lays out a text that fits its column without
wrapping it, and emits the segments itself. Cells that are not texts (a ``Group``, a
``Padding``) go through rich's own ``render_lines``, as in a ``Table``.

``tests/test_grid.py`` checks that a ``Grid`` prints the same characters, in the same styles,
as the ``Table`` with the same columns and rows, over generated tables and widths.

Differences from ``Table``, on purpose: a string cell is plain text (no console markup or
emoji codes, which data must never trigger); lines carry no trailing padding, and padding
carries no style (an underlined heading is underlined under its words, not across the
column); only what certcli uses is supported (no boxes, footers, row styles, or vertical
alignment options).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from math import ceil
from typing import Literal, TypedDict, Unpack

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

Justify = Literal["left", "right"]
Overflow = Literal["fold", "ellipsis", "crop"]


class ColumnOptions(TypedDict, total=False):
    """What ``Grid.add_column`` takes besides the header: rich's ``Table.add_column`` names."""

    style: str
    justify: Justify
    no_wrap: bool
    overflow: Overflow
    min_width: int | None
    max_width: int | None
    ratio: int | None


class Column:
    """A column's header, options (rich's defaults unless given) and cells."""

    style = ""
    justify: Justify = "left"
    no_wrap = False
    overflow: Overflow = "ellipsis"
    min_width: int | None = None
    max_width: int | None = None
    ratio: int | None = None

    def __init__(self, header: str | Text, options: ColumnOptions, rows: int) -> None:
        self.header = header
        for name, value in options.items():
            setattr(self, name, value)
        self.cells: list[RenderableType] = [""] * rows


class Grid:
    """Columns of cells, no borders.

    Every cell has ``pad_left`` and ``pad_right`` blank cells around it (rich's ``padding=(0, 1)``
    is one each); ``pad_edge=False`` drops the left padding of the first column and the right
    padding of the last.
    """

    def __init__(
        self,
        *headers: str,
        title: str | None = None,
        show_header: bool = True,
        header_style: str = "bold",
        pad_left: int = 1,
        pad_right: int = 1,
        pad_edge: bool = True,
        expand: bool = False,
    ) -> None:
        self.columns: list[Column] = []
        self.title = title
        self.show_header = show_header
        self.header_style = header_style
        self.pad_left, self.pad_right = pad_left, pad_right
        self.pad_edge = pad_edge
        self.expand = expand
        for header in headers:
            self.add_column(header)

    @classmethod
    def bare(cls, gap: int = 1) -> Grid:
        """No header, no edge padding, ``gap`` blank cells between columns (rich's ``Table.grid``)."""
        return cls(show_header=False, pad_left=0, pad_right=gap, pad_edge=False)

    def add_column(self, header: str | Text = "", **options: Unpack[ColumnOptions]) -> None:
        self.columns.append(Column(header, options, self.row_count))

    @property
    def row_count(self) -> int:
        return len(self.columns[0].cells) if self.columns else 0

    def add_row(self, *cells: RenderableType | None) -> None:
        if len(cells) > len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        for column, cell in zip(self.columns, (*cells, *[""] * (len(self.columns) - len(cells))), strict=True):
            column.cells.append("" if cell is None else cell)

    # ------------------------------------------------------------------------ measuring

    def _padding(self, index: int) -> tuple[int, int]:
        left, right = self.pad_left, self.pad_right
        if not self.pad_edge:
            if index == 0:
                left = 0
            if index == len(self.columns) - 1:
                right = 0
        return left, right

    def _cells(self, column: Column) -> Iterator[RenderableType]:
        if self.show_header:
            yield column.header
        yield from column.cells

    def _measure_column(self, console: Console, options: ConsoleOptions, index: int) -> Measurement:
        max_width = options.max_width
        if max_width < 1:
            return Measurement(0, 0)
        column = self.columns[index]
        left, right = self._padding(index)
        pad = left + right
        lows: list[int] = []
        highs: list[int] = []
        for cell in self._cells(column):
            low, high = _measure(console, options, cell, pad)
            lows.append(low)
            highs.append(high)
        measured = Measurement(max(lows) if lows else 1, max(highs) if highs else max_width).with_maximum(max_width)
        return measured.clamp(
            None if column.min_width is None else column.min_width + pad,
            None if column.max_width is None else column.max_width + pad,
        )

    def _widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        """Each column's width including its padding: rich's ``Table._calculate_column_widths``."""
        max_width = options.max_width
        columns = self.columns
        ranges = [self._measure_column(console, options, i) for i in range(len(columns))]
        widths = [r.maximum or 1 for r in ranges]
        if self.expand:
            ratios = [c.ratio or 0 for c in columns if c.ratio is not None]
            if any(ratios):
                fixed = [0 if c.ratio is not None else r.maximum for c, r in zip(columns, ranges, strict=True)]
                minimums = [1 + sum(self._padding(i)) for i, c in enumerate(columns) if c.ratio is not None]
                flex = iter(_ratio_distribute(max_width - sum(fixed), ratios, minimums))
                widths = [fixed[i] + next(flex) if c.ratio is not None else widths[i] for i, c in enumerate(columns)]
        total = sum(widths)
        if total > max_width:
            widths = _collapse(widths, [not c.no_wrap for c in columns], max_width)
            if sum(widths) > max_width:  # last resort: take from every column alike
                widths = _ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
            total = sum(widths)  # before re-measuring, as rich does: a min_width may widen a column again
            ranges = [self._measure_column(console, options.update_width(w), i) for i, w in enumerate(widths)]
            widths = [r.maximum or 0 for r in ranges]
        if total < max_width and self.expand:
            widths = [w + extra for w, extra in zip(widths, _ratio_distribute(max_width - total, widths), strict=True)]
        return widths

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if options.max_width < 0:
            return Measurement(0, 0)
        total = options.update_width(sum(self._widths(console, options)))
        ranges = [self._measure_column(console, total, i) for i in range(len(self.columns))]
        return Measurement(sum(r.minimum for r in ranges), sum(r.maximum for r in ranges))

    # ------------------------------------------------------------------------ rendering

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.columns:
            yield Segment.line()
            return
        widths = self._widths(console, options)
        if self.title:
            title = Text(self.title, style=console.get_style("table.title"), justify="left")
            yield from console.render(title, options.update(width=sum(widths)))
        get_style = console.get_style
        header_style = get_style(self.header_style) if self.header_style else None
        styles = [get_style(c.style) if c.style else None for c in self.columns]
        pads: list[tuple[int, int]] = []  # (left, right) blank cells around each column's text
        inners: list[int] = []  # the width left for the text
        for index, width in enumerate(widths):
            left, right = self._padding(index)
            if width > left + right:
                pads.append((left, right))
                inners.append(width - left - right)
            else:  # too narrow for its padding: blank, padding and all, as in rich
                pads.append((0, 0))
                inners.append(0)
        new_line = Segment.line()
        for row in range(-1 if self.show_header else 0, self.row_count):
            cells: list[list[list[Segment]]] = []
            for index, column in enumerate(self.columns):
                cell = column.header if row < 0 else column.cells[row]
                style = header_style if row < 0 else styles[index]
                cells.append(_lay_out(console, options, cell, column, inners[index], style))
            height = max(1, *(len(lines) for lines in cells))
            for index, lines in enumerate(cells):
                blank = [Segment(" " * (widths[index] - sum(pads[index])))]  # all of a too-narrow column
                fill = [blank] * (height - len(lines))
                cells[index] = fill + lines if row < 0 else lines + fill  # headers sit on the last line
            for line in range(height):
                out: list[Segment] = []
                for index, lines in enumerate(cells):
                    left, right = pads[index]
                    if left:
                        out.append(Segment(" " * left))
                    out += lines[line]
                    if right:
                        out.append(Segment(" " * right))
                while out and not out[-1].text.rstrip():  # no trailing blanks
                    out.pop()
                if out and out[-1].text.endswith(" "):
                    out[-1] = Segment(out[-1].text.rstrip(" "), out[-1].style)
                yield from out
                yield new_line


def _measure(console: Console, options: ConsoleOptions, cell: RenderableType, pad: int) -> tuple[int, int]:
    """A padded cell's (minimum, maximum) width, as rich's ``Measurement.get`` of a ``Padding``."""
    max_width = options.max_width
    if max_width - pad < 1:
        return max_width, max_width
    if isinstance(cell, str | Text):
        plain = cell if isinstance(cell, str) else cell.plain
        lines = plain.splitlines()
        high = max(_cells(line) for line in lines) if lines else 0
        words = plain.split()
        low = max(_cells(word) for word in words) if words else high
        inner = max_width - pad
        low = min(max(0, min(low, high)), inner)
        high = min(max(low, high), inner)
        if high < 1:
            low = high = 0
    else:
        low, high = Measurement.get(console, options.update_width(max_width - pad), cell)
    return min(low + pad, max_width), min(high + pad, max_width)


def _lay_out(
    console: Console,
    options: ConsoleOptions,
    cell: RenderableType,
    column: Column,
    width: int,
    style: Style | None,
) -> list[list[Segment]]:
    """The cell's lines, each ``width`` cells wide."""
    if width < 1:  # a column squeezed to its padding shows nothing, as in rich
        return []
    if isinstance(cell, str):
        cell = Text(cell)
    if not isinstance(cell, Text):
        rendered = options.update(
            width=width,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            height=None,
            highlight=False,
        )
        return console.render_lines(cell, rendered, style=style or Style(), pad=True)
    justify = cell.justify or column.justify
    lines: Iterable[Text] = cell.split(allow_blank=True) if "\n" in cell.plain else (cell,)
    if not all(_fits(line.plain, width, justify) for line in lines):
        lines = cell.wrap(
            console,
            width,
            justify=justify,
            overflow=cell.overflow or column.overflow,
            no_wrap=column.no_wrap if cell.no_wrap is None else cell.no_wrap,
        )
    out = []
    for line in lines:
        if line.spans:
            segments = list(line.render(console))
        else:  # Text.render would drop the text's own style when it has no spans
            segments = [Segment(line.plain, console.get_style(line.style) if line.style else None)]
        if style is not None:
            segments = [Segment(s.text, style + s.style if s.style else style) for s in segments]
        gap = width - _cells(line.plain)
        if gap > 0:
            space = Segment(" " * gap)
            segments = [space, *segments] if justify == "right" else [*segments, space]
        out.append(segments)
    return out


def _cells(text: str) -> int:
    """How many cells ``text`` takes on the screen (``len`` for printable ASCII, the usual case)."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


def _fits(line: str, width: int, justify: str) -> bool:
    """Whether ``Text.wrap`` would leave this line as it is: no wrapping, cropping or stripping."""
    if "\t" in line or _cells(line) > width:
        return False
    return justify != "right" or line == line.rstrip()


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """Narrow the widest wrappable columns first (rich's ``Table._collapse_widths``)."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, can in zip(widths, wrapable, strict=True) if can)
            second = max(w if can and w != widest else 0 for w, can in zip(widths, wrapable, strict=True))
            ratios = [1 if w == widest and can else 0 for w, can in zip(widths, wrapable, strict=True)]
            if not any(ratios) or widest == second:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """Take ``total`` from ``values`` in proportion to ``ratios``, at most ``maximums`` each."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            taken = min(maximum, round(ratio * remaining / total_ratio))
            out.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _ratio_distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
    """Share ``total`` out in proportion to ``ratios``, at least ``minimums`` each."""
    if minimums:
        ratios = [r if m else 0 for r, m in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    remaining = total
    out = []
    for ratio, minimum in zip(ratios, minimums or [0] * len(ratios), strict=True):
        share = max(minimum, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        out.append(share)
        total_ratio -= ratio
        remaining -= share
    return out
