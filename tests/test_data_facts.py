"""The facts of the second research pass, each with its source, year and confidence."""

from __future__ import annotations

from typing import Any

from certcli.catalog import Catalog
from certcli.model import Holding
from tests.conftest import as_json


def _rules(catalog: Catalog, org: str) -> dict[str, str]:
    return {str(c.value): c.source for c in catalog.organizations[org].renewal.rules}


def test_the_ceu_rules_a_log_needs(catalog: Catalog) -> None:
    aapc = _rules(catalog, "AAPC")
    assert aapc[
        "CEUs can be earned only once per course, however many times it is taken (one course, one credit)."
    ] == "aapc-ceu-policies-2023"
    assert any("pre-approved for that credential" in v for v in aapc)
    assert any(v.startswith("Pre-approved specialty CEUs can count toward one specialty") for v in aapc)
    ahima = catalog.pick(catalog.organizations["AHIMA"].renewal.issuer_share)
    assert ahima is not None and ahima.value.startswith("40% from AHIMA") and ahima.source == "ahima-recert-2025"
    amba = catalog.pick(catalog.organizations["AMBA"].renewal.issuer_share)
    assert amba is not None and amba.value == "50% from AMBA"
    assert any("50-minute periods" in v for v in _rules(catalog, "AMBA"))


def test_nha_delivery_and_cbcs_eligibility(run: Any, catalog: Catalog) -> None:
    doc = as_json(run("show", "CBCS", "--json"))
    delivery = doc["exam"]["delivery"]
    assert (delivery["source"], delivery["confidence"]) == ("oth-nha-reschedule", "official")
    assert "PSI" in delivery["value"]
    texts = [r["text"] for r in doc["eligibility"]["required"]]
    assert texts == ["High school diploma or GED", "Billing and coding training or work experience"]
    policies = {str(c.value): c.source for c in catalog.organizations["NHA"].exam_policies}
    [quoted] = [v for v in policies if v.startswith("To sit: a high school diploma or GED plus a training program")]
    assert catalog.sources[policies[quoted]].year == 2017


def test_bls_may_2024_and_the_aapc_2025_survey(catalog: Catalog) -> None:
    outlook = {c.label: c for c in catalog.context.outlook}
    median = outlook["BLS median pay May 2024, $ (medical records specialists, quoted by a third party)"]
    growth = outlook["BLS projected job growth 2024–34, % (medical records specialists, quoted by a third party)"]
    assert (median.value, growth.value) == (50250, 7)
    survey = {(c.holding, c.value) for c in catalog.context.salary_survey if c.source == "ctx-mbc-bv6-2025-survey"}
    assert {(Holding.ANY, 66979), (Holding.NONE, 55721), (Holding.THREE_OR_MORE, 81227)} <= survey
    assert catalog.sources["ctx-mbc-bv6-2025-survey"].year == 2025


def test_search_says_why_chts_is_not_in_the_catalog(run: Any) -> None:
    for query in ("CHTS", "chts-im"):
        result = run("search", query)
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        line = result.stderr
        assert line.startswith("CHTS is not in certcli's catalog: a seed article lists CHTS"), line
        assert "AHIMA's health-IT credential family" in line and line.count("\n") == 1
        assert "https://www.ahima.org/certification/Recertification" in line
    assert run("search", "zzzz").stderr.startswith("Nothing matches 'zzzz'.")
