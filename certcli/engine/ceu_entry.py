"""A CEU entry as a person gives it: the categories an issuer counts (AAPC subject and approval,
AHIMA's own and HIIM, AMBA's own), and the checks on hours, dates and the credentials it is for.
Pure: the progress against each issuer's rules is :mod:`certcli.engine.ceu`."""

import re
from collections.abc import Sequence
from datetime import date

from certcli.catalog import Catalog
from certcli.engine.renewal import HeldCredential
from certcli.errors import UsageError

# --------------------------------------------------------------------------- categories

APPROVED, NOT_APPROVED, CORE = "aapc-approved", "not-aapc-approved", "core"
HIIM, OTHER_DOMAIN, AHIMA_SOURCED, AMBA_SOURCED = "hiim", "other-domain", "ahima", "amba"

# category → (the issuer it is about, what it means)
FIXED_CATEGORIES: dict[str, tuple[str, str]] = {
    APPROVED: ("AAPC", "from AAPC's approved CEU vendor list"),
    NOT_APPROVED: ("AAPC", "not AAPC-approved (does not count for AAPC)"),
    CORE: ("AAPC", "AAPC core (no specialty)"),
    HIIM: ("AHIMA", "in AHIMA's health information (HIIM) domains"),
    OTHER_DOMAIN: ("AHIMA", "outside the HIIM domains (AHIMA counts only a share of these)"),
    AHIMA_SOURCED: ("AHIMA", "from AHIMA (or HCPro, or a component state association)"),
    AMBA_SOURCED: ("AMBA", "from AMBA"),
}

# Not in data/: taken from the research notes with their source (credential-facts-2.md, section D).
SOURCED = {"AHIMA": AHIMA_SOURCED, "AMBA": AMBA_SOURCED}  # the category for "from the issuer itself"
ONE_COURSE_ONE_CREDIT = (
    "AAPC",
    "AAPC gives CEUs only once per course, however often it is taken",
    "https://www.aapc.com/about-us/ceu-policies",
)



def slug(text: str) -> str:
    """``practice management`` → ``practice-management``."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def subject_categories(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """AAPC's subject categories from the data: slug → (issuer, the subject in words)."""
    out: dict[str, tuple[str, str]] = {}
    for cred in catalog.credentials.values():
        if cred.renewal.subject and cred.renewal.subject_ceus:
            out.setdefault(slug(cred.renewal.subject), (cred.issuer, cred.renewal.subject))
    return out


def categories(catalog: Catalog) -> dict[str, tuple[str, str]]:
    """Every category an entry may carry: name → (issuer, meaning)."""
    subjects = {k: (issuer, f"{words} CEUs (AAPC subject minimum)") for k, (issuer, words) in
                subject_categories(catalog).items()}  # fmt: skip
    return {**FIXED_CATEGORIES, **subjects}


def parse_category(catalog: Catalog, text: str) -> str:
    """A category as typed (any case; a subject in words, or the code of the credential whose
    subject it is: ``CPMA`` → ``auditing``) → its name; anything else is a usage error."""
    known = categories(catalog)
    key = slug(text)
    if key in known:
        return key
    cred = catalog.credentials.get(text.strip().upper())
    if cred is not None and cred.renewal.subject and slug(cred.renewal.subject) in known:
        return slug(cred.renewal.subject)
    shown = text if text.isprintable() else repr(text)
    raise UsageError(f"Unknown category '{shown}': use one of {', '.join(sorted(known))}.")


def category_issuers(catalog: Catalog, cats: Sequence[str]) -> set[str]:
    """The issuers an entry's categories are about (empty: none in particular)."""
    known = categories(catalog)
    return {known[c][0] for c in cats if c in known}



# --------------------------------------------------------------------------- checking an entry

MAX_HOURS = 100  # more than this in one entry is a typing slip, not a course


def check_hours(text: str) -> float:
    """``2``, ``1.5`` → CEUs; negative, zero, not a number or more than 100 is a usage error."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value == value or not 0 < value <= MAX_HOURS:  # NaN compares unequal to itself
        shown = text if text.isprintable() else repr(text)
        raise UsageError(f"'{shown}' is not a number of CEUs: give more than 0 and at most {MAX_HOURS}, e.g. 1.5.")
    return round(value, 2)


def check_title(text: str) -> str:
    """What the activity was, without surrounding blanks; never empty."""
    if not text.strip():
        raise UsageError("--title: say what the activity was.")
    return text.strip()


def check_day(day: date, today: date) -> date:
    if day > today:
        raise UsageError(f"{day.isoformat()} is in the future (today is {today.isoformat()}): log CEUs once earned.")
    return day


def applies_to(
    catalog: Catalog, held: Sequence[HeldCredential], day: date, codes: Sequence[str], cats: Sequence[str]
) -> tuple[str, ...]:
    """The credentials an entry applies to: ``codes`` as given (checked), else every held
    credential it can count for (those of the issuers its categories are about, if any).
    An entry dated before a credential it is for was earned is a usage error."""
    issuers = category_issuers(catalog, cats)
    if codes:
        creds = [catalog.credential(code) for code in codes]
        for cred in creds:
            if issuers and cred.issuer not in issuers:
                raise UsageError(
                    f"The categories {', '.join(cats)} are about {join_issuers(issuers)}, not {cred.code} "
                    f"({cred.issuer}): leave --for out or give a category of {cred.issuer}."
                )
        chosen = tuple(dict.fromkeys(c.code for c in creds))
    else:
        chosen = tuple(h.code for h in held if not issuers or h.credential.issuer in issuers)
        if not chosen:
            what = f" of {join_issuers(issuers)}" if issuers else ""
            raise UsageError(
                f"No credential{what} is held in the CEU log: hold one first (certcli ceu hold CPC@2024-03-15) "
                "or say which it is for with --for CODE."
            )
    for h in held:
        if h.code in chosen and h.earned is not None and day < h.earned:
            raise UsageError(
                f"{day.isoformat()} is before {h.code} was earned ({h.earned.isoformat()}): CEUs earned before "
                "a credential do not count for it."
            )
    return chosen


def join_issuers(issuers: set[str]) -> str:
    return " and ".join(sorted(issuers))
