"""`certcli renew`: CEUs under each issuer's stacking rule, due dates, fees, and bad input.

Expected figures are the official ones (AAPC CEU help page c. 2018–22: 36/40/44/48/52 for 1/2/3/4/5+
credentials, CPMA 16 auditing, 8 per specialty, CIRCC 16; AHIMA recertification page c. 2019–20:
CCS + CCS-P = 30, RHIA + CHDA = 40, RHIA + CCS + CCS-P = 50; AHIMA FAQ c. 2021: $218 non-member
+ $50 per further credential; AMBA: 15 a year, half from AMBA; NHA: 10 every 2 years).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from certcli.catalog import Catalog, load_catalog
from certcli.cli import app
from certcli.commands.common import Clock
from certcli.commands.renew import parse_held
from certcli.engine.fees import recert_fee
from certcli.engine.renewal import (
    HeldCredential,
    add_years,
    ceu_requirement,
    renewal_plan,
)
from certcli.errors import UsageError
from certcli.model import Audience, FeeKind, TierKind
from certcli.words import money
from tests.conftest import DATA, TODAY, as_json, is_source_url, ok


@pytest.fixture
def run_today(run: Any) -> Any:
    """``run`` (its environment) with the clock fixed at TODAY (2026-11-23), passed in as the context object."""
    return lambda *args: CliRunner().invoke(app, list(args), obj=Clock(TODAY))


def plan_for(catalog: Catalog, *args: str, today: date = TODAY, member: bool | None = None) -> Any:
    return renewal_plan(catalog, parse_held(catalog, list(args), today), today, member)


def issuer(plan: Any, code: str) -> Any:
    return next(i for i in plan.issuers if i.code == code)


def ceus(catalog: Catalog, *codes: str) -> int | None:
    creds = catalog.resolve(list(codes))
    return ceu_requirement(catalog, catalog.issuer(creds[0]), creds).ceus


# --------------------------------------------------------------------------- stacking tables


@pytest.mark.parametrize(
    "codes, expected",
    [
        (["CPC"], 36),
        (["CPC", "CRC"], 40),
        (["CPC", "CRC", "CPB"], 44),
        (["CPC", "CRC", "CPB", "COC"], 48),
        (["CPC", "CRC", "CPB", "COC", "CIC"], 52),
        (["CPC", "CRC", "CPB", "COC", "CIC", "CPMA"], 52),  # 5 or more
    ],
)
def test_aapc_table_by_number_of_credentials(catalog: Catalog, codes: list[str], expected: int) -> None:
    assert ceus(catalog, *codes) == expected


def test_aapc_subject_ceus_are_counted_inside_the_total(catalog: Catalog) -> None:
    creds = catalog.resolve(["CPC", "CPMA", "CCC", "CIRCC"])
    req = ceu_requirement(catalog, catalog.organization("AAPC"), creds)
    assert req.ceus == 48  # four credentials
    assert {(s.code, s.subject, s.ceus) for s in req.subject} == {
        ("CPMA", "auditing", 16),
        ("CCC", "cardiology", 8),
        ("CIRCC", "interventional radiology", 16),
    }


@pytest.mark.parametrize(
    "codes, expected",
    [
        (["CCS"], 20),
        (["RHIA"], 30),
        (["CCS", "CCS-P"], 30),
        (["RHIA", "CHDA"], 40),
        (["RHIA", "CCS", "CCS-P"], 50),
        (["RHIA", "CHDA", "CHPS", "CDIP", "CCS"], 50),  # 30 + 4 × 10 = 70, capped at 50
        (["RHIT", "RHIA"], 30),  # the RHIA replaces the RHIT
    ],
)
def test_ahima_highest_plus_ten_per_further_credential(catalog: Catalog, codes: list[str], expected: int) -> None:
    assert ceus(catalog, *codes) == expected


def test_rhit_is_dropped_when_rhia_is_held(catalog: Catalog) -> None:
    creds = catalog.resolve(["RHIT", "RHIA"])
    req = ceu_requirement(catalog, catalog.organization("AHIMA"), creds)
    assert req.dropped == (("RHIT", "RHIA"),)
    assert [c.code for c in req.credentials] == ["RHIA"]


def test_any_superseding_credential_drops_the_old_one(catalog: Catalog) -> None:
    rhit = catalog.credential("RHIT")
    odd = rhit.model_copy(update={"renewal": rhit.renewal.model_copy(update={"superseded_by": ("CDIP", "RHIA")})})
    req = ceu_requirement(catalog, catalog.organization("AHIMA"), [odd, catalog.credential("RHIA")])
    assert req.dropped == (("RHIT", "RHIA"),) and req.ceus == 30


def test_no_guessed_sum_where_an_issuer_publishes_no_stacking_rule(catalog: Catalog) -> None:
    cmrs = catalog.credential("CMRS")  # AMBA: 15 a year, stacking rule unknown
    twin = cmrs.model_copy(update={"code": "CMRS2"})
    amba = catalog.organization("AMBA")
    assert ceu_requirement(catalog, amba, [cmrs]).ceus == 15
    both = ceu_requirement(catalog, amba, [cmrs, twin])
    assert both.ceus is None
    assert "does not publish" in both.basis


def test_cross_issuer_plan_keeps_each_issuers_rule(catalog: Catalog) -> None:
    plan = plan_for(catalog, "CPC", "CCS", "CBCS", "CRC")
    assert [i.code for i in plan.issuers] == ["AAPC", "AHIMA", "NHA"]
    assert issuer(plan, "AAPC").requirement.ceus == 40
    assert issuer(plan, "AAPC").codes == ("CPC", "CRC")
    assert issuer(plan, "AHIMA").requirement.ceus == 20
    assert issuer(plan, "NHA").requirement.ceus == 10
    assert issuer(plan, "NHA").cycle.value == 2
    assert plan.deadlines == ()  # no dates given
    assert plan.undated == ("CPC", "CRC", "CCS", "CBCS")


def test_issuer_share_as_ceus(catalog: Catalog) -> None:
    plan = plan_for(catalog, "RHIA", "CHDA", "CMRS")
    assert issuer(plan, "AHIMA").issuer_share_ceus == 16  # 40% of 40
    assert issuer(plan, "AMBA").issuer_share_ceus == 7.5  # 50% of 15


# --------------------------------------------------------------------------- money


def test_ahima_recertification_fee_by_membership(catalog: Catalog) -> None:
    non = issuer(plan_for(catalog, "RHIA", "CCS", "CCS-P", member=False), "AHIMA")
    assert [(f.audience, f.total) for f in non.recert_fees] == [(Audience.NON_MEMBER, 318)]  # 218 + 2 × 50
    member_one = issuer(plan_for(catalog, "CCS", member=True), "AHIMA")
    assert [(f.audience, f.total) for f in member_one.recert_fees] == [(Audience.MEMBER, 100)]
    member_two = issuer(plan_for(catalog, "CCS", "CCS-P", member=True), "AHIMA")
    assert member_two.recert_fees[0].total is None  # the member price per further credential is unpublished
    both = issuer(plan_for(catalog, "CCS"), "AHIMA")
    assert [f.audience for f in both.recert_fees] == [Audience.NON_MEMBER, Audience.MEMBER]


def _pmi_fees(catalog: Catalog) -> tuple[int, list[int]]:
    """PMI's first-credential fee and its additional fees in the order published (from data/)."""
    fees = catalog.organizations["PMI"].renewal.fees
    first = [catalog.pick(f.amount).value for f in fees if f.kind is FeeKind.RENEWAL]
    more = [catalog.pick(f.amount).value for f in fees if f.kind is FeeKind.RENEWAL_ADDITIONAL]
    assert len(first) == 1 and len(more) >= 2, "PMI publishes one fee for the first credential and a list after it"
    return first[0], more


