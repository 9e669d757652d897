"""The cost of a path over years (engine), break-even, and `certcli cost` as a user meets it.

Hand-computed from data/*.yaml (see tests/test_fees.py for the figures) plus recertification:
AHIMA every 2 years, $218 non-member (+ $50 per further credential), $100 member (the member
fee for further credentials is not published); AAPC has no recertification fee (dues keep
the credential); NHA's renewal fee has only doubtful claims (unknown); PMI $75 a year.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from certcli.catalog import Catalog, load_catalog
from certcli.engine.cost import PathCost, path_cost
from certcli.engine.fees import Buyer
from certcli.model import Audience, Fee, FeeKind
from certcli.words import in_years, money, year_span
from tests.conftest import TODAY, as_json, is_source_url, ok


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
    assert pc.total == 0 and pc.incomplete  # its exam fee is not published either
    assert pc.unknown == ("CMRS exam (1 attempt, member) (year 1)", "AMBA dues (individual) (years 1–4)")


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
    assert doc["total"]["amount"] == 1930 and doc["total"]["complete"] is True and doc["years"] == 4
    assert [y["subtotal"]["amount"] for y in doc["by_year"]] == [647, 621, 222, 440]
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
    assert max(len(line) for line in out.splitlines() if not is_source_url(line)) <= 80


def test_cost_table_says_incomplete_and_what_is_missing(run: Any) -> None:
    out = ok(run("cost", "CMRS", "CPC", "--years", "2")).stdout
    assert "(incomplete)" in out and "Not published" in out and "AMBA dues" in out
    assert max(len(line) for line in out.splitlines() if not is_source_url(line)) <= 80


def test_cost_with_status_flags_and_attempts(run: Any) -> None:
    assert as_json(run("cost", "CCS", "--senior", "--json"))["total"]["amount"] == 497
    assert as_json(run("cost", "CPC", "--attempts", "2", "--years", "1", "--json"))["total"]["amount"] == 499 + 222
    doc = as_json(run("cost", "CCS", "--held", "CCA", "--non-member", "--json"))
    assert doc["total"]["amount"] == 935 and doc["held"] == ["CCA"]


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


# --------------------------------------------------------------------------- rules a user would see
# Expected figures below are read from data/ (or a synthetic catalog), not copied: a routine fee
# update keeps them true. Where a comment gives a dollar figure, it is the shipped data's, for reading.


def published(catalog: Catalog, fees: tuple[Fee, ...], kind: FeeKind, audience: Audience) -> int:
    """The current figure of the one fee of ``kind`` for ``audience`` (straight from data/)."""
    [fee] = [f for f in fees if f.kind is kind and f.audience is audience]
    claim = catalog.pick(fee.amount)
    assert claim is not None and not claim.superseded, f"{kind} for {audience} has no current price"
    return int(claim.value)


def test_two_attempts_without_a_package_pay_the_exam_and_a_retake(run: Any, catalog: Catalog) -> None:
    ccs = catalog.credential("CCS")
    assert not any(f.kind is FeeKind.EXAM and f.attempts == 2 for f in ccs.fees), "CCS now has a 2-attempt package"
    exam = published(catalog, ccs.fees, FeeKind.EXAM, Audience.NON_MEMBER)
    retake = published(catalog, ccs.fees, FeeKind.RETAKE, Audience.NON_MEMBER)
    doc = as_json(run("cost", "CCS", "--attempts", "2", "--non-member", "--years", "1", "--json"))
    assert [(i["year"], i["kind"], i["amount"]) for i in doc["items"]] == [(1, "exam", exam), (1, "retake", retake)]
    assert doc["total"]["amount"] == exam + retake and doc["total"]["complete"]  # $399 + $399 = $798
    flat = " ".join(ok(run("cost", "CCS", "--attempts", "2", "--non-member", "--years", "1")).stdout.split())
    assert "CCS retake (a second attempt, non-member)" in flat
    assert f"Total over 1 year {money(exam + retake)}" in flat


def test_each_further_credential_pays_the_additional_fee(run: Any, catalog: Catalog) -> None:
    ahima = catalog.organizations["AHIMA"]
    first = published(catalog, ahima.renewal.fees, FeeKind.RENEWAL, Audience.NON_MEMBER)
    extra = published(catalog, ahima.renewal.fees, FeeKind.RENEWAL_ADDITIONAL, Audience.NON_MEMBER)
    doc = as_json(run("cost", "CCA", "CCS", "CDIP", "--years", "6", "--non-member", "--json"))
    assert [s["exam_year"] for s in doc["schedule"]] == [1, 2, 3]
    renewals = [(i["year"], i["what"], i["amount"]) for i in doc["items"] if i["kind"] == "renewal"]
    # a 2-year cycle from year 1: CCA + CCS in year 3, all three in year 5
    assert renewals == [
        (3, "AHIMA recertification (non-member)", first),
        (3, "AHIMA recertification, 1 more credential (non-member)", extra),
        (5, "AHIMA recertification (non-member)", first),
        (5, "AHIMA recertification, 2 more credentials (non-member)", 2 * extra),  # $100, not $25
    ]
    lines = ok(run("cost", "CCA", "CCS", "CDIP", "--years", "6", "--non-member")).stdout.splitlines()
    [row] = [line for line in lines if line.strip().startswith("AHIMA recertification, 2 more credentials")]
    assert f" {money(2 * extra)} " in row
    assert f"2 × {money(extra)}" in "\n".join(lines[lines.index(row):])  # the note under the row


def test_a_membership_that_costs_more_says_how_much_more(run: Any) -> None:
    member = as_json(run("cost", "CCS", "--member", "--json"))
    never = as_json(run("cost", "CCS", "--non-member", "--json"))
    more = member["total"]["amount"] - never["total"]["amount"]
    assert more > 0, "AHIMA membership now pays for itself over 4 years: pick another case"  # $322
    [sentence] = member["strategy"]
    assert f"staying a member over 4 years costs {money(more)} more than never joining" in sentence
    out = ok(run("cost", "CCS", "--member")).stdout
    assert "saves $-" not in out and "$-" not in out
    assert f"costs {money(more)} more" in " ".join(out.split())


def _nha_cycle(catalog: Catalog) -> int:
    cycle = catalog.pick(catalog.organizations["NHA"].renewal.cycle_years)
    assert cycle is not None
    return int(cycle.value)


def test_unknown_renewals_over_many_years_are_named_by_their_years(run: Any, catalog: Catalog) -> None:
    every = _nha_cycle(catalog)  # NHA's renewal fee has only doubtful claims: each renewal is unknown
    four = [1 + every * k for k in range(1, 5)]  # earned in year 1: due in years 3, 5, 7, 9
    result = run("cost", "CBCS", "--years", str(four[-1] + 1), "--json")
    doc = as_json(result)
    assert result.stderr == ""
    assert [i["year"] for i in doc["items"] if i["kind"] == "renewal"] == four
    assert f"NHA recertification (every {every} years from year {four[0]} to {four[-1]})" in doc["total"]["unknown"]
    three = four[:3]
    doc = as_json(run("cost", "CBCS", "--years", str(three[-1]), "--json"))
    assert f"NHA recertification (years {three[0]}, {three[1]} and {three[2]})" in doc["total"]["unknown"]
    text = ok(run("cost", "CBCS", "--years", "10")).stdout
    assert "Traceback" not in text and "(incomplete)" in text


@pytest.mark.parametrize(
    "years, text",
    [
        ([1], "year 1"),
        ([1, 3], "years 1 and 3"),
        ([1, 2], "years 1 and 2"),
        ([2, 3, 4], "years 2–4"),
        ([3, 5, 7], "years 3, 5 and 7"),
        ([3, 5, 7, 9], "every 2 years from year 3 to 9"),
        ([9, 3, 7, 5, 3], "every 2 years from year 3 to 9"),
        ([1, 2, 4, 8], "years 1, 2, 4 and 8"),
        ([2, 5, 8, 11, 14], "every 3 years from year 2 to 14"),
    ],
)
def test_years_of_a_plan_in_words(years: list[int], text: str) -> None:
    assert year_span(years) == text
    assert in_years(years) == (text if text.startswith("every") else "in " + text)  # "dues are counted …"


def test_an_issuer_without_a_published_cycle_is_an_unknown_renewal(run: Any, catalog: Catalog) -> None:
    cmsp = catalog.credential("CMSP")
    assert catalog.pick(catalog.issuer(cmsp).renewal.cycle_years) is None
    doc = as_json(run("cost", "CMSP", "--json"))
    total = doc["total"]
    assert f"{cmsp.issuer} renewal (cycle and fee not published)" in total["unknown"] and not total["complete"]


# --------------------------------------------------------------------------- break-even, on a made-up issuer

SYNTHETIC = """
sources:
  - {id: xyz-fees, url: "https://example.org/fees", title: XYZ fees, year: 2026, confidence: official}
