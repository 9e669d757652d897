"""Where a command's answer goes: stdout (a rich renderable or one JSON document), a file
written atomically, and what happens when the reader of stdout has gone away.

rich is imported inside the functions: importing this module costs nothing at start-up.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import Any, NamedTuple

from certcli.errors import CertcliError, UsageError
from certcli.paths import typed_path

STDOUT = "-"  # `--save -`: the file's text goes to stdout


# --------------------------------------------------------------------------- stdout


def _columns_set() -> bool:
    """COLUMNS is a width only when it is a positive whole number."""
    value = os.environ.get("COLUMNS", "").strip()
    return value.isdigit() and int(value) > 0


def console() -> Any:
    """A rich Console for stdout. ``COLUMNS=0`` (or ``abc``, ``-5``) means "width not set", as for
    any program: rich alone takes ``0`` literally and prints a page no column wide, i.e. nothing."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader went away: stop printing, and let the error boundary end the run
            quietly with exit 0 (rich's own way is exit 1)."""
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    if "COLUMNS" in os.environ and not _columns_set():
        environ = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
        return _Console(soft_wrap=False, _environ=environ)
    return _Console(soft_wrap=False)


def emit(result: Any) -> None:
    """Print a command's answer: a dict or list as one JSON document, anything else through rich."""
    if isinstance(result, dict | list):
        import json

        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        console().print(result, crop=False)  # a source URL wider than the terminal prints whole


def say(message: str) -> None:
    """One line on stderr (which may be gone too: then nothing)."""
    try:
        sys.stderr.write(message.rstrip() + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def settle_stdout() -> None:
    """Flush stdout; if it cannot take more (closed pipe, full disk), point it at /dev/null so
    that Python's own flush at exit cannot fail a second time with a traceback."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass


# --------------------------------------------------------------------------- files


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _regular_mode(flag: str, shown: str, real: Path, example: str) -> int | None:
    """The permission bits of the regular file at ``real``; None when there is no file yet.
    Anything else there (a directory, FIFO, device, socket) is refused, never replaced."""
    try:
        info = os.stat(real)  # stat, not open: a FIFO with no reader must not block us
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CertcliError(f"{flag}: cannot write {shown}: {_reason(exc)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise CertcliError(f"{flag}: {shown} is {_kind(info.st_mode)}, not a file; give a file name like {example}.")
    return stat.S_IMODE(info.st_mode)


def write_atomic(target: Path, text: str, flag: str = "output", example: str = "FILE") -> None:
    """Write ``text`` (as is: an .ics keeps its CRLF) to ``target`` so that it is never half-written:
    a temporary file beside the target, flushed to disk, then renamed over it.

    A symlink is followed and its target replaced (the link stays a link); an existing file keeps
    its permission bits, a new one gets the umask's. A target that is not a regular file is refused.
    Every failure is a one-line error with exit 1.
    """
    import tempfile

    shown = str(target)
    real = Path(os.path.realpath(target))
    mode = _regular_mode(flag, shown, real, example)
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # a file to keep or send, not a secret
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise CertcliError(f"{flag}: cannot write in {real.parent}: {_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), mode)
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, real)
    except OSError as exc:
        raise CertcliError(f"{flag}: cannot write {shown}: {_reason(exc)}") from None
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


class Destination(NamedTuple):
    """Where a ``--save``/``--ics`` option sends its file: a path, or stdout for ``-``."""

    flag: str
    value: str  # as typed
    path: Path | None  # None: stdout
    example: str

    @property
    def to_stdout(self) -> bool:
        return self.path is None

    def write(self, text: str) -> None:
        if self.path is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            write_atomic(self.path, text, self.flag, self.example)


def destination(flag: str, value: str, example: str) -> Destination:
    """The file a ``--save``/``--ics`` option names, checked before any work is done: its
    directory must exist (else a usage error, exit 2) and what is there must be a regular file
    (else exit 1)."""
    if value == STDOUT:
        return Destination(flag, value, None, example)
    target = typed_path(value)
    real = Path(os.path.realpath(target))
    if not real.parent.is_dir():
        raise UsageError(f"{flag}: the directory {real.parent} does not exist.")
    _regular_mode(flag, value, real, example)
    return Destination(flag, value, target, example)

