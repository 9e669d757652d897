"""The catalog's records: organizations (fees, memberships, renewal rules) and credentials."""

from datetime import date
from typing import Literal

from pydantic import Field

from certcli.model.facts import (
    Audience,
    BoolFact,
    Category,
    CountFact,
    Education,
    ExperienceKind,
    FeeKind,
    FigureClaim,
    Frozen,
    Level,
    License,
    MoneyClaim,
    MoneyFact,
    Notes,
    PartsFact,
    PassingFact,
    SalaryClaim,
    Setting,
    Source,
    Stacking,
    Status,
    TextFact,
    TierKind,
)


class Fee(Frozen):
    kind: FeeKind
    audience: Audience = Audience.ANY
    attempts: int | None = Field(default=None, ge=1, le=2)
    amount: MoneyFact
    note: str | None = None


class MembershipTier(Frozen):
    kind: TierKind
    name: str
    dues: MoneyFact | None = None  # a year; None = not published
    who: str | None = None


class Membership(Frozen):
    required_for_exam: BoolFact | None = None
    required_to_keep: BoolFact | None = None
    tiers: tuple[MembershipTier, ...] = ()
    note: str | None = None


class CeuStep(Frozen):
    credentials: int = Field(ge=1)
    ceus: int = Field(ge=0)


class RenewalRules(Frozen):
    cycle_years: CountFact | None = None
    stacking: Stacking = Stacking.UNKNOWN
    stacking_source: str | None = None
    table: tuple[CeuStep, ...] = ()  # for TABLE; last row means "this many or more"
    additional_ceus: int | None = None  # for BASE_PLUS
    max_ceus: int | None = None  # for BASE_PLUS
    issuer_share: TextFact | None = None  # "50% from AMBA"
    rules: Notes = ()  # other rules, as text claims
    grace_days: CountFact | None = None
    lapse: TextFact | None = None
    reinstatement: TextFact | None = None
    fees: tuple[Fee, ...] = ()  # renewal, late, reinstatement, extension fees


class Organization(Frozen):
    code: str
    name: str
    url: str
    summary: str | None = None
    membership: Membership = Field(default_factory=Membership)
    renewal: RenewalRules = Field(default_factory=RenewalRules)
    exam_policies: Notes = ()  # retest waits, reschedule rules… as text claims
    fees: tuple[Fee, ...] = ()  # exam-administration fees (extension, reschedule)

    @property
    def individual_dues(self) -> MoneyFact | None:
        """The dues a year for an individual member (None: no such tier, or not published)."""
        for tier in self.membership.tiers:
            if tier.kind is TierKind.INDIVIDUAL:
                return tier.dues
        return None


# --------------------------------------------------------------------------- credentials


class KindYears(Frozen):
    """Years of one kind of work; ``years`` None means currently doing that work (any length)."""

    kind: ExperienceKind
    years: float | None = Field(default=None, ge=0)


class Criterion(Frozen):
    """One way of meeting a condition. Empty fields are not checked; every field named must be met."""

    text: str
    education: Education | None = None  # at least this level
    program: str | None = None  # a named kind of program (e.g. CAHIIM-accredited associate)
    experience_years: float | None = Field(default=None, ge=0)  # of coding work (AAPC, AHIMA rules)
    experience: tuple[KindYears, ...] = ()  # years of these kinds of work, each at least
    licenses: tuple[License, ...] = ()  # holding any one of these
    training_hours: int | None = Field(default=None, ge=0)
    practicode: bool = False  # AAPC Practicode completed
    credentials: tuple[str, ...] = ()  # holding any one of these


class Requirement(Frozen):
    """A condition; met by any one of ``any_of`` (or informational when that is empty)."""

    text: str
    source: str
    any_of: tuple[Criterion, ...] = ()
    membership: bool = False  # the issuer's membership, which its Membership.required_for_exam states
    accepted: str | None = Field(default=None, min_length=1)  # why a seed or weak source is enough here


class Eligibility(Frozen):
    required: tuple[Requirement, ...] = ()
    recommended: tuple[Requirement, ...] = ()


class Apprentice(Frozen):
    designation: str  # "CPC-A"
    rule: str
    source: str
    removal: tuple[Criterion, ...] = ()  # any one removes the designation
    prior_experience_counts: bool | None = None  # experience from before the exam counts (None: not published)


