"""``--csv`` on list, fees, cost and compare: what a spreadsheet opens.

Golden files (tests/golden/*.csv, byte for byte, CRLF and all) pin whole tables; the other tests
read the CSV back with csv.reader, as a spreadsheet would, and check the shape (a header, the same
number of columns in every row) and the figures against the catalog itself. Rewrite the goldens
as for tests/test_golden.py: ``CERTCLI_UPDATE_GOLDEN=1 pytest tests/test_csv.py`` (it fails by
design), review ``git diff tests/golden/``, rerun.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import Catalog
from certcli.model import Audience, FeeKind
from tests.conftest import TODAY, ok

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CERTCLI_UPDATE_GOLDEN") == "1"

GOLDENS: dict[str, list[str]] = {
    "list_csv": ["list", "--csv"],
    "fees_member_csv": ["fees", "--member", "--csv"],
    "cost_cpc_cpb_4_years_csv": ["cost", "CPC", "CPB", "--years", "4", "--csv"],
    "compare_cpc_ccs_csv": ["compare", "CPC", "CCS", "--csv"],
}

# every shape --csv has, with unknown figures (CHDA), members-only exams (CPC) and ranges among them
COMMANDS: list[list[str]] = [
    ["list", "--csv"],
    ["list", "--issuer", "AHIMA", "--csv"],
    ["fees", "--csv"],
    ["fees", "--non-member", "--student", "--attempts", "2", "--csv"],
    ["fees", "--memberships", "--csv"],
    ["cost", "CPC", "CPB", "--years", "4", "--csv"],
    ["cost", "CCS", "CHDA", "--held", "CCA", "--attempts", "2", "--csv"],
    ["compare", "CPC", "CCS", "CCA", "CHDA", "CPB", "CMRS", "--csv"],
]
MONEY = re.compile(r"^(exam_fee|dues|dues_a_year|amount|first_year_total)$")

Run = Callable[..., Any]


def rows_of(result: Any) -> list[list[str]]:
    """The CSV a command printed, read back as a spreadsheet reads it (exit 0 asserted)."""
    ok(result)
    assert result.stderr == ""
    return list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_csv_matches_golden(run: Run, name: str) -> None:
    result = ok(run(*GOLDENS[name], today=TODAY))
    data = result.stdout_bytes
    path = GOLDEN / f"{name}.csv"
    if UPDATE:
        changed = not path.exists() or path.read_bytes() != data
        path.write_bytes(data)
        pytest.fail(f"updated {path.name} ({'changed' if changed else 'unchanged'}): review git diff tests/golden/, "
                    "then run the tests without CERTCLI_UPDATE_GOLDEN")
    assert path.exists(), f"{path} is missing: run with CERTCLI_UPDATE_GOLDEN=1 to create it"
    assert data == path.read_bytes(), f"{name} changed; if intended, rerun with CERTCLI_UPDATE_GOLDEN=1 and review"


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_csv_is_one_rectangular_table_with_crlf_line_ends(run: Run, args: list[str]) -> None:
    result = run(*args, today=TODAY)
    rows = rows_of(result)
    header = rows[0]
    assert len(rows) > 1, "no data rows"
    assert len(set(header)) == len(header), f"duplicate column names: {header}"
    assert all(len(row) == len(header) for row in rows), {len(row) for row in rows}
    raw = result.stdout_bytes
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") >= len(rows), "RFC 4180 ends every record with CRLF"
    assert b"\n" not in raw.replace(b"\r\n", b"") or b'"' in raw  # a bare LF only inside a quoted cell


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_money_is_a_plain_number_or_empty_with_a_status_saying_why(run: Run, args: list[str]) -> None:
    rows = rows_of(run(*args, today=TODAY))
    header = rows[0]
    money = [i for i, name in enumerate(header) if MONEY.match(name)]
    for row in as_dicts(rows):
        for i in money:
            name = header[i]
            value = row[name]
            assert re.fullmatch(r"\d+(\.\d+)?", value) or value == "", f"{name}={value!r}"
            status = row["first_year_status"] if name == "first_year_total" else row[f"{name}_status"]
            if value == "" and name != "first_year_total":
                assert status in ("", "not published", "members only"), (name, status)
            if value == "" and name == "first_year_total":
                assert status.startswith("incomplete")
            if status == "not published":
                assert value == ""
            if value and f"{name}_source" in row:  # a figure keeps its source and year beside it
                assert row[f"{name}_source"], (name, row)


def test_list_csv_has_every_credential_as_the_catalog_names_it(run: Run, catalog: Catalog) -> None:
    rows = as_dicts(rows_of(run("list", "--csv")))
    assert [r["code"] for r in rows] == list(catalog.credentials)
    for row in rows:
        cred = catalog.credentials[row["code"]]
        assert (row["name"], row["issuer"], row["level"], row["status"]) == (
            cred.name, cred.issuer, str(cred.level), str(cred.status))
        assert row["url"] == (cred.url or "")


def test_list_csv_with_no_match_is_the_header_alone(run: Run) -> None:
    rows = rows_of(run("list", "--issuer", "NHA", "--level", "advanced", "--csv"))
    assert rows == [rows[0]] and rows[0][0] == "code"


def _current_fee(catalog: Catalog, code: str, audience: Audience) -> Any:
    fee = next(f for f in catalog.credential(code).fees
               if f.kind is FeeKind.EXAM and f.audience is audience and (f.attempts or 1) == 1)
    return catalog.pick(fee.amount)


def test_compare_csv_gives_the_ccs_non_member_fee_and_its_source_as_the_catalog_does(
    run: Run, catalog: Catalog
) -> None:
    facts = {r["fact"]: r for r in as_dicts(rows_of(run("compare", "CPC", "CCS", "--csv")))}
    claim = _current_fee(catalog, "CCS", Audience.NON_MEMBER)
    row = facts["exam_fee.non_member"]
    assert int(row["CCS"]) == claim.value
    assert row["CCS_source"] == catalog.sources[claim.source].url
    assert int(row["CCS_as_of"]) == catalog.sources[claim.source].year
    assert row["unit"] == "USD"
    # AAPC sells the CPC exam to members only: no non-member price, and no guess
    assert catalog.members_only(catalog.organization("AAPC")) is True
    assert (row["CPC"], row["CPC_status"]) == ("", "members only")
    member = _current_fee(catalog, "CPC", Audience.MEMBER)
    assert int(facts["exam_fee.member"]["CPC"]) == member.value
    assert facts["exam_fee.member"]["CPC_status"] == "disputed"  # the data keeps $399 beside $425


def test_compare_csv_keeps_long_text_whole(run: Run, catalog: Catalog) -> None:
    facts = {r["fact"]: r for r in as_dicts(rows_of(run("compare", "CPC", "CIC", "--csv")))}
    text = facts["eligibility.required"]["CPC"]
    assert "…" not in text
    assert catalog.credential("CPC").eligibility.required[0].text in text


def test_fees_csv_prices_each_credential_for_the_buyer(run: Run, catalog: Catalog) -> None:
    rows = {r["code"]: r for r in as_dicts(rows_of(run("fees", "CCS", "CHDA", "--non-member", "--csv")))}
    assert list(rows) == ["CCS", "CHDA"]
    claim = _current_fee(catalog, "CCS", Audience.NON_MEMBER)
    ccs = rows["CCS"]
    assert (int(ccs["exam_fee"]), ccs["exam_fee_status"], ccs["member_price"]) == (claim.value, "published", "no")
    assert int(ccs["first_year_total"]) == claim.value and ccs["first_year_status"] == "complete"
    assert ccs["dues"] == "" and ccs["dues_status"] == ""  # no dues counted for a non-member of AHIMA
    chda = rows["CHDA"]  # no current CHDA price is published: empty, said so, and the total with it
    assert (chda["exam_fee"], chda["exam_fee_status"], chda["first_year_total"]) == ("", "not published", "")
    assert chda["first_year_status"].startswith("incomplete")


def test_cost_csv_rows_sum_to_the_json_total(run: Run) -> None:
    args = ["cost", "CPC", "CPB", "--years", "4"]
    rows = as_dicts(rows_of(run(*args, "--csv", today=TODAY)))
    plan = __import__("json").loads(ok(run(*args, "--json", today=TODAY)).stdout)
    assert sum(int(r["amount"]) for r in rows if r["amount"]) == plan["total"]["amount"]
    assert [int(r["year"]) for r in rows] == sorted(int(r["year"]) for r in rows)
    assert {r["kind"] for r in rows} >= {"exam", "dues"}


@pytest.mark.parametrize("args", [["list"], ["fees"], ["cost", "CPC"], ["compare", "CPC", "CCS"],
                                  ["fees", "--memberships"]], ids=" ".join)
def test_csv_and_json_together_is_a_usage_error(run: Run, args: list[str]) -> None:
    result = run(*args, "--csv", "--json")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1 and "--csv" in result.stderr and "--json" in result.stderr
    assert __import__("json").loads(result.stdout)["error"]["code"] == 2  # --json: the error as its one document


def test_bad_input_with_csv_is_one_line_and_no_half_table(run: Run) -> None:
    result = run("fees", "CPX", "--csv")
    assert result.exit_code == 2
    assert result.stdout == "" and "Did you mean" in result.stderr and result.stderr.count("\n") == 1


def test_a_seed_figure_says_so_in_the_csv(run: Run) -> None:
    # AHIMA's dues come only from a seed document (issue 15): the status column labels it
    facts = {row["fact"]: row for row in csv.DictReader(io.StringIO(ok(run("compare", "CPC", "CCA", "--csv")).stdout))}
    assert facts["dues"]["CCA"] == "135" and facts["dues"]["CCA_status"] == "seed source, unverified"
    assert facts["dues"]["CPC_status"] != "seed source, unverified"
