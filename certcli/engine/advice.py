"""Advice: the path a person should take through the alphabet soup, and why.

:func:`recommend` turns a :class:`~certcli.model.Profile` into a :class:`Plan`: an ordered path
of one to three credentials, each with the rules that chose it, where the person stands on its
eligibility today, and the first-year price for them; then the alternatives that ranked lower,
the CEUs it takes to keep everything, and honest notes. Pure and deterministic: the same
profile, catalog and day always give an equal plan.

The rules (from how good advisors decide):

- The goal picks the family (coding, billing, auditing…); for coding the work setting picks
  the first credential: physician office → CPC, hospital outpatient → COC, hospital inpatient →
  CCA then CCS (straight to CCS with 2+ years of coding work), payer → CPC then CRC, risk
  adjustment → CRC.
- Entry before advanced: an advanced role (auditing, compliance, documentation, management)
  starts with a core credential unless the person holds one or has 2+ years of work.
- A specialty credential comes after a core one (CPC, or COC for outpatient work).
- Never a credential the person holds (aliases such as CPC-H and CPC-A count), never one whose
  status is retired or unconfirmed (those are listed as alternatives, with their status), and
  the degree-based RHIT/RHIA only as alternatives that say which degree program they need.
- A budget below the first-year price of an AAPC start swaps in a cheaper start (CCA or CBCS)
  and says so in :attr:`Plan.budget_note`.

Tie rule (when two credentials fit a goal equally well, e.g. CPC and CCA for coding in no
particular setting): certcli prefers

1. the one whose required conditions the person is not known to miss (they can sit it);
2. then the lower first-year price for this person (exam plus any required membership), a
   known price beating an unknown one;
3. then the issuer listed first in the data (AAPC, AHIMA, NHA, AMBA, …), then the code.

The step's ``why`` says which of these decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from certcli.catalog import Catalog, normalize
from certcli.engine import fees
from certcli.engine.renewal import CeuRequirement, ceu_requirement
from certcli.engine.specialty import match_specialty
from certcli.model import (
    EDUCATION_RANK,
    Category,
    Claim,
    Confidence,
    Credential,
    Criterion,
    Education,
    FeeKind,
    Level,
    Organization,
    Profile,
    Requirement,
    Status,
    TierKind,
)

TIE_RULE = (
    "when two credentials fit equally well, certcli prefers the one you can sit now, then the lower "
    "first-year price for you, then the issuer listed first in its data"
)
MAX_STEPS = 3
EXPERIENCED = 2.0  # years of coding or billing work that let a person skip the entry step

CORE_CODING = {Category.CODING, Category.CODING_AND_BILLING, Category.RISK_ADJUSTMENT, Category.SPECIALTY}
CORE_BILLING = {Category.BILLING, Category.CODING, Category.CODING_AND_BILLING}
CODING_PREFERENCES = ("records", "precision", "independent")
BILLING_PREFERENCES = ("payers", "patients", "finance", "juggling")
PREFERENCE_WORDS = {
    "records": "deciphering medical records",
    "precision": "precision and detail",
    "independent": "independent, focused work",
    "payers": "dealing with payers",
    "patients": "talking with patients",
    "finance": "the money side of a practice",
    "juggling": "juggling many tasks",
}
EDUCATION_WORDS = {
    Education.HIGH_SCHOOL: "high school",
    Education.CERTIFICATE: "a certificate",
    Education.ASSOCIATE: "an associate degree",
    Education.BACHELOR: "a bachelor's degree",
    Education.MASTER: "a master's degree",
}


# --------------------------------------------------------------------------- the plan


class EligibilityNow(NamedTuple):
    """Where the person stands today on one credential's conditions."""

    can_sit_now: bool  # every required condition met (membership counts: "join to sit")
    lines: tuple[str, ...]  # plain sentences
    apprentice: str | None  # "CPC-A" when they would pass as an apprentice, else None
    sources: tuple[str, ...]  # source ids behind these lines


class Step(NamedTuple):
    credential: Credential
    why: tuple[str, ...]  # the rules that fired, in plain words
    eligibility: EligibilityNow
    quote: fees.Quote | None  # first-year price for this person (exam + dues)
    when: str  # "now", "after CPC", "after CCA and 1 year of coding work"…


class Alternative(NamedTuple):
    credential: Credential
    reason: str  # why it ranked lower


class Plan(NamedTuple):
    profile: Profile  # the answers used, with 'unsure' resolved
    resolved_goal: str
    goal_reason: str | None  # for 'unsure': why coding, billing or both
    steps: tuple[Step, ...]
    alternatives: tuple[Alternative, ...]
    cost: fees.PathCost | None  # the steps over profile.years; None when it cannot be priced
    renewal: tuple[CeuRequirement, ...]  # per issuer, held and recommended credentials together
    notes: tuple[str, ...]
    budget_note: str | None  # when the budget changed the advice (or could not be checked), how


# --------------------------------------------------------------------------- small words


def _money(amount: float) -> str:
    return f"${amount:,.0f}"


def _dur(years: float) -> str:
    """0.5 → '6 months', 1 → '1 year', 2 → '2 years'."""
    if 0 < years < 1:
        months = round(years * 12)
        return f"{months} month{'s' if months != 1 else ''}"
    if years == int(years):
        n = int(years)
        return f"{n} year{'s' if n != 1 else ''}"
    return f"{years:g} years"


def _hours(hours: float) -> str:
    return f"{hours:g} hour{'s' if hours != 1 else ''}"


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():  # an acronym: "CCA plus 1 year"
        return text
    return text[:1].lower() + text[1:]


def _an(number: float) -> str:
    """'an 80-hour', 'a 50-hour'."""
    return "an" if re.match(r"8|11(\D|$)|18(\D|$)", f"{number:g}") else "a"


def _join_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _join_or(items: list[str]) -> str:
    return ", or ".join(items)


def _codes(creds: list[Credential] | tuple[Credential, ...]) -> str:
    codes = [c.code for c in creds]
    if len(codes) <= 1:
        return "".join(codes)
    return ", ".join(codes[:-1]) + " and " + codes[-1]


# --------------------------------------------------------------------------- the goal


