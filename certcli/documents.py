"""The ``--json`` documents: one function per command, from parsed arguments to the one JSON
document the command prints. The commands call these, and so can any other front end (the MCP
server): the same arguments give the same document.

Every document starts with ``schema_version`` (the contract's version: the README's "JSON
contract" says what may change without a new one) and ``data_version`` (the release date of the
data, ``Catalog.data_version``). Arguments are checked here as well as on the command line:
a bad one raises :class:`certcli.errors.UsageError`, as the command would.

Pure apart from ``renew_document``'s optional read of the CEU log: no printing, no terminal.
The engine and render modules are imported inside each function (start-up stays fast).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, Unpack

from certcli.errors import UsageError

if TYPE_CHECKING:
    from certcli.catalog import Catalog
    from certcli.engine.advice import Plan
    from certcli.engine.fees import Buyer
    from certcli.model import Category, Level, Profile, Setting, Status

SCHEMA_VERSION = 1  # raise when a documented key is renamed or removed (adding keys keeps it)

E = TypeVar("E", bound=StrEnum)


def envelope(catalog: Catalog, body: dict[str, Any]) -> dict[str, Any]:
    """``{schema_version, data_version, …body}``: the two keys every document starts with."""
    return {"schema_version": SCHEMA_VERSION, "data_version": catalog.data_version, **body}


def _enum(field: str, value: E | str | None, kind: type[E]) -> E | None:
    """An enum member from itself or its value (``"hospital-inpatient"`` too); None stays None."""
    if value is None or isinstance(value, kind):
        return value
    wanted = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    for member in kind:
        if member.value == wanted:
            return member
    raise UsageError(f"{field}: '{value}' is not one of {', '.join(m.value for m in kind)}.")


def _whole(field: str, value: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        allowed = f"{low} or {high}" if high == low + 1 else f"a whole number from {low} to {high}"
        raise UsageError(f"{field} must be {allowed}, not {value!r}.")
    return value


def buyer(member: bool | None = None, student: bool = False, first_time: bool = False,
          senior: bool = False) -> Buyer:
    """Who pays: ``member`` True (member prices), False (non-member) or None (certcli picks the cheaper)."""
    from certcli.engine.fees import Buyer

    return Buyer(member=member, student=student, first_time=first_time, senior=senior)


# --------------------------------------------------------------------------- browsing


def list_document(
    catalog: Catalog,
    *,
    issuer: str | None = None,
    category: Category | str | None = None,
    setting: Setting | str | None = None,
    level: Level | str | None = None,
    status: Status | str | None = None,
) -> dict[str, Any]:
    """``certcli list --json``: the credentials that pass every filter given."""
    from certcli.engine.search import select
    from certcli.model import Category, Level, Setting, Status
    from certcli.render import catalog as view

    creds = select(
        catalog,
        issuer=catalog.organization(issuer).code if issuer else None,
        category=_enum("category", category, Category),
        setting=_enum("setting", setting, Setting),
        level=_enum("level", level, Level),
        status=_enum("status", status, Status),
    )
    return envelope(catalog, view.list_json(catalog, creds))


def show_document(catalog: Catalog, code: str, today: date) -> dict[str, Any]:
    """``certcli show CODE --json``: everything about one credential."""
    from certcli.engine.browse import credential_facts
    from certcli.render import catalog as view

    facts = credential_facts(catalog, catalog.credential(code))
    return envelope(catalog, view.credential_json(catalog, facts, today))


def compare_document(catalog: Catalog, codes: Sequence[str], today: date) -> dict[str, Any]:
    """``certcli compare CODE CODE… --json``: two or more credentials side by side."""
    from certcli.render import compare as view

    return envelope(catalog, view.comparison_json(catalog, compared(catalog, codes), today))


def compared(catalog: Catalog, codes: Sequence[str]) -> Any:
    """The engine's facts of ``compare``'s credentials, checked: at least two different ones."""
    from certcli.engine.browse import comparison

    creds = catalog.resolve(list(codes))
    if len(creds) < 2:
        raise UsageError("compare needs at least two different credentials, e.g. 'certcli compare CPC CCS'.")
    return comparison(catalog, creds)


def search_document(catalog: Catalog, query: str) -> dict[str, Any]:
    """``certcli search WORD… --json``: the credentials that match, best first (none: empty results)."""
    from certcli.engine.search import search
    from certcli.render import catalog as view

    return envelope(catalog, view.search_json(search(catalog, query), query))


# --------------------------------------------------------------------------- money


def fees_document(
    catalog: Catalog,
    codes: Sequence[str] | None,
    today: date,
    *,
    member: bool | None = None,
    student: bool = False,
    first_time: bool = False,
    senior: bool = False,
    attempts: int = 1,
) -> dict[str, Any]:
    """``certcli fees [CODE…] --json``: exam fees, dues and the first-year total (no codes: every credential)."""
    from certcli.engine.fees import quote
    from certcli.render import fees as view

    tries = _whole("attempts", attempts, 1, 2)
    who = buyer(member, student, first_time, senior)
    creds = catalog.resolve(list(codes)) if codes else list(catalog.credentials.values())
    quotes = [quote(catalog, cred, who, tries, today) for cred in creds]
    return envelope(catalog, view.fees_json(catalog, quotes, creds, who, tries))


def memberships_document(catalog: Catalog, codes: Sequence[str] | None, today: date) -> dict[str, Any]:
    """``certcli fees --memberships --json``: each organization's tiers and dues (codes: their issuers only)."""
    from certcli.engine.search import issuers_of
    from certcli.render import fees as view

    creds = catalog.resolve(list(codes)) if codes else None
    return envelope(catalog, view.memberships_json(catalog, issuers_of(catalog, creds), today))


