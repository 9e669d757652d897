"""The CEU log as rich tables, JSON documents, CSV rows and an audit list in Markdown.

Everything shown is carried by the engine's results (:mod:`certcli.engine.ceu`) or the log's own
rows; nothing here computes a rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from certcli.engine.ceu import EntryLike, EntryProgress, IssuerProgress, Progress
from certcli.render.table import Table, borderless
from certcli.words import join_and, plural

CSV_FIELDS = ["id", "date", "hours", "title", "provider", "credentials", "categories", "certificate", "sha256",
              "kind"]  # fmt: skip
LIST_SEP = ";"  # between codes or categories in a CSV cell
LOG_FORMAT = "certcli-ceu-log"
SHOWN_FLAGGED = 10  # entry ids listed per flag in the text view
SHOWN_LISTED = 200  # the latest entries 'ceu list' shows as a table (a table costs ~1 ms a row)
SHOWN_ENTRIES = 10  # the latest entries listed per issuer in the text view


def _table(*headers: str) -> Table:
    """A borderless table (render/table.py): its string cells are plain text, never rich markup,
    so a title such as "[Webinar] E/M" shows as typed."""
    return borderless(*headers, pad_edge=False)


def _row(table: Table, *cells: str) -> None:
    table.add_row(*cells)


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:g}"


def ceus(x: float | None) -> str:
    return "not published" if x is None else plural(x, "CEU")


# --------------------------------------------------------------------------- entries


def entry_json(e: EntryLike) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": e.date.isoformat(),
        "hours": e.hours,
        "title": e.title,
        "provider": e.provider,
        "credentials": list(e.credentials),
        "categories": list(e.categories),
        "certificate": e.certificate,
        "sha256": e.sha256,
    }


def hold_json(code: str, earned: date | None, cycle_end: date | None) -> dict[str, Any]:
    return {"code": code, "earned": earned.isoformat() if earned else None,
            "cycle_end": cycle_end.isoformat() if cycle_end else None}  # fmt: skip


def entries_json(entries: Iterable[EntryLike]) -> dict[str, Any]:
    return {"entries": [entry_json(e) for e in entries]}


def log_json(holds: Iterable[tuple[str, date | None, date | None]], entries: Iterable[EntryLike]) -> dict[str, Any]:
    """Everything in the log, as ``ceu export`` writes it and ``ceu import`` reads it back."""
    return {"format": LOG_FORMAT, "version": 1, "holds": [hold_json(*h) for h in holds], **entries_json(entries)}


def entries_table(entries: Sequence[EntryLike]) -> RenderableType:
    if not entries:
        return Text("The CEU log has no entries yet: add one with 'certcli ceu add HOURS --title WHAT'.")
    table = _table("id", "date", "CEUs", "title", "provider", "for", "categories")
    for e in entries[-SHOWN_LISTED:]:
        _row(table, e.id, e.date.isoformat(), f"{e.hours:g}", e.title, e.provider, " ".join(e.credentials),
                      " ".join(e.categories))  # fmt: skip
    total = sum(e.hours for e in entries)
    lines: list[RenderableType] = [table, Text(f"{plural(len(entries), 'entry', 'entries')}, {ceus(total)}.")]
    if len(entries) > SHOWN_LISTED:
        lines.append(Text(f"(the latest {SHOWN_LISTED} shown; --json or 'certcli ceu export' has them all)"))
    return Group(*lines)


def holds_text(holds: Iterable[tuple[str, date | None, date | None]]) -> str:
    parts = [
        f"{code} (earned {earned.isoformat()})" if earned else f"{code} (cycle ends {end.isoformat() if end else '?'})"
        for code, earned, end in holds
    ]
    return "Held: " + join_and(parts, "nothing yet (certcli ceu hold CODE@DATE)") + "."


def csv_entry(e: EntryLike) -> dict[str, str]:
    return {
        "id": e.id, "date": e.date.isoformat(), "hours": f"{e.hours:g}", "title": e.title, "provider": e.provider,
        "credentials": LIST_SEP.join(e.credentials), "categories": LIST_SEP.join(e.categories),
        "certificate": e.certificate or "", "sha256": e.sha256 or "", "kind": "entry",
    }  # fmt: skip


def csv_hold(code: str, earned: date | None, cycle_end: date | None) -> dict[str, str]:
    """A held credential as a CSV row: kind ``hold`` (date earned) or ``hold-end`` (cycle end)."""
    day = earned or cycle_end
    row = dict.fromkeys(CSV_FIELDS, "")
    row.update(kind="hold" if earned else "hold-end", credentials=code, date=day.isoformat() if day else "")
    return row


# --------------------------------------------------------------------------- progress


def _subject_json(item: IssuerProgress) -> list[dict[str, Any]]:
    return [
        {"name": s.name, "category": s.category, "required": s.required, "earned": s.earned, "needed": s.needed,
         "credentials": list(s.codes), "rule": s.rule, "source": s.source}
        for s in item.subject
    ]  # fmt: skip


def _flags_json(flags: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"kind": f.kind, "text": f.text, "entries": list(f.entries), "source": f.source} for f in flags]


def _use_json(e: EntryProgress) -> dict[str, Any]:
    return {"id": e.id, "date": e.date.isoformat(), "hours": e.hours, "title": e.title,
            "counted": [{"issuer": u.issuer, "ceus": u.ceus, "subject": list(u.subjects), "note": u.why_not}
                        for u in e.uses]}  # fmt: skip


def progress_json(result: Progress) -> dict[str, Any]:
    return {
        "today": result.today.isoformat(),
        "issuers": [
            {
                "issuer": i.issuer,
                "credentials": list(i.credentials),
                "counted_credentials": list(i.counted),
                "cycle_years": i.cycle_years,
                "cycle_start": i.cycle_start.isoformat() if i.cycle_start else None,
                "cycle_end": i.cycle_end.isoformat() if i.cycle_end else None,
                "days_left": i.days_left,
                "first_cycle": i.first_cycle,
                "required": i.required,
                "earned": i.earned,
                "needed": i.needed,
                "basis": i.basis,
                "subject": _subject_json(i),
                "flags": _flags_json(i.flags),
                "date_rule": i.date_rule,
                "sources": list(i.sources),
                "entries": list(i.entries),
            }
            for i in result.issuers
        ],
        "entries": [_use_json(e) for e in result.entries],
        "earlier_entries": result.earlier,
        "flags": _flags_json(result.flags),
    }


def _ids(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:SHOWN_FLAGGED])
    return shown + (f" and {len(ids) - SHOWN_FLAGGED} more" if len(ids) > SHOWN_FLAGGED else "")


def _issuer_view(item: IssuerProgress, entries: dict[str, EntryProgress]) -> RenderableType:
    title = f"{item.issuer}: {join_and(list(item.credentials))}"
    lines: list[RenderableType] = [Text(title, style="bold")]
    if item.cycle_start and item.cycle_end:
        left = "" if item.days_left is None else f", {plural(item.days_left, 'day')} left"
        lines.append(Text(f"Cycle {item.cycle_start.isoformat()} to {item.cycle_end.isoformat()}{left}."))
    else:
        lines.append(Text(item.date_rule))
    summary = _table("", "required", "earned", "still needed")
    _row(summary, "CEUs", _num(item.required), _num(item.earned), _num(item.needed))
    for s in item.subject:
        _row(summary, f"  {s.name}", _num(s.required), _num(s.earned), _num(s.needed))
    lines.append(summary)
    lines.append(Text(item.basis + "."))
    for s in item.subject:
        lines.append(Text(f"  {s.name} (category '{s.category}'): {s.rule} [{s.source}]"))
    for f in item.flags:
        ids = f" ({_ids(f.entries)})" if f.entries else ""
        src = f" [{f.source}]" if f.source else ""
        lines.append(Text(f"! {f.text}{ids}{src}"))
    counted = [entries[i] for i in item.entries if i in entries]
    if counted:
        lines.append(Text("Counted:"))
        for e in counted[-SHOWN_ENTRIES:]:  # lines, not a table: a table costs ~1 ms a row to lay out
            use = next((u for u in e.uses if u.issuer == item.issuer), None)
            what = "" if use is None else plural(use.ceus, "CEU") + (
                f" toward {join_and(list(use.subjects))}" if use.subjects else "") + (
                f"; {use.why_not}" if use.why_not else "")  # fmt: skip
            lines.append(Text(f"  {e.date.isoformat()}  {e.id}  {e.title}: {what}"))
        if len(counted) > SHOWN_ENTRIES:
            lines.append(Text(f"  (the latest {SHOWN_ENTRIES} of {len(counted)} counted; --json lists them all)"))
    return Group(*lines)


def progress_view(result: Progress, title: str | None = None) -> RenderableType:
    if not result.issuers:
        return Text("No credentials held in the CEU log: add one with 'certcli ceu hold CODE@DATE'.")
    by_id = {e.id: e for e in result.entries}
    parts: list[RenderableType] = [Text(title, style="bold underline"), Text("")] if title else []
    for n, item in enumerate(result.issuers):
        if n:
            parts.append(Text(""))
        parts.append(_issuer_view(item, by_id))
    for f in result.flags:
        parts.append(Text(f"! {f.text} ({_ids(f.entries)})"))
    if result.earlier:
        parts.append(Text(f"{plural(result.earlier, 'older entry', 'older entries')}, from earlier cycles, "
                          "count for none of these ('certcli ceu list' has them)."))  # fmt: skip
    return Group(*parts)


# --------------------------------------------------------------------------- audit


def audit_markdown(code: str, item: IssuerProgress, entries: Sequence[EntryLike]) -> str:
    """The entries that count for one credential's current cycle, as an issuer's audit asks."""
    start = item.cycle_start.isoformat() if item.cycle_start else "?"
    end = item.cycle_end.isoformat() if item.cycle_end else "?"
    lines = [
        f"# CEUs for {code} ({item.issuer}), cycle {start} to {end}",
        "",
        f"Required {_num(item.required)}, earned {_num(item.earned)}, still needed {_num(item.needed)}.",
        "",
        "| id | date | CEUs | title | provider | certificate | sha256 |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in entries:
        cells = [e.id, e.date.isoformat(), f"{e.hours:g}", e.title, e.provider, e.certificate or "", e.sha256 or ""]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
