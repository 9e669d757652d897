"""The bodies of the ``certcli ceu`` commands (parse → store/engine → render), imported only when
a ``ceu`` command runs: :mod:`certcli.commands.ceu` keeps just the signatures and the help, which
load on every run (a module this size costs ~10 ms to compile where no bytecode is kept).
"""

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from certcli.commands.common import catalog as load
from certcli.commands.common import clock
from certcli.commands.renew import parse_date, parse_held
from certcli.errors import UsageError
from certcli.output import emit
from certcli.paths import typed_path

if TYPE_CHECKING:
    from certcli.catalog import Catalog
    from certcli.engine.ceu import Progress
    from certcli.engine.renewal import HeldCredential
    from certcli.store import Entry, Hold

# --------------------------------------------------------------------------- plumbing


def _db_path(db: str | None) -> Path:
    if db:
        return typed_path(db)
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


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _certificate(text: str, copy: bool, db: Path) -> tuple[str, str]:
    path = typed_path(text)
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


def _entry_out(entry: "Entry", json_out: bool, verb: str, catalog: "Catalog | None" = None) -> None:
    from certcli.render.ceu import entry_json
    from certcli.words import plural

    if json_out:
        from certcli.documents import versioned

        emit(versioned({"entry": entry_json(entry)}, catalog))
    else:
        what = " ".join(entry.credentials)
        sys.stdout.write(f"{verb} {entry.id}: {plural(entry.hours, 'CEU')} on {entry.date.isoformat()} for {what}.\n")


# --------------------------------------------------------------------------- holds


def hold(ctx: typer.Context, codes: list[str], db: str | None, json_out: bool) -> None:
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
        from certcli.documents import versioned

        emit(versioned({"holds": [hold_json(*h) for h in holds]}, catalog))
    else:
        sys.stdout.write(holds_text(holds) + "\n")


def unhold(ctx: typer.Context, code: str, db: str | None, json_out: bool) -> None:
    from certcli.render.ceu import hold_json, holds_text
    from certcli.store import open_log

    catalog = load(ctx)
    cred = catalog.credential(code.strip())
    with open_log(_db_path(db), write=True) as log:
        if not log.unhold(cred.code):
            raise UsageError(f"{cred.code} is not held in the CEU log (see 'certcli ceu list').")
        holds = log.holds()
    if json_out:
        from certcli.documents import versioned

        emit(versioned({"holds": [hold_json(*h) for h in holds]}, catalog))
    else:
        sys.stdout.write(holds_text(holds) + "\n")


# --------------------------------------------------------------------------- entries


def add(
    ctx: typer.Context,
    hours: str,
    title: str,
    day: str | None,
    provider: str,
    for_codes: list[str] | None,
    category: list[str] | None,
    certificate: str | None,
    copy: bool,
    db: str | None,
    json_out: bool,
) -> None:
    from certcli.engine.ceu_entry import applies_to, check_day, check_hours, check_title, parse_category
    from certcli.store import Entry, open_log

    catalog = load(ctx)
    today = clock(ctx).today()
    ceus = check_hours(hours)
    when = check_day(_date(day, "--date") if day else today, today)
    title = check_title(title)
    cats = tuple(sorted({parse_category(catalog, c) for c in category or []}))
    path = _db_path(db)
    with open_log(path, write=True) as log:
        held = _held(catalog, log.holds())
        codes = applies_to(catalog, held, when, for_codes or [], cats)
        cert, digest = _certificate(certificate, copy, path) if certificate else (None, None)
        entry = Entry(_new_id(log.ids()), when, ceus, title, provider.strip(), tuple(sorted(codes)), cats,
                      cert, digest)  # fmt: skip
        log.add([entry])
    _entry_out(entry, json_out, "Logged", catalog)


def list_cmd(db: str | None, json_out: bool) -> None:
    from certcli.render.ceu import entries_json, entries_table, holds_text
    from certcli.store import open_log

    with open_log(_db_path(db)) as log:
        entries = log.entries()
        holds = log.holds()
    if json_out:
        from certcli.documents import versioned

        emit(versioned(entries_json(entries)))
    else:
        from rich.console import Group
        from rich.text import Text

        emit(Group(Text(holds_text(holds)), entries_table(entries)))


def edit(
    ctx: typer.Context,
    entry_id: str,
    hours: str | None,
    title: str | None,
    day: str | None,
    provider: str | None,
    for_codes: list[str] | None,
    category: list[str] | None,
    certificate: str | None,
    copy: bool,
    db: str | None,
    json_out: bool,
) -> None:
    from certcli.engine.ceu_entry import applies_to, check_day, check_hours, check_title, parse_category
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
            changes["title"] = check_title(title)
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
    _entry_out(entry, json_out, "Changed", catalog)


def remove(entry_id: str, db: str | None, json_out: bool) -> None:
    from certcli.store import open_log
    from certcli.words import plural

    with open_log(_db_path(db), write=True) as log:
        if not log.remove(entry_id.strip()):
            raise UsageError(f"No entry '{entry_id}' in the CEU log (see 'certcli ceu list').")
        left = log.count()
    if json_out:
        from certcli.documents import versioned

        emit(versioned({"removed": entry_id.strip(), "entries": left}))
    else:
        sys.stdout.write(f"Removed {entry_id.strip()}; {plural(left, 'entry', 'entries')} left.\n")


# --------------------------------------------------------------------------- progress


def _progress(ctx: typer.Context, db: str | None) -> "tuple[Progress, dict[str, Entry]]":
    """Progress from the log, reading only the entries dated in some current cycle (and counting
    the older ones): a long log costs little. Also the entries read, by id."""
    from certcli.engine.ceu import progress as compute
    from certcli.engine.ceu import since
    from certcli.store import open_log

    catalog = load(ctx)
    today = clock(ctx).today()
    with open_log(_db_path(db)) as log:
        held = _held(catalog, log.holds())
        first = since(catalog, held, today)
        entries = log.entries(since=first)
        earlier = log.count(before=first) if first else 0
    return compute(catalog, held, entries, today, earlier), {e.id: e for e in entries}


def progress(ctx: typer.Context, db: str | None, json_out: bool) -> None:
    from certcli.render.ceu import progress_json, progress_view

    result, _ = _progress(ctx, db)
    if json_out:
        from certcli.documents import versioned

        emit(versioned(progress_json(result), load(ctx)))
    else:
        emit(progress_view(result))


def for_renew(catalog: "Catalog", held: "list[HeldCredential]", today: date, db: str | None) -> "Progress | None":
    """The log's progress for ``renew``'s credentials, when the log exists and has entries (else
    None; a missing log is not created). A credential given without a date takes the log's."""
    from certcli.engine.ceu import progress as compute
    from certcli.engine.ceu import since
    from certcli.store import open_log

    path = _db_path(db)
    if not path.exists():
        return None
    with open_log(path) as log:
        if not log.count():
            return None
        dates = {h.code: h for h in log.holds()}
        dated = [h if h.dated or h.code not in dates else h._replace(earned=dates[h.code].earned,
                                                                      cycle_end=dates[h.code].cycle_end)
                 for h in held]  # fmt: skip
        first = since(catalog, dated, today)
        entries = log.entries(since=first)
        earlier = log.count(before=first) if first else 0
    return compute(catalog, dated, entries, today, earlier)
