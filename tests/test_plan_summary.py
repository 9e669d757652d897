"""The first screen fits 24 lines at 80 columns for every goal and setting (issue 13), and the
two new answers keys are where the wizard and the flags expect them."""

from __future__ import annotations

import io
import itertools

import pytest
from rich.console import Console

from certcli.catalog import Catalog
from certcli.engine.advice import recommend
from certcli.model import Profile
from certcli.questions import QUESTION
from certcli.render import advice as view
from tests.conftest import TODAY

HELD = [(), ("CPC-A",), ("CPC", "CPB", "CRC")]


@pytest.mark.parametrize("goal", QUESTION["goal"].values)
def test_the_summary_fits_one_screen_for_every_setting(catalog: Catalog, goal: str) -> None:
    for setting, held in itertools.product(QUESTION["setting"].values, HELD):
        member = ("AAPC",) if held else ()
        plan = recommend(Profile(goal=goal, setting=setting, held=held, member_of=member), catalog, TODAY)
        console = Console(file=io.StringIO(), width=80, color_system=None)
        console.print(view.plan_view(plan, catalog, TODAY))
        lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
        first = lines[: lines.index("")] if "" in lines else lines
        assert len(first) <= 24, (goal, setting, held, "\n".join(first))
        if plan.steps:
            assert any(line.startswith("Total over") for line in first), (goal, setting, held)


def test_the_wizard_asks_the_pace_and_takes_the_start_from_a_flag_or_file() -> None:
    assert QUESTION["study_hours_per_week"].asked({"goal": "coding"})
    assert QUESTION["study_hours_per_week"].default == 10
    assert not QUESTION["start"].asked({"goal": "coding"})  # default today
    assert QUESTION["start"].option == "--start"
