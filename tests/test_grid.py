"""certcli's Grid prints what rich's Table prints, faster.

Every table certcli shows is a Grid (see certcli/render/grid.py): it keeps rich's column-width
rules and line breaking but skips rich's per-cell pipeline. These tests generate tables like
the ones certcli builds (the same column options, texts with long words, line breaks, styles
and wide characters) and check that a Grid and a rich Table with the same columns and rows
print the same characters, in the same styles, at every width.
"""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from certcli.render.grid import Grid

WORDS = ["a", "CPC", "exam", "fee", "$399", "2026 [3]", "—", "members-only", "recertification", "café",
         "研修", "x" * 23, "anesthesia,", "(e.g.", "70%"]


def text_cell() -> st.SearchStrategy[Text]:
    line = st.lists(st.sampled_from(WORDS), min_size=0, max_size=9).map(" ".join)
    return st.builds(
        lambda lines, style, tail: Text("\n".join(lines), style=style).append(tail, style="dim"),
        st.lists(line, min_size=1, max_size=3),
        st.sampled_from(["", "bold", "dim", "magenta"]),
        st.sampled_from(["", " old", " (superseded)"]),
    )


def cell() -> st.SearchStrategy[RenderableType]:
    plain = st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join)
    grouped = st.lists(text_cell(), min_size=1, max_size=2).map(lambda ts: Padding(Group(*ts), (0, 0, 0, 2)))
    return st.one_of(text_cell(), text_cell(), plain, grouped)


column = st.fixed_dictionaries(
    {
        "header": st.sampled_from(["", "Code", "Exam fee", "Dues (year 1)", "As of"]),
        "style": st.sampled_from(["", "bold", "bold cyan", "dim"]),
        "justify": st.sampled_from(["left", "right"]),
        "no_wrap": st.booleans(),
        "overflow": st.sampled_from(["fold", "ellipsis"]),
        "min_width": st.one_of(st.none(), st.integers(1, 30)),
        "max_width": st.one_of(st.none(), st.integers(1, 30)),
        "ratio": st.one_of(st.none(), st.just(1)),
    }
)


@st.composite
def tables(draw: Any) -> tuple[dict[str, Any], list[dict[str, Any]], list[list[RenderableType]]]:
    layout = draw(
        st.sampled_from(
            [
                {"padding": (0, 1), "pad_edge": True, "collapse_padding": False},  # fact tables
                {"padding": (0, 1), "pad_edge": False, "collapse_padding": False},  # list, fees, compare
                {"padding": (0, 1, 0, 0), "pad_edge": False, "collapse_padding": True},  # bullets
            ]
        )
    )
    table = {**layout, "show_header": draw(st.booleans()), "expand": draw(st.booleans())}
    columns = draw(st.lists(column, min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(cell(), min_size=len(columns), max_size=len(columns)), max_size=5))
    return table, columns, rows


def printed(renderable: RenderableType, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, legacy_windows=False).print(renderable)
    return [line.rstrip() for line in out.getvalue().splitlines()]


def styled(renderable: RenderableType, width: int) -> list[tuple[str, str]]:
    """Every visible character with the style it is printed in (blanks may differ: they show no style)."""
    console = Console(file=io.StringIO(), width=width, color_system="truecolor", force_terminal=True)
    return [
        (char, str(segment.style or Style()))
        for segment in console.render(renderable, console.options)
        if not segment.control
        for char in segment.text
        if not char.isspace()
    ]


def build_grid(table: dict[str, Any], columns: list[dict[str, Any]], rows: list[list[RenderableType]]) -> Grid:
    _, right, _, left = (*table["padding"], *table["padding"]) if len(table["padding"]) == 2 else table["padding"]
    if table["collapse_padding"]:
        left, right = 0, abs(left - right)
    grid = Grid(
        show_header=table["show_header"],
        pad_left=left,
        pad_right=right,
        pad_edge=table["pad_edge"],
        expand=table["expand"],
    )
    for col in columns:
        grid.add_column(**col)
    for row in rows:
        grid.add_row(*row)
    return grid


def build_table(table: dict[str, Any], columns: list[dict[str, Any]], rows: list[list[RenderableType]]) -> Table:
    rich_table = Table(box=None, header_style="bold", **table)
    for col in columns:
        rich_table.add_column(**col)
    for row in rows:
        rich_table.add_row(*row)
    return rich_table


@settings(max_examples=200, deadline=None)
@given(tables(), st.integers(min_value=8, max_value=130))
def test_a_grid_prints_what_a_rich_table_prints(spec: Any, width: int) -> None:
    table, columns, rows = spec
    grid, rich_table = build_grid(table, columns, rows), build_table(table, columns, rows)
    assert printed(grid, width) == printed(rich_table, width)
    assert styled(grid, width) == styled(rich_table, width)


@settings(max_examples=50, deadline=None)
@given(tables(), st.integers(min_value=8, max_value=130))
def test_a_grid_nested_in_a_table_measures_like_a_table(spec: Any, width: int) -> None:
    table, columns, rows = spec
    outer_grid = Table(box=None, show_header=False)
    outer_grid.add_row("•", build_grid(table, columns, rows))
    outer_table = Table(box=None, show_header=False)
    outer_table.add_row("•", build_table(table, columns, rows))
    assert printed(outer_grid, width) == printed(outer_table, width)


def test_lines_end_without_trailing_blanks() -> None:
    grid = Grid("Code", "Name", "As of")
    grid.add_row("CPC", Text("Certified Professional Coder, the usual first credential"), "")
    grid.add_row("CCS", "Certified Coding Specialist", "2026 [1]")
    lines = printed(grid, 40)
    raw = io.StringIO()
    Console(file=raw, width=40, color_system=None).print(grid)
    assert raw.getvalue().splitlines() == lines  # nothing was stripped: there was nothing to strip
    assert max(len(line) for line in lines) <= 40


def test_a_text_from_the_data_is_printed_as_written_not_as_console_markup() -> None:
    grid = Grid(show_header=False)
    grid.add_column()
    grid.add_row("see [bold]note[/bold] :smile:")
    assert printed(grid, 60) == [" see [bold]note[/bold] :smile:"]


def test_a_row_with_too_many_cells_is_refused() -> None:
    grid = Grid("Code")
    try:
        grid.add_row("CPC", "extra")
    except ValueError as err:
        assert "2 cells for 1 columns" in str(err)
    else:
        raise AssertionError("a row wider than the grid was accepted")