def resolve_goal(profile: Profile) -> tuple[str, str | None]:
    """The goal to plan for, and for 'unsure' the reason (the seeds' own coding-or-billing test)."""
    if profile.goal != "unsure":
        return profile.goal, None
    prefs = list(dict.fromkeys(profile.preferences))
    coding = [p for p in prefs if p in CODING_PREFERENCES]
    billing = [p for p in prefs if p in BILLING_PREFERENCES]
    coding_words = ", ".join(PREFERENCE_WORDS[p] for p in coding)
    billing_words = ", ".join(PREFERENCE_WORDS[p] for p in billing)
    if not prefs:
        return "coding_and_billing", (
            "You are not sure yet and gave no preferences, so the plan covers both coding and billing "
            "(a coding credential plus a billing one keeps both doors open)."
        )
    if len(coding) > len(billing):
        extra = f" more than {billing_words}" if billing else ""
        return "coding", (
            f"You are drawn to {coding_words}{extra}: that is the coder's work (reading records precisely, "
            "mostly on your own), so the plan is for coding."
        )
    if len(billing) > len(coding):
        extra = f" more than {coding_words}" if coding else ""
        return "billing", (
            f"You are drawn to {billing_words}{extra}: that is the biller's work (payers, patients and "
            "the money side), so the plan is for billing."
        )
    return "coding_and_billing", (
        f"Your answers lean both ways ({coding_words} for coding; {billing_words} for billing), "
        "so the plan covers both coding and billing."
    )


# --------------------------------------------------------------------------- the advisor


@dataclass
class _Pick:
    code: str
    why: list[str]
    when: str | None = None


