"""The log survives what real processes do to it: SIGKILL mid-import, two imports at once."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import REPO

DAY = (date.today() - timedelta(days=5)).isoformat()
EARNED = (date.today() - timedelta(days=300)).isoformat()

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _sheet(path: Path, prefix: str, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "hours", "title", "provider", "credentials", "categories", "certificate",
                         "sha256"])  # fmt: skip
        writer.writerows([f"{prefix}{i:05d}", DAY, "1", f"Course {prefix}{i}", "P", "CPC", "", "", ""]
                         for i in range(rows))  # fmt: skip
    return path


def _certcli(*args: str, db: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "CERTCLI_DATA_DIR"} | {"CERTCLI_DB": str(db)}
    return subprocess.Popen([sys.executable, "-m", "certcli", *args], cwd=REPO, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def _count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM entries").fetchone()[0])
    finally:
        con.close()


def _ready(db: Path) -> None:
    proc = _certcli("ceu", "hold", f"CPC@{EARNED}", db=db)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err


def test_sigkill_during_a_20000_row_import_leaves_all_of_it_or_none(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "big.csv", "k", 20_000)
    db = tmp_path / "ceu.sqlite3"
    _ready(db)
    wal = db.with_name(db.name + "-wal")
    killed_mid_write = 0
    for _ in range(4):
        proc = _certcli("ceu", "import", str(sheet), db=db)
        start = wal.stat().st_size if wal.exists() else 0
        while proc.poll() is None and (wal.stat().st_size if wal.exists() else 0) <= start + 64 * 1024:
            time.sleep(0.001)  # the transaction has begun writing its pages to the WAL
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        count = _count(db)
        assert count in (0, 20_000), count
        if proc.returncode == -signal.SIGKILL and count == 0:
            killed_mid_write += 1
            break
        if count == 20_000:  # it finished first: start again from an empty log
            db.unlink()
            for side in ("-wal", "-shm"):
                db.with_name(db.name + side).unlink(missing_ok=True)
            _ready(db)
    assert killed_mid_write, "the import always finished before the kill: make it bigger"
    proc = _certcli("ceu", "import", str(sheet), db=db)  # the log still works, and takes the import whole
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert _count(db) == 20_000


def test_two_processes_importing_at_once_both_land(tmp_path: Path) -> None:
    db = tmp_path / "ceu.sqlite3"
    _ready(db)
    first = _sheet(tmp_path / "a.csv", "a", 300)
    second = _sheet(tmp_path / "b.csv", "b", 300)
    before = _count(db)
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # a third writer holds the log while both start: they must wait
    procs = [_certcli("ceu", "import", str(sheet), db=db) for sheet in (first, second)]
    time.sleep(1.5)
    assert [p.poll() for p in procs] == [None, None]
    blocker.commit()
    blocker.close()
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert _count(db) == before + 600


def test_two_processes_creating_the_log_at_once_both_land(tmp_path: Path) -> None:
    db = tmp_path / "new" / "ceu.sqlite3"
    procs = [_certcli("ceu", "import", str(_sheet(tmp_path / f"{p}.csv", p, 50)), db=db) for p in "xy"]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert _count(db) == 100
