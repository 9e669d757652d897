"""A condition in a sentence: what it asks, whether the person meets it, and what they told us
that bears on it ('Required: … — not yet: you have 1 year of coding or billing work')."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from certcli.engine.experience import CODING_OR_BILLING, EDUCATION_WORDS, KIND_WORDS, K, licenses_of
from certcli.model import Credential, Criterion, Requirement
from certcli.words import duration, hours, join_or, lower_first

if TYPE_CHECKING:
    from certcli.engine.eligibility import Applicant


def what_you_said(applicant: Applicant, crits: tuple[Criterion, ...]) -> str:
    """What the person told us that bears on ``crits``: 'you have 1 year of coding or billing work'."""
    p = applicant.profile
    parts: list[str] = []
    if any(c.education for c in crits):
        parts.append(
            "you did not say your education"
            if p.education is None
            else f"you told us your education is {EDUCATION_WORDS[p.education]}"
        )
    if any(c.experience_years is not None for c in crits):
        parts.append(f"you have {duration(applicant.coding_years)} of coding or billing work")
    asked = list(dict.fromkeys(rule.kind for c in crits for rule in c.experience))
    if asked:
        kinds = applicant.kinds
        said = [f"{duration(kinds[k])} of {KIND_WORDS[k]}" for k in asked if kinds.get(k)]
        missing = [KIND_WORDS[k] for k in asked if not kinds.get(k) and k is not K.HEALTHCARE]
        if said:
            parts.append("you told us of " + ", ".join(said) + " work")
        if missing:
            parts.append(f"you told us of no {join_or(missing)} work")
        if p.experience_years and any(k in CODING_OR_BILLING or k is K.HEALTHCARE for k in asked):
            parts.append(f"{duration(p.experience_years)} of coding or billing work of a kind you did not say")
    licences = list(dict.fromkeys(str(x) for c in crits for x in c.licenses))
    if licences:
        mine = sorted(licenses_of(p) & set(licences))
        listed = ", ".join(licences[:-1]) + " or " + licences[-1] if len(licences) > 1 else licences[0]
        parts.append(f"you hold {', '.join(mine)}" if mine else f"you hold no {listed} licence")
    if any(c.training_hours is not None or (c.program and not c.education) for c in crits):
        parts.append(f"{hours(p.training_hours)} of training")
    codes = list(dict.fromkeys(applicant.catalog.credential(code).code for c in crits for code in c.credentials))
    if codes:
        mine = [code for code in codes if code in applicant.held_codes]
        if mine:
            parts.append(f"you hold {', '.join(mine)}")
        else:
            parts.append(f"you hold none of {', '.join(codes)}" if len(codes) <= 3 else "you hold none of them")
    return ", ".join(parts)

def degree_line(applicant: Applicant, cred: Credential, req: Requirement, degree: Criterion) -> str:
    """A condition met by a degree program (RHIT, RHIA), with its other routes."""
    p = applicant.profile
    line = f"{cred.code} needs a {degree.program}; "
    if p.education is None:
        line += "you did not say your education."
    elif applicant.check(degree) is False:
        line += f"you told us your education is {EDUCATION_WORDS[p.education]}."
    else:
        line += (
            f"you told us your education is {EDUCATION_WORDS[p.education]}: "
            "check that your program has that accreditation."
        )
    others = [c for c in req.any_of if c is not degree]
    if others:
        line += " Other routes: " + "; ".join(lower_first(c.text) for c in others)
        met_other = [c for c in others if applicant.check(c) is True]
        line += f" (you meet: {lower_first(met_other[0].text)})." if met_other else "."
    return line

def requirement_line(applicant: Applicant, cred: Credential, req: Requirement, kind: str) -> str:
    """'Required: 2 years of coding work — not yet: you have 1 year of coding or billing work.'"""
    first = req.any_of[0] if req.any_of else None
    degree = first if first is not None and first.education is not None and first.program else None
    if degree is not None and degree.program and not degree.experience:
        return degree_line(applicant, cred, req, degree)
    if len(req.any_of) > 1:
        lead = re.sub(r"^recommended,? but not required,?\s*", "", req.text.strip(), flags=re.I)
        lead = re.sub(r",?\s*any one of these\W*$", "", lead, flags=re.I)
        if lead.startswith("(") and lead.endswith(")"):
            lead = ""  # an aside ("(same pattern as the CCS…)")
        text = (f"{lower_first(lead)}, any one of: " if lead else "any one of: ") + "; ".join(
            lower_first(c.text) for c in req.any_of
        )
    elif req.any_of:
        text = lower_first(req.any_of[0].text)
    else:
        text = lower_first(req.text)
    head = f"{kind}: {text[:1].upper()}{text[1:]}"
    if applicant.unverified(req):
        return f"{head} — unverified (a seed article's claim), so certcli does not use it to decide."
    met = applicant.meets(req)
    if met is True:
        which = next((c for c in req.any_of if applicant.check(c) is True), None)
        if which is not None and len(req.any_of) > 1:
            return f"{head} — you meet one ({lower_first(which.text)})."
        if which is not None and which.education is not None:
            return f"{head} — you have it."
        return f"{head} — you meet it."
    you = what_you_said(applicant, req.any_of)
    if met is False:
        return f"{head} — not yet: {you}."
    if you == "you did not say your education":
        return f"{head} — {you}."
    if not you:
        return f"{head} — certcli cannot tell from your answers."
    return f"{head} — certcli cannot tell from your answers ({you})."
