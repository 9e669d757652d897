"""The docs stay true: every command has help text and is in the README, the README names no
command that does not exist, and its exit-code table is the one the code uses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
import typer.main

from certcli import cli
from certcli.questions import QUESTION, QUESTIONS, Question
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    if path and not getattr(command, "hidden", False):
        yield " ".join(path), command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _walk(sub, (*path, name))


COMMANDS = dict(_walk(typer.main.get_command(cli.app)))
LEAVES = {name: cmd for name, cmd in COMMANDS.items() if not getattr(cmd, "commands", None)}


def test_the_walk_finds_the_commands() -> None:
    assert {"list", "show", "compare", "search", "data", "data check"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_text(name: str) -> None:
    text = (COMMANDS[name].help or COMMANDS[name].short_help or "").strip()
    assert len(text) >= 10, f"certcli {name} has no help text"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_and_argument_has_help_text(name: str) -> None:
    bare = [p.name for p in COMMANDS[name].params if not getattr(p, "hidden", False) and not getattr(p, "help", None)]
    assert not bare, f"certcli {name}: no help for {bare}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"certcli {re.escape(name)}(?![\w-])", README), f"README.md never shows `certcli {name}`"


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_every_command_takes_json(name: str) -> None:
    options = {opt for p in LEAVES[name].params for opt in getattr(p, "opts", [])}
    assert "--json" in options, f"certcli {name} has no --json"


def test_the_readme_names_only_real_commands() -> None:
    # as typed: at the start of a code span or a line, or after a prompt, `&&` or a pipe
    named = set(re.findall(r"(?:^|`|\$ |&& |\| )certcli ([a-z][a-z-]*)", README, flags=re.MULTILINE))
    assert "list" in named
    top = {name for name in COMMANDS if " " not in name}
    assert named - top == set(), f"README.md shows commands that do not exist: {sorted(named - top)}"


def test_the_readme_exit_code_table_matches_the_code() -> None:
    section = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(code) for code in re.findall(r"^\|\s*(\d+)\s*\|", section, flags=re.MULTILINE)}
    assert documented == {cli.EXIT_OK, cli.EXIT_DATA, cli.EXIT_USAGE, cli.EXIT_CANCELLED}


# --------------------------------------------------------------------------- the answers table


def _codes(values: Iterable[object]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _number(q: Question) -> str:
    word = "whole number" if q.kind == "whole" else "number"
    if q.high is not None:
        return f"{word}, {q.low:g}–{q.high:g}"
    return f"{word} ≥ {q.low:g}"


def _values(q: Question) -> str:
    """The README's words for what a question takes, from QUESTIONS alone."""
    if q.kind == "one":
        text = _codes(q.values)
    elif q.kind == "many":
        text = "list of " + _codes(q.values)
    elif q.kind in ("number", "whole"):
        text = _number(q)
    elif q.kind == "yes_no":
        text = "`true` or `false`"
    elif q.kind == "credentials":
        text = "credential codes: a list, or separated by spaces or commas"
    elif q.kind == "kind_years":
        text = "years by kind: a mapping (`billing: 2`) or `KIND=YEARS` words, kinds " + _codes(q.values)
    else:
        text = q.note
    if q.default is not None and q.kind != "yes_no":
        text += f" (default `{q.default}`)" if q.kind == "one" else f" (default {q.default})"
    elif q.kind == "yes_no":
        text += " (default `false`)" if q.default is False else " (optional: not given means unknown)"
    elif not q.required and not q.repeatable and q.kind not in ("specialty", "date"):
        text += " (optional)"
    if q.note and q.kind not in ("organizations", "specialty", "date"):
        text += f"; {q.note}"
    return text


def _flag(q: Question) -> str:
    if q.no_flag:
        return f"`{q.option}` / `{q.no_flag}`"
    return f"`{q.option}`" + (" (repeat)" if q.repeatable else "")


def answers_rows() -> list[str]:
    rows = []
    for q in QUESTIONS:
        key = f"`{q.key}`" + (" (required)" if q.required else "")
        used = "every goal" if q.goals is None else _codes(g for g in QUESTION["goal"].values if g in q.goals)
        used = q.asked_when or used
        rows.append(f"| {key} | {_values(q)} | {used} | {_flag(q)} |")
    return rows


def test_the_readme_answers_table_is_the_questions_table() -> None:
    section = README.split("## `certcli advise` without questions", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| `")]
    assert table == answers_rows(), "README.md's answers table differs; expected rows:\n" + "\n".join(answers_rows())
