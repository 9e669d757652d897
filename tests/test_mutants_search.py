"""`certcli search`: which credentials a query finds, in which order, and by which field.

A mutation run over engine/search.py found that no test checked the order of the results or the
field that matched (the score table, the sort, any-vs-all words, two-letter words), and that a
query with no word in it could return None (a traceback with --json). Expected results were read
from the shipped data: names score before categories and settings, then issuers, then summaries,
ties in catalog order.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import as_json


def found(run: Any, *words: str) -> list[tuple[str, str]]:
    doc = as_json(run("search", *words, "--json"))
    assert doc["query"] == " ".join(words)
    return [(r["code"], r["matched"]) for r in doc["results"]]


@pytest.mark.parametrize(
    "words, results",
    [
        (
            ("billing",),
            [("CBCS", "name"), ("CPB", "category"), ("CMRS", "category"), ("CMIS", "category"), ("CRCR", "category"),
             ("CPC", "summary"), ("CPCO", "summary"), ("CEMC", "summary")],
        ),
        (
            ("surgery",),
            [("CASCC", "specialty"), ("CCVTC", "name"), ("CGSC", "name"), ("COSC", "name"), ("CPRC", "name"),
             ("CSFAC", "name"), ("COC", "summary"), ("CENTC", "summary")],
        ),
        # every word must match somewhere; the field named is the first that holds one of them
        (("inpatient", "coding"), [("CDEI", "name"), ("CIC", "name"), ("CCS", "name"), ("CDIP", "setting")]),
        # a setting beats an issuer, an issuer beats a summary
        (("payer", "aapc"), [("CRC", "setting"), ("CPB", "issuer"), ("CPMA", "issuer"), ("CPC-P", "summary")]),
        # a two-letter word counts: 'em' is not dropped, so not every coding credential matches
        (("em", "coding"), [("COC", "category")]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else None,
)
def test_search_finds_in_order_and_names_the_field(run: Any, words: tuple[str, ...], results: list[Any]) -> None:
    assert found(run, *words) == results


def test_a_query_without_a_word_finds_nothing_and_says_so(run: Any) -> None:
    result = run("search", "--json", "--", "!!")
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)
    assert (found["query"], found["results"]) == ("!!", [])
    assert result.stderr == "Nothing matches '!!'. Try a broader word, or 'certcli list'.\n"
