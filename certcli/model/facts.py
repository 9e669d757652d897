"""Facts and their provenance: the enums of the domain, Source, and Claim (a value with its source).

Only the standard library and pydantic are imported here. Every figure in the catalog is a
fact: one or more :class:`Claim` values, each pointing at a :class:`Source` that carries the
URL, the year the figure is as of, and a confidence.
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


class ExperienceKind(StrEnum):
    """A kind of work experience (issue 12's answers contract), as eligibility rules count it."""

    PHYSICIAN_CODING = "physician_coding"
    OUTPATIENT_CODING = "outpatient_coding"
    INPATIENT_CODING = "inpatient_coding"
    RISK_ADJUSTMENT_CODING = "risk_adjustment_coding"
    BILLING = "billing"
    PAYER_CLAIMS = "payer_claims"
    AUDITING = "auditing"
    CDI = "cdi"
    COMPLIANCE = "compliance"
    PRIVACY_SECURITY = "privacy_security"
    MANAGEMENT = "management"
    CLINICAL = "clinical"
    HIM = "him"
    HEALTHCARE = "healthcare"  # in a rule only: work of any kind in healthcare


class License(StrEnum):
    """A clinical licence a person may hold."""

    RN = "RN"
    LPN = "LPN"
    MD = "MD"
    DO = "DO"
    PA = "PA"
    NP = "NP"


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


class Holding(StrEnum):
    """Whom a salary figure is the average of, by the credentials they hold."""

    ALL = "all"  # everyone surveyed
    NONE = "none"  # not certified
    ANY = "any"  # one credential or more
    TWO = "two"
    THREE_OR_MORE = "three_or_more"


# --------------------------------------------------------------------------- provenance


class Source(Frozen):
    id: str
    url: str
    title: str
    year: int | None = Field(default=None, ge=1990, le=2100)
    year_note: str | None = None  # "c. 2021–23 (inferred)", "undated"
    confidence: Confidence
    # Where the research actually read the page, when that was a test, staging or alternate host
    # of the canonical ``url`` (the same path on conference-test.ahima.org, say): kept, never cited.
    read_at: str | None = None


def _listify(value: Any) -> Any:
    if isinstance(value, dict):
        return [value]
    return value


T = TypeVar("T")


class ClaimStatus(StrEnum):
    """What the research says of one claim, where a fact holds several (one status, or none)."""

    CURRENT = "current"  # the value to compute with, where claims disagree
    SUPERSEDED = "superseded"  # an older value that a newer source replaced
    DOUBTFUL = "doubtful"  # too weak or off-target to compute with: shown, never used


class Claim(Frozen, Generic[T]):
    """One value for a fact, with where it comes from.

    ``status`` is one of :class:`ClaimStatus` or None (no word from the research: the
    claim-choice rule decides). A claim cannot be current and superseded at once. ``accepted``
    gives the reason a figure that only a seed or a weak third party states is still computed
    with (``data check`` refuses such a figure without one).
    """

    value: T
    max: int | None = None  # upper end when the value is a range (140–160 items)
    source: str
    label: str | None = None  # what the value is, where a fact holds several ("2022 survey")
    note: str | None = None
    status: ClaimStatus | None = None
    accepted: str | None = Field(default=None, min_length=1)

    @property
    def current(self) -> bool:
        return self.status is ClaimStatus.CURRENT

    @property
    def superseded(self) -> bool:
        return self.status is ClaimStatus.SUPERSEDED

    @property
    def doubtful(self) -> bool:
        return self.status is ClaimStatus.DOUBTFUL


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


class PassingClaim(TextClaim):
    """A pass mark as its source words it (``value``), with the numbers that source gives: a
    percentage, or a scaled score on a scale (None where the source gives no number)."""

    percent: int | None = Field(default=None, ge=0, le=100)
    scaled_score: int | None = Field(default=None, ge=0)
    scale_min: int | None = Field(default=None, ge=0)
    scale_max: int | None = Field(default=None, ge=0)


class ExamPart(Frozen):
    """A part of an exam: so many multiple-choice questions, or so many cases to code."""

    kind: Literal["multiple_choice", "cases"]
    count: int = Field(ge=1)


class PartsClaim(Claim):  # type: ignore[type-arg]
    """What an exam is made of, part by part (CIC: 40 multiple-choice questions and 7 cases)."""

    value: tuple[ExamPart, ...] = Field(min_length=1)


class BoolClaim(Claim):  # type: ignore[type-arg]
    value: bool


class FigureClaim(Claim):  # type: ignore[type-arg]
    """A number or, where the source gives a range or a phrase, text."""

    value: int | str


class SalaryClaim(FigureClaim):
    """A salary survey figure; ``holding`` says whose average it is (None: not an average, e.g. a % gap)."""

    holding: Holding | None = None


# A fact is one claim or several (where sources disagree); YAML may give a single mapping.
MoneyFact = Annotated[tuple[MoneyClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
CountFact = Annotated[tuple[CountClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
TextFact = Annotated[tuple[TextClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
BoolFact = Annotated[tuple[BoolClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
PassingFact = Annotated[tuple[PassingClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
PartsFact = Annotated[tuple[PartsClaim, ...], BeforeValidator(_listify), Field(min_length=1)]
Notes = tuple[TextClaim, ...]
