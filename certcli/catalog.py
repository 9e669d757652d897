"""Find the data, load the YAML once, validate it and build the catalog.

This is the only module that imports yaml. Every problem names the file and the key path
(``data/aapc.yaml: CPC.exam.minutes: expected an integer, got 'four hours'``).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from certcli.errors import DataError, UnknownCodeError
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

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        raise DataError([f"{path}: data directory not found"])
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


@dataclass(frozen=True)
class Catalog:
    sources: dict[str, Source]
    organizations: dict[str, Organization]
    credentials: dict[str, Credential]  # code -> credential, in display order
    context: Context
    data_dir: Path
    lookup: dict[str, str] = field(default_factory=dict)  # normalized code/alias -> code

    # -- look-ups

    def credential(self, code: str) -> Credential:
        key = normalize(code)
        if key in self.lookup:
            return self.credentials[self.lookup[key]]
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
    shown = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{shown}: cannot read: {exc}"
    try:
        return yaml.load(text, Loader=_Loader), None
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
            parts.append(("." if parts and not parts[-1].endswith(".") else "") + step)
        node = nxt
    return "".join(p if p.startswith(("[", ".")) or j == 0 else "." + p for j, p in enumerate(parts))


def _item_name(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in ("code", "id"):
            if isinstance(item.get(key), str):
                return str(item[key])
    return None


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


def _gather(data_dir: Path) -> tuple[Catalog | None, list[str]]:
    files = sorted(p for p in data_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
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

    for path in files:
        raw, problem = _read_yaml(path)
        if problem:
            problems.append(problem)
            continue
        doc, errs = _validate_file(path, raw)
        problems.extend(errs)
        if doc is None:
            continue
        shown = _display(path)
        parsed.append((shown, doc))
        for src in doc.sources:
            if src.id in sources:
                problems.append(f"{shown}: sources.{src.id}: duplicate source id (also in {where['src:' + src.id]})")
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

    # codes, aliases and former codes must be unique after normalizing
    lookup: dict[str, str] = {}
    for shown, doc in parsed:
        for cred in doc.credentials:
            names = [("code", cred.code)]
            names += [("aliases", a) for a in cred.aliases]
            names += [("former_codes", f) for f in cred.former_codes]
            if cred.apprentice:
                names.append(("apprentice.designation", cred.apprentice.designation))
            for key, name in names:
                norm = normalize(name)
                owner = lookup.get(norm)
                if owner is not None and not (owner == cred.code and key != "code"):
                    what = "duplicate credential code" if key == "code" else f"{key} '{name}' already names"
                    other = f" {owner}" if key != "code" else ""
                    problems.append(f"{shown}: {cred.code}.{key}: {what}{other} (in {where['cred:' + owner]})")
                    continue
                lookup.setdefault(norm, cred.code)

    for shown, doc in parsed:
        claim_owners: list[tuple[str, Any]] = [(o.code, o) for o in doc.organizations]
        claim_owners += [(c.code, c) for c in doc.credentials]
        if doc.context:
            claim_owners.append(("context", doc.context))
        for root, obj in claim_owners:
            for key, claim in _walk_claims(obj, ""):
                if claim.source not in sources:
                    problems.append(f"{shown}: {root}.{key}.source: unknown source '{claim.source}'")
                if claim.max is not None and isinstance(claim.value, int | float) and claim.max < claim.value:
                    problems.append(f"{shown}: {root}.{key}.max: smaller than the value")
        for cred in doc.credentials:
            if cred.issuer not in orgs:
                problems.append(f"{shown}: {cred.code}.issuer: unknown organization '{cred.issuer}'")
            for key, code in _codes_in(cred):
                if normalize(code) not in lookup:
                    problems.append(f"{shown}: {key}: unknown credential '{code}'")
            reqs = list(cred.eligibility.required) + list(cred.eligibility.recommended)
            for req in reqs:
                if req.source not in sources:
                    problems.append(f"{shown}: {cred.code}.eligibility: unknown source '{req.source}'")
            if cred.apprentice and cred.apprentice.source not in sources:
                problems.append(f"{shown}: {cred.code}.apprentice.source: unknown source '{cred.apprentice.source}'")
        for org in doc.organizations:
            ref = org.renewal.stacking_source
            if ref and ref not in sources:
                problems.append(f"{shown}: {org.code}.renewal.stacking_source: unknown source '{ref}'")

    if problems:
        return None, problems
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
    catalog, problems = _gather(path)
    if catalog is None:
        raise DataError(problems)
    _cache[path] = catalog
    return catalog
