"""Paths as a person types them: ``~/plans/me.yaml`` is in the home directory; ``~nosuchuser/x``
(or ``~`` with no home at all) names no home, so it stays the plain name it was typed as."""

import re
from pathlib import Path

RELEASE_FILE = "release.yaml"  # a data directory holding one is a whole catalog (else an overlay)


def typed_path(text: str | Path) -> Path:
    try:
        return Path(text).expanduser()
    except RuntimeError:  # pathlib: "Could not determine home directory."
        return Path(text)


def data_candidates() -> tuple[Path, Path]:
    """Where the shipped data may be: the packaged copy (a wheel install), then the repository's
    data/ (a checkout)."""
    here = Path(__file__).resolve().parent
    return here / "data", here.parent / "data"


def shipped_data_dir() -> Path | None:
    return next((c for c in data_candidates() if c.is_dir()), None)


def release_date() -> str | None:
    """The shipped data's release date (``data_version`` in release.yaml), read as text so that
    ``--version`` imports no YAML, no pydantic and builds no catalog; None when it is not found."""
    where = shipped_data_dir()
    if where is None:
        return None
    try:
        text = (where / RELEASE_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = re.search(r"^data_version:\s*['\"]?(\d{4}-\d{2}-\d{2})", text, re.MULTILINE)
    return found[1] if found else None
