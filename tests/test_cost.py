"""The cost of a path over years (engine), break-even, and `certcli cost` as a user meets it.

Hand-computed from data/*.yaml (see tests/test_fees.py for the figures) plus recertification:
AHIMA every 2 years, $218 non-member (+ $50 per further credential), $100 member (the member
fee for further credentials is not published); AAPC has no recertification fee (dues keep
the credential); NHA's renewal fee has only doubtful claims (unknown); PMI $75 a year.
"""

from __future__ import annotations

from typing import Any

import pytest

from certcli.catalog import Catalog
from certcli.engine.cost import PathCost, path_cost
from certcli.engine.fees import Buyer
from tests.conftest import TODAY, as_json, ok


def cost(catalog: Catalog, *codes: str, held: tuple[str, ...] = (), years: int = 4, attempts: int = 1,
         **buyer: Any) -> PathCost:
    return path_cost(catalog, catalog.resolve(list(codes)), years=years, buyer=Buyer(**buyer), attempts=attempts,
                     held=catalog.resolve(list(held)), today=TODAY)


def amounts(pc: PathCost, kind: str) -> list[tuple[int, int | None]]:
    return [(i.year, i.amount) for i in pc.items if i.kind == kind]


# --------------------------------------------------------------------------- AAPC


def test_aapc_exam_then_dues_every_year(catalog: Catalog) -> None:
    pc = cost(catalog, "CPC")
    assert pc.total == 425 + 4 * 222 == 1313
    assert pc.by_year() == {1: 647, 2: 222, 3: 222, 4: 222}
    assert not pc.incomplete and pc.unknown == ()
    assert amounts(pc, "renewal") == []  # AAPC: the dues keep the credential
    assert dict(pc.membership) == {"AAPC": "required"}
    assert "required" in pc.strategy[0] and "$888 over 4 years" in pc.strategy[0]


def test_aapc_two_attempts_and_student_first_year(catalog: Catalog) -> None:
    assert cost(catalog, "CPC", attempts=2).total == 499 + 4 * 222
    pc = cost(catalog, "CPC", student=True)
    assert amounts(pc, "dues") == [(1, 157), (2, 222), (3, 222), (4, 222)]
    assert pc.total == 425 + 157 + 3 * 222 == 1248
    assert any("first membership year only" in n for n in pc.notes)


def test_non_member_flag_still_pays_required_dues(catalog: Catalog) -> None:
    pc = cost(catalog, "CPC", member=False)
    assert pc.total == 1313
    assert pc.strategy[0].startswith("Even as a non-member you pay AAPC dues")


# --------------------------------------------------------------------------- AHIMA


def test_ahima_non_member_is_cheapest_with_individual_dues(catalog: Catalog) -> None:
    pc = cost(catalog, "CCS")
    assert amounts(pc, "exam") == [(1, 399)]
    assert amounts(pc, "renewal") == [(3, 218)]  # earned in year 1, 2-year cycle
    assert pc.total == 617 and dict(pc.membership) == {"AHIMA": "non-member"}
    sentence = pc.strategy[0]
    # joining costs $135 a year, saves $100 on the exam and $118 (= 218 - 100) per recertification
    for figure in ("$135 a year", "$100 on the CCS exam", "$118 on each recertification", "$540", "$218"):
        assert figure in sentence
    (be,) = pc.break_even
    assert (be.organization, be.pays_for_itself, be.from_year) == ("AHIMA", False, None)
    assert (be.dues, be.savings) == (540, 218)


def test_ahima_member_pays_dues_every_year_and_the_member_recertification(catalog: Catalog) -> None:
    pc = cost(catalog, "CCS", member=True)
    assert amounts(pc, "dues") == [(1, 135), (2, 135), (3, 135), (4, 135)]
    assert amounts(pc, "renewal") == [(3, 100)]
    assert pc.total == 299 + 4 * 135 + 100 == 939


def test_ahima_student_joins_only_for_the_exam_year(catalog: Catalog) -> None:
    pc = cost(catalog, "CCS", student=True)
    # year 1 as a student member ($49) saves $100; in year 3 $135 dues would save only $118
    assert amounts(pc, "dues") == [(1, 49)]
    assert amounts(pc, "exam") == [(1, 299)] and amounts(pc, "renewal") == [(3, 218)]
    assert pc.total == 299 + 49 + 218 == 566
    assert "year 1" in pc.strategy[0] and "$51 less than never joining" in pc.strategy[0]


def test_ahima_first_time_rate_is_best_used_at_recertification(catalog: Catalog) -> None:
    pc = cost(catalog, "CCS", first_time=True)
    # joining first in year 3 ($79) saves $118 on recertification; in year 1 it would save $100 only
    assert pc.total == 399 + 79 + 100 == 578
    assert amounts(pc, "dues") == [(3, 79)]


def test_ahima_senior_membership_pays_for_itself_from_year_1(catalog: Catalog) -> None:
    pc = cost(catalog, "CCS", senior=True)
    assert pc.total == 299 + 49 + 49 + 100 == 497  # member in years 1 and 3 only
    (be,) = pc.break_even
    # staying a member: 348, 397, 546, 595 cumulated vs 399, 399, 617, 617 as a non-member
    assert (be.pays_for_itself, be.from_year, be.dues, be.savings) == (True, 1, 4 * 49, 218)


def test_several_ahima_credentials_add_the_per_credential_fee(catalog: Catalog) -> None:
    pc = cost(catalog, "CCA", "CCS")
    assert pc.schedule == (("CCA", 1), ("CCS", 2))
    assert amounts(pc, "renewal") == [(3, 218), (3, 50)]
    assert pc.total == 299 + 399 + 218 + 50 == 966 and not pc.incomplete


