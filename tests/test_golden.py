"""Golden renders of list, show and compare at 80 columns, compared with tests/golden/<name>.txt.

The renders use today = tests.conftest.TODAY, so the 'old' marks do not move with the clock.
After an intended change to the output, rewrite the expected files and review the diff:

    CERTCLI_UPDATE_GOLDEN=1 pytest tests/test_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from certcli.catalog import Catalog
from certcli.engine.browse import comparison, credential_facts
from certcli.render import catalog as view
from tests.conftest import TODAY

GOLDEN = Path(__file__).parent / "golden"
WIDTH = 80

Render = Callable[[Catalog], RenderableType]

RENDERS: dict[str, Render] = {
    "list": lambda c: view.list_table(c, list(c.credentials.values()), WIDTH),
    "list_narrow": lambda c: view.list_table(c, [c.credential(x) for x in ("CPC", "CCA", "CBCS", "CPMS")], 50),
    "show_cpc": lambda c: view.credential_card(c, credential_facts(c, c.credential("CPC")), TODAY),
    "show_ccs": lambda c: view.credential_card(c, credential_facts(c, c.credential("CCS")), TODAY),
    "show_chda": lambda c: view.credential_card(c, credential_facts(c, c.credential("CHDA")), TODAY),
    "compare_cpc_ccs": lambda c: view.comparison_table(c, comparison(c, c.resolve(["CPC", "CCS"])), TODAY),
    "compare_six": lambda c: view.comparison_table(
        c, comparison(c, c.resolve(["CPC", "CCS", "CCA", "CPB", "CBCS", "CMRS"])), TODAY
    ),
}


def render(renderable: RenderableType, width: int = WIDTH) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, legacy_windows=False)
    console.print(renderable, crop=False)  # as certcli prints: a long source URL stays whole
    # rich pads table cells with spaces; trailing blanks carry no meaning and editors strip them
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_render_matches_golden(catalog: Catalog, name: str) -> None:
    text = render(RENDERS[name](catalog), 50 if name.endswith("_narrow") else WIDTH)
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("CERTCLI_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with CERTCLI_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} render changed; if intended, rerun with CERTCLI_UPDATE_GOLDEN=1 and review"


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_every_line_fits_the_width(catalog: Catalog, name: str) -> None:
    """Every line but a source's URL, which is printed whole for the terminal to wrap."""
    width = 50 if name.endswith("_narrow") else WIDTH
    urls = {src.url for src in catalog.sources.values()}
    for line in render(RENDERS[name](catalog), width).splitlines():
        assert len(line) <= width or line.strip() in urls, line


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
