"""What the human output looks like at the edges: narrow terminals, long words, long URLs,
and which figure a row shows when sources disagree."""

from __future__ import annotations

from typing import Any

from certcli.catalog import Catalog
from tests.conftest import as_json


def test_compare_shows_the_salary_the_claim_choice_rule_picks(run: Any, catalog: Catalog) -> None:
    """One rule picks the figure in use: the official AAPC salary ($58,055, 2023) over a newer
    third-party citation of a survey ($58,895, 2026) — as for every other figure."""
    doc = as_json(run("compare", "CPC", "CCS", "--json"))
    salary = next(r for r in doc["rows"] if r["fact"] == "Salary")
    picked = catalog.pick(catalog.credential("CPC").salary)
    assert picked is not None
    assert salary["values"]["CPC"]["value"] == picked.value == 58055
    assert salary["values"]["CPC"]["source"] == picked.source == "aapc-cpc-page-2023"
    assert salary["values"]["CCS"]["text"] == "not published"
