"""One validation for the wizard, the flags and the answers file: the same answer is accepted or
refused the same way wherever it comes from, with one line naming the flag or the key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest

from certcli.answers import check_answers, to_profile
from certcli.catalog import Catalog
from certcli.model import Education, Goal, Preference, Profile, SettingChoice
from certcli.questions import KEYS, QUESTION, QUESTIONS
from tests.conftest import as_json, ok


def refused(result: Any) -> str:
    """The one error line of a usage error (exit 2, nothing on stdout, no traceback)."""
    assert result.exit_code == 2, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return str(lines[0])


def answers_file(tmp_path: Path, text: str, name: str = "me.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- the table is the Profile


def test_the_questions_are_the_profile_fields() -> None:
    assert set(KEYS) == set(Profile.model_fields)
    assert set(QUESTION["goal"].values) == set(get_args(Goal))
    assert set(QUESTION["setting"].values) == set(get_args(SettingChoice))
    assert set(QUESTION["preferences"].values) == set(get_args(Preference))
    assert QUESTION["education"].values == tuple(e.value for e in Education)


def test_missing_answers_take_the_tables_defaults(catalog: Catalog) -> None:
    built = to_profile(check_answers({"goal": "coding"}, catalog, str))
    assert built == Profile(goal="coding")
    for q in QUESTIONS:
        if not q.required:
            empty: object = {} if q.kind == "kind_years" else ()  # years by kind: a mapping
            assert getattr(built, q.key) == (empty if q.repeatable else q.default), q.key


@pytest.mark.parametrize("key", [q.key for q in QUESTIONS if q.low is not None or q.high is not None])
def test_the_limits_are_the_models_limits(catalog: Catalog, key: str) -> None:
    q = QUESTION[key]
    edges = [q.low, q.high]
    for edge in (e for e in edges if e is not None):
        assert getattr(to_profile(check_answers({"goal": "coding", key: edge}, catalog, str)), key) == edge
    for outside in ((q.low - 1) if q.low is not None else None, (q.high + 1) if q.high is not None else None):
        if outside is None:
            continue
        with pytest.raises(Exception, match=key):
            check_answers({"goal": "coding", key: outside}, catalog, str)
        with pytest.raises(ValueError):  # the model refuses it too
            Profile.model_validate({"goal": "coding", key: outside})


# --------------------------------------------------------------------------- specialties: one matcher


@pytest.mark.parametrize("typed, code", [("orthopedic", "COSC"), ("ob/gyn", "COBGC"), ("E/M", "CEMC")])
def test_a_specialty_the_matcher_knows_is_planned_from_a_flag_and_a_file(
    run: Any, tmp_path: Path, typed: str, code: str
) -> None:
    by_flag = as_json(run("advise", "--goal", "coding", "--held", "CPC", "--specialty", typed, "--json"))
    assert code in [step["code"] for step in by_flag["path"]]
    path = answers_file(tmp_path, json.dumps({"goal": "coding", "held": ["CPC"], "specialty": typed}), "me.json")
    by_file = as_json(run("advise", "--answers", path, "--json"))
    assert by_file["path"] == by_flag["path"]


def test_an_unknown_specialty_gets_a_did_you_mean_from_a_flag_and_a_file(run: Any, tmp_path: Path) -> None:
    line = refused(run("advise", "--goal", "coding", "--specialty", "urolgy"))
    assert line == "Error: --specialty: no specialty credential for 'urolgy'. Did you mean urology?"
    line = refused(run("advise", "--answers", answers_file(tmp_path, "goal: coding\nspecialty: astrology\n")))
    assert line.startswith(f"Error: {tmp_path / 'me.yaml'}: specialty: no specialty credential for 'astrology'.")


# --------------------------------------------------------------------------- answers that contradict each other


def test_preferences_with_a_goal_other_than_unsure_are_refused(run: Any, tmp_path: Path) -> None:
    line = refused(run("advise", "--goal", "coding", "--prefer", "records"))
    assert line.startswith("Error: --prefer: preferences settle the goal 'unsure' only, but the goal is 'coding'")
    path = answers_file(tmp_path, "goal: billing\npreferences: [payers]\n")
    assert f"{path}: preferences: " in refused(run("advise", "--answers", path))
    # the flag overriding the file's goal makes the file's preferences wrong too
    unsure = answers_file(tmp_path, "goal: unsure\npreferences: [payers]\n", "unsure.yaml")
    ok(run("advise", "--answers", unsure))
    assert f"{unsure}: preferences: " in refused(run("advise", "--answers", unsure, "--goal", "billing"))


def test_first_time_prices_with_a_membership_are_refused(run: Any, tmp_path: Path) -> None:
    line = refused(run("advise", "--goal", "coding", "--first-time-member", "--member-of", "AAPC"))
    assert line == (
        "Error: --first-time-member: first-time prices are for people who have never been a member, "
        "but --member-of gives AAPC."
    )
    path = answers_file(tmp_path, "goal: coding\nfirst_time_member: true\nmember_of: [AHIMA]\n")
    line = refused(run("advise", "--answers", path))
    assert line.endswith(f"{path}: first_time_member: first-time prices are for people who have never been a "
                         f"member, but {path}: member_of gives AHIMA.")  # fmt: skip
    ok(run("advise", "--goal", "coding", "--first-time-member"))


# --------------------------------------------------------------------------- the answers file


def test_a_key_given_twice_is_refused_in_yaml_and_json(run: Any, tmp_path: Path) -> None:
    line = refused(run("advise", "--answers", answers_file(tmp_path, "goal: coding\nyears: 2\ngoal: billing\n")))
    assert line.endswith("me.yaml: line 3, column 1: invalid YAML: duplicate key 'goal'")
    path = answers_file(tmp_path, '{"goal": "coding", "years": 2, "years": 3}', "me.json")
    assert refused(run("advise", "--answers", path)).endswith("me.json: duplicate key 'years' (each answer once).")


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing yet\n", "---\n", "{}\n"])
def test_an_empty_answers_file_says_it_has_no_goal(run: Any, tmp_path: Path, text: str) -> None:
    line = refused(run("advise", "--answers", answers_file(tmp_path, text)))
    assert line.endswith("me.yaml: no answers in the file, not even a goal (write at least 'goal: coding').")


def test_yaml_is_read_as_yaml_reads_it(run: Any, tmp_path: Path) -> None:
    text = "goal: 'coding'   # quoted, with a comment\nheld:\n  - CPC\nstudent: yes\nbudget_usd: 1_000\n"
    doc = as_json(run("advise", "--answers", answers_file(tmp_path, text), "--json"))
    assert doc["profile"]["goal"] == "coding" and doc["profile"]["held"] == ["CPC"]
    assert doc["profile"]["student"] is True  # YAML 1.1: yes is true
    assert doc["profile"]["budget_usd"] == 1000


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize("held", ["CPC😀", "CPC\u200b", "C.P.C.", "CPC!"])
def test_a_held_code_with_odd_characters_is_refused(run: Any, held: str) -> None:
    line = refused(run("advise", "--goal", "coding", "--held", held))
    assert line.startswith("Error: --held: ") and "is not a credential code" in line


def test_held_codes_are_separated_by_spaces_or_commas_everywhere(run: Any, tmp_path: Path) -> None:
    doc = as_json(run("advise", "--goal", "coding", "--held", "CPC CRC,cpb", "--json"))
    assert doc["profile"]["held"] == ["CPC", "CRC", "CPB"]
    path = answers_file(tmp_path, "goal: coding\nheld: CPC CRC, CPB\n")
    assert as_json(run("advise", "--answers", path, "--json"))["profile"]["held"] == ["CPC", "CRC", "CPB"]


# --------------------------------------------------------------------------- the flags are the table's


def test_every_question_is_an_advise_flag_with_its_help_and_metavar() -> None:
    import typer.main

    from certcli.cli import app

    advise = typer.main.get_command(app).commands["advise"]  # type: ignore[attr-defined]
    options = {p.name: p for p in advise.params}
    for q in QUESTIONS:
        option = options[q.key]
        assert option.opts == [q.option] and option.help == q.flag_help, q.key
        if q.no_flag:
            assert option.secondary_opts == [q.no_flag]
        else:
            assert option.metavar == q.metavar and option.multiple == q.repeatable, q.key
    assert [p.name for p in advise.params] == ["answers_file", *KEYS, "defaults", "json_out", "save", "detail", "ics"]


def test_a_choice_flag_completes_to_its_choices() -> None:
    import typer.main

    from certcli.cli import app

    advise = typer.main.get_command(app).commands["advise"]  # type: ignore[attr-defined]
    setting = next(p for p in advise.params if p.name == "setting")
    assert [c.value for c in setting.shell_complete(None, "hosp")] == ["hospital_outpatient", "hospital_inpatient"]
