"""Preparing for one exam (data/prep.yaml): how long the study takes at the person's pace, the code
books and training it needs besides its fee, and what a retake would cost.

An issuer's entry holds the defaults for its exams (AHIMA's 120-day window, AAPC's book-year
rule); a credential's entry overrides them field by field. Pure: no I/O, no clock.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, NamedTuple

from certcli.catalog import Catalog
from certcli.engine.eligibility import Applicant
from certcli.engine.fees import Quote
from certcli.engine.price import LineItem, priced
from certcli.model import Audience, Credential, FeeKind, Level, Preparation
from certcli.words import hours, money, plural

# No course length published: the study is dated from this many hours, labelled an estimate (the
# length of AAPC's CPC course, the one published figure for a core coding exam).
ESTIMATE_HOURS = 80
GENERIC_STUDY = "exam preparation"  # what the study is, where the data names no course or program


def preparation(catalog: Catalog, cred: Credential) -> Preparation:
    """The credential's entry over its issuer's (an empty entry when neither exists)."""
    base = catalog.preparation.get(cred.issuer)
    own = catalog.preparation.get(cred.code)
    # Built from entries the catalog has validated already: copied, not validated again (validating
    # builds the model's validator on first use, ~40 ms of a plan's start-up).
    if base is None and own is None:
        return Preparation.model_construct(code=cred.code)
    if base is None or own is None:
        found = own or base
        assert found is not None
        return found.model_copy(update={"code": cred.code})
    merged: dict[str, Any] = {}
    for name in type(own).model_fields:  # what the credential's entry gives, over the issuer's
        merged[name] = getattr(own if name in own.model_fields_set else base, name)
    merged["code"] = cred.code
    return own.model_copy(update=merged)


class StudyTime(NamedTuple):
    """How long preparing for one exam takes for this person."""

    what: str  # "AAPC's 80-hour CPC course"
    days: int  # 0: nothing left to study
    estimate: bool  # the length rests on an assumption (the pace, full-time study, no published length)
    text: str  # "80 hours at 10 hours a week: 8 weeks"
    sources: tuple[str, ...]
    hours: int | None = None  # a course's published hours (it may count toward removing a CPC-A)


def study_time(catalog: Catalog, person: Applicant, cred: Credential, pace: float) -> StudyTime:
    """The study before ``cred``'s exam: a course's hours at ``pace`` hours a week, a degree's months,
    or a labelled estimate; nothing when the person has done it already.

    The person's ``training_hours`` (hours of coding or billing courses done) count only toward the
    course of an entry exam: an entry-level credential's, or one with an apprentice status whose
    removal such a course serves (CPC, COC, CCA). They are the general coding or billing training
    those courses are; a specialty or advanced course (CRC's 40 hours) still needs all its hours.
    """
    prep = preparation(catalog, cred)
    study = prep.study
    if study is not None and any(person.check(crit) is True for crit in study.done_by):
        return StudyTime(study.what, 0, False, f"done: you have {study.done_by[0].text}", ())
    if study is not None and study.months:
        claim = catalog.pick(study.months)
        assert claim is not None
        months = int(claim.value)
        days = round(months * 365.25 / 12)
        return StudyTime(study.what, days, True, f"about {plural(months, 'month')} full time", (claim.source,))
    claim = catalog.pick(study.hours) if study is not None and study.hours else None
    total = int(claim.value) if claim is not None else ESTIMATE_HOURS
    entry = cred.level is Level.ENTRY or cred.apprentice is not None
    done = person.profile.training_hours if entry else 0
    left = max(0.0, total - done) if claim is not None else float(total)
    weeks = math.ceil(left / pace) if left else 0
    pace_words = f"{hours(pace)} a week"
    if claim is None:
        what = study.what if study is not None else GENERIC_STUDY
        unsaid = "" if "no length" in what else "no course length is published: "  # said once, not twice
        text = f"{unsaid}certcli assumes {hours(total)} (an estimate), {plural(weeks, 'week')} at {pace_words}"
        return StudyTime(what, weeks * 7, True, text, ())
    assert study is not None
    if left < total:
        text = f"{hours(left)} left of {hours(total)}: {plural(weeks, 'week')} at {pace_words}"
    else:
        text = f"{plural(weeks, 'week')} at {pace_words}"
    return StudyTime(study.what, weeks * 7, True, text, (claim.source,), total)


class PrepLine(NamedTuple):
    """A code book or a course an exam needs besides its fee."""

    item: LineItem  # kind "books" or "training"; amount None = price not published
    required: bool  # counted in the totals (a price not published makes them incomplete)
    needed_source: str  # the source saying it is needed (or usual)
    name: str = ""  # the book or course, as the data names it


def prep_lines(catalog: Catalog, person: Applicant, cred: Credential, year: int, today: date) -> list[PrepLine]:
    """The books and training ``cred``'s exam needs, bought in plan year ``year`` (waived ones left out)."""
    lines: list[PrepLine] = []
    org = catalog.issuer(cred)
    for spec in preparation(catalog, cred).items:
        if any(person.check(crit) is True for crit in spec.waived_by):
            continue
        what = f"{cred.code} {'book' if spec.kind == 'books' else 'training'}: {spec.name}"
        notes = [spec.note] if spec.note else []
        if spec.amount:
            item = priced(catalog, spec.amount, today, year=year, what=what, kind=spec.kind, code=cred.code,
                          organization=org.code, notes=notes)
        else:
            src = catalog.sources[spec.source]
            item = LineItem(year, what, spec.kind, None, spec.source, src.year, False, False,
                            "; ".join(["price not published", *notes]), cred.code, org.code)
        lines.append(PrepLine(item, spec.required, spec.source, spec.name))
    return lines


class Retake(NamedTuple):
    """What a second attempt would cost, where the exam comes with one."""

    code: str
    amount: int | None  # what the retake adds (None: not published)
    text: str
    wait_days: int | None
    sources: tuple[str, ...]


def _package(cred: Credential, member: bool, attempts: int) -> Any:
    audiences = (Audience.MEMBER, Audience.ANY) if member else (Audience.NON_MEMBER, Audience.ANY)
    for fee in cred.fees:
        if fee.kind is FeeKind.EXAM and fee.attempts == attempts and fee.audience in audiences:
            return fee.amount
    return None


def retest_wait(catalog: Catalog, cred: Credential) -> tuple[int | None, str | None]:
    """Days to wait before a retest (the exam's own fact first, then data/prep.yaml), with its source."""
    claim = catalog.pick(cred.exam.retest_wait_days) or catalog.pick(preparation(catalog, cred).retest_wait_days)
    return (int(claim.value), claim.source) if claim is not None else (None, None)


def retake(catalog: Catalog, cred: Credential, quote: Quote | None) -> Retake | None:
    """'If you need a retake': AAPC's 2-attempt package, AHIMA's full fee again after the wait."""
    if quote is None or quote.attempts != 1:
        return None
    prep = preparation(catalog, cred)
    wait, wait_source = retest_wait(catalog, cred)
    after = f" after a {wait}-day wait" if wait else ""
    sources = [s for s in (wait_source,) if s]
    rule = catalog.pick(prep.retake_rule)
    if rule is not None:
        sources.append(rule.source)
    if prep.retake == "package":
        one = catalog.pick(_package(cred, quote.member, 1))
        two = catalog.pick(_package(cred, quote.member, 2))
        if one is not None and two is not None and two.value >= one.value:
            sources += [one.source, two.source]
            extra = two.value - one.value
            return Retake(cred.code, extra, (
                f"the 2-attempt package, {money(extra)} more ({money(two.value)}){after}"), wait,
                tuple(dict.fromkeys(sources)))
        return Retake(cred.code, None, f"a 2-attempt package is sold; its price is not published{after}", wait,
                      tuple(dict.fromkeys(sources)))
    if prep.retake == "fee_again" and quote.exam is not None:
        amount = quote.exam.amount
        if quote.exam.source:
            sources.append(quote.exam.source)
        said = money(amount) if amount is not None else "not published"
        return Retake(cred.code, amount, f"a new application and the full fee again ({said}){after}", wait,
                      tuple(dict.fromkeys(sources)))
    text = f"a retake is possible{after}; its price is not published" if after else "the retake price is not published"
    return Retake(cred.code, None, text, wait, tuple(dict.fromkeys(sources)))


__all__ = ["ESTIMATE_HOURS", "GENERIC_STUDY", "PrepLine", "Retake", "StudyTime", "prep_lines", "preparation", "retake",
           "retest_wait", "study_time"]
