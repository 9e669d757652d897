"""Find the data, load the YAML once, validate it and build the catalog.

This is the only module that imports yaml. Every problem names the file and the key path
(``data/aapc.yaml: CPC.exam.minutes: expected an integer, got 'four hours'``).
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
import os
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from certcli.errors import DataError, UnknownCodeError, UsageError
from certcli.model import (
    CONFIDENCE_RANK,
    Claim,
    Confidence,
    Context,
    Credential,
    DataFile,
    Level,
    Organization,
    Source,
)

ENV_VAR = "CERTCLI_DATA_DIR"
STALE_DAYS = 548  # about 18 months


@functools.cache
def _loader() -> Any:
    """The safe loader (the C one where PyYAML has it), refusing a key given twice in one mapping
    (YAML would keep the last silently). Built on first use: a cached catalog needs no yaml at all."""
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

    return Loader


# --------------------------------------------------------------------------- finding the data


def default_data_dir() -> Path:
    """The packaged copy (a wheel install) first, else the repository's data/ (a checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data", here.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise DataError([f"no data directory found (looked in {here / 'data'} and {here.parent / 'data'})"])


def resolve_data_dir(explicit: str | Path | None = None) -> Path:
    chosen = explicit or os.environ.get(ENV_VAR) or None
    if chosen is None:
        return default_data_dir()
    path = Path(chosen).expanduser()
    if not path.is_dir():
        shown = str(path) if str(path).isprintable() else repr(str(path))  # one line, whatever was typed
        raise DataError([f"{shown}: data directory not found"])
    return path


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- normalizing codes


def normalize(code: str) -> str:
    """``ccs-p``, ``CCSP`` and ``CCS P`` are one code."""
    return re.sub(r"[^A-Z0-9]", "", code.upper())


# --------------------------------------------------------------------------- the catalog


class Catalog(NamedTuple):
    sources: dict[str, Source]
    organizations: dict[str, Organization]
    credentials: dict[str, Credential]  # code -> credential, in display order
    context: Context
    data_dir: Path
    lookup: dict[str, str]  # normalized code/alias -> code

    # -- look-ups

    def credential(self, code: str) -> Credential:
        key = normalize(code)
        if key in self.lookup:
            return self.credentials[self.lookup[key]]
        if not key:  # "", "-", "  ": nothing to suggest from
            raise UsageError(f"'{code}' is not a credential code. Try 'certcli list' to see them all.")
        raise UnknownCodeError(code, self.suggest(code))

    def resolve(self, codes: list[str]) -> list[Credential]:
        """Credentials for ``codes``, in the order given, without repeats."""
        seen: dict[str, Credential] = {}
        for code in codes:
            cred = self.credential(code)
            seen.setdefault(cred.code, cred)
        return list(seen.values())

    def suggest(self, code: str) -> str | None:
        key = normalize(code)
        if not key:
            return None
        close = difflib.get_close_matches(key, list(self.lookup), n=1, cutoff=0.6)
        if not close:
            # a prefix is a good guess too ("CCS-" → CCS)
            prefixed = sorted(k for k in self.lookup if k.startswith(key) or key.startswith(k))
            close = prefixed[:1]
        return self.credentials[self.lookup[close[0]]].code if close else None

    def organization(self, code: str) -> Organization:
        for org in self.organizations.values():
            if normalize(org.code) == normalize(code):
                return org
        names = list(self.organizations)
        close = difflib.get_close_matches(code.upper(), names, n=1, cutoff=0.5)
        raise UnknownCodeError(code, close[0] if close else None, kind="organization")

    def issuer(self, cred: Credential) -> Organization:
        return self.organizations[cred.issuer]

    def members_only(self, org: Organization) -> bool | None:
        """Whether the organization sells its exams to members only (None: not published)."""
        claim = self.pick(org.membership.required_for_exam)
        return bool(claim.value) if claim is not None else None

    # -- provenance

    def source(self, claim: Claim[Any]) -> Source:
        return self.sources[claim.source]

    def pick(self, fact: tuple[Claim[Any], ...] | None) -> Claim[Any] | None:
        """The claim to use: the one marked current, else the most recent official one, else
        the most recent one; superseded claims only when nothing else is left."""
        fact = tuple(c for c in fact or () if not c.doubtful)
        if not fact:
            return None
        marked = [c for c in fact if c.current]
        if marked:
            return marked[0]
        live = [c for c in fact if not c.superseded] or list(fact)
        official = [
            c for c in live if self.sources[c.source].confidence in (Confidence.OFFICIAL, Confidence.OFFICIAL_MIRROR)
        ]
        pool = official or live
        chosen = max(pool, key=self._recency)
        # the same value stated more recently elsewhere dates it better
        same = [c for c in live if (c.value, c.max) == (chosen.value, chosen.max)]
        return max(same, key=self._recency)

    def _recency(self, claim: Claim[Any]) -> tuple[int, int]:
        src = self.sources[claim.source]
        return (src.year or 0, CONFIDENCE_RANK[src.confidence])

    def as_of(self, claim: Claim[Any]) -> str:
        """``2025``, or ``undated``."""
        src = self.sources[claim.source]
        return str(src.year) if src.year else "undated"

    def is_stale(self, claim: Claim[Any], today: date) -> bool:
        src = self.sources[claim.source]
        if src.year is None:
            return True
        return (today - date(src.year, 7, 1)).days > STALE_DAYS

    def disputed(self, fact: tuple[Claim[Any], ...] | None) -> bool:
        """More than one live value: sources disagree."""
        if not fact:
            return False
        live = {(c.value, c.max) for c in fact if not c.superseded and not c.doubtful}
        return len(live) > 1

    def data_as_of(self) -> int | None:
        years = [s.year for s in self.sources.values() if s.year]
        return max(years) if years else None


