"""Find the data, read the YAML, validate it, and load the catalog (from the cache when it can).

This is the only catalog module that imports yaml. Every problem names the file and the key
path (``data/aapc.yaml: CPC.exam.minutes: expected an integer, got 'four hours'``).
"""

from __future__ import annotations

import functools
import gc
import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from certcli.catalog import checks, overlay
from certcli.catalog.cache import CatalogCache
from certcli.catalog.index import Catalog
from certcli.errors import DataError
from certcli.model import DataFile
from certcli.paths import data_candidates, shipped_data_dir, typed_path

ENV_VAR = "CERTCLI_DATA_DIR"


@functools.cache
def yaml_loader() -> Any:
    """The safe loader (the C one where PyYAML has it), refusing a key given twice in one mapping
    (YAML would keep the last silently). Built on first use: a cached catalog needs no yaml at all.

    For ``yaml.load(text, Loader=yaml_loader())``; a duplicate key raises ``yaml.MarkedYAMLError``
    with ``problem`` "duplicate key 'KEY'" and the key's ``problem_mark``, and so does a date that
    does not exist (``2026-02-30``: PyYAML itself raises a bare ValueError there).
    """
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[tuple[str, str]] = set()
            pairs = node.value if isinstance(node, yaml.MappingNode) else []  # the base reports a non-mapping
            for key_node, _ in pairs:
                if isinstance(key_node, yaml.ScalarNode):
                    key = (key_node.tag, key_node.value)
                    if key in seen and key_node.value != "<<":
                        raise yaml.MarkedYAMLError(
                            problem=f"duplicate key '{key_node.value}'", problem_mark=key_node.start_mark
                        )
                    seen.add(key)
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError as exc:
                raise yaml.MarkedYAMLError(
                    problem=f"'{node.value}' is not a date ({exc})", problem_mark=node.start_mark
                ) from None

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader


# --------------------------------------------------------------------------- finding the data


def default_data_dir() -> Path:
    """The packaged copy (a wheel install) first, else the repository's data/ (a checkout)."""
    found = shipped_data_dir()
    if found is None:
        packaged, checkout = data_candidates()
        raise DataError([f"no data directory found (looked in {packaged} and {checkout})"])
    return found


def resolve_data_dir(explicit: str | Path | None = None) -> Path:
    chosen = explicit or os.environ.get(ENV_VAR) or None
    if chosen is None:
        return default_data_dir()
    path = typed_path(chosen)
    if not path.is_dir():
        shown = str(path) if str(path).isprintable() else repr(str(path))  # one line, whatever was typed
        raise DataError([f"{shown}: data directory not found"])
    return path


def display(path: Path) -> str:
    """A path as a person wants to read it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def data_files(data_dir: Path) -> list[Path]:
    try:
        return sorted(p for p in data_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return []


def layers(data_dir: Path) -> tuple[list[Path], list[Path]]:
    """(the whole catalog's files, the overlay's files): a directory without a release.yaml is an
    overlay over the shipped data (see :mod:`certcli.catalog.overlay`)."""
    if (data_dir / overlay.RELEASE_FILE).is_file():  # a whole catalog: the shipped data is not needed
        return data_files(data_dir), []
    shipped = default_data_dir()
    if overlay.is_overlay(data_dir, shipped):
        return data_files(shipped), data_files(data_dir)
    return data_files(data_dir), []


def source_files(data_dir: Path) -> list[Path]:
    """Every file a catalog is built from: the cache is keyed on all of them."""
    base, over = layers(data_dir)
    return base + over


# --------------------------------------------------------------------------- reading one file


def read_yaml(path: Path) -> tuple[Any, str | None]:
    """The file's YAML, or the one line saying why it cannot be read."""
    import yaml

    shown = display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{shown}: cannot read: {exc}"
    try:
        return yaml.load(text, Loader=yaml_loader()), None
    except yaml.constructor.ConstructorError as exc:
        line = f"line {exc.problem_mark.line + 1}: " if exc.problem_mark else ""
        tag = f" {exc.problem}" if exc.problem else ""
        return None, f"{shown}: {line}refused YAML tag:{tag} (data files hold plain values only)"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, f"{shown}: {line}invalid YAML: {problem}"


