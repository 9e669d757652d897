"""Browsing through the command line (CliRunner): list filters, show, compare, search, --json,
--data-dir / CERTCLI_DATA_DIR, --version and shell completion of credential codes."""

from __future__ import annotations

import json
import shutil
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certcli.catalog import Catalog
from certcli.cli import _complete_codes, app
from certcli.engine.browse import credential_facts
from certcli.render import catalog as view
from certcli.render.json import cited
from tests.conftest import DATA, TODAY, as_json, is_source_url, ok

SIX = ["CPC", "CCS", "CCA", "CPB", "CBCS", "CMRS"]


def usage_error(result: Any) -> str:
    """The one stderr line of a usage error (exit 2), with nothing on stdout."""
    assert result.exit_code == 2, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def listed(run: Any, *args: str) -> list[str]:
    return [c["code"] for c in as_json(run("list", *args, "--json"))["credentials"]]


def fits(text: str, width: int = 80) -> None:
    for line in text.splitlines():
        assert len(line) <= width or is_source_url(line), f"{len(line)} columns: {line!r}"
    assert "\x1b[" not in text  # NO_COLOR / not a terminal: no escape codes


# --------------------------------------------------------------------------- list


def test_list_shows_every_credential_in_80_columns(run: Any, catalog: Catalog) -> None:
    out = ok(run("list")).stdout
    fits(out)
    lines = out.splitlines()
    assert lines[0].split() == ["Code", "Credential", "Issuer", "Category", "Level"]
    codes = [line.split()[0] for line in lines[1:] if not line.startswith(" ")]
    assert codes == list(catalog.credentials)
    assert codes.index("CPC") < codes.index("CIC")  # entry level first within an issuer


def test_list_json_is_one_document_with_every_credential(run: Any, catalog: Catalog) -> None:
    doc = as_json(run("list", "--json"))
    assert doc["count"] == len(catalog.credentials) == len(doc["credentials"])
    cpc = next(c for c in doc["credentials"] if c["code"] == "CPC")
    assert cpc == {
        "code": "CPC",
        "name": "Certified Professional Coder",
        "issuer": "AAPC",
        "category": "coding",
        "level": "entry",
        "settings": ["physician_office"],
        "status": "active",
        "specialty": None,
    }


def test_list_by_issuer_any_case(run: Any) -> None:
    assert set(listed(run, "--issuer", "ahima")) == {"CCA", "CCS", "CCS-P", "RHIT", "RHIA", "CDIP", "CHDA", "CHPS"}
    assert listed(run, "--issuer", "NHA") == ["CBCS"]
    assert listed(run, "--issuer", "amba") == ["CMRS"]


def test_list_by_category_level_and_status(run: Any) -> None:
    specialties = listed(run, "--category", "specialty")
    assert len(specialties) == 22 and "CCC" in specialties and "CPC" not in specialties
    assert listed(run, "--category", "coding-and-billing") == ["CBCS"]  # '-' for '_' is fine
    entry = listed(run, "--level", "entry")
    assert {"CPC", "CPB", "CCA", "CBCS", "CMRS"} <= set(entry) and "CCS" not in entry
    assert set(listed(run, "--status", "unconfirmed")) == {"CPMS", "CPC-P"}
    assert listed(run, "--issuer", "AAPC", "--level", "entry") == ["CPB", "CPC"]


def test_list_by_setting_includes_credentials_for_any_setting(run: Any) -> None:
    inpatient = listed(run, "--setting", "hospital_inpatient")
    assert {"CIC", "CCS", "CCA"} <= set(inpatient)  # CCA is for any setting
    assert "CPC" not in inpatient and "COC" not in inpatient  # physician office, outpatient
    assert "COC" in listed(run, "--setting", "Hospital Outpatient")


def test_list_rejects_an_unknown_filter_value(run: Any) -> None:
    line = usage_error(run("list", "--level", "beginner"))
    assert line == "Error: --level: 'beginner' is not one of entry, intermediate, advanced, specialty."
    line = usage_error(run("list", "--issuer", "AHMIA"))
    assert line == "Error: Unknown organization 'AHMIA'. Did you mean AHIMA?"


def test_list_with_no_match_says_so(run: Any) -> None:
    result = ok(run("list", "--issuer", "NHA", "--category", "specialty"))
    assert result.stdout == ""
    assert result.stderr == "No credentials match those filters.\n"
    doc = as_json(run("list", "--issuer", "NHA", "--category", "specialty", "--json"))
    assert (doc["credentials"], doc["count"]) == ([], 0)


# --------------------------------------------------------------------------- show


