"""The docs stay true: every command has help text and is in the README, the README names no
command that does not exist, and its exit-code table is the one the code uses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main

from certcli import cli
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