@dataclass
class _Advisor:
    catalog: Catalog
    profile: Profile
    goal: str
    today: date | None  # None only where nothing is priced (eligibility_now)
    held: list[Credential]
    picks: list[_Pick] = field(default_factory=list)
    alts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # goal-specific notes, shown first
    _quotes: dict[str, fees.Quote | None] = field(default_factory=dict)

    # -- facts about the person

    @property
    def held_codes(self) -> set[str]:
        return {c.code for c in self.held}

    @property
    def exp(self) -> float:
        return self.profile.experience_years

    def known(self, code: str) -> bool:
        """Whether the catalog has ``code`` (a trimmed data folder may not)."""
        return normalize(code) in self.catalog.lookup

    def holds(self, *codes: str) -> bool:
        return any(self.cred(code).code in self.held_codes for code in codes if self.known(code))

    def holds_any(self, categories: set[Category]) -> list[Credential]:
        return [c for c in self.held if c.category in categories]

    def cred(self, code: str) -> Credential:
        return self.catalog.credential(code)

    def planned(self, code: str) -> bool:
        return any(p.code == self.cred(code).code for p in self.picks)

    # -- building the draft

    def step(self, code: str, *why: str, when: str | None = None) -> bool:
        """Add a step; held, planned or not-active credentials are not added (the last become alternatives)."""
        if not self.known(code):
            return False
        cred = self.cred(code)
        if cred.code in self.held_codes or self.planned(cred.code):
            return False
        if cred.status is not Status.ACTIVE:
            self.alt(cred.code, "Not recommended as a step.")
            return False
        self.alts.pop(cred.code, None)
        self.picks.append(_Pick(cred.code, list(why), when))
        return True

    def alt(self, code: str, reason: str) -> None:
        if not self.known(code):
            return
        cred = self.cred(code)
        if cred.code in self.held_codes or self.planned(cred.code) or cred.code in self.alts:
            return
        if cred.status is not Status.ACTIVE:
            claim = self.catalog.pick(cred.status_note)
            status = f"Its status is {cred.status.value}"
            status += f": {_lower_first(str(claim.value))}." if claim else "."
            reason = f"{status} {reason}".strip()
        self.alts[cred.code] = reason

    # -- money

    def buyer(self) -> fees.Buyer:
        return fees.Buyer(
            member=None,
            student=self.profile.student,
            first_time=self.profile.first_time_member,
            senior=self.profile.age_65_plus,
            member_of=frozenset(normalize(m) for m in self.profile.member_of),
        )

    def quote(self, cred: Credential) -> fees.Quote | None:
        """The first-year price for this person, or None when the money engine cannot say."""
        if cred.code not in self._quotes:
            try:
                self._quotes[cred.code] = fees.quote(self.catalog, cred, self.buyer(), 1, self.today)
            except (AttributeError, NotImplementedError):
                self._quotes[cred.code] = None
        return self._quotes[cred.code]

    def first_year(self, cred: Credential) -> int | None:
        q = self.quote(cred)
        return q.total if q is not None else None

    # -- eligibility

    def check(self, crit: Criterion, extra_held: set[str] | None = None) -> bool | None:
        """Whether the person meets one way of meeting a condition (None: cannot tell)."""
        p = self.profile
        held = self.held_codes | (extra_held or set())
        results: list[bool | None] = []
        if crit.education is not None:
            if p.education is None:
                results.append(None)
            else:
                results.append(EDUCATION_RANK[p.education] >= EDUCATION_RANK[crit.education])
        if crit.program is not None:
            if crit.education is not None:
                # a degree program: the degree is checked above; its accreditation cannot be
                results.append(None if results[-1] is not False else False)
            else:
                results.append(None if p.training_hours > 0 else False)
        if crit.experience_years is not None:
            results.append(p.experience_years >= crit.experience_years)
        if crit.training_hours is not None:
            results.append(p.training_hours >= crit.training_hours)
        if crit.credentials:
            results.append(any(self.cred(code).code in held for code in crit.credentials))
        if not results:
            return None
        if False in results:
            return False
        if None in results:
            return None
        return True

    def meets(self, req: Requirement, extra_held: set[str] | None = None) -> bool | None:
        if not req.any_of:
            return True  # informational
        checks = [self.check(c, extra_held) for c in req.any_of]
        if True in checks:
            return True
        if None in checks:
            return None
        return False

    def blocked(self, cred: Credential, extra_held: set[str] | None = None) -> Requirement | None:
        """The first required condition the person is known not to meet."""
        for req in cred.eligibility.required:
            if self.meets(req, extra_held) is False:
                return req
        return None

    def _you(self, crits: tuple[Criterion, ...]) -> str:
        p = self.profile
        parts: list[str] = []
        if any(c.education for c in crits):
            parts.append(
                "you did not say your education"
                if p.education is None
                else f"you told us your education is {EDUCATION_WORDS[p.education]}"
            )
        if any(c.experience_years is not None for c in crits):
            parts.append(f"you have {_dur(p.experience_years)} of coding or billing work")
        if any(c.training_hours is not None or (c.program and not c.education) for c in crits):
            parts.append(f"{_hours(p.training_hours)} of training")
        codes = list(dict.fromkeys(self.cred(code).code for c in crits for code in c.credentials))
        if codes:
            mine = [code for code in codes if code in self.held_codes]
            if mine:
                parts.append(f"you hold {', '.join(mine)}")
            else:
                parts.append(f"you hold none of {', '.join(codes)}" if len(codes) <= 3 else "you hold none of them")
        return ", ".join(parts)

    def _requirement_line(self, cred: Credential, req: Requirement, kind: str) -> str:
        met = self.meets(req)
        degree = next((c for c in req.any_of if c.education is not None and c.program), None)
        if degree is not None and degree.program:
            p = self.profile
            line = f"{cred.code} needs a {degree.program}; "
            if p.education is None:
                line += "you did not say your education."
            elif self.check(degree) is False:
                line += f"you told us your education is {EDUCATION_WORDS[p.education]}."
            else:
                line += (
                    f"you told us your education is {EDUCATION_WORDS[p.education]}: "
                    "check that your program has that accreditation."
                )
            others = [c for c in req.any_of if c is not degree]
            if others:
                line += " Other routes: " + "; ".join(_lower_first(c.text) for c in others)
                met_other = [c for c in others if self.check(c) is True]
                line += f" (you meet: {_lower_first(met_other[0].text)})." if met_other else "."
            return line
        if len(req.any_of) > 1:
            lead = re.sub(r"^recommended,? but not required,?\s*", "", req.text.strip(), flags=re.I)
            lead = re.sub(r",?\s*any one of these\W*$", "", lead, flags=re.I)
            if lead.startswith("(") and lead.endswith(")"):
                lead = ""  # an aside ("(same pattern as the CCS…)")
            text = (f"{_lower_first(lead)}, any one of: " if lead else "any one of: ") + "; ".join(
                _lower_first(c.text) for c in req.any_of
            )
        elif req.any_of:
            text = _lower_first(req.any_of[0].text)
        else:
            text = _lower_first(req.text)
        head = f"{kind}: {text[:1].upper()}{text[1:]}"
        if met is True:
            which = next((c for c in req.any_of if self.check(c) is True), None)
            if which is not None and len(req.any_of) > 1:
                return f"{head} — you meet one ({_lower_first(which.text)})."
            if which is not None and which.education is not None:
                return f"{head} — you have it."
            return f"{head} — you meet it."
        you = self._you(req.any_of)
        if met is False:
            return f"{head} — not yet: {you}."
        if you == "you did not say your education":
            return f"{head} — {you}."
        return f"{head} — certcli cannot tell from your answers ({you})."

    def _apprentice(self, cred: Credential) -> tuple[str | None, str | None]:
        app = cred.apprentice
        if app is None:
            return None, None
        p = self.profile
        kind = "coding" if cred.category is Category.CODING else "relevant"

        def way(crit: Criterion) -> str:
            if crit.experience_years is not None and crit.training_hours is not None:
                hours = crit.training_hours
                return f"{_dur(crit.experience_years)} plus {_an(hours)} {hours}-hour course"
            if crit.experience_years is not None and not crit.credentials:
                return f"{_dur(crit.experience_years)} of {kind} experience"
            return _lower_first(crit.text)

        done = next((crit for crit in app.removal if self.check(crit) is True), None)
        if done is not None:
            return None, (
                f"You would not stay {app.designation}: by the numbers you gave you already meet one way to "
                f"remove it ({way(done)}), so you can have it removed straight away."
            )
        ways = [way(crit) for crit in app.removal]
        line = f"You will be {app.designation} until you have {_join_or(ways)}."
        if p.experience_years or p.training_hours:
            line += f" So far: {_dur(p.experience_years)} of work and {_hours(p.training_hours)} of training."
        return app.designation, line

    def eligibility(self, cred: Credential) -> EligibilityNow:
        org = self.catalog.issuer(cred)
        lines: list[str] = []
        sources: list[str] = []
        membership = self.catalog.pick(org.membership.required_for_exam)
        needs_membership = bool(membership and membership.value is True)
        is_member = normalize(org.code) in {normalize(m) for m in self.profile.member_of}
        required = [r for r in cred.eligibility.required if r.any_of]
        notes = [
            r for r in cred.eligibility.required if not r.any_of and "membership" not in r.text.lower()
        ]
        states = [self.meets(r) for r in required]
        known = bool(required or needs_membership or cred.apprentice or notes)
        can_sit = known and all(s is True for s in states)

        if needs_membership and membership is not None:
            sources.append(membership.source)
        if not known:
            lines.append(
                f"No eligibility rules for {cred.code} were found in certcli's data; check {org.url} "
                "before you plan on it."
            )
        elif can_sit and needs_membership and not required:
            if is_member:
                lines.append(f"You can sit now: {org.code} exams are sold to members only, and you are a member.")
            else:
                lines.append(
                    f"You can sit now: {org.code} asks only for membership (its exams are sold to members only)."
                )
        elif can_sit:
            lines.append(
                "You can sit now: you meet every required condition."
                if required
                else "You can sit now: no entry condition is published."
            )
        elif False in states:
            lines.append("You cannot sit yet: a required condition is not met (below).")
        else:
            lines.append("You may be able to sit now: certcli cannot confirm every required condition (below).")
        if needs_membership and required:
            lines.append(
                f"You also need {org.code} membership to sit"
                + (" (you are a member)." if is_member else " (its exams are sold to members only).")
            )
        if membership is not None and membership.value is False:
            lines.append(f"{org.code} membership is optional: it lowers the exam fee but is not needed to sit.")
            sources.append(membership.source)
        for req in required:
            lines.append(self._requirement_line(cred, req, "Required"))
            sources.append(req.source)
        for req in notes:
            lines.append(req.text.strip().rstrip(".") + ".")
            sources.append(req.source)
        for req in cred.eligibility.recommended:
            lines.append(self._requirement_line(cred, req, "Recommended (not required)"))
            sources.append(req.source)
        designation, app_line = self._apprentice(cred)
        if app_line and cred.apprentice:
            lines.append(app_line)
            sources.append(cred.apprentice.source)
        return EligibilityNow(
            can_sit_now=can_sit,
            lines=tuple(lines),
            apprentice=designation,
            sources=tuple(dict.fromkeys(sources)),
        )

    # -- when a step fits

    def when(self, cred: Credential, prior: list[Credential]) -> str:
        """'now', 'after CPC', 'after CCA and 1 year of coding work', 'once you meet …'."""
        ahead = {c.code for c in prior}
        req = self.blocked(cred, ahead)
        if req is not None:
            return f"once you meet the requirement: {_lower_first(req.text)}"
        if cred.level in (Level.INTERMEDIATE, Level.ADVANCED, Level.SPECIALTY):
            for rec in cred.eligibility.recommended:
                if self.meets(rec, ahead) is not False:
                    continue
                gaps: list[tuple[float, list[str]]] = []
                for crit in rec.any_of:
                    if crit.education is not None or crit.program is not None:
                        continue
                    codes = [self.cred(code).code for code in crit.credentials]
                    via = [code for code in codes if code in ahead]
                    if codes and not via and not any(code in self.held_codes for code in codes):
                        continue
                    gap = max(0.0, (crit.experience_years or 0) - self.exp)
                    gaps.append((gap, via[:1]))
                if gaps:
                    gap, via = min(gaps, key=lambda g: g[0])
                    if gap > 0:
                        after = f"after {via[0]} and " if via else "after "
                        more = " more" if self.exp > 0 else ""
                        return f"{after}{_dur(gap)}{more} of coding work"
        if cred.builds_on and not any(self.holds(code) for code in cred.builds_on):
            return f"after {next((code for code in cred.builds_on if code in ahead), cred.builds_on[0])}"
        if prior:
            return f"after {prior[-1].code}"
        return "now"

    # -- tie rule

    def tie(self, codes: list[str]) -> tuple[list[str], str | None]:
        """``codes`` ordered by the tie rule, with the sentence saying what decided."""
        creds = [self.cred(c) for c in codes if self.known(c) and not self.holds(c)]
        if len(creds) < 2:
            return [c.code for c in creds], None
        org_rank = {code: i for i, code in enumerate(self.catalog.organizations)}

        def key(c: Credential) -> tuple[bool, bool, int, int, str]:
            price = self.first_year(c)
            return (self.blocked(c) is not None, price is None, price or 0, org_rank.get(c.issuer, 99), c.code)

        ordered = sorted(creds, key=key)
        a, b = ordered[0], ordered[1]
        pa, pb = self.first_year(a), self.first_year(b)
        if (self.blocked(a) is None) != (self.blocked(b) is None):
            decided = f"you can sit {a.code} now but not {b.code}"
        elif pa is not None and pb is not None and pa != pb:
            decided = f"{a.code} costs you less in the first year ({_money(pa)} against {_money(pb)})"
        elif pa is not None and pb is None:
            decided = f"{a.code}'s first-year price is published and {b.code}'s is not"
        else:
            decided = f"{a.issuer} is listed first in certcli's data"
        sentence = f"{a.code} and {b.code} fit equally well; by certcli's tie rule ({TIE_RULE}), {decided}."
        return [c.code for c in ordered], sentence


