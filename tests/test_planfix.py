"""What a QA reviewer saw wrong in `certcli advise` plans, as the user reads it (issue 13 follow-up):
dues already paid, CEUs counted once per credential, training hours only toward an entry course,
every unknown named in the total, plain sentences without brackets inside brackets."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from certcli.catalog import Catalog
from certcli.engine import timeline
from certcli.engine.advice import recommend
from certcli.engine.eligibility import Applicant
from certcli.engine.price import LineItem
from certcli.model import Profile
from tests.conftest import ok

DAY = date(2026, 12, 1)


def advise(run: Callable[..., Any], *args: str) -> str:
    """The plan's text, its line wrapping undone (one space between words)."""
    result = ok(run("advise", *args, "--defaults", today=DAY))
    assert result.stderr == ""
    return " ".join(result.stdout.split())


def brackets_nest(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth > 1:
            return True
    return False


@pytest.mark.parametrize("held", ["CPC", "CPC-A"])
def test_a_holder_of_an_aapc_credential_is_not_told_to_join_or_charged_its_dues_again(
        run: Callable[..., Any], held: str) -> None:
    out = advise(run, "--goal", "coding", "--held", held)
    assert "with the AAPC dues you already pay" in out
    assert "Join AAPC" not in out
    card = out[out.index("CRC — Certified Risk Adjustment Coder"):]
    first_year = card[card.index("First year:"):card.index("Code books")]
    assert "$222" not in first_year and "$647" not in first_year
    assert "exam $425" in first_year and "AAPC dues you already pay" in first_year


def test_someone_without_an_aapc_credential_is_still_told_to_join(run: Callable[..., Any]) -> None:
    out = advise(run, "--goal", "coding")
    assert "Join AAPC ($222 a year)" in out
    assert "AAPC dues $222 a year = $" in out


def test_a_cpc_a_removing_the_a_counts_the_cpc_once_in_the_ceus(run: Callable[..., Any]) -> None:
    out = advise(run, "--goal", "coding", "--held", "CPC-A", "--training-hours", "80",
                 "--experience", "physician_coding=1")
    assert "40 CEUs every 2 years for CPC, CRC" in out
    assert "CPC, CPC" not in out and "44 CEUs" not in out


def test_training_hours_count_toward_the_entry_course_not_a_specialty_course(run: Callable[..., Any]) -> None:
    out = advise(run, "--goal", "coding", "--held", "CPC-A", "--training-hours", "80",
                 "--experience", "physician_coding=1")
    assert "no study needed" not in out
    assert "0 hours left" not in out
    assert "AAPC's 40-hour CRC course (self-paced, typically within 3 months): 4 weeks at 10 hours a week" in out
    entry = advise(run, "--goal", "coding", "--training-hours", "40")
    assert "AAPC's 80-hour CPC course: 40 hours left of 80 hours: 4 weeks" in entry


def test_the_total_names_every_part_whose_price_is_not_published(run: Callable[..., Any]) -> None:
    out = advise(run, "--goal", "management")
    assert "plus the CPPM exam fee and code books (prices not published)." in out
    coding = advise(run, "--goal", "coding")
    assert "plus code books (price not published)." in coding


def test_the_book_line_reads_as_english_for_a_hospital_plan(run: Callable[..., Any]) -> None:
    out = advise(run, "--goal", "coding", "--setting", "hospital_inpatient")
    assert "Current-year code books" not in out.split("Next steps", 1)[1].split("Caution", 1)[0]
    assert "Buy the 2026 code books" in out


@pytest.mark.parametrize("args", [
    ("--goal", "coding", "--setting", "hospital_inpatient"),
    ("--goal", "coding", "--held", "CPC-A"),
    ("--goal", "billing"),
    ("--goal", "coding", "--held", "CCA", "--setting", "hospital_inpatient"),
])
def test_no_brackets_inside_brackets(run: Callable[..., Any], args: tuple[str, ...]) -> None:
    result = ok(run("advise", *args, "--defaults", today=DAY))
    text = result.stdout.split("\nSources", 1)[0]
    for para in re.split(r"\n(?=\S)|\n\s*[•\[]", text):
        assert not brackets_nest(para), para


def test_the_gloss_and_pay_line_say_their_words_once_without_nesting(run: Callable[..., Any]) -> None:
    out = advise(run, "--goal", "coding", "--setting", "hospital_inpatient")
    assert "(AHIMA's PCAP programs set no length; PCAP: AHIMA's Professional Certificate Approval Program)" in out
    cpc = advise(run, "--goal", "coding", "--held", "CPC-A")
    assert "Pay: $58,055 a year — CPC average, 2022 (AAPC)" in cpc


def test_the_cbcs_plan_says_each_thing_once(run: Callable[..., Any]) -> None:
    out = advise(run, "--goal", "billing")
    assert "Caution: You cannot sit the CBCS yet: it requires billing and coding training or work experience." in out
    assert "a retake is possible after a 30-day wait; its price is not published" in out
    assert "(NHA publishes no length): certcli assumes 80 hours (an estimate)" in out
    assert "no course length is published" not in out


def test_a_seed_dues_label_joins_the_price_without_a_second_bracket(catalog: Catalog) -> None:
    """No shipped plan joins AHIMA today (its membership is optional and dearer), so the dues line is
    given here as a plan would carry it: the seed label rides in the price's own brackets."""
    profile = Profile(goal="coding", setting="hospital_inpatient")
    plan = recommend(profile, catalog, DAY)
    assert plan.schedule is not None and any(d.code == "CCA" for d in plan.schedule.steps)
    dues = LineItem(1, "AHIMA dues (individual)", "dues", 135, None, 2026, False, False, organization="AHIMA",
                    unverified="seed source, unverified")
    person = Applicant(catalog=catalog, profile=profile, held=())
    found, _ = timeline.keeping_milestones(catalog, person, plan.schedule.steps, [dues], DAY, date(2030, 12, 1))
    assert "Join AHIMA ($135, seed source, unverified)" in [m.text for m in found]