def test_show_prints_a_sourced_card_in_80_columns(run: Any) -> None:
    result = ok(run("show", "cpc"))
    assert result.stderr == ""
    fits(result.stdout)
    first, second = result.stdout.splitlines()[:2]
    assert first == "CPC — Certified Professional Coder"
    assert second == "AAPC · coding · entry · physician office"
    flat = " ".join(result.stdout.split())
    assert "Apprentice status (CPC-A)" in flat
    assert "AAPC exams are sold to members only" in flat
    assert "[1] AAPC CPC certification page, 2022–23 version, official https://www.aapc.com/certification/cpc/" in flat


def test_show_json_carries_every_cited_source(run: Any) -> None:
    doc = as_json(run("show", "CPB", "--json"))
    assert doc["code"] == "CPB"
    assert doc["exam"]["questions"]["value"] == 135
    assert doc["exam"]["minutes"]["value"] == 240
    assert doc["exam"]["questions"]["source"] == "aapc-cpb-exam-2025"
    assert doc["exam"]["questions"]["as_of"] == 2025
    old = [h for h in doc["exam"]["history"] if h["value"].startswith("200 multiple-choice")]
    assert old and all(h["status"] == "superseded" for h in old)
    assert doc["membership_required_for_exam"] is True
    assert doc["sources"]["aapc-cpb-exam-2025"] == {
        "url": "https://www.aapc.com/certifications/cpb/taking-the-cpb-exam",
        "title": "AAPC, Taking the CPB exam",
        "year": 2025,
        "year_note": "c. 2023–25 (inferred)",
        "confidence": "official",
    }
    assert cited(doc) <= set(doc["sources"])


def test_show_json_keeps_every_disputed_value(run_fixture: Any) -> None:
    doc = as_json(run_fixture("show", "tpc", "--json"))
    [fee] = [f for f in doc["fees"] if f["kind"] == "exam" and f["attempts"] == 1]
    assert (fee["amount"], fee["currency"], fee["source"], fee["as_of"]) == (400, "USD", "t-aapc-tp-2025", 2025)
    assert fee["disputed"] is True and fee["status"] == "disputed"
    assert [(c["value"], c["status"]) for c in fee["claims"]] == [(400, "current"), (350, None)]
    assert fee["other_values"] == [{"amount": 350, "max": None, "source": "t-aapc-2026", "as_of": 2026, "status": None}]
    for claim in fee["claims"]:
        assert claim["source"] in doc["sources"]
    assert doc["membership_required_for_exam"] is True
    assert cited(doc) <= set(doc["sources"])


def test_every_credential_json_cites_resolvable_sources(catalog: Catalog) -> None:
    for cred in catalog.credentials.values():
        doc = view.credential_json(catalog, credential_facts(catalog, cred), TODAY)
        json.dumps(doc)  # serializable as is
        assert doc["sources"], f"{cred.code}: no sources at all"
        assert cited(doc) <= set(doc["sources"]), cred.code
        for src in doc["sources"].values():
            assert src["url"] and src["confidence"]
            assert src["year"] is not None or src["year_note"]


def test_show_unknown_code_suggests_the_closest(run: Any) -> None:
    assert usage_error(run("show", "CPX")) == "Error: Unknown credential 'CPX'. Did you mean CPC?"
    assert usage_error(run("show", "CCSS")) == "Error: Unknown credential 'CCSS'. Did you mean CCS?"
    assert usage_error(run("show", "-")) == "Error: '-' is not a credential code. Try 'certcli list' to see them all."


@pytest.mark.parametrize("typed, code", [("cpc-a", "CPC"), ("Ccs P", "CCS-P"), ("cpch", "COC"), ("rhia", "RHIA")])
def test_show_accepts_aliases_designations_and_punctuation(run: Any, typed: str, code: str) -> None:
    assert as_json(run("show", typed, "--json"))["code"] == code


# --------------------------------------------------------------------------- compare


def test_compare_six_credentials_fits_80_columns(run: Any) -> None:
    out = ok(run("compare", *SIX)).stdout
    fits(out)
    headers = [line.split() for line in out.splitlines() if line.split() and set(line.split()) <= set(SIX)]
    assert [code for header in headers for code in header] == SIX  # in tables side by side, in order
    assert "members only" in out  # AAPC and AMBA sell their exams to members only


FIXTURE_SIX = ["TPC", "TPB", "TCA", "TCS", "TBS", "TMR"]


def compare_json(run_fixture: Any, typed: list[str]) -> dict[str, Any]:
    doc: dict[str, Any] = as_json(run_fixture("compare", *typed, "--json"))
    codes = [c.upper() for c in typed]
    assert doc["codes"] == codes == list(doc["credentials"])  # a credential for each code, in order
    assert cited(doc) <= set(doc["sources"])
    return doc


