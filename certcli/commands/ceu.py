"""``certcli ceu``: one CEU log across issuers, kept on this machine (parse → store/engine → render).

Module level: typer and the standard library only; the store, the engine and rich load inside
the commands. No ``from __future__ import annotations``: typer would have to evaluate every
annotation string at start-up (~1,000 ``compile`` calls); names only for the type checker are quoted.
"""

import io
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from certcli.commands.common import JsonOpt, clock
from certcli.commands.common import catalog as load
from certcli.commands.renew import parse_date, parse_held
from certcli.errors import UsageError
from certcli.output import destination, emit, say

if TYPE_CHECKING:
    from certcli.catalog import Catalog
    from certcli.engine.renewal import HeldCredential
    from certcli.store import Entry, Hold

ceu_app = typer.Typer(  # its commands: COMMANDS, at the end (certcli.cli registers them)
    help="Your CEU log, across issuers, kept on this machine: what you earned, and what each issuer still wants.",
    no_args_is_help=True,
)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="CERTCLI_DB",
        metavar="FILE",
        help="The CEU log's file (default: ceu.sqlite3 in certcli's data directory).",
        show_default=False,
    ),
]
ForOpt = Annotated[
    list[str] | None,
    typer.Option("--for", metavar="CODE", help="A credential it counts for (repeat; default: every held one it can)."),
]
CategoryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        metavar="CATEGORY",
        help="aapc-approved, not-aapc-approved, core, an AAPC subject (auditing, cardiology… or the code, CPMA), "
        "hiim, other-domain, ahima (from AHIMA), amba (from AMBA). Repeat for several.",
    ),
]
CertOpt = Annotated[
    str | None, typer.Option("--certificate", metavar="FILE", help="The certificate: its path and SHA-256 are kept.")
]
CopyOpt = Annotated[bool, typer.Option("--copy", help="Also keep a copy of the certificate next to the log.")]
DateOpt = Annotated[str | None, typer.Option("--date", metavar="DATE", help="The day it was completed (YYYY-MM-DD).")]
IdArg = Annotated[str, typer.Argument(metavar="ID", help="The entry's id (see 'certcli ceu list').")]


# --------------------------------------------------------------------------- plumbing


def _db_path(db: str | None) -> Path:
    if db:
        return Path(db).expanduser()
    from certcli.store import default_path

    return default_path()


def _held(catalog: "Catalog", holds: "list[Hold]") -> "list[HeldCredential]":
    from certcli.engine.renewal import HeldCredential

    known = [h for h in holds if h.code in catalog.credentials]
    return [HeldCredential(catalog.credentials[h.code], h.earned, h.cycle_end) for h in known]


def _date(text: str, arg: str) -> date:
    return parse_date(text.strip(), arg)


def _new_id(taken: set[str]) -> str:
    import secrets

    while True:
        candidate = secrets.token_hex(5)
        if candidate not in taken:
            return candidate


def _content_id(day: str, hours: str, title: str, provider: str, codes: str) -> str:
    """The id of an imported row that has none: from its content, so importing it twice adds it once."""
    import hashlib

    return hashlib.sha256("\x1f".join([day, hours, title, provider, codes]).encode()).hexdigest()[:10]


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _certificate(text: str, copy: bool, db: Path) -> tuple[str, str]:
    path = Path(text).expanduser()
    if not path.is_file():
        raise UsageError(f"--certificate {text}: no such file.")
    digest = _sha256(path)
    if not copy:
        return str(path.resolve()), digest
    import shutil

    from certcli.store import _make_dirs

    folder = db.parent / "certificates"
    _make_dirs(folder)
    target = folder / f"{digest}{path.suffix.lower()}"
    if not target.exists():
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, path.open("rb") as src:
            shutil.copyfileobj(src, out)
        os.replace(tmp, target)
    return str(target.resolve()), digest


def _write(target: str, text: str) -> None:
    """FILE, written atomically (an existing file keeps its mode); '-' is stdout."""
    destination("FILE", target, "log.csv").write(text)


def _entry_out(entry: "Entry", json_out: bool, verb: str) -> None:
    from certcli.render.ceu import entry_json

    if json_out:
        emit({"entry": entry_json(entry)})
    else:
        what = " ".join(entry.credentials)
        sys.stdout.write(f"{verb} {entry.id}: {entry.hours:g} CEUs on {entry.date.isoformat()} for {what}.\n")


# --------------------------------------------------------------------------- holds


