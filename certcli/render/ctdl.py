"""The credentials as CTDL JSON-LD (Credential Transparency Description Language, the vocabulary
of Credential Engine's Credential Registry): what ``certcli export ctdl`` prints.

One document: the CTDL ``@context`` and an ``@graph`` of ``ceterms:CredentialOrganization`` nodes
(name, subject webpage, the credentials each owns) and ``ceterms:Certification`` nodes with

- ``ceterms:name``, ``ceterms:alternateName`` (the code), ``ceterms:description`` (certcli's
  summary), ``ceterms:subjectWebpage`` (the credential's page, else its issuer's),
  ``ceterms:inLanguage`` (``en-US``: the language of these credentials' exams and pages) and
  ``ceterms:credentialStatusType`` (active → ``credentialStat:Active``, retired →
  ``credentialStat:Deprecated``; an unconfirmed status is left out);
- ``ceterms:ownedBy`` the issuer;
- ``ceterms:estimatedCost``: one ``ceterms:CostProfile`` per fee with a current published price:
  exam → ``costType:StandaloneAssessment``, retake → ``costType:ReexaminationFee``, reschedule →
  ``costType:ReschedulingFee``, the issuer's recertification fees → ``costType:RenewalFee``; the
  audience (``audience:Member``, ``audience:NonMember``, student members also
  ``audience:CurrentStudent``) as ``ceterms:audienceType``; ``ceterms:price`` in
  ``ceterms:currency`` USD; ``ceterms:costDetails`` the URL of the figure's source, and the
  description says its as-of year and where sources disagree. A fee with no current price is
  left out (CTDL has no "not published"): nothing is guessed;
- ``ceterms:requires`` / ``ceterms:recommends``: one ``ceterms:ConditionProfile`` per eligibility
  requirement (alternatives as ``ceterms:alternativeCondition``), its source as subject webpage;
- ``ceterms:renewal``: a ``ceterms:ConditionProfile`` with the CEUs a cycle (held alone) and
  ``ceterms:renewalFrequency`` (``P2Y``) where the cycle is published;
- ``ceterms:occupationType``: SOC 29-2072, Medical Records Specialists (whose definition
  includes medical coders), as a ``ceterms:CredentialAlignmentObject`` for the coding
  credentials; the others name no occupation (certcli does not know theirs).

Membership dues are not in the document: CTDL has no cost type for them (the ``requires``
condition says where membership is required). Ids are blank nodes (``_:certcli-…``), stable from
run to run; there is no CTID: only the Registry mints those, and a made-up one would pass for real.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from certcli.catalog import Catalog
from certcli.model import Audience, Category, Credential, Fee, FeeKind, Organization, Requirement, Status
from certcli.render.catalog import requirement_text
from certcli.words import money

if TYPE_CHECKING:
    from certcli.engine.browse import CredentialFacts

CONTEXT = "https://credreg.net/ctdl/schema/context/json"
LANGUAGE = "en-US"
CURRENCY = "USD"

# CTDL's concept schemes (https://credreg.net/ctdl/terms): framework URL, name, and the concepts used
SCHEMES = {
    "costType": ("https://credreg.net/ctdl/terms/CostType", "Cost Type"),
    "audience": ("https://credreg.net/ctdl/terms/Audience", "Audience"),
    "credentialStat": ("https://credreg.net/ctdl/terms/CredentialStatus", "Credential Status"),
}
CONCEPT_NAMES = {
    "costType:StandaloneAssessment": "Standalone/Extra Assessment",
    "costType:ReexaminationFee": "Reexamination Fee",
    "costType:ReschedulingFee": "Rescheduling Fee",
    "costType:RenewalFee": "Maintenance Fee",
    "audience:Member": "Member",
    "audience:NonMember": "Non-Member",
    "audience:CurrentStudent": "Current Student",
    "credentialStat:Active": "Active",
    "credentialStat:Deprecated": "Deprecated",
}
COST_TYPES = {
    FeeKind.EXAM: "costType:StandaloneAssessment",
    FeeKind.RETAKE: "costType:ReexaminationFee",
    FeeKind.RESCHEDULE: "costType:ReschedulingFee",
    FeeKind.RENEWAL: "costType:RenewalFee",
    FeeKind.RENEWAL_ADDITIONAL: "costType:RenewalFee",
}
FEE_WORDS = {
    FeeKind.EXAM: "exam fee",
    FeeKind.RETAKE: "retake fee",
    FeeKind.RESCHEDULE: "rescheduling fee",
    FeeKind.RENEWAL: "recertification fee",
    FeeKind.RENEWAL_ADDITIONAL: "recertification fee for each further credential",
}
AUDIENCES = {
    Audience.MEMBER: ("audience:Member",),
    Audience.NON_MEMBER: ("audience:NonMember",),
    Audience.STUDENT: ("audience:Member", "audience:CurrentStudent"),
    Audience.ANY: (),
}
STATUS_TYPES = {Status.ACTIVE: "credentialStat:Active", Status.RETIRED: "credentialStat:Deprecated"}

# SOC 2018 29-2072 "Medical Records Specialists": its definition includes medical coders
SOC_FRAMEWORK = ("https://www.bls.gov/soc/2018/", "Standard Occupational Classification (SOC) 2018")
SOC_CODER = ("29-2072", "Medical Records Specialists")
CODING = {Category.CODING, Category.CODING_AND_BILLING, Category.RISK_ADJUSTMENT, Category.AUDITING,
          Category.SPECIALTY}


def web(url: str | None) -> str | None:
    """A URL CTDL can take as a webpage (``xsd:anyURI``): http(s) only; a seed document's
    ``seed:001 (…)`` has none, and stays out."""
    return url if url and url.startswith(("https://", "http://")) and " " not in url else None


def text(value: str) -> dict[str, str]:
    """A CTDL language map (``ceterms:name`` and the other text properties are ``@language`` maps)."""
    return {LANGUAGE: value}


def node_id(kind: str, code: str) -> str:
    """A stable blank node id: ``_:certcli-credential-CPC-P``."""
    return f"_:certcli-{kind}-" + re.sub(r"[^A-Za-z0-9_-]", "_", code)


def concept(term: str) -> dict[str, Any]:
    """A concept of one of CTDL's schemes as the ``ceterms:CredentialAlignmentObject`` CTDL wants."""
    framework, name = SCHEMES[term.split(":")[0]]
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": framework,
        "ceterms:frameworkName": text(name),
        "ceterms:targetNode": term,
        "ceterms:targetNodeName": text(CONCEPT_NAMES[term]),
    }


