"""Overlays: a --data-dir holding only what changes, merged over the shipped data by id."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import overlay
from tests.conftest import DATA, as_json, flat, ok

FEES_2027 = """\
sources:
  - id: school-aapc-cpc-2026
    url: https://www.aapc.com/certifications/cpc
    title: AAPC CPC certification page, as read by a school
    year: 2026
    confidence: official
credentials:
  - code: CPC
    fees:
      - kind: exam
        audience: member
        attempts: 1
        amount:
          - value: 460
            source: school-aapc-cpc-2026
            status: current
          - value: 425
            source: mbc-bv6-cpc-2026
            status: superseded
        note: members only; a non-member also pays membership
      - kind: exam
        audience: member
        attempts: 2
        amount:
          value: 499
          source: mbc-bv6-cpc-2026
          status: current
"""


@pytest.fixture
def one_file(tmp_path: Path) -> Path:
    folder = tmp_path / "fees-folder"
    folder.mkdir()
    (folder / "fees-2027.yaml").write_text(FEES_2027, encoding="utf-8")
    return folder


@pytest.fixture
def edited_copy(tmp_path: Path) -> Path:
    """A folder holding only an edited aapc.yaml: the CPC member price $425 made $455."""
    folder = tmp_path / "aapc-only"
    folder.mkdir()
    text = (DATA / "aapc.yaml").read_text(encoding="utf-8")
    at = text.index("value: 425", text.index("  - code: CPC\n"))
    (folder / "aapc.yaml").write_text(text[:at] + "value: 455" + text[at + len("value: 425"):], encoding="utf-8")
    return folder


def cpc_exam(run: Any, folder: Path) -> Any:
    doc = as_json(run("--data-dir", str(folder), "show", "CPC", "--json"))
    [fee] = [f for f in doc["fees"] if f["kind"] == "exam" and f["attempts"] == 1]
    return fee["amount"]


@pytest.mark.parametrize("which", ["one_file", "edited_copy"])
def test_a_folder_with_one_file_changes_the_cpc_price_in_every_command(
    run: Any, which: str, request: pytest.FixtureRequest
) -> None:
    folder: Path = request.getfixturevalue(which)
    price = {"one_file": 460, "edited_copy": 455}[which]
    assert cpc_exam(run, folder) == price
    fees = as_json(run("--data-dir", str(folder), "fees", "CPC", "--json"))
    assert fees["quotes"]["CPC"]["exam"]["amount"] == price
    cost = as_json(run("--data-dir", str(folder), "cost", "CPC", "--json"))
    assert [i["amount"] for i in cost["items"] if i["kind"] == "exam"] == [price]
    shown = f"${price}"
    assert shown in ok(run("--data-dir", str(folder), "compare", "CPC", "CCS")).stdout
    advice = ok(run("--data-dir", str(folder), "advise", "--goal", "coding", "--setting", "physician_office",
                    "--defaults", env={"COLUMNS": "200"})).stdout
    assert shown in advice
    assert "$425" not in flat(ok(run("--data-dir", str(folder), "fees", "CPC")).stdout)  # the old price is gone
    # everything else is the shipped data
    assert as_json(run("--data-dir", str(folder), "fees", "CCS", "--json")) == as_json(run("fees", "CCS", "--json"))


def test_data_check_names_the_overlay_file_behind_each_change(run: Any, one_file: Path) -> None:
    result = ok(run("data", "check", str(one_file)))
    lines = result.stdout.splitlines()
    assert lines[1].startswith("An overlay over the shipped data in ")
    assert lines[2:] == [
        f"  {one_file / 'fees-2027.yaml'}: adds source school-aapc-cpc-2026",
        f"  {one_file / 'fees-2027.yaml'}: changes credential CPC: fees",
    ]
    doc = as_json(run("data", "check", str(one_file), "--json"))
    assert doc["ok"] is True and len(doc["overlay"]["changes"]) == 2


def test_a_problem_in_an_overlay_record_names_the_overlay_file(run: Any, one_file: Path) -> None:
    path = one_file / "fees-2027.yaml"
    path.write_text(FEES_2027.replace("value: 460", "value: lots"), encoding="utf-8")
    result = run("data", "check", str(one_file))
    assert result.exit_code == 1, result.output
    assert f"{path}: CPC.fees[0].amount[0].value: expected an integer, got 'lots'" in result.stderr
    path.write_text(FEES_2027.replace("source: school-aapc-cpc-2026\n            status: current",
                                      "source: nowhere\n            status: current"), encoding="utf-8")
    result = run("data", "check", str(one_file))
    assert f"{path}: CPC.fees[0].amount[0].source: unknown source 'nowhere'" in result.stderr, result.stderr


def test_two_overlay_files_changing_one_record_is_a_conflict(run: Any, one_file: Path) -> None:
    (one_file / "more-fees.yaml").write_text(
        "credentials:\n  - code: CPC\n    summary: A second file's word on the CPC.\n", encoding="utf-8"
    )
    result = run("data", "check", str(one_file))
    assert result.exit_code == 1, result.output
    assert (f"{one_file / 'more-fees.yaml'}: credentials.CPC: also changed by {one_file / 'fees-2027.yaml'}; "
            "one overlay file per record") in result.stderr
    assert run("--data-dir", str(one_file), "fees", "CPC").exit_code == 1  # never settled by file order


def test_an_overlay_adds_a_record_and_keeps_the_keys_it_leaves_out(run: Any, tmp_path: Path) -> None:
    (tmp_path / "new.yaml").write_text(
        "credentials:\n  - code: CPB\n    summary: A school's own summary of the CPB.\n", encoding="utf-8"
    )
    doc = as_json(run("--data-dir", str(tmp_path), "show", "CPB", "--json"))
    assert doc["summary"] == "A school's own summary of the CPB."
    assert doc["exam"]["questions"]["value"] == 135  # not given in the overlay: as shipped


def test_an_empty_overlay_folder_is_still_refused(run: Any, tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path), "list")
    assert result.exit_code == 1 and "no .yaml data files" in result.stderr


def test_the_merge_handles_a_section_it_does_not_know() -> None:
    """A section another part of certcli adds later (a list of records by code) merges by name."""
    shipped = [("data/prep.yaml", {"prep": [{"code": "CPC", "hours": 80, "book": "x"}, {"code": "CCS", "hours": 1}]})]
    merged = overlay.merge(shipped, [("mine/prep.yaml", {"prep": [{"code": "CPC", "hours": 90}, {"code": "NEW"}]})])
    assert merged.files[0][1]["prep"] == [{"code": "CPC", "hours": 90, "book": "x"}, {"code": "CCS", "hours": 1}]
    assert merged.files[1] == ("mine/prep.yaml", {"prep": [{"code": "NEW"}]})
    assert [c.describe() for c in merged.changes] == ["mine/prep.yaml: changes prep CPC: hours",
                                                      "mine/prep.yaml: adds prep NEW"]
    assert shipped[0][1]["prep"][0]["hours"] == 80  # the shipped YAML is not changed


def test_the_cache_follows_an_edited_overlay_file(tmp_path: Path, one_file: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "CERTCLI_DATA_DIR": str(one_file)}
    env.pop("CERTCLI_NO_CACHE", None)

    def price() -> int:
        out = subprocess.run([sys.executable, "-m", "certcli", "fees", "CPC", "--json"], env=env, check=True,
                             capture_output=True, text=True, timeout=120).stdout
        return int(json.loads(out)["quotes"]["CPC"]["exam"]["amount"])

    assert price() == 460
    assert list((tmp_path / "cache").rglob("catalog-*.pickle"))  # kept
    path = one_file / "fees-2027.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 460", "value: 470"), encoding="utf-8")
    assert price() == 470


def test_export_writes_a_whole_copy_and_refuses_a_folder_in_use(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "copy"
    ok(run("data", "export", str(target)))
    assert sorted(p.name for p in target.iterdir()) == sorted(
        p.name for p in DATA.iterdir() if p.suffix in (".yaml", ".md"))
    assert ok(run("data", "check", str(target))).stdout.count("\n") == 1  # a whole catalog, no overlay lines
    again = run("data", "export", str(target))
    assert again.exit_code == 2 and "not an empty directory" in again.stderr
    assert again.stdout == ""


def test_data_path_names_the_shipped_folder(run: Any) -> None:
    assert Path(ok(run("data", "path")).stdout.strip()) == DATA
    assert Path(as_json(run("data", "path", "--json"))["data_dir"]) == DATA


def test_version_gives_the_data_release_date(run: Any) -> None:
    dated = re.search(r"^data_version: (\S+)$", (DATA / "release.yaml").read_text(), re.M)
    assert dated
    assert ok(run("--version")).stdout.strip().endswith(f"(data {dated[1]})")


def test_sources_are_ranked_by_the_figures_resting_on_them_then_age(run: Any) -> None:
    rows = as_json(run("data", "sources", "--json"))["sources"]
    counts = [r["money_figures"] + r["eligibility_figures"] for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    for a, b in zip(rows, rows[1:], strict=False):
        if a["money_figures"] + a["eligibility_figures"] == b["money_figures"] + b["eligibility_figures"]:
            assert (a["year"] or 0) <= (b["year"] or 0)
    stale = as_json(run("data", "sources", "--stale", "--json"))["sources"]
    assert stale and all(r["stale"] for r in stale) and len(stale) < len(rows)
    assert "1. " in ok(run("data", "sources")).stdout


def test_diff_gives_release_notes_between_two_folders(run: Any, tmp_path: Path, one_file: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(DATA, old)
    doc = as_json(run("data", "diff", str(old), str(one_file), "--json"))
    assert {"what": "CPC exam (member, 1 attempt)", "old": "$425 (2026, third-party)",
            "new": "$460 (2026, official)"} in doc["fees"]
    assert [s["what"] for s in doc["sources"]] == ["school-aapc-cpc-2026"]
    text = ok(run("data", "diff", str(old), str(one_file))).stdout
    assert "- CPC exam (member, 1 attempt): $425 (2026, third-party) → $460 (2026, official)" in text
    assert ok(run("data", "diff", str(old), str(old))).stdout == f"No changes from {old} to {old}.\n"


def test_diff_on_two_fixture_folders_names_fees_rules_statuses_and_sources(run: Any, tmp_path: Path) -> None:
    from tests.conftest import FIXTURE

    new = tmp_path / "new"
    shutil.copytree(FIXTURE, new)
    ahima = new / "ahima.yaml"
    text = ahima.read_text(encoding="utf-8")
    text = text.replace("        amount:\n          value: 300\n          source: t-ahima-2026\n",
                        "        amount:\n          value: 320\n          source: t-ahima-2026\n", 1)
    text = text.replace("        - text: A high-school diploma.\n",
                        "        - text: A high-school diploma or GED.\n", 1)
    ahima.write_text(text, encoding="utf-8")
    aapc = new / "aapc.yaml"
    aapc.write_text(aapc.read_text(encoding="utf-8").replace(
        "          - value: 350\n            source: t-aapc-2026\n",
        "          - value: 350\n            source: t-aapc-2026\n            status: superseded\n"
        "            note: the third-party 2025 price is the one marked current\n", 1), encoding="utf-8")
    sources = new / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("year: 2018", "year: 2019", 1), encoding="utf-8")
    doc = as_json(run("data", "diff", str(FIXTURE), str(new), "--json"))
    fees = [(c["old"], c["new"]) for c in doc["fees"]]
    assert ("$300 (2026, official)", "$320 (2026, official)") in fees
    assert ("$300 (2018, official)", "$300 (2019, official)") in fees  # a source re-dated re-dates its figures
    assert len(fees) == 2
    assert [c["new"] for c in doc["rules"]] == ["A high-school diploma or GED."]
    assert [(c["old"], c["new"]) for c in doc["statuses"]] == [("no status", "superseded")]
    assert [c["what"] for c in doc["sources"]] == ["t-aapc-2018"]
    assert doc["credentials"] == []


def test_the_data_documents_carry_the_data_version(run: Any, one_file: Path) -> None:
    dated = re.search(r"^data_version: (\S+)$", (DATA / "release.yaml").read_text(), re.M)
    assert dated
    for args in (["data", "check"], ["data", "sources"], ["data", "diff", str(DATA), str(one_file)]):
        doc = as_json(run(*args, "--json"))
        assert (doc["schema_version"], doc["data_version"]) == (1, dated[1]), args