def test_member_fee_for_further_credentials_is_unknown(catalog: Catalog) -> None:
    pc = cost(catalog, "CCA", "CCS", member=True)
    assert pc.incomplete
    assert any("1 more credential (member)" in u for u in pc.unknown)
    assert pc.total == 199 + 299 + 4 * 135 + 100  # the known amounts only
    assert pc.break_even[0].pays_for_itself is None


def test_held_credential_counts_in_the_recertification(catalog: Catalog) -> None:
    pc = cost(catalog, "CCS", held=("CCA",))
    assert amounts(pc, "renewal") == [(2, 218), (2, 50), (4, 218), (4, 50)]
    assert pc.total == 399 + 2 * 268 == 935
    assert pc.held == ("CCA",)


# --------------------------------------------------------------------------- several issuers


def test_multi_issuer_path(catalog: Catalog) -> None:
    pc = cost(catalog, "CPC", "CCS")
    assert pc.schedule == (("CPC", 1), ("CCS", 2))
    assert pc.by_year() == {1: 425 + 222, 2: 222 + 399, 3: 222, 4: 222 + 218}
    assert pc.total == 1930
    assert dict(pc.membership) == {"AAPC": "required", "AHIMA": "non-member"}
    assert len(pc.strategy) == 2 and [b.organization for b in pc.break_even] == ["AHIMA"]
    assert [i.year for i in pc.items] == sorted(i.year for i in pc.items)


# --------------------------------------------------------------------------- conflicting and unknown


def test_conflicting_exam_fee_and_doubtful_renewal_fee(catalog: Catalog) -> None:
    pc = cost(catalog, "CBCS")
    exam = next(i for i in pc.items if i.kind == "exam")
    assert exam.amount == 117 and exam.disputed and "sources disagree" in (exam.note or "")
    renewal = next(i for i in pc.items if i.kind == "renewal")
    assert renewal.year == 3 and renewal.amount is None  # $59 / $185 claims are doubtful: unknown
    assert "unverified" in (renewal.note or "")
    assert pc.total == 117 and pc.incomplete
    assert any(u.startswith("NHA recertification") for u in pc.unknown)


def test_unknown_dues_are_listed_and_never_zero(catalog: Catalog) -> None:
    pc = cost(catalog, "CMRS")
    assert amounts(pc, "dues") == [(1, None), (2, None), (3, None), (4, None)]
    assert pc.total == 325 and pc.incomplete
    assert pc.unknown == ("AMBA dues (individual) (years 1–4)",)


def test_annual_renewal_fee(catalog: Catalog) -> None:
    pc = cost(catalog, "CMC")
    assert amounts(pc, "renewal") == [(2, 75), (3, 75), (4, 75)]
    assert pc.incomplete and pc.total == 225  # the CMC exam fee is not published


def test_engine_refuses_impossible_horizons(catalog: Catalog) -> None:
    with pytest.raises(ValueError):
        cost(catalog, "CPC", years=0)
    with pytest.raises(ValueError):
        cost(catalog, "CPC", attempts=3)


# --------------------------------------------------------------------------- the command


def test_cost_json_itemizes_with_sources_and_years(run: Any) -> None:
    doc = as_json(run("cost", "CPC", "CCS", "--json"))
    assert doc["total"] == 1930 and doc["incomplete"] is False and doc["years"] == 4
    assert [y["subtotal"] for y in doc["by_year"]] == [647, 621, 222, 440]
    for item in doc["items"]:
        assert item["amount"] is not None and item["source"] in doc["sources"]
        assert item["kind"] in ("exam", "dues", "renewal")
    assert doc["membership"] == {"AAPC": "required", "AHIMA": "non-member"}
    assert doc["break_even"][0]["pays_for_itself"] is False


def test_cost_table_by_year_with_strategy_and_break_even(run: Any) -> None:
    result = ok(run("cost", "CCS", "--years", "4"))
    out = result.stdout
    flat = " ".join(out.split())  # phrases may wrap at 80 columns
    for text in ("Year 1", "Year 3", "$399", "$218", "Total over 4 years", "$617", "$118 on each recertification",
                 "does not pay for itself", "old", "Sources"):
        assert text in flat, text
    assert result.stderr == ""
    assert max(len(line) for line in out.splitlines()) <= 80


def test_cost_table_says_incomplete_and_what_is_missing(run: Any) -> None:
    out = ok(run("cost", "CMRS", "CPC", "--years", "2")).stdout
    assert "(incomplete)" in out and "Not published" in out and "AMBA dues" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_cost_with_status_flags_and_attempts(run: Any) -> None:
    assert as_json(run("cost", "CCS", "--senior", "--json"))["total"] == 497
    assert as_json(run("cost", "CPC", "--attempts", "2", "--years", "1", "--json"))["total"] == 499 + 222
    doc = as_json(run("cost", "CCS", "--held", "CCA", "--non-member", "--json"))
    assert doc["total"] == 935 and doc["held"] == ["CCA"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["cost", "CPX"], "Did you mean CPC?"),
        (["cost", "CPC", "--member", "--non-member"], "--member and --non-member"),
        (["cost", "CPC", "--years", "0"], "--years"),
        (["cost", "CPC", "--years", "-2"], "--years"),
        (["cost", "CPC", "--years", "51"], "--years"),
        (["cost", "CPC", "--years", "four"], "--years"),
        (["cost", "CPC", "--attempts", "3"], "--attempts must be 1 or 2"),
        (["cost", "CPC", "--held", "CPC"], "both in the path and in --held"),
    ],
)
def test_cost_bad_input_is_one_line_and_exit_2(run: Any, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert result.stdout == ""
