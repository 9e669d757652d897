"""`certcli advise` in a real pseudo-terminal (pexpect), read like a dialogue."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.terminal

ENTER = "\r"
CTRL_C = "\x03"
BACKSPACE = "\x7f"
DOWN = "\x1b[B"


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CERTCLI_DATA_DIR"}
    env.update(PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1", TERM="xterm", COLUMNS="80")
    return env


def advise(*args: str, cwd: Path = REPO) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "certcli", "advise", *args],
        env=environment(),
        cwd=str(cwd),
        dimensions=(40, 100),
        encoding="utf-8",
        timeout=10,
    )


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0))


QUESTIONS = (
    "What work do you want to do?",  # Enter: coding
    "Where would you like to work?",  # Enter: not sure / any (highlighted)
    "A specialty you are drawn to",  # Enter: skip
    "Your highest education",  # Enter: rather not say (highlighted)
    "Years of coding or billing work",  # Enter: 0
    "Hours of coding or billing courses",  # Enter: 0
    "Credentials you already hold",  # Enter: none
    "Memberships you already have",  # Enter: none
    "Any of these",  # Enter: no special prices
    "Do you want to work remotely",  # Enter: no
    "Your budget",  # Enter: skip
    "Plan for how many years",  # Enter: 4
    "How many hours a week can you study?",  # Enter: 10
)


def test_happy_path_to_a_printed_plan() -> None:
    child = advise()
    for question in QUESTIONS:
        child.expect_exact(question)
        child.send(ENTER)
    child.expect_exact("Your answers:")
    for line in ("Goal:", "Coding: turn medical records into codes", "Setting:", "Not sure / any",
                 "Education:", "not given", "Experience:", "0 years", "Credentials held:", "none",
                 "Years to plan:", "4 years", "Study pace:", "10 hours a week"):  # fmt: skip
        child.expect_exact(line)
    child.expect_exact("Ready for your plan?")
    child.expect_exact("Looks right: show my plan")
    child.expect_exact("Change goal")
    child.send(ENTER)
    child.expect_exact("Your plan: medical coding")
    child.expect_exact("Sources")
    assert finish(child) == 0


def _json_plan(tmp_path: Path, command: str, keys: list[str]) -> dict[str, object]:
    out = tmp_path / "plan.json"
    child = pexpect.spawn(
        "/bin/sh", ["-c", f'"{sys.executable}" -m certcli advise {command} --json > "{out}"'],
        env=environment(), cwd=str(REPO), dimensions=(40, 100), encoding="utf-8", timeout=10,
    )
    for key in keys:
        child.expect_exact("?")
        child.send(key)
    assert finish(child) == 0
    doc: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return doc


def test_enter_on_every_question_gives_the_plan_defaults_gives(tmp_path: Path) -> None:
    asked = _json_plan(tmp_path, "", [ENTER] * (len(QUESTIONS) + 1))  # and "Looks right"
    scripted = subprocess.run(
        [sys.executable, "-m", "certcli", "advise", "--goal", "coding", "--defaults", "--json"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=environment(), cwd=str(REPO), timeout=20,
    )
    assert scripted.returncode == 0, scripted.stderr
    assert asked == json.loads(scripted.stdout)


def test_the_review_changes_one_answer_before_the_plan() -> None:
    child = advise("--setting", "physician_office", "--education", "high_school", "--experience-years", "1",
                   "--experience", "physician_coding=1", "--no-practicode", "--on-site",
                   "--training-hours", "0", "--held", "CPC", "--member-of", "AAPC", "--no-student",
                   "--under-65", "--budget-usd", "900", "--years", "4", "--study-hours-per-week", "10")  # fmt: skip
    child.expect_exact("What work do you want to do?")
    child.send(ENTER)  # coding
    child.expect_exact("A specialty you are drawn to")
    child.send("orthopedic" + ENTER)  # the engine's matcher: COSC
    child.expect_exact("Specialty:")
    child.expect_exact("orthopaedics")  # as the catalog names it
    child.expect_exact("Ready for your plan?")
    child.send(DOWN + ENTER)  # Change goal
    child.expect_exact("What work do you want to do?")
    child.send(DOWN + ENTER)  # billing: the setting is given already (--setting), no specialty
    child.expect_exact("Ready for your plan?")
    child.send(ENTER)
    child.expect_exact("Your plan: medical billing")
    assert finish(child) == 0


def test_a_negative_number_is_refused_then_corrected(tmp_path: Path) -> None:
    answers = tmp_path / "me.yaml"
    answers.write_text(
        "goal: billing\nsetting: any\neducation: high_school\ntraining_hours: 0\nheld: []\nmember_of: []\n"
        "student: false\nfirst_time_member: false\nage_65_plus: false\nbudget_usd: 1000\nyears: 4\nremote: false\n"
        "study_hours_per_week: 10\n",
        encoding="utf-8",
    )
    child = advise("--answers", str(answers), "--detail")  # --detail: the plan echoes the answers
    child.expect_exact("Years of coding or billing work")  # the only question left
    child.send("-3" + ENTER)
    child.expect_exact("Must be 0 or more, got -3.")
    child.send(BACKSPACE * 2 + "1" + ENTER)
    child.expect_exact("What kinds of work have you done?")  # a year of work: of what kind?
    child.send(ENTER)  # none ticked
    child.expect_exact("Experience:")
    child.expect_exact("1 year")
    child.expect_exact("Ready for your plan?")
    child.send(ENTER)
    child.expect_exact("Your plan: medical billing")
    child.expect_exact("experience: 1 year ")
    assert finish(child) == 0


def test_ctrl_c_cancels_and_saves_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "PLAN.md"
    child = advise("--save", str(plan))
    child.expect_exact("What work do you want to do?")
    child.send(ENTER)
    child.expect_exact("Where would you like to work?")
    child.send(CTRL_C)
    child.expect_exact("Cancelled.")
    assert finish(child) == 130
    assert list(tmp_path.iterdir()) == []


def test_no_terminal_is_refused_with_the_answers_hint() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "certcli", "advise"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environment(),
        cwd=str(REPO),
        timeout=20,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "needs a terminal" in result.stderr
    assert "--answers FILE" in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_d_at_a_text_question_cancels_too() -> None:
    child = advise("--goal", "billing", "--setting", "any", "--education", "high_school")
    child.expect_exact("Years of coding or billing work")
    child.send("\x04")
    child.expect_exact("Cancelled.")
    assert finish(child) == 130


def test_questions_go_to_stderr_when_stdout_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f'"{sys.executable}" -m certcli advise --goal billing --setting any --education high_school '
               f'--experience-years 0 --training-hours 0 --held "" --budget-usd 400 --json > "{out}"'],
        env=environment(), cwd=str(REPO), dimensions=(40, 100), encoding="utf-8", timeout=10,
    )
    child.expect_exact("Memberships you already have?")
    child.send(ENTER)
    child.expect_exact("Any of these?")
    child.send(" " + ENTER)  # a student
    child.expect_exact("Do you want to work remotely?")
    child.send(ENTER)
    child.expect_exact("Plan for how many years?")
    child.send("2" + ENTER)
    child.expect_exact("How many hours a week can you study?")
    child.send(ENTER)
    child.expect_exact("Ready for your plan?")
    child.send(ENTER)
    assert finish(child) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))  # nothing but the JSON document on stdout
    assert doc["profile"]["student"] is True and doc["profile"]["years"] == 2


# ---------------------------------------------------- issue 12: its questions, asked when they can change the advice

SPACE = " "
KIND_DOWNS = {"billing": 4, "cdi": 7, "clinical": 11}  # from the first kind, physician coding


def test_an_rn_into_hospital_cdi_is_asked_her_kinds_of_work_and_her_licence() -> None:
    child = advise("--goal", "documentation", "--setting", "hospital_inpatient", "--education", "high_school",
                   "--detail")  # --detail: the plan echoes the answers
    child.expect_exact("Years of coding or billing work")
    child.send(ENTER)  # 0: a documentation goal still asks the kinds of work
    child.expect_exact("What kinds of work have you done?")
    child.send(DOWN * KIND_DOWNS["cdi"] + SPACE + DOWN * (KIND_DOWNS["clinical"] - KIND_DOWNS["cdi"]) + SPACE + ENTER)
    child.expect_exact("Years of CDI work?")
    child.send("3" + ENTER)
    child.expect_exact("Years of clinical care?")
    child.send("6" + ENTER)
    child.expect_exact("Clinical licences you hold?")
    child.send(SPACE + ENTER)  # RN, the first
    for question in ("Hours of coding or billing courses", "Credentials you already hold", "Memberships",
                     "Any of these", "Do you want to work remotely", "Your budget", "Plan for how many years",
                     "How many hours a week can you study?"):
        child.expect_exact(question)
        child.send(ENTER)
    child.expect_exact("Kinds of work:")
    child.expect_exact("CDI work 3 years, clinical care 6 years")
    child.expect_exact("Licences:")
    child.expect_exact("RN")
    child.expect_exact("Ready for your plan?")
    child.send(ENTER)
    child.expect_exact("licences: RN")
    child.expect_exact("1. CCDS — Certified Clinical Documentation Specialist (ACDIS) — now")
    assert finish(child) == 0


def test_a_biller_tells_the_kind_of_her_years_and_the_plan_hedges_on_the_a(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f'"{sys.executable}" -m certcli advise --goal coding --setting physician_office --education high_school '
               f'--training-hours 0 --held "" --member-of "" --no-student --no-first-time-member --under-65 --on-site '
               f'--years 4 --study-hours-per-week 10 --json > "{out}"'],
        env=environment(), cwd=str(REPO), dimensions=(40, 100), encoding="utf-8", timeout=10,
    )
    child.expect_exact("A specialty you are drawn to")
    child.send(ENTER)
    child.expect_exact("Years of coding or billing work")
    child.send("4" + ENTER)
    child.expect_exact("What kinds of work have you done?")
    child.send(DOWN * KIND_DOWNS["billing"] + SPACE + ENTER)
    child.expect_exact("Years of billing?")  # the years just given, offered for the one kind ticked
    child.send(ENTER)
    child.expect_exact("Your budget")  # 4 years and no course: Practicode is not asked
    child.send(ENTER)
    child.expect_exact("Ready for your plan?")
    child.send(ENTER)
    assert finish(child) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["profile"]["experience"] == {"billing": 4.0}
    assert doc["profile"]["experience_years"] == 0  # no years left of a kind not said
    first = doc["path"][0]
    assert first["code"] == "CPC" and first["eligibility"]["apprentice"]["removed_now"] is None
    assert "confirm with AAPC" in first["eligibility"]["apprentice"]["routes"][0]["missing"]


def test_a_cpc_a_with_an_80_hour_course_is_asked_about_practicode() -> None:
    child = advise("--goal", "coding", "--setting", "physician_office", "--education", "high_school",
                   "--experience-years", "0", "--training-hours", "80", "--held", "CPC-A", "--member-of", "AAPC",
                   "--no-student", "--under-65", "--on-site", "--budget-usd", "500", "--years", "4",
                   "--study-hours-per-week", "10", "--detail")  # --detail: the plan echoes the answers
    child.expect_exact("A specialty you are drawn to")
    child.send(ENTER)
    child.expect_exact("Have you completed AAPC Practicode?")
    child.send("y")
    child.expect_exact("Practicode:")
    child.expect_exact("yes")
    child.expect_exact("Ready for your plan?")
    child.send(ENTER)
    child.expect_exact("Practicode: done")
    child.expect_exact("1. Remove the A: CPC-A → CPC — now")
    assert finish(child) == 0


def test_a_graduate_is_asked_about_an_him_degree_and_ctrl_c_there_cancels() -> None:
    child = advise("--goal", "coding", "--setting", "hospital_inpatient", "--education", "associate")
    child.expect_exact("Have you completed a CAHIIM-accredited HIM degree")
    child.send(CTRL_C)
    child.expect_exact("Cancelled.")
    assert finish(child) == 130
