"""The catalog cache: a pickle that someone else could have written is never loaded.

Unpickling runs code. These tests put a pickle that creates a marker file when it is loaded
where certcli's cache file is, make the file or a directory above it writable or owned by
someone else, and run the real console script: the marker never appears and the output is
what it was. One control shows that the same pickle does run when the file is certcli's own,
so the other tests could fail. Then: an unwritable cache, a cache from other certcli code, an
edited data file, and ``data check`` building the catalog once.
"""

from __future__ import annotations

import json
import os
import pickle
import pwd
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import check_data, load_catalog
from tests.conftest import DATA, REPO, ok

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.code}\nstdout:\n{self.stdout[-1500:]}\nstderr:\n{self.stderr}"


def _env(cache_home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CERTCLI_") and k != "XDG_CACHE_HOME"}
    env.update(XDG_CACHE_HOME=str(cache_home), NO_COLOR="1", COLUMNS="80", **extra)
    return env


def certcli(args: list[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "certcli", *args],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env, cwd=cwd, timeout=120,
    )  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr)


def show_cpc(data: Path, cache_home: Path, **extra: str) -> Run:
    """``certcli show CPC --json``, run outside the checkout (so PYTHONPATH decides which certcli)."""
    return certcli(["--data-dir", str(data), "show", "CPC", "--json"], _env(cache_home, **extra), cwd=data.parent)


def cpc_name(run: Run) -> str:
    assert run.code == 0, str(run)
    assert run.stderr == "", str(run)
    name: str = json.loads(run.stdout)["name"]
    return name


def the_cache_file(cache_home: Path) -> Path:
    [entry] = (cache_home / "certcli").glob("catalog-*.pickle")
    return entry


class _Touch:
    """Unpickled, this opens (so creates) a file: what a hostile cache could do."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (open, (self.path, "w"))


def plant(entry: Path, marker: Path) -> bytes:
    blob = pickle.dumps((3, "whatever the key", _Touch(marker)))
    entry.write_bytes(blob)
    return blob


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def cache_home(tmp_path: Path) -> Path:
    home = tmp_path / "cache-home"
    home.mkdir(mode=0o700)
    return home


# --------------------------------------------------------------------------- someone else's pickle


def test_the_cache_is_private_to_its_user(data: Path, cache_home: Path) -> None:
    cpc_name(show_cpc(data, cache_home))
    entry = the_cache_file(cache_home)
    assert stat.S_IMODE((cache_home / "certcli").stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_control_a_planted_pickle_in_a_private_cache_does_run(data: Path, cache_home: Path, tmp_path: Path) -> None:
    """Shows the marker pickle works: in a cache certcli trusts (its own), loading it runs it."""
    cpc_name(show_cpc(data, cache_home))
    marker = tmp_path / "marker"
    plant(the_cache_file(cache_home), marker)
    cpc_name(show_cpc(data, cache_home))  # a miss after the load, so the command still works
    assert marker.exists()


def _world_writable_file(entry: Path, cache_home: Path) -> None:
    entry.chmod(0o666)


def _group_writable_file(entry: Path, cache_home: Path) -> None:
    entry.chmod(0o620)


def _file_of_nobody(entry: Path, cache_home: Path) -> None:
    os.chown(entry, pwd.getpwnam("nobody").pw_uid, -1)


def _world_writable_cache_dir(entry: Path, cache_home: Path) -> None:
    entry.parent.chmod(0o777)


def _cache_dir_of_nobody(entry: Path, cache_home: Path) -> None:
    os.chown(entry.parent, pwd.getpwnam("nobody").pw_uid, -1)


def _group_writable_cache_root(entry: Path, cache_home: Path) -> None:
    cache_home.chmod(0o770)


def _a_symlink_to_the_pickle(entry: Path, cache_home: Path) -> None:
    elsewhere = cache_home.parent / "elsewhere.pickle"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)


needs_root = pytest.mark.skipif(not IS_ROOT, reason="chown to another user needs root (CI runs as root)")
UNSAFE: list[Any] = [
    pytest.param(_world_writable_file, id="world-writable file"),
    pytest.param(_group_writable_file, id="group-writable file"),
    pytest.param(_file_of_nobody, id="file owned by nobody", marks=needs_root),
    pytest.param(_world_writable_cache_dir, id="world-writable cache directory"),
    pytest.param(_cache_dir_of_nobody, id="cache directory owned by nobody", marks=needs_root),
    pytest.param(_group_writable_cache_root, id="group-writable cache root"),
    pytest.param(_a_symlink_to_the_pickle, id="a symlink"),
]
DIRECTORY_UNSAFE = {_world_writable_cache_dir, _cache_dir_of_nobody, _group_writable_cache_root}


@pytest.mark.parametrize("make_unsafe", UNSAFE)
def test_a_pickle_someone_else_could_have_written_is_never_loaded(
    data: Path, cache_home: Path, tmp_path: Path, make_unsafe: Callable[[Path, Path], None]
) -> None:
    first = show_cpc(data, cache_home)
    cpc_name(first)
    entry = the_cache_file(cache_home)
    marker = tmp_path / "marker"
    blob = plant(entry, marker)
    make_unsafe(entry, cache_home)

    again = show_cpc(data, cache_home)
    assert not marker.exists(), "certcli loaded a pickle someone else could have written"
    assert again.code == 0 and again.stderr == "", str(again)
    assert json.loads(again.stdout) == json.loads(first.stdout)
    if make_unsafe in DIRECTORY_UNSAFE:  # and nothing is written into it
        assert entry.read_bytes() == blob
        assert sorted(p.name for p in entry.parent.iterdir()) == [entry.name]


def test_a_cache_root_that_others_can_write_is_not_written_into(data: Path, tmp_path: Path) -> None:
    """``XDG_CACHE_HOME`` pointing at a shared place (like /tmp): no cache is made there."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    cpc_name(show_cpc(data, shared))
    assert list(shared.iterdir()) == []


