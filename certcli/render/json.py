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
from certcli.model import Claim, Fee, MoneyClaim
from certcli.render import Fact

MONEY_FIELDS = {"dues"}  # a money field that may be unpublished (None): still the money shape
CLAIM_LISTS = {"salary", "history", "rules", "exam_policies", "salary_survey", "outlook", "training", "notes"}


CURRENCY = "USD"  # every amount certcli knows is in whole US dollars

# A figure's status, the headline a script can switch on (the README's "JSON contract"):
NOT_PUBLISHED, SUPERSEDED, DISPUTED, STALE, CURRENT = "not_published", "superseded", "disputed", "stale", "current"


def claim_status(claim: Claim[Any]) -> str | None:
    """What the research says of one claim: current, superseded, doubtful, or None (no word)."""
    for status in ("current", "superseded", "doubtful"):
        if getattr(claim, status):
            return status
    return None


def figure_status(known: bool, superseded: bool, disputed: bool, stale: bool) -> str:
    """not_published (no value to use) > superseded (only earlier values) > disputed > stale > current."""
    if not known:
        return NOT_PUBLISHED
    if superseded:
        return SUPERSEDED
    return DISPUTED if disputed else STALE if stale else CURRENT


def _unused(fact: Fact | None) -> str:
    """The status of a fact with no claim to use: superseded when only earlier values are known."""
    return SUPERSEDED if fact and all(c.superseded for c in fact) else NOT_PUBLISHED


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
        status=claim_status(claim),
    )
    if claim.note:
        out["note"] = claim.note
    if claim.accepted:
        out["accepted"] = claim.accepted
    return out


def fact_json(catalog: Catalog, fact: Fact | None, today: date) -> dict[str, Any] | None:
    """``{"value": …, "as_of": …, "source": …, "status": …, "disputed": …, "claims": […]}``; None when unknown."""
    picked = catalog.pick(fact)
    if not fact:
        return None
    if picked is None:  # only doubtful or superseded claims: unknown today, but show what was seen
        return {"value": None, "as_of": None, "source": None, "disputed": False, "status": _unused(fact),
                "claims": [claim_json(catalog, c, today) for c in fact]}
    head = claim_json(catalog, picked, today)
    disputed = catalog.disputed(fact)
    return {
        "value": picked.value,
        **({"max": picked.max} if picked.max is not None else {}),
        "as_of": head["as_of"],
        "source": picked.source,
        "confidence": head["confidence"],
        "stale": head["stale"],
        "disputed": disputed,
        "status": figure_status(True, picked.superseded, disputed, head["stale"]),
        "claims": [claim_json(catalog, c, today) for c in fact],
    }


def money_json(catalog: Catalog, fact: Fact | None, today: date) -> dict[str, Any]:
    """The one money shape: ``{amount, max, currency, source, as_of, status, other_values, …}``.

    ``amount`` is None when no value is published (or only doubtful ones); ``other_values`` are
    the values other claims give, each with its source and status; ``claims`` every claim."""
    picked = catalog.pick(fact)
    out: dict[str, Any] = {"amount": None, "max": None, "currency": CURRENCY, "source": None, "as_of": None,
                           "confidence": None, "stale": False, "disputed": False, "status": _unused(fact)}
    if picked is not None:
        head = claim_json(catalog, picked, today)
        disputed = catalog.disputed(fact)
        out.update(amount=picked.value, max=picked.max, source=picked.source, as_of=head["as_of"],
                   confidence=head["confidence"], stale=head["stale"], disputed=disputed,
                   status=figure_status(True, picked.superseded, disputed, head["stale"]))
    out["other_values"] = [
        {"amount": c.value, "max": c.max, "source": c.source, "as_of": catalog.sources[c.source].year,
         "status": claim_status(c)}
        for c in fact or () if picked is None or (c.value, c.max) != (picked.value, picked.max)
    ]
    out["claims"] = [claim_json(catalog, c, today) for c in fact or ()]
    return out


def total_json(amount: int | None, complete: bool, unknown: Iterable[str] = ()) -> dict[str, Any]:
    """A sum: ``{amount, currency, complete, unknown}``. ``amount`` adds the known amounts (a lower
    bound when ``complete`` is false: ``unknown`` names what is not published); None when nothing is known."""
    return {"amount": amount, "currency": CURRENCY, "complete": complete, "unknown": list(unknown)}


def fee_json(catalog: Catalog, fee: Any, today: date) -> dict[str, Any]:
    """A fee of the catalog: its kind, audience and attempts beside the money shape of its amount."""
    return {"kind": str(fee.kind), "audience": str(fee.audience), "attempts": fee.attempts, "note": fee.note,
            **money_json(catalog, fee.amount, today)}


def model_json(catalog: Catalog, obj: Any, today: date, name: str = "") -> Any:
    """A model as JSON, with every fact resolved (value in use + all claims with sources); a fee or
    dues as the one money shape."""
    if isinstance(obj, Fee):
        return fee_json(catalog, obj, today)
    if isinstance(obj, BaseModel):
        return {
            key: model_json(catalog, getattr(obj, key), today, key)
            for key in type(obj).model_fields
        }
    if isinstance(obj, tuple):
        if obj and all(isinstance(c, Claim) for c in obj):
            if name in CLAIM_LISTS:
                return [claim_json(catalog, c, today) for c in obj]
            if all(isinstance(c, MoneyClaim) for c in obj):
                return money_json(catalog, obj, today)
            return fact_json(catalog, obj, today)
        return [model_json(catalog, item, today) for item in obj]
    if obj is None and name in MONEY_FIELDS:
        return money_json(catalog, None, today)
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