class Exam(Frozen):
    questions: CountFact | None = None
    scored: CountFact | None = None
    pretest: CountFact | None = None
    minutes: CountFact | None = None
    format: TextFact | None = None
    book: TextFact | None = None  # "open book" / "closed book"
    allowed_manuals: TextFact | None = None
    passing: PassingFact | None = None  # the pass mark as text, with its percent or scaled score
    parts: PartsFact | None = None  # multiple-choice questions and cases, part by part
    delivery: TextFact | None = None
    attempts: TextFact | None = None
    retest_wait_days: CountFact | None = None
    history: Notes = ()  # superseded formats, pass rates, as text


class CredentialRenewal(Frozen):
    ceus: CountFact | None = None  # CEUs per cycle when held alone
    subject_ceus: CountFact | None = None  # subject-specific CEUs counted inside the total
    subject: str | None = None  # "auditing", "cardiology"
    superseded_by: tuple[str, ...] = ()  # holding one of these replaces this (RHIT → RHIA)
    note: str | None = None


class Credential(Frozen):
    code: str
    name: str
    issuer: str
    aliases: tuple[str, ...] = ()
    former_codes: tuple[str, ...] = ()
    category: Category
    settings: tuple[Setting, ...] = ()
    level: Level
    status: Status = Status.ACTIVE
    status_note: TextFact | None = None
    specialty: str | None = None  # for specialty credentials: "cardiology"
    name_note: str | None = None  # e.g. "full name not verified"
    summary: str
    url: str | None = None
    builds_on: tuple[str, ...] = ()  # credentials usually held first (any one)
    exam: Exam = Field(default_factory=Exam)
    fees: tuple[Fee, ...] = ()
    eligibility: Eligibility = Field(default_factory=Eligibility)
    apprentice: Apprentice | None = None
    renewal: CredentialRenewal = Field(default_factory=CredentialRenewal)
    salary: tuple[MoneyClaim, ...] = ()


class LeftOut(Frozen):
    """A credential a seed names that the catalog leaves out on purpose, and why."""

    code: str
    names: tuple[str, ...] = ()  # other codes it goes by (CHTS-CP, CHTS-IM…)
    reason: str
    source: str


class Context(Frozen):
    salary_survey: tuple[SalaryClaim, ...] = ()
    outlook: tuple[FigureClaim, ...] = ()
    training: tuple[FigureClaim, ...] = ()
    notes: Notes = ()
    left_out: tuple[LeftOut, ...] = ()


# --------------------------------------------------------------------------- preparation (data/prep.yaml)


class Study(Frozen):
    """How long preparing for an exam takes: a course's hours, or a degree's or program's months."""

    what: str  # "AAPC's 80-hour CPC course"
    hours: CountFact | None = None  # at the person's pace (hours a week)
    months: CountFact | None = None  # full time, whatever the pace
    done_by: tuple[Criterion, ...] = ()  # the person has done it already (an HIM degree, the hours)


class PrepItem(Frozen):
    """What an exam needs besides its fee: a code book (``books``) or a course (``training``)."""

    kind: Literal["books", "training"]
    name: str
    required: bool = False  # required to sit (counted in the total), else optional (shown, never added)
    source: str  # that the item is needed (or usual)
    amount: MoneyFact | None = None  # None: price not published
    note: str | None = None
    waived_by: tuple[Criterion, ...] = ()  # not needed when the person meets one of these


class Preparation(Frozen):
    """Study, books, the exam window and retakes for one credential, or for an issuer's exams (``code``
    an organization: the defaults its credentials' entries override)."""

    code: str
    study: Study | None = None
    items: tuple[PrepItem, ...] = ()
    book_year: TextFact | None = None  # which year's code books the exam takes
    # MM-DD: an exam from this day of the year takes that year's code books, before it the previous
    # year's (book_year says so, with its source)
    books_from: str | None = Field(default=None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
    previous_year_books: bool = False  # the previous year's books are allowed too (book_year says so)
    window_days: CountFact | None = None  # the exam is taken within this many days of approval
    extension: TextFact | None = None
    retest_wait_days: CountFact | None = None  # where the credential's exam facts give none
    retake: Literal["package", "fee_again"] | None = None  # a 2-attempt package, or the full fee again
    retake_rule: TextFact | None = None


class DataFile(Frozen):
    """The shape of one YAML file in data/."""

    sources: tuple[Source, ...] = ()
    organizations: tuple[Organization, ...] = ()
    credentials: tuple[Credential, ...] = ()
    context: Context | None = None
    preparation: tuple[Preparation, ...] = ()
    data_version: date | None = None  # the release date of the data; one file gives it
