"""The CEU log: one SQLite file on the person's own machine (the only sqlite3 user in certcli).

* The schema is created on first use and versioned with ``PRAGMA user_version``; an older file is
  migrated forward, in the same transaction as the command that found it old.
* ``PRAGMA application_id`` marks the file as a certcli log: any other database (or a file that is
  not a database) is refused with one line and left as it was, and so is a log written by a newer
  certcli (a ``user_version`` above :data:`LATEST`).
* WAL, foreign keys on, and every command is one transaction (``BEGIN IMMEDIATE`` when it writes):
  a crash, SIGKILL or Ctrl-C leaves the log as it was before the command or after it. Two certcli
  processes writing at once both land: the second waits (busy timeout) and retries its ``BEGIN``.
* A new log file is created 0600, and the directories certcli creates for it 0700: the log is a
  person's own record.
"""


import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from certcli.errors import CertcliError

APPLICATION_ID = 0x6365754C  # "ceuL": marks a certcli CEU log
LATEST = 2  # the schema version this certcli writes
BUSY_TIMEOUT_S = 10.0
BEGIN_RETRIES = 20
SEP = ";"  # between codes or categories in the version-1 columns


class StoreError(CertcliError):
    """The log file cannot be used (not a certcli log, from a newer certcli, unreadable): exit 1."""


class Hold(NamedTuple):
    """A credential the person holds: the date earned, or the end of a cycle (as ``renew`` takes them)."""

    code: str
    earned: date | None = None
    cycle_end: date | None = None


class Entry(NamedTuple):
    """One CEU activity, as logged."""

    id: str
    date: date
    hours: float
    title: str
    provider: str = ""
    credentials: tuple[str, ...] = ()  # the credentials it applies to
    categories: tuple[str, ...] = ()
    certificate: str | None = None  # a path, as recorded
    sha256: str | None = None


# --------------------------------------------------------------------------- schema and migrations

_V1 = """
CREATE TABLE holds (
    code TEXT PRIMARY KEY,
    earned TEXT,
    cycle_end TEXT,
    CHECK (earned IS NOT NULL OR cycle_end IS NOT NULL)
);
CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours > 0 AND hours <= 100),
    title TEXT NOT NULL,
    provider TEXT NOT NULL DEFAULT '',
    credentials TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL DEFAULT '',
    certificate TEXT,
    sha256 TEXT
);
"""

_V2 = """
CREATE TABLE entry_credentials (
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (entry_id, code)
) WITHOUT ROWID;
CREATE TABLE entry_categories (
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    PRIMARY KEY (entry_id, category)
) WITHOUT ROWID;
CREATE INDEX entries_by_date ON entries(date);
"""


