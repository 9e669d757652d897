"""What letting one credential go saves: the renewal plan with it and without it, side by side.

Pure: both plans come from :func:`certcli.engine.renewal.renewal_plan` (the one home of the
stacking, dates and keep-cost rules); this module only compares them and adds the issuer's own
words on grace, lapse and reinstatement.
"""

from datetime import date
from typing import Any, NamedTuple

from certcli.catalog import Catalog
from certcli.engine.renewal import HeldCredential, IssuerRenewal, renewal_plan
from certcli.errors import UsageError
from certcli.model import Audience, Claim, FeeKind


class KeepSaving(NamedTuple):
    audience: Audience
    before: int | None  # keep cost over one cycle, with the credential
    after: int | None  # without it (0 when nothing of the issuer is left)
    saving: int | None  # None when a part is not published


class Drop(NamedTuple):
    code: str
    issuer: str
    left: tuple[str, ...]  # the issuer's credentials still held
    cycle_years: int | None
    ceus_before: int | None  # per cycle
    ceus_after: int | None
    ceus_saved: int | None
    keep: tuple[KeepSaving, ...]
    grace_days: Claim[Any] | None
    lapse: Claim[Any] | None
    reinstatement: Claim[Any] | None
    reinstatement_fees: tuple[Claim[Any], ...]
    notes: tuple[str, ...]


def _issuer(plan_issuers: tuple[IssuerRenewal, ...], code: str) -> IssuerRenewal | None:
    return next((i for i in plan_issuers if i.code == code), None)


def drop(
    catalog: Catalog, held: list[HeldCredential], code: str, today: date, member: bool | None = None
) -> Drop:
    """The CEUs and keep costs per cycle that letting ``code`` go saves, for someone holding ``held``."""
    cred = catalog.credential(code)
    if cred.code not in {h.code for h in held}:
        raise UsageError(f"--drop {cred.code}: give it among the credentials you hold, e.g. renew {cred.code} CCS "
                         f"--drop {cred.code}.")  # fmt: skip
    before = _issuer(renewal_plan(catalog, held, today, member).issuers, cred.issuer)
    rest = [h for h in held if h.code != cred.code]
    after = _issuer(renewal_plan(catalog, rest, today, member).issuers, cred.issuer) if rest else None
    assert before is not None
    org = before.organization

    ceus_before = before.requirement.ceus
    ceus_after = after.requirement.ceus if after is not None else 0
    saved = ceus_before - ceus_after if ceus_before is not None and ceus_after is not None else None

    after_costs = {k.audience: k.total for k in after.keep_costs} if after is not None else {}
    keep = []
    for k in before.keep_costs:
        rest_total = after_costs.get(k.audience) if after is not None else 0
        saving = k.total - rest_total if k.total is not None and rest_total is not None else None
        keep.append(KeepSaving(k.audience, k.total, rest_total, saving))

    notes = []
    if after is not None and before.membership_required is not None and before.membership_required.value:
        notes.append(f"You still hold {', '.join(after.codes)}: {org.code} membership stays, so its dues do too.")
    if any(sup == cred.code for h in rest for sup in h.credential.renewal.superseded_by):
        notes.append(f"{cred.code} replaces another credential you hold: its CEUs count again once {cred.code} goes.")
    rules = org.renewal
    return Drop(
        code=cred.code,
        issuer=org.code,
        left=after.codes if after is not None else (),
        cycle_years=before.cycle.value if before.cycle else None,
        ceus_before=ceus_before,
        ceus_after=ceus_after,
        ceus_saved=saved,
        keep=tuple(keep),
        grace_days=catalog.pick(rules.grace_days),
        lapse=catalog.pick(rules.lapse),
        reinstatement=catalog.pick(rules.reinstatement),
        reinstatement_fees=tuple(
            c for f in rules.fees if f.kind is FeeKind.REINSTATEMENT for c in [catalog.pick(f.amount)] if c is not None
        ),
        notes=tuple(notes),
    )