_LEVEL_ORDER = {lvl: i for i, lvl in enumerate(Level)}


def _display_order(creds: list[Credential], org_order: list[str]) -> list[Credential]:
    org_rank = {code: i for i, code in enumerate(org_order)}
    return sorted(
        creds,
        key=lambda c: (org_rank.get(c.issuer, len(org_rank)), _LEVEL_ORDER[c.level], c.code),
    )


# --------------------------------------------------------------------------- loading


def _read_yaml(path: Path) -> tuple[Any, str | None]:
    import yaml

    shown = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{shown}: cannot read: {exc}"
    try:
        return yaml.load(text, Loader=_loader()), None
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


def _key_path(loc: tuple[str | int, ...], raw: Any) -> str:
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


def _describe(err: Any) -> str:
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


def _validate_file(path: Path, raw: Any) -> tuple[DataFile | None, list[str]]:
    shown = _display(path)
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
            where = _key_path(tuple(err["loc"]), raw) or "(top)"
            line = f"{shown}: {where}: {_describe(err)}"
            if line not in seen:
                seen.add(line)
                problems.append(line)
        return None, problems


def _walk_claims(obj: Any, path: str) -> Iterator[tuple[str, Claim[Any]]]:
    """Every claim inside a model, with its key path."""
    if isinstance(obj, Claim):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _walk_claims(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, tuple):
        single = len(obj) == 1 and isinstance(obj[0], Claim)
        for i, item in enumerate(obj):
            yield from _walk_claims(item, path if single else f"{path}[{i}]")


def _codes_in(cred: Credential) -> Iterator[tuple[str, str]]:
    """(key path, code) for every credential code a credential refers to."""
    for i, code in enumerate(cred.builds_on):
        yield f"{cred.code}.builds_on[{i}]", code
    for i, code in enumerate(cred.renewal.superseded_by):
        yield f"{cred.code}.renewal.superseded_by[{i}]", code
    for group_name in ("required", "recommended"):
        for i, req in enumerate(getattr(cred.eligibility, group_name)):
            for j, crit in enumerate(req.any_of):
                for k, code in enumerate(crit.credentials):
                    yield f"{cred.code}.eligibility.{group_name}[{i}].any_of[{j}].credentials[{k}]", code
    if cred.apprentice:
        for j, crit in enumerate(cred.apprentice.removal):
            for k, code in enumerate(crit.credentials):
                yield f"{cred.code}.apprentice.removal[{j}].credentials[{k}]", code


def _shadow_names(raw: Any, shadow: dict[str, set[str]]) -> bool:
    """Collect the ids and codes an invalid file defines; False when its shape says nothing."""
    if not isinstance(raw, dict):
        return False
    keys = {"sources": ("id",), "organizations": ("code",), "credentials": ("code", "aliases", "former_codes")}
    for section, fields in keys.items():
        items = raw.get(section)
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, dict):
                continue
            values: list[Any] = []
            for name in fields:
                value = item.get(name)
                values += value if isinstance(value, list) else [value]
            apprentice = item.get("apprentice")
            if section == "credentials" and isinstance(apprentice, dict):
                values.append(apprentice.get("designation"))
            for value in values:
                if isinstance(value, str):
                    shadow[section].add(normalize(value) if section == "credentials" else value)
    return True


