"""A figure certcli computes with that only a seed (or a weak third party) gives says so in every
output that uses it: AHIMA's dues ($135 / $49 / $79 / $49) in fees, cost and advise."""

from __future__ import annotations

from typing import Any

from tests.conftest import as_json, flat, ok

LABEL = "seed source, unverified"


def test_fees_labels_the_seed_dues_in_the_membership_sentence_and_the_dues_cell(run: Any) -> None:
    out = flat(ok(run("fees", "CCA")).stdout)
    assert f"Joining AHIMA (individual dues $135, {LABEL}) would save $100 on the exam" in out
    member = flat(ok(run("fees", "CCA", "--member")).stdout)
    assert f"AHIMA dues (individual): {LABEL}" in member
    doc = as_json(run("fees", "CCA", "--member", "--json"))
    [quote] = doc["quotes"].values()
    assert quote["dues"]["amount"] == 135 and LABEL in quote["dues"]["note"]


def test_every_ahima_tier_is_labelled(run: Any) -> None:
    for flags, amount in (((), 135), (("--student",), 49), (("--first-time",), 79), (("--senior",), 49)):
        doc = as_json(run("fees", "CCS", "--member", *flags, "--json"))
        [quote] = doc["quotes"].values()
        assert quote["dues"]["amount"] == amount, flags
        assert LABEL in quote["dues"]["note"], flags


def test_cost_labels_the_seed_dues(run: Any) -> None:
    out = flat(ok(run("cost", "CPC", "CCA", "--years", "8")).stdout)
    assert f"Joining AHIMA costs $135 a year ({LABEL}) and saves $100 on the CCA exam" in out


def test_advise_labels_the_seed_dues_in_its_cost_table(run: Any) -> None:
    args = ["advise", "--goal", "coding", "--setting", "hospital_inpatient", "--education", "associate",
            "--member-of", "AHIMA", "--defaults"]
    brief = flat(ok(run(*args, env={"COLUMNS": "200"})).stdout)  # the first screen and the steps in brief
    assert f"AHIMA dues $135 a year ({LABEL})" in brief
    out = flat(ok(run(*args, "--detail", env={"COLUMNS": "200"})).stdout)  # the cards and the cost table
    assert f"AHIMA dues (individual) ({LABEL})" in out
    assert f"Joining AHIMA costs $135 a year ({LABEL})" in out
    assert f"$135/yr ({LABEL})" in out


def test_an_official_figure_carries_no_such_label(run: Any) -> None:
    assert LABEL not in ok(run("fees", "CPC")).stdout


def test_the_budget_note_labels_the_seed_dues(run: Any) -> None:
    # the cheaper start's first-year price adds AHIMA's student dues, which only a seed gives
    out = flat(ok(run("advise", "--goal", "coding_and_billing", "--budget-usd", "500", "--student", "--defaults",
                      env={"COLUMNS": "300"})).stdout)
    assert f"membership $49 ({LABEL})" in out and "dated figures as of" in out
