"""The cross-file checks: what no single file can know is wrong.

Each data file is validated on its own (:mod:`certcli.catalog.load`); :class:`Merged` then
gathers the files in order and checks them against each other: duplicate source ids and
organization codes, source years in the future, codes and aliases that clash once normalized,
and references (sources, organizations, credential codes) that name nothing. Problems come in
the order a person reads the files, one line each.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from certcli.catalog.index import Catalog, display_order, normalize
from certcli.model import Claim, Context, Credential, DataFile, Organization, Preparation, Source


def walk_claims(obj: Any, path: str) -> Iterator[tuple[str, Claim[Any]]]:
    """Every claim inside a model, with its key path."""
    if isinstance(obj, Claim):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from walk_claims(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, tuple):
        single = len(obj) == 1 and isinstance(obj[0], Claim)
        for i, item in enumerate(obj):
            yield from walk_claims(item, path if single else f"{path}[{i}]")


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


def _names_for_lookup(cred: Credential) -> list[tuple[str, str]]:
    """(key path, name) for every other name a credential answers to."""
    names = [(f"aliases[{i}]", a) for i, a in enumerate(cred.aliases)]
    names += [(f"former_codes[{i}]", f) for i, f in enumerate(cred.former_codes)]
    if cred.apprentice:
        names.append(("apprentice.designation", cred.apprentice.designation))
    return names


def _one_line(problem: str) -> str:
    return problem.replace("\r", "\\r").replace("\n", "\\n")


class Merged:
    """The data files read so far, merged, with every problem found on the way."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.sources: dict[str, Source] = {}
        self.orgs: dict[str, Organization] = {}
        self.creds: dict[str, Credential] = {}
        self.where: dict[str, str] = {}  # "src:"/"org:"/"cred:" + id or code -> file shown
        self.context = Context()
        self.preparation: dict[str, Preparation] = {}
        self.data_version: tuple[str, date] | None = None  # (file, release date)
        self.org_order: list[str] = []
        self.parsed: list[tuple[str, DataFile]] = []
        # Names defined by files that failed to validate: references to them are not reported as
        # unknown (the file's own problem is). When a file cannot be read at all, nothing is known
        # about what it defines, so references are checked only once every file reads.
        self.shadow: dict[str, set[str]] = {"sources": set(), "organizations": set(), "credentials": set()}
        self.blind = False  # some file's names are unknown: skip the reference checks
        self.this_year = date.today().year

    # -- one file at a time

    def unreadable(self, problem: str) -> None:
        self.problems.append(problem)
        self.blind = True

    def invalid(self, raw: Any, problems: list[str]) -> None:
        self.problems.extend(problems)
        self.blind = self.blind or not self._shadow_names(raw)

    def add(self, shown: str, doc: DataFile) -> None:
        self.parsed.append((shown, doc))
        self._add_sources(shown, doc)
        self._add_organizations(shown, doc)
        for cred in doc.credentials:
            self.creds.setdefault(cred.code, cred)
            self.where.setdefault("cred:" + cred.code, shown)
        for prep in doc.preparation:
            if prep.code in self.preparation:
                self.problems.append(f"{shown}: preparation.{prep.code}: given twice")
            self.preparation.setdefault(prep.code, prep)
        if doc.data_version:
            if self.data_version:
                other = self.data_version[0]
                self.problems.append(f"{shown}: data_version: given twice (also in {other}); one file dates the data")
            self.data_version = (shown, doc.data_version)
        if doc.context:
            self.context = Context(
                salary_survey=self.context.salary_survey + doc.context.salary_survey,
                outlook=self.context.outlook + doc.context.outlook,
                training=self.context.training + doc.context.training,
                notes=self.context.notes + doc.context.notes,
                left_out=self.context.left_out + doc.context.left_out,
            )

    def _add_sources(self, shown: str, doc: DataFile) -> None:
        for src in doc.sources:
            if src.id in self.sources:
                other = self.where["src:" + src.id]
                self.problems.append(f"{shown}: sources.{src.id}: duplicate source id (also in {other})")
            if src.year is not None and src.year > self.this_year:
                self.problems.append(
                    f"{shown}: sources.{src.id}.year: {src.year} is in the future; a figure is as of a past year"
                )
            self.sources[src.id] = src
            self.where["src:" + src.id] = shown

    def _add_organizations(self, shown: str, doc: DataFile) -> None:
        for org in doc.organizations:
            if org.code in self.orgs:
                other = self.where["org:" + org.code]
                self.problems.append(f"{shown}: {org.code}: duplicate organization code (also in {other})")
            self.orgs[org.code] = org
            self.org_order.append(org.code)
            self.where["org:" + org.code] = shown

    def _shadow_names(self, raw: Any) -> bool:
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
                        self.shadow[section].add(normalize(value) if section == "credentials" else value)
        return True

    # -- once every file is in

    def catalog(self, data_dir: Path) -> tuple[Catalog | None, list[str]]:
        """The catalog, or every problem (one line each, whatever the files hold)."""
        lookup = self._lookup()
        if not self.blind:
            self._check_references(lookup)
        if self.problems:
            return None, [_one_line(p) for p in self.problems]
        ordered = display_order(list(self.creds.values()), self.org_order)
        catalog = Catalog(
            sources=self.sources,
            organizations=self.orgs,
            credentials={c.code: c for c in ordered},
            context=self.context,
            data_dir=data_dir,
            lookup=lookup,
            data_version=self.data_version[1].isoformat() if self.data_version else None,
            preparation=self.preparation,
            origins=dict(self.where),
        )
        return catalog, []

    def _lookup(self) -> dict[str, str]:
        """Normalized code, alias, former code and apprentice designation → code. Each must be
        unique; codes go in first, so that an alias clashing with a code is reported at the
        alias, whichever file is read first."""
        lookup: dict[str, str] = {}
        entries = [(shown, cred) for shown, doc in self.parsed for cred in doc.credentials]
        for shown, cred in entries:
            norm = normalize(cred.code)
            owner = lookup.get(norm)
            if not norm:
                self.problems.append(f"{shown}: {cred.code!r}.code: a code needs at least one letter or digit")
            elif owner is not None:
                other = self.where["cred:" + owner]
                self.problems.append(f"{shown}: {cred.code}.code: duplicate credential code (also in {other})")
            else:
                lookup[norm] = cred.code
        for shown, cred in entries:
            for key, name in _names_for_lookup(cred):
                norm = normalize(name)
                owner = lookup.get(norm)
                if not norm:
                    self.problems.append(f"{shown}: {cred.code}.{key}: a code needs at least one letter or digit")
                elif owner is None:
                    lookup[norm] = cred.code
                elif owner != cred.code:
                    other = self.where["cred:" + owner]
                    self.problems.append(f"{shown}: {cred.code}.{key}: '{name}' already names {owner} (in {other})")
        return lookup

    def _check_references(self, lookup: dict[str, str]) -> None:
        known_sources = set(self.sources) | self.shadow["sources"]
        known_orgs = set(self.orgs) | self.shadow["organizations"]
        known_codes = set(lookup) | self.shadow["credentials"]
        for shown, doc in self.parsed:
            self.problems.extend(f"{shown}: {p}" for p in _claim_problems(doc, known_sources))
            for cred in doc.credentials:
                refs = _credential_problems(cred, known_sources, known_orgs, known_codes)
                self.problems.extend(f"{shown}: {p}" for p in refs)
            for org in doc.organizations:
                ref = org.renewal.stacking_source
                if ref and ref not in known_sources:
                    self.problems.append(f"{shown}: {org.code}.renewal.stacking_source: unknown source '{ref}'")
            for prep in doc.preparation:
                if normalize(prep.code) not in known_codes and prep.code not in known_orgs:
                    self.problems.append(f"{shown}: preparation.{prep.code}: names no credential or organization")
                for i, item in enumerate(prep.items):
                    if item.source not in known_sources:
                        self.problems.append(
                            f"{shown}: preparation.{prep.code}.items[{i}].source: unknown source '{item.source}'")


