"""Which credentials a goal and a work setting lead to, and why: the rules, as tables.

:data:`ROUTES` is the table for the goals whose credential depends on the work setting (coding,
billing, coding and billing). Each row says, for a goal and the settings it applies to, what to do
with a credential (make it a step, a ``next`` step when the plan goes past the first credential,
or an alternative), when (what the person must hold or must not hold, and a named test of
:data:`TESTS`), why in the plan's own words, and the source that backs it where one exists. The
rows of a goal are read top to bottom; a row whose conditions hold does what it says, and a
``stop`` row ends the goal's rows. A few rows name a rule instead of a credential (the tie between
two entry credentials, the specialty, the step after a CPC): :mod:`certcli.engine.goals.by_setting`
spells those out.

:data:`ADVANCED` (auditing, compliance, documentation, management) and :data:`DIRECT` (risk
adjustment, health data, scribe work) are the goals that are one row each; :data:`NEXT_ROLES` is
what someone who holds everything a goal leads to is offered; :data:`DEGREE_ROUTES` the HIM
degree routes; :data:`CHEAPER_STARTS` the budget rule's cheaper starts. Sources are ids of the
catalog's ``sources:`` (``tests/test_pathways.py`` checks each one and every code).

This module only describes; the reasons are the plan's sentences, with ``{years}`` (the person's
years of coding work), ``{held_billing}`` (the billing credentials they hold) and ``{setting}``
(the setting in words) filled in, :class:`Lead` (the setting's opening sentence) and :class:`Said`
(a sentence worked out from the catalog, left out when it has nothing to say).
"""

from __future__ import annotations

from typing import NamedTuple

from certcli.model import Category, ExperienceKind

K = ExperienceKind

OFFICE, OUTPATIENT, INPATIENT, PAYER, ANY = (
    "physician_office", "hospital_outpatient", "hospital_inpatient", "payer", "any"
)  # fmt: skip
HOSPITAL = frozenset({OUTPATIENT, INPATIENT})
NOT_HOSPITAL = frozenset({OFFICE, PAYER, ANY})
EVERY = HOSPITAL | NOT_HOSPITAL

SETTING_WORDS = {  # what follows 'You want to code' / 'You want to bill'
    OFFICE: "in a physician office or clinic",
    INPATIENT: "hospital inpatient stays",
    OUTPATIENT: "hospital outpatient and facility services",
    PAYER: "on the payer side (health plans)",
    ANY: "in no particular setting",
}


class Lead(NamedTuple):
    """The opening reason of a coding step: the setting decides, and there it is ``credential``."""

    credential: str


class Said(NamedTuple):
    """A reason worked out from the catalog (AAPC's CEUs for a pair); left out when there is nothing to say."""

    name: str


Why = str | Lead | Said


class Route(NamedTuple):
    """One rule of :data:`ROUTES`."""

    goal: str
    settings: frozenset[str]
    act: str  # "step", "next" (a step after the first credential), "alt", or a rule by name (see by_setting.RULES)
    code: str  # the credential (for a named rule, its argument)
    why: tuple[Why, ...] = ()
    held: tuple[str, ...] = ()  # only when the person holds one of these
    not_held: tuple[str, ...] = ()  # only when the person holds none of these
    test: str | None = None  # only when this test of TESTS holds
    stop: bool = False  # when its conditions hold, the goal's later rows are skipped
    source: str | None = None  # a source id that backs the rule


# The named tests a row may ask for (by_setting.TESTS says each in code).
TESTS_SAID = {
    "experienced": "2+ years of coding work",
    "ready_for_ccs": "2+ years of coding work, or the CCA and a year",
    "not_ready_for_ccs": "neither",
    "ccs_or_experienced": "holds the CCS, or 2+ years of coding work",
    "coc_or_experienced": "holds the COC, or 2+ years of coding work",
    "a_year": "1+ year of coding work",
    "student": "a student",
    "not_student": "not a student",
    "crcr": "the catalog has HFMA's CRCR",
    "cbcs_first": "billing for a hospital without the CRCR, in no particular setting, or as a student",
    "crcr_taken": "the CRCR is held or not in the catalog",
}

