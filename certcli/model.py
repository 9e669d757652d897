"""The domain model: frozen pydantic models for the catalog, the person and the plan.

Only the standard library and pydantic are imported here. Every figure in the catalog is a
:class:`Fact`: one or more :class:`Claim` values, each pointing at a :class:`Source` that
carries the URL, the year the figure is as of, and a confidence.
"""

from enum import StrEnum
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# --------------------------------------------------------------------------- enums


class Confidence(StrEnum):
    OFFICIAL = "official"
    OFFICIAL_MIRROR = "official-mirror"
    THIRD_PARTY = "third-party"
    THIRD_PARTY_WEAK = "third-party-weak"
    SEED = "seed"


CONFIDENCE_RANK = {
    Confidence.OFFICIAL: 4,
    Confidence.OFFICIAL_MIRROR: 3,
    Confidence.THIRD_PARTY: 2,
    Confidence.THIRD_PARTY_WEAK: 1,
    Confidence.SEED: 0,
}


class Category(StrEnum):
    CODING = "coding"
    BILLING = "billing"
    CODING_AND_BILLING = "coding_and_billing"
    RISK_ADJUSTMENT = "risk_adjustment"
    AUDITING = "auditing"
    COMPLIANCE = "compliance"
    PRIVACY_SECURITY = "privacy_security"
    DOCUMENTATION = "documentation"
    MANAGEMENT = "management"
    SPECIALTY = "specialty"
    HIM = "him"
    HEALTH_DATA = "health_data"
    SCRIBE = "scribe"


class Setting(StrEnum):
    PHYSICIAN_OFFICE = "physician_office"
    HOSPITAL_INPATIENT = "hospital_inpatient"
    HOSPITAL_OUTPATIENT = "hospital_outpatient"
    PAYER = "payer"
    ANY = "any"


class Level(StrEnum):
    ENTRY = "entry"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    SPECIALTY = "specialty"