def _to_v1(db: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            db.execute(statement)


def _to_v2(db: sqlite3.Connection) -> None:
    """Version 1 kept an entry's credentials and categories as ';'-joined text; version 2 keeps
    them in their own tables, tied to the entry by a foreign key (removing an entry removes them),
    and indexes the entries by date (progress reads only the current cycles' entries)."""
    for statement in _V2.split(";"):
        if statement.strip():
            db.execute(statement)
    rows = db.execute("SELECT id, credentials, categories FROM entries").fetchall()
    db.executemany(
        "INSERT OR IGNORE INTO entry_credentials VALUES (?, ?)",
        ((i, code) for i, codes, _ in rows for code in codes.split(SEP) if code),
    )
    db.executemany(
        "INSERT OR IGNORE INTO entry_categories VALUES (?, ?)",
        ((i, cat) for i, _, cats in rows for cat in cats.split(SEP) if cat),
    )
    db.execute("ALTER TABLE entries DROP COLUMN credentials")
    db.execute("ALTER TABLE entries DROP COLUMN categories")


MIGRATIONS = {1: _to_v1, 2: _to_v2}  # version → the step that brings the version before it there


# --------------------------------------------------------------------------- the file


def _make_dirs(directory: Path) -> None:
    """Create the missing directories 0700 (existing ones are left as they are)."""
    missing = []
    here = directory
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
        os.chmod(path, 0o700)  # mkdir's mode passes through the umask


def _create(path: Path) -> None:
    """A new, empty log file, 0600 (another process may have made it first: then that one)."""
    _make_dirs(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _refuse(path: Path, why: str) -> StoreError:
    return StoreError(f"{path}: {why}; certcli leaves it as it is (use --db FILE for another log).")


def _identify(db: sqlite3.Connection, path: Path) -> int:
    """The file's schema version (0: an empty database, to be set up); refuses anything else. Reads only."""
    try:
        app = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if _locked(exc):  # a locked log is still a log
            raise StoreError(f"{path}: the CEU log is busy (another certcli is writing it); try again.") from None
        raise _refuse(path, f"not a certcli CEU log ({exc})") from None
    except sqlite3.DatabaseError:
        raise _refuse(path, "not a certcli CEU log (not an SQLite database)") from None
    if app == 0 and version == 0 and tables == 0:
        return 0
    if app != APPLICATION_ID:
        raise _refuse(path, "not a certcli CEU log (another program's database)")
    if version > LATEST:
        raise _refuse(path, f"written by a newer certcli (log version {version}; this certcli reads up to {LATEST})")
    return int(version)


def _locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _retry(db: sqlite3.Connection, sql: str) -> None:
    """Run ``sql`` (BEGIN, a journal-mode change), waiting for another writer to finish."""
    for attempt in range(BEGIN_RETRIES):
        try:
            db.execute(sql)
            return
        except sqlite3.OperationalError as exc:
            if not _locked(exc) or attempt == BEGIN_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _connect(path: Path) -> sqlite3.Connection:
    if not path.exists():
        _create(path)
    elif not path.is_file():
        raise StoreError(f"{path}: not a file; give the CEU log's file with --db FILE.")
    try:
        db = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
        )
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the CEU log ({exc}).") from None
    return db


@contextmanager
def open_log(path: Path, write: bool = False) -> "Iterator[Log]":
    """The log at ``path`` (created on first use) inside one transaction: committed when the
    block ends, rolled back when it raises. ``write`` takes the write lock from the start."""
    db = _connect(path)
    try:
        version = _identify(db, path)
        try:
            if version == 0:
                _retry(db, "PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            _retry(db, "BEGIN IMMEDIATE" if write or version < LATEST else "BEGIN")
            if version < LATEST:  # another process may have set it up meanwhile: look again, locked
                version = _identify(db, path)
                for step in range(version + 1, LATEST + 1):
                    MIGRATIONS[step](db)
                if version == 0:
                    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                if version < LATEST:
                    db.execute(f"PRAGMA user_version={LATEST}")
        except sqlite3.OperationalError as exc:
            if db.in_transaction:
                db.rollback()
            raise StoreError(f"{path}: cannot use the CEU log ({exc}).") from None
        log = Log(db)
        try:
            yield log
        except sqlite3.Error as exc:  # a full disk, an I/O error: one line, and the log as it was
            if db.in_transaction:
                db.rollback()
            raise StoreError(f"{path}: the change was not saved ({exc}).") from None
        except BaseException:
            if db.in_transaction:
                db.rollback()
            raise
        try:
            db.commit() if db.in_transaction else None
        except sqlite3.OperationalError as exc:
            db.rollback()
            raise StoreError(f"{path}: the change was not saved ({exc}).") from None
    finally:
        db.close()


# --------------------------------------------------------------------------- reading and writing


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


_SELECT = "SELECT e.id, e.date, e.hours, e.title, e.provider, e.certificate, e.sha256 FROM entries e"


def _grouped(rows: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """(entry id, value) rows → values per entry id. The link tables are WITHOUT ROWID, keyed on
    (entry_id, value), so a full scan reads them already in that order: no sort needed."""
    out: dict[str, tuple[str, ...]] = {}
    for key, value in rows:
        out[key] = out.get(key, ()) + (value,)
    return out


class Log:
    """The log's rows, read and written inside the transaction ``open_log`` holds."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    # holds
    def holds(self) -> list[Hold]:
        rows = self._db.execute("SELECT code, earned, cycle_end FROM holds ORDER BY code").fetchall()
        return [Hold(code, _day(earned), _day(end)) for code, earned, end in rows]

    def hold(self, hold: Hold) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO holds VALUES (?, ?, ?)",
            (hold.code, hold.earned.isoformat() if hold.earned else None,
             hold.cycle_end.isoformat() if hold.cycle_end else None),
        )  # fmt: skip

    def unhold(self, code: str) -> bool:
        return self._db.execute("DELETE FROM holds WHERE code = ?", (code,)).rowcount > 0

    # entries
    def _entries(self, where: str = "", args: tuple[str, ...] = ()) -> list[Entry]:
        """Entries matching ``where`` (on ``e``, the entries table), by date, then id."""
        db = self._db
        links = f" l JOIN entries e ON e.id = l.entry_id {where}" if where else ""
        codes = _grouped(db.execute("SELECT l.entry_id, l.code FROM entry_credentials" + (links or " l"), args))
        cats = _grouped(db.execute("SELECT l.entry_id, l.category FROM entry_categories" + (links or " l"), args))
        none: tuple[str, ...] = ()
        day = date.fromisoformat
        rows = sorted(db.execute(_SELECT + where, args), key=itemgetter(1, 0))  # by date, then id: faster
        return [  # here than through an index, which would read the table in random order
            Entry(i, day(d), hours, title, provider, codes.get(i, none), cats.get(i, none), cert, digest)
            for i, d, hours, title, provider, cert, digest in rows
        ]

    def entries(self, since: date | None = None) -> list[Entry]:
        """Every entry (or those dated on or after ``since``), by date, then id."""
        return self._entries(" WHERE e.date >= ?", (since.isoformat(),)) if since else self._entries()

    def entry(self, entry_id: str) -> Entry | None:
        found = self._entries(" WHERE e.id = ?", (entry_id,))
        return found[0] if found else None

    def ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT id FROM entries")}

    def count(self, before: date | None = None) -> int:
        """How many entries (dated before ``before``, if given)."""
        if before is None:
            return int(self._db.execute("SELECT count(*) FROM entries").fetchone()[0])
        return int(self._db.execute("SELECT count(*) FROM entries WHERE date < ?", (before.isoformat(),)).fetchone()[0])

    def add(self, entries: Iterable[Entry]) -> int:
        """Insert new entries (ids not in the log yet); returns how many."""
        items = list(entries)
        self._db.executemany(
            "INSERT INTO entries (id, date, hours, title, provider, certificate, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((e.id, e.date.isoformat(), e.hours, e.title, e.provider, e.certificate, e.sha256) for e in items),
        )
        self._db.executemany(
            "INSERT INTO entry_credentials VALUES (?, ?)", ((e.id, code) for e in items for code in e.credentials)
        )
        self._db.executemany(
            "INSERT INTO entry_categories VALUES (?, ?)", ((e.id, cat) for e in items for cat in e.categories)
        )
        return len(items)

    def replace(self, entry: Entry) -> None:
        self.remove(entry.id)
        self.add([entry])

    def remove(self, entry_id: str) -> bool:
        return self._db.execute("DELETE FROM entries WHERE id = ?", (entry_id,)).rowcount > 0


def default_path() -> Path:
    """The log in the user's data directory (platformdirs' ``user_data_dir("certcli")``)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("certcli")) / "ceu.sqlite3"