# --------------------------------------------------------------------------- the goals


def _setting_words(setting: str) -> str:
    """What follows 'You want to code' / 'You want to bill'."""
    return {
        "physician_office": "in a physician office or clinic",
        "hospital_inpatient": "hospital inpatient stays",
        "hospital_outpatient": "hospital outpatient and facility services",
        "payer": "on the payer side (health plans)",
        "any": "in no particular setting",
    }[setting]


def _specialty_step(a: _Advisor, core: str) -> bool:
    """Add the specialty credential the person named, after a core one; True when added."""
    if not a.profile.specialty:
        return False
    spec = match_specialty(a.catalog, a.profile.specialty)
    if spec is None:
        note = f"certcli found no AAPC specialty credential for '{a.profile.specialty}'."
        if note not in a.notes:
            a.notes.append(note)
        return False
    if a.holds(spec.code):
        return False
    have = [code for code in ("CPC", "COC") if a.holds(code)]
    why = [
        f"You named {a.profile.specialty}: {spec.code} ({spec.name}) is AAPC's credential for it.",
        f"Specialty credentials build on a core credential (CPC or COC); you hold {have[0]}."
        if have
        else f"Specialty credentials build on a core credential (CPC or COC), so it comes after {core}.",
    ]
    claim = a.catalog.pick(spec.status_note)
    if claim:
        why.append(f"Note: {_lower_first(str(claim.value))}; check aapc.com.")
    return a.step(spec.code, *why)


def _after_cpc(a: _Advisor) -> None:
    """The next coding credential for a CPC holder: the named specialty, else CRC."""
    if _specialty_step(a, "CPC") or not a.holds("CPC"):
        return
    why = ["You hold the CPC; risk adjustment (CRC) is the next AAPC coding credential for physician offices "
           "and provider groups."]
    if not a.profile.specialty:
        why.append("A specialty credential is the other usual next step: name a specialty to get one.")
    a.step("CRC", *why)


def _coding(a: _Advisor, setting: str, *, with_next: bool = True) -> None:
    """The coding path for a setting (the first credential, then the next one)."""
    spec = match_specialty(a.catalog, a.profile.specialty)
    if setting == "any" and spec is not None and not a.holds("CCA", "CPC", "COC"):
        setting = "physician_office"
        a.alt("CCA", "AHIMA's entry credential for any setting; the specialty you named builds on AAPC's CPC instead.")
        first_why = (
            f"You named a specialty ({a.profile.specialty}) and no setting: AAPC's specialty credentials "
            "build on the CPC, so the CPC comes first."
        )
    else:
        first_why = (
            f"You want to code {_setting_words(setting)}: the work setting decides the first coding credential, "
            "and there it is CODE."
        )

    if setting == "physician_office":
        if not a.holds("CPC", "CCS-P"):
            a.step("CPC", first_why.replace("CODE", "AAPC's CPC"))
        a.alt("CCA", "AHIMA's entry coding credential works in any setting; physician offices mostly ask for the CPC.")
        if with_next:
            _after_cpc(a)
        a.alt(
            "CCS-P",
            "AHIMA's physician-based coding credential; it is recommended after a year or two of coding work.",
        )
    elif setting == "hospital_outpatient":
        if not a.holds("COC"):
            a.step(
                "COC",
                first_why.replace("CODE", "AAPC's COC (emergency departments, outpatient surgery, hospital clinics)"),
            )
        a.alt("CPC", "AAPC's core credential for physician offices; choose it if you may work outside hospitals.")
        if with_next:
            _specialty_step(a, "COC")
            if a.holds("COC") or a.exp >= EXPERIENCED:
                a.step(
                    "CCS",
                    "AHIMA's hospital coding credential covers outpatient and inpatient records; "
                    "it is the usual next step once you have coding experience.",
                )
        a.alt("CCS", "AHIMA's hospital credential (outpatient and inpatient); it assumes coding experience.")
        a.alt("CCA", "AHIMA's entry coding credential, for any setting.")
    elif setting == "hospital_inpatient":
        if a.holds("CCS") and not a.holds("CIC"):
            a.step(
                "CIC",
                "You hold the CCS; AAPC's CIC is the other inpatient coding credential, for coders who "
                "want both issuers' inpatient credentials.",
            )
        elif a.holds("CIC") and not a.holds("CCS"):
            a.step("CCS", "You hold the CIC; AHIMA's CCS is the other hospital coding credential.")
        elif not a.holds("CCS", "CIC"):
            experienced = a.exp >= EXPERIENCED or (a.holds("CCA") and a.exp >= 1)
            if experienced:
                a.step(
                    "CCS",
                    first_why.replace("CODE", "AHIMA's CCS (or AAPC's CIC)"),
                    f"You have {_dur(a.exp)} of coding work, so you can go straight to the CCS rather than "
                    "starting with the entry-level CCA."
                    if not a.holds("CCA")
                    else "You hold the CCA and have a year of coding work: the CCS is the next step.",
                )
                a.alt("CCA", f"AHIMA's entry credential; with {_dur(a.exp)} of coding work you can skip it.")
            else:
                if not a.holds("CCA", "CCS-P", "RHIT", "RHIA"):
                    a.step(
                        "CCA",
                        "Hospital inpatient coding (CCS, CIC) assumes experience; a novice starts with AHIMA's "
                        "entry credential, the CCA, and climbs.",
                        "Entry before advanced: it comes first.",
                    )
                if with_next:
                    a.step(
                        "CCS",
                        "AHIMA's CCS is the hospital coding credential inpatient coders aim for; it is "
                        "recommended after a year or two of coding work (or the CCA plus 1 year).",
                    )
            a.alt(
                "CIC",
                "AAPC's inpatient credential; like the CCS it assumes experience (take it instead of the CCS "
                "if you prefer AAPC).",
            )
            a.alt("CPC", "Another way in: start in a physician office with AAPC's CPC and move to inpatient later.")
        if a.holds("CCS", "CIC"):
            a.alt("CDIP", "Documentation integrity is a common next step for experienced inpatient coders.")
    elif setting == "payer":
        if not a.holds("CPC"):
            a.step(
                "CPC",
                "You want to code on the payer side (health plans). Its own credential, CPC-P, has an "
                "unconfirmed status, so certcli recommends AAPC's core CPC first.",
            )
        a.alt("CPC-P", "AAPC's payer coding credential; certcli does not recommend it as a step.")
        if with_next:
            a.step(
                "CRC",
                "Health plans run risk adjustment (Medicare Advantage, ACA, Medicaid managed care): AAPC's CRC "
                "is the credential for it.",
            )
    else:  # any
        ladder = ["CPC", "CCA"]
        if a.holds("CPC") or a.holds("CCA"):
            first = "CPC" if a.holds("CPC") else "CCA"
        else:
            order, sentence = a.tie(ladder)
            if not order:
                return
            first = order[0]
            why = [
                "You named no particular setting: AAPC's CPC and AHIMA's CCA are the two entry coding "
                "credentials, and both open doors in many settings.",
            ]
            if sentence:
                why.append(sentence[:1].upper() + sentence[1:])
            a.step(first, *why)
            other = order[1] if len(order) > 1 else None
            if other:
                a.alt(other, "The other entry coding credential; it ranked second by the tie rule (see step 1).")
        if with_next:
            if first == "CCA":
                a.step(
                    "CCS",
                    "AHIMA's ladder climbs from the CCA to the CCS, the hospital coding credential, "
                    "after a year of coding work.",
                )
            else:
                _after_cpc(a)


