"""``renew --drop CODE``: what letting one credential go saves, as text and JSON."""

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from certcli.engine.drop import Drop
from certcli.model import Audience, Claim
from certcli.words import every, human, money, plural


def _claim(claim: Claim[Any] | None) -> dict[str, Any] | None:
    return None if claim is None else {"value": claim.value, "source": claim.source, "note": claim.note}


def _audience(audience: Audience) -> str:
    return "" if audience is Audience.ANY else f" ({human(audience.value)})"


def _amount(value: int | None) -> str:
    return "not published" if value is None else money(value)


def _ceus(value: int | None) -> str:
    return "not published" if value is None else plural(value, "CEU")


def drop_json(d: Drop) -> dict[str, Any]:
    return {
        "code": d.code,
        "issuer": d.issuer,
        "still_held": list(d.left),
        "cycle_years": d.cycle_years,
        "ceus_per_cycle": {"before": d.ceus_before, "after": d.ceus_after, "saved": d.ceus_saved},
        "keep_cost_per_cycle": [
            {"audience": k.audience.value, "before": k.before, "after": k.after, "saved": k.saving} for k in d.keep
        ],
        "grace_days": _claim(d.grace_days),
        "lapse": _claim(d.lapse),
        "reinstatement": _claim(d.reinstatement),
        "reinstatement_fees": [_claim(c) for c in d.reinstatement_fees],
        "notes": list(d.notes),
    }


def drop_view(d: Drop) -> RenderableType:
    cycle = every(d.cycle_years)
    lines: list[RenderableType] = [Text(f"If you let {d.code} go ({d.issuer})", style="bold")]
    saved = "" if d.ceus_saved is None else f": {_ceus(d.ceus_saved)} fewer"
    lines.append(Text(f"  CEUs {cycle}: {_ceus(d.ceus_before)} → {_ceus(d.ceus_after)}{saved}"))
    for k in d.keep:
        saves = "" if k.saving is None else f": saves {money(k.saving)}"
        lines.append(Text(f"  to keep, per cycle{_audience(k.audience)}: {_amount(k.before)} → {_amount(k.after)}"
                          f"{saves}"))  # fmt: skip
    if not d.keep:
        lines.append(Text(f"  {d.issuer} publishes no keep cost certcli can count."))
    if d.grace_days is not None:
        lines.append(Text(f"  Grace period: {plural(d.grace_days.value, 'day')} [{d.grace_days.source}]"))
    for label, claim in (("Lapse", d.lapse), ("Reinstatement", d.reinstatement)):
        if claim is not None:
            lines.append(Text(f"  {label}: {claim.value} [{claim.source}]"))
    for fee in d.reinstatement_fees:
        lines.append(Text(f"  Reinstatement fee: {money(fee.value)} [{fee.source}]"))
    if d.lapse is None and d.reinstatement is None:
        lines.append(Text(f"  {d.issuer}'s lapse and reinstatement rules are not published in certcli's sources."))
    lines.extend(Text(f"  {note}") for note in d.notes)
    return Group(*lines)