def test_renew_and_cost_charge_further_credentials_by_the_same_rule(run_today: Any, catalog: Catalog) -> None:
    """One recertification-fee rule for both commands: each further credential pays the next
    additional fee in the order published. PMI: $75, then $50 for the second, $25 each for the
    third and fourth ("4 certifications = $175"), so CMC + CMIS cost $75 + $50 a cycle.
    (renew used to give no total when more than one additional fee was published.)"""
    first, more = _pmi_fees(catalog)
    both = first + more[0]
    doc = as_json(run_today("renew", "CMC@2024-05-01", "CMIS@2024-05-01", "--json"))
    [pmi] = doc["issuers"]
    assert [(f["credentials"], f["total"]["amount"]) for f in pmi["recertification_fees"]] == [(2, both)]
    assert [c["total"]["amount"] for c in pmi["cost_to_keep"]] == [both]
    text = " ".join(ok(run_today("renew", "CMC@2024-05-01", "CMIS@2024-05-01")).stdout.split())
    assert f"{money(both)} per cycle: {money(first)} + {money(more[0])} ×" in text

    cost = as_json(run_today("cost", "CMC", "CMIS", "--years", "3", "--json"))
    renewals = [(i["year"], i["amount"]) for i in cost["items"] if i["kind"] == "renewal"]
    assert renewals == [(2, first), (3, first), (3, more[0])]  # CMIS is earned in year 2: both renew in year 3
    assert sum(amount for year, amount in renewals if year == 3) == both


