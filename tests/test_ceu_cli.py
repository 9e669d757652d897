"""`certcli ceu` as a person uses it: hold, add, list, edit, remove, progress, export, import.

The clock is passed in (``obj=Clock(TODAY)``): "300 days ago" is the same day on every run.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certcli import store
from certcli.cli import app
from certcli.commands.common import Clock
from tests.conftest import TODAY, as_json, body, ok

DAY = TODAY - timedelta(days=300)
RECENT = (TODAY - timedelta(days=10)).isoformat()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "log" / "ceu.sqlite3"
    monkeypatch.setenv("CERTCLI_DB", str(path))
    return path


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """certcli in-process, on the clock of TODAY."""
    monkeypatch.delenv("CERTCLI_DATA_DIR", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), obj=Clock(TODAY))


@pytest.fixture
def ceu(run: Callable[..., Any], db: Path) -> Callable[..., Any]:
    return lambda *args: run("ceu", *args)


@pytest.fixture
def two(ceu: Callable[..., Any]) -> Callable[..., Any]:
    """CPC and CCS earned 300 days ago."""
    ok(ceu("hold", f"CPC@{DAY}", f"CCS@{DAY}"))
    return ceu


def _progress(ceu: Callable[..., Any]) -> dict[str, Any]:
    doc = as_json(ceu("progress", "--json"))
    return {i["issuer"]: i for i in doc["issuers"]}


def _snapshot(path: Path) -> list[Any]:
    with sqlite3.connect(path) as con:
        return [con.execute("SELECT * FROM holds ORDER BY code").fetchall(),
                con.execute("SELECT * FROM entries ORDER BY id").fetchall(),
                con.execute("SELECT * FROM entry_credentials ORDER BY 1, 2").fetchall(),
                con.execute("SELECT * FROM entry_categories ORDER BY 1, 2").fetchall()]  # fmt: skip


def test_a_year_of_ceus_for_cpc_and_ccs(two: Callable[..., Any]) -> None:
    ok(two("add", "10", "--title", "Coding update", "--for", "CPC", "--date", RECENT))
    ok(two("add", "5", "--title", "AHIMA webinar", "--for", "CCS"))
    issuers = _progress(two)
    assert {k: (v["required"], v["earned"], v["needed"]) for k, v in issuers.items()} == {
        "AAPC": (36, 10, 26), "AHIMA": (20, 5, 15)}  # fmt: skip
    aapc = issuers["AAPC"]
    assert aapc["credentials"] == ["CPC"] and aapc["cycle_start"] == DAY.isoformat() == "2026-01-27"
    assert (aapc["cycle_end"], aapc["days_left"]) == ("2028-01-27", 430)
    assert [f["kind"] for f in aapc["flags"]] == ["pro_rated"]
    assert {s["category"] for s in issuers["AHIMA"]["subject"]} == {"ahima", "hiim"}
    text = ok(two("progress")).stdout
    assert "AAPC: CPC" in text and "AHIMA: CCS" in text
    assert [line.split()[1:] for line in text.splitlines() if line.startswith("CEUs ")] == [["20", "5", "15"],
                                                                                         ["36", "10", "26"]]


def test_list_json_shape(two: Callable[..., Any]) -> None:
    added = as_json(two("add", "1.5", "--title", "E/M", "--provider", "AAPC", "--category", "CPMA",
                        "--category", "aapc-approved", "--json"))["entry"]  # fmt: skip
    assert added["credentials"] == ["CPC"]  # an AAPC subject: only the AAPC credential
    listed = as_json(two("list", "--json"))
    assert body(listed) == {"entries": [added]}
    assert set(added) >= {"id", "date", "hours", "title", "provider", "credentials", "categories", "certificate",
                          "sha256"}  # fmt: skip
    assert (added["hours"], added["categories"]) == (1.5, ["aapc-approved", "auditing"])


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["add", "-1", "--title", "x"], "not a number of CEUs"),
        (["add", "101", "--title", "x"], "at most 100"),
        (["add", "2", "--title", "x", "--date", (TODAY + timedelta(days=1)).isoformat()], "in the future"),
        (["add", "2", "--title", "x", "--date", (DAY - timedelta(days=1)).isoformat()], "was earned ("),
        (["add", "2", "--title", "x", "--for", "XYZ"], "Unknown credential"),
        (["add", "2", "--title", "x", "--category", "gardening"], "Unknown category"),
        (["add", "2", "--title", "x", "--date", "2026-02-30"], "not a real date"),
        (["add", "2", "--title", " "], "--title"),
        (["add", "2", "--title", "x", "--certificate", "/nonexistent.pdf"], "no such file"),
        (["add", "2", "--title", "x", "--certificate", "~nosuchuser/c.pdf"], "no such file"),
        (["import", "~nosuchuser/log.csv"], "cannot read it"),
        (["edit", "nosuchid", "--hours", "2"], "No entry 'nosuchid'"),
        (["add", "2", "--title", "x", "--bogus"], "unexpected extra argument"),
        (["remove", "nosuchid"], "No entry 'nosuchid'"),
        (["hold", "CPC"], "give the date earned"),
        (["hold", f"CPC@{TODAY + timedelta(days=3)}"], "in the future"),
        (["unhold", "CPB"], "not held"),
        (["export", "--audit", "CPB", "a.md"], "not held"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    two: Callable[..., Any], db: Path, args: list[str], words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ok(two("add", "3", "--title", "kept"))
    before = _snapshot(db)
    result = two(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert _snapshot(db) == before
    assert not (tmp_path / "a.md").exists()


def test_edit_and_remove(two: Callable[..., Any]) -> None:
    entry = as_json(two("add", "2", "--title", "x", "--json"))["entry"]
    assert entry["credentials"] == ["CCS", "CPC"]
    changed = as_json(two("edit", entry["id"], "--hours", "4", "--for", "CCS", "--category", "hiim", "--json"))
    assert changed["entry"] | {"hours": 2, "credentials": ["CCS", "CPC"], "categories": []} == entry
    assert (changed["entry"]["hours"], changed["entry"]["credentials"]) == (4, ["CCS"])
    assert _progress(two)["AHIMA"]["earned"] == 4 and _progress(two)["AAPC"]["earned"] == 0
    assert body(as_json(two("remove", entry["id"], "--json"))) == {"removed": entry["id"], "entries": 0}
    assert body(as_json(two("list", "--json"))) == {"entries": []}


def test_unhold_keeps_the_entries(two: Callable[..., Any]) -> None:
    ok(two("add", "2", "--title", "x", "--for", "CCS"))
    assert body(as_json(two("unhold", "ccs", "--json"))) == {"holds": [{"code": "CPC", "earned": DAY.isoformat(),
                                                                   "cycle_end": None}]}  # fmt: skip
    assert list(_progress(two)) == ["AAPC"]
    assert len(as_json(two("list", "--json"))["entries"]) == 1


def test_a_certificate_is_recorded_by_path_and_hash(two: Callable[..., Any], tmp_path: Path, db: Path) -> None:
    cert = tmp_path / "cert.pdf"
    cert.write_bytes(b"%PDF certificate")
    digest = hashlib.sha256(cert.read_bytes()).hexdigest()
    plain = as_json(two("add", "1", "--title", "a", "--certificate", str(cert), "--json"))["entry"]
    assert (plain["certificate"], plain["sha256"]) == (str(cert), digest)
    assert not (db.parent / "certificates").exists()
    copied = as_json(two("add", "1", "--title", "b", "--certificate", str(cert), "--copy", "--json"))["entry"]
    kept = Path(copied["certificate"])
    assert kept.parent == db.parent / "certificates" and kept.read_bytes() == cert.read_bytes()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and stat.S_IMODE(kept.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("name", ["log.csv", "log.json"])
def test_export_then_import_on_another_machine(two: Callable[..., Any], tmp_path: Path, name: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    ok(two("add", "10", "--title", "Coding update", "--for", "CPC", "--category", "aapc-approved"))
    ok(two("add", "5", "--title", "Webinar, with a comma", "--for", "CCS", "--category", "hiim"))
    before = as_json(two("list", "--json"))
    target = tmp_path / name
    assert body(as_json(two("export", str(target), "--json"))) == {"file": str(target), "holds": 2, "entries": 2}
    monkeypatch.setenv("CERTCLI_DB", str(tmp_path / "other" / "ceu.sqlite3"))
    assert body(as_json(two("import", str(target), "--json"))) == {"added": 2, "already": 0,
                                                             "holds_added": ["CCS", "CPC"], "holds_kept": []}
    assert as_json(two("list", "--json")) == before
    assert _progress(two)["AAPC"]["needed"] == 26 and _progress(two)["AHIMA"]["needed"] == 15
    assert as_json(two("import", str(target), "--json"))["added"] == 0
    assert as_json(two("list", "--json")) == before


def test_the_csv_has_the_header_the_issue_lists(two: Callable[..., Any], tmp_path: Path) -> None:
    ok(two("add", "1", "--title", "x", "--category", "hiim"))
    ok(two("export", str(tmp_path / "log.csv")))
    rows = list(csv.DictReader((tmp_path / "log.csv").open(encoding="utf-8")))
    assert set(rows[0]) >= {"id", "date", "hours", "title", "provider", "credentials", "categories", "certificate",
                            "sha256"}  # fmt: skip
    assert [(r["kind"], r["credentials"]) for r in rows] == [("hold", "CCS"), ("hold", "CPC"), ("entry", "CCS")]


def test_a_row_without_an_id_gets_one_once(two: Callable[..., Any], tmp_path: Path) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text(f"date,hours,title,credentials\n{RECENT},2,Spreadsheet course,CPC\n", encoding="utf-8")
    assert as_json(two("import", str(sheet), "--json"))["added"] == 1
    assert as_json(two("import", str(sheet), "--json"))["added"] == 0
    (entry,) = as_json(two("list", "--json"))["entries"]
    assert entry["id"] and entry["title"] == "Spreadsheet course"


def test_a_bad_row_imports_nothing(two: Callable[..., Any], tmp_path: Path, db: Path) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text(f"date,hours,title\n{RECENT},2,good\n{RECENT},-3,bad\n", encoding="utf-8")
    before = _snapshot(db)
    result = two("import", str(sheet))
    assert result.exit_code == 2 and "entry 2" in result.stderr and "not a number of CEUs" in result.stderr
    assert _snapshot(db) == before


def test_audit_lists_what_counts_for_the_cycle(two: Callable[..., Any], tmp_path: Path) -> None:
    cert = tmp_path / "c.pdf"
    cert.write_bytes(b"x")
    ok(two("add", "3", "--title", "Counts", "--for", "CPC", "--certificate", str(cert)))
    ok(two("add", "2", "--title", "Other issuer", "--for", "CCS"))
    ok(two("export", "--audit", "CPC", str(tmp_path / "audit.md")))
    text = (tmp_path / "audit.md").read_text(encoding="utf-8")
    assert "Counts" in text and "Other issuer" not in text and hashlib.sha256(b"x").hexdigest() in text
    ok(two("export", "--audit", "cpc", str(tmp_path / "audit.csv")))
    rows = list(csv.DictReader((tmp_path / "audit.csv").open(encoding="utf-8")))
    assert [r["title"] for r in rows] == ["Counts"]


def test_the_default_log_is_private(run: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CERTCLI_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(os, "umask", os.umask)  # restored after the test
    old = os.umask(0o022)
    try:
        ok(run("ceu", "list"))
    finally:
        os.umask(old)
    path = store.default_path()
    assert path == tmp_path / "data" / "certcli" / "ceu.sqlite3"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_database_of_another_program_is_refused_untouched(ceu: Callable[..., Any], db: Path) -> None:
    db.parent.mkdir()
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE notes (text TEXT)")
        con.execute("INSERT INTO notes VALUES ('mine')")
    con.close()
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    for args in (["list"], ["hold", f"CPC@{DAY}"], ["add", "1", "--title", "x", "--for", "CPC"]):
        result = ceu(*args)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and "not a certcli CEU log" in result.stderr
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["ceu.sqlite3"]


def test_a_text_file_is_refused_untouched(ceu: Callable[..., Any], db: Path) -> None:
    db.parent.mkdir()
    db.write_text("my shopping list\n")
    result = ceu("progress")
    assert result.exit_code == 1 and "not a certcli CEU log" in result.stderr
    assert db.read_text() == "my shopping list\n"


def test_a_log_from_a_newer_certcli_is_refused(two: Callable[..., Any], db: Path) -> None:
    with sqlite3.connect(db) as con:
        con.execute(f"PRAGMA user_version={store.LATEST + 1}")
    con.close()
    before = db.read_bytes()
    result = two("list")
    assert result.exit_code == 1 and "newer certcli" in result.stderr
    assert db.read_bytes() == before


def test_an_old_version_log_migrates(ceu: Callable[..., Any], db: Path) -> None:
    """A version-1 log (credentials and categories as ';'-joined text) moves to version 2's tables."""
    db.parent.mkdir()
    con = sqlite3.connect(db, isolation_level=None)
    store.MIGRATIONS[1](con)
    con.execute(f"PRAGMA application_id={store.APPLICATION_ID}")
    con.execute("PRAGMA user_version=1")
    con.execute("INSERT INTO holds VALUES ('CPC', ?, NULL)", (DAY.isoformat(),))
    con.execute("INSERT INTO entries VALUES ('old1', ?, 4, 'Old course', 'AAPC', 'CPC;CCS', 'auditing;hiim', "
                "NULL, NULL)", (RECENT,))  # fmt: skip
    con.close()
    listed = as_json(ceu("list", "--json"))["entries"]
    assert [(e["id"], e["credentials"], e["categories"]) for e in listed] == [
        ("old1", ["CCS", "CPC"], ["auditing", "hiim"])]  # fmt: skip
    assert _progress(ceu)["AAPC"]["earned"] == 4
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == store.LATEST
        columns = {row[1] for row in con.execute("PRAGMA table_info(entries)")}
    con.close()
    assert "credentials" not in columns
    ok(ceu("remove", "old1"))  # the foreign keys take its credentials and categories with it
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM entry_credentials").fetchone()[0] == 0
    con.close()


