"""The cost of a path over years, itemized by year, with the membership choice: on screen and in JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from certcli.catalog import Catalog
from certcli.engine.fees import Buyer, PathCost
from certcli.render import (
    STALE_NOTE,
    Footnotes,
    bullets,
    section,
)
from certcli.render.fees import (
    CHECK_NOTE,
    DISPUTED_NOTE,
    UNKNOWN_MARK,
    amount_cell,
    as_of_cell,
    buyer_json,
    buyer_words,
    item_json,
    others_text,
)
from certcli.render.json import cited, sources_json, total_json
from certcli.render.table import borderless
from certcli.words import money, years


def cost_view(catalog: Catalog, pc: PathCost, buyer: Buyer, today: date) -> RenderableType:
    """The plan by year: each item with its as-of year, subtotals, the total, the choices and why."""
    notes = Footnotes(catalog, today)
    title = Text(f"Cost of {' + '.join(pc.codes) or 'nothing'} over {years(pc.years)}",
                 style="bold")
    title.append(f" ({buyer_words(buyer)}"
                 + (f", {pc.attempts} attempts" if pc.attempts == 2 else "") + ")", style="dim")
    parts: list[RenderableType] = [title]
    if pc.schedule:
        plan = ", ".join(f"{code} in year {year}" for code, year in pc.schedule)
        rule = "one exam a year in the order given: " if len(pc.schedule) > 1 else "exam: "
        parts.append(Text(rule[0].upper() + rule[1:] + plan + ".", style="dim"))
    if pc.held:
        parts.append(Text("Already held: " + ", ".join(pc.held) + " (no exam fee).", style="dim"))

    table = borderless(header_style="bold", pad_edge=False)
    table.add_column("", overflow="fold", ratio=1, min_width=30)
    table.add_column("Amount", justify="right", no_wrap=True)
    table.add_column("As of", no_wrap=True)
    subtotals = pc.by_year()
    shown: set[tuple[str, str | None]] = set()
    unknown_years = {i.year for i in pc.items if i.amount is None}
    for year in range(1, pc.years + 1):
        mine = [i for i in pc.items if i.year == year]
        table.add_row(Text(f"Year {year}", style="bold underline"), "", "")
        if not mine:
            table.add_row(Text("  nothing to pay", style="dim"), "", "")
            continue
        for item in mine:
            amount, as_of = amount_cell(item, notes), as_of_cell(notes, item)
            lines: list[RenderableType] = [Text(item.what)]
            key = (item.what.split(" (")[0], item.note)
            if item.note and key not in shown:
                shown.add(key)
                lines.append(Padding(Text(item.note, style="dim"), (0, 0, 0, 2)))
            if item.others:
                others = others_text(notes, item)
                if (item.what, others) not in shown:
                    shown.add((item.what, others))
                    lines.append(Padding(Text("other values: " + others, style="magenta"), (0, 0, 0, 2)))
            table.add_row(Padding(Group(*lines), (0, 0, 0, 2)), amount, as_of)
        sub = Text(money(subtotals[year]), style="bold")
        if year in unknown_years:
            sub.append(f" + {UNKNOWN_MARK}", style="yellow")
        table.add_row(Text(f"  Year {year} subtotal", style="italic"), sub, "")
    table.add_row("", "", "")
    total = Text(money(pc.total), style="bold")
    label = Text(f"Total over {years(pc.years)}", style="bold")
    if pc.incomplete:
        total.append(f" + {UNKNOWN_MARK}", style="yellow")
        label.append(" (incomplete)", style="yellow")
    table.add_row(label, total, "")
    if pc.already_paid and pc.new_spending is not None and pc.new_spending != pc.total:
        paid = " and ".join(pc.already_paid)
        new = Text(money(pc.new_spending), style="bold")
        if pc.incomplete:
            new.append(f" + {UNKNOWN_MARK}", style="yellow")
        table.add_row(Text(f"  New spending ({paid} dues already paid)", style="italic"),
                      new, "")
    parts += [Text(""), table]

    if pc.incomplete:
        parts.append(section("Not published (not counted)", bullets(pc.unknown, style="yellow")))
    if pc.strategy:
        parts.append(section("Membership", bullets(pc.strategy)))
    if pc.break_even:
        parts.append(section("Does membership pay for itself?", bullets(be.explanation for be in pc.break_even)))
    tail = list(pc.notes)
    if notes.stale_seen:
        tail.append(STALE_NOTE)
    if notes.disputed_seen:
        tail.append(DISPUTED_NOTE)
    tail.append("Recertification falls due at the end of each cycle after you earn a credential; "
                "study materials, CEU courses and travel are not counted.")
    tail.append(CHECK_NOTE)
    parts.append(section("Notes", bullets(tail, style="dim")))
    parts += [Text(""), notes.table()]
    return Group(*parts)


def cost_json(catalog: Catalog, pc: PathCost, buyer: Buyer) -> dict[str, Any]:
    unknown_years = {i.year for i in pc.items if i.amount is None}
    doc: dict[str, Any] = {
        "codes": list(pc.codes),
        "years": pc.years,
        "attempts": pc.attempts,
        "held": list(pc.held),
        "buyer": buyer_json(buyer),
        "schedule": [{"code": code, "exam_year": year} for code, year in pc.schedule],
        "membership": dict(pc.membership),
        "items": [item_json(i) for i in pc.items],
        "by_year": [
            {"year": year, "subtotal": total_json(amount, year not in unknown_years,
                                                  [i.what for i in pc.items if i.year == year and i.amount is None])}
            for year, amount in pc.by_year().items()
        ],
        "total": total_json(pc.total, not pc.incomplete, pc.unknown),
        "new_spending": total_json(pc.new_spending if pc.new_spending is not None else pc.total,
                                   not pc.incomplete, pc.unknown),
        "dues_already_paid_to": list(pc.already_paid),
        "strategy": list(pc.strategy),
        "break_even": [
            {
                "organization": be.organization,
                "pays_for_itself": be.pays_for_itself,
                "from_year": be.from_year,
                "dues": total_json(be.dues, be.dues is not None),
                "savings": total_json(be.savings, be.savings is not None),
                "explanation": be.explanation,
            }
            for be in pc.break_even
        ],
        "notes": list(pc.notes),
    }
    doc["sources"] = sources_json(catalog, cited(doc))
    return doc