PAIR = "Coding and billing together: a coding credential plus a billing one; CPC + CPB is the classic pair."
CBCS_NEEDS = "NHA's billing and coding credential for any setting; it needs a training program or a year of work first."
CPB_PHYSICIAN = "AAPC's billing credential, aimed at physician and professional claims."
CRCR_SAYS = "hospital billing and revenue-cycle employers ask for HFMA's CRCR"

ROUTES: tuple[Route, ...] = (
    # ---- coding in a physician office or clinic: CPC
    Route("coding", frozenset({OFFICE}), "step", "CPC", (Lead("AAPC's CPC"),), not_held=("CPC", "CCS-P"),
          source="seed-coding-vs-billing"),
    Route("coding", frozenset({OFFICE}), "alt", "CCA",
          ("AHIMA's entry coding credential works in any setting; physician offices mostly ask for the CPC.",)),
    Route("coding", frozenset({OFFICE}), "after_cpc", "CPC"),
    Route("coding", frozenset({OFFICE}), "alt", "CCS-P",
          ("AHIMA's physician-based coding credential; your coding experience already meets what it recommends.",),
          test="ccs_or_experienced"),
    Route("coding", frozenset({OFFICE}), "alt", "CCS-P",
          ("AHIMA's physician-based coding credential; it is recommended after a year or two of coding work.",)),
    # ---- hospital outpatient: COC, then the CCS once experienced
    Route("coding", frozenset({OUTPATIENT}), "step", "COC",
          (Lead("AAPC's COC (emergency departments, outpatient surgery, hospital clinics)"),), not_held=("COC",),
          source="seed-accredited-schools"),
    Route("coding", frozenset({OUTPATIENT}), "alt", "CPC",
          ("AAPC's core credential for physician offices; choose it if you may work outside hospitals.",)),
    Route("coding", frozenset({OUTPATIENT}), "next_specialty", "COC"),
    Route("coding", frozenset({OUTPATIENT}), "next", "CCS",
          ("AHIMA's hospital coding credential covers outpatient and inpatient records; it is the usual next step "
           "once you have coding experience.",), test="coc_or_experienced", source="seed-accredited-schools"),
    Route("coding", frozenset({OUTPATIENT}), "alt", "CCS",
          ("AHIMA's hospital credential (outpatient and inpatient); it assumes coding experience.",)),
    Route("coding", frozenset({OUTPATIENT}), "alt", "CCA", ("AHIMA's entry coding credential, for any setting.",)),
    # ---- hospital inpatient: the other issuer's credential for a holder; CCS with experience; else CCA, then CCS
    Route("coding", frozenset({INPATIENT}), "step", "CIC",
          ("You hold the CCS; AAPC's CIC is the other inpatient coding credential, for coders who want both "
           "issuers' inpatient credentials.",), held=("CCS",), not_held=("CIC",), source="seed-cpc-cpb-and-more"),
    Route("coding", frozenset({INPATIENT}), "step", "CCS",
          ("You hold the CIC; AHIMA's CCS is the other hospital coding credential.",), held=("CIC",),
          not_held=("CCS",)),
    Route("coding", frozenset({INPATIENT}), "step", "CCS",
          (Lead("AHIMA's CCS (or AAPC's CIC)"), "You have {years} of coding work, so you can go straight to the CCS "
           "rather than starting with the entry-level CCA."), not_held=("CCS", "CIC", "CCA"), test="experienced",
          source="seed-accredited-schools"),
    Route("coding", frozenset({INPATIENT}), "step", "CCS",
          (Lead("AHIMA's CCS (or AAPC's CIC)"), "You hold the CCA and have a year of coding work: the CCS is the "
           "next step."), held=("CCA",), not_held=("CCS", "CIC"), test="a_year"),
    Route("coding", frozenset({INPATIENT}), "alt", "CCA",
          ("AHIMA's entry credential; with {years} of coding work you can skip it.",), not_held=("CCS", "CIC"),
          test="ready_for_ccs"),
    Route("coding", frozenset({INPATIENT}), "step", "CCA",
          ("Hospital inpatient coding (CCS, CIC) assumes experience; a novice starts with AHIMA's entry credential, "
           "the CCA, and climbs.", "Entry before advanced: it comes first."),
          not_held=("CCS", "CIC", "CCA", "CCS-P", "RHIT", "RHIA"), test="not_ready_for_ccs"),
    Route("coding", frozenset({INPATIENT}), "next", "CCS",
          ("AHIMA's CCS is the hospital coding credential inpatient coders aim for; it is recommended after a year "
           "or two of coding work (or the CCA plus 1 year).",), not_held=("CCS", "CIC"), test="not_ready_for_ccs"),
    Route("coding", frozenset({INPATIENT}), "alt", "CIC",
          ("AAPC's inpatient credential; like the CCS it assumes experience (take it instead of the CCS if you "
           "prefer AAPC).",), not_held=("CCS", "CIC")),
    Route("coding", frozenset({INPATIENT}), "alt", "CPC",
          ("Another way in: start in a physician office with AAPC's CPC and move to inpatient later.",),
          not_held=("CCS", "CIC")),
    Route("coding", frozenset({INPATIENT}), "alt", "CDIP",
          ("Documentation integrity is a common next step for experienced inpatient coders.",), held=("CCS", "CIC")),
    # ---- the payer side: CPC (CPC-P's status is unconfirmed), then risk adjustment
    Route("coding", frozenset({PAYER}), "step", "CPC",
          ("You want to code on the payer side (health plans). Its own credential, CPC-P, has an unconfirmed "
           "status, so certcli recommends AAPC's core CPC first.",), not_held=("CPC",)),
    Route("coding", frozenset({PAYER}), "alt", "CPC-P",
          ("AAPC's payer coding credential; certcli does not recommend it as a step.",),
          source="seed-accredited-schools"),
    Route("coding", frozenset({PAYER}), "next", "CRC",
          ("Health plans run risk adjustment (Medicare Advantage, ACA, Medicaid managed care): AAPC's CRC is the "
           "credential for it.",)),
    # ---- no particular setting: CPC or CCA by the tie rule (reach, not price), then up that issuer's ladder
    Route("coding", frozenset({ANY}), "entry_tie", "CPC CCA",
          ("You named no particular setting: AAPC's CPC and AHIMA's CCA are the two entry coding credentials, and "
           "both open doors in many settings.",)),
    # ---- billing: from a held billing credential to the next; a hospital: CRCR; else CPB or CBCS
    Route("billing", NOT_HOSPITAL, "step", "CPB",
          ("You hold {held_billing}; AAPC's CPB adds a billing credential for physician and professional claims: "
           "payer rules, denials, appeals.",), held=("CBCS", "CMRS"), not_held=("CPB",)),
    Route("billing", NOT_HOSPITAL, "alt", "CPC",
          ("AAPC's core coding credential: CPC + CPB is the classic pair, a later step.",), held=("CBCS", "CMRS"),
          not_held=("CPB",), stop=True),
    Route("billing", EVERY, "step", "CPC",
          ("You hold {held_billing}: a coding credential is the natural next step (CPC + CPB is the classic "
           "pair).",), held=("CPB", "CBCS", "CMRS")),
    Route("billing", EVERY, "alt", "CPPM", ("Practice management builds on billing experience; a later step.",),
          held=("CPB", "CBCS", "CMRS")),
    Route("billing", EVERY, "alt", "CPB", ("AAPC's billing credential for physician and professional claims.",),
          held=("CPB", "CBCS", "CMRS"), stop=True),
    Route("billing", HOSPITAL, "step", "CRCR",
          (f"You want to bill for a hospital: {CRCR_SAYS} (patient access, billing, collections); it states no "
           "prerequisites.",), test="crcr", source="hfma-crcr-2018"),
    Route("billing", HOSPITAL, "alt", "CBCS", (CBCS_NEEDS,), test="crcr"),
    Route("billing", HOSPITAL, "alt", "CPB", (CPB_PHYSICIAN,), test="crcr"),
    Route("billing", HOSPITAL, "step", "CBCS",
          ("You want to bill for a hospital: NHA's CBCS covers billing and coding in any setting; AAPC's CPB is aimed "
           "at physician and professional claims.",), test="cbcs_first"),
    Route("billing", NOT_HOSPITAL, "step", "CBCS",
          ("As a student, NHA's CBCS is the usual billing start: it is often bundled with school programs.",),
          test="student"),
    Route("billing", frozenset({ANY}), "step", "CBCS",
          ("You named no particular setting: NHA's CBCS covers billing and coding in physician offices, hospitals "
           "and billing companies.",), test="not_student"),
    Route("billing", EVERY, "alt", "CPB",
          ("AAPC's billing credential for physician and professional claims (AAPC membership required).",),
          test="cbcs_first"),
    Route("billing", frozenset({OFFICE, PAYER}), "step", "CPB",
          ("You want to bill {setting}: AAPC's CPB is the billing credential for physician and professional "
           "claims.",), test="not_student"),
    Route("billing", frozenset({OFFICE, PAYER}), "alt", "CBCS",
          ("NHA's billing and coding credential, often bundled with school programs; it needs a training program or "
           "a year of work first.",), test="not_student"),
    Route("billing", EVERY, "alt", "CMRS",
          ("AMBA's billing credential (online, open book); it needs AMBA membership, whose dues are not published, "
           "and CEUs every year.",)),
    # ---- coding and billing: a coding credential plus a billing one
    Route("coding_and_billing", HOSPITAL, "coding_first", "setting"),
    Route("coding_and_billing", HOSPITAL, "step", "CRCR",
          ("Coding and billing together: add a billing credential. Hospital billing and revenue-cycle employers ask "
           "for HFMA's CRCR; it states no prerequisites.",), source="hfma-crcr-2018"),
    Route("coding_and_billing", HOSPITAL, "step", "CBCS",
          ("Coding and billing together: add a billing credential; NHA's CBCS covers any setting.",),
          test="crcr_taken"),
    Route("coding_and_billing", HOSPITAL, "alt", "CBCS", (CBCS_NEEDS,)),
    Route("coding_and_billing", HOSPITAL, "alt", "CPB", (CPB_PHYSICIAN,)),
    Route("coding_and_billing", frozenset({OFFICE}), "step", "CPC", (PAIR,), not_held=("CPC",),
          source="seed-coding-vs-billing"),
    Route("coding_and_billing", frozenset({PAYER, ANY}), "step", "CPC",
          (PAIR, "You want to work {setting}: the CPC is AAPC's core coding credential."), not_held=("CPC",)),
    Route("coding_and_billing", NOT_HOSPITAL, "alt", "CCA",
          ("AHIMA's entry coding credential; the CPC pairs with the CPB under one membership.",), not_held=("CPC",)),
    Route("coding_and_billing", NOT_HOSPITAL, "step", "CPB", (PAIR, Said("pair_ceus")), held=("CPC",)),
    Route("coding_and_billing", NOT_HOSPITAL, "step", "CPB", ("The billing half of the pair.", Said("pair_ceus")),
          not_held=("CPC",)),
    Route("coding_and_billing", NOT_HOSPITAL, "alt", "CBCS",
          ("NHA's single credential covering billing and coding, often bundled with school programs; one credential "
           "instead of two, and it needs a training program or a year of work first.",)),
    Route("coding_and_billing", frozenset({OUTPATIENT}), "specialty", "COC"),
    Route("coding_and_billing", NOT_HOSPITAL, "specialty", "CPC"),
    Route("coding_and_billing", EVERY, "coding_if_empty", "setting"),
)