def test_recertification_fee_list_applies_in_order_the_last_repeating(catalog: Catalog) -> None:
    first, more = _pmi_fees(catalog)
    pmi = catalog.organizations["PMI"]
    totals = [recert_fee(catalog, pmi, Audience.ANY, n).total for n in (1, 2, 3, 4, 5)]
    assert totals == [first, first + more[0], first + more[0] + more[1], first + more[0] + 2 * more[1],
                      first + more[0] + 3 * more[1]]
    assert totals[3] == 175  # shipped data: PMI's own worked example, "4 certifications = $175"


def test_membership_dues_are_the_cost_of_keeping_aapc(catalog: Catalog) -> None:
    aapc = issuer(plan_for(catalog, "CPC", "CRC"), "AAPC")
    assert aapc.recert_fees == ()
    [cost] = aapc.keep_costs
    assert cost.dues is not None and cost.dues.value == 222 and cost.total == 444  # 2 years of dues


def test_unknown_money_stays_unknown(catalog: Catalog) -> None:
    nha = issuer(plan_for(catalog, "CBCS"), "NHA")
    assert nha.recert_fees[0].first_claim is None and nha.recert_fees[0].total is None  # doubtful figures only
    amba = issuer(plan_for(catalog, "CMRS"), "AMBA")
    assert amba.keep_costs[0].total is None  # dues not published


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "day, years, expected",
    [
        (date(2024, 2, 29), 2, date(2026, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2023, 12, 31), 1, date(2024, 12, 31)),
        (date(2024, 1, 31), 2, date(2026, 1, 31)),
        (date(2024, 4, 30), -2, date(2022, 4, 30)),
    ],
)
def test_add_years(day: date, years: int, expected: date) -> None:
    assert add_years(day, years) == expected


def test_two_year_cycle_next_due_after_today_with_dues_in_between(catalog: Catalog) -> None:
    aapc = issuer(plan_for(catalog, "CPC@2024-03-15", "CRC"), "AAPC")
    assert aapc.next_due == date(2028, 3, 15)  # 2026-03-15 has passed
    assert aapc.previous_due == date(2026, 3, 15)
    assert aapc.dues_dates == (date(2027, 3, 15),)
    assert not aapc.first_cycle


def test_leap_day_anchor_does_not_drift(catalog: Catalog) -> None:
    early = issuer(plan_for(catalog, "CMRS@2024-02-29", today=date(2026, 3, 1)), "AMBA")
    assert early.next_due == date(2027, 2, 28)
    late = issuer(plan_for(catalog, "CMRS@2024-02-29", today=date(2027, 3, 1)), "AMBA")
    assert late.next_due == date(2028, 2, 29)  # counted from the anchor, not from 2027-02-28


def test_a_due_date_today_is_due_today(catalog: Catalog) -> None:
    aapc = issuer(plan_for(catalog, "CPC@2024-11-23"), "AAPC")
    assert aapc.next_due == TODAY


def test_first_cycle_is_flagged_as_pro_rated(catalog: Catalog) -> None:
    aapc = issuer(plan_for(catalog, "CPC@2025-06-30"), "AAPC")
    assert aapc.next_due == date(2027, 6, 30) and aapc.first_cycle
    assert any("pro-rates" in n for n in aapc.notes)


