"""The goals that are a row of a table: the advanced roles and the goals with one first credential.

:data:`ADVANCED`: auditing, compliance, documentation and management lead to an advanced
credential, which starts from a core one unless the person holds one or has worked 2+ years.
:data:`DIRECT`: risk adjustment, health data and scribe work lead to one credential that can come
first. Each row carries its reasons and the alternatives it always lists.
"""

from __future__ import annotations

from collections.abc import Callable

from certcli.engine.draft import Draft
from certcli.engine.experience import EDUCATION_WORDS, EXPERIENCED
from certcli.engine.pathways import (
    ADVANCED,
    CORE_CODING,
    CORE_FOR_SETTING,
    DEGREE_ROUTES,
    DIRECT,
    NEXT_ROLES,
    TEACHING,
    Advanced,
    Alt,
    Direct,
)
from certcli.engine.specialty import match_specialty
from certcli.model import EDUCATION_RANK, Credential, Education, FeeKind
from certcli.words import duration, join_and, lower_first

# --------------------------------------------------------------------------- what certcli does not know


def unknown_facts(cred: Credential) -> list[str]:
    """What certcli's data does not know about a credential's exam, current fee and eligibility."""
    missing: list[str] = []
    if cred.exam.questions is None and cred.exam.minutes is None:
        missing.append("exam length")
    if not any(f.kind is FeeKind.EXAM and any(not c.superseded for c in f.amount) for f in cred.fees):
        missing.append("current exam fee")
    if not cred.eligibility.required and not cred.eligibility.recommended:
        missing.append("eligibility rules")
    return missing


def unknown_words(draft: Draft, cred: Credential) -> str:
    """'Not found in certcli's data: its exam length and eligibility rules; check …' (or '')."""
    missing = unknown_facts(cred)
    if not missing:
        return ""
    return f"Not found in certcli's data: its {join_and(missing)}; check {draft.catalog.issuer(cred).url}."


# --------------------------------------------------------------------------- the tables


def _privacy_reason(draft: Draft) -> str:
    chps = draft.cred("CHPS")
    req = chps.eligibility.required[0] if chps.eligibility.required else None
    if req is not None and draft.person.meets(req) is not True:
        return (
            "AHIMA's privacy and security credential; it requires healthcare privacy or security management "
            f"experience ({lower_first(req.any_of[0].text)}, or less with a degree or credential)."
        )
    return "AHIMA's privacy and security credential; you may meet its experience requirement."


def _degree_reason(code: str, level: Education) -> Callable[[Draft], str]:
    """RHIT, RHIA: the degree program it needs, against the education the person gave."""

    def reason(draft: Draft) -> str:
        p = draft.profile
        cred = draft.cred(code)
        degree = next(
            (c for r in cred.eligibility.required for c in r.any_of if c.education is not None and c.program), None
        )
        program = degree.program if degree else f"{EDUCATION_WORDS[level]} program"
        if p.education is not None and EDUCATION_RANK[p.education] >= EDUCATION_RANK[level]:
            return (
                f"{cred.name}: needs a {program}; you told us you have {EDUCATION_WORDS[p.education]}, "
                "so it fits if your degree came from such a program."
            )
        if p.education is None:
            return f"{cred.name}: needs a {program}; you did not say your education."
        return (
            f"{cred.name}: needs a {program}; you told us your education is "
            f"{EDUCATION_WORDS[p.education]}, so it fits only if you plan that degree."
        )

    return reason


def _scribe_reason(draft: Draft) -> str:
    cmsp = draft.cred("CMSP")
    level = f" with its own apprentice level ({cmsp.apprentice.designation})" if cmsp.apprentice else ""
    return f"AHDPG's scribe credential, the other confirmed one{level}; its issuer's site was not found."


REASONS: dict[str, Callable[[Draft], str]] = {  # the alternatives whose reason is worked out (Alt.worked_out)
    "privacy": _privacy_reason,
    "degree:bachelor": _degree_reason("RHIA", Education.BACHELOR),
    "degree:associate": _degree_reason("RHIT", Education.ASSOCIATE),
    "scribe": _scribe_reason,
}