_EXPECTED = {
    "int_parsing": "expected an integer",
    "int_type": "expected an integer",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "string_type": "expected text",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "enum": "expected one of",
    "literal_error": "expected one of",
}


def key_path(loc: tuple[str | int, ...], raw: Any) -> str:
    """('credentials', 3, 'exam', 'minutes', 0, 'value') → 'CPC.exam.minutes.value'."""
    parts: list[str] = []
    node = raw
    for i, step in enumerate(loc):
        nxt = None
        if isinstance(step, int):
            if isinstance(node, list) and 0 <= step < len(node):
                nxt = node[step]
                name = _item_name(nxt)
                if i == 1 and name:  # credentials[3] → CPC
                    parts = [name]
                else:
                    parts.append(f"[{step}]")
            elif isinstance(node, dict):  # a single claim written as a mapping
                nxt = node
            else:
                parts.append(f"[{step}]")
        else:
            if isinstance(node, dict):
                nxt = node.get(step)
            parts.append(("." if parts and not parts[-1].endswith(".") else "") + _key_name(step))
        node = nxt
    return "".join(p if p.startswith(("[", ".")) or j == 0 else "." + p for j, p in enumerate(parts))


def _item_name(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in ("code", "id"):
            if isinstance(item.get(key), str):
                return _key_name(item[key])
    return None


def _key_name(key: str) -> str:
    """A key as written, quoted when it holds blanks or odd characters (a problem stays one line)."""
    return key if re.fullmatch(r"[\w.+/&()-]+", key) else repr(key)


def describe(err: Any) -> str:
    """One pydantic error (a dict of ``ValidationError.errors()``) in a person's words."""
    kind = err["type"]
    given = err.get("input")
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind in ("greater_than_equal", "greater_than"):
        limit = (err.get("ctx") or {}).get("ge", (err.get("ctx") or {}).get("gt"))
        return f"must be at least {limit}, got {given!r}"
    if kind in ("less_than_equal", "less_than"):
        limit = (err.get("ctx") or {}).get("le", (err.get("ctx") or {}).get("lt"))
        return f"must be at most {limit}, got {given!r}"
    if kind == "too_short":
        return "must not be empty"
    if kind in ("enum", "literal_error"):
        expected = (err.get("ctx") or {}).get("expected", "")
        return f"expected one of {expected}, got {given!r}"
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]}, got {given!r}"
    msg = str(err.get("msg", "invalid value"))
    return msg[:1].lower() + msg[1:]


def validate_file(path: Path, raw: Any) -> tuple[DataFile | None, list[str]]:
    """The file's YAML as a :class:`DataFile`, or its problems, one line each with the key path."""
    return validate_raw(display(path), raw)


def validate_raw(shown: str, raw: Any) -> tuple[DataFile | None, list[str]]:
    """:func:`validate_file` for YAML already read (and perhaps merged), shown as ``shown``."""
    if raw is None:
        return DataFile(), []
    if not isinstance(raw, dict):
        return None, [f"{shown}: expected a mapping with sources/organizations/credentials/context at the top"]
    try:
        return DataFile.model_validate(raw), []
    except ValidationError as exc:
        problems = []
        seen = set()
        for err in exc.errors():
            where = key_path(tuple(err["loc"]), raw) or "(top)"
            line = f"{shown}: {where}: {describe(err)}"
            if line not in seen:
                seen.add(line)
                problems.append(line)
        return None, problems


# --------------------------------------------------------------------------- building the catalog


