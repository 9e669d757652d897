"""The pathways table (engine/pathways.py) is checked like the data: every code and source it names
exists in the catalog, every row says why, and every test or rule a row names is defined."""

from __future__ import annotations

import pytest

from certcli.catalog import Catalog, normalize
from certcli.engine.advice import recommend
from certcli.engine.goals.by_setting import RULES, TESTS
from certcli.engine.pathways import ADVANCED, DIRECT, ROUTES, TESTS_SAID, Route, codes_named, sources_named
from certcli.model import Goal, Profile
from tests.conftest import TODAY


def test_every_code_the_tables_name_is_in_the_catalog(catalog: Catalog) -> None:
    missing = sorted(code for code in codes_named() if normalize(code) not in catalog.lookup)
    assert not missing, missing


def test_every_source_the_tables_cite_is_a_catalog_source(catalog: Catalog) -> None:
    cited = sources_named()
    assert len(cited) >= 8  # the setting rules and the other issuers' credentials cite their sources
    assert cited <= set(catalog.sources), sorted(cited - set(catalog.sources))


IDS = [f"{r.goal}:{'/'.join(sorted(r.settings))}:{r.act}:{r.code}" for r in ROUTES]


@pytest.mark.parametrize("row", ROUTES, ids=IDS)
def test_every_row_says_why_and_names_only_defined_tests_and_rules(row: Route) -> None:
    assert row.act in ("step", "next", "alt") or row.act in RULES, row.act
    if row.act in ("step", "next", "alt"):
        assert row.why, "a credential row says why"
    assert row.test is None or (row.test in TESTS and row.test in TESTS_SAID), row.test


def test_every_goal_has_its_rows(catalog: Catalog) -> None:
    by_table = {r.goal for r in ROUTES} | {g.split("/")[0] for g in ADVANCED} | set(DIRECT)
    assert by_table == {g for g in Goal.__args__ if g != "unsure"}  # type: ignore[attr-defined]


def test_a_row_of_the_table_decides_the_plan(catalog: Catalog) -> None:
    # the physician-office row cites its source and gives the CPC its lead sentence
    row = next(r for r in ROUTES if r.goal == "coding" and r.settings == {"physician_office"} and r.act == "step")
    assert (row.code, row.source) == ("CPC", "seed-coding-vs-billing")
    plan = recommend(Profile(goal="coding", setting="physician_office"), catalog, TODAY)
    assert plan.steps[0].credential.code == "CPC"
    assert plan.steps[0].why[0].startswith("You want to code in a physician office or clinic: the work setting decides")
