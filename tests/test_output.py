"""Files certcli writes (`advise --save`, `renew --ics`), as a user's file system has them: a
symlink stays a link and its target gets the plan, a file's mode is kept, a FIFO, a device or
a directory is refused (exit 1) and left as it was, `-` means stdout, and a failed write is
one line, exit 1, with nothing half-written left behind.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certcli.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, app
from certcli.commands.common import Clock
from tests.conftest import TODAY, ok

ADVISE = ["advise", "--goal", "coding", "--setting", "physician_office"]
RENEW = ["renew", "CPC@2024-03-15", "CCS@2021-05-10"]
PLAN_START = "# Your plan: medical coding (physician office)\n"
WRITERS = {"--save": (ADVISE, "PLAN.md", PLAN_START), "--ics": (RENEW, "renewals.ics", "BEGIN:VCALENDAR\r\n")}


@pytest.fixture
def write(run: Any) -> Any:
    """``write("--save", path)``: the command behind that option, writing to ``path`` (clock fixed)."""

    def invoke(flag: str, target: Path | str, *more: str) -> Any:
        args, _, _ = WRITERS[flag]
        return CliRunner().invoke(app, [*args, flag, str(target), *more], obj=Clock(TODAY))

    return invoke


def one_error(result: Any, code: int = EXIT_DATA) -> str:
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def umask_027() -> Iterator[None]:
    before = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(before)


# --------------------------------------------------------------------------- regular files and links


@pytest.mark.parametrize("flag", sorted(WRITERS))
def test_a_symlink_stays_a_link_and_its_target_gets_the_file(write: Any, flag: str, tmp_path: Path) -> None:
    _, name, start = WRITERS[flag]
    real = tmp_path / "kept" / name
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / name
    link.symlink_to(Path("kept") / name)  # relative, as `ln -s` makes them
    ok(write(flag, link))
    assert link.is_symlink() and os.readlink(link) == str(Path("kept") / name)
    assert real.read_bytes().decode("utf-8").startswith(start)
    assert leftovers(tmp_path) == leftovers(real.parent) == []


def test_a_dangling_symlink_creates_its_target(write: Any, tmp_path: Path) -> None:
    link = tmp_path / "PLAN.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    ok(write("--save", link))
    assert link.is_symlink() and (tmp_path / "elsewhere.md").read_text(encoding="utf-8").startswith(PLAN_START)


@pytest.mark.parametrize("flag", sorted(WRITERS))
def test_an_existing_files_mode_is_kept(write: Any, flag: str, tmp_path: Path) -> None:
    _, name, start = WRITERS[flag]
    target = tmp_path / name
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    ok(write(flag, target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().decode("utf-8").startswith(start)


@pytest.mark.usefixtures("umask_027")
def test_a_new_file_follows_the_umask(write: Any, tmp_path: Path) -> None:
    target = tmp_path / "PLAN.md"
    ok(write("--save", target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


# --------------------------------------------------------------------------- what is not a regular file


@pytest.mark.parametrize("flag", sorted(WRITERS))
def test_a_directory_is_refused_and_left_alone(write: Any, flag: str, tmp_path: Path) -> None:
    target = tmp_path / "plans"
    target.mkdir()
    (target / "keep.txt").write_text("mine\n", encoding="utf-8")
    line = one_error(write(flag, target))
    assert line.startswith(f"Error: {flag}: ") and "is a directory" in line
    assert target.is_dir() and [p.name for p in target.iterdir()] == ["keep.txt"]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("flag", sorted(WRITERS))
def test_a_fifo_is_refused_without_blocking(flag: str, tmp_path: Path, cache_env: dict[str, str]) -> None:
    """Run as a real process with a time limit: opening a FIFO that has no reader would hang."""
    args, _, _ = WRITERS[flag]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "certcli", *args, flag, str(fifo)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env=cache_env, timeout=60)  # fmt: skip
    assert done.returncode == EXIT_DATA, done.stderr
    assert done.stdout == "" and done.stderr.startswith(f"Error: {flag}: {fifo} is a named pipe"), done.stderr
    assert done.stderr.count("\n") == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("device", ["null", "full"])
def test_a_device_is_refused_and_stays_a_device(write: Any, device: str, tmp_path: Path) -> None:
    """`--save /dev/full` as root once replaced the device node. The test makes its own copy of
    the device in a temporary directory (root only), so a regression cannot damage /dev."""
    real = Path("/dev") / device
    if not real.exists():
        pytest.skip(f"no /dev/{device} here")
    node = tmp_path / device
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, real.stat().st_rdev)
    except PermissionError:
        pytest.skip("making a device node needs root (and root is the case that replaced it)")
    line = one_error(write("--save", node))
    assert line == f"Error: --save: {node} is a device, not a file; give a file name like PLAN.md."
    assert stat.S_ISCHR(node.lstat().st_mode) and node.stat().st_rdev == real.stat().st_rdev
    assert leftovers(tmp_path) == []


def test_a_missing_directory_is_still_a_usage_error(write: Any, tmp_path: Path) -> None:
    line = one_error(write("--save", tmp_path / "no" / "PLAN.md"), EXIT_USAGE)
    assert "does not exist" in line


# --------------------------------------------------------------------------- stdout


def test_save_dash_writes_the_markdown_to_stdout(write: Any, tmp_path: Path) -> None:
    result = ok(write("--save", "-"))
    assert result.stdout.startswith(PLAN_START)
    assert "## Sources" in result.stdout and "Saved" not in result.stderr
    assert not (Path.cwd() / "-").exists()


def test_ics_dash_writes_the_calendar_to_stdout(write: Any, tmp_path: Path) -> None:
    raw = ok(write("--ics", "-")).stdout_bytes
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")  # CRLF, as in a file
    ok(write("--ics", tmp_path / "renewals.ics"))
    assert raw == (tmp_path / "renewals.ics").read_bytes()  # the same calendar (the clock is fixed)


@pytest.mark.parametrize("flag", sorted(WRITERS))
def test_dash_and_json_would_be_two_documents_on_stdout(write: Any, flag: str) -> None:
    result = write(flag, "-", "--json")
    assert result.exit_code == EXIT_USAGE, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ") and flag in line and "--json" in line
    assert json.loads(result.stdout)["error"] == {"code": EXIT_USAGE, "message": line.removeprefix("Error: ")}


# --------------------------------------------------------------------------- a write that fails

FILE_LIMIT = 64  # bytes: the catalog is read, the plan cannot be written


def _small_files() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


@pytest.mark.parametrize("flag", sorted(WRITERS))
def test_a_failed_write_is_one_line_exit_1_and_leaves_the_old_file(
    flag: str, tmp_path: Path, cache_env: dict[str, str]
) -> None:
    args, name, _ = WRITERS[flag]
    target = tmp_path / name
    target.write_text("old\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "certcli", *args, flag, str(target)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env={**cache_env, "CERTCLI_NO_CACHE": "1"},
                          preexec_fn=_small_files, timeout=60)  # fmt: skip
    assert done.returncode == EXIT_DATA, done.stderr
    assert done.stderr == f"Error: {flag}: cannot write {target}: File too large\n", done.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


@pytest.fixture
def cache_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CERTCLI_")}
    env.update(XDG_CACHE_HOME=str(tmp_path_factory.mktemp("cache")), NO_COLOR="1", COLUMNS="80")
    return env


def test_the_json_plan_and_the_saved_file_agree_on_the_path(write: Any, tmp_path: Path) -> None:
    """--json with a file still prints one document, and the saved plan names the same steps."""
    target = tmp_path / "PLAN.md"
    result = CliRunner().invoke(app, [*ADVISE, "--json", "--save", str(target)], obj=Clock(TODAY))
    assert result.exit_code == EXIT_OK, result.stderr
    doc = json.loads(result.stdout)
    saved = target.read_text(encoding="utf-8")
    assert doc["path"], "no steps: this test sees nothing"
    for step in doc["path"]:
        assert f"{step['code']} — {step['name']}" in saved
