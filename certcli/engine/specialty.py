"""The one specialty matcher: what a person types ('orthopedic', 'Cardio', 'ob/gyn', 'CCC') → a
specialty credential. The wizard, the flags and the answers file all go through it."""

import re

from certcli.catalog import Catalog, normalize
from certcli.model import Category, Credential


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("ae", "e")
    return [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in {"and", "the", "of", "coder", "coding"}]


def _word_match(wanted: str, word: str, loose: bool) -> bool:
    """'cardio' matches 'cardiology' (a typed start); loosely, also 'orthopedic' 'orthopedics'
    (five letters in common)."""
    if wanted == word or (len(wanted) >= 3 and word.startswith(wanted)):
        return True
    if not loose:
        return False
    common = 0
    for a, b in zip(wanted, word, strict=False):
        if a != b:
            break
        common += 1
    return common >= 5


def match_specialty(catalog: Catalog, text: str | None) -> Credential | None:
    """The specialty credential matching ``text`` ('cardiology', 'Cardio', 'orthopedics', 'CCC').

    Matches the code, then the credential's specialty, then its name, then its summary, by word
    starts ('cardiovascular' finds the cardiovascular credential's name before the cardiology
    specialty); only where no word starts match, by five letters in common (so 'orthopedical'
    still finds 'orthopaedics'). Ties go to catalog order.
    """
    if not text or not text.strip():
        return None
    wanted = _tokens(text)
    key = normalize(text)
    best: tuple[int, int, Credential] | None = None
    for rank, cred in enumerate(catalog.credentials.values()):
        if cred.category is not Category.SPECIALTY:
            continue
        score: int | None = None
        if key in {normalize(cred.code), normalize(cred.specialty or "")}:
            score = 0
        elif wanted:
            fields = ((1, cred.specialty or ""), (2, cred.name), (3, cred.summary))
            for field_score, value in (*fields, *((n + 3, v) for n, v in fields)):  # word starts first
                words = _tokens(value)
                if all(any(_word_match(w, v, loose=field_score > 3) for v in words) for w in wanted):
                    score = field_score
                    break
        if score is not None and (best is None or (score, rank) < (best[0], best[1])):
            best = (score, rank, cred)
    return best[2] if best else None
