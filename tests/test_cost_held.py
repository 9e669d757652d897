"""``cost --held``: the dues someone already pays to keep a held credential are not new spending
(issue 12) — the same split ``advise`` makes, from the same rule (engine/cost.dues_already_paid)."""

from __future__ import annotations

from typing import Any

from tests.conftest import as_json, flat, ok


def test_cost_with_a_held_credential_splits_new_spending_from_the_total(run: Any) -> None:
    held = as_json(run("cost", "CRC", "--held", "CPC", "--json"))
    dues = [i["amount"] for i in held["items"] if i["kind"] == "dues" and i["organization"] == "AAPC"]
    exam = [i["amount"] for i in held["items"] if i["kind"] == "exam"]
    assert len(dues) == 4 and held["dues_already_paid_to"] == ["AAPC"]
    assert held["total"]["amount"] == sum(dues) + sum(exam)
    assert held["new_spending"]["amount"] == sum(exam)  # the AAPC dues are paid anyway, for the CPC
    out = flat(ok(run("cost", "CRC", "--held", "CPC")).stdout)
    assert f"New spending (AAPC dues already paid) ${sum(exam):,}" in out


def test_advise_and_cost_agree_on_new_spending(run: Any) -> None:
    cost = as_json(run("cost", "CPMA", "--held", "CPC", "--json"))
    plan = as_json(run("advise", "--goal", "auditing", "--held", "CPC", "--experience-years", "3", "--json"))
    assert plan["path"][0]["code"] == "CPMA"
    books = sum(i["amount"] or 0 for i in plan["total_cost"]["line_items"] if i["required"])
    assert plan["total_cost"]["new_spending"] == cost["new_spending"]["amount"] + books


def test_without_held_credentials_everything_is_new(run: Any) -> None:
    doc = as_json(run("cost", "CPC", "CCS", "--json"))
    assert doc["dues_already_paid_to"] == [] and doc["new_spending"] == doc["total"]
    assert "New spending" not in ok(run("cost", "CPC", "CCS")).stdout


def test_the_plan_json_says_incomplete_in_one_voice(run: Any) -> None:
    # the CPC's code books have no published price: every completeness field of total_cost agrees
    total = as_json(run("advise", "--goal", "coding", "--setting", "physician_office", "--json"))["total_cost"]
    assert total["total"]["complete"] is False and total["complete"] is False and total["incomplete"] is True
    assert total["unknown"] == total["total"]["unknown"] and any("book" in u for u in total["unknown"])


def test_an_him_graduates_step_prices_are_the_ones_the_total_counts(run: Any) -> None:
    # RHIT then CCS in one year: joining AHIMA saves more than its dues, so the total counts member
    # prices; the step cards must say the same prices, and the checklist must say to join
    args = ["advise", "--goal", "coding", "--him-degree", "associate", "--education", "associate",
            "--setting", "hospital_inpatient", "--defaults"]
    doc = as_json(run(*args, "--json"))
    counted = {i["credential"]: i["amount"] for i in doc["total_cost"]["items"] if i["kind"] == "exam"}
    assert [s["code"] for s in doc["path"]] == ["RHIT", "CCS"]
    for step in doc["path"]:
        assert step["costs"]["exam"]["amount"] == counted[step["code"]], step["code"]
    joins = any(i["kind"] == "dues" and i["organization"] == "AHIMA" and i["year"] == 1
                for i in doc["total_cost"]["items"])
    assert joins and "[ ] Join AHIMA ($135 a year" in flat(ok(run(*args)).stdout)
