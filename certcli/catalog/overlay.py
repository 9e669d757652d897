"""Overlays: a data directory that holds only what changes, merged over the shipped data.

A directory with a ``release.yaml`` is a whole catalog (the shipped ``data/``, a copy made by
``certcli data export``, the test fixture). Any other directory is an *overlay*: its files are
read after the shipped ones and merged into them by id, on the YAML as read (before
validation), so a record may be partial and a section certcli's model grows later (another
file's new top-level list) merges the same way:

- In a top-level list (``sources``, ``organizations``, ``credentials``, or any other list of
  mappings), an item is a record named by its ``id``, else ``code``, else ``credential``. An
  overlay record with the name of a shipped one changes that record; any other is added.
- A changed record is merged **field by field at its top level**: each key the overlay record
  gives replaces the shipped key whole; keys it leaves out keep the shipped value. So
  ``{code: CPC, fees: [...]}`` replaces CPC's fee list and keeps its exam, rules and the rest.
  Deeper than the top level nothing is merged: lists (fees, claims, requirements) have no ids
  to match items by, so a list is always replaced as given, and what the file shows is what
  certcli uses.
- A top-level mapping (``context``) merges the same way, key by key; a top-level value
  (``data_version``) replaces the shipped one.
- Two overlay files changing the same record (or the same key of a mapping) is a conflict,
  reported rather than settled by file order.

Pure: only dictionaries and lists in, the same out. :mod:`certcli.catalog.load` reads the files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from certcli.paths import RELEASE_FILE as RELEASE_FILE

NAME_KEYS = ("id", "code", "credential")
KIND = {"sources": "source", "organizations": "organization", "credentials": "credential"}
ORIGIN_PREFIX = {"sources": "src:", "organizations": "org:", "credentials": "cred:"}


def is_overlay(data_dir: Path, shipped: Path) -> bool:
    """Whether ``data_dir`` is an overlay over ``shipped`` (not a whole catalog of its own)."""
    if (data_dir / RELEASE_FILE).is_file():
        return False
    try:
        return data_dir.resolve() != shipped.resolve()
    except OSError:
        return True


class Change(NamedTuple):
    """One record (or mapping key) an overlay file changes or adds."""

    file: str  # the overlay file, as shown
    section: str  # "credentials"
    name: str  # "CPC"
    fields: tuple[str, ...]  # the top-level keys that differ from the shipped record (all, when added)
    added: bool

    def describe(self) -> str:
        kind = KIND.get(self.section, self.section)
        if self.added:
            return f"{self.file}: adds {kind} {self.name}"
        fields = ", ".join(self.fields) if self.fields else "nothing (the same as shipped)"
        return f"{self.file}: changes {kind} {self.name}: {fields}"


class Merged(NamedTuple):
    files: list[tuple[str, Any]]  # (shown, raw) in reading order: shipped files, then overlay files
    owner: dict[tuple[str, str], str]  # (section, name) -> the overlay file behind it
    changes: list[Change]
    problems: list[str]


def _name(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in NAME_KEYS:
            if isinstance(item.get(key), str | int) and not isinstance(item.get(key), bool):
                return str(item[key])
    return None


def merge(shipped: list[tuple[str, Any]], overlays: list[tuple[str, Any]]) -> Merged:
    """The shipped files' YAML with the overlays' records merged in (see the module)."""
    files: list[tuple[str, Any]] = [(shown, _copy(raw)) for shown, raw in shipped]
    # where each shipped record lives: (section, name) -> (file index, item index)
    at: dict[tuple[str, str], tuple[int, int]] = {}
    mapping_at: dict[str, int] = {}  # section -> index of the first shipped file holding it as a mapping
    scalar_at: dict[str, int] = {}
    for fi, (_, raw) in enumerate(files):
        if not isinstance(raw, dict):
            continue
        for section, value in raw.items():
            if isinstance(value, list):
                for ii, item in enumerate(value):
                    name = _name(item)
                    if name is not None:
                        at.setdefault((section, name), (fi, ii))
            elif isinstance(value, dict):
                mapping_at.setdefault(section, fi)
            else:
                scalar_at.setdefault(section, fi)
    owner: dict[tuple[str, str], str] = {}
    changes: list[Change] = []
    problems: list[str] = []
    for shown, raw in overlays:
        if not isinstance(raw, dict):
            files.append((shown, raw))  # its own problem, reported when it is validated
            continue
        rest: dict[str, Any] = {}
        for section, value in raw.items():
            if isinstance(value, list):
                kept = []
                for item in value:
                    name = _name(item)
                    if name is None:
                        kept.append(item)
                        continue
                    other = owner.get((section, name))
                    if other is not None and other != shown:
                        problems.append(
                            f"{shown}: {section}.{name}: also changed by {other}; one overlay file per record"
                        )
                        continue
                    owner[(section, name)] = shown
                    where = at.get((section, name))
                    if where is None:
                        kept.append(item)
                        changes.append(Change(shown, section, name, tuple(item), True))
                        continue
                    fi, ii = where
                    base = files[fi][1][section][ii]
                    fields = tuple(k for k in item if base.get(k) != item[k])
                    files[fi][1][section][ii] = {**base, **item}
                    changes.append(Change(shown, section, name, fields, False))
                if kept:
                    rest[section] = kept
            elif isinstance(value, dict) and section in mapping_at:
                base_map = files[mapping_at[section]][1][section]
                for key, sub in value.items():
                    other = owner.get((section, str(key)))
                    if other is not None and other != shown:
                        problems.append(f"{shown}: {section}.{key}: also changed by {other}; one overlay file per key")
                        continue
                    owner[(section, str(key))] = shown
                    changes.append(Change(shown, section, str(key), (str(key),), key not in base_map))
                    base_map[key] = sub
            elif section in scalar_at and not isinstance(value, list | dict):
                other = owner.get((section, ""))
                if other is not None and other != shown:
                    problems.append(f"{shown}: {section}: also given by {other}; one overlay file gives it")
                    continue
                owner[(section, "")] = shown
                files[scalar_at[section]][1][section] = value
                changes.append(Change(shown, section, str(value), (section,), False))
            else:
                rest[section] = value
        if rest:
            files.append((shown, rest))
    return Merged(files, owner, changes, problems)


def _copy(raw: Any) -> Any:
    """A copy deep enough to merge into: the top mapping and its lists (records are replaced whole)."""
    if isinstance(raw, dict):
        return {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v) for k, v in raw.items()}
    return raw