def _gather(data_dir: Path) -> tuple[Catalog | None, list[str]]:
    files = _data_files(data_dir)
    if not files:
        return None, [f"{_display(data_dir)}: no .yaml data files"]
    problems: list[str] = []
    sources: dict[str, Source] = {}
    orgs: dict[str, Organization] = {}
    creds: dict[str, Credential] = {}
    where: dict[str, str] = {}  # code or source id -> file shown
    context = Context()
    org_order: list[str] = []
    parsed: list[tuple[str, DataFile]] = []
    # Names defined by files that failed to validate: references to them are not reported as
    # unknown (the file's own problem is). When a file cannot be read at all, nothing is known
    # about what it defines, so references are checked only once every file reads.
    shadow: dict[str, set[str]] = {"sources": set(), "organizations": set(), "credentials": set()}
    unreadable = False

    for path in files:
        raw, problem = _read_yaml(path)
        if problem:
            problems.append(problem)
            unreadable = True
            continue
        doc, errs = _validate_file(path, raw)
        problems.extend(errs)
        if doc is None:
            unreadable = unreadable or not _shadow_names(raw, shadow)
            continue
        shown = _display(path)
        parsed.append((shown, doc))
        this_year = date.today().year
        for src in doc.sources:
            if src.id in sources:
                problems.append(f"{shown}: sources.{src.id}: duplicate source id (also in {where['src:' + src.id]})")
            if src.year is not None and src.year > this_year:
                problems.append(
                    f"{shown}: sources.{src.id}.year: {src.year} is in the future; a figure is as of a past year"
                )
            sources[src.id] = src
            where["src:" + src.id] = shown
        for org in doc.organizations:
            if org.code in orgs:
                other = where["org:" + org.code]
                problems.append(f"{shown}: {org.code}: duplicate organization code (also in {other})")
            orgs[org.code] = org
            org_order.append(org.code)
            where["org:" + org.code] = shown
        for cred in doc.credentials:
            creds.setdefault(cred.code, cred)
            where.setdefault("cred:" + cred.code, shown)
        if doc.context:
            context = Context(
                salary_survey=context.salary_survey + doc.context.salary_survey,
                outlook=context.outlook + doc.context.outlook,
                training=context.training + doc.context.training,
                notes=context.notes + doc.context.notes,
            )

    # codes, aliases and former codes must be unique after normalizing; codes first, so that an
    # alias clashing with a code is reported at the alias, whichever file is read first
    lookup: dict[str, str] = {}
    entries = [(shown, cred) for shown, doc in parsed for cred in doc.credentials]
    for shown, cred in entries:
        norm = normalize(cred.code)
        owner = lookup.get(norm)
        if not norm:
            problems.append(f"{shown}: {cred.code!r}.code: a code needs at least one letter or digit")
        elif owner is not None:
            problems.append(f"{shown}: {cred.code}.code: duplicate credential code (also in {where['cred:' + owner]})")
        else:
            lookup[norm] = cred.code
    for shown, cred in entries:
        names = [(f"aliases[{i}]", a) for i, a in enumerate(cred.aliases)]
        names += [(f"former_codes[{i}]", f) for i, f in enumerate(cred.former_codes)]
        if cred.apprentice:
            names.append(("apprentice.designation", cred.apprentice.designation))
        for key, name in names:
            norm = normalize(name)
            owner = lookup.get(norm)
            if not norm:
                problems.append(f"{shown}: {cred.code}.{key}: a code needs at least one letter or digit")
            elif owner is None:
                lookup[norm] = cred.code
            elif owner != cred.code:
                other = where["cred:" + owner]
                problems.append(f"{shown}: {cred.code}.{key}: '{name}' already names {owner} (in {other})")

    known_sources = set(sources) | shadow["sources"]
    known_orgs = set(orgs) | shadow["organizations"]
    known_codes = set(lookup) | shadow["credentials"]
    for shown, doc in [] if unreadable else parsed:
        claim_owners: list[tuple[str, Any]] = [(o.code, o) for o in doc.organizations]
        claim_owners += [(c.code, c) for c in doc.credentials]
        if doc.context:
            claim_owners.append(("context", doc.context))
        for root, obj in claim_owners:
            for key, claim in _walk_claims(obj, ""):
                if claim.source not in known_sources:
                    problems.append(f"{shown}: {root}.{key}.source: unknown source '{claim.source}'")
                if claim.max is not None and isinstance(claim.value, int | float) and claim.max < claim.value:
                    problems.append(f"{shown}: {root}.{key}.max: smaller than the value")
        for cred in doc.credentials:
            if cred.issuer not in known_orgs:
                problems.append(f"{shown}: {cred.code}.issuer: unknown organization '{cred.issuer}'")
            for key, code in _codes_in(cred):
                if normalize(code) not in known_codes:
                    problems.append(f"{shown}: {key}: unknown credential '{code}'")
            for group_name in ("required", "recommended"):
                for i, req in enumerate(getattr(cred.eligibility, group_name)):
                    if req.source not in known_sources:
                        key = f"{cred.code}.eligibility.{group_name}[{i}].source"
                        problems.append(f"{shown}: {key}: unknown source '{req.source}'")
            if cred.apprentice and cred.apprentice.source not in known_sources:
                problems.append(f"{shown}: {cred.code}.apprentice.source: unknown source '{cred.apprentice.source}'")
        for org in doc.organizations:
            ref = org.renewal.stacking_source
            if ref and ref not in known_sources:
                problems.append(f"{shown}: {org.code}.renewal.stacking_source: unknown source '{ref}'")

    if problems:  # one line each, whatever the file holds
        return None, [p.replace("\r", "\\r").replace("\n", "\\n") for p in problems]
    ordered = _display_order(list(creds.values()), org_order)
    catalog = Catalog(
        sources=sources,
        organizations=orgs,
        credentials={c.code: c for c in ordered},
        context=context,
        data_dir=data_dir,
        lookup=lookup,
    )
    return catalog, []


