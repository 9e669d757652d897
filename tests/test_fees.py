"""Fee look-ups and first-year quotes (engine), and `certcli fees` as a user meets it.

Expected figures are worked out by hand from data/*.yaml:
AAPC: CPC $425 (1 attempt) / $499 (2 attempts), members only; dues $222 individual, $157 student.
AHIMA: CCS $299 member / $399 non-member, retake the same; dues (seed) $135, student $49,
first-time $79, 65+ $49. NHA: CBCS $117 (sources disagree). AMBA: CMRS $325, dues not published.
"""

from __future__ import annotations

from typing import Any

import pytest

from certcli.catalog import Catalog
from certcli.engine.fees import Buyer, quote
from tests.conftest import TODAY, as_json, is_source_url, ok


def q(catalog: Catalog, code: str, attempts: int = 1, **buyer: Any) -> Any:
    return quote(catalog, catalog.credential(code), Buyer(**buyer), attempts, TODAY)


# --------------------------------------------------------------------------- AAPC: membership required


def test_aapc_member_price_is_exam_plus_a_year_of_dues(catalog: Catalog) -> None:
    cpc = q(catalog, "CPC", member=True)
    assert cpc.membership_required is True and cpc.member is True
    assert (cpc.exam.amount, cpc.dues.amount, cpc.total) == (425, 222, 647)
    assert cpc.exam.as_of == 2026 and cpc.exam.source == "mbc-bv6-cpc-2026"
    assert cpc.attempts == 1


def test_aapc_non_member_pays_the_member_price_plus_dues_and_is_told_why(catalog: Catalog) -> None:
    cpc = q(catalog, "CPC", member=False)
    assert cpc.total == 647  # there is no non-member price: $425 + $222 dues
    assert cpc.member is True
    assert any("members only" in n and "plus a year's dues" in n for n in cpc.notes)


def test_aapc_two_attempt_package(catalog: Catalog) -> None:
    cpc = q(catalog, "CPC", attempts=2)
    assert (cpc.exam.amount, cpc.attempts, cpc.total) == (499, 2, 499 + 222)
    assert "2 attempts" in cpc.exam.what


def test_aapc_student_dues(catalog: Catalog) -> None:
    cpc = q(catalog, "CPC", student=True)
    assert cpc.dues.amount == 157 and "student" in cpc.dues.what
    assert cpc.exam.amount == 425  # the student exam prices are all superseded: member price applies
    assert cpc.total == 425 + 157


def test_sold_only_as_a_two_attempt_package(catalog: Catalog) -> None:
    cpco = q(catalog, "CPCO")
    assert (cpco.exam.amount, cpco.attempts, cpco.total) == (499, 2, 499 + 222)
    assert any("only as a 2-attempt package" in n for n in cpco.notes)


# --------------------------------------------------------------------------- AHIMA: optional membership


@pytest.mark.parametrize(
    "status, member, exam, dues, total",
    [
        ({}, False, 399, None, 399),  # $299 + $135 = $434 > $399: non-member is cheaper in year 1
        ({"student": True}, True, 299, 49, 348),
        ({"first_time": True}, True, 299, 79, 378),
        ({"senior": True}, True, 299, 49, 348),
        ({"member": True}, True, 299, 135, 434),
        ({"member": False, "student": True}, False, 399, None, 399),
    ],
)
def test_ahima_optional_membership_tiers(
    catalog: Catalog, status: dict[str, bool], member: bool, exam: int, dues: int | None, total: int
) -> None:
    ccs = q(catalog, "CCS", **status)
    assert ccs.membership_required is False
    assert ccs.member is member
    assert ccs.exam.amount == exam
    assert (ccs.dues.amount if ccs.dues else None) == dues
    assert ccs.total == total


def test_ahima_cheaper_choice_is_explained_with_figures(catalog: Catalog) -> None:
    note = " ".join(q(catalog, "CCS", student=True).notes)
    assert "$49" in note and "$100" in note and "$51 less" in note


def test_seed_dues_are_labelled_and_old(catalog: Catalog) -> None:
    dues = q(catalog, "CCS", member=True).dues
    assert dues.source == "seed-accredited-schools"
    assert dues.as_of is None and dues.stale is True
    assert "seed source, unverified" in dues.note and "undated" in dues.note


def test_two_attempts_where_no_package_is_sold_says_so(catalog: Catalog, run: Any) -> None:
    ccs = q(catalog, "CCS", attempts=2, member=False)
    assert ccs.attempts == 1 and ccs.total == 399  # the first year is one attempt: the retake is not in it
    assert ccs.retake is not None and (ccs.retake.kind, ccs.retake.amount) == ("retake", 399)
    assert not any("certcli" in n for n in ccs.notes)  # the engine writes no command line
    doc = as_json(run("fees", "CCS", "--attempts", "2", "--non-member", "--json"))
    notes = " ".join(next(iter(doc["quotes"].values()))["notes"])
    assert "not sold as a 2-attempt package: a retake costs $399" in notes
    assert "'certcli cost CCS --attempts 2' counts it" in notes


