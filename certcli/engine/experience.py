"""The person's working life as eligibility rules count it: years of each kind of work, the old
answer of unknown kind, licences, Practicode, and the words for each."""

from __future__ import annotations

from typing import Any

from certcli.model import Education, ExperienceKind, Profile
from certcli.questions import QUESTION

EXPERIENCED = 2.0  # years of coding or billing work that let a person skip the entry step

EDUCATION_WORDS = {Education(c.value): c.phrase for c in QUESTION["education"].choices}


K = ExperienceKind
CODING_KINDS = frozenset({K.PHYSICIAN_CODING, K.OUTPATIENT_CODING, K.INPATIENT_CODING, K.RISK_ADJUSTMENT_CODING})
# what the old ``experience_years`` ("coding or billing work", kind not said) may have been
CODING_OR_BILLING = CODING_KINDS | {K.BILLING, K.PAYER_CLAIMS}

KIND_WORDS = {
    K.PHYSICIAN_CODING: "physician coding",
    K.OUTPATIENT_CODING: "outpatient coding",
    K.INPATIENT_CODING: "inpatient coding",
    K.RISK_ADJUSTMENT_CODING: "risk adjustment coding",
    K.BILLING: "billing",
    K.PAYER_CLAIMS: "payer claims",
    K.AUDITING: "auditing",
    K.CDI: "CDI",
    K.COMPLIANCE: "compliance",
    K.PRIVACY_SECURITY: "privacy and security",
    K.MANAGEMENT: "management",
    K.CLINICAL: "clinical",
    K.HIM: "HIM",
    K.HEALTHCARE: "healthcare",
}


def experience_by_kind(profile: Profile) -> dict[ExperienceKind, float]:
    """The person's years by kind of work (the ``experience`` answer; empty when not given)."""
    raw: Any = getattr(profile, "experience", None) or {}
    items = raw.items() if isinstance(raw, dict) else raw
    return {ExperienceKind(str(k)): float(v) for k, v in items}


def licenses_of(profile: Profile) -> frozenset[str]:
    """The clinical licences the person holds (the ``licenses`` answer)."""
    return frozenset(str(x) for x in (getattr(profile, "licenses", None) or ()))


def practicode_of(profile: Profile) -> bool | None:
    """Whether the person completed AAPC Practicode (the ``practicode`` answer; None when not given)."""
    raw = getattr(profile, "practicode", None)
    return None if raw is None else bool(raw)
