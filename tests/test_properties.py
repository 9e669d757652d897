"""Property tests (hypothesis): whatever a person types, and whatever a data file holds, certcli
answers with a result or one error line and a known exit code, never a traceback; and for any
buyer, the totals of `fees` and `cost` are the sums of the amounts they list."""

from __future__ import annotations

import copy
import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from typer.testing import CliRunner

from certcli.catalog import Catalog, load_catalog, normalize
from certcli.cli import app
from certcli.errors import DataError
from certcli.model import Claim
from tests.conftest import DATA, FIXTURE

COMMANDS = ["list", "show", "compare", "search", "data", "check"]
CODES = ["CPC", "cpc", "CCS-P", "ccsp", "CPC-H", "CPX", "CHDA", "CPMS", "CBCS", "CMRS", "cpc-a", "RHIA"]
FLAGS = [
    "--json", "--issuer", "--category", "--setting", "--level", "--status", "--data-dir", "--version",
    "--help", "-h", "--", "-", "AAPC", "ahima", "specialty", "entry", "hospital_inpatient", "unconfirmed",
    "/nonexistent", "",
]  # fmt: skip
EXIT_CODES = {0, 1, 2, 130}

argument = st.one_of(
    st.sampled_from(COMMANDS + CODES + FLAGS),
    st.text(max_size=12),
    st.text(alphabet="CPSAHIMcps-_ /*?%[]{}'\"\\", max_size=8),
)


@pytest.fixture(scope="module")
def runner() -> Iterator[CliRunner]:
    yield CliRunner()


@example(args=["search", "list", "--json"])
@example(args=["list", "list", "--json"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.one_of(
    st.lists(argument, max_size=6),
    st.tuples(st.sampled_from(COMMANDS[:4]), st.lists(argument, max_size=5)).map(lambda t: [t[0], *t[1]]),
))  # fmt: skip
def test_arbitrary_arguments_never_end_in_a_traceback(runner: CliRunner, args: list[str]) -> None:
    env = {"CERTCLI_DATA_DIR": None, "COLUMNS": "80", "NO_COLOR": "1", "CERTCLI_NO_CACHE": "1"}
    result = runner.invoke(app, args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args!r} raised {result.exception!r}"
    )
    assert result.exit_code in EXIT_CODES, f"{args!r} exited {result.exit_code}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr, args
    if result.exit_code != 0:
        assert result.stderr.strip(), f"{args!r} failed without a word on stderr"
        if result.stdout:  # nothing half-written: only reports print a whole document on failure —
            # `data check --json` its problems, `search --json` that nothing matched (exit 1, like grep),
            # and with --json the error itself, {"error": {"code": …, "message": …}}
            assert "--json" in args, f"{args!r} exited {result.exit_code} after writing stdout"
            doc = json.loads(result.stdout)
            reported = doc.get("ok") is False or doc.get("results") == []
            assert reported or doc.get("error", {}).get("code") == result.exit_code, f"{args!r}: {doc!r}"


# --------------------------------------------------------------------------- the loader


MINIMAL = """
sources:
  - {id: s1, url: https://example.org, title: Example, year: 2025, confidence: official}
organizations:
  - code: ORG
    name: An organization
    url: https://example.org
credentials:
  - code: ABC
    name: A credential
    issuer: ORG
    category: coding
    level: entry
    summary: A credential used to test the loader with arbitrary extra files.
    exam:
      questions: {value: 100, source: s1}
"""

