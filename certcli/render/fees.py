"""Money on screen and in JSON: the fee list and membership tiers (a path over years: render.cost).

Every amount goes out with its as-of year and a footnote to its source; old figures carry
"old", disputed ones a "*" and the values that disagree; unknown ones say "not published".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from certcli.catalog import Catalog
from certcli.catalog.provenance import CHOICE_WORDS
from certcli.engine.fees import TIER_WORDS, Buyer, LineItem, Quote
from certcli.model import Credential, Organization
from certcli.render import (
    NOT_PUBLISHED,
    STALE_NOTE,
    Footnotes,
    bullets,
    section,
)
from certcli.render.json import CURRENCY, cited, fact_json, figure_status, money_json, sources_json, total_json
from certcli.render.table import Fitted, Table, borderless
from certcli.words import money

UNKNOWN_MARK = "?"
DISPUTED_NOTE = f"* sources disagree on this figure: certcli uses {CHOICE_WORDS}."
CHECK_NOTE = "Prices change: check the issuer's page for the final price before you pay."


# --------------------------------------------------------------------------- shared cells


def as_of_cell(notes: Footnotes, item: LineItem) -> Text:
    """``2026 [1]``; ``old`` in yellow when stale; empty for an unknown amount."""
    if item.amount is None or item.source is None:
        return Text("")
    text = Text(f"{item.as_of or 'undated'} {notes.mark(item.source)}")
    if item.stale:
        notes.stale_seen = True
        text.append(" old", style="yellow")
    return text


def amount_cell(item: LineItem | None, notes: Footnotes) -> Text:
    if item is None:
        return Text("—", style="dim")
    if item.amount is None:
        return Text(NOT_PUBLISHED, style="dim italic")
    text = Text(money(item.amount))
    if item.disputed:
        notes.disputed_seen = True
        text.append("*", style="magenta")
    return text


def buyer_words(buyer: Buyer) -> str:
    words = []
    if buyer.member is True:
        words.append("member")
    elif buyer.member is False:
        words.append("non-member")
    if buyer.member_of:
        words.append("member of " + ", ".join(sorted(buyer.member_of)))
    words += [w for w, on in (("student", buyer.student), ("first-time member", buyer.first_time),
                              ("65+", buyer.senior)) if on]
    return ", ".join(words) or "cheapest membership choice"


def buyer_json(buyer: Buyer) -> dict[str, Any]:
    return {
        "member": buyer.member,
        "student": buyer.student,
        "first_time": buyer.first_time,
        "senior": buyer.senior,
        "member_of": sorted(buyer.member_of),
    }


def item_json(item: LineItem) -> dict[str, Any]:
    """A line item: what it is for beside the one money shape (``amount`` None: not published)."""
    return {
        "year": item.year,
        "what": item.what,
        "kind": item.kind,
        "credential": item.code,
        "organization": item.organization,
        "tier": str(item.tier) if item.tier is not None else None,
        "amount": item.amount,
        "currency": CURRENCY,
        "source": item.source,
        "as_of": item.as_of,
        "stale": item.stale,
        "disputed": item.disputed,
        "status": figure_status(item.amount is not None, False, item.disputed, item.stale),
        "note": item.note,
        "other_values": [
            {"amount": a.amount, "max": a.max, "source": a.source, "as_of": a.as_of, "status": None}
            for a in item.others
        ],
    }


def items_total(items: Sequence[LineItem | None], unknown: Sequence[str] | None = None) -> dict[str, Any]:
    """The total of line items: the known amounts added, complete only when every amount is known."""
    present = [i for i in items if i is not None]
    missing = [i.what for i in present if i.amount is None] if unknown is None else list(unknown)
    return total_json(sum(i.amount for i in present if i.amount is not None), not missing, missing)


def others_text(notes: Footnotes, item: LineItem) -> str:
    """'$399 (2026 [5]); $190 (2022 [6])': the values other sources give."""
    return "; ".join(
        f"{money(a.amount)}{'–' + money(a.max) if a.max is not None and a.max != a.amount else ''} "
        f"({a.as_of or 'undated'} {notes.mark(a.source)})"
        for a in item.others
    )


def _item_notes(items: Sequence[LineItem | None], notes: Footnotes) -> list[str]:
    """'CPC exam (1 attempt, member): sources disagree …', once per distinct note."""
    out: list[str] = []
    for item in items:
        if item is None or not item.note:
            continue
        line = f"{item.what}: {item.note}"
        if item.others:
            line += f"; other values: {others_text(notes, item)}"
        line += "."
        if line not in out:
            out.append(line)
    return out


# --------------------------------------------------------------------------- fees


DETAILED = 6  # up to this many credentials, every figure's note is listed


def fees_table(
    catalog: Catalog, quotes: Sequence[Quote], buyer: Buyer, attempts: int, today: date
) -> RenderableType:
    """One row per credential: price basis, exam fee, attempts, dues and the first-year total."""
    notes = Footnotes(catalog, today)
    rows: list[_FeeRow] = []
    unknown_seen = False
    for q in quotes:
        basis = _basis(q)
        exam = amount_cell(q.exam, notes)
        if q.exam is not None and q.exam.amount is not None:
            exam.append("\n").append(_dim(as_of_cell(notes, q.exam)))
        if q.dues is None:
            dues = Text("—", style="dim")
        else:
            dues = amount_cell(q.dues, notes)
            if q.dues.amount is not None:
                dues.append(" " + _tier(q.dues))
                dues.append("\n").append(_dim(as_of_cell(notes, q.dues)))
        if q.total is not None:
            total = Text(money(q.total), style="bold")
        else:
            unknown_seen = True
            known = sum(i.amount for i in (q.exam, q.dues) if i is not None and i.amount is not None)
            total = Text(f"{money(known)} + {UNKNOWN_MARK}" if known else UNKNOWN_MARK, style="yellow")
        rows.append((q.code, basis, exam, str(q.attempts), dues, total))
    table = Fitted(lambda: _fee_columns(rows), lambda: _fee_blocks(rows))

    tail: list[str] = []
    for q in quotes:
        tail.extend(quote_notes(q))
    if len(quotes) <= DETAILED:
        tail.extend(_item_notes([i for q in quotes for i in (q.exam, q.dues)], notes))
    tail = list(dict.fromkeys(tail))
    if unknown_seen:
        tail.append(f"'{UNKNOWN_MARK}' marks an amount that is not published: that first-year total is incomplete.")
    if notes.disputed_seen:
        tail.append(DISPUTED_NOTE + ("" if len(quotes) <= DETAILED else " 'certcli fees CODE' lists the values."))
    if notes.stale_seen:
        tail.append(STALE_NOTE)
    if attempts == 2:
        tail.append("Tries: the attempts the exam fee buys (2 where a 2-attempt package is sold).")
    tail.append("First year: the exam fee plus a year's dues where you are priced as a member.")
    tail.append(CHECK_NOTE)
    title = Text(f"Exam fees and first-year cost ({buyer_words(buyer)})", style="bold")
    return Group(title, Text(""), table, section("Notes", bullets(tail, style="dim")), Text(""), notes.table())


def quote_notes(q: Quote) -> list[str]:
    """The quote's notes, and the retake that 'certcli cost' counts where no 2-attempt package is sold."""
    notes = list(q.notes)
    if q.retake is not None and q.retake.amount is not None:
        notes.append(f"{q.code} is not sold as a 2-attempt package: a retake costs {money(q.retake.amount)} "
                     f"(as of {q.retake.as_of or 'undated'}) ('certcli cost {q.code} --attempts 2' counts it).")
    return notes


