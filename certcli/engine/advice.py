"""Advice: the path a person should take through the alphabet soup, and why.

:func:`recommend` turns a :class:`~certcli.model.Profile` into a :class:`Plan`: an ordered path
of one to three credentials, each with the rules that chose it, where the person stands on its
eligibility today, and the first-year price for them; then the alternatives that ranked lower,
the CEUs it takes to keep everything, and honest notes. Pure and deterministic: the same
profile, catalog and day always give an equal plan.

The rules live by noun: :mod:`~certcli.engine.goals` (which credentials a goal and a setting lead
to, the one place that names codes), :mod:`~certcli.engine.eligibility` (where the person stands
on a credential's conditions), :mod:`~certcli.engine.draft` (the path being built: steps,
alternatives, when each fits, the tie rule) and :mod:`~certcli.engine.budget` (the cheaper
start). This module turns the draft into a :class:`Plan` and writes its notes.

The rules (from how good advisors decide):

- The goal picks the family (coding, billing, auditing…); for coding the work setting picks
  the first credential: physician office → CPC, hospital outpatient → COC, hospital inpatient →
  CCA then CCS (straight to CCS with 2+ years of coding work), payer → CPC then CRC, no setting →
  CPC (by the tie rule), risk adjustment → CRC. Hospital billing → HFMA's CRCR.
- Entry before advanced: an advanced role (auditing, compliance, documentation, management)
  starts with a core credential unless the person holds one or has 2+ years of work. The other
  issuers' credentials those employers ask for (CHC; CCDS, CCDS-O; CMPE) are listed with what
  they need, and become a step when the person can sit them now (then no core credential first).
- A specialty credential comes after a core one (CPC, or COC for outpatient work).
- Degree routes (RHIT with an associate HIM degree, RHIA with a bachelor's or the RHIT) are
  weighed for coding, management and data goals.
- Someone holding what the goal leads to gets a next role (auditing, documentation), never the
  general entry CCA on top of a coding credential.
- Never a credential the person holds (aliases such as CPC-H and CPC-A count), never one whose
  status is retired or unconfirmed (those are listed as alternatives, with their status).
- A budget below the first-year price of an AAPC start swaps in a cheaper start (CCA or CBCS)
  and says so in :attr:`Plan.budget_note`.

Tie rule (when two credentials fit a goal equally well, e.g. CPC and CCA for coding in no
particular setting): certcli prefers

1. the one whose required conditions the person is not known to miss (they can sit it);
2. then the one whose reach matches what the person asked for (their setting and goal): with no
   setting, coding → CPC, whose physician-office reach is the one most asked for;
3. then the issuer listed first in the data (AAPC, AHIMA, NHA, AMBA, …), then the code.

The first-year price never decides a tie; the difference is shown in the same sentence.
The step's ``why`` says which of these decided.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from certcli.catalog import Catalog
from certcli.engine import fees, prep, timeline
from certcli.engine.budget import fit_budget
from certcli.engine.draft import TIE_RULE, Draft, Pick
from certcli.engine.eligibility import Applicant, EligibilityNow, eligibility_now
from certcli.engine.experience import EXPERIENCED, profile_words
from certcli.engine.goals import plan_goal, unknown_facts, unknown_words
from certcli.engine.prep import PrepLine, Retake
from certcli.engine.renewal import CeuRequirement, ceu_requirement
from certcli.engine.specialty import match_specialty
from certcli.engine.timeline import Schedule
from certcli.model import Claim, Confidence, Credential, Holding, Organization, Profile, SalaryClaim, TierKind
from certcli.questions import QUESTION
from certcli.words import duration, lower_first, money

MAX_STEPS = 3
UNCONFIRMED_NOW = "now, if you meet the conditions certcli cannot check (see eligibility)"

CODING_PREFERENCES = ("records", "precision", "independent")
BILLING_PREFERENCES = ("payers", "patients", "finance", "juggling")
PREFERENCE_WORDS = {c.value: c.words for c in QUESTION["preferences"].choices}


# --------------------------------------------------------------------------- the plan


class Step(NamedTuple):
    credential: Credential
    why: tuple[str, ...]  # the rules that fired, in plain words
    eligibility: EligibilityNow
    quote: fees.Quote | None  # first-year price (exam + dues; total None when not all published); None: no exam
    when: str  # "now", "after CPC", "after CCA and 1 year of coding work"…
    renewal_alone: CeuRequirement  # the CEUs to keep this credential on its own
    renewal_stacked: CeuRequirement | None  # its issuer's CEUs for all the person will hold of it (Plan.renewal)
    kind: str = "exam"  # "exam" (a credential to earn) or "apprentice_removal" (the -A of a held CPC-A/COC-A)


class Alternative(NamedTuple):
    credential: Credential
    reason: str  # why it ranked lower


PAY_LABELS = {  # whose average a salary figure is, as the pay table says it
    Holding.NONE: "Non-certified",
    Holding.ANY: "Certified",
    Holding.TWO: "Two credentials",
    Holding.THREE_OR_MORE: "Three or more credentials",
}


class Pay(NamedTuple):
    label: str  # "Two credentials"
    claim: SalaryClaim  # the average a year, with its source

    @property
    def holding(self) -> Holding:
        return self.claim.holding or Holding.ALL


class Plan(NamedTuple):
    profile: Profile  # the answers used, with 'unsure' resolved
    resolved_goal: str
    goal_reason: str | None  # for 'unsure': why coding, billing or both
    steps: tuple[Step, ...]
    alternatives: tuple[Alternative, ...]
    cost: fees.PathCost | None  # the steps over profile.years; None when there are no steps
    renewal: tuple[CeuRequirement, ...]  # per issuer, held and recommended credentials together
    notes: tuple[str, ...]
    budget_note: str | None  # when the budget changed the advice (or could not be checked), how
    pay: tuple[Pay, ...] = ()  # average pay by credentials held, from the salary surveys
    spending: Spending | None = None  # the path's cost split: what it adds vs keeping everything
    summary: tuple[str, ...] = ()  # the answers in words, for the plan's profile line
    schedule: Schedule | None = None  # the dates: study, exams, the -A removed, renewals, dues (issue 13)
    prep: tuple[PrepLine, ...] = ()  # code books and training the exams need besides their fees
    retakes: tuple[Retake, ...] = ()  # what a second attempt would cost, per exam sold with one


class Spending(NamedTuple):
    """The path's cost over the plan's years, split (issue 12): dues already paid are not new spending."""

    new_spending: int  # known amounts the plan adds (exams, new dues, renewal fees)
    all_in: int  # the same plus the dues the person pays anyway to keep what they hold
    complete: bool  # every amount published
    already_paid: tuple[str, ...]  # organizations whose dues the person already pays for a held credential


def _spending(cost: fees.PathCost, prep: tuple[PrepLine, ...] = ()) -> Spending:
    """Dues already paid are not new spending; the required books and training count in both totals
    (a price not published makes them incomplete); optional ones in neither."""
    needed = [line.item for line in prep if line.required]
    extra = sum(i.amount or 0 for i in needed)
    unknown = any(i.amount is None for i in needed)
    new = cost.new_spending if cost.new_spending is not None else cost.total
    return Spending(
        new_spending=new + extra, all_in=cost.total + extra,
        complete=not cost.incomplete and not unknown, already_paid=cost.already_paid,
    )


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


# --------------------------------------------------------------------------- notes


def _priced_as_the_path(catalog: Catalog, draft: Draft, steps: list[Step], dates: Any, cost: fees.PathCost,
                        today: date) -> list[Step]:
    """Each exam's first-year price as the path's total counts it: a member price wherever the
    path pays the issuer's dues in the exam's year (joining AHIMA for two exams), a non-member one
    where it does not, so the step cards and the total never disagree."""
    paid = {(i.organization, i.year) for i in cost.items if i.kind == "dues"}
    out = []
    for step, when in zip(steps, dates, strict=True):
        q = step.quote
        if q is None or step.kind != "exam":
            out.append(step)
            continue
        member = (step.credential.issuer, when.year) in paid
        if member != q.member:
            q = fees.quote(catalog, step.credential, draft.buyer()._replace(member=member), 1, today)
        out.append(step._replace(quote=q))
    return out


def _orgs_in_order(catalog: Catalog, creds: list[Credential]) -> list[Organization]:
    codes = {c.issuer for c in creds}
    return [org for code, org in catalog.organizations.items() if code in codes]


def _as_of(catalog: Catalog, claim: Claim[Any], today: date | None) -> str:
    """'as of 2022', with the staleness said in words when the figure is over 18 months old."""
    text = f"as of {catalog.as_of(claim)}"
    if today is not None and catalog.is_stale(claim, today):
        text += ", over 18 months old"
    return text


def _pay(catalog: Catalog) -> tuple[Pay, ...]:
    """Average pay by credentials held, from the salary surveys (seed-only figures and the averages
    over everyone surveyed left out)."""
    return tuple(
        Pay(PAY_LABELS[claim.holding], claim)
        for claim in catalog.context.salary_survey
        if claim.holding in PAY_LABELS
        and isinstance(claim.value, int)
        and catalog.sources[claim.source].confidence is not Confidence.SEED
    )


def _salary_note(catalog: Catalog, pay: tuple[Pay, ...], today: date | None) -> str | None:
    """Average pay by number of credentials, from the newest survey that gives both (a newer one
    giving only one of them, as the 2025 survey's citation does, is passed over)."""
    by_source: dict[str, dict[Holding, SalaryClaim]] = {}
    for row in pay:
        by_source.setdefault(row.claim.source, {}).setdefault(row.holding, row.claim)
    both = [s for s, rows in by_source.items() if Holding.TWO in rows and Holding.THREE_OR_MORE in rows]
    if not both:
        return None
    newest = max(both, key=lambda s: catalog.sources[s].year or 0)
    two, three = by_source[newest][Holding.TWO], by_source[newest][Holding.THREE_OR_MORE]
    return (
        f"More credentials tend to pay more — AAPC salary survey ({_as_of(catalog, two, today)}): "
        f"{money(int(two.value))} on average with two credentials, {money(int(three.value))} with three "
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
            price = f" at {money(claim.value)} a year ({_as_of(catalog, claim, today)})" if claim else ""
            parts.append(f"{org.code} has a {tier.name} membership{price}")
        if parts:
            text = "; ".join(parts)
            notes.append(f"{who}: {text}.")
    return notes


def _notes(draft: Draft, steps: list[Step], cost: fees.PathCost | None, pay: tuple[Pay, ...]) -> list[str]:
    catalog, p = draft.catalog, draft.profile
    notes: list[str] = []
    apprentice = next((s for s in steps if s.eligibility.apprentice and s.kind == "exam"), None)
    if apprentice is not None and apprentice.credential.apprentice is not None:
        before = apprentice.credential.apprentice.prior_experience_counts
        notes.append(
            f"A new {apprentice.credential.code} without the experience is a {apprentice.eligibility.apprentice} "
            "(apprentice) until the experience or training in the eligibility lines is documented"
            + (" (experience from before the exam counts)." if before else ".")
        )
    if draft.experience < EXPERIENCED:
        notes.append("Employers prefer experience as well as a credential: expect your first job to matter as much "
                     "as the exam.")
    remote = next((c for c in catalog.context.notes if "remote" in (c.label or "").lower()), None)
    if getattr(p, "remote", False) and draft.person.coding_years < EXPERIENCED:
        notes.append(
            "You want remote work: remote entry-level coding jobs are rare; employers usually want on-site "
            "experience (and the -A removed, for AAPC credentials) before they let a coder work from home."
        )
    if remote is not None:
        notes.append(
            f"Remote jobs usually come after some experience on site ({lower_first(str(remote.value))} "
            f"in AAPC's survey, {_as_of(catalog, remote, draft.today)})."
        )
    notes.append("Certification is not legally required for billing or coding jobs; employers prefer it.")
    if len(draft.held) + len(steps) >= 2:
        salary = _salary_note(catalog, pay, draft.today)
        if salary:
            notes.append(salary)
    orgs = _orgs_in_order(catalog, [s.credential for s in steps])
    notes.extend(_tier_note(catalog, orgs, p, draft.today))
    unknown = [s.credential.code for s in steps if s.quote is not None and s.quote.total is None]
    if unknown:
        notes.append(
            f"First-year prices not fully published for {', '.join(unknown)}: the totals leave those out."
        )
    exams = [s for s in steps if s.kind == "exam"]
    if p.budget_usd is not None and exams:
        first = exams[0]
        price = draft.first_year(first.credential)
        if price is not None and price <= p.budget_usd and first.eligibility.can_sit_now:
            code = first.credential.code
            text = f"Your budget of {money(p.budget_usd)} covers the first year of {code} ({money(price)})"
            if cost is not None:
                incomplete = " (prices not published are left out)" if cost.incomplete else ""
                text += f"; the whole path over {duration(p.years)} comes to {money(cost.total)}{incomplete}"
            notes.append(text + ".")
    if orgs:
        notes.append(
            "Check the issuer's page for the final price before you pay: " + ", ".join(o.url for o in orgs) + "."
        )
    return notes


# --------------------------------------------------------------------------- recommend


def _removal_first(draft: Draft) -> None:
    """A held CPC-A or COC-A: removing the A is the first step, before any new exam."""
    for cred in reversed(draft.person.apprentices):
        app = cred.apprentice
        status = draft.person.apprentice_status(cred)
        if app is None or status is None:
            continue
        why = [
            f"You hold {app.designation}: you passed the {cred.code}, and removing the A is one step from done; it "
            "needs documentation, not a new exam.",
        ]
        if app.prior_experience_counts:
            why.append("Experience from before the exam counts toward it.")
        when = "now" if status.removed_now is True else "once you meet one of the routes (eligibility)"
        draft.picks.insert(0, Pick(cred.code, why, when, kind="apprentice_removal"))


def recommend(profile: Profile, catalog: Catalog, today: date) -> Plan:
    """The plan for ``profile``: ordered steps with reasons, alternatives, costs, renewal and notes.

    Pure: no I/O and no clock (``today`` dates the prices). Unknown held codes raise
    :class:`~certcli.errors.UnknownCodeError`.
    """
    goal, goal_reason = resolve_goal(profile)
    held = tuple(catalog.resolve(list(profile.held)))
    draft = Draft(person=Applicant(catalog=catalog, profile=profile, held=held), goal=goal, today=today)
    plan_goal(draft)
    budget_note = fit_budget(draft)
    _removal_first(draft)

    for extra in draft.picks[MAX_STEPS:]:
        draft.alt(extra.code, "A later step beyond this plan.")
    picks = draft.picks[:MAX_STEPS]
    creds = [draft.cred(pick.code) for pick in picks]
    everything = list({c.code: c for c in [*held, *creds]}.values())  # CPC-A held + removing the A: one CPC
    renewal = tuple(ceu_requirement(catalog, org, everything) for org in _orgs_in_order(catalog, everything))
    by_issuer = {req.organization.code: req for req in renewal}
    steps: list[Step] = []
    for i, (pick, cred) in enumerate(zip(picks, creds, strict=True)):
        removal = pick.kind == "apprentice_removal"
        unknown = "" if removal else unknown_words(draft, cred)
        eligibility = draft.person.removal(cred) if removal else draft.person.eligibility(cred)
        when = pick.when or draft.when(cred, [c for c in creds[:i] if c.code not in draft.held_codes])
        if when == "now" and not eligibility.can_sit_now:
            when = UNCONFIRMED_NOW  # 'now' only when the person can sit it now
        steps.append(
            Step(
                credential=cred,
                why=tuple(pick.why + ([unknown] if unknown else [])),
                eligibility=eligibility,
                quote=None if removal else draft.quote(cred),
                when=when,
                renewal_alone=ceu_requirement(catalog, catalog.issuer(cred), [cred]),
                renewal_stacked=by_issuer.get(cred.issuer),
                kind=pick.kind,
            )
        )

    step_codes = {s.credential.code for s in steps}
    alternatives = tuple(
        Alternative(credential=draft.cred(code), reason=reason)
        for code, reason in draft.alts.items()
        if code not in step_codes and code not in draft.held_codes
    )

    start = profile.start or today
    pace = profile.study_hours_per_week
    waits = []
    for i, step in enumerate(steps):
        ahead = {s.credential.code for s in steps[:i]} - draft.held_codes
        found = draft.experience_wait(step.credential, ahead) if step.kind == "exam" else None
        waits.append(found[0] if found else 0.0)
    dates = timeline.step_dates(catalog, draft.person, steps, waits, start, pace, profile.years)
    cost: fees.PathCost | None = None  # nothing to price: no step
    exams = [s.credential for s in steps if s.kind == "exam"]
    if exams:
        cost = fees.path_cost(catalog, exams, years=profile.years, buyer=draft.buyer(), held=held, today=today,
                              exam_years={d.code: d.year for d in dates if d.kind == "exam"})
    if cost is not None:
        steps = _priced_as_the_path(catalog, draft, steps, dates, cost, today)
    lines = tuple(line for s, d in zip(steps, dates, strict=True) if s.kind == "exam"
                  for line in prep.prep_lines(catalog, draft.person, s.credential, d.year, today))
    retakes = tuple(r for s in steps if s.kind == "exam" and (r := prep.retake(catalog, s.credential, s.quote)))
    dated = timeline.schedule(catalog, draft.person, steps, dates, cost.items if cost else (), lines, start,
                              profile.years, pace)

    notes = list(draft.notes)
    if not steps:
        notes.append(
            f"You already hold the credentials certcli would suggest for {goal.replace('_', ' ')}"
            + ("; the alternatives below are the next options." if alternatives else ".")
        )
    pay = _pay(catalog)
    notes += _notes(draft, steps, cost, pay)

    return Plan(
        spending=_spending(cost, lines) if cost is not None else None,
        profile=profile.model_copy(update={"goal": goal, "start": start}),
        schedule=dated,
        prep=lines,
        retakes=retakes,
        resolved_goal=goal,
        goal_reason=goal_reason,
        steps=tuple(steps),
        alternatives=alternatives,
        cost=cost,
        renewal=renewal,
        notes=tuple(notes),
        budget_note=budget_note,
        pay=pay,
        summary=profile_words(profile),
    )


__all__ = [
    "TIE_RULE",
    "UNCONFIRMED_NOW",
    "Alternative",
    "EligibilityNow",
    "Plan",
    "Spending",
    "Step",
    "eligibility_now",
    "match_specialty",
    "recommend",
    "resolve_goal",
    "unknown_facts",
]