# --------------------------------------------------------------------------- disputed and unknown


def test_disputed_fee_uses_the_marked_value_and_keeps_the_others(catalog: Catalog) -> None:
    cbcs = q(catalog, "CBCS")
    assert cbcs.exam.amount == 117 and cbcs.exam.disputed
    assert "sources disagree" in cbcs.exam.note and "$117–$155" in cbcs.exam.note
    assert {a.amount for a in cbcs.exam.others} >= {135}
    assert cbcs.dues is None and cbcs.total == 117  # NHA: no membership


def test_unknown_exam_fee_is_unknown_not_zero(catalog: Catalog) -> None:
    cic = q(catalog, "CIC")
    assert cic.exam.amount is None and cic.total is None
    assert "$350 (2017)" in cic.exam.note  # the old price is named, not used


def test_unknown_dues_make_the_first_year_unknown(catalog: Catalog) -> None:
    cmrs = q(catalog, "CMRS")
    assert cmrs.exam.amount is None  # no page states a CMRS price
    assert cmrs.dues is not None and cmrs.dues.amount is None
    assert cmrs.total is None


# --------------------------------------------------------------------------- the command


def test_fees_json_has_every_line_item_with_source_and_year(run: Any) -> None:
    doc = as_json(run("fees", "CPC", "CCS", "--json"))
    quotes = {x["code"]: x for x in doc["quotes"].values()}
    assert quotes["CPC"]["first_year_total"]["amount"] == 647
    assert quotes["CCS"]["first_year_total"]["amount"] == 399 and quotes["CCS"]["member"] is False
    for item in (quotes["CPC"]["exam"], quotes["CPC"]["dues"], quotes["CCS"]["exam"]):
        assert item["source"] in doc["sources"] and item["as_of"] in (2010, 2026)
    assert doc["sources"]["ahima-ccs-2010"]["year"] == 2010


def test_fees_member_lists_every_credential(run: Any, catalog: Catalog) -> None:
    doc = as_json(run("fees", "--member", "--json"))
    assert [x["code"] for x in doc["quotes"].values()] == list(catalog.credentials)
    by_code = {x["code"]: x for x in doc["quotes"].values()}
    assert by_code["CCS"]["first_year_total"]["amount"] == 299 + 135
    assert by_code["CCA"]["first_year_total"]["amount"] == 199 + 135
    assert by_code["CIC"]["first_year_total"]["complete"] is False


def test_fees_table_for_a_non_member_says_why_aapc_costs_dues(run: Any) -> None:
    result = ok(run("fees", "CPC", "CCS", "CIC", "--non-member"))
    out = result.stdout
    flat = " ".join(out.split())  # phrases may wrap at 80 columns
    assert "$647" in out and "$399" in out
    assert "members only" in flat and "plus a year's dues" in flat
    lines = out.splitlines()
    cic = next(line for line in lines if line.startswith("CIC "))
    assert cic.split()[2:4] == ["not", "published"] and cic.split()[-3:] == ["$222", "+", "?"]  # exam cell; total
    ccs_as_of = lines[lines.index(next(line for line in lines if line.startswith("CCS "))) + 1]
    assert ccs_as_of.split()[:3] == ["2010", "[2]", "old"]  # "old" as a word, in the CCS exam fee's as-of cell
    assert "[2]  " in out[out.index("\nSources") :]  # the footnote is listed
    assert result.stderr == ""
    assert max(len(line) for line in out.splitlines() if not is_source_url(line)) <= 80


def test_fees_memberships_shows_tiers_with_dues_and_years(run: Any) -> None:
    out = ok(run("fees", "--memberships")).stdout
    assert "AHIMA" in out and "Student" in out and "$49" in out and "$79" in out
    assert "Required to sit its exams: yes" in out  # AAPC
    assert max(len(line) for line in out.splitlines() if not is_source_url(line)) <= 80
    doc = as_json(run("fees", "--memberships", "CCS", "--json"))
    assert [o["code"] for o in doc["organizations"]] == ["AHIMA"]
    tiers = {t["kind"]: t for t in doc["organizations"][0]["tiers"]}
    assert tiers["senior"]["dues"]["amount"] == 49 and tiers["senior"]["dues"]["as_of"] is None
    assert doc["organizations"][0]["required_for_exam"]["value"] is False


@pytest.mark.parametrize(
    "args, message",
    [
        (["fees", "CPX"], "Did you mean CPC?"),
        (["fees", "CPC", "--member", "--non-member"], "--member and --non-member"),
        (["fees", "CPC", "--attempts", "3"], "--attempts must be 1 or 2"),
        (["fees", "--attempts", "two"], "--attempts must be 1 or 2"),
    ],
)
def test_fees_bad_input_is_one_line_and_exit_2(run: Any, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert result.stdout == ""
