"""The validated catalog of a data directory, kept on disk between runs.

Building the catalog (YAML parsing, then pydantic validation and the cross-checks) is most of a
command's start-up; a pickle of the result loads in a fraction of that. The key is a hash of
the data files' exact bytes, of certcli's own catalog and model code (every ``.py`` file of
``certcli/catalog`` and ``certcli/model``), and of the Python and pydantic versions, so any edit
or upgrade means a fresh build. Only a catalog that loaded without a problem is kept.

Unpickling runs code, so a cache that someone else could have written is never read:

- the cache directory (``platformdirs.user_cache_dir("certcli")``: ``$XDG_CACHE_HOME/certcli``,
  else ``~/.cache/certcli``) is created 0700, and its files 0600;
- before reading or writing, each directory from the cache directory up to the user's cache
  root must be a directory owned by the current user that neither group nor others can write;
  the file itself (opened without following a symlink) must be a regular file owned by the
  current user that neither group nor others can write;
- otherwise the cache is ignored: never loaded, never written into.

Anything wrong with the cache (unsafe, unreadable, truncated, stale, unwritable) is a miss,
silently: the command builds the catalog and runs as usual. ``CERTCLI_NO_CACHE=1`` turns the
cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
from pathlib import Path

from certcli.catalog.index import Catalog

CACHE_OFF_VAR = "CERTCLI_NO_CACHE"
_FORMAT = 3
_KEEP = 8  # data directories remembered; the least recently written go first
_CODE = Path(__file__).resolve().parent.parent  # certcli/


def _roots() -> tuple[Path, Path] | None:
    """(the cache directory, the user's cache root it lives in), or None when there is none."""
    if not hasattr(os, "getuid"):  # ownership cannot be checked: no cache
        return None
    import platformdirs

    try:
        root = Path(platformdirs.user_cache_dir(appauthor=False))
        where = Path(platformdirs.user_cache_dir("certcli", appauthor=False))
    except RuntimeError:  # no home directory
        return None
    if not (where.is_absolute() and root in where.parents):
        return None
    return where, root


def cache_dir() -> Path | None:
    """Where validated catalogs are kept between runs; None when caching is off."""
    if os.environ.get(CACHE_OFF_VAR):
        return None
    found = _roots()
    return found[0] if found else None


def _private(st: os.stat_result) -> bool:
    """Owned by this user, and writable by nobody else."""
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _chain(where: Path, root: Path) -> list[Path]:
    """The cache directory and each directory above it, up to and including the root."""
    return [where, *(p for p in where.parents if p == root or root in p.parents)]


def _trusted(where: Path, root: Path) -> bool:
    """Every directory from the cache directory up to the root is private (see the module)."""
    try:
        return all(stat.S_ISDIR((st := os.stat(d)).st_mode) and _private(st) for d in _chain(where, root))
    except OSError:
        return False


def _make(where: Path, root: Path) -> bool:
    """Whether the cache directory is trusted, after creating what is missing of it (0700 each,
    from the root down, never inside a directory that is not trusted)."""
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        for d in reversed(_chain(where, root)):
            with contextlib.suppress(FileExistsError):
                os.mkdir(d, 0o700)
            st = os.stat(d)
            if not (stat.S_ISDIR(st.st_mode) and _private(st)):
                return False
    except OSError:
        return False
    return True


class CatalogCache:
    """The cache entry for one data directory, whose data files are ``files``."""

    def __init__(self, data_dir: Path, files: list[Path]) -> None:
        self.path: Path | None = None
        self.root: Path | None = None
        self.digest: str | None = None
        if os.environ.get(CACHE_OFF_VAR) or not files:
            return
        found = _roots()
        if found is None:
            return
        self.digest = digest(files)
        if self.digest is None:
            return
        where, self.root = found
        name = hashlib.sha256(str(data_dir.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
        self.path = where / f"catalog-{name}.pickle"

    def load(self) -> Catalog | None:
        if self.path is None or self.root is None or not _trusted(self.path.parent, self.root):
            return None
        try:
            blob = _read_private(self.path)
            if blob is None:
                return None
            import pickle

            fmt, key, catalog = pickle.loads(blob)
        except Exception:  # a missing or broken cache is only a miss
            return None
        if fmt == _FORMAT and key == self.digest and isinstance(catalog, Catalog):
            return catalog
        return None

    def save(self, catalog: Catalog, files: list[Path]) -> None:
        """Keep the catalog, unless a data file changed while it was being built (``files`` are
        the data files now) or the cache directory is not safe to write into."""
        if self.path is None or self.root is None or digest(files) != self.digest:
            return
        if not _make(self.path.parent, self.root):
            return
        import pickle

        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            blob = pickle.dumps((_FORMAT, self.digest, catalog), protocol=pickle.HIGHEST_PROTOCOL)
            _write_private(tmp, blob)
            os.replace(tmp, self.path)  # atomic: a concurrent run sees the old file or the new one
        except (OSError, pickle.PicklingError):  # a full disk, say
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return
        self._forget_old()

    def _forget_old(self) -> None:
        assert self.path is not None
        with contextlib.suppress(OSError):
            entries = sorted(self.path.parent.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[_KEEP:]:
                old.unlink(missing_ok=True)


def _read_private(path: Path) -> bytes | None:
    """The file's bytes if it is a regular file of this user's that no one else can write."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not (stat.S_ISREG(st.st_mode) and _private(st)):
            return None
        return f.read()


def _write_private(path: Path, blob: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    with os.fdopen(os.open(path, flags, 0o600), "wb") as f:
        f.write(blob)


def digest(files: list[Path]) -> str | None:
    """The cache key: the data files' bytes, certcli's catalog and model code, Python and pydantic."""
    import pydantic

    h = hashlib.sha256(f"{_FORMAT} {sys.version_info[:2]} {pydantic.VERSION}".encode())
    try:
        code = sorted((_CODE / "catalog").glob("*.py")) + sorted((_CODE / "model").glob("*.py"))
        for path in code:  # another certcli (an upgrade, an edit) builds anew
            h.update(f"\0{path.parent.name}/{path.name}\0".encode())
            h.update(path.read_bytes())
        for path in files:
            data = path.read_bytes()
            h.update(f"\0{path.name}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
            h.update(data)
    except OSError:
        return None
    return h.hexdigest()
