"""Random sequences of hold / unhold / add / remove / export / import, through the commands,
against a small in-memory model: the log lists what the model holds, and its progress is the
model's own sum (CPC: 36 CEUs a cycle, CCS: 20; every entry in the current cycle, each course once).
"""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from certcli.cli import app

EARNED = date.today() - timedelta(days=300)
REQUIRED = {"CPC": ("AAPC", 36), "CCS": ("AHIMA", 20)}
COMMAND = typer.main.get_command(app)  # built once: Typer rebuilds it on every invoke otherwise


class CeuLog(RuleBasedStateMachine):
    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(self._tmp.mktemp("ceu-model"))
        self.db = self.dir / "ceu.sqlite3"
        self.holds: set[str] = set()
        self.entries: dict[str, tuple[float, tuple[str, ...]]] = {}
        self.exported: tuple[Path, dict[str, Any]] | None = None
        self.serial = 0

    _tmp: Any = None  # set by the test: pytest's tmp_path_factory

    def ceu(self, *args: str, code: int = 0) -> Any:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            exit_code = COMMAND.main(["ceu", *args, "--db", str(self.db)], prog_name="certcli", standalone_mode=False)
        assert (exit_code or 0) == code, (args, out.getvalue(), err.getvalue())
        return json.loads(out.getvalue()) if "--json" in args and code == 0 else out.getvalue()

    @rule(code=st.sampled_from(sorted(REQUIRED)))
    def hold(self, code: str) -> None:
        self.ceu("hold", f"{code}@{EARNED.isoformat()}")
        self.holds.add(code)

    @rule(code=st.sampled_from(sorted(REQUIRED)))
    def unhold(self, code: str) -> None:
        self.ceu("unhold", code, code=0 if code in self.holds else 2)
        self.holds.discard(code)

    @rule(target=ids, hours=st.sampled_from([0.5, 1, 2.5, 10, 40]), days=st.integers(0, 290),
          for_=st.sampled_from([("CPC",), ("CCS",), ("CCS", "CPC")]))  # fmt: skip
    def add(self, hours: float, days: int, for_: tuple[str, ...]) -> str:
        self.serial += 1
        day = (date.today() - timedelta(days=days)).isoformat()
        args = ["add", str(hours), "--title", f"course {self.serial}", "--date", day, "--json"]
        for code in for_:
            args += ["--for", code]
        entry = self.ceu(*args)["entry"]
        self.entries[entry["id"]] = (hours, for_)
        return str(entry["id"])

    @rule(entry_id=consumes(ids))
    def remove(self, entry_id: str) -> None:
        self.ceu("remove", entry_id, code=0 if entry_id in self.entries else 2)
        self.entries.pop(entry_id, None)

    @rule(suffix=st.sampled_from([".csv", ".json"]))
    def move_to_another_machine(self, suffix: str) -> None:
        """Export, import into a new log, and carry on there: the model does not change."""
        self.serial += 1
        target = self.dir / f"export{self.serial}{suffix}"
        self.ceu("export", str(target))
        self.exported = (target, {"holds": set(self.holds), "entries": dict(self.entries)})
        self.db = self.dir / f"machine{self.serial}.sqlite3"
        self.ceu("import", str(target))

    @rule()
    def import_the_last_export_again(self) -> None:
        """What it held comes back (entries removed since, holds dropped since); nothing twice."""
        if self.exported is None:
            return
        target, snapshot = self.exported
        self.ceu("import", str(target))
        self.holds |= snapshot["holds"]
        self.entries.update(snapshot["entries"])

    @invariant()
    def the_log_is_the_model(self) -> None:
        listed = self.ceu("list", "--json")["entries"]
        assert {e["id"]: (e["hours"], tuple(e["credentials"])) for e in listed} == self.entries
        issuers = {i["issuer"]: i for i in self.ceu("progress", "--json")["issuers"]}
        expected = {}
        for code in sorted(self.holds):
            issuer, required = REQUIRED[code]
            earned = sum(h for h, codes in self.entries.values() if code in codes)
            expected[issuer] = (required, earned, max(0, required - earned))
        assert {k: (v["required"], v["earned"], v["needed"]) for k, v in issuers.items()} == expected


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_random_sequences_agree_with_the_model(tmp_path_factory: pytest.TempPathFactory) -> None:
    CeuLog._tmp = tmp_path_factory
    machine = CeuLog.TestCase
    machine.settings = settings(max_examples=12, stateful_step_count=8, derandomize=True, deadline=None,
                                suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    machine().runTest()
