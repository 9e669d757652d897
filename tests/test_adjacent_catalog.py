"""The credentials employers ask for beyond AAPC and AHIMA (data/roles.yaml, issue 12).

Expected figures are from ../shared/research/credential-facts-2.md, section E (and D for CEUs):
CCDS $280 member / $380 non-member, $150 retake after 90 days (third-party c. 2025–26); CHC 120
questions, 100 scored, 2 hours (official, c. 2014–16), fee not found; CMPE 175-item exam, MGMA
membership required, 50 CE hours every 3 years, fee not shown; CRCR $400 (official, c. 2015–18),
75 questions in 90 minutes (third-party 2025); ACDIS 30 CEUs every 2 years; CCB 40 every 2 years.
"""

from __future__ import annotations

from typing import Any

import pytest

from certcli.catalog import Catalog
from certcli.model import Audience, Confidence, FeeKind
from tests.conftest import as_json, ok


def _fee(catalog: Catalog, code: str, kind: FeeKind, audience: Audience) -> tuple[int, Confidence] | None:
    for fee in catalog.credential(code).fees:
        if fee.kind is kind and fee.audience is audience:
            claim = catalog.pick(fee.amount)
            assert claim is not None
            return claim.value, catalog.sources[claim.source].confidence
    return None


@pytest.mark.parametrize(
    "code, issuer, category",
    [("CCDS", "ACDIS", "documentation"), ("CCDS-O", "ACDIS", "documentation"), ("CHC", "CCB", "compliance"),
     ("CMPE", "MGMA", "management"), ("CRCR", "HFMA", "billing")],
)
def test_each_adjacent_credential_is_in_the_catalog(catalog: Catalog, code: str, issuer: str, category: str) -> None:
    cred = catalog.credential(code)
    assert (cred.issuer, str(cred.category)) == (issuer, category)
    assert cred.url and cred.summary


def test_the_researched_figures_with_their_confidence(catalog: Catalog) -> None:
    assert _fee(catalog, "CCDS", FeeKind.EXAM, Audience.MEMBER) == (280, Confidence.THIRD_PARTY)
    assert _fee(catalog, "CCDS", FeeKind.EXAM, Audience.NON_MEMBER) == (380, Confidence.THIRD_PARTY)
    assert _fee(catalog, "CCDS", FeeKind.RETAKE, Audience.ANY) == (150, Confidence.THIRD_PARTY)
    assert _fee(catalog, "CRCR", FeeKind.EXAM, Audience.ANY) == (400, Confidence.OFFICIAL)
    chc = catalog.credential("CHC").exam
    assert [catalog.pick(f).value for f in (chc.questions, chc.scored, chc.minutes)] == [120, 100, 120]  # type: ignore[union-attr]
    crcr = catalog.credential("CRCR").exam
    assert [catalog.pick(f).value for f in (crcr.questions, crcr.minutes)] == [75, 90]  # type: ignore[union-attr]
    assert catalog.pick(catalog.credential("CMPE").exam.questions).value == 175  # type: ignore[union-attr]
    ceus = {code: catalog.pick(catalog.credential(code).renewal.ceus) for code in ("CCDS", "CCDS-O", "CHC", "CMPE")}
    assert {code: c.value for code, c in ceus.items() if c} == {"CCDS": 30, "CCDS-O": 30, "CHC": 40, "CMPE": 50}
    orgs = ("ACDIS", "CCB", "MGMA", "HFMA")
    cycles = {code: catalog.pick(catalog.organization(code).renewal.cycle_years) for code in orgs}
    assert {code: c.value for code, c in cycles.items() if c} == {"ACDIS": 2, "CCB": 2, "MGMA": 3, "HFMA": 2}


def test_what_the_research_did_not_find_stays_unknown(catalog: Catalog) -> None:
    for code in ("CHC", "CMPE", "CCDS-O"):
        assert not any(f.kind is FeeKind.EXAM for f in catalog.credential(code).fees), code
    for org in ("ACDIS", "MGMA"):
        assert all(t.dues is None for t in catalog.organization(org).membership.tiers)
    cdip = catalog.credential("CDIP")
    assert not cdip.eligibility.required and not cdip.eligibility.recommended
    assert "eligibility rules and exam fee were not found" in cdip.summary
    members_only = catalog.pick(catalog.organization("MGMA").membership.required_for_exam)
    assert members_only is not None and members_only.value is True
    assert catalog.organization("ACDIS").membership.required_for_exam is None  # not stated


def test_adjacent_credentials_browse_like_the_rest(run: Any) -> None:
    listed = {c["code"] for c in as_json(run("list", "--json"))["credentials"]}
    assert {"CCDS", "CCDS-O", "CHC", "CMPE", "CRCR"} <= listed
    shown = as_json(run("show", "CCDS-O", "--json"))
    assert shown["issuer"] == "ACDIS"
    out = ok(run("compare", "CCDS", "CHC", "CRCR")).stdout
    assert "$380" in out and "$400" in out
    found = ok(run("search", "revenue cycle")).stdout
    assert "CRCR" in found
    fees = ok(run("fees", "CRCR")).stdout
    assert "$400" in fees and "2018" in fees
