from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings
from typer.testing import CliRunner

from certcli.catalog import Catalog, load_catalog
from certcli.cli import app
from certcli.commands.common import Clock

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
FIXTURE = REPO / "tests" / "fixtures" / "data"  # made-up round figures for rule tests (see its README)
TODAY = date(2026, 11, 23)

# Hypothesis in CI: the same examples on every run and no example database carried between runs,
# so a failure is reproducible and never depends on what an earlier run happened to find.
# Inputs it found once are pinned with @example next to the test.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def _own_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """certcli's catalog cache and CEU log go to temporary directories, never the real home, and
    the tests run in a temporary directory: a command line a property test makes up (``ceu export
    X``, ``ceu hold CPC@…``) writes there, not into the repository or the user's own log."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        mp.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
        mp.delenv("CERTCLI_DB", raising=False)
        mp.chdir(tmp_path_factory.mktemp("cwd"))
        yield


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(DATA)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Run certcli in-process: run("show", "CPC") → result with exit_code, stdout, stderr.

    ``today=date(…)`` fixes the clock (passed in as the context object, ``Clock``); other
    keywords go to ``CliRunner.invoke`` unchanged."""
    monkeypatch.delenv("CERTCLI_DATA_DIR", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()

    def invoke(
        *args: str, input: str | None = None, env: dict[str, str] | None = None, today: date | None = None,
        **extra: Any,
    ) -> Any:
        if today is not None:
            extra["obj"] = Clock(today)
        return runner.invoke(app, list(args), input=input, env=env, **extra)

    return invoke


@pytest.fixture
def run_fixture(run: Callable[..., Any]) -> Callable[..., Any]:
    """``run`` on the fixture catalog (tests/fixtures/data) with the clock at TODAY (2026-11-23)."""

    def invoke(*args: str, today: date = TODAY, **kwargs: Any) -> Any:
        return run("--data-dir", str(FIXTURE), *args, today=today, **kwargs)

    return invoke


def ok(result: Any) -> Any:
    """Assert exit 0 (showing the output when not) and return the result."""
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


def as_json(result: Any) -> Any:
    return json.loads(ok(result).stdout)


def body(doc: dict[str, Any]) -> dict[str, Any]:
    """A --json document without the two keys every document starts with (schema_version, data_version)."""
    assert {"schema_version", "data_version"} <= set(doc), doc
    return {k: v for k, v in doc.items() if k not in ("schema_version", "data_version")}


def flat(text: str) -> str:
    """Text with every run of blanks and line breaks made one space (phrases wrap at 80 columns)."""
    return " ".join(text.split())


def compare_labels(catalog: Catalog, codes: list[str]) -> list[str]:
    """The row labels of ``compare``'s table, in order (to read the printed table with)."""
    from certcli.engine.browse import comparison
    from certcli.render.compare import comparison_rows

    return [label for label, _ in comparison_rows(catalog, comparison(catalog, catalog.resolve(codes)))]


def edited_fixture(tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the fixture catalog in ``tmp_path`` with ``edit`` applied to one file's YAML: for a
    rule that meets no case in the fixture or the shipped data (the test changes the one fact it is about)."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    path = target / name
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return target


def comparison_cells(out: str, labels: list[str]) -> dict[str, dict[str, str]]:
    """The cells of a printed ``compare`` table: {row label: {code: cell text, wraps joined}}.

    ``labels`` are the row labels in order (:func:`compare_labels`); columns are found under the
    codes in the header line, so the test does not depend on column widths or wrapping."""
    lines = out.splitlines()
    codes = lines[0].split()
    starts = [lines[0].index(f" {code}") + 1 for code in codes]
    bounds = list(zip(starts, [*starts[1:], None], strict=True))
    cells: dict[str, dict[str, list[str]]] = {}
    pending = list(labels)
    current: str | None = None
    for line in lines[1:]:
        if not line.strip():
            break  # the notes below the table
        head = line[: starts[0]].strip()
        if pending and head and pending[0].startswith(head):
            current = pending.pop(0)
            cells[current] = {code: [] for code in codes}
        assert current is not None, f"no row label on {line!r}"
        for code, (lo, hi) in zip(codes, bounds, strict=True):
            piece = line[lo:hi].strip()
            if piece:
                cells[current][code].append(piece)
    assert not pending, f"rows not found: {pending}"
    return {label: {code: " ".join(parts) for code, parts in row.items()} for label, row in cells.items()}


@functools.cache
def _source_urls() -> frozenset[str]:
    return frozenset(src.url for src in load_catalog(DATA).sources.values())


def is_source_url(line: str) -> bool:
    """Whether a printed line is a source's URL: certcli prints it whole, on a line of its own,
    even when it is wider than the terminal (which wraps it, so it stays one link)."""
    return line.strip() in _source_urls()
