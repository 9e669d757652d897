"""Eligibility sentences, pinned whole: the lines `advise` prints under each step (and --json's
``eligibility.lines`` / ``rule_sources``).

A mutation run over engine/eligibility.py found that the existing tests check only the first words
of these lines, so a changed clause ("0 hours of training" dropped, "you meet it" turned into "you
have it", "cannot tell" turned into "not yet", the citations dropped) went unnoticed. Each case
below is one person and one credential; the expected lines were read against data/*.yaml.
"""

from __future__ import annotations

from typing import Any

import pytest

from certcli.catalog import Catalog
from certcli.engine.advice import eligibility_now
from certcli.model import Profile

AHIMA_OPTIONAL = "AHIMA membership is optional: it lowers the exam fee but is not needed to sit."
AAPC_ONLY_MEMBERSHIP = "You can sit now: AAPC asks only for membership (its exams are sold to members only)."
CCA_RECOMMENDED = (
    "Recommended (not required): Any one of: 6 months of coding experience; completion of an AHIMA-approved coding "
    "program (PCAP); completion of another coding program covering anatomy & physiology, medical terminology, basic "
    "ICD and basic CPT"
)
CBCS_TRAINING = (
    "Required: Billing and coding training or work experience, any one of: completed a billing and coding training "
    "program within the past 5 years; at least 1 year of supervised billing/coding work experience (how recent it "
    "must be was not found)"
)

