"""Golden pages at 80 columns, compared with tests/golden/<name>.txt: renders of list, show and
compare, and what the commands advise, cost, fees and renew print (run in-process, NO_COLOR).

Every page uses today = tests.conftest.TODAY (the commands get it as their clock), so the 'old'
marks do not move with the calendar. After an intended change to the output, rewrite the
expected files, then review the diff and run the tests again:

    CERTCLI_UPDATE_GOLDEN=1 pytest tests/test_golden.py     # writes the files, and fails
    git diff tests/golden/
    pytest tests/test_golden.py

An update run never passes: a golden test that compared a page with the file it had just
written could not fail.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console, RenderableType
from typer.testing import CliRunner

from certcli.catalog import Catalog
from certcli.cli import app
from certcli.commands.common import Clock
from certcli.engine.browse import comparison, credential_facts
from certcli.render import catalog as view
from certcli.render import compare
from tests.conftest import TODAY, is_source_url

GOLDEN = Path(__file__).parent / "golden"
WIDTH = 80
UPDATE = os.environ.get("CERTCLI_UPDATE_GOLDEN") == "1"

Render = Callable[[Catalog], RenderableType]

RENDERS: dict[str, Render] = {
    "list": lambda c: view.list_table(c, list(c.credentials.values()), WIDTH),
    "list_narrow": lambda c: view.list_table(c, [c.credential(x) for x in ("CPC", "CCA", "CBCS", "CPMS")], 50),
    "show_cpc": lambda c: view.credential_card(c, credential_facts(c, c.credential("CPC")), TODAY),
    "show_ccs": lambda c: view.credential_card(c, credential_facts(c, c.credential("CCS")), TODAY),
    "show_chda": lambda c: view.credential_card(c, credential_facts(c, c.credential("CHDA")), TODAY),
    "compare_cpc_ccs": lambda c: compare.comparison_table(c, comparison(c, c.resolve(["CPC", "CCS"])), TODAY),
    "compare_six": lambda c: compare.comparison_table(
        c, comparison(c, c.resolve(["CPC", "CCS", "CCA", "CPB", "CBCS", "CMRS"])), TODAY
    ),
}

# what a person types, as the command prints it
COMMANDS: dict[str, list[str]] = {
    # the README's newcomer: coding in a physician office, a high-school diploma, nothing held
    "advise_physician_office": ["advise", "--goal", "coding", "--setting", "physician_office",
                                "--education", "high_school", "--defaults"],
    # a career changer with a degree and a CPC, aiming at hospital inpatient coding
    "advise_inpatient_with_cpc": ["advise", "--goal", "coding", "--setting", "hospital_inpatient",
                                  "--education", "bachelor", "--held", "CPC", "--member-of", "AAPC", "--defaults"],
    # the same newcomer with every card (issue 13: --detail adds exam facts, eligibility, renewal, pay)
    "advise_physician_office_detail": ["advise", "--goal", "coding", "--setting", "physician_office",
                                       "--education", "high_school", "--defaults", "--detail"],
    # a CPC-A holder: removing the A comes first, dated by the route they are on
    "advise_cpc_a_holder": ["advise", "--goal", "coding", "--held", "CPC-A", "--member-of", "AAPC",
                            "--experience-years", "0.5", "--defaults"],
    "cost_cpc_cpb_4_years": ["cost", "CPC", "CPB", "--years", "4"],
    "fees_member": ["fees", "--member"],
    "renew_cpc_ccs_non_member": ["renew", "CPC@2024-03-15", "CCS@2023-06-01", "--non-member"],
}

PAGES = sorted([*RENDERS, *COMMANDS])


def render(renderable: RenderableType, width: int = WIDTH) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, legacy_windows=False)
    console.print(renderable, crop=False)  # as certcli prints: a long source URL stays whole
    return _tidy(buffer.getvalue())


def _tidy(text: str) -> str:
    # trailing blanks carry no meaning, and editors strip them from the expected files
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def page(catalog: Catalog, name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    if name in RENDERS:
        return render(RENDERS[name](catalog), 50 if name.endswith("_narrow") else WIDTH)
    monkeypatch.delenv("CERTCLI_DATA_DIR", raising=False)
    result = CliRunner().invoke(app, COMMANDS[name], obj=Clock(TODAY), env={"COLUMNS": str(WIDTH), "NO_COLOR": "1"})
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert result.stderr == ""
    return _tidy(result.stdout)


@pytest.mark.parametrize("name", PAGES)
def test_page_matches_golden(catalog: Catalog, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = page(catalog, name, monkeypatch)
    path = GOLDEN / f"{name}.txt"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        changed = not path.exists() or path.read_text(encoding="utf-8") != text
        path.write_text(text, encoding="utf-8")
        pytest.fail(f"updated {path.name} ({'changed' if changed else 'unchanged'}): review git diff tests/golden/, "
                    "then run the tests without CERTCLI_UPDATE_GOLDEN")
    assert path.exists(), f"{path} is missing: run with CERTCLI_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} changed; if intended, rerun with CERTCLI_UPDATE_GOLDEN=1 and review the diff"


@pytest.mark.parametrize("name", PAGES)
def test_every_line_fits_the_width(catalog: Catalog, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every line but a source's URL, which is printed whole for the terminal to wrap."""
    width = 50 if name.endswith("_narrow") else WIDTH
    for line in page(catalog, name, monkeypatch).splitlines():
        assert len(line) <= width or is_source_url(line), line