def _claim_problems(doc: DataFile, known_sources: set[str]) -> Iterator[str]:
    """Every claim names a known source, and a range's upper end is not below its value."""
    owners: list[tuple[str, Any]] = [(o.code, o) for o in doc.organizations]
    owners += [(c.code, c) for c in doc.credentials]
    owners += [(f"preparation.{p.code}", p) for p in doc.preparation]
    if doc.context:
        owners.append(("context", doc.context))
    if doc.context:
        for i, gone in enumerate(doc.context.left_out):
            if gone.source not in known_sources:
                yield f"context.left_out[{i}].source: unknown source '{gone.source}'"
    for root, obj in owners:
        for key, claim in walk_claims(obj, ""):
            if claim.source not in known_sources:
                yield f"{root}.{key}.source: unknown source '{claim.source}'"
            if claim.max is not None and isinstance(claim.value, int | float) and claim.max < claim.value:
                yield f"{root}.{key}.max: smaller than the value"


def _credential_problems(
    cred: Credential, known_sources: set[str], known_orgs: set[str], known_codes: set[str]
) -> Iterator[str]:
    """A credential's issuer, the credentials it names and its requirements' sources all exist."""
    if cred.issuer not in known_orgs:
        yield f"{cred.code}.issuer: unknown organization '{cred.issuer}'"
    for key, code in _codes_in(cred):
        if normalize(code) not in known_codes:
            yield f"{key}: unknown credential '{code}'"
    for group_name in ("required", "recommended"):
        for i, req in enumerate(getattr(cred.eligibility, group_name)):
            if req.source not in known_sources:
                yield f"{cred.code}.eligibility.{group_name}[{i}].source: unknown source '{req.source}'"
    if cred.apprentice and cred.apprentice.source not in known_sources:
        yield f"{cred.code}.apprentice.source: unknown source '{cred.apprentice.source}'"