# The tie between the two entry coding credentials with no setting: what each reaches (the tie rule's second test).
ENTRY_REACH = {
    "CPC": "with no setting named, coding jobs in physician offices and clinics, where the CPC is the credential "
    "most asked for",
    "CCA": "AHIMA's entry credential, for any setting",
}
ENTRY_SECOND = "The other entry coding credential; it ranked second by the tie rule (see step 1)."
AHIMA_LADDER = ("CCS", "AHIMA's ladder climbs from the CCA to the CCS, the hospital coding credential, after a year of "
                "coding work.")
AFTER_CPC = ("CRC", "You hold the CPC; risk adjustment (CRC) is the next AAPC coding credential for physician offices "
             "and provider groups.")
AFTER_CPC_A = ("You passed the CPC (you hold CPC-A); risk adjustment (CRC) is the next AAPC coding credential for "
               "physician offices and provider groups, and it has no apprentice status, so it can come while the A is "
               "being removed.")
NAME_A_SPECIALTY = "A specialty credential is the other usual next step: name a specialty to get one."
SPECIALTY_NO_SETTING = ("CCA", "AHIMA's entry credential for any setting; the specialty you named builds on AAPC's CPC "
                        "instead.")


# --------------------------------------------------------------------------- the goals that are one row


# Held credentials that count as the core an advanced credential builds on.
CORE_CODING = frozenset({Category.CODING, Category.CODING_AND_BILLING, Category.RISK_ADJUSTMENT, Category.SPECIALTY})
CORE_BILLING = frozenset({Category.BILLING, Category.CODING, Category.CODING_AND_BILLING})

