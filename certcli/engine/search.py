"""Finding credentials by words: codes, names, aliases, specialties, settings and summaries."""

from __future__ import annotations

import re

from certcli.catalog import Catalog, normalize
from certcli.model import Credential


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def search(catalog: Catalog, text: str) -> list[tuple[Credential, str]]:
    """Credentials matching every word of ``text``, best first, with the field that matched."""
    words = _words(text)
    if not words:
        return []
    key = normalize(text)
    scored: list[tuple[int, int, Credential, str]] = []
    for rank, cred in enumerate(catalog.credentials.values()):
        names = [cred.code, *cred.aliases, *cred.former_codes]
        if cred.apprentice:
            names.append(cred.apprentice.designation)
        if key and key in {normalize(n) for n in names}:
            scored.append((0, rank, cred, "code"))
            continue
        fields = [
            ("name", cred.name),
            ("specialty", cred.specialty or ""),
            ("category", cred.category.replace("_", " ")),
            ("setting", " ".join(s.replace("_", " ") for s in cred.settings)),
            ("issuer", cred.issuer),
            ("summary", cred.summary),
        ]
        haystack = " ".join(text for _, text in fields).lower()
        if not all(_stem_in(w, haystack) for w in words):
            continue
        where = next((name for name, value in fields if any(_stem_in(w, value.lower()) for w in words)), "summary")
        score = {"name": 1, "specialty": 1, "category": 2, "setting": 2, "issuer": 3, "summary": 4}[where]
        scored.append((score, rank, cred, where))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(cred, where) for _, _, cred, where in scored]


def _stem_in(word: str, haystack: str) -> bool:
    """A word matches at a word start, so 'cardio' finds 'cardiology' and 'code' finds 'coder'."""
    return re.search(r"(?<![a-z0-9])" + re.escape(word), haystack) is not None
