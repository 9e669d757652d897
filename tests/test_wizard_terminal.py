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


def test_happy_path_to_a_printed_plan() -> None:
    child = advise()
    for question in (
        "What work do you want to do?",  # Enter: coding
        "Where would you like to work?",  # Enter: physician office
        "A specialty you are drawn to",  # Enter: skip
        "Your highest education",  # Enter: high school
        "Years of coding or billing work",  # Enter: 0
        "Hours of coding or billing courses",  # Enter: 0
        "Credentials you already hold",  # Enter: none
        "Memberships you already have",  # Enter: none
        "Any of these",  # Enter: no special prices
        "Your budget",  # Enter: skip
        "Plan for how many years",  # Enter: 4
    ):
        child.expect_exact(question)
        child.send(ENTER)
    child.expect_exact("Your plan: medical coding (physician office)")
    child.expect_exact("1. CPC — Certified Professional Coder (AAPC) — now")
    child.expect_exact("Sources")
    assert finish(child) == 0


def test_a_negative_number_is_refused_then_corrected(tmp_path: Path) -> None:
    answers = tmp_path / "me.yaml"
    answers.write_text(
        "goal: billing\neducation: high_school\ntraining_hours: 0\nheld: []\nmember_of: []\n"
        "student: false\nfirst_time_member: false\nage_65_plus: false\nbudget_usd: 1000\nyears: 4\n",
        encoding="utf-8",
    )
    child = advise("--answers", str(answers))
    child.expect_exact("Years of coding or billing work")  # the only question left
    child.send("-3" + ENTER)
    child.expect_exact("Must be 0 or more, got -3.")
    child.send(BACKSPACE * 2 + "1" + ENTER)
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
    child = advise("--goal", "billing", "--education", "associate")
    child.expect_exact("Years of coding or billing work")
    child.send("\x04")
    child.expect_exact("Cancelled.")
    assert finish(child) == 130


def test_questions_go_to_stderr_when_stdout_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f'"{sys.executable}" -m certcli advise --goal billing --education associate --experience-years 0 '
               f'--training-hours 0 --held "" --budget-usd 400 --json > "{out}"'],
        env=environment(), cwd=str(REPO), dimensions=(40, 100), encoding="utf-8", timeout=10,
    )
    child.expect_exact("Memberships you already have?")
    child.send(ENTER)
    child.expect_exact("Any of these?")
    child.send(" " + ENTER)  # a student
    child.expect_exact("Plan for how many years?")
    child.send("2" + ENTER)
    assert finish(child) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))  # nothing but the JSON document on stdout
    assert doc["profile"]["student"] is True and doc["profile"]["years"] == 2