# The core credential an advanced credential starts from, by work setting (else CPC).
CORE_FOR_SETTING = {OUTPATIENT: "COC", INPATIENT: "CCA"}


class Alt(NamedTuple):
    """An alternative a goal always lists: the code, why it ranked lower (a name of roles.REASONS when worked out)."""

    code: str
    reason: str
    unknown_facts: bool = False  # add what certcli's data does not know about it
    worked_out: bool = False  # ``reason`` names a rule in roles.REASONS
    source: str | None = None


class Advanced(NamedTuple):
    """An advanced credential: it starts from a core credential unless the person holds one or has worked."""

    target: str
    why: str
    work: str  # the experience the target assumes: "some coding experience"
    kinds: frozenset[Category] = CORE_CODING  # held credentials that count as the core
    core: str | None = None  # the core step for a novice; None: CORE_FOR_SETTING (else CPC)
    say_held_core: bool = False  # name the held credential it builds on
    subject_ceus: bool = True  # say the subject CEUs it takes to keep
    alternatives: tuple[Alt, ...] = ()
    adjacent: tuple[Alt, ...] = ()  # other issuers' credentials employers ask for: the step when it can be sat now
    counts: frozenset[ExperienceKind] = frozenset()  # kinds of work that count as its experience, besides coding
    source: str | None = None