CASES: list[tuple[str, str, dict[str, Any], bool, tuple[str, ...], tuple[str, ...]]] = [
    (
        "CCA, high school, no work or training: what is still missing names both",
        "CCA",
        {"goal": "coding", "education": "high_school"},
        True,
        (
            "You can sit now: you meet every required condition.",
            AHIMA_OPTIONAL,
            "Required: High school diploma or equivalent — you have it.",
            CCA_RECOMMENDED + " — not yet: you have 0 years of coding or billing work, 0 hours of training.",
        ),
        ("ahima-cca-2021", "ahima-cca-page-2024"),
    ),
    (
        "CBCS with 200 hours of training: certcli cannot tell whether the program counts",
        "CBCS",
        {"goal": "billing", "training_hours": 200},
        False,
        (
            "You may be able to sit now: certcli cannot confirm every required condition (below).",
            "Required: High school diploma or GED — you did not say your education.",
            CBCS_TRAINING + " — certcli cannot tell from your answers (you have 0 years of coding or billing work, "
            "200 hours of training).",
        ),
        ("oth-alliedhealthexam-cbcs-2026",),
    ),
    (
        "CBCS for a student with no training: a required condition is not met",
        "CBCS",
        {"goal": "billing", "student": True},
        False,
        (
            "You cannot sit yet: a required condition is not met (below).",
            "Required: High school diploma or GED — you did not say your education.",
            CBCS_TRAINING + " — not yet: you have 0 years of coding or billing work, 0 hours of training.",
        ),
        ("oth-alliedhealthexam-cbcs-2026",),
    ),
    (
        "a specialty credential for a CPC holder: membership only (no page states a core to hold first)",
        "COSC",
        {"goal": "coding", "held": ("CPC",)},
        True,
        (AAPC_ONLY_MEMBERSHIP,),
        ("aapc-certification-cancellation-2023",),
    ),
    (
        "a specialty credential for a newcomer: membership only, the same as for a CPC holder",
        "CCC",
        {"goal": "coding"},
        True,
        (AAPC_ONLY_MEMBERSHIP,),
        ("aapc-certification-cancellation-2023",),
    ),
    (
        "CHPS: what the person did not say and what they have, in one sentence",
        "CHPS",
        {"goal": "compliance"},
        False,
        (
            "You cannot sit yet: a required condition is not met (below).",
            AHIMA_OPTIONAL,
            "Required: Education or credential plus healthcare privacy or security management experience, any one "
            "of: high school diploma or GED plus 6 years of healthcare privacy or security management experience; "
            "associate degree plus 4 years of healthcare privacy or security management experience; CCA, CCS, CCS-P "
            "or RHIT plus 4 years of healthcare privacy or security management experience; bachelor's degree plus 2 "
            "years of healthcare privacy or security management experience; RHIA plus 2 years of healthcare privacy "
            "or security management experience; master's degree or higher (JD, MD, PhD) plus 1 year of healthcare "
            "privacy or security management experience — not yet: you did not say your education, you told us of "
            "no privacy and security work, you hold none of them.",
        ),
        ("ahima-cca-2021", "ahima-chps-2021"),
    ),
    (
        "RHIT without an education answer: the other route is listed, and not claimed as met",
        "RHIT",
        {"goal": "health_data"},
        False,
        (
            "You may be able to sit now: certcli cannot confirm every required condition (below).",
            AHIMA_OPTIONAL,
            "RHIT needs a CAHIIM-accredited associate HIM program; you did not say your education. Other routes: "
            "graduation from a foreign HIM program covered by an AHIMA reciprocity agreement.",
            "Official transcripts are required with the application.",
        ),
        ("ahima-cca-2021", "ahima-tp-testprepreview-rhit", "ahima-apply-faq"),
    ),
    (
        "CPC: membership is the only entry condition, said once; the membership rule is cited",
        "CPC",
        {"goal": "coding"},
        True,
        (
            AAPC_ONLY_MEMBERSHIP,
            "Recommended (not required): Associate degree — you did not say your education.",
            "You will be CPC-A until you have 2 years of coding experience, or 1 year plus an 80-hour course, or 1 "
            "year plus AAPC Practicode, or an 80-contact-hour coding preparation course plus AAPC Practicode (each "
            "counts as one year).",
        ),
        ("aapc-certification-cancellation-2023", "aapc-army-cool-cpc", "aapc-apprenticeship-2025"),
    ),
    (
        "CPC for an AAPC member with 2 years of work",
        "CPC",
        {"goal": "coding", "member_of": ("AAPC",), "experience_years": 2},
        True,
        (
            "You can sit now: AAPC exams are sold to members only, and you are a member.",
            "Recommended (not required): Associate degree — you did not say your education.",
            "You would not stay CPC-A: by the numbers you gave you already meet one way to remove it (2 years of "
            "coding experience), so you can have it removed straight away if the work you told us of was coding "
            "(on-the-job use of the CPT, ICD-10-CM or HCPCS code sets).",  # issue 12: its kind was not said
        ),
        ("aapc-certification-cancellation-2023", "aapc-army-cool-cpc", "aapc-apprenticeship-2025"),
    ),
    (
        "CCS for a CCA holder with 6 months of work",
        "CCS",
        {"goal": "coding", "held": ("CCA",), "experience_years": 0.5},
        False,
        (
            "You may be able to sit now: certcli cannot confirm every required condition (below).",
            AHIMA_OPTIONAL,
            "Required: High school diploma or equivalent — you did not say your education.",
            "Recommended (not required): Any one of: coursework in anatomy & physiology, pathophysiology, "
            "pharmacology, medical terminology, reimbursement methodology, intermediate/advanced ICD and CPT/HCPCS, "
            "plus 1 year of coding experience; 2 years of coding experience; CCA plus 1 year of coding experience; a "
            "coding credential from another certifying body (e.g. AAPC CPC, COC, CIC) plus 1 year of coding "
            "experience; holding the CCS-P, RHIT or RHIA — not yet: you have 6 months of coding or billing work, 0 "
            "hours of training, you hold CCA.",
        ),
        ("ahima-cca-2021", "ahima-ccs-page-2025"),
    ),
]


@pytest.mark.parametrize(
    "code, answers, can_sit, lines, sources", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_eligibility_lines_are_said_whole(
    catalog: Catalog,
    code: str,
    answers: dict[str, Any],
    can_sit: bool,
    lines: tuple[str, ...],
    sources: tuple[str, ...],
) -> None:
    now = eligibility_now(Profile(**answers), catalog, catalog.credential(code))
    assert now.lines == lines
    assert now.can_sit_now is can_sit
    assert now.sources == sources


def test_coding_work_is_not_privacy_management_experience(catalog: Catalog) -> None:
    coder = Profile(goal="compliance", education="high_school", experience_years=6)
    assert not eligibility_now(coder, catalog, catalog.credential("CHPS")).can_sit_now
