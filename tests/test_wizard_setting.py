"""The wizard asks where you would like to work whenever the answer changes the advice: for every
goal whose recommended path differs between settings (billing: CPB in a physician office, CRCR in a
hospital), and for no goal where it never does."""

from __future__ import annotations

from typing import Any

import pytest

from certcli.questions import QUESTION, SETTING_MATTERS
from tests.conftest import as_json

GOALS = [o.value for o in QUESTION["goal"].choices if o.value != "unsure"]
SETTINGS = [o.value for o in QUESTION["setting"].choices]


@pytest.mark.parametrize("goal", GOALS)
def test_the_setting_is_asked_exactly_where_it_changes_the_path(run: Any, goal: str) -> None:
    paths = {
        setting: [step["code"] for step in as_json(run("advise", "--goal", goal, "--setting", setting,
                                                       "--defaults", "--json"))["path"]]
        for setting in SETTINGS
    }
    changes = len({tuple(p) for p in paths.values()}) > 1
    assert (goal in SETTING_MATTERS) == changes, paths