class Direct(NamedTuple):
    """A goal with one credential that can come first."""

    target: str
    why: tuple[str, ...]
    alternatives: tuple[Alt, ...] = ()
    specialty_alternative: bool = False  # list the specialty credential the person named
    source: str | None = None


ADVANCED: dict[str, Advanced] = {  # goal, or goal/setting where the setting changes the credential
    "auditing": Advanced(
        "CPMA",
        "Auditing: AAPC's CPMA is the auditing credential (records and claims checked for correct coding).",
        work="coding",
        say_held_core=True,
        counts=frozenset({K.AUDITING}),
        alternatives=(
            Alt("CPCO", "Compliance is the neighbouring role: running the rules rather than checking the claims."),
            Alt("CDEO", "Documentation review for outpatient care, another path for experienced coders."),
        ),
        source="seed-cpc-cpb-and-more",
    ),
    "compliance": Advanced(
        "CPCO",
        "Compliance: AAPC's CPCO is the credential for running a compliance program (OIG guidance).",
        work="coding or billing",
        counts=frozenset({K.BILLING, K.PAYER_CLAIMS, K.COMPLIANCE, K.AUDITING}),
        alternatives=(
            Alt("CHPS", "privacy", worked_out=True),
            Alt("CPMA", "Auditing is the neighbouring role: checking the claims rather than running the program."),
        ),
        adjacent=(
            Alt("CHC", "Compliance-officer postings often name CCB's CHC (Certified in Healthcare Compliance) "
                "as well as AAPC's CPCO.", source="ccb-chc-take-exam-2016"),
        ),
        source="seed-cpc-cpb-and-more",
    ),
    "documentation/hospital_inpatient": Advanced(
        "CDIP",
        "Clinical documentation in hospital inpatient care: AHIMA's CDIP is the documentation integrity "
        "credential for hospitals, and it needs no membership.",
        work="hospital coding",
        core="CCA",
        subject_ceus=False,
        alternatives=(
            Alt("CDEI", "AAPC's inpatient documentation credential; it builds on the CIC or CCS.", unknown_facts=True),
            Alt("CDEO", "AAPC's documentation credential for outpatient and physician care."),
        ),
        adjacent=(
            Alt("CCDS", "Hospital CDI employers ask for ACDIS's CCDS (Certified Clinical Documentation Specialist).",
                source="acdis-ccds-prerequisites"),
            Alt("CCDS-O", "Outpatient CDI employers ask for ACDIS's CCDS-O.", source="acdis-ccdso-faq"),
        ),
    ),
    "documentation": Advanced(
        "CDEO",
        "Clinical documentation for physician and outpatient care: AAPC's CDEO checks that providers' "
        "notes support the codes billed.",
        work="coding",
        alternatives=(
            Alt("CDIP", "AHIMA's documentation integrity credential, aimed at hospitals.", unknown_facts=True),
        ),
        adjacent=(
            Alt("CCDS-O", "Outpatient CDI employers ask for ACDIS's CCDS-O (Certified Clinical Documentation "
                "Specialist – Outpatient).", source="acdis-ccdso-faq"),
            Alt("CCDS", "Hospital CDI employers ask for ACDIS's CCDS.", source="acdis-ccds-prerequisites"),
        ),
        source="seed-cpc-cpb-and-more",
    ),
    "management": Advanced(
        "CPPM",
        "Practice management: AAPC's CPPM covers the business side of a physician practice "
        "(revenue cycle, staff, compliance).",
        work="billing or office",
        kinds=CORE_BILLING | {Category.HIM},
        core="CPB",
        counts=frozenset({K.BILLING, K.MANAGEMENT}),
        alternatives=(Alt("CPCO", "Compliance officer: a related management role."),),
        adjacent=(
            Alt("CMPE", "Medical-group employers ask for MGMA's CMPE (Certified Medical Practice Executive), "
                "board certification for practice managers.", source="mgma-apply-2025"),
        ),
        source="seed-cpc-cpb-and-more",
    ),
}

