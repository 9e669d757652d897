"""The plan's dates: study from–to, the exam (and AHIMA's window), the apprentice's removal, and
the renewal and dues dates over the horizon, as milestones sorted by date.

Pure: the start day is given (the ``start`` answer, else today). Dates count in calendar months
and years without dateutil: a day that a month lacks falls on its last day (Jan 31 + 1 month =
Feb 28 or 29; Feb 29 + 1 year = Feb 28). A milestone is an ``estimate`` where its date rests on an
assumption (a study pace, full-time study, a study length certcli had to assume), and not where it
follows from a rule and a date given.

The rules:

- Steps follow each other: a step's study starts the day after the previous exam, or, when it
  waits on years of coding work (CCS after CCA), that much later. Study lasts the course's hours
  at the person's pace (whole weeks), a degree's months, or a labelled estimate
  (:mod:`certcli.engine.prep`); the exam is sat when the study ends.
- AHIMA: apply when the study ends; the exam must be taken within the window (120 days) of the
  approval, so "sit it by" is the application day plus the window (approval comes a few days
  later, so the real end is no earlier).
- Code books: the year that exam day takes (AAPC: the exam year's books from Jan 15, else the
  previous year's; AHIMA: from May 1), from the issuer's ``books_from`` in data/prep.yaml.
- The apprentice (CPC-A, COC-A): each removal route is dated — two years of coding work, one
  year plus the 80-hour course, the course plus Practicode — and the earliest route open to the
  person is theirs: the course counts when they have done it or the plan's study is that course;
  Practicode only when they said they have done it. Coding work counts from the start for
  someone already working, else from the exam (the first coding job after passing).
- Renewal: every cycle from the exam (AAPC: from joining, its membership due date); dues every
  year from joining. An issuer of a credential already held keeps the person's own dates
  (``certcli renew`` dates them), so none are guessed here.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from certcli.catalog import Catalog, normalize
from certcli.engine.eligibility import Applicant
from certcli.engine.experience import practicode_of
from certcli.engine.prep import GENERIC_STUDY, PrepLine, StudyTime, preparation, study_time
from certcli.engine.price import LineItem
from certcli.engine.renewal import add_years, ceu_requirement
from certcli.model import Claim, Credential, Criterion
from certcli.words import an, hours, join_and, money

if TYPE_CHECKING:
    from certcli.engine.advice import Step

KINDS = ("study", "exam", "exam_deadline", "apprentice_removed", "dues_due", "renewal_due")


# --------------------------------------------------------------------------- calendar arithmetic


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier); a day the month lacks falls on its last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_year(start: date, day: date, horizon: int) -> int:
    """The year of the plan ``day`` falls in (1: the first twelve months), at most ``horizon``."""
    year = 1
    while year < horizon and add_years(start, year) <= day:
        year += 1
    return year


# --------------------------------------------------------------------------- records


class Milestone(NamedTuple):
    day: date
    kind: str  # study, exam, exam_deadline, apprentice_removed, dues_due, renewal_due
    code: str  # the credential (or, for dues, the organization)
    text: str
    estimate: bool  # rests on an assumption (the study pace); False: follows from a rule and a date
    until: date | None = None  # study: the last day


class Removal(NamedTuple):
    """When an apprentice designation comes off, by the route the person is on."""

    designation: str  # "CPC-A"
    route: str  # the route's words
    day: date
    estimate: bool
    text: str  # "CPC-A removed: 1 year of coding work plus the 80-hour course"
    faster: str | None = None  # a quicker route open with something more (Practicode)


class StepDates(NamedTuple):
    code: str
    kind: str  # "exam" or "apprentice_removal"
    study: StudyTime | None
    study_from: date | None
    study_to: date | None
    exam: date | None  # the day to sit (the study's end)
    exam_by: date | None  # the last day of an exam window (AHIMA: application + 120 days)
    window_days: int | None
    book_year: int | None  # the code books' year for that exam day
    removal: Removal | None
    estimate: bool  # the exam date rests on an assumption
    year: int  # the plan year of the exam (or of the removal)
    from_estimate: bool = False  # the study starts after an exam whose date rests on an assumption
    window: Claim[Any] | None = None  # the exam window's claim (its source)
    extension: Claim[Any] | None = None  # how the window is extended, and what it costs
    book_rule: Claim[Any] | None = None  # which year's code books the exam takes
    previous_year_books: bool = False  # the previous year's books are allowed too


class Schedule(NamedTuple):
    start: date
    end: date  # the horizon: start + the plan's years
    pace: float  # study hours a week
    steps: tuple[StepDates, ...]
    milestones: tuple[Milestone, ...] = ()
    next_steps: tuple[str, ...] = ()  # this week's checklist
    caution: str | None = None  # the one caution that matters most for this person
    notes: tuple[str, ...] = ()  # dates certcli leaves to 'certcli renew'


# --------------------------------------------------------------------------- the steps


def _book_year(catalog: Catalog, cred: Credential, exam: date) -> int | None:
    start = preparation(catalog, cred).books_from
    if start is None:
        return None
    month, day = (int(x) for x in start.split("-"))
    return exam.year if (exam.month, exam.day) >= (month, day) else exam.year - 1


def removal(person: Applicant, cred: Credential, *, start: date, passed: date, estimate: bool,
            course: tuple[date, int] | None, pace: float) -> Removal | None:
    """The day ``cred``'s apprentice designation comes off by the earliest route open to the person.

    ``course``: (last day, hours) of the course the plan's study is, if it is one."""
    app = cred.apprentice
    if app is None:
        return None
    profile = person.profile
    coding = person.coding_years
    work_from = start if coding > 0 else passed
    practicode = practicode_of(profile)
    best: tuple[date, bool, Criterion] | None = None
    faster: tuple[date, list[str]] | None = None
    for crit in app.removal:
        days = [passed]
        est = estimate
        need = max(0.0, (crit.experience_years or 0) - coding)
        if need:
            days.append(add_months(work_from, round(need * 12)))
        missing: list[str] = []  # what the route needs that the person has not done or planned
        need_hours = crit.training_hours
        if need_hours and profile.training_hours < need_hours:
            if course is not None and course[1] >= need_hours:
                days.append(course[0])  # the plan's study is that course
            else:
                weeks = math.ceil((need_hours - profile.training_hours) / pace)
                days.append(start + timedelta(weeks=weeks))
                est = True
                missing.append(f"{an(need_hours)} {need_hours}-hour course")
        if crit.practicode and practicode is not True:
            missing.append("AAPC Practicode")
        day = max(days)
        if not missing and (best is None or day < best[0]):
            best = (day, est, crit)
        elif missing and (faster is None or day < faster[0]):
            faster = (day, missing)
    if best is None:
        return None
    day, est, crit = best
    route = crit.text.strip().rstrip(".")
    text = f"{app.designation} removed, on proof: {route[:1].lower()}{route[1:]}"
    quicker = None
    if faster is not None and faster[0] < day:
        quicker = f"sooner (~{faster[0].isoformat()}) with {join_and(faster[1])}"
    return Removal(app.designation, route, day, est, text, quicker)


