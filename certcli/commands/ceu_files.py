"""The bodies of ``certcli ceu export`` and ``certcli ceu import``: the log as CSV or JSON, and
an audit list, read and written through the csv and json modules (imported when they run)."""

import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from certcli.commands.ceu_log import _date, _db_path, _progress
from certcli.commands.common import catalog as load
from certcli.commands.common import clock
from certcli.errors import UsageError
from certcli.output import destination, emit, say
from certcli.paths import typed_path

if TYPE_CHECKING:
    from certcli.catalog import Catalog
    from certcli.store import Entry, Hold


def _content_id(day: str, hours: str, title: str, provider: str, codes: str) -> str:
    """The id of an imported row that has none: from its content, so importing it twice adds it once."""
    import hashlib

    return hashlib.sha256("\x1f".join([day, hours, title, provider, codes]).encode()).hexdigest()[:10]


def _write(target: str, text: str) -> None:
    """FILE, written atomically (an existing file keeps its mode); '-' is stdout."""
    destination("FILE", target, "log.csv").write(text)


def _csv_text(rows: list[dict[str, str]], fields: list[str]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export(ctx: typer.Context, target: str, audit: str | None, db: str | None, json_out: bool) -> None:
    from certcli.render import ceu as view
    from certcli.store import open_log
    from certcli.words import plural

    is_csv = target.lower().endswith(".csv")
    if json_out and target == "-":
        raise UsageError("--json with FILE '-': the export itself goes to stdout; give a file name.")
    if audit is not None:
        from certcli.engine.ceu import audit as audit_of

        code = load(ctx).credential(audit.strip()).code
        result, by_id = _progress(ctx, db)
        item, ids = audit_of(result, code)
        if item is None:
            raise UsageError(f"{code} is not held in the CEU log: hold it first (certcli ceu hold {code}@DATE).")
        chosen = [by_id[i] for i in ids]
        if is_csv:
            text = _csv_text([view.csv_entry(e) for e in chosen], view.CSV_FIELDS)
        else:
            text = view.audit_markdown(code, item, chosen)
        _write(target, text)
        if json_out:
            from certcli.documents import versioned

            emit(versioned({"file": target, "audit": code, "entries": [e.id for e in chosen]}, load(ctx)))
        elif target != "-":
            say(f"Wrote {target}: {plural(len(chosen), 'entry', 'entries')} for {code}'s cycle.")
        return
    with open_log(_db_path(db)) as log:
        holds = log.holds()
        entries = log.entries()
    if is_csv:
        rows = [view.csv_hold(*h) for h in holds] + [view.csv_entry(e) for e in entries]
        text = _csv_text(rows, view.CSV_FIELDS)
    else:
        text = json.dumps(view.log_json(holds, entries), indent=2, ensure_ascii=False) + "\n"
    _write(target, text)
    if json_out:
        from certcli.documents import versioned

        emit(versioned({"file": target, "holds": len(holds), "entries": len(entries)}))
    elif target != "-":
        say(f"Wrote {target}: {plural(len(holds), 'held credential')}, {plural(len(entries), 'entry', 'entries')}.")


def _rows_from(path: Path, text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(holds, entries) as plain rows, from a CSV or JSON export."""
    if path.suffix.lower() == ".csv":
        import csv

        reader = csv.DictReader(io.StringIO(text))
        missing = {"date", "hours", "title"} - set(reader.fieldnames or [])
        if missing:
            raise UsageError(f"{path}: the CSV needs a header with {', '.join(sorted(missing))} (see 'ceu export').")
        holds, entries = [], []
        for row in reader:
            kind = (row.get("kind") or "entry").strip()
            if kind in ("hold", "hold-end"):
                holds.append({"code": row.get("credentials", ""), "earned" if kind == "hold" else "cycle_end":
                              row.get("date", "")})  # fmt: skip
            elif kind == "entry":
                entries.append(row)
            else:
                raise UsageError(f"{path}, row {reader.line_num}: kind '{kind}' is not entry, hold or hold-end.")
        return holds, entries
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{path}: not JSON ({exc}); give a file 'certcli ceu export' wrote.") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("entries", []), list) or \
            not isinstance(doc.get("holds", []), list):  # fmt: skip
        raise UsageError(f"{path}: not a CEU log export (no 'entries' list).")
    return list(doc.get("holds", [])), list(doc.get("entries", []))


def _cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def _parse_rows(
    catalog: "Catalog", path: Path, holds: list[dict[str, Any]], rows: list[dict[str, Any]], today: date
) -> "tuple[list[Hold], list[Entry]]":
    from certcli.engine.ceu_entry import check_day, check_hours, parse_category
    from certcli.store import Entry, Hold

    out_holds = []
    for n, row in enumerate(holds, 1):
        if not isinstance(row, dict):
            raise UsageError(f"{path}: held credential {n} is not a record.")
        code = catalog.credential(_cell(row, "code").strip()).code
        earned = _cell(row, "earned").strip()
        end = _cell(row, "cycle_end").strip()
        if not earned and not end:
            raise UsageError(f"{path}: held credential {code} has no date.")
        earned_day = check_day(_date(earned, f"{path} ({code})"), today) if earned else None
        out_holds.append(Hold(code, earned_day, _date(end, f"{path} ({code})") if end else None))
    entries = []
    for n, row in enumerate(rows, 1):
        where = f"{path}, entry {n}"
        if not isinstance(row, dict):
            raise UsageError(f"{where}: not a record.")
        try:
            day = check_day(_date(_cell(row, "date"), where), today)
            ceus = check_hours(_cell(row, "hours").strip())
            title = _cell(row, "title").strip()
            if not title:
                raise UsageError("no title")
            codes = tuple(sorted({catalog.credential(c.strip()).code for c in _cell(row, "credentials").split(";")
                                  if c.strip()}))  # fmt: skip
            cats = tuple(sorted({parse_category(catalog, c) for c in _cell(row, "categories").split(";") if c.strip()}))
        except UsageError as exc:
            raise UsageError(f"{where}: {exc.message}") from None
        provider = _cell(row, "provider").strip()
        entry_id = _cell(row, "id").strip() or _content_id(
            day.isoformat(), f"{ceus:g}", title, provider, ";".join(codes)
        )
        entries.append(Entry(entry_id, day, ceus, title, provider, codes, cats, _cell(row, "certificate") or None,
                             _cell(row, "sha256") or None))  # fmt: skip
    return out_holds, entries


def import_cmd(ctx: typer.Context, source: str, db: str | None, json_out: bool) -> None:
    from certcli.store import open_log
    from certcli.words import plural

    path = typed_path(source)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{source}: cannot read it ({getattr(exc, 'strerror', None) or exc}).") from None
    catalog = load(ctx)
    holds, rows = _parse_rows(catalog, path, *_rows_from(path, text), clock(ctx).today())
    with open_log(_db_path(db), write=True) as log:
        have = {h.code: h for h in log.holds()}
        new_holds = [h for h in holds if h.code not in have]
        kept_holds = [h.code for h in holds if h.code in have and have[h.code] != h]
        for h in new_holds:
            log.hold(h)
        ids = log.ids()
        fresh: dict[str, Entry] = {}
        for e in rows:
            if e.id not in ids and e.id not in fresh:
                fresh[e.id] = e
        added = log.add(fresh.values())
    already = len(rows) - added
    if json_out:
        from certcli.documents import versioned

        emit(versioned({"added": added, "already": already, "holds_added": [h.code for h in new_holds],
                           "holds_kept": kept_holds}, catalog))  # fmt: skip
    else:
        sys.stdout.write(f"Imported {plural(added, 'entry', 'entries')} ({already} already in the log) and "
                         f"{plural(len(new_holds), 'held credential')}.\n")
        if kept_holds:
            say(f"Kept the log's own dates for {', '.join(kept_holds)} (the file has other dates).")