def _billing(a: _Advisor, setting: str) -> None:
    p = a.profile
    hospital = setting in ("hospital_inpatient", "hospital_outpatient")
    cbcs_first = hospital or setting == "any" or p.student
    if a.holds("CBCS", "CMRS") and not a.holds("CPB") and setting not in ("hospital_inpatient", "hospital_outpatient"):
        a.step(
            "CPB",
            f"You hold {_codes(a.holds_any({Category.BILLING, Category.CODING_AND_BILLING}))}; AAPC's CPB adds a "
            "billing credential for physician and professional claims: payer rules, denials, appeals.",
        )
        a.alt("CPC", "AAPC's core coding credential: CPC + CPB is the classic pair, a later step.")
        return
    if a.holds("CPB", "CBCS", "CMRS"):
        a.step(
            "CPC",
            f"You hold {_codes(a.holds_any({Category.BILLING, Category.CODING_AND_BILLING}))}: a coding "
            "credential is the natural next step (CPC + CPB is the classic pair).",
        )
        a.alt("CPPM", "Practice management builds on billing experience; a later step.")
        if not a.holds("CPB"):
            a.alt("CPB", "AAPC's billing credential for physician and professional claims.")
        return
    if cbcs_first:
        if hospital:
            why = "You want to bill for a hospital: NHA's CBCS covers billing and coding in any setting; AAPC's CPB "
            why += "is aimed at physician and professional claims."
        elif p.student:
            why = "As a student, NHA's CBCS is the usual billing start: it is often bundled with school programs."
        else:
            why = "You named no particular setting: NHA's CBCS covers billing and coding in physician offices, "
            why += "hospitals and billing companies."
        a.step("CBCS", why, "It needs no membership.")
        a.alt("CPB", "AAPC's billing credential for physician and professional claims (AAPC membership required).")
    else:
        a.step(
            "CPB",
            f"You want to bill {_setting_words(setting)}: AAPC's CPB is the billing credential for "
            "physician and professional claims.",
        )
        a.alt("CBCS", "NHA's billing and coding credential: cheaper and no membership, often bundled with school "
              "programs; it needs a training program or a year of work first.")
    a.alt("CMRS", "AMBA's billing credential (online, open book); it needs AMBA membership, whose dues are not "
          "published, and CEUs every year.")


def _coding_and_billing(a: _Advisor, setting: str) -> None:
    hospital = setting in ("hospital_inpatient", "hospital_outpatient")
    pair = "Coding and billing together: a coding credential plus a billing one; CPC + CPB is the classic pair."
    if hospital:
        _coding(a, setting, with_next=False)
        a.step(
            "CBCS",
            "Coding and billing together: add a billing credential. For hospital billing NHA's CBCS fits "
            "(any setting, no membership).",
        )
        a.alt("CPB", "AAPC's billing credential, aimed at physician and professional claims.")
    else:
        if not a.holds("CPC"):
            why = [pair]
            if setting != "physician_office":
                why.append(f"You want to work {_setting_words(setting)}: the CPC is AAPC's core coding credential.")
            a.step("CPC", *why)
            a.alt("CCA", "AHIMA's entry coding credential; the CPC pairs with the CPB under one membership.")
        rows = a.catalog.organizations["AAPC"].renewal.table if "AAPC" in a.catalog.organizations else ()
        one = next((r.ceus for r in rows if r.credentials == 1), None)
        two = next((r.ceus for r in rows if r.credentials == 2), None)
        why = [pair] if a.holds("CPC") else ["The billing half of the pair."]
        if one and two and not [c for c in a.held if c.issuer == "AAPC" and c.code != "CPC"]:
            why.append(
                f"Both are AAPC's: one membership covers them, and AAPC asks {two} CEUs every 2 years for the "
                f"two rather than {one} for each."
            )
        a.step("CPB", *why)
        a.alt(
            "CBCS",
            "NHA's single credential covering billing and coding: cheaper, no membership, often bundled with "
            "school programs; one credential instead of two.",
        )
    if setting != "hospital_inpatient":
        _specialty_step(a, "COC" if setting == "hospital_outpatient" else "CPC")
    if not a.picks:
        _coding(a, setting)