DIRECT: dict[str, Direct] = {
    "risk_adjustment": Direct(
        "CRC",
        (
            "Risk adjustment (HCC coding for Medicare Advantage, ACA and Medicaid plans): AAPC's CRC is the "
            "credential for it, and it can be a first credential.",
            "No apprentice status applies to CRC; AAPC describes it as a difficult exam.",
        ),
        (
            Alt("CPC", "AAPC's core coding credential: a broader start if you are new to coding."),
            Alt("CPMA", "Risk adjustment auditing is a later step for experienced CRC holders."),
        ),
    ),
    "health_data": Direct(
        "CHDA",
        (
            "Health data analysis: AHIMA's CHDA is the credential for collecting, analysing and reporting "
            "healthcare data.",
        ),
        (
            Alt("RHIA", "degree:bachelor", worked_out=True),
            Alt("RHIT", "degree:associate", worked_out=True),
        ),
    ),
    "scribe": Direct(
        "CMSS",
        ("Medical scribing: ACMSS's CMSS is a confirmed scribe credential (the MSCAT test).",),
        (
            Alt("CMSP", "scribe", worked_out=True),
            Alt("CPMS", "certcli does not recommend it as a step."),
        ),
        specialty_alternative=True,
        source="oth-acmss-mscat",
    ),
}


