"""The JSON contract (issue 16): every command's --json document is the one certcli.documents
builds, and each starts with schema_version and data_version."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from certcli import documents
from certcli.catalog import Catalog
from certcli.model import Profile
from tests.conftest import TODAY

COMMANDS: list[tuple[list[str], Callable[[Catalog], dict[str, Any]]]] = [
    (["list"], lambda c: documents.list_document(c)),
    (["list", "--issuer", "AHIMA", "--level", "entry"], lambda c: documents.list_document(c, issuer="AHIMA",
                                                                                          level="entry")),
    (["show", "CPC"], lambda c: documents.show_document(c, "CPC", TODAY)),
    (["compare", "CPC", "CCS"], lambda c: documents.compare_document(c, ["CPC", "CCS"], TODAY)),
    (["search", "inpatient"], lambda c: documents.search_document(c, "inpatient")),
    (["fees", "CPC", "CCS", "--non-member"], lambda c: documents.fees_document(c, ["CPC", "CCS"], TODAY,
                                                                                member=False)),
    (["fees", "--memberships"], lambda c: documents.memberships_document(c, None, TODAY)),
    (["cost", "CPC", "CPB", "--years", "4", "--student"],
     lambda c: documents.cost_document(c, ["CPC", "CPB"], TODAY, years=4, student=True)),
    (["renew", "CPC@2024-03-15", "CCS"], lambda c: documents.renew_document(c, ["CPC@2024-03-15", "CCS"], TODAY)),
    (["advise", "--goal", "coding", "--defaults"],
     lambda c: documents.advise_document(c, Profile(goal="coding"), TODAY)),
]


@pytest.mark.parametrize(("args", "build"), COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_each_command_prints_the_document_its_function_builds(
    run: Any, catalog: Catalog, args: list[str], build: Callable[[Catalog], dict[str, Any]]
) -> None:
    result = run(*args, "--json", today=TODAY)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == documents.SCHEMA_VERSION == 1
    assert doc["data_version"] == catalog.data_version
    assert doc == json.loads(json.dumps(build(catalog)))


def test_a_document_function_checks_its_arguments_as_the_command_does(catalog: Catalog) -> None:
    from certcli.errors import UsageError

    with pytest.raises(UsageError, match="at least two different credentials"):
        documents.compare_document(catalog, ["CPC", "cpc"], TODAY)
    with pytest.raises(UsageError, match="years must be a whole number from 1 to 50"):
        documents.cost_document(catalog, ["CPC"], TODAY, years=0)
    with pytest.raises(UsageError, match="level: 'beginner' is not one of"):
        documents.list_document(catalog, level="beginner")