def _current(catalog: Catalog, fact: Any) -> Any:
    """The claim certcli uses, when it is a current one (None: no current figure is published)."""
    claim = catalog.pick(fact)
    return None if claim is None or claim.superseded else claim


def cost_profile(catalog: Catalog, code: str, fee: Fee, who: str = "") -> dict[str, Any] | None:
    """One fee as a ``ceterms:CostProfile``; None when no current price is published."""
    claim = _current(catalog, fee.amount)
    if claim is None or fee.kind not in COST_TYPES:
        return None
    src = catalog.sources[claim.source]
    audience = "" if fee.audience is Audience.ANY else f", {str(fee.audience).replace('_', '-')}"
    package = f" ({fee.attempts} attempts)" if fee.attempts and fee.attempts > 1 else ""
    name = f"{who or code} {FEE_WORDS[fee.kind]}{audience}{package}"
    about = [f"{name}: {money(claim.value)}"]
    if claim.max is not None and claim.max != claim.value:
        about[0] += f" to {money(claim.max)} (the low end is the price given)"
    about.append(f"as of {catalog.as_of(claim)}, from {src.title}")
    if catalog.disputed(fee.amount):
        others = sorted({c.value for c in fee.amount if not c.superseded and not c.doubtful} - {claim.value})
        about.append("sources disagree (also " + ", ".join(money(v) for v in others) + ")")
    if fee.note:
        about.append(fee.note)
    profile: dict[str, Any] = {
        "@type": "ceterms:CostProfile",
        "ceterms:name": text(name),
        "ceterms:description": text("; ".join(about) + ". Check the issuer's page for the final price."),
        "ceterms:directCostType": concept(COST_TYPES[fee.kind]),
        "ceterms:price": claim.value,
        "ceterms:currency": CURRENCY,
    }
    if web(src.url):
        profile["ceterms:costDetails"] = src.url
    if AUDIENCES[fee.audience]:
        profile["ceterms:audienceType"] = [concept(a) for a in AUDIENCES[fee.audience]]
    return profile