KEYS = [
    "sources", "organizations", "credentials", "context", "id", "url", "title", "year", "year_note",
    "confidence", "code", "name", "issuer", "category", "level", "status", "summary", "exam", "questions",
    "minutes", "value", "max", "source", "fees", "kind", "audience", "amount", "attempts", "builds_on",
    "aliases", "membership", "tiers", "dues", "renewal", "ceus", "eligibility", "required", "any_of", "text",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10, max_value=3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["s1", "ORG", "ABC", "official", "coding", "entry", "exam", "member", "", "CPC"]),
    st.text(max_size=10),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=5)), inner, max_size=5),
    ),
    max_leaves=25,
)
STRUCTURED = st.dictionaries(st.sampled_from(KEYS[:4]), VALUES, max_size=4).map(
    lambda doc: yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
)
VALID_EXTRA: dict[str, Any] = {
    "sources": [{"id": "s2", "url": "https://example.org/2", "title": "Another", "year_note": "undated",
                 "confidence": "third-party"}],
    "credentials": [{
        "code": "XYZ", "name": "Another credential", "issuer": "ORG", "category": "billing", "level": "advanced",
        "summary": "A second credential that refers to the first one and to both sources.",
        "aliases": ["XY-Z"], "builds_on": ["ABC"],
        "exam": {"minutes": {"value": 90, "max": 120, "source": "s2"}},
        "fees": [{"kind": "exam", "audience": "member", "amount": [{"value": 100, "source": "s1"},
                                                                    {"value": 90, "source": "s2"}]}],
        "apprentice": {"designation": "XYZ-A", "rule": "Until experience.", "source": "s1"},
    }],
}  # fmt: skip
MUTABLE_PATHS: list[tuple[str | int, ...]] = [
    ("sources", 0, "id"), ("sources", 0, "year"), ("sources", 0, "confidence"),
    ("credentials", 0, "code"), ("credentials", 0, "issuer"), ("credentials", 0, "level"),
    ("credentials", 0, "aliases"), ("credentials", 0, "aliases", 0), ("credentials", 0, "builds_on"),
    ("credentials", 0, "builds_on", 0), ("credentials", 0, "exam"), ("credentials", 0, "exam", "minutes"),
    ("credentials", 0, "exam", "minutes", "max"), ("credentials", 0, "exam", "minutes", "source"),
    ("credentials", 0, "fees", 0, "kind"), ("credentials", 0, "fees", 0, "amount"),
    ("credentials", 0, "fees", 0, "amount", 1, "value"), ("credentials", 0, "apprentice", "designation"),
    ("credentials", 0, "apprentice", "source"), ("credentials", 0, "summary"),
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid file with one value replaced: reaches the reference checks behind validation."""
    doc = copy.deepcopy(VALID_EXTRA)
    *parents, last = draw(st.sampled_from(MUTABLE_PATHS))
    node: Any = doc
    for step in parents:
        node = node[step]
    node[last] = draw(VALUES)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


FRAGMENTS = st.lists(
    st.one_of(
        st.sampled_from([
            "sources:", "credentials:", "organizations:", "context:", "- ", "  ", "\n", ": ", "{", "}", "[", "]",
            "- code: ABC", "- id: s1", "value: -1", "source: nope", "issuer: ORG", "&a ", "*a", "!!binary ",
            "!!python/object:os.system", "!!set ", "? ", "<<: *a", "---", "...", "%YAML 1.2", "'", '"', "#", "\t",
            "|", ">",
        ]),
        st.text(max_size=6),
    ),
    max_size=30,
).map("".join)


_counter = itertools.count()
_workdir = tempfile.TemporaryDirectory(prefix="certcli-fuzz-")


def fresh_data_dir(extra: str) -> Path:
    """A new directory per example (the loader caches catalogs by directory)."""
    path = Path(_workdir.name) / f"d{next(_counter)}"
    path.mkdir()
    (path / "base.yaml").write_text(MINIMAL, encoding="utf-8")
    (path / "fuzz.yaml").write_text(extra, encoding="utf-8")
    (path / "release.yaml").write_text("# a whole catalog, not an overlay over the shipped data\n", encoding="utf-8")
    return path


def test_the_unfuzzed_files_load() -> None:
    assert list(load_catalog(fresh_data_dir("")).credentials) == ["ABC"]
    catalog = load_catalog(fresh_data_dir(yaml.safe_dump(VALID_EXTRA)))
    assert catalog.credential("xy z").code == "XYZ"
    assert catalog.credential("XYZ-A").code == "XYZ"


def with_value(path: tuple[str | int, ...], value: Any) -> str:
    """VALID_EXTRA with one value replaced, as YAML (an input the reference checks must refuse)."""
    doc = copy.deepcopy(VALID_EXTRA)
    node: Any = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(STRUCTURED, FRAGMENTS, mutated()))
@example(text=with_value(("credentials", 0, "exam", "minutes", "source"), "nope"))  # a claim citing no source
@example(text=with_value(("credentials", 0, "builds_on", 0), "NOPE"))  # a reference to no credential
@example(text=with_value(("credentials", 0, "issuer"), "NOORG"))  # an issuer that is not there
def test_the_loader_returns_a_catalog_or_raises_a_data_error(monkeypatch_env: None, text: str) -> None:
    data_dir = fresh_data_dir(text)
    try:
        catalog: Any = load_catalog(data_dir)
    except DataError as exc:
        assert exc.problems, "a DataError must carry at least one problem"
        for problem in exc.problems:  # one line each, blaming the broken file (base.yaml is sound)
            assert "\n" not in problem and f"{data_dir / 'fuzz.yaml'}: " in problem, problem
    else:
        assert isinstance(catalog, Catalog)
        abc = catalog.credential("ABC")  # base.yaml's credential, as written there
        assert abc.issuer == "ORG" and [c.value for c in abc.exam.questions or ()] == [100]
        for cred in catalog.credentials.values():  # every reference in a loaded catalog resolves
            assert cred.issuer in catalog.organizations, cred.code
            assert all(catalog.lookup.get(normalize(code)) for code in cred.builds_on), cred.code
        for path, claim in claims_in(catalog):
            assert claim.source in catalog.sources, path


@pytest.fixture(scope="module")
def monkeypatch_env() -> Iterator[None]:
    """No on-disk catalog cache for hundreds of throwaway directories."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CERTCLI_NO_CACHE", "1")
        yield


