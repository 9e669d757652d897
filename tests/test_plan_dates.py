"""The plan's dates (engine/timeline.py, issue 13): calendar arithmetic across month ends and leap
days, the study pace, AHIMA's window, each apprentice route, renewal and dues dates over the
horizon. Engine tests build a Profile directly; the real catalog gives the rules."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from certcli.catalog import Catalog
from certcli.engine.advice import Plan, recommend
from certcli.engine.eligibility import Applicant
from certcli.engine.renewal import add_years
from certcli.engine.timeline import KINDS, add_months, plan_year, removal
from certcli.model import Profile

START = date(2026, 11, 23)


def plan_for(catalog: Catalog, **answers: Any) -> Plan:
    answers.setdefault("start", START)
    return recommend(Profile(**answers), catalog, START)


def milestones(plan: Plan, kind: str, code: str | None = None) -> list[Any]:
    assert plan.schedule is not None
    return [m for m in plan.schedule.milestones if m.kind == kind and (code is None or m.code == code)]


# --------------------------------------------------------------------------- calendar arithmetic


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2027, 1, 31), 1, date(2027, 2, 28)),  # a day the month lacks: its last day
    (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year's February
    (date(2026, 8, 31), 1, date(2026, 9, 30)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),  # across the year end
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2028, 2, 29), 12, date(2029, 2, 28)),
    (date(2027, 3, 31), -1, date(2027, 2, 28)),
    (date(2026, 1, 1), 0, date(2026, 1, 1)),
])
def test_add_months_keeps_the_day_or_falls_on_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_feb_29_plus_a_year_is_feb_28_and_plus_four_years_feb_29() -> None:
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)), st.integers(-240, 240))
@example(date(2028, 2, 29), 1)
@example(date(2027, 1, 31), 1)
def test_add_months_lands_in_the_right_month_never_past_its_end(day: date, months: int) -> None:
    got = add_months(day, months)
    assert (got.year * 12 + got.month) - (day.year * 12 + day.month) == months
    assert got.day == day.day or (got.day < day.day and (got + timedelta(days=1)).day == 1)


def test_plan_year_counts_whole_years_from_the_start_and_stops_at_the_horizon() -> None:
    start = date(2028, 2, 29)
    assert plan_year(start, start, 4) == 1
    assert plan_year(start, date(2029, 2, 27), 4) == 1
    assert plan_year(start, date(2029, 2, 28), 4) == 2  # Feb 29 + 1 year = Feb 28
    assert plan_year(start, date(2040, 1, 1), 4) == 4


# --------------------------------------------------------------------------- study pace


def test_the_pace_sets_the_study_end_and_the_exam(catalog: Catalog) -> None:
    slow = plan_for(catalog, goal="coding", setting="physician_office", study_hours_per_week=5)
    fast = plan_for(catalog, goal="coding", setting="physician_office", study_hours_per_week=20)
    (s_slow,), (s_fast,) = milestones(slow, "study", "CPC"), milestones(fast, "study", "CPC")
    # AAPC's 80-hour course: 16 weeks at 5 hours a week, 4 weeks at 20
    assert s_slow.day == s_fast.day == START
    assert s_slow.until == START + timedelta(weeks=16)
    assert s_fast.until == START + timedelta(weeks=4)
    odd = plan_for(catalog, goal="coding", setting="physician_office", study_hours_per_week=15)
    (s_odd,) = milestones(odd, "study", "CPC")
    assert s_odd.until == START + timedelta(weeks=6)  # 80 / 15 = 5.3: a part week counts as a week
    (exam,) = milestones(fast, "exam", "CPC")
    assert exam.day == START + timedelta(weeks=4) and exam.estimate is True
    assert s_fast.estimate is True


def test_a_start_at_a_month_end_and_a_leap_day_dates_the_dues_on_its_anniversaries(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding", setting="physician_office", start=date(2028, 2, 29))
    dues = [m.day for m in milestones(plan, "dues_due", "AAPC")]
    assert dues == [date(2028, 2, 29), date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28)]
    assert all(m.estimate is False for m in milestones(plan, "dues_due"))  # from the date given


def test_training_already_done_leaves_only_the_hours_left(catalog: Catalog) -> None:
    part = plan_for(catalog, goal="coding", setting="physician_office", training_hours=40)
    (study,) = milestones(part, "study", "CPC")
    assert study.until == START + timedelta(weeks=4)  # 40 of 80 hours left at 10 a week
    done = plan_for(catalog, goal="coding", setting="physician_office", training_hours=80)
    assert milestones(done, "study", "CPC") == []
    (exam,) = milestones(done, "exam", "CPC")
    assert exam.day == START and exam.estimate is False


def test_milestones_are_sorted_by_date_and_of_the_known_kinds(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding_and_billing", setting="physician_office")
    assert plan.schedule is not None
    keys = [(m.day, KINDS.index(m.kind)) for m in plan.schedule.milestones]
    assert keys == sorted(keys)
    assert {"study", "exam", "apprentice_removed", "renewal_due", "dues_due"} <= {m.kind for m in
                                                                                   plan.schedule.milestones}


# --------------------------------------------------------------------------- AHIMA's window


def test_ahima_exams_are_sat_within_120_days_of_approval(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding", setting="hospital_inpatient", education="high_school")
    (exam,) = milestones(plan, "exam", "CCA")
    (last,) = milestones(plan, "exam_deadline", "CCA")
    assert last.day - exam.day == timedelta(days=120)
    assert "120 days" in exam.text
    assert plan.schedule is not None
    assert any("120 days" in step for step in plan.schedule.next_steps)


def test_an_him_graduate_sits_the_rhit_now_with_no_study(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding", education="associate", him_degree="associate")
    assert plan.steps[0].credential.code == "RHIT"
    assert milestones(plan, "study", "RHIT") == []
    (exam,) = milestones(plan, "exam", "RHIT")
    (last,) = milestones(plan, "exam_deadline", "RHIT")
    assert exam.day == START and exam.estimate is False
    assert last.day == START + timedelta(days=120) and last.estimate is False


def test_no_published_course_length_is_a_labelled_estimate(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding", setting="hospital_inpatient", education="high_school")
    assert plan.schedule is not None
    (d,) = [d for d in plan.schedule.steps if d.code == "CCA"]
    assert d.study is not None and d.study.estimate and "estimate" in d.study.text
    assert d.exam == START + timedelta(weeks=8)  # certcli assumes 80 hours, at 10 a week


# --------------------------------------------------------------------------- the apprentice


def _cpc_a(catalog: Catalog, **answers: Any) -> Any:
    profile = Profile(goal="coding", held=("CPC-A",), member_of=("AAPC",), **answers)
    person = Applicant(catalog=catalog, profile=profile, held=tuple(catalog.resolve(list(profile.held))))
    return removal(person, catalog.credential("CPC"), start=START, passed=START, estimate=False, course=None,
                   pace=10)


def test_route_two_years_of_coding_work(catalog: Catalog) -> None:
    got = _cpc_a(catalog, experience_years=0.5, practicode=False)
    assert got.day == add_months(START, 18)  # 1.5 years more of coding work
    assert got.route.startswith("2 years") and got.estimate is False
    # a course and Practicode the person has not planned are offered, not assumed: 8 weeks at 10 hours a week
    assert got.faster is not None and "80-hour course" in got.faster and "Practicode" in got.faster
    assert (START + timedelta(weeks=8)).isoformat() in got.faster


def test_route_two_years_when_the_course_is_out_of_reach_is_still_dated(catalog: Catalog) -> None:
    got = _cpc_a(catalog, experience_years=1.75, practicode=False)
    assert got.day == add_months(START, 3)  # 2 years of work: 3 months more
    assert got.route.startswith("2 years")
    assert got.estimate is False


def test_route_one_year_plus_the_course_done(catalog: Catalog) -> None:
    got = _cpc_a(catalog, experience_years=0.25, training_hours=80, practicode=False)
    assert got.day == add_months(START, 9)
    assert "80-contact-hour" in got.route and got.estimate is False


def test_route_the_course_plus_practicode(catalog: Catalog) -> None:
    got = _cpc_a(catalog, training_hours=80, practicode=True)
    assert got.day == START  # both done: the A comes off on proof
    assert "Practicode" in got.route


def test_practicode_not_said_is_offered_as_the_faster_route(catalog: Catalog) -> None:
    got = _cpc_a(catalog, experience_years=0.0)
    assert "Practicode" not in got.route
    assert got.faster is not None and "Practicode" in got.faster


def test_a_new_cpc_is_dated_from_the_exam_by_the_course_it_studied(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding", setting="physician_office")
    (exam,) = milestones(plan, "exam", "CPC")
    (off,) = milestones(plan, "apprentice_removed", "CPC")
    assert off.day == add_years(exam.day, 1)  # 1 year of coding work after the exam + the 80-hour course
    assert off.estimate is True  # the exam date rests on the pace


def test_the_cpc_a_holder_gets_a_dated_removal_step_first(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding", held=("CPC-A",), member_of=("AAPC",), experience_years=1.5)
    assert plan.steps[0].kind == "apprentice_removal"
    (off,) = milestones(plan, "apprentice_removed", "CPC")
    assert off.day == add_months(START, 6)
    assert plan.schedule is not None and plan.schedule.next_steps[0].startswith("Remove the A")


# --------------------------------------------------------------------------- renewal and dues


def test_renewals_every_cycle_over_the_horizon(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding", setting="physician_office", years=7)
    due = [m.day for m in milestones(plan, "renewal_due", "AAPC")]
    assert due == [add_years(START, 2), add_years(START, 4), add_years(START, 6)]  # from joining AAPC
    assert len(milestones(plan, "dues_due", "AAPC")) == 7


def test_ahima_renewal_counts_from_the_exam(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding", education="associate", him_degree="associate", years=5)
    due = [m.day for m in milestones(plan, "renewal_due", "AHIMA")]
    assert due == [add_years(START, 2), add_years(START, 4)]


def test_an_issuer_already_held_keeps_its_own_dates(catalog: Catalog) -> None:
    plan = plan_for(catalog, goal="coding", setting="hospital_inpatient", held=("CPC",), member_of=("AAPC",),
                    education="bachelor")
    assert milestones(plan, "renewal_due", "AAPC") == []
    assert plan.schedule is not None and not any(n.startswith("AHIMA") for n in plan.schedule.notes)


# --------------------------------------------------------------------------- which year's code books


def test_the_book_year_follows_the_exam_date_and_the_issuers_first_day(catalog: Catalog) -> None:
    def books(start: date, **answers: Any) -> Any:
        plan = plan_for(catalog, start=start, **answers)
        assert plan.schedule is not None
        return plan.schedule.steps[0]

    # AAPC: that year's books from Jan 15 (the previous year's also allowed), the previous year's before
    early = books(date(2026, 11, 1), goal="coding", setting="physician_office", training_hours=80)
    assert (early.exam, early.book_year, early.previous_year_books) == (date(2026, 11, 1), 2026, True)
    january = books(date(2027, 1, 14), goal="coding", setting="physician_office", training_hours=80)
    assert january.book_year == 2026
    assert books(date(2027, 1, 15), goal="coding", setting="physician_office", training_hours=80).book_year == 2027
    # AHIMA: that year's books from May 1, and only those
    him = {"goal": "coding", "education": "associate", "him_degree": "associate"}
    april = books(date(2027, 4, 30), **him)
    assert (april.code, april.book_year, april.previous_year_books) == ("RHIT", 2026, False)
    assert books(date(2027, 5, 1), **him).book_year == 2027