def test_cycle_end_given(catalog: Catalog) -> None:
    ahead = issuer(plan_for(catalog, "CPC@end:2027-01-31"), "AAPC")
    assert ahead.next_due == date(2027, 1, 31) and ahead.anchor_kind == "cycle_end"
    past = issuer(plan_for(catalog, "CPC@end:2025-01-31"), "AAPC")
    assert past.next_due == date(2027, 1, 31) and past.previous_due == date(2025, 1, 31)
    recent = issuer(plan_for(catalog, "CPC@end:2026-10-31"), "AAPC")
    assert recent.next_due == date(2028, 10, 31)
    assert any("23 days ago" in n for n in recent.notes)  # inside the grace/late window


def test_one_cycle_per_issuer_from_the_earliest_date(catalog: Catalog) -> None:
    aapc = issuer(plan_for(catalog, "CRC@2021-01-01", "CPC@2020-05-01"), "AAPC")
    assert aapc.anchor is not None and aapc.anchor.code == "CPC"
    assert aapc.next_due == date(2028, 5, 1)
    assert any("earliest date earned" in n for n in aapc.notes)
    assert any("CRC" in n and "other due dates" in n for n in aapc.notes)


def test_deadlines_across_issuers_are_in_date_order(catalog: Catalog) -> None:
    plan = plan_for(catalog, "CPC@2024-03-15", "CCS@2021-05-10", "CMRS@2020-02-29", "CBCS")
    got = [(d.when, d.issuer, d.kind, d.ceus) for d in plan.deadlines]
    assert got == [
        (date(2027, 2, 28), "AMBA", "ceus", 15),
        (date(2027, 3, 15), "AAPC", "dues", None),
        (date(2027, 5, 10), "AHIMA", "ceus", 20),
        (date(2028, 3, 15), "AAPC", "ceus", 36),
    ]
    assert plan.undated == ("CBCS",)


@pytest.mark.parametrize(
    "arg, words",
    [
        ("CPC@2024-13-40", "not a real date"),
        ("CPC@2023-02-29", "not a real date"),
        ("CPC@2024-3-5", "YYYY-MM-DD"),
        ("CPC@", "give a date"),
        ("CPC@when:2024-01-01", "not a date kind"),
        ("CPC@2026-11-24", "in the future"),
        ("CPC@end:2029-01-01", "more than one cycle"),
    ],
)
def test_bad_dates_are_usage_errors(catalog: Catalog, arg: str, words: str) -> None:
    with pytest.raises(UsageError, match=words):
        plan_for(catalog, arg)


def test_one_credential_twice_with_different_dates(catalog: Catalog) -> None:
    with pytest.raises(UsageError, match="twice"):
        parse_held(catalog, ["CPC@2020-01-01", "cpc-a@2021-01-01"], TODAY)
    held = parse_held(catalog, ["CPC", "CPC@2020-01-01"], TODAY)
    assert held == [HeldCredential(catalog.credential("CPC"), earned=date(2020, 1, 1))]


# --------------------------------------------------------------------------- the command


def test_renew_json_puts_issuers_together(run_today: Any) -> None:
    doc = as_json(run_today("renew", "CPC@2024-03-15", "CRC", "CCS@2021-05-10", "CCS-P", "CBCS", "--json"))
    assert doc["today"] == "2026-11-23"
    by = {i["issuer"]: i for i in doc["issuers"]}
    assert by["AAPC"]["ceus_per_cycle"] == 40 and by["AAPC"]["dates"]["next_due"] == "2028-03-15"
    assert by["AHIMA"]["ceus_per_cycle"] == 30 and by["AHIMA"]["issuer_share_ceus"] == 12
    assert by["NHA"]["ceus_per_cycle"] == 10 and by["NHA"]["dates"]["next_due"] is None
    grace = by["AAPC"]["grace_days"]
    assert grace["disputed"] and {c["value"] for c in grace["claims"]} == {10, 30}
    assert {c["source"] for c in grace["claims"]} == {"aapc-hardship-policy-2023", "aapc-help-revoked-2025"}
    assert [d["summary"] for d in doc["deadlines"]] == [
        "CPC, CRC: AAPC membership dues due",
        "CCS, CCS-P: 30 AHIMA CEUs due",
        "CPC, CRC: 40 AAPC CEUs due",
    ]
    assert doc["undated"] == ["CBCS"]
    for sid in ("aapc-ceu-help-2022", "ahima-recert-2020", "aapc-help-revoked-2025"):
        assert sid in doc["sources"]