_FeeRow = tuple[str, Text, Text, str, Text, Text]  # code, priced as, exam fee, tries, dues, first year
FEE_HEADERS = ("Code", "Priced as", "Exam fee", "Tries", "Dues (year 1)", "First year")


def _fee_columns(rows: list[_FeeRow]) -> Table:
    """One row per credential, one column per figure."""
    table = borderless(header_style="bold", pad_edge=False)
    code, basis, exam, tries, dues, first = FEE_HEADERS
    table.add_column(code, style="bold cyan", no_wrap=True)
    table.add_column(basis, no_wrap=True)
    table.add_column(exam, overflow="fold", min_width=9)
    table.add_column(tries, justify="right", no_wrap=True)
    table.add_column(dues, overflow="fold", min_width=9)
    table.add_column(first, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def _fee_blocks(rows: list[_FeeRow]) -> Table:
    """For a narrow terminal: one block per credential, one line per figure."""
    table = borderless(show_header=False, pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for n, row in enumerate(rows):
        if n:
            table.add_row("", "")
        table.add_row(Text(row[0], style="bold cyan"), "")
        cells: tuple[RenderableType, ...] = row[1:]
        for label, cell in zip(FEE_HEADERS[1:], cells, strict=True):
            table.add_row(Text("  " + label, style="bold"), cell)
    return table


def _dim(text: Text) -> Text:
    text.stylize("dim", 0, len(text.plain.removesuffix(" old")))
    return text


def _basis(q: Quote) -> Text:
    if q.membership_required:
        return Text("member", style="")
    if q.dues is None and not q.member and q.membership_required is None:
        return Text("anyone", style="dim")
    return Text("member" if q.member else "non-member")


def _tier(item: LineItem) -> str:
    return TIER_WORDS[item.tier] if item.tier is not None else ""


def fees_json(
    catalog: Catalog, quotes: Sequence[Quote], creds: Sequence[Credential], buyer: Buyer, attempts: int
) -> dict[str, Any]:
    """``quotes`` keyed by code (``codes`` keeps their order): ``quotes.CCS.exam.amount``."""
    by_code = {c.code: c for c in creds}
    doc: dict[str, Any] = {
        "buyer": buyer_json(buyer),
        "attempts": attempts,
        "codes": [q.code for q in quotes],
        "quotes": {
            q.code: {
                "code": q.code,
                "name": by_code[q.code].name if q.code in by_code else None,
                "issuer": by_code[q.code].issuer if q.code in by_code else None,
                "membership_required": q.membership_required,
                "member": q.member,
                "attempts": q.attempts,
                "exam": item_json(q.exam) if q.exam else None,
                "dues": item_json(q.dues) if q.dues else None,
                "retake": item_json(q.retake) if q.retake else None,
                "first_year_total": quote_total(q),
                "notes": quote_notes(q),
            }
            for q in quotes
        },
    }
    doc["sources"] = sources_json(catalog, cited(doc))
    return doc


def quote_total(q: Quote) -> dict[str, Any]:
    """The exam and a year's dues (a retake is not counted): complete when the engine could add them up."""
    if q.total is not None:
        return total_json(q.total, True)
    unknown = [i.what for i in (q.exam, q.dues) if i is not None and i.amount is None]
    if q.exam is None:
        unknown.insert(0, f"{q.code} exam fee")
    return items_total([q.exam, q.dues], unknown or [f"{q.code} first-year total"])


# --------------------------------------------------------------------------- memberships


def _yes_no(catalog: Catalog, fact: Any) -> str:
    claim = catalog.pick(fact)
    if claim is None:
        return NOT_PUBLISHED
    return "yes" if claim.value else "no"


def memberships_view(catalog: Catalog, orgs: Sequence[Organization], today: date) -> RenderableType:
    """Each organization's membership: whether it is required, and its tiers with dues a year."""
    notes = Footnotes(catalog, today)
    parts: list[RenderableType] = [Text("Membership dues by organization", style="bold")]
    for org in orgs:
        m = org.membership
        head = Text(org.name if org.name.startswith(org.code) else f"{org.code} — {org.name}", style="bold cyan")
        parts += [Text(""), head]
        parts.append(Text(
            f"Required to sit its exams: {_yes_no(catalog, m.required_for_exam)} · "
            f"to keep its credentials: {_yes_no(catalog, m.required_to_keep)}"
        ))
        if m.tiers:
            table = borderless(header_style="bold", pad_edge=False)
            table.add_column("Tier", overflow="fold", max_width=28)
            table.add_column("Dues a year", overflow="fold", ratio=1)
            table.add_column("As of", no_wrap=True, justify="right")
            for tier in m.tiers:
                name = Text(tier.name)
                if tier.who:
                    name.append(f"\n{tier.who}", style="dim")
                value, as_of = notes.fact(tier.dues, money)
                table.add_row(name, value, as_of)
            parts.append(Padding(table, (0, 0, 0, 2)))
        else:
            parts.append(Text("No membership tiers published.", style="dim"))
        if m.note:
            parts.append(Text(m.note, style="dim"))
    tail = notes.notes()
    tail.append("'certcli cost CODE' works out whether an optional membership pays for itself.")
    tail.append(CHECK_NOTE)
    parts += [section("Notes", bullets(tail, style="dim")), Text(""), notes.table()]
    return Group(*parts)


def memberships_json(catalog: Catalog, orgs: Sequence[Organization], today: date) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "organizations": [
            {
                "code": org.code,
                "name": org.name,
                "url": org.url,
                "required_for_exam": fact_json(catalog, org.membership.required_for_exam, today),
                "required_to_keep": fact_json(catalog, org.membership.required_to_keep, today),
                "tiers": [
                    {"kind": str(t.kind), "name": t.name, "who": t.who, "dues": money_json(catalog, t.dues, today)}
                    for t in org.membership.tiers
                ],
                "note": org.membership.note,
            }
            for org in orgs
        ]
    }
    doc["sources"] = sources_json(catalog, cited(doc))
    return doc