def build(data_dir: Path) -> tuple[Catalog | None, list[str]]:
    """Read, validate and cross-check every data file (an overlay merged over the shipped data
    first): the catalog, or every problem."""
    if not data_files(data_dir):
        return None, [f"{display(data_dir)}: no .yaml data files"]
    base, over = layers(data_dir)
    if not base:
        return None, [f"{display(data_dir)}: no .yaml data files"]
    merged = checks.Merged()
    read: list[list[tuple[str, Any]]] = [[], []]
    for layer, paths in enumerate((base, over)):
        for path in paths:
            raw, problem = read_yaml(path)
            if problem:
                merged.unreadable(problem)
            else:
                read[layer].append((display(path), raw))
    entries, blame, changes = read[0], {}, []
    shipped = {shown for shown, _ in read[0]}
    if over:
        layered = overlay.merge(read[0], read[1])
        entries, changes = layered.files, layered.changes
        merged.problems.extend(layered.problems)
        blame = {name: file for (_, name), file in layered.owner.items()}
    for shown, raw in entries:
        doc, errs = validate_raw(shown, raw)
        if doc is None:
            merged.invalid(raw, [_blame(e, shipped, blame) for e in errs])
        else:
            merged.add(shown, doc)
    if over:
        for (section, name), file in layered.owner.items():
            if section in overlay.ORIGIN_PREFIX:
                merged.where[overlay.ORIGIN_PREFIX[section] + name] = file
    catalog, problems = merged.catalog(data_dir)
    if catalog is None:
        return None, [_blame(p, shipped, blame) for p in problems]
    if over:
        catalog = catalog._replace(
            shipped_dir=default_data_dir(), changes=tuple(c.describe() for c in changes)
        )
    return catalog, []


def _blame(problem: str, shipped: set[str], owner: dict[str, str]) -> str:
    """A shipped file's problem in a record an overlay changed names the overlay file instead."""
    shown, sep, rest = problem.partition(": ")
    if not sep or shown not in shipped:
        return problem
    root = re.split(r"[.\[:]", rest, maxsplit=1)[0]
    return f"{owner[root]}: {rest}" if root in owner else problem


_built: dict[Path, Catalog] = {}  # this process's catalogs, by data directory as given


def check_data(data_dir: str | Path | None = None) -> list[str]:
    """Every problem in a data directory (empty when it is sound): what stops the catalog from
    loading, else the trust checks of :mod:`certcli.catalog.audit`. A catalog that loads is kept,
    as :func:`load_catalog` keeps it, so checking and then loading builds it once."""
    try:
        path = resolve_data_dir(data_dir)
    except DataError as exc:
        return exc.problems
    catalog, problems = build(path)
    if catalog is None:
        return problems
    _keep(path, catalog, CatalogCache(path, source_files(path)))
    from certcli.catalog import audit

    return audit.problems(catalog, catalog.origins or {})


def load_catalog(data_dir: str | Path | None = None) -> Catalog:
    """The validated catalog; raises :class:`DataError` naming file and key path."""
    path = resolve_data_dir(data_dir)
    if path in _built:
        return _built[path]
    disk = CatalogCache(path, source_files(path))
    catalog = disk.load()
    if catalog is None:
        catalog, problems = build(path)
        if catalog is None:
            raise DataError(problems)
        _keep(path, catalog, disk)
    _built[path] = catalog
    if not gc.get_freeze_count():
        # A command's catalog (and every module) lives as long as the process: move it out of the
        # collector's view, so the collections that rendering triggers stop walking it again and
        # again (~20% of a command's CPU time). Once: a process that loads many catalogs (the
        # tests) would otherwise pin what it drops.
        gc.freeze()
    return catalog


def _keep(path: Path, catalog: Catalog, disk: CatalogCache) -> None:
    """Keep a freshly built catalog for this process and, when the cache can, for the next."""
    disk.save(catalog, source_files(catalog.data_dir))
    _built[path] = catalog