def _core_first(a: _Advisor, target: str, kinds: set[Category], core: str) -> str | None:
    """An advanced credential builds on a core one: add the core step unless held or experienced."""
    have = a.holds_any(kinds)
    if have:
        return None
    if a.exp >= EXPERIENCED:
        a.alt(
            core,
            f"A core credential alongside {target} is still worth having; with {_dur(a.exp)} of work you "
            f"can go straight to {target}.",
        )
        return None
    if not a.known(core) or (core == "CCA" and a.holds("CCS", "CIC")):
        return None
    added = a.step(
        core,
        f"{target} is an advanced credential: it builds on a core credential and experience, so you start "
        f"with {core} ({a.cred(core).name}).",
        "Entry before advanced: it comes first.",
    )
    return core if added else None


def _core_for(setting: str) -> str:
    return {"hospital_outpatient": "COC", "hospital_inpatient": "CCA"}.get(setting, "CPC")


def _advanced(a: _Advisor, target: str, why: list[str], core: str, kinds: set[Category], work: str) -> None:
    first = _core_first(a, target, kinds, core)
    when = f"after {first}, once you have some {work} experience" if first else None
    if not a.holds(target):
        a.step(target, *why, when=when)


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


def _unknown_words(catalog: Catalog, cred: Credential) -> str:
    missing = unknown_facts(cred)
    if not missing:
        return ""
    return f"Not found in certcli's data: its {_join_and(missing)}; check {catalog.issuer(cred).url}."


def _subject_why(a: _Advisor, code: str) -> str | None:
    if not a.known(code):
        return None
    cred = a.cred(code)
    claim = a.catalog.pick(cred.renewal.subject_ceus)
    if claim is None or not cred.renewal.subject:
        return None
    return f"Keeping it takes {claim.value} {cred.renewal.subject} CEUs inside each 2-year AAPC total."


def _plan_goal(a: _Advisor) -> None:
    p = a.profile
    setting = p.setting
    goal = a.goal
    if goal == "coding":
        _coding(a, setting)
    elif goal == "billing":
        _billing(a, setting)
    elif goal == "coding_and_billing":
        _coding_and_billing(a, setting)
    elif goal == "auditing":
        why = ["Auditing: AAPC's CPMA is the auditing credential (records and claims checked for correct coding)."]
        if a.holds_any(CORE_CODING):
            why.append(f"You hold {_codes(a.holds_any(CORE_CODING))}: the core it builds on.")
        extra = _subject_why(a, "CPMA")
        _advanced(a, "CPMA", why + ([extra] if extra else []), _core_for(setting), CORE_CODING, "coding")
        a.alt("CPCO", "Compliance is the neighbouring role: running the rules rather than checking the claims.")
        a.alt("CDEO", "Documentation review for outpatient care, another path for experienced coders.")
    elif goal == "compliance":
        why = ["Compliance: AAPC's CPCO is the credential for running a compliance program (OIG guidance)."]
        extra = _subject_why(a, "CPCO")
        _advanced(a, "CPCO", why + ([extra] if extra else []), _core_for(setting), CORE_CODING, "coding or billing")
        chps = a.cred("CHPS") if a.known("CHPS") else None
        req = chps.eligibility.required[0] if chps and chps.eligibility.required else None
        if req is not None and a.meets(req) is not True:
            reason = (
                "AHIMA's privacy and security credential; it requires healthcare privacy or security management "
                f"experience ({_lower_first(req.any_of[0].text)}, or less with a degree or credential)."
            )
        else:
            reason = "AHIMA's privacy and security credential; you may meet its experience requirement."
        a.alt("CHPS", reason)
        a.alt("CPMA", "Auditing is the neighbouring role: checking the claims rather than running the program.")
    elif goal == "documentation":
        if setting == "hospital_inpatient":
            why = [
                "Clinical documentation in hospital inpatient care: AHIMA's CDIP is the documentation integrity "
                "credential for hospitals, and it needs no membership."
            ]
            _advanced(a, "CDIP", why, "CCA", CORE_CODING, "hospital coding")
            if a.known("CDEI"):
                a.alt("CDEI", "AAPC's inpatient documentation credential; it builds on the CIC or CCS. "
                      + _unknown_words(a.catalog, a.cred("CDEI")))
            a.alt("CDEO", "AAPC's documentation credential for outpatient and physician care.")
        else:
            why = [
                "Clinical documentation for physician and outpatient care: AAPC's CDEO checks that providers' "
                "notes support the codes billed."
            ]
            extra = _subject_why(a, "CDEO")
            _advanced(a, "CDEO", why + ([extra] if extra else []), _core_for(setting), CORE_CODING, "coding")
            if a.known("CDIP"):
                a.alt("CDIP", "AHIMA's documentation integrity credential, aimed at hospitals. "
                      + _unknown_words(a.catalog, a.cred("CDIP")))
    elif goal == "risk_adjustment":
        a.step(
            "CRC",
            "Risk adjustment (HCC coding for Medicare Advantage, ACA and Medicaid plans): AAPC's CRC is the "
            "credential for it, and it can be a first credential.",
            "No apprentice status applies to CRC; AAPC describes it as a difficult exam.",
        )
        a.alt("CPC", "AAPC's core coding credential: a broader start if you are new to coding.")
        a.alt("CPMA", "Risk adjustment auditing is a later step for experienced CRC holders.")
    elif goal == "management":
        why = ["Practice management: AAPC's CPPM covers the business side of a physician practice "
               "(revenue cycle, staff, compliance)."]
        extra = _subject_why(a, "CPPM")
        _advanced(a, "CPPM", why + ([extra] if extra else []), "CPB", CORE_BILLING, "billing or office")
        a.alt("CPCO", "Compliance officer: a related management role.")
    elif goal == "health_data":
        a.step(
            "CHDA",
            "Health data analysis: AHIMA's CHDA is the credential for collecting, analysing and reporting "
            "healthcare data.",
        )
        _degree_alternatives(a)
    elif goal == "scribe":
        a.step(
            "CMSS",
            "Medical scribing: ACMSS's CMSS is a confirmed scribe credential (the MSCAT test).",
        )
        cmsp = a.cred("CMSP") if a.known("CMSP") else None
        level = f" with its own apprentice level ({cmsp.apprentice.designation})" if cmsp and cmsp.apprentice else ""
        a.alt("CMSP", f"AHDPG's scribe credential, the other confirmed one{level}; its issuer's site was not found.")
        a.alt("CPMS", "certcli does not recommend it as a step.")
    spec = match_specialty(a.catalog, p.specialty)
    if spec is not None:
        a.alt(spec.code, f"AAPC's {spec.specialty} credential, for coders; it builds on the CPC or COC.")