def field(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """{code: the value at a dotted path} across compare's credentials."""
    out = {}
    for code, cred in doc["credentials"].items():
        for key in path.split("."):
            cred = cred[key] if cred is not None else None
        out[code] = cred
    return out


def test_compare_json_holds_each_credentials_fields_and_sources(run_fixture: Any) -> None:
    doc = compare_json(run_fixture, [c.lower() for c in FIXTURE_SIX])
    assert field(doc, "exam_fee.member.amount") == {
        "TPC": 400, "TPB": 300, "TCA": 150, "TCS": 350, "TBS": 100, "TMR": None,
    }  # fmt: skip
    assert field(doc, "exam_fee.non_member.amount") == {
        "TPC": None, "TPB": None, "TCA": 300, "TCS": 400, "TBS": 100, "TMR": None,
    }  # fmt: skip
    assert field(doc, "exam_fee.non_member.members_only")["TPC"] is True
    assert field(doc, "membership_required_for_exam") == {
        "TPC": True, "TPB": True, "TCA": False, "TCS": False, "TBS": None, "TMR": None,
    }  # fmt: skip
    member = field(doc, "exam_fee.member")
    assert (member["TPC"]["source"], member["TPC"]["as_of"], member["TPC"]["status"]) == (
        "t-aapc-tp-2025", 2025, "disputed")
    assert member["TCA"]["as_of"] == 2026  # dated by the newer of two sources
    assert (member["TMR"]["source"], member["TMR"]["status"]) == (None, "not_published")
    assert field(doc, "exam_fee.non_member.source")["TCS"] == "t-ahima-mirror-2024"
    assert "exam.questions.value" not in doc["differs"]  # 100 for all six
    assert {"exam_fee.member.amount", "category", "issuer"} <= set(doc["differs"])
    assert doc["differs"] == sorted(doc["differs"])


def test_compare_eight_credentials(run_fixture: Any) -> None:
    eight = ["TPB", "TPC", "TCA", "TRT", "TCS", "TRA", "TBS", "TMR"]
    doc = compare_json(run_fixture, [c.lower() for c in eight])
    assert field(doc, "issuer") == {
        "TPB": "AAPC", "TPC": "AAPC", "TCA": "AHIMA", "TRT": "AHIMA", "TCS": "AHIMA", "TRA": "AHIMA", "TBS": "TBA",
        "TMR": "TMA",
    }  # fmt: skip
    member = field(doc, "exam_fee.member.amount")
    assert (member["TRT"], member["TRA"]) == (None, None)  # superseded only, doubtful only
    assert field(doc, "renewal.ceus.hours") == {
        "TPB": 30, "TPC": 30, "TCA": 20, "TRT": 20, "TCS": 20, "TRA": 30, "TBS": 10, "TMR": 10,
    }  # fmt: skip
    assert field(doc, "renewal.ceus.years") == {
        "TPB": 2, "TPC": 2, "TCA": 2, "TRT": 2, "TCS": 2, "TRA": 2, "TBS": 2, "TMR": None,
    }  # fmt: skip
    out = ok(run_fixture("compare", *eight)).stdout
    headers = [line.split() for line in out.splitlines() if line.split() and set(line.split()) <= set(eight)]
    assert [code for header in headers for code in header] == eight  # in tables side by side, in order


def test_compare_needs_two_different_credentials(run: Any) -> None:
    for args in (["CPC"], ["CPC", "cpc"], ["COC", "CPC-H"]):
        line = usage_error(run("compare", *args))
        assert line == "Error: compare needs at least two different credentials, e.g. 'certcli compare CPC CCS'."
    assert usage_error(run("compare", "CPC", "CPX")) == "Error: Unknown credential 'CPX'. Did you mean CPC?"


def test_compare_with_no_codes_is_a_usage_error(run: Any) -> None:
    result = run("compare")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- search


def search_codes(run: Any, *words: str) -> list[str]:
    doc = as_json(run("search", *words, "--json"))
    assert doc["query"] == " ".join(words)
    return [r["code"] for r in doc["results"]]


def test_search_by_specialty_setting_and_phrase(run: Any) -> None:
    assert search_codes(run, "cardiology")[0] == "CCC"
    assert {"CIC", "CCS", "CDEI"} <= set(search_codes(run, "inpatient"))
    assert search_codes(run, "risk", "adjustment") == ["CRC"]
    assert search_codes(run, "E/M") == ["CEMC"]  # the phrase, not every word starting with e and m
    assert search_codes(run, "scribe") == ["CMSS", "CMSP", "CPMS"]


def test_search_by_a_code_finds_just_that_credential(run: Any) -> None:
    assert search_codes(run, "CPC-H") == ["COC"]
    assert search_codes(run, "ccs", "p") == ["CCS-P"]


def test_search_human_output(run: Any) -> None:
    out = ok(run("search", "cardiology")).stdout
    fits(out)
    assert out.splitlines()[1].split()[:4] == ["CCC", "Certified", "Cardiology", "Coder"]


def test_search_without_hits(run: Any) -> None:
    result = run("search", "zzzz")
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == "Nothing matches 'zzzz'. Try a broader word, or 'certcli list'.\n"
    as_json_too = run("search", "zzzz", "--json")  # the same exit 1, with its one JSON document
    assert as_json_too.exit_code == 1, as_json_too.stderr
    found = json.loads(as_json_too.stdout)
    assert (found["query"], found["results"]) == ("zzzz", [])


# --------------------------------------------------------------------------- every --json is one document


@pytest.mark.parametrize(
    "args",
    [["list"], ["list", "--issuer", "AAPC"], ["show", "CHDA"], ["compare", "CPC", "CCS"], ["search", "coder"],
     ["data", "check"]],
    ids=lambda a: " ".join(a),
)
def test_json_output_is_exactly_one_document(run: Any, args: list[str]) -> None:
    result = ok(run(*args, "--json"))
    assert result.stderr == ""
    json.loads(result.stdout)  # the whole of stdout parses: nothing before or after


# --------------------------------------------------------------------------- data directory, version


@pytest.fixture
def renamed_cpc(tmp_path: Path) -> Path:
    target = tmp_path / "mydata"
    shutil.copytree(DATA, target)
    path = target / "aapc.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Certified Professional Coder\n", "name: Our School's CPC\n", 1))
    return target


