"""``renew``: what it takes to keep the credentials you hold, and ``--ics`` for their due dates.

The arguments are ``CODE``, ``CODE@DATE`` (the date earned) or ``CODE@end:DATE`` (the end of
the current cycle): parsed here into the engine's :class:`HeldCredential`.
"""

import re
import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from certcli.commands.ceu import DbOpt
from certcli.commands.common import JsonOpt, catalog, clock, complete_codes
from certcli.errors import UsageError
from certcli.output import destination, emit

if TYPE_CHECKING:
    from certcli.catalog import Catalog
    from certcli.engine.renewal import HeldCredential

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KINDS = {"earned": "earned", "end": "cycle_end", "due": "cycle_end"}  # CODE@end:DATE → the engine's DateKind
EXAMPLE = "CPC@2024-03-15"


def _shown(text: str) -> str:
    """Text for a one-line message: as typed, or quoted with escapes when it holds control characters."""
    return text if text.isprintable() else repr(text)


def parse_date(text: str, arg: str) -> date:
    """``2024-03-15`` → a date; anything else is a usage error naming the argument."""
    text, arg = _shown(text), _shown(arg)
    if not _DATE.fullmatch(text):
        raise UsageError(f"'{text}' in {arg} is not a date: use YYYY-MM-DD, e.g. {EXAMPLE}.")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"'{text}' in {arg} is not a real date ({exc}).") from None


def parse_held(catalog: "Catalog", args: list[str], today: date) -> "list[HeldCredential]":
    """``CPC``, ``CPC@2024-03-15`` (earned) or ``CPC@end:2026-06-30`` (cycle end) → held credentials.

    Unknown codes, malformed or impossible dates, an earned date in the future and one code
    given twice with different dates are usage errors.
    """
    from certcli.engine.renewal import HeldCredential

    out: dict[str, HeldCredential] = {}
    for typed in args:
        arg = _shown(typed)
        code, at, rest = typed.partition("@")
        if not code.strip().isprintable():
            raise UsageError(f"Unknown credential {code.strip()!r}: give a code such as CPC or CCS-P.")
        cred = catalog.credential(code.strip())
        earned = end = None
        if at:
            if not rest.strip():
                raise UsageError(f"{arg}: give a date after '@', e.g. {EXAMPLE} (or CPC@end:2026-06-30).")
            prefix, colon, text = rest.strip().partition(":")
            kind = "earned"
            if colon:
                if prefix.lower() not in _KINDS:
                    raise UsageError(
                        f"{arg}: '{_shown(prefix)}:' is not a date kind; "
                        "use CODE@DATE (earned) or CODE@end:DATE (cycle end)."
                    )
                kind = _KINDS[prefix.lower()]
            else:
                text = prefix
            day = parse_date(text.strip(), typed)
            if kind == "earned":
                if day > today:
                    raise UsageError(
                        f"{arg}: the date earned is in the future (today is {today.isoformat()}); "
                        f"for the end of a cycle write {cred.code}@end:{day.isoformat()}."
                    )
                earned = day
            else:
                end = day
        item = HeldCredential(cred, earned, end)
        before = out.get(cred.code)
        if before is not None and before.dated and item.dated and before != item:
            raise UsageError(f"{cred.code} is given twice with different dates ({arg}); give it once.")
        if before is None or not before.dated:
            out[cred.code] = item
    return list(out.values())


def renew(
    ctx: typer.Context,
    codes: Annotated[
        list[str],
        typer.Argument(
            metavar="CODE[@DATE]",
            help="Credentials you hold: CPC, CPC@2024-03-15 (the date earned) or CPC@end:2026-06-30 "
            "(the end of the current cycle, as your issuer's account shows it).",
            autocompletion=complete_codes,
            show_default=False,
        ),
    ],
    member: Annotated[
        bool | None,
        typer.Option(
            "--member/--non-member",
            help="Your membership of issuers where it is optional (AHIMA): the recertification fee differs. "
            "Not given: both prices. AAPC and AMBA membership is needed to keep their credentials anyway.",
            show_default=False,
        ),
    ] = None,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            help="Also write the due dates to FILE as an iCalendar file (reminders 90 and 30 days before). "
            "Needs at least one date. '-' writes the calendar to stdout instead of the tables.",
        ),
    ] = None,
    drop: Annotated[
        str | None,
        typer.Option("--drop", metavar="CODE", help="Also show what letting CODE go saves (CEUs and fees per cycle), "
                     "with the issuer's grace, lapse and reinstatement rules.", autocompletion=complete_codes),
    ] = None,  # fmt: skip
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """What it takes to keep the credentials you hold: CEUs, due dates, dues and fees, per issuer.

    CEUs stack by each issuer's own rule (AAPC 36/40/44/48/52 for 1/2/3/4/5+ credentials, AHIMA
    the highest single requirement + 10 per further credential up to 50, ...). With dates, the
    next due date is the date earned (or the cycle end you give) plus whole cycles, the first on
    or after today; a Feb 29 date falls on Feb 28 in common years. Several credentials of one
    issuer share one cycle: a cycle end you give wins, else the earliest date earned.

    When the CEU log ('certcli ceu') has entries, it also shows where you stand this cycle.

    Examples: certcli renew CPC@2024-03-15 CRC CCS@2023-06-01 --non-member;
    certcli renew CPC@end:2027-01-31 --ics renewals.ics; certcli renew CPC CPMA --drop CPMA
    """
    from certcli.commands.ceu_log import for_renew
    from certcli.engine.renewal import renewal_plan
    from certcli.render import renewal as view

    found = catalog(ctx)
    now = clock(ctx)
    today = now.today()
    held = parse_held(found, codes, today)
    plan = renewal_plan(found, held, today, member)
    dropped = None
    if drop is not None:  # checked before anything is written
        from certcli.engine.drop import drop as drop_one
        from certcli.render.drop import drop_view

        dropped = drop_one(found, held, drop.strip(), today, member)
    target = destination("--ics", ics, "renewals.ics") if ics else None
    if target is not None and not plan.deadlines:
        raise UsageError(
            "--ics needs due dates: give the date each credential was earned, e.g. CPC@2024-03-15 "
            "(or the end of its cycle, CPC@end:2026-06-30)."
        )
    if target is not None and target.to_stdout and json_out:
        raise UsageError("--ics - and --json both write to stdout: give --ics a file name, or leave out --json.")
    if target is not None:  # written first: a failed write leaves stdout empty
        from certcli.ics import calendar
        from certcli.render.calendar import calendar_events

        target.write(calendar(calendar_events(found, plan), now.now()))
        if target.to_stdout:
            return
    logged = None if json_out else for_renew(found, held, today, db)
    if logged is not None:
        from certcli.render.ceu import progress_view
    if json_out:
        from certcli.documents import renew_document

        doc = renew_document(found, codes, today, member=member, drop=drop, db=db)
        if target is not None:
            doc["calendar"] = {"file": str(target.path), "events": len(plan.deadlines)}
        emit(doc)
    else:
        emit(view.renewal_view(found, plan))
        if dropped is not None:
            emit(drop_view(dropped))
        if logged is not None:
            emit(progress_view(logged, "Your CEU log, this cycle ('certcli ceu progress')"))
    if target is not None:
        count = len(plan.deadlines)
        sys.stderr.write(
            f"Wrote {ics}: {count} due date{'s' if count != 1 else ''}, with reminders 90 and 30 days before.\n"
        )