def step_dates(catalog: Catalog, person: Applicant, steps: Sequence[Step], waits: Sequence[float],
               start: date, pace: float, horizon: int) -> tuple[StepDates, ...]:
    """Dates for every step, one after another from ``start``."""
    out: list[StepDates] = []
    cursor = start
    paced = False  # an earlier exam's date rests on an assumption
    for step, wait in zip(steps, waits, strict=True):
        cred = step.credential
        if step.kind == "apprentice_removal":
            rem = removal(person, cred, start=start, passed=start, estimate=False, course=None, pace=pace)
            day = rem.day if rem is not None else start
            out.append(StepDates(cred.code, step.kind, None, None, None, None, None, None, None, rem,
                                 rem.estimate if rem else False, plan_year(start, day, horizon)))
            continue
        begin = add_months(cursor, round(wait * 12)) if wait else cursor
        study = study_time(catalog, person, cred, pace)
        study_to = begin + timedelta(days=study.days)
        exam = study_to
        prep = preparation(catalog, cred)
        window = catalog.pick(prep.window_days)
        exam_by = exam + timedelta(days=int(window.value)) if window is not None else None
        course = (study_to, study.hours) if study.days and study.hours else None
        rem = None
        if step.eligibility.apprentice:
            rem = removal(person, cred, start=start, passed=exam, estimate=study.estimate, course=course, pace=pace)
        out.append(StepDates(
            code=cred.code, kind=step.kind, study=study,
            study_from=begin if study.days else None, study_to=study_to if study.days else None,
            exam=exam, exam_by=exam_by, window_days=int(window.value) if window is not None else None,
            book_year=_book_year(catalog, cred, exam), removal=rem,
            estimate=(study.estimate and study.days > 0) or paced, year=plan_year(start, exam, horizon),
            from_estimate=paced, window=window, extension=catalog.pick(prep.extension),
            book_rule=catalog.pick(prep.book_year), previous_year_books=prep.previous_year_books,
        ))
        paced = out[-1].estimate
        cursor = exam + timedelta(days=1)
    return tuple(out)


# --------------------------------------------------------------------------- milestones