def claims_in(catalog: Catalog) -> Iterator[tuple[str, Claim[Any]]]:
    def walk(obj: Any, path: str) -> Iterator[tuple[str, Claim[Any]]]:
        if isinstance(obj, Claim):
            yield path, obj
        elif isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                yield from walk(getattr(obj, name), f"{path}.{name}")
        elif isinstance(obj, tuple):
            for i, item in enumerate(obj):
                yield from walk(item, f"{path}[{i}]")

    for org in catalog.organizations.values():
        yield from walk(org, org.code)
    for cred in catalog.credentials.values():
        yield from walk(cred, cred.code)
    yield from walk(catalog.context, "context")


# --------------------------------------------------------------------------- the money adds up

BUYER_FLAGS = st.lists(
    st.sampled_from(["--member", "--non-member", "--student", "--first-time", "--senior"]), unique=True, max_size=4
).filter(lambda flags: not {"--member", "--non-member"} <= set(flags))
DATA_DIRS = {"shipped": DATA, "fixture": FIXTURE}


def codes_of(name: str, count: int) -> st.SearchStrategy[list[str]]:
    codes = list(load_catalog(DATA_DIRS[name]).credentials)  # loaded in the test: the cache is the test's own
    return st.lists(st.sampled_from(codes), min_size=1, max_size=count, unique=True)


def invoke_json(runner: CliRunner, data: str, args: list[str]) -> Any:
    env = {"CERTCLI_DATA_DIR": None, "COLUMNS": "80", "NO_COLOR": "1"}
    result = runner.invoke(app, ["--data-dir", str(DATA_DIRS[data]), *args, "--json"], env=env)
    assert result.exit_code == 0, f"{args!r} exited {result.exit_code}: {result.stderr}"
    return json.loads(result.stdout)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flags=BUYER_FLAGS, attempts=st.sampled_from(["1", "2"]), data=st.sampled_from(sorted(DATA_DIRS)), pick=st.data())
def test_a_first_year_total_is_the_exam_fee_plus_the_dues_for_any_buyer(
    runner: CliRunner, flags: list[str], attempts: str, data: str, pick: st.DataObject
) -> None:
    codes = pick.draw(codes_of(data, 4))
    doc = invoke_json(runner, data, ["fees", *codes, *flags, "--attempts", attempts])
    assert [q["code"] for q in doc["quotes"].values()] == codes
    for q in doc["quotes"].values():
        parts = [item for item in (q["exam"], q["dues"]) if item is not None]
        amounts = [item["amount"] for item in parts]
        if None in amounts:
            assert q["first_year_total"]["complete"] is False, q
        else:
            assert q["first_year_total"]["amount"] == sum(amounts) and q["first_year_total"]["complete"] is True, q
        if q["membership_required"]:
            assert q["member"] is True and q["dues"] is not None, q  # members only: a year's dues are counted


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flags=BUYER_FLAGS, attempts=st.sampled_from(["1", "2"]), years=st.integers(min_value=1, max_value=12),
    data=st.sampled_from(sorted(DATA_DIRS)), pick=st.data(),
)  # fmt: skip
def test_a_cost_total_is_the_sum_of_its_years_and_of_its_items(
    runner: CliRunner, flags: list[str], attempts: str, years: int, data: str, pick: st.DataObject
) -> None:
    codes = pick.draw(codes_of(data, 3))
    doc = invoke_json(runner, data, ["cost", *codes, *flags, "--attempts", attempts, "--years", str(years)])
    assert [y["year"] for y in doc["by_year"]] == list(range(1, years + 1))
    known = [i for i in doc["items"] if i["amount"] is not None]
    for row in doc["by_year"]:
        assert row["subtotal"]["amount"] == sum(i["amount"] for i in known if i["year"] == row["year"]), row
        missing = any(i["amount"] is None for i in doc["items"] if i["year"] == row["year"])
        assert row["subtotal"]["complete"] is not missing
    subtotals = sum(y["subtotal"]["amount"] for y in doc["by_year"])
    assert doc["total"]["amount"] == subtotals == sum(i["amount"] for i in known)
    assert all(1 <= i["year"] <= years for i in doc["items"])
    if any(i["amount"] is None for i in doc["items"]):
        assert doc["total"]["complete"] is False and doc["total"]["unknown"], doc["total"]["unknown"]
    assert doc["total"]["complete"] is not bool(doc["total"]["unknown"])
    assert [i["year"] for i in doc["items"]] == sorted(i["year"] for i in doc["items"])  # listed by year


def test_hypothesis_is_deterministic_in_ci() -> None:
    """conftest's "ci" profile: the same examples every run, and no database replaying old finds."""
    profile = settings.get_profile("ci")
    assert profile.derandomize is True and profile.database is None
    if os.environ.get("CI"):
        assert settings.default is not None
        assert settings.default.derandomize is True and settings.default.database is None
