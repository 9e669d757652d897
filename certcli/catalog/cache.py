"""The validated catalog of a data directory, kept on disk between runs.

Building the catalog (YAML parsing, then pydantic validation and the cross-checks) is most of
a command's start-up; a pickle of the result loads in a fraction of that. The key is a hash of
the data files' exact bytes, of certcli's own catalog and model code (every ``.py`` file of
``certcli/catalog`` and ``certcli/model``), and of the Python and pydantic versions, so any edit
or upgrade means a fresh build. Only a catalog that loaded without a problem is kept. Anything
wrong with the cache (unreadable, truncated, stale) is a miss, silently.
``CERTCLI_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path

from certcli.catalog.index import Catalog

CACHE_OFF_VAR = "CERTCLI_NO_CACHE"
_FORMAT = 3
_KEEP = 8  # data directories remembered; the least recently written go first
_CODE = Path(__file__).resolve().parent.parent  # certcli/


def cache_dir() -> Path | None:
    """Where validated catalogs are kept between runs; None when caching is off."""
    if os.environ.get(CACHE_OFF_VAR):
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    except RuntimeError:  # no home directory
        return None
    return root / "certcli"


class CatalogCache:
    """The cache entry for one data directory, whose data files are ``files``."""

    def __init__(self, data_dir: Path, files: list[Path]) -> None:
        self.path: Path | None = None
        self.digest: str | None = None
        where = cache_dir()
        if where is None or not files:
            return
        self.digest = digest(files)
        if self.digest is None:
            return
        name = hashlib.sha256(str(data_dir.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
        self.path = where / f"catalog-{name}.pickle"

    def load(self) -> Catalog | None:
        if self.path is None:
            return None
        try:
            import pickle

            fmt, key, catalog = pickle.loads(self.path.read_bytes())
        except Exception:  # a missing or broken cache is only a miss
            return None
        if fmt == _FORMAT and key == self.digest and isinstance(catalog, Catalog):
            return catalog
        return None

    def save(self, catalog: Catalog, files: list[Path]) -> None:
        """Keep the catalog, unless a data file changed while it was being built (``files`` are
        the data files now)."""
        if self.path is None or digest(files) != self.digest:
            return
        import pickle

        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            blob = pickle.dumps((_FORMAT, self.digest, catalog), protocol=pickle.HIGHEST_PROTOCOL)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(blob)
            os.replace(tmp, self.path)  # atomic: a concurrent run sees the old file or the new one
        except (OSError, pickle.PicklingError):  # a read-only home, say
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return
        with contextlib.suppress(OSError):
            entries = sorted(self.path.parent.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[_KEEP:]:
                old.unlink(missing_ok=True)


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