# --------------------------------------------------------------------------- degrees, next roles, budget


class DegreeRoute(NamedTuple):
    """An HIM registration as the first step: for whom, and why."""

    code: str
    who: str  # "rhit_for_management", "bachelor", "associate" (engine/goals/roles.py tells each)
    why: str


DEGREE_GOALS = ("coding", "coding_and_billing", "management")  # health_data lists RHIT/RHIA in its own row

DEGREE_ROUTES = (  # the first that fits is the first step
    DegreeRoute("RHIA", "rhit_for_management", "You hold the RHIT: AHIMA's RHIA is the HIM management registration, "
                "and holding the RHIT is one of its routes."),
    DegreeRoute("RHIA", "bachelor", "You have (or are finishing) a CAHIIM-accredited bachelor's HIM degree: AHIMA's "
                "RHIA is the registration it leads to (HIM management); final-term students may test early."),
    DegreeRoute("RHIT", "associate", "You have (or are finishing) a CAHIIM-accredited associate HIM degree: AHIMA's "
                "RHIT is the credential hospitals hire HIM graduates on, and it meets the CCS's recommended "
                "eligibility; final-term students may test early."),
)

NEXT_ROLES = (  # for someone who holds the credentials a goal leads to: a next role, not another core exam
    ("CPMA", "Auditing: with several credentials the usual next role is auditing others' coding; AAPC's CPMA is "
     "its credential."),
    ("CDEO", "Documentation: reviewing providers' notes against the codes (AAPC's CDEO) is the other next role."),
    ("CCDS-O", "Documentation: outpatient CDI employers ask for ACDIS's CCDS-O."),
    ("CPCO", "Compliance: running a compliance program (AAPC's CPCO)."),
)
TEACHING = ("Teaching is the third next role: AAPC licenses instructors (CPC-I), but certcli's data has no record of "
            "its requirements; check aapc.com.")

# A cheaper start for the budget rule (engine/budget.py), by the first step's category, in order.
CHEAPER_STARTS = {
    Category.CODING: ("CCA", "CBCS"),
    Category.BILLING: ("CBCS",),
    Category.CODING_AND_BILLING: ("CBCS", "CCA"),
}


def _alts(rule: Advanced | Direct) -> tuple[Alt, ...]:
    return (*rule.alternatives, *(rule.adjacent if isinstance(rule, Advanced) else ()))


def codes_named() -> set[str]:
    """Every credential code the tables name (for the test that each is in the catalog)."""
    named = {r.code for r in ROUTES if r.act in ("step", "next", "alt")}
    named |= {c for r in ROUTES for c in (*r.held, *r.not_held)}
    named |= set(ENTRY_REACH) | {AHIMA_LADDER[0], AFTER_CPC[0], SPECIALTY_NO_SETTING[0]}
    rules: list[Advanced | Direct] = [*ADVANCED.values(), *DIRECT.values()]
    for rule in rules:
        named.add(rule.target)
        named |= {a.code for a in _alts(rule)}
    named |= {r.code for r in DEGREE_ROUTES} | {code for code, _ in NEXT_ROLES}
    named |= {c for codes in CHEAPER_STARTS.values() for c in codes}
    return named


def sources_named() -> set[str]:
    """Every source id the tables cite."""
    cited = {r.source for r in ROUTES}
    rules: list[Advanced | Direct] = [*ADVANCED.values(), *DIRECT.values()]
    for rule in rules:
        cited.add(rule.source)
        cited |= {a.source for a in _alts(rule)}
    return {s for s in cited if s}