def condition(catalog: Catalog, req: Requirement) -> dict[str, Any]:
    """An eligibility requirement as a ``ceterms:ConditionProfile``: alternatives as alternative conditions."""
    profile: dict[str, Any] = {"@type": "ceterms:ConditionProfile", "ceterms:description": text(requirement_text(req))}
    page = web(catalog.sources[req.source].url) if req.source in catalog.sources else None
    if page:
        profile["ceterms:subjectWebpage"] = page
    if len(req.any_of) > 1:
        profile["ceterms:alternativeCondition"] = [
            {"@type": "ceterms:ConditionProfile", "ceterms:description": text(c.text)} for c in req.any_of
        ]
    return profile


def renewal(catalog: Catalog, f: CredentialFacts) -> dict[str, Any] | None:
    """What keeping the credential takes, as a ``ceterms:ConditionProfile`` (None when nothing is published)."""
    need, cred = f.ceus, f.credential
    parts = []
    if need.ceus is not None:
        every = f" every {need.cycle_years} years" if need.cycle_years else " a cycle"
        parts.append(f"{need.ceus} CEUs{every} when held alone ({need.basis})")
    if cred.renewal.note:
        parts.append(cred.renewal.note)
    if not parts:
        return None
    profile: dict[str, Any] = {"@type": "ceterms:ConditionProfile", "ceterms:description": text(". ".join(
        p.rstrip(".") for p in parts) + ".")}
    pages = [page for s in need.sources if s in catalog.sources and (page := web(catalog.sources[s].url))]
    if pages:
        profile["ceterms:subjectWebpage"] = pages[0]
    return profile


def occupation() -> dict[str, Any]:
    framework, name = SOC_FRAMEWORK
    code, title = SOC_CODER
    return {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": framework,
        "ceterms:frameworkName": text(name),
        "ceterms:codedNotation": code,
        "ceterms:targetNodeName": text(title),
    }


def organization_node(org: Organization, owns: Sequence[Credential]) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": node_id("organization", org.code),
        "@type": "ceterms:CredentialOrganization",
        "ceterms:name": text(org.name),
    }
    if web(org.url):
        node["ceterms:subjectWebpage"] = org.url
    if org.summary:
        node["ceterms:description"] = text(org.summary)
    node["ceterms:owns"] = [node_id("credential", c.code) for c in owns]
    return node


def credential_node(catalog: Catalog, f: CredentialFacts) -> dict[str, Any]:
    cred, org = f.credential, f.organization
    node: dict[str, Any] = {
        "@id": node_id("credential", cred.code),
        "@type": "ceterms:Certification",
        "ceterms:name": text(cred.name),
        "ceterms:alternateName": text(cred.code),
        "ceterms:description": text(cred.summary),
    }
    page = web(cred.url) or web(org.url)
    if page:
        node["ceterms:subjectWebpage"] = page
    node["ceterms:inLanguage"] = [LANGUAGE]
    node["ceterms:ownedBy"] = [node_id("organization", org.code)]
    if cred.status in STATUS_TYPES:
        node["ceterms:credentialStatusType"] = concept(STATUS_TYPES[cred.status])
    renewal_fees = [fee for fee in org.renewal.fees if fee.kind in (FeeKind.RENEWAL, FeeKind.RENEWAL_ADDITIONAL)]
    costs = [cost_profile(catalog, cred.code, fee) for fee in cred.fees]
    costs += [cost_profile(catalog, cred.code, fee, who=org.code) for fee in (*org.fees, *renewal_fees)]
    if any(costs):
        node["ceterms:estimatedCost"] = [c for c in costs if c is not None]
    if cred.eligibility.required:
        node["ceterms:requires"] = [condition(catalog, r) for r in cred.eligibility.required]
    if cred.eligibility.recommended:
        node["ceterms:recommends"] = [condition(catalog, r) for r in cred.eligibility.recommended]
    keep = renewal(catalog, f)
    if keep is not None:
        node["ceterms:renewal"] = [keep]
    if f.ceus.cycle_years:
        node["ceterms:renewalFrequency"] = f"P{f.ceus.cycle_years}Y"
    if cred.category in CODING:
        node["ceterms:occupationType"] = [occupation()]
    return node


def ctdl_document(catalog: Catalog, facts: Sequence[CredentialFacts]) -> dict[str, Any]:
    """The JSON-LD document: the CTDL context, then a graph of the issuers and their credentials."""
    orgs: dict[str, tuple[Organization, list[Credential]]] = {}
    for f in facts:
        orgs.setdefault(f.organization.code, (f.organization, []))[1].append(f.credential)
    graph = [organization_node(org, owns) for org, owns in orgs.values()]
    graph += [credential_node(catalog, f) for f in facts]
    return {"@context": CONTEXT, "@graph": graph}