def test_an_update_run_writes_the_file_and_fails(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CERTCLI_UPDATE_GOLDEN=1 rewrites the expected file and never lets the test pass."""
    monkeypatch.setattr(__name__ + ".GOLDEN", tmp_path)
    monkeypatch.setattr(__name__ + ".UPDATE", True)
    with pytest.raises(pytest.fail.Exception, match="updated fees_member.txt .changed."):
        test_page_matches_golden(catalog, "fees_member", monkeypatch)
    assert (tmp_path / "fees_member.txt").read_text(encoding="utf-8").startswith("Exam fees and first-year cost")
    with pytest.raises(pytest.fail.Exception, match="unchanged"):
        test_page_matches_golden(catalog, "fees_member", monkeypatch)


def test_list_shows_every_credential_with_its_full_name_and_status(catalog: Catalog) -> None:
    text = render(RENDERS["list"](catalog))
    header, *rows = text.splitlines()
    start, end = header.index("Credential"), header.index("Issuer")
    names: dict[str, str] = {}
    code = ""
    for row in rows:  # a long name wraps onto the next line, under an empty Code cell
        code = row[:start].strip() or code
        names[code] = (names.get(code, "") + " " + row[start:end].strip()).strip()
    assert list(names) == list(catalog.credentials)  # every credential, in catalog order
    for cred in catalog.credentials.values():
        shown = names[cred.code]
        assert shown == cred.name or shown == f"{cred.name} ({cred.status})", f"{cred.code}: {shown!r}"
    assert names["CPMS"] == "Certified Professional Medical Scribe (unconfirmed)"
    assert "…" not in text


def test_show_keeps_the_facts_a_user_acts_on(catalog: Catalog) -> None:
    flat = " ".join(render(RENDERS["show_cpc"](catalog)).split())
    assert "$425" in flat and "sources disagree: $399" in flat  # disputed price shows all values
    assert "CPC-A" in flat
    assert "not legally required" in flat and "legally required for" not in flat.replace("not legally", "")
    assert "Earlier exam, member $300" in flat  # a superseded flat price is not shown as today's price
    assert "https://www.aapc.com/certification/cpc/ for the final price" in flat


def test_a_sparse_credential_says_not_published_instead_of_guessing(catalog: Catalog) -> None:
    text = render(RENDERS["show_chda"](catalog))
    assert "Questions      not published" in text
    assert "Exam fee                current price not published" in text
    assert "$0" not in text


def test_compare_marks_members_only_and_disputed_figures(catalog: Catalog) -> None:
    text = render(RENDERS["compare_cpc_ccs"](catalog))
    assert "members only" in text
    assert "$425*" in text and "* sources disagree" in text
    assert "Active AAPC membership…" in text  # cut at the end of a clause, not mid-word