def _add_alternatives(draft: Draft, alts: tuple[Alt, ...]) -> None:
    for row in alts:
        if not draft.known(row.code):
            continue
        reason = REASONS[row.reason](draft) if row.worked_out else row.reason
        if row.unknown_facts:
            reason += " " + unknown_words(draft, draft.cred(row.code))
        draft.alt(row.code, reason)


def _subject_why(draft: Draft, code: str) -> str | None:
    if not draft.known(code):
        return None
    cred = draft.cred(code)
    claim = draft.catalog.pick(cred.renewal.subject_ceus)
    if claim is None or not cred.renewal.subject:
        return None
    return f"Keeping it takes {claim.value} {cred.renewal.subject} CEUs inside each 2-year AAPC total."


def _core_first(draft: Draft, rule: Advanced, core: str) -> str | None:
    """An advanced credential builds on a core one: add the core step unless held or experienced."""
    target = rule.target
    if draft.holds_any(rule.kinds):
        return None
    worked = draft.work_years(rule.counts)
    if worked >= EXPERIENCED:
        draft.alt(
            core,
            f"A core credential alongside {target} is still worth having; with {duration(worked)} of "
            f"work you can go straight to {target}.",
        )
        return None
    if not draft.known(core) or (core == "CCA" and draft.holds("CCS", "CIC")):
        return None
    added = draft.step(
        core,
        f"{target} is an advanced credential: it builds on a core credential and experience, so you start "
        f"with {core} ({draft.cred(core).name}).",
        "Entry before advanced: it comes first.",
    )
    return core if added else None


def missing_words(draft: Draft, cred: Credential) -> str:
    """'You can sit it now.' / 'It needs: …' / 'certcli cannot tell from your answers whether you can sit it.'"""
    req = draft.person.blocked(cred)
    if req is not None:
        return f"It needs: {lower_first(req.text.rstrip('.'))} (not met yet by your answers)."
    if draft.person.eligibility(cred).can_sit_now:
        return "You can sit it now."
    return "certcli cannot tell from your answers whether you can sit it (see its eligibility)."


def _adjacent(draft: Draft, rule: Advanced, replace: bool) -> bool:
    """Add the other issuers' credentials: the first one the person can sit now is a step (first, when it
    ``replace``s a core-credential start), the rest alternatives saying what they need. True when one replaced."""
    chosen = False
    for row in rule.adjacent:
        if not draft.known(row.code) or draft.holds(row.code):
            continue
        cred = draft.cred(row.code)
        reason = REASONS[row.reason](draft) if row.worked_out else row.reason
        if not chosen and draft.person.eligibility(cred).can_sit_now:
            sit = "You can sit it now: you meet its required conditions (see eligibility)."
            first = ("So you need no core coding credential first.",) if replace else ()
            chosen = draft.step(cred.code, reason, sit, *first)
            if chosen:
                continue
        extra = unknown_words(draft, cred)
        draft.alt(cred.code, f"{reason} {missing_words(draft, cred)}" + (f" {extra}" if extra else ""))
    return chosen


def _advanced(draft: Draft, rule: Advanced) -> None:
    needs_core = not draft.holds_any(rule.kinds) and draft.work_years(rule.counts) < EXPERIENCED
    if needs_core and _adjacent(draft, rule, replace=True):
        # the person can sit what employers in that role ask for: no core credential first
        if not draft.holds(rule.target):
            draft.alt(rule.target, rule.why + " " + missing_words(draft, draft.cred(rule.target)))
        _add_alternatives(draft, rule.alternatives)
        return
    why = [rule.why]
    have = draft.holds_any(CORE_CODING)
    if rule.say_held_core and have:
        why.append(f"You hold {join_and([c.code for c in have])}: the core it builds on.")
    extra = _subject_why(draft, rule.target) if rule.subject_ceus else None
    if extra:
        why.append(extra)
    core = rule.core or CORE_FOR_SETTING.get(draft.profile.setting, "CPC")
    first = _core_first(draft, rule, core)
    when = f"after {first}, once you have some {rule.work} experience" if first else None
    if not draft.holds(rule.target):
        draft.step(rule.target, *why, when=when)
    if not needs_core and _adjacent(draft, rule, replace=False):
        target = draft.cred(rule.target)
        if draft.planned(target.code) and not draft.person.eligibility(target).can_sit_now:
            # what the person can sit now comes before a target whose eligibility is unknown or unmet
            picks = draft.picks
            picks.insert(picks.index(next(p for p in picks if p.code == target.code)), picks.pop())
    _add_alternatives(draft, rule.alternatives)