class Status(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"
    UNCONFIRMED = "unconfirmed"


class Education(StrEnum):
    HIGH_SCHOOL = "high_school"
    CERTIFICATE = "certificate"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"


EDUCATION_RANK = {e: i for i, e in enumerate(Education)}


class Audience(StrEnum):
    """Who a price applies to."""

    MEMBER = "member"
    NON_MEMBER = "non_member"
    STUDENT = "student"  # student member
    ANY = "any"


class FeeKind(StrEnum):
    EXAM = "exam"
    RETAKE = "retake"
    RENEWAL = "renewal"  # recertification fee for the first credential, per cycle
    RENEWAL_ADDITIONAL = "renewal_additional"  # per extra credential, per cycle
    LATE = "late"
    REINSTATEMENT = "reinstatement"
    EXTENSION = "extension"
    RESCHEDULE = "reschedule"


class TierKind(StrEnum):
    INDIVIDUAL = "individual"
    STUDENT = "student"
    FIRST_TIME = "first_time"
    SENIOR = "senior"
    CORPORATE = "corporate"
    OTHER = "other"


class Stacking(StrEnum):
    """How an issuer counts CEUs when a person holds several of its credentials."""

    TABLE = "table"  # a total per number of credentials held (AAPC 36/40/44/48/52)
    BASE_PLUS = "base_plus"  # highest single requirement + N per extra, capped (AHIMA)
    PER_CREDENTIAL = "per_credential"  # each credential's CEUs, summed
    UNKNOWN = "unknown"


# --------------------------------------------------------------------------- provenance


class Source(Frozen):
    id: str
    url: str
    title: str
    year: int | None = Field(default=None, ge=1990, le=2100)
    year_note: str | None = None  # "c. 2021–23 (inferred)", "undated"
    confidence: Confidence


def _listify(value: Any) -> Any:
    if isinstance(value, dict):
        return [value]
    return value


T = TypeVar("T")


class Claim(Frozen, Generic[T]):
    """One value for a fact, with where it comes from."""

    value: T
    max: int | None = None  # upper end when the value is a range (140–160 items)
    source: str
    label: str | None = None  # what the value is, where a fact holds several ("2022 survey")
    note: str | None = None
    current: bool = False  # the value to compute with, where claims disagree
    superseded: bool = False  # an older value that a newer source replaced
    doubtful: bool = False  # too weak or off-target to compute with: shown, never used


Money = Annotated[int, Field(ge=0)]  # whole US dollars
Count = Annotated[int, Field(ge=0)]  # questions, minutes, days, CEUs

# One named class per kind of value rather than Claim[int]: named classes pickle (so the
# validated catalog can be cached between runs), and parametrizing a pydantic generic at
# import would build every schema at start-up (~45 ms).


class MoneyClaim(Claim):  # type: ignore[type-arg]
    value: Money


class CountClaim(Claim):  # type: ignore[type-arg]
    value: Count


class TextClaim(Claim):  # type: ignore[type-arg]
    value: str


class BoolClaim(Claim):  # type: ignore[type-arg]
    value: bool


class FigureClaim(Claim):  # type: ignore[type-arg]
    """A number or, where the source gives a range or a phrase, text."""

    value: int | str


# A fact is one claim or several (where sources disagree); YAML may give a single mapping.
MoneyFact = Annotated[tuple[MoneyClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
CountFact = Annotated[tuple[CountClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
TextFact = Annotated[tuple[TextClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
BoolFact = Annotated[tuple[BoolClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
Notes = tuple[TextClaim, ...]


# --------------------------------------------------------------------------- organizations


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


# --------------------------------------------------------------------------- credentials


class Criterion(Frozen):
    """One way of meeting a condition. Empty fields are not checked."""

    text: str
    education: Education | None = None  # at least this level
    program: str | None = None  # a named kind of program (e.g. CAHIIM-accredited associate)
    experience_years: float | None = Field(default=None, ge=0)
    training_hours: int | None = Field(default=None, ge=0)
    credentials: tuple[str, ...] = ()  # holding any one of these


class Requirement(Frozen):
    """A condition; met by any one of ``any_of`` (or informational when that is empty)."""

    text: str
    source: str
    any_of: tuple[Criterion, ...] = ()


class Eligibility(Frozen):
    required: tuple[Requirement, ...] = ()
    recommended: tuple[Requirement, ...] = ()


class Apprentice(Frozen):
    designation: str  # "CPC-A"
    rule: str
    source: str
    removal: tuple[Criterion, ...] = ()  # any one removes the designation


class Exam(Frozen):
    questions: CountFact | None = None
    scored: CountFact | None = None
    pretest: CountFact | None = None
    minutes: CountFact | None = None
    format: TextFact | None = None
    book: TextFact | None = None  # "open book" / "closed book"
    allowed_manuals: TextFact | None = None
    passing: TextFact | None = None
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


class Context(Frozen):
    salary_survey: tuple[FigureClaim, ...] = ()
    outlook: tuple[FigureClaim, ...] = ()
    training: tuple[FigureClaim, ...] = ()
    notes: Notes = ()


class DataFile(Frozen):
    """The shape of one YAML file in data/."""

    sources: tuple[Source, ...] = ()
    organizations: tuple[Organization, ...] = ()
    credentials: tuple[Credential, ...] = ()
    context: Context | None = None


# --------------------------------------------------------------------------- the person


Goal = Literal[
    "coding",
    "billing",
    "coding_and_billing",
    "auditing",
    "compliance",
    "documentation",
    "risk_adjustment",
    "management",
    "health_data",
    "scribe",
    "unsure",
]

SettingChoice = Literal["physician_office", "hospital_inpatient", "hospital_outpatient", "payer", "any"]

# Answers to the "coding or billing?" questions for people who are unsure (from the seeds' own test).
Preference = Literal[
    "records",  # enjoys deciphering medical records
    "precision",  # precision and detail
    "independent",  # independent, focused work
    "payers",  # dealing with insurance companies and payers
    "patients",  # talking with patients
    "finance",  # money, accounts, the financial health of a practice
    "juggling",  # juggling many tasks
]


class Profile(Frozen):
    """The person: the wizard's answers (or an answers file). Only ``goal`` is required."""

    goal: Goal
    setting: SettingChoice = "any"
    specialty: str | None = None
    education: Education | None = None
    experience_years: float = Field(default=0, ge=0, le=60)
    training_hours: float = Field(default=0, ge=0, le=10000)
    held: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    student: bool = False
    first_time_member: bool = False
    age_65_plus: bool = False
    budget_usd: float | None = Field(default=None, ge=0)
    years: int = Field(default=4, ge=1, le=50)
    preferences: tuple[Preference, ...] = ()
