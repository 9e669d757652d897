"""The built catalog and its look-ups: codes, aliases, organizations, the one "did you mean".

:class:`Catalog` is what every command reads. Its provenance methods (``pick``, ``disputed``,
``is_stale``, ``as_of``) are thin calls into :mod:`certcli.catalog.provenance`, where the
claim-choice rule lives.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from certcli.catalog import provenance
from certcli.errors import UnknownCodeError, UsageError
from certcli.model import Claim, Context, Credential, Level, Organization, Preparation, Source

SUGGEST_CUTOFF = 0.6  # difflib's ratio a name must reach to be offered as "did you mean"


def normalize(code: str) -> str:
    """``ccs-p``, ``CCSP`` and ``CCS P`` are one code."""
    return re.sub(r"[^A-Z0-9]", "", code.upper())


def suggest(word: str, names: Mapping[str, str]) -> str | None:
    """The name to offer for ``word`` ("did you mean …?"), or None.

    ``names`` maps each normalized key to the name to show. The closest key by difflib wins;
    failing that, a key that starts with what was typed or that it starts with ("CCS-" → CCS).
    """
    key = normalize(word)
    if not key:  # "", "-", "  ": nothing to suggest from
        return None
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=SUGGEST_CUTOFF)
    if not close:
        close = sorted(k for k in names if k.startswith(key) or key.startswith(k))[:1]
    return names[close[0]] if close else None


class Catalog(NamedTuple):
    sources: dict[str, Source]
    organizations: dict[str, Organization]
    credentials: dict[str, Credential]  # code -> credential, in display order
    context: Context
    data_dir: Path
    lookup: dict[str, str]  # normalized code/alias -> code
    data_version: str | None = None  # ISO date the data was released (data/release.yaml)
    preparation: dict[str, Preparation] = {}  # credential or issuer code -> study, books, windows (data/prep.yaml)
    origins: dict[str, str] | None = None  # "src:"/"org:"/"cred:" + id or code -> the file it came from
    shipped_dir: Path | None = None  # for an overlay: the shipped data it is merged over
    changes: tuple[str, ...] = ()  # for an overlay: what each overlay file changes or adds, one line each

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
        """The credential code to offer for an unknown ``code``."""
        return suggest(code, self.lookup)

    def organization(self, code: str) -> Organization:
        names = {normalize(org): org for org in self.organizations}
        key = normalize(code)
        if key in names:
            return self.organizations[names[key]]
        raise UnknownCodeError(code, suggest(code, names), kind="organization")

    def issuer(self, cred: Credential) -> Organization:
        return self.organizations[cred.issuer]

    def members_only(self, org: Organization) -> bool | None:
        """Whether the organization sells its exams to members only (None: not published)."""
        claim = self.pick(org.membership.required_for_exam)
        return bool(claim.value) if claim is not None else None

    # -- provenance: the rule is in certcli.catalog.provenance

    def source(self, claim: Claim[Any]) -> Source:
        return self.sources[claim.source]

    def pick(self, fact: tuple[Claim[Any], ...] | None) -> Claim[Any] | None:
        """The claim to compute with (see :func:`certcli.catalog.provenance.pick`)."""
        return provenance.pick(fact, self.sources)

    def last_known(self, fact: tuple[Claim[Any], ...] | None) -> Claim[Any] | None:
        """An old value to show where every claim is superseded (see :func:`provenance.last_known`)."""
        return provenance.last_known(fact, self.sources)

    def unverified(self, claim: Claim[Any] | None) -> str | None:
        """"seed source, unverified" for a seed or weak figure (see :func:`provenance.unverified`)."""
        return provenance.unverified(claim, self.sources)

    def as_of(self, claim: Claim[Any]) -> str:
        """``2025``, or ``undated``."""
        return provenance.as_of(claim, self.sources)

    def is_stale(self, claim: Claim[Any], today: date) -> bool:
        return provenance.is_stale(claim, self.sources, today)

    def disputed(self, fact: tuple[Claim[Any], ...] | None) -> bool:
        """More than one live value: sources disagree."""
        return provenance.disputed(fact)

    def data_as_of(self) -> int | None:
        return provenance.newest_year(self.sources.values())


_LEVEL_ORDER = {lvl: i for i, lvl in enumerate(Level)}


def display_order(creds: list[Credential], org_order: list[str]) -> list[Credential]:
    """Credentials by issuer (as the data lists them), then level, then code."""
    org_rank = {code: i for i, code in enumerate(org_order)}
    return sorted(
        creds,
        key=lambda c: (org_rank.get(c.issuer, len(org_rank)), _LEVEL_ORDER[c.level], c.code),
    )
