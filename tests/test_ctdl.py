"""``certcli export ctdl``: the credentials as CTDL JSON-LD.

Structure (always): the CTDL context, one Certification per credential with the properties a
registry needs, every id unique and every reference defined, only prices the catalog publishes.
Where a Python ≥ 3.12 with ctdl-validate is found (``CERTCLI_CTDL_PYTHON``, this interpreter, or
a ``ctdl-validate`` on PATH; ``.ci/run`` provides one where it can), the export is also run
through that validator, offline, and expanded as JSON-LD with pyld against the real CTDL context
the validator ships (inlined: nothing is fetched).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from certcli.catalog import Catalog
from certcli.model import Audience, Category, FeeKind, Status
from tests.conftest import as_json, ok

CTDL_CONTEXT = "https://credreg.net/ctdl/schema/context/json"
CTDL = "https://purl.org/ctdl/terms/"
Run = Callable[..., Any]


@pytest.fixture(scope="module")
def document(catalog: Catalog) -> dict[str, Any]:
    from typer.testing import CliRunner

    from certcli.cli import app

    result = CliRunner().invoke(app, ["--data-dir", str(catalog.data_dir), "export", "ctdl"])
    return as_json(result)  # type: ignore[no-any-return]


def nodes(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [n for n in doc["@graph"] if n["@type"] == kind]


def walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON value, nested ones included."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def en(value: Any) -> str:
    assert isinstance(value, dict) and set(value) == {"en-US"}, f"not a language map: {value!r}"
    text = value["en-US"]
    assert isinstance(text, str) and text.strip()
    return text


def credentials_by_code(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {en(n["ceterms:alternateName"]): n for n in nodes(doc, "ceterms:Certification")}


# --------------------------------------------------------------------------- the shape


def test_one_graph_under_the_ctdl_context_with_every_credential_and_issuer(
    document: dict[str, Any], catalog: Catalog
) -> None:
    assert set(document) == {"@context", "@graph"}
    assert document["@context"] == CTDL_CONTEXT
    assert list(credentials_by_code(document)) == list(catalog.credentials)
    orgs = {en(n["ceterms:name"]) for n in nodes(document, "ceterms:CredentialOrganization")}
    assert orgs == {catalog.organizations[c.issuer].name for c in catalog.credentials.values()}
    assert {n["@type"] for n in document["@graph"]} == {"ceterms:Certification", "ceterms:CredentialOrganization"}


def test_every_certification_has_the_properties_a_registry_needs(document: dict[str, Any], catalog: Catalog) -> None:
    orgs = {n["@id"]: n for n in nodes(document, "ceterms:CredentialOrganization")}
    for code, node in credentials_by_code(document).items():
        cred = catalog.credentials[code]
        assert en(node["ceterms:name"]) == cred.name
        assert en(node["ceterms:description"]) == cred.summary
        pages = [u for u in (cred.url, catalog.organizations[cred.issuer].url)
                 if u and u.startswith("http") and " " not in u]
        assert node.get("ceterms:subjectWebpage") == (pages[0] if pages else None)  # a webpage, or none
        assert node["ceterms:inLanguage"] == ["en-US"]
        [owner] = node["ceterms:ownedBy"]
        assert en(orgs[owner]["ceterms:name"]) == catalog.organizations[cred.issuer].name
        assert node["@id"] in orgs[owner]["ceterms:owns"]  # both directions of the inverse pair
        status = node.get("ceterms:credentialStatusType", {}).get("ceterms:targetNode")
        assert status == {Status.ACTIVE: "credentialStat:Active", Status.RETIRED: "credentialStat:Deprecated",
                          Status.UNCONFIRMED: None}[cred.status]
        if cred.eligibility.required:
            assert [en(c["ceterms:description"]) for c in node["ceterms:requires"]][0].startswith(
                cred.eligibility.required[0].text.rstrip(":. "))
    for org in orgs.values():
        assert org.get("ceterms:subjectWebpage", "https://").startswith(("https://", "http://"))
    for obj in walk(document):
        for key in ("ceterms:subjectWebpage", "ceterms:costDetails"):
            if key in obj:
                assert obj[key].startswith(("https://", "http://")) and " " not in obj[key], obj[key]


def test_every_id_is_unique_and_every_reference_is_defined(document: dict[str, Any]) -> None:
    ids = [n["@id"] for n in walk(document["@graph"]) if "@id" in n]
    assert len(ids) == len(set(ids)), "an @id is used twice"
    assert all(i.startswith("_:certcli-") for i in ids)
    defined = set(ids)
    for node in document["@graph"]:
        for key in ("ceterms:ownedBy", "ceterms:owns"):
            for ref in node.get(key, []):
                assert ref in defined, f"{node['@id']} {key} {ref} is not in the graph"


def test_ids_are_stable_from_run_to_run(run: Run, document: dict[str, Any]) -> None:
    again = as_json(run("export", "ctdl"))
    assert again == document


def test_every_cost_profile_is_a_published_price_with_its_source(document: dict[str, Any], catalog: Catalog) -> None:
    seen = 0
    for code, node in credentials_by_code(document).items():
        cred = catalog.credentials[code]
        org = catalog.organizations[cred.issuer]
        published = {}
        for fee in (*cred.fees, *org.fees, *org.renewal.fees):
            claim = catalog.pick(fee.amount)
            if claim is not None and not claim.superseded:
                url = catalog.sources[claim.source].url
                web = url.startswith("http") and " " not in url  # not "seed:001 (…)", nor "… (not fully recorded)"
                published.setdefault(claim.value, set()).add(url if web else None)
        for cost in node.get("ceterms:estimatedCost", []):
            seen += 1
            assert cost["@type"] == "ceterms:CostProfile"
            assert cost["ceterms:currency"] == "USD"
            price = cost["ceterms:price"]
            assert isinstance(price, int | float) and not isinstance(price, bool) and price >= 0
            assert price in published, f"{code}: {price} is not a current price in the catalog"
            assert cost.get("ceterms:costDetails") in published[price]  # the source's page (none for a seed)
            assert en(cost["ceterms:description"])
            assert cost["ceterms:directCostType"]["ceterms:targetNode"].startswith("costType:")
    assert seen > 50


def test_member_and_non_member_prices_are_audiences(document: dict[str, Any], catalog: Catalog) -> None:
    creds = credentials_by_code(document)

    def exam_costs(code: str) -> dict[tuple[str, ...], Any]:
        return {
            tuple(a["ceterms:targetNode"] for a in c.get("ceterms:audienceType", [])): c["ceterms:price"]
            for c in creds[code]["ceterms:estimatedCost"]
            if c["ceterms:directCostType"]["ceterms:targetNode"] == "costType:StandaloneAssessment"
            and "attempts" not in en(c["ceterms:name"])
        }

    def catalog_price(code: str, audience: Audience) -> Any:
        fee = next(f for f in catalog.credential(code).fees
                   if f.kind is FeeKind.EXAM and f.audience is audience and (f.attempts or 1) == 1)
        return catalog.pick(fee.amount).value  # type: ignore[union-attr]

    ccs = exam_costs("CCS")
    assert ccs[("audience:Member",)] == catalog_price("CCS", Audience.MEMBER)
    assert ccs[("audience:NonMember",)] == catalog_price("CCS", Audience.NON_MEMBER)
    cpc = exam_costs("CPC")  # AAPC sells its exams to members only: no non-member price
    assert cpc == {("audience:Member",): catalog_price("CPC", Audience.MEMBER)}


def test_an_unpublished_price_stays_out(document: dict[str, Any], catalog: Catalog) -> None:
    chda = credentials_by_code(document)["CHDA"]
    exam = [c for c in chda.get("ceterms:estimatedCost", [])
            if c["ceterms:directCostType"]["ceterms:targetNode"] == "costType:StandaloneAssessment"]
    assert exam == []
    assert all(catalog.pick(f.amount) is None or catalog.pick(f.amount).superseded  # type: ignore[union-attr]
               for f in catalog.credential("CHDA").fees if f.kind is FeeKind.EXAM)
    assert not [n for n in walk(document) if "ceterms:price" in n and n["ceterms:price"] in (None, "")]
    assert not [n for n in walk(document) if "ceterms:ctid" in n]  # never a made-up CTID


def test_coding_credentials_name_soc_29_2072_and_renewal(document: dict[str, Any], catalog: Catalog) -> None:
    creds = credentials_by_code(document)
    [soc] = creds["CPC"]["ceterms:occupationType"]
    assert soc["@type"] == "ceterms:CredentialAlignmentObject"
    assert soc["ceterms:codedNotation"] == "29-2072"
    assert en(soc["ceterms:targetNodeName"]) == "Medical Records Specialists"
    assert soc["ceterms:framework"].startswith("https://www.bls.gov/soc/")
    billing = [c for c in catalog.credentials.values() if c.category is Category.BILLING]
    assert billing and all("ceterms:occupationType" not in creds[c.code] for c in billing)
    [renewal] = creds["CPC"]["ceterms:renewal"]
    ceus = catalog.pick(catalog.credential("CPC").renewal.ceus)
    cycle = catalog.pick(catalog.organization("AAPC").renewal.cycle_years)
    assert ceus is not None and cycle is not None
    assert renewal["@type"] == "ceterms:ConditionProfile"
    assert f"{ceus.value} CEUs every {cycle.value} years" in en(renewal["ceterms:description"])
    assert creds["CPC"]["ceterms:renewalFrequency"] == f"P{cycle.value}Y"


def test_only_ctdl_terms_in_the_document(document: dict[str, Any]) -> None:
    for obj in walk(document):
        for key in obj:
            assert key in ("@context", "@graph", "@id", "@type", "en-US") or key.startswith("ceterms:"), key


def test_codes_choose_the_credentials_and_output_writes_a_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "two.jsonld"
    result = ok(run("export", "ctdl", "ccs", "CPC", "--output", str(target)))
    assert result.stdout == ""
    assert "Wrote 2 credentials" in result.stderr
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert list(credentials_by_code(doc)) == ["CCS", "CPC"]
    assert len(nodes(doc, "ceterms:CredentialOrganization")) == 2
    assert as_json(run("export", "ctdl", "CCS", "CPC", "--json")) == doc  # --json: the same JSON document


def test_bad_input_is_one_line_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonld"
    result = run("export", "ctdl", "CPX", "--output", str(target))
    assert result.exit_code == 2 and "Did you mean" in result.stderr and result.stdout == ""
    assert not target.exists()
    result = run("export", "ctdl", "--output", str(tmp_path / "missing" / "out.jsonld"))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


# --------------------------------------------------------------------------- ctdl-validate and JSON-LD


@cache
def ctdl_python() -> str | None:
    """A Python ≥ 3.12 that has ctdl-validate: $CERTCLI_CTDL_PYTHON, this one, or ctdl-validate's own."""
    wanted = os.environ.get("CERTCLI_CTDL_PYTHON")
    if wanted:
        return wanted
    if sys.version_info >= (3, 12) and importlib.util.find_spec("ctdl_validate"):
        return sys.executable
    exe = shutil.which("ctdl-validate")
    if exe and (Path(exe).parent / "python").exists():
        return str(Path(exe).parent / "python")
    return None


