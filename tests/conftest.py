from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certcli.catalog import Catalog, load_catalog
from certcli.cli import app

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session", autouse=True)
def _own_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """certcli's catalog cache goes to a temporary directory, never the real home."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(DATA)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Run certcli in-process: run("show", "CPC") → result with exit_code, stdout, stderr."""
    monkeypatch.delenv("CERTCLI_DATA_DIR", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
        return runner.invoke(app, list(args), input=input, env=env)

    return invoke


def ok(result: Any) -> Any:
    """Assert exit 0 (showing the output when not) and return the result."""
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


def as_json(result: Any) -> Any:
    return json.loads(ok(result).stdout)