# --------------------------------------------------------------------------- the catalog cache

CACHE_OFF_VAR = "CERTCLI_NO_CACHE"
_CACHE_FORMAT = 2
_CACHE_KEEP = 8  # data directories remembered; the least recently written go first


def cache_dir() -> Path | None:
    """Where parsed data files are kept between runs; None when caching is off."""
    if os.environ.get(CACHE_OFF_VAR):
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    except RuntimeError:  # no home directory
        return None
    return root / "certcli"


class _CatalogCache:
    """The validated catalog of a data directory, kept on disk between runs.

    Building the catalog (YAML parsing, then pydantic validation and the cross-checks) is most
    of a command's start-up; a pickle of the result loads in a fraction of that. The key is a
    hash of the data files' exact bytes, of certcli's model and loader code, and of the Python
    and pydantic versions, so any edit means a fresh build. Only a catalog that loaded without
    a problem is kept. Anything wrong with the cache (unreadable, truncated, stale) is a miss,
    silently. ``CERTCLI_NO_CACHE=1`` turns it off. The cache lives in the user's own cache
    directory and holds only what certcli itself wrote there.
    """

    def __init__(self, data_dir: Path) -> None:
        self.path: Path | None = None
        self.digest: str | None = None
        where = cache_dir()
        if where is None:
            return
        files = _data_files(data_dir)
        self.digest = _digest(files) if files else None
        if self.digest is None:
            return
        name = hashlib.sha256(str(data_dir.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]
        self.path = where / f"catalog-{name}.pickle"

    def load(self) -> Catalog | None:
        if self.path is None:
            return None
        try:
            import pickle

            fmt, digest, catalog = pickle.loads(self.path.read_bytes())
        except Exception:  # a missing or broken cache is only a miss
            return None
        if fmt == _CACHE_FORMAT and digest == self.digest and isinstance(catalog, Catalog):
            return catalog
        return None

    def save(self, catalog: Catalog) -> None:
        """Keep the catalog, unless a data file changed while it was being built."""
        if self.path is None or _digest(_data_files(catalog.data_dir)) != self.digest:
            return
        import pickle

        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            blob = pickle.dumps((_CACHE_FORMAT, self.digest, catalog), protocol=pickle.HIGHEST_PROTOCOL)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(blob)
            os.replace(tmp, self.path)  # atomic: a concurrent run sees the old file or the new one
        except (OSError, pickle.PicklingError):  # a read-only home, say
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return
        with contextlib.suppress(OSError):
            entries = sorted(self.path.parent.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[_CACHE_KEEP:]:
                old.unlink(missing_ok=True)


def _data_files(data_dir: Path) -> list[Path]:
    try:
        return sorted(p for p in data_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError:
        return []


def _digest(files: list[Path]) -> str | None:
    import pydantic

    h = hashlib.sha256(f"{_CACHE_FORMAT} {sys.version_info[:2]} {pydantic.VERSION}".encode())
    try:
        for code in (Path(__file__), *sorted(Path(__file__).with_name("model").glob("*.py"))):
            h.update(code.read_bytes())  # another certcli (an upgrade, an edit) builds anew
        for path in files:
            data = path.read_bytes()
            h.update(f"\0{path.name}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
            h.update(data)
    except OSError:
        return None
    return h.hexdigest()


def check_data(data_dir: str | Path | None = None) -> list[str]:
    """Every problem in a data directory (empty when it is sound)."""
    try:
        path = resolve_data_dir(data_dir)
    except DataError as exc:
        return exc.problems
    return _gather(path)[1]


_cache: dict[Path, Catalog] = {}


def load_catalog(data_dir: str | Path | None = None) -> Catalog:
    """The validated catalog; raises :class:`DataError` naming file and key path."""
    path = resolve_data_dir(data_dir)
    if path in _cache:
        return _cache[path]
    disk = _CatalogCache(path)
    catalog = disk.load()
    if catalog is None:
        catalog, problems = _gather(path)
        if catalog is None:
            raise DataError(problems)
        disk.save(catalog)
    _cache[path] = catalog
    return catalog