def hold(
    ctx: typer.Context,
    codes: Annotated[
        list[str],
        typer.Argument(metavar="CODE@DATE", help="A credential and the date earned (CPC@2024-03-15), or the end "
                       "of its cycle (CPC@end:2026-06-30), as 'renew' takes them.", show_default=False),
    ],  # fmt: skip
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Keep in the log a credential you hold, with the date earned (or its cycle end)."""
    from certcli.render.ceu import hold_json, holds_text
    from certcli.store import Hold, open_log

    catalog = load(ctx)
    today = clock(ctx).today()
    held = parse_held(catalog, codes, today)
    for h in held:
        if not h.dated:
            raise UsageError(f"{h.code}: give the date earned, e.g. {h.code}@2024-03-15 (or {h.code}@end:DATE).")
    with open_log(_db_path(db), write=True) as log:
        for h in held:
            log.hold(Hold(h.code, h.earned, h.cycle_end))
        holds = log.holds()
    if json_out:
        emit({"holds": [hold_json(*h) for h in holds]})
    else:
        sys.stdout.write(holds_text(holds) + "\n")


def unhold(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The credential to drop from the log.")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Drop a credential from the log (its entries stay)."""
    from certcli.render.ceu import hold_json, holds_text
    from certcli.store import open_log

    cred = load(ctx).credential(code.strip())
    with open_log(_db_path(db), write=True) as log:
        if not log.unhold(cred.code):
            raise UsageError(f"{cred.code} is not held in the CEU log (see 'certcli ceu list').")
        holds = log.holds()
    if json_out:
        emit({"holds": [hold_json(*h) for h in holds]})
    else:
        sys.stdout.write(holds_text(holds) + "\n")


# --------------------------------------------------------------------------- entries


def add(
    ctx: typer.Context,
    hours: Annotated[str, typer.Argument(metavar="HOURS", help="CEUs earned (1 CEU = 1 hour), e.g. 1.5.")],
    title: Annotated[str, typer.Option("--title", metavar="WHAT", help="What it was (the course or event).")],
    day: DateOpt = None,
    provider: Annotated[str, typer.Option("--provider", metavar="NAME", help="Who gave it.")] = "",
    for_codes: ForOpt = None,
    category: CategoryOpt = None,
    certificate: CertOpt = None,
    copy: CopyOpt = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Log one CEU activity."""
    from certcli.engine.ceu import applies_to, check_day, check_hours, parse_category
    from certcli.store import Entry, open_log

    catalog = load(ctx)
    today = clock(ctx).today()
    ceus = check_hours(hours)
    when = check_day(_date(day, "--date") if day else today, today)
    if not title.strip():
        raise UsageError("--title: say what the activity was.")
    cats = tuple(sorted({parse_category(catalog, c) for c in category or []}))
    path = _db_path(db)
    with open_log(path, write=True) as log:
        held = _held(catalog, log.holds())
        codes = applies_to(catalog, held, when, for_codes or [], cats)
        cert, digest = _certificate(certificate, copy, path) if certificate else (None, None)
        entry = Entry(_new_id(log.ids()), when, ceus, title.strip(), provider.strip(), tuple(sorted(codes)), cats,
                      cert, digest)  # fmt: skip
        log.add([entry])
    _entry_out(entry, json_out, "Logged")


def list_cmd(db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Every entry in the log, by date."""
    from certcli.render.ceu import entries_json, entries_table, holds_text
    from certcli.store import open_log

    with open_log(_db_path(db)) as log:
        entries = log.entries()
        holds = log.holds()
    if json_out:
        doc = entries_json(entries)
        emit(doc)
    else:
        from rich.console import Group
        from rich.text import Text

        emit(Group(Text(holds_text(holds)), entries_table(entries)))


def edit(
    ctx: typer.Context,
    entry_id: IdArg,
    hours: Annotated[str | None, typer.Option("--hours", metavar="HOURS", help="New CEUs.")] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="WHAT", help="New title.")] = None,
    day: DateOpt = None,
    provider: Annotated[str | None, typer.Option("--provider", metavar="NAME", help="New provider.")] = None,
    for_codes: ForOpt = None,
    category: CategoryOpt = None,
    certificate: CertOpt = None,
    copy: CopyOpt = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Change an entry: each option given replaces that field (--for and --category replace the lists)."""
    from certcli.engine.ceu import applies_to, check_day, check_hours, parse_category
    from certcli.store import open_log

    catalog = load(ctx)
    today = clock(ctx).today()
    path = _db_path(db)
    with open_log(path, write=True) as log:
        entry = log.entry(entry_id.strip())
        if entry is None:
            raise UsageError(f"No entry '{entry_id}' in the CEU log (see 'certcli ceu list').")
        changes: dict[str, Any] = {}
        if hours is not None:
            changes["hours"] = check_hours(hours)
        if day is not None:
            changes["date"] = check_day(_date(day, "--date"), today)
        if title is not None:
            if not title.strip():
                raise UsageError("--title: say what the activity was.")
            changes["title"] = title.strip()
        if provider is not None:
            changes["provider"] = provider.strip()
        cats = entry.categories
        if category is not None:
            cats = changes["categories"] = tuple(sorted({parse_category(catalog, c) for c in category}))
        codes = list(for_codes) if for_codes else list(entry.credentials)
        when = changes.get("date", entry.date)
        changes["credentials"] = tuple(sorted(applies_to(catalog, _held(catalog, log.holds()), when, codes, cats)))
        if certificate is not None:
            changes["certificate"], changes["sha256"] = _certificate(certificate, copy, path)
        entry = entry._replace(**changes)
        log.replace(entry)
    _entry_out(entry, json_out, "Changed")


def remove(entry_id: IdArg, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Remove an entry from the log."""
    from certcli.store import open_log

    with open_log(_db_path(db), write=True) as log:
        if not log.remove(entry_id.strip()):
            raise UsageError(f"No entry '{entry_id}' in the CEU log (see 'certcli ceu list').")
        left = log.count()
    if json_out:
        emit({"removed": entry_id.strip(), "entries": left})
    else:
        sys.stdout.write(f"Removed {entry_id.strip()}; {left} entries left.\n")


# --------------------------------------------------------------------------- progress


def progress(ctx: typer.Context, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Per issuer: this cycle's CEUs required, earned, still needed, the subject minimums, days left,
    and what each entry counted for. Entries outside the cycle, repeated courses and CEUs beyond
    what can count are flagged, never silently counted."""
    from certcli.engine.ceu import progress as compute
    from certcli.render.ceu import progress_json, progress_view
    from certcli.store import open_log

    catalog = load(ctx)
    with open_log(_db_path(db)) as log:
        holds = log.holds()
        entries = log.entries()
    result = compute(catalog, _held(catalog, holds), entries, clock(ctx).today())
    if json_out:
        emit(progress_json(result))
    else:
        emit(progress_view(result))


# --------------------------------------------------------------------------- export and import


def _csv_text(rows: list[dict[str, str]], fields: list[str]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="FILE", help="CSV by the .csv suffix, else JSON ('-': stdout).")],
    audit: Annotated[
        str | None,
        typer.Option("--audit", metavar="CODE", help="Only the entries that count for CODE's current cycle, as "
                     "Markdown (or CSV by the .csv suffix), with certificate paths and hashes."),
    ] = None,  # fmt: skip
    db: DbOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Say what was written as one JSON document.")] = False,
) -> None:
    """Write the whole log (holds included) to FILE, or an audit list for one credential."""
    from certcli.render import ceu as view
    from certcli.store import open_log

    is_csv = target.lower().endswith(".csv")
    if json_out and target == "-":
        raise UsageError("--json with FILE '-': the export itself goes to stdout; give a file name.")
    with open_log(_db_path(db)) as log:
        holds = log.holds()
        entries = log.entries()
    if audit is not None:
        from certcli.engine.ceu import audit as audit_of
        from certcli.engine.ceu import progress as compute

        catalog = load(ctx)
        code = catalog.credential(audit.strip()).code
        result = compute(catalog, _held(catalog, holds), entries, clock(ctx).today())
        item, ids = audit_of(result, code)
        if item is None:
            raise UsageError(f"{code} is not held in the CEU log: hold it first (certcli ceu hold {code}@DATE).")
        by_id = {e.id: e for e in entries}
        chosen = [by_id[i] for i in ids]
        if is_csv:
            text = _csv_text([view.csv_entry(e) for e in chosen], view.CSV_FIELDS)
        else:
            text = view.audit_markdown(code, item, chosen)
        _write(target, text)
        if json_out:
            emit({"file": target, "audit": code, "entries": [e.id for e in chosen]})
        elif target != "-":
            say(f"Wrote {target}: {len(chosen)} entries for {code}'s cycle.")
        return
    if is_csv:
        rows = [view.csv_hold(*h) for h in holds] + [view.csv_entry(e) for e in entries]
        text = _csv_text(rows, view.CSV_FIELDS)
    else:
        text = json.dumps(view.log_json(holds, entries), indent=2, ensure_ascii=False) + "\n"
    _write(target, text)
    if json_out:
        emit({"file": target, "holds": len(holds), "entries": len(entries)})
    elif target != "-":
        say(f"Wrote {target}: {len(holds)} held credentials, {len(entries)} entries.")


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
    from certcli.engine.ceu import check_day, check_hours, parse_category
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


def import_cmd(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FILE", help="A file 'certcli ceu export' wrote (CSV or JSON).")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Read a log back: entries whose id is already in the log are kept as they are (so importing a
    file twice adds nothing); a row with an empty id gets one. Every row is checked first: one bad
    row and nothing is imported."""
    from certcli.store import open_log

    path = Path(source).expanduser()
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
        emit({"added": added, "already": already, "holds_added": [h.code for h in new_holds],
                    "holds_kept": kept_holds})  # fmt: skip
    else:
        sys.stdout.write(f"Imported {added} entries ({already} already in the log) and {len(new_holds)} held "
                         "credentials.\n")  # fmt: skip
        if kept_holds:
            say(f"Kept the log's own dates for {', '.join(kept_holds)} (the file has other dates).")


# name, function, context settings: certcli.cli registers each on ceu_app, as it does the other commands
COMMANDS: list[tuple[str, Any, dict[str, Any]]] = [
    ("hold", hold, {}),
    ("unhold", unhold, {}),
    ("add", add, {"ignore_unknown_options": True}),  # 'add -1' is hours (refused as such), not an option
    ("list", list_cmd, {}),
    ("edit", edit, {}),
    ("remove", remove, {}),
    ("progress", progress, {}),
    ("export", export, {}),
    ("import", import_cmd, {}),
]
