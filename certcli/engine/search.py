"""Finding credentials: by words (codes, names, aliases, specialties, settings, summaries) and by filters."""

from __future__ import annotations

import re

from certcli.catalog import Catalog, normalize
from certcli.model import Category, Credential, LeftOut, Level, Organization, Setting, Source, Status


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def search(catalog: Catalog, text: str) -> list[tuple[Credential, str]]:
    """Credentials matching ``text``, best first, with the field that matched.

    A query that names a credential (``CPC-H``, ``ccs p``) finds just that credential. Otherwise a
    credential matches when the whole query occurs in its text (``E/M``, ``ob/gyn``) or when every
    word of two letters or more does (single letters, as in ``E/M``, would match nearly anything).
    """
    words = _words(text)
    if not words:
        return []
    key = normalize(text)
    named = [cred for cred in catalog.credentials.values() if key and key in _names(cred)]
    if named:
        return [(cred, "code") for cred in named]
    phrase = " ".join(text.lower().split())
    meaningful = [w for w in words if len(w) > 1]
    scored: list[tuple[int, int, Credential, str]] = []
    for rank, cred in enumerate(catalog.credentials.values()):
        fields = [
            ("name", cred.name),
            ("specialty", cred.specialty or ""),
            ("category", cred.category.replace("_", " ")),
            ("setting", " ".join(s.replace("_", " ") for s in cred.settings)),
            ("issuer", cred.issuer),
            ("summary", cred.summary),
        ]
        haystack = " ".join(value for _, value in fields).lower()
        if _stem_in(phrase, haystack):
            terms = [phrase]
        elif meaningful and all(_stem_in(w, haystack) for w in meaningful):
            terms = meaningful
        else:
            continue
        where = next((name for name, value in fields if any(_stem_in(t, value.lower()) for t in terms)), "summary")
        score = {"name": 1, "specialty": 1, "category": 2, "setting": 2, "issuer": 3, "summary": 4}[where]
        scored.append((score, rank, cred, where))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(cred, where) for _, _, cred, where in scored]


def left_out(catalog: Catalog, text: str) -> tuple[LeftOut, Source] | None:
    """The credential a query names that the catalog leaves out on purpose (a seed names it), with
    the source that says why; None when the query names no such credential."""
    key = normalize(text)
    for gone in catalog.context.left_out:
        if key and key in {normalize(n) for n in (gone.code, *gone.names)}:
            return gone, catalog.sources[gone.source]
    return None


def _names(cred: Credential) -> set[str]:
    names = [cred.code, *cred.aliases, *cred.former_codes]
    if cred.apprentice:
        names.append(cred.apprentice.designation)
    return {normalize(n) for n in names}


def _stem_in(word: str, haystack: str) -> bool:
    """A word matches at a word start, so 'cardio' finds 'cardiology' and 'code' finds 'coder'."""
    return re.search(r"(?<![a-z0-9])" + re.escape(word), haystack) is not None


def select(
    catalog: Catalog,
    *,
    issuer: str | None = None,
    category: Category | None = None,
    setting: Setting | None = None,
    level: Level | None = None,
    status: Status | None = None,
) -> list[Credential]:
    """The credentials that pass every filter given, in catalog order.

    A credential for setting ``any`` works in every setting, so it matches any ``setting``
    asked for; and asking for ``any`` matches every credential.
    """
    creds = list(catalog.credentials.values())
    if issuer is not None:
        creds = [c for c in creds if c.issuer == issuer]
    if category is not None:
        creds = [c for c in creds if c.category == category]
    if setting is not None:
        creds = [c for c in creds if setting is Setting.ANY or setting in c.settings or Setting.ANY in c.settings]
    if level is not None:
        creds = [c for c in creds if c.level == level]
    if status is not None:
        creds = [c for c in creds if c.status == status]
    return creds


def issuers_of(catalog: Catalog, creds: list[Credential] | None = None) -> list[Organization]:
    """The organizations that issue ``creds`` (None: every organization), in catalog order."""
    wanted = {c.issuer for c in creds} if creds is not None else set(catalog.organizations)
    return [org for org in catalog.organizations.values() if org.code in wanted]


def in_both(path: list[Credential], held: list[Credential]) -> list[str]:
    """Codes that are both to be earned and already held: a credential is one or the other."""
    holding = {h.code for h in held}
    return [c.code for c in path if c.code in holding]