# --------------------------------------------------------------------------- no cache, stale cache

COMMANDS = [
    ["list"],
    ["show", "CPC"],
    ["compare", "CPC", "CCS"],
    ["search", "cardiology"],
    ["fees", "--member"],
    ["cost", "CPC", "CPB"],
    ["renew", "CPC", "CRC"],
    ["advise", "--answers", "{answers}"],
    ["data", "check"],
    ["show", "CPC", "--json"],
]


def test_an_unwritable_cache_still_runs_every_command(tmp_path: Path) -> None:
    """``XDG_CACHE_HOME`` is a regular file: every command runs, without a cache, silently."""
    not_a_dir = tmp_path / "cache-is-a-file"
    not_a_dir.write_text("not a directory\n")
    answers = tmp_path / "answers.yaml"
    answers.write_text("goal: coding\nsetting: physician_office\n")
    argvs = [[a.replace("{answers}", str(answers)) for a in args] for args in COMMANDS]

    def both(args: list[str]) -> tuple[Run, Run]:
        return certcli(args, _env(not_a_dir)), certcli(args, _env(not_a_dir, CERTCLI_NO_CACHE="1"))

    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(both, argvs))
    for args, (run, uncached) in zip(argvs, runs, strict=True):
        assert run.code == 0, f"certcli {' '.join(args)}: {run}"
        assert run.stderr == "", f"certcli {' '.join(args)}: {run}"
        assert run.stdout == uncached.stdout, f"certcli {' '.join(args)}"
    assert not_a_dir.read_text() == "not a directory\n"


def test_a_changed_data_file_rebuilds(data: Path, cache_home: Path) -> None:
    assert cpc_name(show_cpc(data, cache_home)) == "Certified Professional Coder"
    assert cpc_name(show_cpc(data, cache_home)) == "Certified Professional Coder"  # from the cache
    aapc = data / "aapc.yaml"
    aapc.write_text(aapc.read_text().replace("name: Certified Professional Coder\n", "name: Edited Coder\n", 1))
    assert cpc_name(show_cpc(data, cache_home)) == "Edited Coder"


def _tamper(entry: Path, name: str) -> None:
    """Rewrite a cache file of ours with CPC renamed, keeping its key."""
    fmt, key, catalog = pickle.loads(entry.read_bytes())
    cpc = catalog.credentials["CPC"].model_copy(update={"name": name})
    catalog = catalog._replace(credentials={**catalog.credentials, "CPC": cpc})
    entry.write_bytes(pickle.dumps((fmt, key, catalog)))


@pytest.mark.parametrize("edited", ["catalog/provenance.py", "catalog/load.py", "model/facts.py"])
def test_a_cache_written_by_other_certcli_code_is_not_reused(
    data: Path, cache_home: Path, tmp_path: Path, edited: str
) -> None:
    other = tmp_path / "other-certcli"
    shutil.copytree(REPO / "certcli", other / "certcli", ignore=shutil.ignore_patterns("__pycache__"))
    with (other / "certcli" / edited).open("a") as f:
        f.write("# another certcli: an upgrade, or an edit\n")

    def run_other() -> Run:
        return show_cpc(data, cache_home, PYTHONPATH=str(other))

    where = subprocess.run(
        [sys.executable, "-c", "import certcli.catalog; print(certcli.catalog.__file__)"],
        capture_output=True, text=True, env=_env(cache_home, PYTHONPATH=str(other)), cwd=tmp_path, check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(other), "the other certcli is the one that runs"

    cpc_name(run_other())  # the other certcli keeps its catalog
    _tamper(the_cache_file(cache_home), "Kept by the other certcli")
    assert cpc_name(run_other()) == "Kept by the other certcli"  # control: the other one reuses it
    assert cpc_name(show_cpc(data, cache_home)) == "Certified Professional Coder"  # this one does not


# --------------------------------------------------------------------------- data check builds once


def test_data_check_builds_the_catalog_once(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What check_data built is what load_catalog returns: the data files are not read again
    (here they are broken in between, and loading still gives the checked catalog)."""
    monkeypatch.setenv("CERTCLI_NO_CACHE", "1")  # a cold cache
    assert check_data(data) == []
    (data / "aapc.yaml").write_text("not: [valid\n")
    catalog = load_catalog(data)
    assert "CPC" in catalog.credentials


def test_the_data_check_command_builds_the_catalog_once(data: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted with a profile hook: how many times the catalog builder runs for one `data check`."""
    monkeypatch.setenv("CERTCLI_NO_CACHE", "1")
    builds = []

    def count(frame: Any, event: str, arg: Any) -> None:
        code = frame.f_code
        if event == "call" and code.co_name == "build" and Path(code.co_filename).match("catalog/load.py"):
            builds.append(code)

    sys.setprofile(count)
    try:
        result = run("data", "check", str(data))
    finally:
        sys.setprofile(None)
    assert ok(result).stdout.startswith(f"{data}: ok — ")
    assert len(builds) == 1
