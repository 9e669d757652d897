"""Paths as a person types them: ``~/plans/me.yaml`` is in the home directory; ``~nosuchuser/x``
(or ``~`` with no home at all) names no home, so it stays the plain name it was typed as."""

from pathlib import Path


def typed_path(text: str | Path) -> Path:
    try:
        return Path(text).expanduser()
    except RuntimeError:  # pathlib: "Could not determine home directory."
        return Path(text)