organizations:
  - code: XYZ
    name: XYZ Association
    url: https://example.org
    membership:
      required_for_exam: {value: false, source: xyz-fees}
      required_to_keep: {value: false, source: xyz-fees}
      tiers:
        - {kind: individual, name: Individual, dues: {value: 100, source: xyz-fees}}
    renewal:
      cycle_years: {value: 2, source: xyz-fees}
      fees:
        - {kind: renewal, audience: member, amount: {value: 100, source: xyz-fees}}
        - {kind: renewal, audience: non_member, amount: {value: 400, source: xyz-fees}}
credentials:
  - code: XC
    name: XYZ Credential
    issuer: XYZ
    category: coding
    level: entry
    summary: A made-up credential whose membership pays for itself only at the first recertification.
    fees:
      - {kind: exam, audience: member, amount: {value: 300, source: xyz-fees}}
      - {kind: exam, audience: non_member, amount: {value: 350, source: xyz-fees}}
"""


def test_membership_that_pays_for_itself_later_says_from_which_year(run: Any, tmp_path: Any) -> None:
    # member: 300 + 100 dues, 100, 100 + 100 = 400, 500, 700 cumulated; non-member: 350, 350, 750.
    # The member is behind in years 1 and 2 and ahead from year 3, when recertification falls due.
    (tmp_path / "xyz.yaml").write_text(SYNTHETIC)
    doc = as_json(run("--data-dir", str(tmp_path), "cost", "XC", "--years", "3", "--json"))
    [be] = doc["break_even"]
    assert (be["organization"], be["pays_for_itself"], be["from_year"]) == ("XYZ", True, 3)
    assert (be["dues"]["amount"], be["savings"]["amount"]) == (300, 50 + 300)
    assert "XYZ membership pays for itself from year 3" in be["explanation"]
    catalog = load_catalog(tmp_path)
    [one_year] = cost(catalog, "XC", years=1).break_even  # the recertification is beyond the plan
    assert (one_year.pays_for_itself, one_year.from_year) == (False, None)


@pytest.mark.parametrize("first", ["certcli.engine.cost", "certcli.engine.membership", "certcli.engine.fees",
                                   "certcli.engine.renewal", "certcli.engine.ceu_rules"])
def test_the_money_modules_import_in_any_order_and_keep_their_old_names(first: str) -> None:
    code = (
        f"import {first}\n"
        "from certcli.engine import cost, fees, renewal\n"
        "from certcli.engine.fees import Buyer, BreakEven, LineItem, PathCost, Quote, find_fee, path_cost, quote\n"
        "from certcli.engine.renewal import CeuRequirement, HeldCredential, RecertFee, add_years, ceu_requirement\n"
        "from certcli.engine.renewal import renewal_plan\n"
        "assert fees.path_cost is cost.path_cost and fees.PathCost is cost.PathCost\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