def test_renew_member_flag_changes_the_ahima_fee(run_today: Any) -> None:
    non = as_json(run_today("renew", "CCS", "CCS-P", "--non-member", "--json"))
    [fee] = non["issuers"][0]["recertification_fees"]
    assert (fee["audience"], fee["total"]["amount"]) == ("non_member", 268)
    member = as_json(run_today("renew", "CCS", "--member", "--json"))
    [fee] = member["issuers"][0]["recertification_fees"]
    assert (fee["audience"], fee["total"]["amount"]) == ("member", 100)


def test_renew_and_show_agree_on_ceus(run_today: Any) -> None:
    for code, expected in (("CPMA", 36), ("RHIA", 30), ("CMRS", 15)):
        shown = as_json(run_today("show", code, "--json"))
        kept = as_json(run_today("renew", code, "--json"))
        assert shown["renewal"]["ceus"]["hours"] == kept["issuers"][0]["ceus_per_cycle"] == expected


def test_renew_human_output(run_today: Any) -> None:
    result = ok(run_today("renew", "CPC@2024-03-15", "CRC", "CBCS", "CMRS@2020-02-29"))
    out = result.stdout
    assert result.stderr == ""
    assert "40 every 2 years" in out
    assert "2028-03-15" in out and "2027-02-28" in out
    assert "sources disagree: 10 days" in out  # AAPC grace period: help centre 30, hardship policy 10
    assert "$444 per 2 years" in out  # AAPC dues 222 × 2
    assert "at least 7.5 of your 15 CEUs" in out  # AMBA half
    assert "No date given for CBCS" in out
    text = " ".join(out.split())
    nha = text[text.index("NHA — CBCS") : text.index("AMBA — CMRS")]
    amba = text[text.index("AMBA — CMRS") : text.index(" Notes ", text.index("AMBA — CMRS"))]
    assert "Recertification not published unverified: $59" in nha  # NHA fee: doubtful figures only
    assert "Membership required every year: not published" in amba  # AMBA dues
    assert "Cost to keep not published" in amba
    assert "$0" not in out
    body, sources = out.split("\nSources")
    import re

    used = set(re.findall(r"\[(\d+)\]", body))
    listed = [line.split()[0].strip("[]") for line in sources.splitlines() if line.startswith(" [")]
    assert listed == [str(n) for n in range(1, len(listed) + 1)] and used == set(listed)  # each footnote, once
    assert max(len(line) for line in out.splitlines() if not is_source_url(line)) <= 80


@pytest.mark.parametrize(
    "args",
    [
        ["CPC@2024-13-40"],
        ["CPC@" + (TODAY + timedelta(days=3)).isoformat()],
        ["CPX"],
        ["CPC", "--ics", "cal.ics"],  # no dates
    ],
)
def test_renew_bad_input_is_one_line_and_exit_2(run_today: Any, args: list[str], tmp_path: Any) -> None:
    if "--ics" in args:
        args = [a if a != "cal.ics" else str(tmp_path / "cal.ics") for a in args]
    result = run_today("renew", *args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert not (tmp_path / "cal.ics").exists()


# --------------------------------------------------------------------------- any text at all


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), st.from_regex(r"[A-Za-z-]{2,6}@(end:|earned:|due:)?\d{4}-\d{2}-\d{2}")))
def test_any_argument_gives_a_plan_or_a_usage_error(arg: str) -> None:
    catalog = load_catalog(DATA)
    try:
        held = parse_held(catalog, [arg], TODAY)
        renewal_plan(catalog, held, TODAY)
    except UsageError as exc:
        assert exc.message and "\n" not in exc.message


# --------------------------------------------------------------------------- rules a user would see
# Expected figures and cycles are read from data/, not copied, so a routine update keeps them true.


def _cycle(catalog: Catalog, org: str) -> int:
    claim = catalog.pick(catalog.organizations[org].renewal.cycle_years)
    assert claim is not None
    return int(claim.value)


def _fee(catalog: Catalog, org: str, audience: Audience) -> int:
    [fee] = [f for f in catalog.organizations[org].renewal.fees
             if f.kind is FeeKind.RENEWAL and f.audience is audience]
    return int(catalog.pick(fee.amount).value)


