"""`certcli renew` and the CEU log: the log's progress when it has entries, and `--drop CODE`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certcli.catalog import Catalog
from certcli.cli import app
from certcli.commands.common import Clock
from tests.conftest import TODAY, as_json, ok

DAY = (TODAY - timedelta(days=300)).isoformat()


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    monkeypatch.delenv("CERTCLI_DATA_DIR", raising=False)
    monkeypatch.delenv("CERTCLI_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the default log lives here
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), obj=Clock(TODAY))


def test_renew_without_a_log_neither_shows_nor_creates_one(run: Callable[..., Any], tmp_path: Path) -> None:
    doc = as_json(run("renew", f"CPC@{DAY}", "--json"))
    assert "ceu_log" not in doc
    assert not (tmp_path / "data").exists()


def test_renew_shows_the_logs_progress(run: Callable[..., Any]) -> None:
    ok(run("ceu", "hold", f"CPC@{DAY}", f"CCS@{DAY}"))
    ok(run("ceu", "add", "10", "--title", "Coding update", "--for", "CPC"))
    ok(run("ceu", "add", "5", "--title", "Webinar", "--for", "CCS"))
    doc = as_json(run("renew", "CPC", "CCS", "--json"))  # no dates given: the log's are used
    log = {i["issuer"]: (i["required"], i["earned"], i["needed"]) for i in doc["ceu_log"]["issuers"]}
    assert log == {"AAPC": (36, 10, 26), "AHIMA": (20, 5, 15)}
    text = ok(run("renew", f"CPC@{DAY}")).stdout
    assert "Your CEU log, this cycle" in text and "AHIMA" not in text.split("Your CEU log")[1]


def test_drop_a_specialty_saves_its_ceus(run: Callable[..., Any], catalog: Catalog) -> None:
    """AAPC's table: 40 CEUs for two credentials, 36 for one; the dues stay for the CPC."""
    drop = as_json(run("renew", f"CPC@{DAY}", f"CPMA@{DAY}", "--drop", "cpma", "--json"))["drop"]
    assert (drop["code"], drop["issuer"], drop["still_held"]) == ("CPMA", "AAPC", ["CPC"])
    assert drop["ceus_per_cycle"] == {"before": 40, "after": 36, "saved": 4}
    assert [k["saved"] for k in drop["keep_cost_per_cycle"]] == [0]
    reinstatement = [f for f in catalog.organization("AAPC").renewal.fees if f.kind.value == "reinstatement"]
    assert [f["value"] for f in drop["reinstatement_fees"]] == [catalog.pick(reinstatement[0].amount).value]
    assert drop["lapse"]["source"] and drop["grace_days"]["value"] == 30
    text = ok(run("renew", f"CPC@{DAY}", f"CPMA@{DAY}", "--drop", "CPMA")).stdout
    assert "If you let CPMA go (AAPC)" in text and "40 CEUs → 36 CEUs: 4 CEUs fewer" in text


def test_drop_the_second_ahima_credential(run: Callable[..., Any]) -> None:
    """AHIMA: the highest single requirement (20) + 10 per further credential; the CCS-P's
    recertification fee is the additional-credential fee."""
    drop = as_json(run("renew", "CCS", "CCS-P", "--drop", "CCS-P", "--non-member", "--json"))["drop"]
    assert drop["ceus_per_cycle"] == {"before": 30, "after": 20, "saved": 10}
    (keep,) = drop["keep_cost_per_cycle"]
    assert keep["audience"] == "non_member" and keep["saved"] == keep["before"] - keep["after"] > 0


def test_drop_the_last_credential_of_an_issuer_saves_all_of_it(run: Callable[..., Any]) -> None:
    drop = as_json(run("renew", "CPC", "CCS", "--drop", "CCS", "--non-member", "--json"))["drop"]
    assert drop["still_held"] == [] and drop["ceus_per_cycle"] == {"before": 20, "after": 0, "saved": 20}
    assert [k["after"] for k in drop["keep_cost_per_cycle"]] == [0]


def test_dropping_what_is_not_held_is_refused_and_writes_nothing(run: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "r.ics"
    result = run("renew", f"CPC@{DAY}", "--drop", "CCS", "--ics", str(target))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--drop CCS" in result.stderr
    assert not target.exists()
