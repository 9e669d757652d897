"""What the human output looks like at the edges: narrow terminals, long words, long URLs,
and which figure a row shows when sources disagree."""

from __future__ import annotations

from typing import Any

import pytest

from certcli.catalog import Catalog
from tests.conftest import as_json, ok


def test_compare_shows_the_salary_the_claim_choice_rule_picks(run: Any, catalog: Catalog) -> None:
    """One rule picks the figure in use: the official AAPC salary ($58,055, 2023) over a newer
    third-party citation of a survey ($58,895, 2026) — as for every other figure."""
    doc = as_json(run("compare", "CPC", "CCS", "--json"))
    cpc, ccs = doc["credentials"]["CPC"]["salary_in_use"], doc["credentials"]["CCS"]["salary_in_use"]
    picked = catalog.pick(catalog.credential("CPC").salary)
    assert picked is not None
    assert cpc["amount"] == picked.value == 58055
    assert cpc["source"] == picked.source == "aapc-cpc-page-2023"
    assert (ccs["amount"], ccs["status"]) == (None, "not_published")


def _words(text: str) -> set[str]:
    """The words of a page above its sources list (whose titles fold where they must)."""
    return set(text.split("\nSources\n")[0].split())


def _human(run: Any, catalog: Catalog, columns: int, *args: str) -> str:
    """The command's output at ``columns``: every line fits, but a source's URL (printed whole)."""
    out = ok(run(*args, env={"COLUMNS": str(columns)})).stdout
    urls = {src.url for src in catalog.sources.values()}
    too_wide = [line for line in out.splitlines() if len(line) > columns and line.strip() not in urls]
    assert not too_wide, f"wider than {columns} columns:\n" + "\n".join(too_wide)
    return out


SIX = ["CPC", "CCS", "CCA", "CPB", "CBCS", "CMRS"]
SIX_WITH_LONG_WORDS = ["COC", "CPC-P", "RHIT", "CDIP", "CCS-P", "CPMA"]  # 'intermediate', 'documentation'


@pytest.mark.parametrize("codes", [SIX, SIX_WITH_LONG_WORDS], ids=["six", "long-words"])
def test_compare_of_six_at_80_columns_breaks_no_word(run: Any, catalog: Catalog, codes: list[str]) -> None:
    """Every word printed on a wide terminal is printed whole at 80 columns (today's bug:
    'intermedia' / 'te', 'membershi' / 'p…')."""
    wide = _human(run, catalog, 250, "compare", *codes)
    narrow = _human(run, catalog, 80, "compare", *codes)
    assert _words(narrow) == _words(wide), f"broken: {_words(narrow) - _words(wide)}"
    assert "intermediate" in _words(narrow) or codes == SIX


def test_compare_keeps_the_codes_in_order_when_it_splits_them(run: Any, catalog: Catalog) -> None:
    out = _human(run, catalog, 80, "compare", *SIX)
    headers = [line.split() for line in out.splitlines() if line.split() and set(line.split()) <= set(SIX)]
    assert headers == [SIX[:3], SIX[3:]]  # two tables of three, each with the labels
    assert out.count("Exam fee,") == 2 * 2


@pytest.mark.parametrize("args", [("fees",), ("fees", "--member"), ("fees", "CCS", "CBCS", "--non-member")])
def test_fees_at_40_columns_loses_no_letters(run: Any, catalog: Catalog, args: tuple[str, ...]) -> None:
    """At 40 columns each credential is a block of lines; no word is cut ('indi' / 'l' today)."""
    wide = _human(run, catalog, 250, *args)
    narrow = _human(run, catalog, 40, *args)
    assert _words(narrow) == _words(wide) - {"Code"}, f"broken: {_words(narrow) - _words(wide)}"
    assert "individual" in _words(narrow) or "CBCS" in args


ME = "goal: coding\nsetting: physician_office\neducation: high_school\n"
WITH_SOURCES = [
    ("show", "CPC"),
    ("compare", "CPC", "CCS", "CCA"),
    ("fees", "--member"),
    ("cost", "CPC", "CPB", "--years", "4"),
    ("renew", "CPC@2024-03-15", "CCS@2023-06-01", "--non-member"),
    ("advise", "--answers", "{answers}"),
]