def test_certcli_data_dir_environment_variable_is_honoured(run: Any, renamed_cpc: Path) -> None:
    doc = as_json(run("show", "CPC", "--json", env={"CERTCLI_DATA_DIR": str(renamed_cpc)}))
    assert doc["name"] == "Our School's CPC"
    assert as_json(run("show", "CPC", "--json"))["name"] == "Certified Professional Coder"


def test_data_dir_option_wins_over_the_environment(run: Any, renamed_cpc: Path, tmp_path: Path) -> None:
    env = {"CERTCLI_DATA_DIR": str(tmp_path / "missing")}
    doc = as_json(run("--data-dir", str(renamed_cpc), "show", "CPC", "--json", env=env))
    assert doc["name"] == "Our School's CPC"


def test_version(run: Any) -> None:
    result = ok(run("--version"))
    assert result.stdout.startswith(f"certcli {version('certcli')} (data ")  # and the data's release date


def test_help_lists_the_browse_commands(run: Any) -> None:
    out = ok(run("--help")).stdout
    for command in ("list", "show", "compare", "search", "data"):
        assert f"\n  {command} " in out or f"\n│ {command} " in out, command


# --------------------------------------------------------------------------- shell completion


def test_completion_callback_offers_codes_by_prefix() -> None:
    assert _complete_codes("CCS") == ["CCS", "CCS-P"]
    assert {"CCA", "CCS", "CCS-P", "CCC", "CCPC", "CCVTC", "CCDS", "CCDS-O"} == set(_complete_codes("CC"))
    assert _complete_codes("ccs-") == ["ccs", "ccs-p"]  # any punctuation; lowercase typed, lowercase offered
    assert _complete_codes("zz") == []


def test_completion_callback_offers_everything_for_an_empty_word(catalog: Catalog) -> None:
    assert _complete_codes("") == list(catalog.credentials)


def complete(words: str) -> list[str]:
    """What bash completion offers for the last word (typer's completion protocol)."""
    env = {"_CERTCLI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = ok(CliRunner().invoke(app, [], env={**env, "CERTCLI_DATA_DIR": None}, prog_name="certcli"))
    return result.stdout.split()


def test_shell_completion_completes_codes_for_show_and_compare() -> None:
    assert complete("certcli show CCS") == ["CCS", "CCS-P"]
    assert complete("certcli compare CPC CPC-") == ["CPC-P"]
    assert set(complete("certcli compare CPC CP")) == {
        "CPB", "CPC", "CPC-P", "CPCO", "CPMA", "CPPM", "CPCD", "CPEDC", "CPRC", "CPMS"
    }  # fmt: skip
    assert complete("certcli sh") == ["show"]


def test_shell_completion_of_a_lowercase_code() -> None:
    """The shell keeps only words starting with what was typed: lowercase in, lowercase out."""
    assert set(complete("certcli show ccs")) == {"ccs", "ccs-p"}


@pytest.mark.parametrize(
    "args, says",
    [
        (["cost"], "Missing argument"),
        (["shw", "CPC"], "Did you mean 'show'?"),
        (["list", "--bogus"], "No such option: --bogus"),
        (["fees", "--attempts"], "--attempts"),
    ],
)
def test_usage_mistakes_are_one_line_and_exit_2(run: Any, args: list[str], says: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and says in lines[0], result.stderr
    assert "--help" in lines[0]  # where to look next
    assert result.stdout == ""