def _step_milestones(dates: Sequence[StepDates], pace: float) -> list[Milestone]:
    out: list[Milestone] = []
    for d in dates:
        if d.study is not None and d.study_from is not None and d.study_to is not None:
            what = "" if d.study.what == GENERIC_STUDY else f": {d.study.what}"
            out.append(Milestone(d.study_from, "study", d.code, f"Study for the {d.code}{what}", d.estimate,
                                 d.study_to))
        if d.exam is not None:
            if d.exam_by is not None:
                text = (f"Apply for the {d.code} (AHIMA) and sit it within {d.window_days} days of approval, "
                        f"by {d.exam_by.isoformat()}")
            else:
                text = f"Sit the {d.code} exam"
            out.append(Milestone(d.exam, "exam", d.code, text, d.estimate))
            if d.exam_by is not None:
                out.append(Milestone(d.exam_by, "exam_deadline", d.code,
                                     f"Last day of the {d.code} eligibility window ({d.window_days} days from "
                                     "approval; extensions cost extra)", d.estimate))
        if d.removal is not None:
            out.append(Milestone(d.removal.day, "apprentice_removed", d.code, d.removal.text, d.removal.estimate))
    return out


def keeping_milestones(
    catalog: Catalog, person: Applicant, dates: Sequence[StepDates], cost_items: Sequence[LineItem],
    start: date, end: date,
) -> tuple[list[Milestone], list[str]]:
    """Renewal (CEUs) and dues dates over the horizon for what the plan earns, and the notes on
    dates left to 'certcli renew' (issuers of credentials already held)."""
    out: list[Milestone] = []
    notes: list[str] = []
    earned = {d.code: d for d in dates if d.kind == "exam" and d.exam is not None}
    held_orgs = {c.issuer for c in person.held}
    member_of = {normalize(m) for m in person.profile.member_of} | {normalize(m) for m in person.dues_paid_to}
    by_org: dict[str, list[StepDates]] = {}
    for d in earned.values():
        by_org.setdefault(catalog.credentials[d.code].issuer, []).append(d)
    for code, steps in by_org.items():
        org = catalog.organizations[code]
        first = min(steps, key=lambda d: d.exam or end)
        joined = first.study_from or first.exam or start
        joined_estimate = joined != start and any(d.estimate for d in dates)  # later than the day given
        if code in held_orgs or normalize(code) in member_of:
            notes.append(f"{code}: your renewal and dues dates run on your own {code} cycle; "
                         "'certcli renew CODE@DATE' dates them.")
            continue
        dues = [i for i in cost_items if i.kind == "dues" and i.organization == code]
        for item in dues:
            day = add_years(joined, item.year - 1)
            if day > end:
                continue
            label = f", {item.unverified}" if item.unverified else ""  # no brackets inside brackets
            price = f" ({money(item.amount)}{label})" if item.amount is not None else " (dues not published)"
            verb = "Join" if item.year == 1 else "Renew membership of"
            out.append(Milestone(day, "dues_due", code, f"{verb} {code}{price}", joined_estimate))
        creds = [catalog.credentials[d.code] for d in steps]
        cycle = ceu_requirement(catalog, org, creds).cycle_years
        if not cycle:
            continue
        anchor, estimate = (joined, joined_estimate) if code == "AAPC" else (first.exam or start, first.estimate)
        k = 1
        while (day := add_years(anchor, k * cycle)) <= end:
            now = [c for c, d in zip(creds, steps, strict=True) if d.exam is not None and d.exam <= day]
            req = ceu_requirement(catalog, org, now or creds)
            ceus = f"{req.ceus} {code} CEUs" if req.ceus is not None else f"{code} CEUs (number not published)"
            text = f"{ceus} due for {join_and([c.code for c in req.credentials] or [c.code for c in now])}"
            if code == "AAPC" and k == 1:
                text += " (the first cycle is pro-rated)"
            out.append(Milestone(day, "renewal_due", code, text, estimate))
            k += 1
    return out, notes


def sort_milestones(items: Sequence[Milestone]) -> tuple[Milestone, ...]:
    return tuple(sorted(items, key=lambda m: (m.day, KINDS.index(m.kind), m.code)))


def schedule(catalog: Catalog, person: Applicant, steps: Sequence[Step], dates: Sequence[StepDates],
             cost_items: Sequence[LineItem], lines: Sequence[PrepLine], start: date, horizon: int,
             pace: float) -> Schedule:
    """Every milestone (the steps' own, then renewal and dues within the horizon), sorted, with this
    week's checklist and the one caution."""
    end = add_years(start, horizon)
    keeping, notes = keeping_milestones(catalog, person, dates, cost_items, start, end)
    books = [(line.item.code or "", line.name, line.required) for line in lines if line.item.kind == "books"]
    return Schedule(
        start=start, end=end, pace=pace, steps=tuple(dates),
        milestones=sort_milestones(_step_milestones(dates, pace) + keeping),
        next_steps=next_steps(catalog, person, steps, dates, cost_items, books, pace, start),
        caution=caution(steps, dates), notes=tuple(notes),
    )


