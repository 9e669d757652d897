"""Two small charts of a plan, drawn in characters (no plotting library): the timeline (a row per
step and per issuer, marks at the dates) and the cost by year (a bar per year).

Each returns plain lines of a fixed width, so the terminal and the Markdown file show the same
drawing (the Markdown in a code block).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from certcli.engine.timeline import Milestone
from certcli.words import money

WIDTH = 76  # fits 80 columns with the indent of a section
LABEL = 14

MARKS = {"study": "━", "exam": "◆", "exam_deadline": "┊", "apprentice_removed": "●", "dues_due": "$",
         "renewal_due": "▲"}
LEGEND = "━ study  ◆ exam  ┊ last day to sit  ● -A removed  $ dues  ▲ CEUs due"


def _column(day: date, start: date, end: date, span: int) -> int:
    total = max(1, (end - start).days)
    offset = min(max(0, (day - start).days), total)
    return round(offset / total * (span - 1))


def timeline_chart(milestones: Sequence[Milestone], start: date, end: date, width: int = WIDTH) -> list[str]:
    """A row per credential and per issuer's dues and CEUs, a column per stretch of days from
    ``start`` to ``end``; a year label where each year begins. Milestones past ``end`` are left
    out (the list of dates has them)."""
    span = width - LABEL - 1
    rows: dict[str, list[str]] = {}

    def row(label: str) -> list[str]:
        return rows.setdefault(label, [" "] * span)

    for m in milestones:
        label = f"{m.code} renewal" if m.kind in ("dues_due", "renewal_due") else m.code
        cells = row(label)
        if m.day > end:
            continue
        at = _column(m.day, start, end, span)
        if m.kind == "study" and m.until is not None:
            for i in range(at, _column(min(m.until, end), start, end, span) + 1):
                cells[i] = MARKS["study"]
        elif cells[at] in (" ", MARKS["study"], MARKS["dues_due"]) or m.kind == "renewal_due":
            cells[at] = MARKS[m.kind]
    head = [" "] * span
    axis = ["─"] * span
    for year in range(start.year + 1, end.year + 1):
        at = _column(date(year, 1, 1), start, end, span)
        if date(year, 1, 1) > end:
            break
        axis[at] = "┬"
        label = str(year)
        if at + len(label) <= span and all(c == " " for c in head[max(0, at - 1):at + len(label)]):
            head[at:at + len(label)] = list(label)
    lines = [" " * (LABEL + 1) + "".join(head).rstrip(), " " * (LABEL + 1) + "".join(axis)]
    for label, cells in rows.items():
        lines.append(f"{label[:LABEL]:<{LABEL}} " + "".join(cells).rstrip())
    lines.append(LEGEND)
    return lines


def cost_chart(by_year: dict[int, int], unknown_years: set[int], start: date, width: int = WIDTH) -> list[str]:
    """A bar per plan year, scaled to the dearest year; ``+ ?`` where an amount in that year is not
    published."""
    if not by_year:
        return []
    high = max(by_year.values()) or 1
    labels = {y: f"Year {y} ({start.year + y - 1}–{str(start.year + y)[2:]})" for y in by_year}
    label_width = max(len(v) for v in labels.values())
    bar_room = width - label_width - 16
    lines = []
    for year, amount in sorted(by_year.items()):
        bar = "█" * max(1 if amount else 0, round(amount / high * bar_room))
        extra = " + ?" if year in unknown_years else ""
        lines.append(f"{labels[year]:<{label_width}}  {bar} {money(amount)}{extra}".rstrip())
    if unknown_years:
        lines.append("+ ? = an amount not published (books, training or a fee): not in the bar")
    return lines


__all__ = ["LEGEND", "cost_chart", "timeline_chart"]