def test_the_log_is_in_wal_mode_with_its_schema_version(two: Callable[..., Any], db: Path) -> None:
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA user_version").fetchone()[0] == store.LATEST
        assert con.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID
    con.close()


def test_titles_show_as_typed_not_as_markup(two: Callable[..., Any]) -> None:
    ok(two("add", "1", "--title", "[bold]E/M[/bold] :smile:", "--for", "CPC"))
    assert "[bold]E/M[/bold] :smile:" in ok(two("progress")).stdout
    listed = ok(two("list")).stdout  # a table: the cell may wrap, but keeps its brackets and colons
    assert "[bold]E/M[/bold]" in listed and ":smile:" in listed and "\N{SMILING FACE WITH SMILING EYES}" not in listed


def test_entries_from_earlier_cycles_are_counted_apart(ceu: Callable[..., Any]) -> None:
    """CPC earned 2022-03-01: this cycle runs 2026-03-02 to 2028-03-01."""
    ok(ceu("hold", "CPC@2022-03-01"))
    ok(ceu("add", "5", "--title", "old", "--date", "2023-05-01"))
    ok(ceu("add", "2", "--title", "new", "--date", "2026-04-01"))
    doc = as_json(ceu("progress", "--json"))
    (aapc,) = doc["issuers"]
    assert (aapc["cycle_start"], aapc["earned"], aapc["needed"]) == ("2026-03-02", 2, 34)
    assert doc["earlier_entries"] == 1 and [e["title"] for e in doc["entries"]] == ["new"]
    assert "1 older entry, from earlier cycles, count" in ok(ceu("progress")).stdout


def test_what_an_export_says_it_wrote_counts_in_words(two: Callable[..., Any], tmp_path: Path) -> None:
    ok(two("add", "10", "--title", "Coding update", "--for", "CPC"))
    whole = two("export", str(tmp_path / "log.csv"))
    assert whole.exit_code == 0 and whole.stderr.strip().endswith(": 2 held credentials, 1 entry."), whole.stderr
    audit = two("export", "--audit", "CPC", str(tmp_path / "audit.md"))
    assert audit.exit_code == 0 and audit.stderr.strip().endswith(": 1 entry for CPC's cycle."), audit.stderr


def test_the_log_counts_in_words_a_person_would_use(two: Callable[..., Any]) -> None:
    added = ok(two("add", "1", "--title", "one hour")).stdout
    assert ": 1 CEU on " in added
    assert ": 1.5 CEUs on " in ok(two("add", "1.5", "--title", "ninety minutes")).stdout
    entry = as_json(two("list", "--json"))["entries"][0]["id"]
    assert ok(two("remove", entry)).stdout.endswith("; 1 entry left.\n")
