"""What ``show`` and ``compare`` say about a credential beyond its own data.

The card and the comparison show figures that take a rule to work out: the CEUs the
credential asks for on its own (under its issuer's stacking rule), the exam fee a member and
a non-member pay for one attempt, the issuer's individual dues, whether membership is needed
to sit the exam, and the salary figure in use. They are worked out here, once, so that
``render`` only lays them out and never calls back into the engine.

Pure: no I/O, no clock.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from certcli.catalog import Catalog
from certcli.engine.fees import find_fee
from certcli.engine.renewal import CeuRequirement, ceu_requirement
from certcli.model import Audience, Claim, Credential, Fee, FeeKind, Organization

PRICED = (Audience.MEMBER, Audience.NON_MEMBER)  # the exam fees a card and a comparison show


class ExamPrice(NamedTuple):
    """The exam fee one audience pays for one attempt."""

    audience: Audience
    attempts: int
    fee: Fee | None  # None: no price published today (none at all, or only earlier ones)
    members_only: bool  # a non-member cannot buy the exam: the issuer sells it to members only


class CredentialFacts(NamedTuple):
    """A credential with the figures its card and its comparison column show."""

    credential: Credential
    organization: Organization
    membership_required: bool | None  # to sit the exam; None: not published
    dues: tuple[Claim[Any], ...] | None  # the issuer's individual dues a year
    ceus: CeuRequirement  # CEUs for this credential alone, under the issuer's rule
    exam_fees: tuple[ExamPrice, ...]  # one per audience in PRICED, one attempt each
    salary: Claim[Any] | None  # the salary figure in use (the claim-choice rule's pick)

    def exam_fee(self, audience: Audience) -> ExamPrice:
        return next(p for p in self.exam_fees if p.audience is audience)


def _exam_price(cred: Credential, audience: Audience, members_only: bool | None) -> ExamPrice:
    if audience is Audience.NON_MEMBER and members_only:
        return ExamPrice(audience, 1, None, members_only=True)
    fee = find_fee(cred.fees, FeeKind.EXAM, audience, 1)
    if fee is not None and all(c.superseded for c in fee.amount):
        fee = None  # an earlier price, not one to pay today
    return ExamPrice(audience, 1, fee, members_only=False)


def credential_facts(catalog: Catalog, cred: Credential) -> CredentialFacts:
    """Everything ``show`` and ``compare`` show about ``cred`` that takes a rule to work out."""
    org = catalog.issuer(cred)
    required = catalog.members_only(org)
    return CredentialFacts(
        credential=cred,
        organization=org,
        membership_required=required,
        dues=org.individual_dues,
        ceus=ceu_requirement(catalog, org, [cred]),
        exam_fees=tuple(_exam_price(cred, audience, required) for audience in PRICED),
        salary=catalog.pick(cred.salary),
    )


def comparison(catalog: Catalog, creds: list[Credential]) -> list[CredentialFacts]:
    """The facts of each credential, in the order given."""
    return [credential_facts(catalog, cred) for cred in creds]
