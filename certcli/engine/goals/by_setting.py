"""The goals whose credential depends on the work setting: coding, billing, coding and billing.

For coding the setting picks the first credential (:data:`CODING`): physician office → CPC,
hospital outpatient → COC, hospital inpatient → CCA then CCS (straight to CCS with 2+ years of
coding work), payer → CPC then CRC, no particular setting → CPC or CCA by the tie rule. What the
person already holds moves them along the same ladder.
"""

from __future__ import annotations

from collections.abc import Callable

from certcli.engine.draft import Draft
from certcli.engine.experience import EXPERIENCED
from certcli.engine.specialty import match_specialty
from certcli.model import Category
from certcli.words import duration, join_and, lower_first

SETTING_WORDS = {  # what follows 'You want to code' / 'You want to bill'
    "physician_office": "in a physician office or clinic",
    "hospital_inpatient": "hospital inpatient stays",
    "hospital_outpatient": "hospital outpatient and facility services",
    "payer": "on the payer side (health plans)",
    "any": "in no particular setting",
}
HOSPITAL = ("hospital_inpatient", "hospital_outpatient")
BILLING_KINDS = {Category.BILLING, Category.CODING_AND_BILLING}

Lead = Callable[[str], str]  # the first step's reason, given the words for its credential


# --------------------------------------------------------------------------- the specialty


def specialty_step(draft: Draft, core: str) -> bool:
    """Add the specialty credential the person named, after a core one; True when added."""
    named = draft.profile.specialty
    if not named:
        return False
    spec = match_specialty(draft.catalog, named)
    if spec is None:
        note = f"certcli found no AAPC specialty credential for '{named}'."
        if note not in draft.notes:
            draft.notes.append(note)
        return False
    if draft.holds(spec.code):
        return False
    have = [code for code in ("CPC", "COC") if draft.holds(code)]
    why = [
        f"You named {named}: {spec.code} ({spec.name}) is AAPC's credential for it.",
        f"Specialty credentials build on a core credential (CPC or COC); you hold {have[0]}."
        if have
        else f"Specialty credentials build on a core credential (CPC or COC), so it comes after {core}.",
    ]
    claim = draft.catalog.pick(spec.status_note)
    if claim:
        why.append(f"Note: {lower_first(str(claim.value))}; check aapc.com.")
    return draft.step(spec.code, *why)


def _after_cpc(draft: Draft) -> None:
    """The next coding credential for a CPC holder: the named specialty, else CRC."""
    if specialty_step(draft, "CPC") or not draft.holds("CPC"):
        return
    why = ["You hold the CPC; risk adjustment (CRC) is the next AAPC coding credential for physician offices "
           "and provider groups."]
    if not draft.profile.specialty:
        why.append("A specialty credential is the other usual next step: name a specialty to get one.")
    draft.step("CRC", *why)


# --------------------------------------------------------------------------- coding, by setting


def _physician_office(draft: Draft, lead: Lead, with_next: bool) -> None:
    if not draft.holds("CPC", "CCS-P"):
        draft.step("CPC", lead("AAPC's CPC"))
    draft.alt("CCA", "AHIMA's entry coding credential works in any setting; physician offices mostly ask for the CPC.")
    if with_next:
        _after_cpc(draft)
    if draft.holds("CCS") or draft.person.coding_years >= EXPERIENCED:
        ccsp = "AHIMA's physician-based coding credential; your coding experience already meets what it recommends."
    else:
        ccsp = "AHIMA's physician-based coding credential; it is recommended after a year or two of coding work."
    draft.alt("CCS-P", ccsp)


def _hospital_outpatient(draft: Draft, lead: Lead, with_next: bool) -> None:
    if not draft.holds("COC"):
        draft.step("COC", lead("AAPC's COC (emergency departments, outpatient surgery, hospital clinics)"))
    draft.alt("CPC", "AAPC's core credential for physician offices; choose it if you may work outside hospitals.")
    if with_next:
        specialty_step(draft, "COC")
        if draft.holds("COC") or draft.experience >= EXPERIENCED:
            draft.step(
                "CCS",
                "AHIMA's hospital coding credential covers outpatient and inpatient records; "
                "it is the usual next step once you have coding experience.",
            )
    draft.alt("CCS", "AHIMA's hospital credential (outpatient and inpatient); it assumes coding experience.")
    draft.alt("CCA", "AHIMA's entry coding credential, for any setting.")


