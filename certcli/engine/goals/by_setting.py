"""The goals whose credential depends on the work setting: coding, billing, coding and billing.

Driven by :data:`~certcli.engine.pathways.ROUTES`: the rows of the goal whose conditions hold, read
in order. This module says what the named tests of a row mean (:data:`TESTS`) and spells out the
rules a row names instead of a credential (:data:`RULES`: the tie between the two entry coding
credentials, the specialty, the step after a CPC, coding inside coding and billing).
"""

from __future__ import annotations

from collections.abc import Callable

from certcli.engine.draft import Draft
from certcli.engine.experience import EXPERIENCED
from certcli.engine.pathways import (
    AFTER_CPC,
    AFTER_CPC_A,
    AHIMA_LADDER,
    ENTRY_REACH,
    ENTRY_SECOND,
    HOSPITAL,
    NAME_A_SPECIALTY,
    ROUTES,
    SETTING_WORDS,
    SPECIALTY_NO_SETTING,
    Lead,
    Route,
    Said,
    Why,
)
from certcli.engine.specialty import match_specialty
from certcli.model import Category
from certcli.words import duration, join_and, lower_first

BILLING_KINDS = {Category.BILLING, Category.CODING_AND_BILLING}

LeadWords = Callable[[str], str]  # the first step's reason, given the words for its credential


# --------------------------------------------------------------------------- the tests a row may name


def _ready_for_ccs(draft: Draft) -> bool:
    return draft.experience >= EXPERIENCED or (draft.holds("CCA") and draft.experience >= 1)


TESTS: dict[str, Callable[[Draft, str], bool]] = {  # (draft, setting) → whether the row applies
    "experienced": lambda d, s: d.experience >= EXPERIENCED,
    "a_year": lambda d, s: d.experience >= 1,
    "ready_for_ccs": lambda d, s: _ready_for_ccs(d),
    "not_ready_for_ccs": lambda d, s: not _ready_for_ccs(d),
    "ccs_or_experienced": lambda d, s: d.holds("CCS") or d.experience >= EXPERIENCED,
    "coc_or_experienced": lambda d, s: d.holds("COC") or d.experience >= EXPERIENCED,
    "student": lambda d, s: d.profile.student,
    "not_student": lambda d, s: not d.profile.student,
    "crcr": lambda d, s: d.known("CRCR"),
    "crcr_taken": lambda d, s: not d.known("CRCR") or d.holds("CRCR"),
    "cbcs_first": lambda d, s: (not d.known("CRCR")) if s in HOSPITAL else (s == "any" or d.profile.student),
}


def _applies(draft: Draft, row: Route, setting: str) -> bool:
    if setting not in row.settings:
        return False
    if row.held and not draft.holds(*row.held):
        return False
    if row.not_held and draft.holds(*row.not_held):
        return False
    return row.test is None or TESTS[row.test](draft, setting)


# --------------------------------------------------------------------------- the reasons


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


SAID: dict[str, Callable[[Draft], str | None]] = {"pair_ceus": _pair_ceus}


def _words(draft: Draft, why: tuple[Why, ...], setting: str, lead: LeadWords) -> list[str]:
    values = {
        "years": duration(draft.experience),
        "held_billing": join_and([c.code for c in draft.holds_any(BILLING_KINDS)]),
        "setting": SETTING_WORDS[setting],
    }
    out: list[str] = []
    for part in why:
        if isinstance(part, Lead):
            out.append(lead(part.credential))
        elif isinstance(part, Said):
            said = SAID[part.name](draft)
            if said:
                out.append(said)
        else:
            out.append(part.format(**values) if "{" in part else part)
    return out


# --------------------------------------------------------------------------- the rules a row names


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
    code, why = AFTER_CPC
    if any(str(held).upper() == "CPC-A" for held in draft.profile.held):
        why = AFTER_CPC_A
    draft.step(code, why, *(() if draft.profile.specialty else (NAME_A_SPECIALTY,)))