def test_keeping_an_optional_membership_counts_dues_only_for_the_member(run_today: Any, catalog: Catalog) -> None:
    ahima = catalog.organizations["AHIMA"]
    [dues] = [catalog.pick(t.dues).value for t in ahima.membership.tiers if t.kind is TierKind.INDIVIDUAL]
    cycle = _cycle(catalog, "AHIMA")
    member = _fee(catalog, "AHIMA", Audience.MEMBER) + cycle * dues  # $100 + 2 × $135 = $370
    non_member = _fee(catalog, "AHIMA", Audience.NON_MEMBER)  # $218

    [both] = as_json(run_today("renew", "CCS", "--json"))["issuers"]
    keep = {c["audience"]: (c["total"]["amount"], c["dues_per_year"]) for c in both["cost_to_keep"]}
    assert keep == {"member": (member, dues), "non_member": (non_member, None)}
    [mine] = as_json(run_today("renew", "CCS", "--member", "--json"))["issuers"]
    assert [(c["audience"], c["total"]["amount"]) for c in mine["cost_to_keep"]] == [("member", member)]
    [theirs] = as_json(run_today("renew", "CCS", "--non-member", "--json"))["issuers"]
    assert [(c["audience"], c["total"]["amount"]) for c in theirs["cost_to_keep"]] == [("non_member", non_member)]

    out = " ".join(ok(run_today("renew", "CCS", "--member")).stdout.split())
    assert f"Cost to keep, member {money(member)} per {cycle} years: dues {money(dues)}" in out


def _notes(doc: Any, issuer: str) -> str:
    return " ".join(n for i in doc["issuers"] if i["issuer"] == issuer for n in i["notes"])


def test_the_pro_rated_first_cycle_is_aapcs_and_only_the_first(run_today: Any, catalog: Catalog) -> None:
    cycle = _cycle(catalog, "AAPC")
    first = TODAY - timedelta(days=30)  # earned a month ago: the first cycle is running
    later = add_years(TODAY, -cycle) - timedelta(days=30)  # the first cycle has ended: a later one is running
    doc = as_json(run_today("renew", f"CPC@{first.isoformat()}", "--json"))
    assert f"{add_years(first, cycle).isoformat()} ends your first AAPC cycle: AAPC pro-rates it" in _notes(doc, "AAPC")
    doc = as_json(run_today("renew", f"CPC@{later.isoformat()}", f"CMRS@{first.isoformat()}", "--json"))
    assert doc["issuers"][1]["dates"]["first_cycle"] is True  # AMBA's first cycle too, but AMBA is not AAPC
    assert "pro-rat" not in _notes(doc, "AAPC") and "pro-rat" not in _notes(doc, "AMBA")
    doc = as_json(run_today("renew", "CPC@2024-03-15", "CMRS@2025-02-28", "--json"))  # the review's case
    assert "ends your first" not in _notes(doc, "AAPC") + _notes(doc, "AMBA")
    out = ok(run_today("renew", "CPC@2024-03-15", "CMRS@2025-02-28")).stdout
    assert "ends your first" not in out and "pro-rates it" not in out


@pytest.mark.parametrize("held, issuer", [("CBCS@2025-01-10", "NHA"), ("CMC@2025-01-10", "PMI")])
def test_the_dating_rule_says_the_issuers_own_cycle(run_today: Any, catalog: Catalog, held: str, issuer: str) -> None:
    cycle = _cycle(catalog, issuer)  # NHA 2 years, PMI 1
    every = "every year" if cycle == 1 else f"every {cycle} years"
    [item] = as_json(run_today("renew", held, "--json"))["issuers"]
    assert item["dates"]["rule"] == f"{issuer}: renewed {every}, counted from the date earned."
    flat = " ".join(ok(run_today("renew", held)).stdout.split())
    assert f"{issuer}: renewed {every}" in flat


def test_an_issuer_without_a_published_cycle_gets_no_due_date(run_today: Any, catalog: Catalog) -> None:
    cmsp = catalog.credential("CMSP")
    assert catalog.pick(catalog.issuer(cmsp).renewal.cycle_years) is None
    doc = as_json(run_today("renew", "CMSP@2023-01-01", "--json"))
    [item] = doc["issuers"]
    assert item["dates"]["next_due"] is None and doc["deadlines"] == []
    note = f"{cmsp.issuer} does not publish its renewal cycle, so certcli cannot date the next renewal."
    assert note in item["notes"]
    assert note in " ".join(ok(run_today("renew", "CMSP@2023-01-01")).stdout.split())