def _hospital_inpatient(draft: Draft, lead: Lead, with_next: bool) -> None:
    years = draft.experience
    if draft.holds("CCS") and not draft.holds("CIC"):
        draft.step(
            "CIC",
            "You hold the CCS; AAPC's CIC is the other inpatient coding credential, for coders who "
            "want both issuers' inpatient credentials.",
        )
    elif draft.holds("CIC") and not draft.holds("CCS"):
        draft.step("CCS", "You hold the CIC; AHIMA's CCS is the other hospital coding credential.")
    elif not draft.holds("CCS", "CIC"):
        if years >= EXPERIENCED or (draft.holds("CCA") and years >= 1):
            draft.step(
                "CCS",
                lead("AHIMA's CCS (or AAPC's CIC)"),
                f"You have {duration(years)} of coding work, so you can go straight to the CCS rather than "
                "starting with the entry-level CCA."
                if not draft.holds("CCA")
                else "You hold the CCA and have a year of coding work: the CCS is the next step.",
            )
            draft.alt("CCA", f"AHIMA's entry credential; with {duration(years)} of coding work you can skip it.")
        else:
            if not draft.holds("CCA", "CCS-P", "RHIT", "RHIA"):
                draft.step(
                    "CCA",
                    "Hospital inpatient coding (CCS, CIC) assumes experience; a novice starts with AHIMA's "
                    "entry credential, the CCA, and climbs.",
                    "Entry before advanced: it comes first.",
                )
            if with_next:
                draft.step(
                    "CCS",
                    "AHIMA's CCS is the hospital coding credential inpatient coders aim for; it is "
                    "recommended after a year or two of coding work (or the CCA plus 1 year).",
                )
        draft.alt(
            "CIC",
            "AAPC's inpatient credential; like the CCS it assumes experience (take it instead of the CCS "
            "if you prefer AAPC).",
        )
        draft.alt("CPC", "Another way in: start in a physician office with AAPC's CPC and move to inpatient later.")
    if draft.holds("CCS", "CIC"):
        draft.alt("CDIP", "Documentation integrity is a common next step for experienced inpatient coders.")


def _payer(draft: Draft, lead: Lead, with_next: bool) -> None:
    if not draft.holds("CPC"):
        draft.step(
            "CPC",
            "You want to code on the payer side (health plans). Its own credential, CPC-P, has an "
            "unconfirmed status, so certcli recommends AAPC's core CPC first.",
        )
    draft.alt("CPC-P", "AAPC's payer coding credential; certcli does not recommend it as a step.")
    if with_next:
        draft.step(
            "CRC",
            "Health plans run risk adjustment (Medicare Advantage, ACA, Medicaid managed care): AAPC's CRC "
            "is the credential for it.",
        )


def _any_setting(draft: Draft, lead: Lead, with_next: bool) -> None:
    if draft.holds("CPC") or draft.holds("CCA"):
        first = "CPC" if draft.holds("CPC") else "CCA"
    else:
        order, sentence = draft.tie(
            ["CPC", "CCA"],
            reach={
                "CPC": "with no setting named, coding jobs in physician offices and clinics, where the CPC is "
                "the credential most asked for",
                "CCA": "AHIMA's entry credential, for any setting",
            },
        )
        if not order:
            return
        first = order[0]
        why = [
            "You named no particular setting: AAPC's CPC and AHIMA's CCA are the two entry coding "
            "credentials, and both open doors in many settings.",
        ]
        if sentence:
            why.append(sentence[:1].upper() + sentence[1:])
        draft.step(first, *why)
        if len(order) > 1:
            draft.alt(order[1], "The other entry coding credential; it ranked second by the tie rule (see step 1).")
    if with_next:
        if first == "CCA":
            draft.step(
                "CCS",
                "AHIMA's ladder climbs from the CCA to the CCS, the hospital coding credential, "
                "after a year of coding work.",
            )
        else:
            _after_cpc(draft)


CODING: dict[str, Callable[[Draft, Lead, bool], None]] = {
    "physician_office": _physician_office,
    "hospital_outpatient": _hospital_outpatient,
    "hospital_inpatient": _hospital_inpatient,
    "payer": _payer,
    "any": _any_setting,
}


def coding(draft: Draft, setting: str, *, with_next: bool = True) -> None:
    """The coding path for a setting (the first credential, then the next one)."""
    named = draft.profile.specialty
    spec = match_specialty(draft.catalog, named)
    if setting == "any" and spec is not None and not draft.holds("CCA", "CPC", "COC"):
        setting = "physician_office"
        draft.alt("CCA", "AHIMA's entry credential for any setting; the specialty you named builds on AAPC's CPC "
                  "instead.")

        def lead(credential: str) -> str:
            return (
                f"You named a specialty ({named}) and no setting: AAPC's specialty credentials "
                "build on the CPC, so the CPC comes first."
            )
    else:

        def lead(credential: str) -> str:
            return (
                f"You want to code {SETTING_WORDS[setting]}: the work setting decides the first coding "
                f"credential, and there it is {credential}."
            )

    CODING[setting](draft, lead, with_next)


# --------------------------------------------------------------------------- billing, and both


