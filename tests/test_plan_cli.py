"""The plan as a person reads it (issue 13), through the command: one screen first, the whole
cost, the dates in JSON and as a calendar, the Markdown file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from tests.conftest import DATA, TODAY, as_json, flat, ok

# the README's career changer, the CPC-A holder, the HIM graduate
CAREER_CHANGER = ["--goal", "coding", "--setting", "physician_office", "--education", "high_school"]
CPC_A_HOLDER = ["--goal", "coding", "--held", "CPC-A", "--member-of", "AAPC", "--experience-years", "0.5"]
HIM_GRADUATE = ["--goal", "coding", "--education", "associate", "--him-degree", "associate"]
PEOPLE = {"career_changer": CAREER_CHANGER, "cpc_a_holder": CPC_A_HOLDER, "him_graduate": HIM_GRADUATE}

Run = Callable[..., Any]


def advise(run: Run, *args: str) -> Any:
    return ok(run("advise", *args, "--defaults", today=TODAY))


def summary(out: str) -> list[str]:
    """The first screen: the lines before the first blank line."""
    lines = out.splitlines()
    return lines[: lines.index("")] if "" in lines else lines


@pytest.mark.parametrize("who", PEOPLE)
def test_the_first_screen_has_the_dated_path_the_totals_next_steps_and_a_caution(run: Run, who: str) -> None:
    out = advise(run, *PEOPLE[who]).stdout
    first = summary(out)
    assert len(first) <= 24, "\n".join(first)
    text = flat("\n".join(first))
    assert text.startswith("Your plan:")
    assert "Path: " in text and "Total over 4 years: " in text
    assert "Next steps" in text and "[ ]" in text
    assert "Caution: " in text
    assert date(2026, 11, 23).isoformat() in text  # dated from the start (today)


def test_the_career_changer_sees_join_books_study_and_booking_first(run: Run) -> None:
    first = flat("\n".join(summary(advise(run, *CAREER_CHANGER).stdout)))
    assert "[ ] Join AAPC ($222 a year)" in first
    assert "Buy the 2027 AMA CPT Professional edition" in first
    assert "Book the CPC exam for about 2027-01-18" in first
    assert "CPC-A removed ~2028-01-18" in first
    assert "plus code books (price not published)" in first


def test_the_cpc_a_holder_is_told_how_and_when_the_a_comes_off(run: Run) -> None:
    first = flat("\n".join(summary(advise(run, *CPC_A_HOLDER).stdout)))
    assert "Remove the A (CPC): CPC-A removed 2028-05-23" in first  # 1.5 years more of coding work
    assert "[ ] Remove the A: send AAPC proof of 2 years" in first
    assert "with an 80-hour course and AAPC Practicode" in first


def test_the_him_graduate_sits_the_rhit_within_ahimas_window(run: Run) -> None:
    first = flat("\n".join(summary(advise(run, *HIM_GRADUATE).stdout)))
    assert "RHIT (AHIMA): no study needed, exam 2026-11-23, sit by 2027-03-23" in first
    assert "sit the RHIT by 2027-03-23 (120 days from approval)" in first


def test_the_readme_career_changer_plan_is_at_most_100_lines(run: Run) -> None:
    out = advise(run, *CAREER_CHANGER).stdout
    assert len(out.splitlines()) <= 100
    detail = advise(run, *CAREER_CHANGER, "--detail").stdout
    assert len(detail.splitlines()) > len(out.splitlines())
    for card in ("Exam facts", "Eligibility now", "Costs, first year", "Renewal", "Pay (AAPC salary surveys"):
        assert card in detail and card not in out


def test_ceu_is_spelled_out_once_and_pay_is_one_line(run: Run) -> None:
    out = flat(advise(run, *CAREER_CHANGER).stdout)
    assert out.count("CEUs (continuing education units)") == 1
    assert out.index("CEUs (continuing education units)") == out.index("CEU")
    assert out.count("Pay: ") == 1 and "Non-certified" not in out


def test_each_source_url_is_listed_once_and_whole(run: Run) -> None:
    out = advise(run, *CAREER_CHANGER, "--detail").stdout
    sources = out[out.rindex("\nSources\n"):]
    urls = [line.strip() for line in sources.splitlines() if line.strip().startswith("http")]
    assert urls and len(urls) == len(set(urls))
    long = "https://intercom.help/aapc-cf9f479c5207/en/articles/15061996-what-are-the-code-book-requirements-for-the-cpc-exam"
    assert long in urls  # wider than the terminal, yet on one line


# --------------------------------------------------------------------------- the whole cost


def test_json_has_sorted_milestones_and_the_books_and_training(run: Run) -> None:
    doc = as_json(run("advise", *CAREER_CHANGER, "--defaults", "--json", today=TODAY))
    ms = doc["milestones"]
    assert [m["date"] for m in ms] == sorted(m["date"] for m in ms)
    assert all(set(m) >= {"date", "kind", "code", "text", "estimate"} for m in ms)
    assert {m["kind"] for m in ms} >= {"study", "exam", "apprentice_removed", "renewal_due", "dues_due"}
    items = doc["total_cost"]["line_items"]
    books = [i for i in items if i["kind"] == "books"]
    assert {b["name"].split(" (")[0] for b in books} == {"AMA CPT Professional edition", "ICD-10-CM",
                                                          "HCPCS Level II"}
    assert all(b["required"] and b["amount"] is None for b in books)  # no price is sourced: never a guess
    training = [i for i in items if i["kind"] == "training"]
    assert training and not any(t["required"] for t in training)
    assert doc["total_cost"]["complete"] is False
    retake = doc["total_cost"]["if_you_need_a_retake"]
    assert retake == [{"credential": "CPC", "amount": 74, "text": retake[0]["text"], "wait_days": None,
                       "rule_sources": retake[0]["rule_sources"]}]
    assert doc["profile"]["start"] == TODAY.isoformat()
    assert set(retake[0]["rule_sources"]) <= set(doc["sources"])


def test_required_books_count_in_the_totals_and_optional_training_never(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    prep = (data / "prep.yaml").read_text(encoding="utf-8")
    priced = prep.replace(
        "        name: AMA CPT Professional edition (no other publisher)\n        required: true\n",
        "        name: AMA CPT Professional edition (no other publisher)\n        required: true\n"
        "        amount: {value: 100, source: prep-aapc-books-cpc-2026}\n",
    ).replace(
        "        name: AAPC's 80-hour CPC course\n",
        "        name: AAPC's 80-hour CPC course\n        amount: {value: 1000, source: aapc-apprenticeship-2025}\n",
    )
    assert priced.count("amount: {value") == 2
    (data / "prep.yaml").write_text(priced, encoding="utf-8")
    base = as_json(run("advise", *CAREER_CHANGER, "--defaults", "--json", today=TODAY))["total_cost"]
    got = as_json(run("--data-dir", str(data), "advise", *CAREER_CHANGER, "--defaults", "--json",
                      today=TODAY))["total_cost"]
    assert got["all_in"] == base["all_in"] + 100  # the book; never the optional $1,000 course
    assert got["new_spending"] == base["new_spending"] + 100
    course = next(i for i in got["line_items"] if i["kind"] == "training")
    assert course["amount"] == 1000 and course["counted"] is False


# --------------------------------------------------------------------------- files


def test_advise_ics_writes_every_milestone_as_a_calendar(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    result = ok(run("advise", *CAREER_CHANGER, "--defaults", "--ics", str(target), today=TODAY))
    assert "Wrote " in result.stderr and "Your plan:" in result.stdout
    doc = as_json(run("advise", *CAREER_CHANGER, "--defaults", "--json", today=TODAY))
    cal = Calendar.from_ical(target.read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == len(doc["milestones"])
    got = sorted((e.decoded("DTSTART").isoformat(), str(e.get("SUMMARY"))) for e in events)
    assert got[0][0] == "2026-11-23"
    assert {d for d, _ in got} == {m["date"] for m in doc["milestones"]}
    assert any(s == "Exam: CPC" for _, s in got)
    assert len({str(e.get("UID")) for e in events}) == len(events)


def test_ics_to_stdout_with_json_is_refused(run: Run) -> None:
    result = run("advise", *CAREER_CHANGER, "--defaults", "--ics", "-", "--json", today=TODAY)
    assert result.exit_code == 2
    assert "--ics -" in result.stderr and __import__("json").loads(result.stdout)["error"]["code"] == 2


def test_the_saved_markdown_says_what_the_screen_says_with_valid_links(run: Run, tmp_path: Path) -> None:
    for extra in ([], ["--detail"]):
        target = tmp_path / "plan.md"
        screen = advise(run, *CAREER_CHANGER, *extra, "--save", str(target)).stdout
        md = target.read_text(encoding="utf-8")
        for line in summary(screen)[2:]:
            words = line.replace("[ ]", "").strip().lstrip("• ")
            assert flat(words)[:30] in flat(md.replace("\\", "")), words
        assert ("Exam facts" in md) == bool(extra)
        tokens = MarkdownIt("commonmark").parse(md)
        inline = [t for block in tokens if block.children for t in block.children]
        hrefs = [str(t.attrs["href"]) for t in inline if t.type == "link_open"]
        assert any("intercom.help" in h for h in hrefs)
        assert all(" " not in h for h in hrefs)
        stray = [t.content for t in inline if t.type == "text" and ("<http" in t.content or "<https" in t.content)]
        assert stray == []  # every <url> became a link: no invalid autolink left as text
        sources = screen[screen.rindex("\nSources\n"):]
        urls = [line for line in sources.splitlines() if line.strip().startswith("http")]
        assert all(any(u.strip() in h for h in hrefs) for u in urls)


def test_a_bad_start_date_names_the_flag(run: Run) -> None:
    result = run("advise", *CAREER_CHANGER, "--defaults", "--start", "2027-02-30", today=TODAY)
    assert result.exit_code == 2
    assert "--start" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert result.stdout == ""


def test_start_and_pace_from_an_answers_file(run: Run, tmp_path: Path) -> None:
    answers = tmp_path / "me.yaml"
    answers.write_text("goal: coding\nsetting: physician_office\nstart: 2028-02-29\nstudy_hours_per_week: 20\n")
    doc = as_json(run("advise", "--answers", str(answers), "--json", today=TODAY))
    study = next(m for m in doc["milestones"] if m["kind"] == "study")
    assert (study["date"], study["until"]) == ("2028-02-29", "2028-03-28")  # 4 weeks at 20 hours a week
    assert doc["profile"]["study_hours_per_week"] == 20


def test_detail_gives_ahimas_window_and_extension_rules_with_their_source(run: Run) -> None:
    out = flat(advise(run, *HIM_GRADUATE, "--detail").stdout)
    assert "Before the exam" in out
    assert "Eligibility window 120 days from approval" in out
    assert "Extensions of 30 days at a time" in out and "$50 each" in out
    assert "answers.ahima.org" in out
    assert "Before the exam" not in advise(run, *HIM_GRADUATE).stdout