def _direct(draft: Draft, rule: Direct) -> None:
    draft.step(rule.target, *rule.why)
    _add_alternatives(draft, rule.alternatives)
    spec = match_specialty(draft.catalog, draft.profile.specialty) if rule.specialty_alternative else None
    if spec is not None:
        draft.alt(spec.code, f"AAPC's {spec.specialty} credential, for coders; it builds on the CPC or COC.")


def plan_role(draft: Draft) -> None:
    """Add the steps and alternatives of the draft's goal, a row of :data:`DIRECT` or :data:`ADVANCED`."""
    goal = draft.goal
    if goal in DIRECT:
        _direct(draft, DIRECT[goal])
    else:
        _advanced(draft, ADVANCED.get(f"{goal}/{draft.profile.setting}") or ADVANCED[goal])


# --------------------------------------------------------------------------- degree routes, next roles


def _him_degree(draft: Draft) -> Education | None:
    """The CAHIIM-accredited HIM degree the person completed or is finishing (the ``him_degree`` answer)."""
    raw = getattr(draft.profile, "him_degree", None)
    return Education(str(raw)) if raw else None


def _first(draft: Draft, code: str, *why: str) -> None:
    """Add ``code`` as the first step (a degree route comes before the exams it makes easier); the entry
    CCA it makes unnecessary becomes an alternative."""
    if draft.step(code, *why):
        draft.picks.insert(0, draft.picks.pop())
        for pick in [p for p in draft.picks if p.code == "CCA"]:
            draft.picks.remove(pick)
            draft.alt("CCA", f"AHIMA's entry coding credential; with the {code} you can go on to the CCS without it.")
        if draft.goal == "management":
            # the HIM registration is the core a management credential builds on: no billing core first
            rule = ADVANCED["management"]
            for pick in [p for p in draft.picks if p.code == rule.core]:
                draft.picks.remove(pick)
                draft.alt(pick.code, f"AAPC's billing credential; with the {code} you do not need it before "
                          f"{rule.target}.")
            for pick in draft.picks:
                if pick.code == rule.target:
                    pick.when = f"after {code}, once you have some {rule.work} experience"


def degree_routes(draft: Draft) -> None:
    """RHIT with an associate HIM degree, RHIA with a bachelor's: weighed for coding, management and data goals."""
    if not draft.known("RHIT") or not draft.known("RHIA"):
        return
    him = _him_degree(draft)
    fits = {
        "rhit_for_management": draft.holds("RHIT") and not draft.holds("RHIA") and draft.goal == "management",
        "bachelor": him is not None and EDUCATION_RANK[him] >= EDUCATION_RANK[Education.BACHELOR],
        "associate": him is Education.ASSOCIATE and not draft.holds("RHIT", "RHIA"),
    }
    route = next((r for r in DEGREE_ROUTES if fits[r.who]), None)
    if route is not None:
        _first(draft, route.code, route.why)
    education = draft.profile.education
    if education is None:
        return
    if EDUCATION_RANK[education] >= EDUCATION_RANK[Education.ASSOCIATE]:
        draft.alt("RHIT", _degree_reason("RHIT", Education.ASSOCIATE)(draft))
    if EDUCATION_RANK[education] >= EDUCATION_RANK[Education.BACHELOR] or draft.holds("RHIT"):
        draft.alt("RHIA", _degree_reason("RHIA", Education.BACHELOR)(draft))


def next_roles(draft: Draft) -> None:
    """The person holds what the goal leads to: offer the next roles (auditing, documentation, education)."""
    first = True
    for code, why in NEXT_ROLES:
        if not draft.known(code) or draft.holds(code):
            continue
        if first and draft.person.blocked(draft.cred(code)) is None:
            first = not draft.step(code, why, "You hold the credentials certcli would suggest for your goal, so "
                                   "the next step is a role rather than another core exam.")
        else:
            draft.alt(code, why + " " + missing_words(draft, draft.cred(code)))
    if TEACHING not in draft.notes:
        draft.notes.append(TEACHING)
