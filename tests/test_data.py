"""The shipped data is sound: what a user relies on when certcli shows a figure.

Every credential the product promises is there; codes are unambiguous; every figure points at a
source with a date (or says it is undated); money is never negative; references resolve; and the
well-known traps (the stale CPB format, the disputed CPC price) are kept as history, not as fact.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from certcli.catalog import Catalog, check_data, normalize
from certcli.model import (
    Audience,
    Category,
    Claim,
    Confidence,
    Fee,
    FeeKind,
    Level,
    MembershipTier,
    Stacking,
    Status,
)
from tests.conftest import DATA, TODAY, as_json, compare_labels, comparison_cells, ok

AAPC_CORE = ["CPC", "COC", "CIC", "CRC", "CPB", "CPMA", "CPCO", "CPPM", "CDEO", "CDEI", "CPC-P"]
AAPC_SPECIALTIES = [
    "CASCC", "CANPC", "CCC", "CCVTC", "CCPC", "CEDC", "CEMC", "CENTC", "CFPC", "CGIC", "CGSC",
    "CHONC", "CIMC", "CIRCC", "COBGC", "COSC", "CPCD", "CPEDC", "CPRC", "CRHC", "CSFAC", "CUC",
]  # fmt: skip
AHIMA = ["CCA", "CCS", "CCS-P", "RHIT", "RHIA", "CDIP", "CHDA", "CHPS"]
ORGANIZATIONS = ["AAPC", "AHIMA", "NHA", "AMBA", "PMI", "ACMSS", "AHDPG"]

EXPECTED_ISSUER = (
    {code: "AAPC" for code in AAPC_CORE + AAPC_SPECIALTIES}
    | {code: "AHIMA" for code in AHIMA}
    | {"CMRS": "AMBA", "CBCS": "NHA"}
)


def walk(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every model and claim inside ``obj``, with a readable path (for failure messages)."""
    yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from walk(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from walk(item, f"{path}[{i}]")


def everything(catalog: Catalog) -> Iterator[tuple[str, Any]]:
    for org in catalog.organizations.values():
        yield from walk(org, org.code)
    for cred in catalog.credentials.values():
        yield from walk(cred, cred.code)
    yield from walk(catalog.context, "context")


# --------------------------------------------------------------------------- what must be there


def test_the_shipped_data_checks_clean() -> None:
    assert check_data(DATA) == []


@pytest.mark.parametrize("code, issuer", sorted(EXPECTED_ISSUER.items()))
def test_every_promised_credential_is_present_with_its_issuer(catalog: Catalog, code: str, issuer: str) -> None:
    cred = catalog.credential(code)
    assert cred.code == code
    assert cred.issuer == issuer


def test_the_seeds_scribe_credential_is_kept_but_marked_unconfirmed(catalog: Catalog) -> None:
    cpms = catalog.credential("CPMS")
    assert cpms.status is Status.UNCONFIRMED
    assert cpms.category is Category.SCRIBE
    assert cpms.status_note, "an unconfirmed status must say why"


@pytest.mark.parametrize("code", ORGANIZATIONS)
def test_every_promised_organization_is_present(catalog: Catalog, code: str) -> None:
    org = catalog.organization(code.lower())
    assert org.code == code
    assert org.url.startswith("http")


def test_the_22_specialty_credentials_build_on_a_core_credential(catalog: Catalog) -> None:
    specialties = [c for c in catalog.credentials.values() if c.category is Category.SPECIALTY]
    assert sorted(c.code for c in specialties) == sorted(AAPC_SPECIALTIES)
    for cred in specialties:
        assert cred.level is Level.SPECIALTY, cred.code
        assert cred.specialty, f"{cred.code} names no specialty (search by specialty relies on it)"
        assert "CPC" in cred.builds_on, cred.code


# --------------------------------------------------------------------------- codes are unambiguous


def test_codes_aliases_and_designations_are_unique_after_normalizing(catalog: Catalog) -> None:
    owner: dict[str, str] = {}
    for cred in catalog.credentials.values():
        names = [cred.code, *cred.aliases, *cred.former_codes]
        if cred.apprentice:
            names.append(cred.apprentice.designation)
        for name in names:
            key = normalize(name)
            assert key, f"{cred.code}: '{name}' has no letters or digits"
            assert owner.setdefault(key, cred.code) == cred.code, f"'{name}' names {owner[key]} and {cred.code}"


@pytest.mark.parametrize(
    "typed, code",
    [("cpc", "CPC"), ("ccs-p", "CCS-P"), ("CCSP", "CCS-P"), ("ccs p", "CCS-P"), ("CPC-H", "COC"), ("cpc-a", "CPC")],
)
def test_codes_resolve_whatever_the_case_and_punctuation(catalog: Catalog, typed: str, code: str) -> None:
    assert catalog.credential(typed).code == code


# --------------------------------------------------------------------------- every figure sourced and dated


def test_every_source_is_dated_or_says_it_is_undated(catalog: Catalog) -> None:
    for sid, src in catalog.sources.items():
        assert src.url.strip() and src.title.strip(), sid
        if src.year is not None:
            assert 1990 <= src.year <= TODAY.year + 1, sid
            continue
        assert src.year_note, f"{sid}: no year and no year_note"
        assert src.confidence is Confidence.SEED or "undated" in src.year_note, (
            f"{sid}: a source without a year must be a seed or say 'undated' ({src.year_note!r})"
        )


def test_every_claim_and_requirement_names_a_known_source(catalog: Catalog) -> None:
    cited = 0
    for path, obj in everything(catalog):
        source = getattr(obj, "source", None)
        if isinstance(obj, Claim) or (isinstance(source, str) and isinstance(obj, BaseModel)):
            assert source in catalog.sources, f"{path}: unknown source {source!r}"
            cited += 1
    for org in catalog.organizations.values():
        if org.renewal.stacking_source:
            assert org.renewal.stacking_source in catalog.sources, org.code
    assert cited > 500  # the walk really reached the claims


def test_every_credential_tells_the_user_what_it_is_and_where_to_check(catalog: Catalog) -> None:
    for cred in catalog.credentials.values():
        assert cred.name.strip() and len(cred.summary) >= 40, cred.code
        assert cred.issuer in catalog.organizations, cred.code
        link = cred.url or catalog.issuer(cred).url
        if cred.status is Status.ACTIVE:
            assert link.startswith("http"), f"{cred.code}: no page to check the price on"


# --------------------------------------------------------------------------- money and references


def test_fees_and_dues_are_never_negative(catalog: Catalog) -> None:
    amounts = 0
    for path, obj in everything(catalog):
        if isinstance(obj, Fee):
            for claim in obj.amount:
                assert claim.value >= 0 and (claim.max is None or claim.max >= claim.value), path
                amounts += 1
        if isinstance(obj, MembershipTier) and obj.dues:
            for claim in obj.dues:
                assert claim.value >= 0, path
                amounts += 1
    assert amounts > 50


def test_every_credential_reference_resolves(catalog: Catalog) -> None:
    for cred in catalog.credentials.values():
        refs = list(cred.builds_on) + list(cred.renewal.superseded_by)
        for _, obj in walk(cred.eligibility):
            refs += list(getattr(obj, "credentials", ()))
        if cred.apprentice:
            for crit in cred.apprentice.removal:
                refs += list(crit.credentials)
        for ref in refs:
            assert normalize(ref) in catalog.lookup, f"{cred.code} refers to unknown credential {ref!r}"
        assert cred.code not in cred.builds_on, f"{cred.code} builds on itself"


# --------------------------------------------------------------------------- the facts a user acts on


def test_cpb_shows_the_current_format_and_keeps_the_seed_format_as_history(catalog: Catalog) -> None:
    exam = catalog.credential("CPB").exam
    questions, minutes = catalog.pick(exam.questions), catalog.pick(exam.minutes)
    assert questions is not None and questions.value == 135
    assert minutes is not None and minutes.value == 240
    old = [c for c in exam.history if "200" in c.value and "5 h 40 min" in c.value]  # 200 questions, 340 min
    assert old and all(c.superseded for c in old)


def test_cpc_exam_fee_keeps_both_disputed_prices_and_uses_the_newest(catalog: Catalog) -> None:
    fees = [
        f for f in catalog.credential("CPC").fees
        if f.kind is FeeKind.EXAM and f.audience is Audience.MEMBER and f.attempts == 1
    ]  # fmt: skip
    assert len(fees) == 1
    amount = fees[0].amount
    assert {c.value for c in amount} == {425, 399}
    assert catalog.disputed(amount)
    picked = catalog.pick(amount)
    assert picked is not None and picked.value == 425


def test_aapc_sells_exams_to_members_only_and_ahima_does_not(catalog: Catalog) -> None:
    aapc = catalog.pick(catalog.organization("AAPC").membership.required_for_exam)
    ahima = catalog.pick(catalog.organization("AHIMA").membership.required_for_exam)
    assert aapc is not None and aapc.value is True
    assert ahima is not None and ahima.value is False


def test_ceu_stacking_rules_match_the_issuers(catalog: Catalog) -> None:
    aapc = catalog.organization("AAPC").renewal
    assert aapc.stacking is Stacking.TABLE
    assert [(r.credentials, r.ceus) for r in aapc.table] == [(1, 36), (2, 40), (3, 44), (4, 48), (5, 52)]
    ahima = catalog.organization("AHIMA").renewal
    assert ahima.stacking is Stacking.BASE_PLUS
    assert (ahima.additional_ceus, ahima.max_ceus) == (10, 50)


def test_the_cpc_apprentice_rule_is_sourced(catalog: Catalog) -> None:
    cpc = catalog.credential("CPC")
    assert cpc.apprentice is not None and cpc.apprentice.designation == "CPC-A"
    assert any(c.experience_years == 2 for c in cpc.apprentice.removal)


def test_staleness_is_judged_against_the_sources_year(catalog: Catalog) -> None:
    cpb_questions = catalog.pick(catalog.credential("CPB").exam.questions)  # a c. 2023–25 page, year 2025
    assert cpb_questions is not None and catalog.as_of(cpb_questions) == "2025"
    assert not catalog.is_stale(cpb_questions, TODAY)  # 2025-07-01 → 2026-11-23: under 18 months
    cpc_questions = catalog.pick(catalog.credential("CPC").exam.questions)  # 2022–23 page, year 2023
    assert cpc_questions is not None and catalog.is_stale(cpc_questions, TODAY)
    seed = next(c for _, c in everything(catalog) if isinstance(c, Claim) and c.source == "seed-accredited-schools")
    assert catalog.as_of(seed) == "undated" and catalog.is_stale(seed, TODAY)


# --------------------------------------------------------------------------- the shipped figures on screen
# The rules are tested on the fixture catalog (tests/test_rules_*.py); these few tests pin the
# shipped figures a user sees, so that a routine fee update in data/ breaks only this file.


def test_compare_cpc_ccs_shows_the_shipped_figures(run: Any, catalog: Catalog) -> None:
    labels = compare_labels(catalog, ["CPC", "CCS"])
    cells = comparison_cells(ok(run("compare", "CPC", "CCS", today=TODAY)).stdout, labels)
    assert cells["Questions"] == {"CPC": "100 2023 [1] old", "CCS": "107 2026 [2]"}
    assert cells["Exam fee, member"] == {"CPC": "$425* 2026 [3]", "CCS": "$299 2010 [4] old"}
    assert cells["Exam fee, non-member"] == {"CPC": "members only", "CCS": "$399 2010 [4] old"}
    assert cells["Dues, individual"] == {"CPC": "$222/yr* 2026 [3]", "CCS": "$135/yr undated [5] old"}
    assert cells["CEUs alone"] == {"CPC": "36/2 yr", "CCS": "20/2 yr"}


def test_fees_shows_the_shipped_first_year_totals(run: Any) -> None:
    doc = as_json(run("fees", "CPC", "CCS", "CCA", "CIC", "--non-member", "--json", today=TODAY))
    quotes = {q["code"]: q for q in doc["quotes"].values()}
    assert {code: q["first_year_total"]["amount"] for code, q in quotes.items()} == {
        "CPC": 425 + 222, "CCS": 399, "CCA": 299, "CIC": 222,  # CIC: the dues alone, its exam fee unpublished
    }  # fmt: skip
    assert [code for code, q in quotes.items() if not q["first_year_total"]["complete"]] == ["CIC"]
    member = as_json(run("fees", "CCS", "CCA", "--member", "--json", today=TODAY))["quotes"]
    assert {code: q["first_year_total"]["amount"] for code, q in member.items()} == {"CCS": 299 + 135, "CCA": 199 + 135}