class CostOptions(TypedDict, total=False):
    """``cost``'s options, as :func:`cost_plan` takes them (its defaults apply to what is left out)."""

    years: int
    member: bool | None
    student: bool
    first_time: bool
    senior: bool
    attempts: int
    held: Sequence[str]


def cost_document(
    catalog: Catalog, codes: Sequence[str], today: date, **options: Unpack[CostOptions]
) -> dict[str, Any]:
    """``certcli cost CODE… --json``: earning and keeping the credentials over ``years`` years."""
    from certcli.render import cost as view

    plan = cost_plan(catalog, codes, today, **options)
    who = buyer(options.get("member"), options.get("student", False), options.get("first_time", False),
                options.get("senior", False))
    return envelope(catalog, view.cost_json(catalog, plan, who))


def cost_plan(
    catalog: Catalog,
    codes: Sequence[str],
    today: date,
    *,
    years: int = 4,
    member: bool | None = None,
    student: bool = False,
    first_time: bool = False,
    senior: bool = False,
    attempts: int = 1,
    held: Sequence[str] = (),
) -> Any:
    """The engine's :class:`PathCost` for ``cost``'s arguments, checked (the command's tables use it too)."""
    from certcli.engine.fees import path_cost
    from certcli.engine.search import in_both

    span = _whole("years", years, 1, 50)
    tries = _whole("attempts", attempts, 1, 2)
    if not codes:
        raise UsageError("cost needs at least one credential code, e.g. 'certcli cost CPC'.")
    creds = catalog.resolve(list(codes))
    holding = catalog.resolve(list(held)) if held else []
    both = in_both(creds, holding)
    if both:
        raise UsageError(f"{', '.join(both)} is both in the path and in --held: give it in one place.")
    return path_cost(catalog, creds, years=span, buyer=buyer(member, student, first_time, senior),
                     attempts=tries, held=holding, today=today)


# --------------------------------------------------------------------------- keeping, advising


def renew_document(
    catalog: Catalog,
    held: Sequence[str],
    today: date,
    *,
    member: bool | None = None,
    drop: str | None = None,
    db: str | None = None,
    ceu_log: bool = True,
) -> dict[str, Any]:
    """``certcli renew CODE[@DATE]… --json``: CEUs, due dates and fees to keep what is held.

    ``held`` as on the command line (``CPC``, ``CPC@2024-03-15``, ``CPC@end:2026-06-30``);
    ``drop``: also what letting that one go saves; ``ceu_log``: add where the CEU log (``db``,
    else the default log) stands this cycle, when it has entries.
    """
    from certcli.commands.renew import parse_held
    from certcli.engine.renewal import renewal_plan
    from certcli.render import renewal as view

    holding = parse_held(catalog, list(held), today)
    plan = renewal_plan(catalog, holding, today, member)
    doc = view.renewal_json(catalog, plan)
    if drop is not None:
        from certcli.engine.drop import drop as drop_one
        from certcli.render.drop import drop_json

        doc["drop"] = drop_json(drop_one(catalog, holding, drop.strip(), today, member))
    if ceu_log:
        from certcli.commands.ceu_log import for_renew

        logged = for_renew(catalog, holding, today, db)
        if logged is not None:
            from certcli.render.ceu import progress_json

            doc["ceu_log"] = progress_json(logged)
    return envelope(catalog, doc)


def advise_document(catalog: Catalog, profile: Profile, today: date) -> dict[str, Any]:
    """``certcli advise --json``: the recommended path for ``profile``."""
    from certcli.engine.advice import recommend

    return plan_document(catalog, recommend(profile, catalog, today), today)


def plan_document(catalog: Catalog, plan: Plan, today: date) -> dict[str, Any]:
    """``advise``'s document for a plan already made (the command also shows or saves it)."""
    from certcli.render.advice_json import plan_json

    return envelope(catalog, plan_json(plan, catalog, today))


def versioned(body: dict[str, Any], catalog: Catalog | None = None) -> dict[str, Any]:
    """A document of ``certcli ceu`` (the CEU log's holds, entries, progress, files written) or of
    ``data check``: ``data_version`` is that of the catalog the command read, None when it read none."""
    return {"schema_version": SCHEMA_VERSION, "data_version": catalog.data_version if catalog else None, **body}


def error_document(code: int, message: str) -> dict[str, Any]:
    """What ``--json`` prints when a run fails: ``{"error": {"code": 2, "message": …}}``."""
    return {"schema_version": SCHEMA_VERSION, "error": {"code": code, "message": message}}