def _sources_list(out: str) -> list[str]:
    """The lines of the numbered sources list at the end of a page, stripped."""
    lines = [line.strip() for line in out.splitlines()]
    start = max(i for i, line in enumerate(lines) if line == "Sources")
    return lines[start + 1:]


def _cut(catalog: Catalog, lines: list[str]) -> list[str]:
    """Lines that are only the beginning of a source's URL: the rest went onto the next line."""
    urls = {src.url for src in catalog.sources.values()}
    return [line for line in lines if line not in urls and len(line) >= 12 and any(u.startswith(line) for u in urls)]


@pytest.mark.parametrize("args", WITH_SOURCES, ids=lambda a: a[0])
def test_source_urls_are_printed_whole_on_one_line(run: Any, catalog: Catalog, tmp_path: Any, args: Any) -> None:
    """At 40 columns many URLs are wider than the terminal: each is still one line, neither
    wrapped nor cut, so the terminal wraps it and it stays one link."""
    answers = tmp_path / "me.yaml"
    answers.write_text(ME, encoding="utf-8")
    out = ok(run(*(a.format(answers=answers) for a in args), env={"COLUMNS": "40"})).stdout
    listed = _sources_list(out)
    wide = [line for line in listed if line.startswith("http") and len(line) > 40]
    assert wide, "no URL wider than the terminal: the test would prove nothing"
    assert all(line in {src.url for src in catalog.sources.values()} for line in wide)
    assert not _cut(catalog, listed)


def test_the_saved_plan_lists_each_source_url_whole_on_one_line(run: Any, catalog: Catalog, tmp_path: Any) -> None:
    answers, plan = tmp_path / "me.yaml", tmp_path / "plan.md"
    answers.write_text(ME, encoding="utf-8")
    ok(run("advise", "--answers", str(answers), "--save", str(plan), env={"COLUMNS": "40"}))
    text = plan.read_text(encoding="utf-8")
    listed = [line for line in text.splitlines() if line[:1].isdigit() and ". " in line]
    urls = [line.rsplit(": ", 1)[-1].strip("<>") for line in listed]
    assert any(len(url) > 40 for url in urls)
    assert set(urls) <= {src.url for src in catalog.sources.values()}  # each whole, on its entry's line


@pytest.mark.parametrize("days", [547, 548, 549])
def test_a_figure_cited_by_several_sources_is_old_by_the_one_staleness_rule(catalog: Catalog, days: int) -> None:
    """Footnotes.cite dates a figure by its newest source, and marks it 'old' exactly when
    Catalog.is_stale marks a claim of that source: 548 days after 1 July of its year."""
    from datetime import date, timedelta

    from certcli.render import Footnotes

    claims = [c for cred in catalog.credentials.values() for fee in cred.fees for c in fee.amount]
    claim = next(c for c in claims if catalog.sources[c.source].year == 2025)
    undated = next(src.id for src in catalog.sources.values() if src.year is None)
    today = date(2025, 7, 1) + timedelta(days=days)
    cited = Footnotes(catalog, today).cite([undated, claim.source])
    assert cited.plain.startswith("2025 [1] [2]")
    assert cited.plain.endswith(" old") is catalog.is_stale(claim, today) is (days > 548)
    assert Footnotes(catalog, today).cite([undated]).plain == "undated [1] old"  # undated is always old


def test_fees_cost_and_show_state_the_same_claim_choice_rule() -> None:
    """fees and cost once said 'the most recent official one' while computing with a newer
    third-party figure marked current; every output now words the one rule the same way."""
    from typer.testing import CliRunner

    from certcli.catalog.provenance import CHOICE_WORDS
    from certcli.cli import app

    env = {"COLUMNS": "400", "NO_COLOR": "1", "CERTCLI_DATA_DIR": None}
    for args in (["fees", "--member"], ["cost", "CPC", "CCS"], ["show", "CPC"]):
        result = CliRunner().invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
        page = " ".join(result.stdout.split())
        assert f"certcli uses {CHOICE_WORDS}" in page, args
        assert "the most recent official one" not in page, args