def _degree_alternatives(a: _Advisor) -> None:
    p = a.profile
    for code, level in (("RHIA", Education.BACHELOR), ("RHIT", Education.ASSOCIATE)):
        if not a.known(code):
            continue
        cred = a.cred(code)
        degree = next(
            (c for r in cred.eligibility.required for c in r.any_of if c.education is not None and c.program), None
        )
        program = degree.program if degree else f"{EDUCATION_WORDS[level]} program"
        if p.education is not None and EDUCATION_RANK[p.education] >= EDUCATION_RANK[level]:
            reason = (
                f"{cred.name}: needs a {program}; you told us you have {EDUCATION_WORDS[p.education]}, "
                "so it fits if your degree came from such a program."
            )
        elif p.education is None:
            reason = f"{cred.name}: needs a {program}; you did not say your education."
        else:
            reason = (
                f"{cred.name}: needs a {program}; you told us your education is "
                f"{EDUCATION_WORDS[p.education]}, so it fits only if you plan that degree."
            )
        a.alt(code, reason)


# --------------------------------------------------------------------------- budget


def _breakdown(q: fees.Quote) -> str:
    """'$647: exam $425 + membership $222, as of 2026' (with a note when a figure is old)."""
    parts: list[str] = []
    items = [item for item in (q.exam, q.dues) if item is not None and item.amount is not None]
    for item in items:
        parts.append(f"{'exam' if item is q.exam else 'membership'} {_money(item.amount or 0)}")
    years = [item.as_of for item in items if item.as_of]
    text = " + ".join(parts)
    if years:
        text += f", as of {max(years)}"
    if any(item.stale for item in items):
        text += "; some figures are over 18 months old"
    total = _money(q.total) if q.total is not None else "not fully published"
    return f"{total}: {text}" if text else total


CHEAPER_STARTS = {
    Category.CODING: ("CCA", "CBCS"),
    Category.BILLING: ("CBCS",),
    Category.CODING_AND_BILLING: ("CBCS", "CCA"),
}


def _fit_budget(a: _Advisor) -> str | None:
    """Swap in a cheaper start when the budget is below the first step's first-year price."""
    budget = a.profile.budget_usd
    if budget is None or not a.picks:
        return None
    first = a.cred(a.picks[0].code)
    q = a.quote(first)
    if q is None:
        return "certcli could not price the plan, so your budget was not checked against it."
    price = q.total
    if price is None:
        return (
            f"The first-year price of {first.code} is not fully published, so certcli could not check it "
            f"against your budget of {_money(budget)}; check {a.catalog.issuer(first).url}."
        )
    if price <= budget:
        return None
    starts = CHEAPER_STARTS.get(first.category)
    if first.level not in (Level.ENTRY, Level.INTERMEDIATE) or not starts:
        return (
            f"Your budget of {_money(budget)} is below the first-year price of {first.code} for you "
            f"({_breakdown(q)}); no cheaper credential does the same job, so the plan is unchanged."
        )
    options: list[tuple[Credential, int, fees.Quote]] = []
    for code in starts:
        if not a.known(code):
            continue
        cred = a.cred(code)
        cq = a.quote(cred)
        if cred.code == first.code or a.holds(code) or cred.status is not Status.ACTIVE:
            continue
        if cq is not None and cq.total is not None:
            options.append((cred, cq.total, cq))
    fitting = sorted(
        (o for o in options if o[1] <= budget), key=lambda o: (a.blocked(o[0]) is not None, starts.index(o[0].code))
    )
    if not fitting:
        known = ", ".join(f"{c.code} {_money(t)}" for c, t, _ in options)
        return (
            f"Your budget of {_money(budget)} is below the first-year price of {first.code} for you "
            f"({_breakdown(q)})"
            + (f" and of every cheaper start certcli knows ({known})" if known else "")
            + "; the plan is unchanged. Many training programs include the exam fee."
        )
    chosen, total, cq = fitting[0]
    no_membership = cq.membership_required is False
    dropped = a.picks
    why = [
        f"Budget: your budget of {_money(budget)} is below the first-year price of {first.code} for you "
        f"({_money(price)}); {chosen.code} costs you {_money(total)} in the first year"
        + (", with no membership needed." if no_membership else "."),
        f"{chosen.name} covers "
        + ("coding in any setting." if chosen.category is Category.CODING else "billing and coding.")
        + " It is a cheaper start; you can climb later.",
    ]
    a.picks = []
    a.step(chosen.code, *why)
    for pick in dropped:
        cred = a.cred(pick.code)
        if cred.code == chosen.code:
            continue
        later = a.first_year(cred)
        if cred.code == first.code:
            reason = (
                f"The first choice for your goal, but {_money(price)} in the first year for you is above your "
                f"budget of {_money(budget)}; take it when your budget allows."
            )
        else:
            reason = f"A later step after {first.code}" + (
                f" ({_money(later)} in its first year)" if later is not None else ""
            ) + ", once your budget allows."
        a.alts.pop(cred.code, None)
        a.alt(cred.code, reason)
    return (
        f"Your budget of {_money(budget)} is below the first-year price of {first.code} for you "
        f"({_breakdown(q)}), so the plan starts with {chosen.code} instead ({_breakdown(cq)}"
        + ("; no membership needed" if no_membership else "")
        + f"). {first.code} stays an option when your budget allows."
    )


# --------------------------------------------------------------------------- notes


def _orgs_in_order(catalog: Catalog, creds: list[Credential]) -> list[Organization]:
    codes = {c.issuer for c in creds}
    return [org for code, org in catalog.organizations.items() if code in codes]


def _as_of(catalog: Catalog, claim: Claim[Any], today: date | None) -> str:
    """'as of 2022', with the staleness said in words when the figure is over 18 months old."""
    text = f"as of {catalog.as_of(claim)}"
    if today is not None and catalog.is_stale(claim, today):
        text += ", over 18 months old"
    return text


def _salary_note(catalog: Catalog, today: date | None) -> str | None:
    """Average pay by number of credentials, from the newest non-seed AAPC survey that gives both."""
    found: dict[str, Claim[int | str]] = {}
    for claim in catalog.context.salary_survey:
        src = catalog.sources[claim.source]
        label = (claim.label or "").lower()
        if not isinstance(claim.value, int) or src.confidence is Confidence.SEED:
            continue
        for key, start in (("two", "two credentials"), ("three", "three or more")):
            old = found.get(key)
            if label.startswith(start) and (old is None or (src.year or 0) > (catalog.sources[old.source].year or 0)):
                found[key] = claim
    two, three = found.get("two"), found.get("three")
    if two is None or three is None or two.source != three.source:
        return None
    return (
        f"More credentials tend to pay more — AAPC salary survey ({_as_of(catalog, two, today)}): "
        f"{_money(int(two.value))} on average with two credentials, {_money(int(three.value))} with three "
        "or more — but each adds CEUs and, for AAPC, keeps you paying dues (see renewal)."
    )