# --------------------------------------------------------------------------- the first screen


def _short(name: str) -> str:
    return name.split(" (", 1)[0]


def next_steps(catalog: Catalog, person: Applicant, steps: Sequence[Step], dates: Sequence[StepDates],
               cost_items: Sequence[LineItem], books: Sequence[tuple[str, str, bool]], pace: float,
               start: date) -> tuple[str, ...]:
    """This week's checklist: join, buy the books, study, book the exam (at most six lines).

    ``books``: (credential code, book name, required) for the first exam's code books."""
    out: list[str] = []
    member_of = {normalize(m) for m in person.profile.member_of} | {normalize(m) for m in person.dues_paid_to}
    exams = [(s, d) for s, d in zip(steps, dates, strict=True) if s.kind == "exam"]
    for step, d in zip(steps, dates, strict=True):
        if step.kind == "apprentice_removal" and d.removal is not None:
            route = d.removal.route[:1].lower() + d.removal.route[1:]
            when = "now" if d.removal.day <= start else f"from {'~' if d.removal.estimate else ''}" \
                f"{d.removal.day.isoformat()}"
            out.append(f"Remove the A: send AAPC proof of {route} ({when})")
            if d.removal.faster:
                out.append(f"Or go {d.removal.faster}")
    if exams:
        step, d = exams[0]
        cred = step.credential
        org = catalog.issuer(cred)
        dues = next((i for i in cost_items if i.kind == "dues" and i.organization == org.code and i.year == 1),
                    None)
        members_only = catalog.members_only(org)
        if normalize(org.code) not in member_of and (members_only or dues is not None):
            price = f"{money(dues.amount)} a year" + (f", {dues.unverified}" if dues.unverified else "") \
                if dues is not None and dues.amount is not None else "dues not published"  # no nested brackets
            why = "its exams are sold to members only" if members_only else "the plan's total counts member prices"
            out.append(f"Join {org.code} ({price}): {why}")
        if d.study is not None and d.study_from is not None and d.study_to is not None:
            out.append(f"Study: {d.study.what}, {d.study_from.isoformat()} to {d.study_to.isoformat()} "
                       f"({hours(pace)} a week)")
        required = [name for code, name, req in books if code == cred.code and req]
        if required and d.book_year is not None:
            ebooks = " (AAPC's online exam gives free eBooks)" if org.code == "AAPC" else ""
            names = [_short(n).removeprefix("Current-year ") for n in required]  # '2026 code books'
            out.append(f"Buy the {d.book_year} {join_and(names)}{ebooks}")
        elif required:
            out.append(f"Buy the code books: {join_and([_short(n) for n in required])}")
        if d.exam_by is not None and d.exam is not None:
            out.append(f"Apply to {org.code} around {d.exam.isoformat()}; sit the {cred.code} by "
                       f"{d.exam_by.isoformat()} ({d.window_days} days from approval)")
        elif d.exam is not None:
            out.append(f"Book the {cred.code} exam for about {d.exam.isoformat()}")
    return tuple(out[:6])


def caution(steps: Sequence[Step], dates: Sequence[StepDates]) -> str:
    """The one caution that matters most for this person."""
    for step in steps:
        if step.kind == "exam" and not step.eligibility.can_sit_now and step.when.startswith("once you meet"):
            need = step.when.removeprefix("once you meet the requirement: ")
            if need != step.when:  # one sentence: what it requires
                return f"You cannot sit the {step.credential.code} yet: it requires {need}."
            return f"You cannot sit the {step.credential.code} yet: {step.when}."
    for step, d in zip(steps, dates, strict=True):
        if d.removal is not None and step.kind == "exam":
            return (f"A new {step.credential.code} without the experience is a {d.removal.designation} (apprentice) "
                    f"until {d.removal.day.isoformat()} by this plan; employers prefer experience, so your first "
                    "coding job matters as much as the exam.")
        if d.removal is not None:
            return (f"Until AAPC removes the A ({d.removal.day.isoformat()} by this plan), employers see "
                    f"{d.removal.designation}: send the proof as soon as a route is met.")
    for d in dates:
        if d.exam_by is not None:
            return (f"Apply to AHIMA only when you are ready: the {d.code} must be taken within {d.window_days} days "
                    "of approval, or you apply and pay again.")
    return "Certification is not legally required for coding or billing work; employers prefer it."


__all__ = [
    "KINDS",
    "Milestone",
    "Removal",
    "Schedule",
    "StepDates",
    "add_months",
    "caution",
    "keeping_milestones",
    "next_steps",
    "plan_year",
    "removal",
    "schedule",
    "sort_milestones",
    "step_dates",
]

