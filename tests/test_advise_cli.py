"""`certcli advise` without a terminal: answers files, flags, errors, --json and --save."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import Catalog
from tests.conftest import as_json, is_source_url, ok


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def usage_error(result: Any) -> str:
    assert result.exit_code == 2, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and lines[0].startswith("Error: ")
    return str(result.stderr)


# --------------------------------------------------------------------------- the happy paths


def test_yaml_answers_file_gives_a_plan_without_asking(run: Any, tmp_path: Path) -> None:
    answers = write(tmp_path, "me.yaml", "goal: coding\nsetting: physician_office\neducation: high_school\n")
    out = ok(run("advise", "--answers", answers)).stdout
    assert "Your plan: medical coding (physician office)" in out
    assert "1. CPC — Certified Professional Coder (AAPC) — now" in out
    for heading in ("Why:", "Eligibility:", "Study:", "First year:", "Keeping it:", "Total over 4 years",
                    "Timeline", "Cost by year", "Notes", "Sources"):
        assert heading in out, heading
    detail = ok(run("advise", "--answers", answers, "--detail")).stdout  # issue 13: the full cards on request
    for heading in ("Eligibility now", "Exam facts", "Costs, first year", "Renewal"):
        assert heading in detail and heading not in out, heading
    assert "CPC-A" in out  # the apprentice reality for a novice
    assert "not legally required" in out
    assert max(len(line) for line in out.splitlines() if not is_source_url(line)) <= 80


def test_json_answers_file_and_flags_override_it(run: Any, tmp_path: Path) -> None:
    answers = write(tmp_path, "me.json", json.dumps({"goal": "billing", "years": 2, "student": False}))
    doc = as_json(run("advise", "--answers", answers, "--years", "3", "--student", "--json"))
    assert doc["profile"]["goal"] == "billing"
    assert doc["profile"]["years"] == 3  # the flag wins over the file
    assert doc["profile"]["student"] is True
    assert doc["total_cost"]["years"] == 3


def test_flags_alone_are_enough_in_a_script(run: Any) -> None:
    doc = as_json(run("advise", "--goal", "coding", "--held", "cpc-a", "--member-of", "aapc", "--json"))
    # the apprentice designation stays one (passed, A not removed): removing the A comes first, not a new exam
    assert doc["profile"]["held"] == ["CPC-A"]
    assert doc["profile"]["member_of"] == ["AAPC"]
    first = doc["path"][0]
    assert (first["kind"], first["code"]) == ("apprentice_removal", "CPC")
    assert first["costs"]["exam"] is None and first["costs"]["first_year_total"]["complete"] is False
    app = first["eligibility"]["apprentice"]
    assert app["designation"] == "CPC-A" and app["removed_now"] is False
    assert [r["met"] for r in app["routes"]] == [False, False, False, False]
    assert "Practicode (you did not say" in app["routes"][3]["missing"]
    assert all(step["kind"] == "exam" and step["code"] != "CPC" for step in doc["path"][1:])
    assert doc["total_cost"]["codes"] == [step["code"] for step in doc["path"][1:]]


def test_defaults_fill_what_is_missing(run: Any) -> None:
    doc = as_json(run("advise", "--goal", "coding", "--defaults", "--json"))
    profile = doc["profile"]
    assert profile["setting"] == "any" and profile["years"] == 4
    assert profile["experience_years"] == 0 and profile["held"] == []


# --------------------------------------------------------------------------- --json


def test_json_is_one_document_with_the_promised_shape(run: Any, catalog: Catalog) -> None:
    result = ok(run("advise", "--goal", "coding", "--setting", "physician_office", "--json"))
    doc = json.loads(result.stdout)  # exactly one document: json.loads refuses trailing text
    assert {"profile", "goal", "path", "alternatives", "total_cost", "renewal", "notes", "data_as_of",
            "sources"} <= set(doc)
    assert doc["data_as_of"] == catalog.data_as_of()
    first = doc["path"][0]
    assert first["code"] == "CPC" and first["issuer"] == "AAPC" and first["when"]
    assert isinstance(first["why"], list) and all(isinstance(w, str) and w for w in first["why"])
    assert {"can_sit_now", "apprentice", "lines"} <= set(first["eligibility"])
    assert first["kind"] == "exam"
    assert first["eligibility"]["apprentice"]["designation"] == "CPC-A"
    assert first["eligibility"]["apprentice"]["removed_now"] is False
    # exam facts carry their value, year and source (research: 100 questions, 240 minutes, open book)
    assert first["exam"]["questions"]["value"] == 100
    assert first["exam"]["minutes"]["value"] == 240
    assert first["exam"]["book"]["value"] == "open book"
    for fact in first["exam"].values():
        assert fact is None or (fact["source"] in doc["sources"] and "as_of" in fact)
    assert {"exam", "dues", "first_year_total"} <= set(first["costs"])
    assert first["costs"]["membership_required"] is True
    assert first["renewal"]["ceus_alone"] == 36  # AAPC: 36 CEUs per 2 years for one credential
    assert first["renewal"]["cycle_years"] == 2
    total = doc["total_cost"]
    assert {"years", "total", "incomplete", "unknown", "by_year", "items", "strategy", "break_even"} <= set(total)
    assert total["years"] == 4
    assert sum(y["amount"] for y in total["by_year"]) == total["total"]["amount"]
    for alt in doc["alternatives"]:
        assert alt["code"] in catalog.credentials and alt["reason"]
    for sid, src in doc["sources"].items():
        assert sid in catalog.sources and src["url"]
    assert result.stderr == ""


def test_costs_for_a_newcomer_to_cpc(run: Any) -> None:
    doc = as_json(run("advise", "--goal", "coding", "--setting", "physician_office", "--json"))
    assert [step["code"] for step in doc["path"]] == ["CPC"]
    costs = doc["path"][0]["costs"]
    # data: CPC exam $425 (member, 1 attempt, 2026) + AAPC individual dues $222 (2026)
    assert (costs["exam"]["amount"], costs["dues"]["amount"], costs["first_year_total"]["amount"]) == (425, 222, 647)
    assert costs["exam"]["as_of"] == 2026 and costs["exam"]["source"] in doc["sources"]
    # over 4 years: the exam once, AAPC dues every year (membership is required to keep the CPC)
    total = doc["total_cost"]
    assert total["total"]["amount"] == 425 + 4 * 222
    assert [y["amount"] for y in total["by_year"]] == [647, 222, 222, 222]
    out = " ".join(ok(run("advise", "--goal", "coding", "--setting", "physician_office")).stdout.split())
    assert "= $647" in out and "Total over 4 years: $1,313" in out
    detail = " ".join(ok(run("advise", "--goal", "coding", "--setting", "physician_office", "--detail")).stdout.split())
    assert "First-year total $647" in detail and "Total: $1,313" in detail


def test_unsure_is_settled_by_preferences_and_says_why(run: Any) -> None:
    doc = as_json(run("advise", "--goal", "unsure", "--prefer", "payers", "--prefer", "finance", "--json"))
    assert doc["goal"] == "billing"
    assert "payers" in doc["goal_reason"]
    assert doc["path"][0]["code"] in {"CPB", "CBCS", "CMRS"}
    assert doc["profile"]["preferences"] == ["payers", "finance"]


def test_a_tight_budget_changes_the_advice_and_the_plan_says_so(run: Any) -> None:
    # CPC costs a newcomer $425 exam + $222 AAPC dues = $647 in the first year (2026 third-party figures)
    doc = as_json(run("advise", "--goal", "coding", "--setting", "physician_office", "--budget-usd", "300", "--json"))
    assert doc["path"][0]["code"] != "CPC"
    assert "$300" in doc["budget_note"] and "$647" in doc["budget_note"]
    out = ok(run("advise", "--goal", "coding", "--setting", "physician_office", "--budget-usd", "300")).stdout
    assert "Your budget of $300 is below" in " ".join(out.split())


def test_a_cpc_holder_who_wants_coding_is_planned_the_crc(run: Any) -> None:
    """A held CPC moves the coder along the ladder (it used to be possible to lose this step unnoticed)."""
    doc = as_json(run("advise", "--goal", "coding", "--held", "CPC", "--defaults", "--json"))
    assert [step["code"] for step in doc["path"]] == ["CRC"]
    assert doc["path"][0]["when"] == "now"
    assert doc["path"][0]["why"][0].startswith("You hold the CPC; risk adjustment (CRC) is the next AAPC coding")
    out = ok(run("advise", "--goal", "coding", "--held", "CPC", "--defaults")).stdout
    assert "Path: CRC" in out
    assert "Nothing new to recommend" not in out


def test_a_budget_below_an_advanced_step_says_so_and_keeps_the_plan(run: Any) -> None:
    # CRC costs a CPC holder $425 exam + $222 AAPC dues = $647; no cheaper credential does a CRC's job
    args = ("advise", "--goal", "coding", "--setting", "payer", "--held", "CPC", "--budget-usd", "100", "--defaults")
    doc = as_json(run(*args, "--json"))
    assert [step["code"] for step in doc["path"]] == ["CRC"]
    note = doc["budget_note"]
    assert note.startswith(
        "Your budget of $100 is below the first-year price of CRC for you ($647: exam $425 + membership $222, as of "
    ), note
    assert note.endswith("; no cheaper credential does the same job, so the plan is unchanged."), note
    out = " ".join(ok(run(*args)).stdout.split())
    assert "Your budget of $100 is below the first-year price of CRC for you ($647" in out


# --------------------------------------------------------------------------- bad input: exit 2, the key named


@pytest.mark.parametrize(
    "text, key, detail",
    [
        ("goal: coding\nexperiance_years: 2\n", "experiance_years", "Did you mean experience_years?"),
        ("goal: cooking\n", "goal", "is not one of coding, billing"),
        ("goal: coding\nexperience_years: -2\n", "experience_years", "must be 0 or more, got -2"),
        ("goal: coding\nheld: [CPX]\n", "held", "unknown credential 'CPX'. Did you mean CPC?"),
        ("goal: coding\nbudget_usd: lots\n", "budget_usd", "expected a number"),
        ("goal: coding\nmember_of: [AAPX]\n", "member_of", "unknown organization 'AAPX'. Did you mean AAPC?"),
        ("goal: coding\nstudent: maybe\n", "student", "expected true or false"),
        ("goal: coding\nyears: 0\n", "years", "must be 1 or more"),
        ("goal: coding\nsetting: moon\n", "setting", "is not one of physician_office"),
    ],
)
def test_a_bad_answer_names_its_key(run: Any, tmp_path: Path, text: str, key: str, detail: str) -> None:
    answers = write(tmp_path, "answers.yaml", text)
    err = usage_error(run("advise", "--answers", answers))
    assert f"answers.yaml: {key}: " in err
    assert detail in err


def test_a_bad_json_answer_names_its_key(run: Any, tmp_path: Path) -> None:
    answers = write(tmp_path, "answers.json", json.dumps({"goal": "coding", "training_hours": -40}))
    err = usage_error(run("advise", "--answers", answers))
    assert "answers.json: training_hours: must be 0 or more, got -40" in err


@pytest.mark.parametrize(
    "args, flag, detail",
    [
        (["--goal", "cooking"], "--goal", "is not one of"),
        (["--goal", "coding", "--experience-years", "-3"], "--experience-years", "must be 0 or more, got -3"),
        (["--goal", "coding", "--held", "CPX"], "--held", "Did you mean CPC?"),
        (["--goal", "coding", "--budget-usd", "lots"], "--budget-usd", "expected a number"),
        (["--goal", "unsure", "--prefer", "money"], "--prefer", "is not one of records"),
    ],
)
def test_a_bad_flag_names_itself(run: Any, args: list[str], flag: str, detail: str) -> None:
    err = usage_error(run("advise", *args))
    assert err.startswith(f"Error: {flag}: ")
    assert detail in err


def test_unreadable_answers_files(run: Any, tmp_path: Path) -> None:
    err = usage_error(run("advise", "--answers", str(tmp_path / "missing.yaml")))
    assert "missing.yaml: no such file" in err
    err = usage_error(run("advise", "--answers", write(tmp_path, "broken.yaml", "goal: [coding\n")))
    assert "broken.yaml: line" in err and "invalid YAML" in err
    err = usage_error(run("advise", "--answers", write(tmp_path, "broken.json", "{goal: coding}")))
    assert "broken.json: line 1" in err and "invalid JSON" in err
    err = usage_error(run("advise", "--answers", write(tmp_path, "list.yaml", "- coding\n")))
    assert "list.yaml: expected a mapping" in err


# --------------------------------------------------------------------------- no terminal


def test_no_terminal_and_no_goal_explains_answers(run: Any, tmp_path: Path) -> None:
    err = usage_error(run("advise"))  # CliRunner's stdin is not a terminal
    assert "needs a terminal" in err and "--answers FILE" in err and "goal:" in err
    assert len(err.strip().splitlines()) <= 2
    # an answers file without a goal is not enough either
    answers = write(tmp_path, "me.yaml", "setting: payer\n")
    assert "needs a terminal" in usage_error(run("advise", "--answers", answers))


def test_defaults_without_a_goal_asks_for_one(run: Any) -> None:
    err = usage_error(run("advise", "--defaults"))
    assert "--goal" in err


# --------------------------------------------------------------------------- --save


def test_save_writes_markdown_and_keeps_stdout_for_the_plan(run: Any, tmp_path: Path) -> None:
    plan = tmp_path / "PLAN.md"
    result = ok(run("advise", "--goal", "coding", "--setting", "physician_office", "--json", "--detail", "--save",
                    str(plan)))
    json.loads(result.stdout)  # stdout is still exactly the JSON document
    assert f"Saved the plan to {plan}" in result.stderr
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# Your plan: medical coding (physician office)\n")
    assert "## 1. CPC — Certified Professional Coder (AAPC) — now" in text
    assert "### Why" in text and "\n- " in text
    assert "| Year | What | Amount | As of |" in text  # the cost table
    assert "## Sources" in text and "https://" in text
    assert [p.name for p in tmp_path.iterdir()] == ["PLAN.md"]  # no temporary file left behind


def test_saved_plan_lists_undated_seed_sources_too(run: Any, tmp_path: Path) -> None:
    """A 65+ hospital novice's plan counts AHIMA dues, whose only source is an undated seed article."""
    plan = tmp_path / "PLAN.md"
    ok(run("advise", "--goal", "coding", "--setting", "hospital_inpatient", "--age-65-plus", "--save", str(plan)))
    sources = plan.read_text(encoding="utf-8").split("## Sources", 1)[1]
    assert "undated seed document, seed: seed:000" in sources
    assert "https://" in sources


def test_save_replaces_an_old_plan(run: Any, tmp_path: Path) -> None:
    plan = tmp_path / "PLAN.md"
    plan.write_text("old plan\n", encoding="utf-8")
    ok(run("advise", "--goal", "billing", "--save", str(plan)))
    assert "medical billing" in plan.read_text(encoding="utf-8").splitlines()[0]


def test_save_writes_nothing_on_error(run: Any, tmp_path: Path) -> None:
    plan = tmp_path / "PLAN.md"
    usage_error(run("advise", "--goal", "coding", "--held", "CPX", "--save", str(plan)))
    usage_error(run("advise", "--save", str(plan)))  # no terminal, no goal
    assert list(tmp_path.iterdir()) == []


def test_save_into_a_missing_directory_fails_before_anything(run: Any, tmp_path: Path) -> None:
    err = usage_error(run("advise", "--goal", "coding", "--save", str(tmp_path / "no" / "PLAN.md")))
    assert "--save" in err and "does not exist" in err
