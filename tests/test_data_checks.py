"""``data check`` refuses what makes a figure unsafe to rely on: each refusal on a fixture copy
broken in one place, and the census of the shipped data's money and eligibility figures."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import Catalog, audit, check_data
from certcli.model import Confidence
from tests.conftest import FIXTURE, as_json


def broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    text = (data / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {name}"
    (data / name).write_text(text.replace(old, new), encoding="utf-8")
    return data


def test_the_fixture_passes_every_check() -> None:
    assert check_data(FIXTURE) == []


def test_two_claims_marked_current_for_one_fact(tmp_path: Path, run: Any) -> None:
    data = broken(tmp_path, "aapc.yaml", "          - value: 350\n            source: t-aapc-2026\n",
                  "          - value: 350\n            source: t-aapc-2026\n            status: current\n")
    result = run("data", "check", str(data))
    assert result.exit_code == 1, result.output
    expected = "TPC.fees[0].amount: 2 claims are marked current (400, 350); one is computed with, so mark one"
    assert expected in result.stderr


def test_a_superseded_claim_newer_than_the_one_in_use_needs_a_note(tmp_path: Path) -> None:
    old = "          - value: 150\n            source: t-ahima-tp-2026\n"
    data = broken(tmp_path, "ahima.yaml", old, old + "            status: superseded\n")
    [problem] = check_data(data)
    assert problem.endswith(
        "fees[0].amount: a superseded claim (150, 2026) is newer than the one in use (150, 2020); say why in its note"
    ), problem
    noted = broken(tmp_path / "noted", "ahima.yaml", old, old + "            status: superseded\n"
                   "            note: the issuer's own page is the newer authority here\n")
    assert check_data(noted) == []


def test_a_money_figure_resting_only_on_a_weak_source_needs_accepted(tmp_path: Path) -> None:
    old = "        amount:\n          value: 300\n          source: t-ahima-2026\n"
    data = broken(tmp_path, "ahima.yaml", old, old.replace("t-ahima-2026", "t-weak-2026"))
    [problem] = check_data(data)
    assert "fees[1].amount: a figure used in money rests only on third-party-weak sources" in problem
    assert "accepted: REASON" in problem
    fine = broken(tmp_path / "fine", "ahima.yaml", old,
                  old.replace("t-ahima-2026", "t-weak-2026") + "          accepted: the only figure anyone gives\n")
    assert check_data(fine) == []


def test_an_eligibility_condition_resting_only_on_a_weak_source_needs_accepted(tmp_path: Path) -> None:
    old = "        - text: A high-school diploma.\n          source: t-ahima-2026\n"
    data = broken(tmp_path, "ahima.yaml", old, old.replace("t-ahima-2026", "t-weak-2026"))
    [problem] = check_data(data)
    assert "eligibility.recommended[0]: a figure used in eligibility rests only on third-party-weak sources" in problem


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://conference-test.ahima.org/certification-careers/cca",
         "conference-test.ahima.org is a test or alternate host; give the canonical address"),
        ("https://cms-test.ahima.org/x/", "cms-test.ahima.org is a test or alternate host"),
        ("https://my2.ahima.org/certification-careers/recertify", "my2.ahima.org is a test or alternate host"),
        ("https://ahima.app/certification-careers/recertify/", "ahima.app is a test or alternate host"),
        ("http://ahimaorg-558299850.us-east-1.elb.amazonaws.com/certification/CCS",
         "ahimaorg-558299850.us-east-1.elb.amazonaws.com is a test or alternate host"),
        ("https://example.org/ (a forum post; exact URL not recorded)", "the page's address is not recorded"),
        ("https://example.org/", "a domain, not a page, is behind a figure; cite the page"),
    ],
)
def test_a_source_url_that_is_not_a_page_to_cite(tmp_path: Path, url: str, expected: str) -> None:
    data = broken(tmp_path, "sources.yaml", "url: https://example.org/test/ahima/2026\n", f"url: '{url}'\n")
    [problem] = check_data(data)
    assert problem.endswith(f"sources.yaml: sources.t-ahima-2026.url: {problem.split('.url: ', 1)[1]}")
    assert expected in problem, problem


def test_one_page_defined_twice_for_the_same_year(tmp_path: Path) -> None:
    data = broken(tmp_path, "sources.yaml", "url: https://example.org/test/ahima/2026\n",
                  "url: https://www.example.org/test/aapc/2026/\n")  # t-aapc-2026's page, 2026 too
    [problem] = check_data(data)
    assert "sources.t-ahima-2026: the same page as 't-aapc-2026' for the same year; keep one source id" in problem


def test_a_fact_whose_claims_are_all_superseded_has_no_value(run: Any) -> None:
    """CIC $350, CPMA $325 and CPC-P $350 are old prices: shown as such, never a value to use."""
    for code, old in (("CIC", 350), ("CPMA", 325), ("CPC-P", 350)):
        doc = as_json(run("show", code, "--json"))
        stale = [f for f in doc["fees"] if f["claims"][0]["value"] == old]
        assert stale, code
        for fee in stale:
            assert (fee["amount"], fee["status"]) == (None, "superseded"), (code, fee)
            assert {c["status"] for c in fee["claims"]} == {"superseded"}


def test_census_no_money_or_eligibility_figure_rests_only_on_seed_or_weak_sources(catalog: Catalog) -> None:
    weak = {Confidence.SEED, Confidence.THIRD_PARTY_WEAK}
    unaccepted = [
        fig.path for fig in audit.figures(catalog)
        if {catalog.sources[s].confidence for s in fig.sources} <= weak and not fig.accepted
    ]
    assert unaccepted == []
    counted = {fig.use for fig in audit.figures(catalog)}
    assert counted == {"money", "eligibility"}


def test_the_shipped_data_passes_data_check(run: Any) -> None:
    result = run("data", "check")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
