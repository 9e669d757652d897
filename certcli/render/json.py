"""The one JSON serializer: facts with their chosen claim and every claim's source, catalog
models with each fact resolved, engine results (NamedTuples) as plain values, and the sources
a document cites. Every command's ``--json`` document is built from these; ``output.emit``
writes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel

from certcli.catalog import Catalog
from certcli.model import Claim
from certcli.render import Fact

CLAIM_LISTS = {"salary", "history", "rules", "exam_policies", "salary_survey", "outlook", "training", "notes"}


def claim_json(catalog: Catalog, claim: Claim[Any], today: date) -> dict[str, Any]:
    src = catalog.sources[claim.source]
    out: dict[str, Any] = {"value": claim.value}
    if claim.max is not None:
        out["max"] = claim.max
    if claim.label:
        out["label"] = claim.label
    out.update(
        source=claim.source,
        as_of=src.year,
        confidence=str(src.confidence),
        stale=catalog.is_stale(claim, today),
    )
    if claim.note:
        out["note"] = claim.note
    out["status"] = str(claim.status) if claim.status else None
    if claim.accepted:
        out["accepted"] = claim.accepted
    return out


def fact_json(catalog: Catalog, fact: Fact | None, today: date) -> dict[str, Any] | None:
    """``{"value": …, "as_of": …, "source": …, "disputed": …, "claims": […]}``; None when unknown."""
    picked = catalog.pick(fact)
    if not fact:
        return None
    if picked is None:  # only doubtful claims: unknown, but show what was seen
        return {"value": None, "as_of": None, "source": None, "disputed": False,
                "claims": [claim_json(catalog, c, today) for c in fact]}
    head = claim_json(catalog, picked, today)
    return {
        "value": picked.value,
        **({"max": picked.max} if picked.max is not None else {}),
        "as_of": head["as_of"],
        "source": picked.source,
        "confidence": head["confidence"],
        "stale": head["stale"],
        "disputed": catalog.disputed(fact),
        "claims": [claim_json(catalog, c, today) for c in fact],
    }


def model_json(catalog: Catalog, obj: Any, today: date, name: str = "") -> Any:
    """A model as JSON, with every fact resolved (value in use + all claims with sources)."""
    if isinstance(obj, BaseModel):
        return {
            key: model_json(catalog, getattr(obj, key), today, key)
            for key in type(obj).model_fields
        }
    if isinstance(obj, tuple):
        if obj and all(isinstance(c, Claim) for c in obj):
            if name in CLAIM_LISTS:
                return [claim_json(catalog, c, today) for c in obj]
            return fact_json(catalog, obj, today)
        return [model_json(catalog, item, today) for item in obj]
    if hasattr(obj, "value") and isinstance(obj, str):  # StrEnum
        return str(obj)
    return obj


def sources_json(catalog: Catalog, ids: Iterable[str]) -> dict[str, Any]:
    out = {}
    for sid in sorted(set(ids)):
        src = catalog.sources[sid]
        out[sid] = {
            "url": src.url,
            "title": src.title,
            "year": src.year,
            "year_note": src.year_note,
            "confidence": str(src.confidence),
        }
    return out


def cited(doc: Any) -> set[str]:
    """Every source id a JSON document cites."""
    found: set[str] = set()
    if isinstance(doc, dict):
        if isinstance(doc.get("source"), str):
            found.add(doc["source"])
        for value in doc.values():
            found |= cited(value)
    elif isinstance(doc, list):
        for item in doc:
            found |= cited(item)
    return found


def plain_json(obj: Any) -> Any:
    """An engine record (a NamedTuple) as JSON: nested records as dicts, models as their codes."""
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return {name: plain_json(getattr(obj, name)) for name in obj._fields}
    if isinstance(obj, tuple | list | frozenset | set):
        return [plain_json(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): plain_json(v) for k, v in obj.items()}
    if hasattr(obj, "code") and hasattr(obj, "model_fields"):
        return obj.code
    if isinstance(obj, str):
        return str(obj)
    return obj
