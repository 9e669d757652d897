"""The CEUs an issuer asks per cycle of a person holding some of its credentials, under the
issuer's own stacking rule (AAPC's table by number of credentials, AHIMA's highest single
requirement plus 10 per further credential, or each credential's CEUs added up).

Where an issuer publishes no rule for how several credentials add up, no sum is guessed.
"""

from __future__ import annotations

from typing import NamedTuple

from certcli.catalog import Catalog
from certcli.model import Credential, Organization, Stacking


class SubjectCeus(NamedTuple):
    code: str
    subject: str
    ceus: int
    source: str


class CeuRequirement(NamedTuple):
    """The CEUs one issuer asks of a person for the credentials of it they hold."""

    organization: Organization
    credentials: tuple[Credential, ...]  # those that count (superseded ones dropped)
    dropped: tuple[tuple[str, str], ...]  # (code, superseded by)
    ceus: int | None  # per cycle; None = not published
    cycle_years: int | None
    basis: str  # the rule in plain words
    sources: tuple[str, ...]
    subject: tuple[SubjectCeus, ...] = ()


def _credential_ceus(catalog: Catalog, cred: Credential) -> tuple[int | None, str | None]:
    claim = catalog.pick(cred.renewal.ceus)
    return (claim.value, claim.source) if claim else (None, None)


def ceu_requirement(catalog: Catalog, org: Organization, held: list[Credential]) -> CeuRequirement:
    """CEUs per cycle for the credentials of ``org`` in ``held`` (others are ignored)."""
    mine = [c for c in held if c.issuer == org.code]
    codes = {c.code for c in mine}
    dropped: list[tuple[str, str]] = []
    for cred in mine:
        by = next((sup for sup in cred.renewal.superseded_by if sup in codes and sup != cred.code), None)
        if by is not None:
            dropped.append((cred.code, by))
    dropped_codes = {code for code, _ in dropped}
    counted = tuple(c for c in mine if c.code not in dropped_codes)
    rules = org.renewal
    cycle = catalog.pick(rules.cycle_years)
    sources: list[str] = [cycle.source] if cycle else []
    n = len(counted)
    ceus: int | None = None
    basis = ""

    if n == 0:
        basis = f"no {org.code} credentials held"
    elif rules.stacking is Stacking.TABLE and rules.table:
        rows = sorted(rules.table, key=lambda r: r.credentials)
        row = next((r for r in rows if r.credentials == n), rows[-1] if n > rows[-1].credentials else None)
        steps = "/".join(str(r.ceus) for r in rows)
        counts = "/".join(str(r.credentials) for r in rows)
        if row is not None:
            ceus = row.ceus
            basis = f"{org.code} counts {steps} CEUs for {counts}+ credentials; you hold {n}"
        else:
            basis = f"{org.code} publishes no CEU figure for {n} credentials"
        if rules.stacking_source:
            sources.append(rules.stacking_source)
    elif rules.stacking is Stacking.BASE_PLUS:
        singles = [_credential_ceus(catalog, c) for c in counted]
        if all(v is not None for v, _ in singles) and (n == 1 or rules.additional_ceus is not None):
            base = max(v for v, _ in singles if v is not None)
            extra = (rules.additional_ceus or 0) * (n - 1)
            total = base + extra
            if rules.max_ceus is not None:
                total = min(total, rules.max_ceus)
            ceus = total
            basis = (
                f"{org.code}: the highest single requirement ({base})"
                + (f" plus {rules.additional_ceus} for each further credential" if rules.additional_ceus is not None
                   else "")
                + (f", at most {rules.max_ceus}" if rules.max_ceus else "")
            )
            sources.extend(s for _, s in singles if s)
        else:
            basis = f"{org.code}: the CEUs for {', '.join(c.code for c in counted)} are not published"
        if rules.stacking_source:
            sources.append(rules.stacking_source)
    else:
        singles = [_credential_ceus(catalog, c) for c in counted]
        known = all(v is not None for v, _ in singles)
        if known and (n == 1 or rules.stacking is Stacking.PER_CREDENTIAL):
            ceus = sum(v for v, _ in singles if v is not None)
            basis = f"{org.code}: each credential's CEUs" + (", added up" if n > 1 else "")
            sources.extend(s for _, s in singles if s)
        elif known:
            # several credentials, no published rule for how they add up: do not guess a sum
            basis = f"{org.code} does not publish how CEUs add up when several of its credentials are held"
        else:
            basis = f"{org.code}: the CEUs are not published"
        if rules.stacking_source:
            sources.append(rules.stacking_source)

    subject = []
    for c in counted:
        claim = catalog.pick(c.renewal.subject_ceus)
        if claim is not None:
            subject.append(SubjectCeus(c.code, c.renewal.subject or "subject", claim.value, claim.source))
    return CeuRequirement(
        organization=org,
        credentials=counted,
        dropped=tuple(dropped),
        ceus=ceus,
        cycle_years=cycle.value if cycle else None,
        basis=basis,
        sources=tuple(dict.fromkeys(sources)),
        subject=tuple(subject),
    )
