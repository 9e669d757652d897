"""The person's working life as eligibility rules count it: years of each kind of work, the old
answer of unknown kind, licences, Practicode, and the words for each."""

from __future__ import annotations

from typing import Any

from certcli.model import Education, ExperienceKind, Profile
from certcli.questions import QUESTION
from certcli.words import money, years

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


HIM_DEGREE_WORDS = {c.value: c.words for c in QUESTION["him_degree"].choices}


def _whole(value: float) -> int | float:
    return int(value) if value == int(value) else value


def profile_words(profile: Profile) -> tuple[str, ...]:
    """The answers in a line's worth of words ('education: associate degree', 'licences: RN', …)."""
    p = profile
    education = QUESTION["education"].words_for(str(p.education)) if p.education else "not given"
    bits = [f"education: {education}"]
    him = getattr(p, "him_degree", None)
    if him:
        words = HIM_DEGREE_WORDS.get(str(him), str(him)).removesuffix(" HIM degree")
        bits.append(f"HIM degree: {words} (CAHIIM-accredited)")
    kinds = [f"{KIND_WORDS[k]} {years(v)}" for k, v in experience_by_kind(p).items()]
    if kinds and p.experience_years:
        kinds.append(f"{years(p.experience_years)} of coding or billing of a kind not said")
    bits.append("experience: " + (", ".join(kinds) if kinds else years(p.experience_years)))
    licences = sorted(licenses_of(p))
    if licences:
        bits.append("licences: " + ", ".join(licences))
    bits += [f"training: {_whole(p.training_hours)} hours"]
    done = practicode_of(p)
    if done is not None:
        bits.append("Practicode: " + ("done" if done else "not done"))
    bits += [f"holds: {', '.join(p.held) or 'none'}", f"member of: {', '.join(p.member_of) or 'none'}"]
    status = [label for flag, label in ((p.student, "student"), (p.first_time_member, "first-time member"),
                                        (p.age_65_plus, "65+")) if flag]
    if status:
        bits.append("prices: " + ", ".join(status))
    if p.specialty:
        bits.append(f"specialty: {p.specialty}")
    if getattr(p, "remote", False):
        bits.append("wants remote work")
    bits.append("budget: " + (money(_whole(p.budget_usd)) if p.budget_usd is not None else "not given"))
    bits.append(f"planning {years(p.years)}")
    return tuple(bits)