needs_validator = pytest.mark.skipif(ctdl_python() is None, reason="no Python >= 3.12 with ctdl-validate found")


def _validate(python: str, path: Path) -> tuple[int, dict[str, Any]]:
    done = subprocess.run([python, "-m", "ctdl_validate", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


@needs_validator
def test_ctdl_validate_finds_no_error_or_warning(document: dict[str, Any], tmp_path: Path) -> None:
    python = ctdl_python()
    assert python is not None
    path = tmp_path / "credentials.jsonld"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, report = _validate(python, path)
    problems = [f for f in report["findings"] if f["severity"] in ("ERROR", "WARNING")]
    assert code == 0 and not problems, json.dumps(problems, indent=2)[:4000]
    # the validator can fail: the same document with a reference to nothing, and a price on a credential
    broken = json.loads(json.dumps(document))
    broken["@graph"][-1]["ceterms:ownedBy"] = ["_:nobody"]
    broken["@graph"][-1]["ceterms:price"] = 1
    path.write_text(json.dumps(broken), encoding="utf-8")
    code, report = _validate(python, path)
    assert code == 1 and {f["code"] for f in report["findings"]} >= {"REF_UNRESOLVED_BNODE", "DOMAIN_VIOLATION"}


@needs_validator
def test_the_document_expands_as_json_ld_with_the_ctdl_context(document: dict[str, Any]) -> None:
    pyld = pytest.importorskip("pyld")
    python = ctdl_python()
    assert python is not None
    where = subprocess.run(
        [python, "-c", "import ctdl_validate, pathlib; print(pathlib.Path(ctdl_validate.__file__).parent)"],
        capture_output=True, text=True, check=True, timeout=60).stdout.strip()
    context = json.loads((Path(where) / "vendor" / "ctdl" / "context.json").read_text(encoding="utf-8"))
    inlined = {**document, "@context": context["@context"]}  # offline: the real context, inlined

    def no_fetching(url: str, options: Any = None) -> Any:
        raise AssertionError(f"expansion tried to fetch {url}")

    expanded = pyld.jsonld.expand(inlined, {"documentLoader": no_fetching})
    by_id = {n["@id"]: n for n in expanded}
    cpc = by_id["_:certcli-credential-CPC"]
    assert cpc["@type"] == [CTDL + "Certification"]
    name = [{"@value": "Certified Professional Coder", "@language": "en-us"}]  # pyld lower-cases the tag
    assert cpc[CTDL + "name"] == name
    assert cpc[CTDL + "ownedBy"] == [{"@id": "_:certcli-organization-AAPC"}]
    price = cpc[CTDL + "estimatedCost"][0][CTDL + "price"][0]
    assert price["@type"] == "http://www.w3.org/2001/XMLSchema#decimal"
    kept = {key for node in expanded for key in node}  # nothing dropped as an unknown term
    compact = {key for node in document["@graph"] for key in node}
    assert {k.replace("ceterms:", CTDL) for k in compact} <= kept