def _entry_tie(draft: Draft, row: Route, with_next: bool) -> None:
    """No setting: CPC or CCA by the tie rule (what each reaches, never the price), then up that issuer's ladder."""
    codes = row.code.split()
    held = [code for code in codes if draft.holds(code)]
    if held:
        first = held[0]
    else:
        order, sentence = draft.tie(codes, reach=ENTRY_REACH)
        if not order:
            return
        first = order[0]
        why = [part for part in row.why if isinstance(part, str)]
        if sentence:
            why.append(sentence[:1].upper() + sentence[1:])
        draft.step(first, *why)
        if len(order) > 1:
            draft.alt(order[1], ENTRY_SECOND)
    if with_next:
        if first == "CCA":
            draft.step(*AHIMA_LADDER)
        else:
            _after_cpc(draft)


def _next_after_cpc(draft: Draft, row: Route, setting: str, with_next: bool) -> None:
    if with_next:
        _after_cpc(draft)


def _next_specialty(draft: Draft, row: Route, setting: str, with_next: bool) -> None:
    if with_next:
        specialty_step(draft, row.code)


def _specialty(draft: Draft, row: Route, setting: str, with_next: bool) -> None:
    specialty_step(draft, row.code)


def _tie(draft: Draft, row: Route, setting: str, with_next: bool) -> None:
    _entry_tie(draft, row, with_next)


def _coding_first(draft: Draft, row: Route, setting: str, with_next: bool) -> None:
    coding(draft, setting, with_next=False)


def _coding_if_empty(draft: Draft, row: Route, setting: str, with_next: bool) -> None:
    if not draft.picks:
        coding(draft, setting)


Rule = Callable[[Draft, Route, str, bool], None]  # (draft, row, setting, with_next)

RULES: dict[str, Rule] = {
    "after_cpc": _next_after_cpc,  # the named specialty after a CPC, else CRC
    "next_specialty": _next_specialty,  # the named specialty, as a next step
    "specialty": _specialty,
    "entry_tie": _tie,  # CPC or CCA by the tie rule, then up that issuer's ladder
    "coding_first": _coding_first,  # the setting's first coding credential
    "coding_if_empty": _coding_if_empty,  # the coding path, when nothing else was added
}


def follow(draft: Draft, goal: str, setting: str, lead: LeadWords, *, with_next: bool = True) -> None:
    """Apply the goal's rows of :data:`ROUTES` for the setting, in order."""
    for row in ROUTES:
        if row.goal != goal or not _applies(draft, row, setting):
            continue
        if row.act in RULES:
            RULES[row.act](draft, row, setting, with_next)
        elif row.act == "alt":
            draft.alt(row.code, " ".join(_words(draft, row.why, setting, lead)))
        elif row.act == "step" or (row.act == "next" and with_next):
            draft.step(row.code, *_words(draft, row.why, setting, lead))
        if row.stop:
            return


# --------------------------------------------------------------------------- the goals


def _setting_lead(setting: str) -> LeadWords:
    def lead(credential: str) -> str:
        return (
            f"You want to code {SETTING_WORDS[setting]}: the work setting decides the first coding "
            f"credential, and there it is {credential}."
        )

    return lead


def coding(draft: Draft, setting: str, *, with_next: bool = True) -> None:
    """The coding path for a setting (the first credential, then the next one)."""
    named = draft.profile.specialty
    spec = match_specialty(draft.catalog, named)
    lead = _setting_lead(setting)
    if setting == "any" and spec is not None and not draft.holds("CCA", "CPC", "COC"):
        # a specialty and no setting: AAPC's specialty credentials build on the CPC, so the office route
        setting = "physician_office"
        draft.alt(*SPECIALTY_NO_SETTING)

        def lead(credential: str) -> str:
            return (
                f"You named a specialty ({named}) and no setting: AAPC's specialty credentials "
                "build on the CPC, so the CPC comes first."
            )

    follow(draft, "coding", setting, lead, with_next=with_next)


def billing(draft: Draft, setting: str) -> None:
    follow(draft, "billing", setting, _setting_lead(setting))


def coding_and_billing(draft: Draft, setting: str) -> None:
    follow(draft, "coding_and_billing", setting, _setting_lead(setting))