def billing(draft: Draft, setting: str) -> None:
    p = draft.profile
    hospital = setting in HOSPITAL
    if draft.holds("CBCS", "CMRS") and not draft.holds("CPB") and not hospital:
        draft.step(
            "CPB",
            f"You hold {join_and([c.code for c in draft.holds_any(BILLING_KINDS)])}; AAPC's CPB adds a "
            "billing credential for physician and professional claims: payer rules, denials, appeals.",
        )
        draft.alt("CPC", "AAPC's core coding credential: CPC + CPB is the classic pair, a later step.")
        return
    if draft.holds("CPB", "CBCS", "CMRS"):
        draft.step(
            "CPC",
            f"You hold {join_and([c.code for c in draft.holds_any(BILLING_KINDS)])}: a coding "
            "credential is the natural next step (CPC + CPB is the classic pair).",
        )
        draft.alt("CPPM", "Practice management builds on billing experience; a later step.")
        if not draft.holds("CPB"):
            draft.alt("CPB", "AAPC's billing credential for physician and professional claims.")
        return
    if hospital and draft.known("CRCR"):
        draft.step(
            "CRCR",
            "You want to bill for a hospital: hospital billing and revenue-cycle employers ask for HFMA's CRCR "
            "(patient access, billing, collections); it states no prerequisites.",
        )
        draft.alt("CBCS", "NHA's billing and coding credential for any setting; it needs a training program or a "
                  "year of work first.")
        draft.alt("CPB", "AAPC's billing credential, aimed at physician and professional claims.")
    elif hospital or setting == "any" or p.student:
        if hospital:
            why = "You want to bill for a hospital: NHA's CBCS covers billing and coding in any setting; AAPC's CPB "
            why += "is aimed at physician and professional claims."
        elif p.student:
            why = "As a student, NHA's CBCS is the usual billing start: it is often bundled with school programs."
        else:
            why = "You named no particular setting: NHA's CBCS covers billing and coding in physician offices, "
            why += "hospitals and billing companies."
        draft.step("CBCS", why)
        draft.alt("CPB", "AAPC's billing credential for physician and professional claims (AAPC membership required).")
    else:
        draft.step(
            "CPB",
            f"You want to bill {SETTING_WORDS[setting]}: AAPC's CPB is the billing credential for "
            "physician and professional claims.",
        )
        draft.alt("CBCS", "NHA's billing and coding credential, often bundled with school programs; it needs a "
                  "training program or a year of work first.")
    draft.alt("CMRS", "AMBA's billing credential (online, open book); it needs AMBA membership, whose dues are not "
              "published, and CEUs every year.")


def _pair_ceus(draft: Draft) -> str | None:
    """'Both are AAPC's: … 40 CEUs every 2 years for the two rather than 36 for each.' (from AAPC's table)"""
    org = draft.catalog.organizations.get("AAPC")
    rows = org.renewal.table if org is not None else ()
    one = next((r.ceus for r in rows if r.credentials == 1), None)
    two = next((r.ceus for r in rows if r.credentials == 2), None)
    if not one or not two or [c for c in draft.held if c.issuer == "AAPC" and c.code != "CPC"]:
        return None
    return (
        f"Both are AAPC's: one membership covers them, and AAPC asks {two} CEUs every 2 years for the "
        f"two rather than {one} for each."
    )


def coding_and_billing(draft: Draft, setting: str) -> None:
    pair = "Coding and billing together: a coding credential plus a billing one; CPC + CPB is the classic pair."
    if setting in HOSPITAL:
        coding(draft, setting, with_next=False)
        if not draft.step(
            "CRCR",
            "Coding and billing together: add a billing credential. Hospital billing and revenue-cycle employers "
            "ask for HFMA's CRCR; it states no prerequisites.",
        ):
            draft.step("CBCS", "Coding and billing together: add a billing credential; NHA's CBCS covers any setting.")
        draft.alt("CBCS", "NHA's billing and coding credential for any setting; it needs a training program or a "
                  "year of work first.")
        draft.alt("CPB", "AAPC's billing credential, aimed at physician and professional claims.")
    else:
        if not draft.holds("CPC"):
            why = [pair]
            if setting != "physician_office":
                why.append(f"You want to work {SETTING_WORDS[setting]}: the CPC is AAPC's core coding credential.")
            draft.step("CPC", *why)
            draft.alt("CCA", "AHIMA's entry coding credential; the CPC pairs with the CPB under one membership.")
        why = [pair] if draft.holds("CPC") else ["The billing half of the pair."]
        ceus = _pair_ceus(draft)
        if ceus:
            why.append(ceus)
        draft.step("CPB", *why)
        draft.alt(
            "CBCS",
            "NHA's single credential covering billing and coding, often bundled with school programs; one "
            "credential instead of two, and it needs a training program or a year of work first.",
        )
    if setting != "hospital_inpatient":
        specialty_step(draft, "COC" if setting == "hospital_outpatient" else "CPC")
    if not draft.picks:
        coding(draft, setting)