def _tier_note(catalog: Catalog, orgs: list[Organization], profile: Profile, today: date | None) -> list[str]:
    notes: list[str] = []
    for flag, kind, words, who in (
        (profile.student, TierKind.STUDENT, "student", "As a student"),
        (profile.first_time_member, TierKind.FIRST_TIME, "first-time", "As a first-time member"),
        (profile.age_65_plus, TierKind.SENIOR, "65+", "At 65 or older"),
    ):
        if not flag:
            continue
        parts: list[str] = []
        for org in orgs:
            if not org.membership.tiers:
                continue
            tier = next((t for t in org.membership.tiers if t.kind is kind), None)
            if tier is None:
                parts.append(f"{org.code} publishes no {words} membership rate")
                continue
            claim = catalog.pick(tier.dues)
            price = f" at {_money(claim.value)} a year ({_as_of(catalog, claim, today)})" if claim else ""
            parts.append(f"{org.code} has a {tier.name} membership{price}")
        if parts:
            text = "; ".join(parts)
            notes.append(f"{who}: {text}.")
    return notes


def _notes(a: _Advisor, steps: list[Step], cost: fees.PathCost | None) -> list[str]:
    catalog, p = a.catalog, a.profile
    notes: list[str] = []
    apprentice = next((s for s in steps if s.eligibility.apprentice), None)
    if apprentice is not None and apprentice.credential.apprentice is not None:
        rule = apprentice.credential.apprentice.rule
        notes.append(
            f"A new {apprentice.credential.code} without the experience is a {apprentice.eligibility.apprentice} "
            "(apprentice) until the experience or training in the eligibility lines is documented"
            + (" (experience from before the exam counts)." if "before certification counts" in rule else ".")
        )
    if p.experience_years < EXPERIENCED:
        notes.append("Employers prefer experience as well as a credential: expect your first job to matter as much "
                     "as the exam.")
    remote = next((c for c in catalog.context.notes if "remote" in (c.label or "").lower()), None)
    if remote is not None:
        notes.append(
            f"Remote jobs usually come after some experience on site ({_lower_first(str(remote.value))} "
            f"in AAPC's survey, {_as_of(catalog, remote, a.today)})."
        )
    notes.append("Certification is not legally required for billing or coding jobs; employers prefer it.")
    if len(a.held) + len(steps) >= 2:
        salary = _salary_note(catalog, a.today)
        if salary:
            notes.append(salary)
    orgs = _orgs_in_order(catalog, [s.credential for s in steps])
    notes.extend(_tier_note(catalog, orgs, p, a.today))
    unknown = [s.credential.code for s in steps if s.quote is not None and a.first_year(s.credential) is None]
    if unknown:
        notes.append(
            f"First-year prices not fully published for {', '.join(unknown)}: the totals leave those out."
        )
    if p.budget_usd is not None and steps:
        first = steps[0]
        price = a.first_year(first.credential)
        if price is not None and price <= p.budget_usd:
            code = first.credential.code
            text = f"Your budget of {_money(p.budget_usd)} covers the first year of {code} ({_money(price)})"
            if cost is not None:
                incomplete = " (prices not published are left out)" if cost.incomplete else ""
                text += f"; the whole path over {_dur(p.years)} comes to {_money(cost.total)}{incomplete}"
            notes.append(text + ".")
    if orgs:
        notes.append(
            "Check the issuer's page for the final price before you pay: " + ", ".join(o.url for o in orgs) + "."
        )
    return notes


# --------------------------------------------------------------------------- recommend


def eligibility_now(profile: Profile, catalog: Catalog, cred: Credential) -> EligibilityNow:
    """Where ``profile`` stands today on ``cred``'s conditions (for any credential, not only plan steps)."""
    held = catalog.resolve(list(profile.held))
    return _Advisor(catalog=catalog, profile=profile, goal=profile.goal, today=None, held=held).eligibility(cred)


def recommend(profile: Profile, catalog: Catalog, today: date) -> Plan:
    """The plan for ``profile``: ordered steps with reasons, alternatives, costs, renewal and notes.

    Pure: no I/O and no clock (``today`` dates the prices). Unknown held codes raise
    :class:`~certcli.errors.UnknownCodeError`.
    """
    goal, goal_reason = resolve_goal(profile)
    held = catalog.resolve(list(profile.held))
    a = _Advisor(catalog=catalog, profile=profile, goal=goal, today=today, held=held)
    _plan_goal(a)
    budget_note = _fit_budget(a)

    picks = a.picks[:MAX_STEPS]
    for extra in a.picks[MAX_STEPS:]:
        a.alt(extra.code, "A later step beyond this plan.")
    steps: list[Step] = []
    prior: list[Credential] = []
    for pick in picks:
        cred = a.cred(pick.code)
        unknown = _unknown_words(catalog, cred)
        steps.append(
            Step(
                credential=cred,
                why=tuple(pick.why + ([unknown] if unknown else [])),
                eligibility=a.eligibility(cred),
                quote=a.quote(cred),
                when=pick.when or a.when(cred, prior),
            )
        )
        prior.append(cred)

    step_codes = {s.credential.code for s in steps}
    alternatives = tuple(
        Alternative(credential=a.cred(code), reason=reason)
        for code, reason in a.alts.items()
        if code not in step_codes and code not in a.held_codes
    )

    cost: fees.PathCost | None = None
    if steps:
        try:
            cost = fees.path_cost(
                catalog,
                [s.credential for s in steps],
                years=profile.years,
                buyer=a.buyer(),
                held=held,
                today=today,
            )
        except (AttributeError, NotImplementedError):
            cost = None

    everything = held + [s.credential for s in steps]
    renewal = tuple(ceu_requirement(catalog, org, everything) for org in _orgs_in_order(catalog, everything))
    notes = list(a.notes)
    if not steps:
        notes.append(
            f"You already hold the credentials certcli would suggest for {goal.replace('_', ' ')}; "
            "the alternatives below are the next options."
        )
    notes += _notes(a, steps, cost)

    return Plan(
        profile=profile.model_copy(update={"goal": goal}),
        resolved_goal=goal,
        goal_reason=goal_reason,
        steps=tuple(steps),
        alternatives=alternatives,
        cost=cost,
        renewal=renewal,
        notes=tuple(notes),
        budget_note=budget_note,
    )
