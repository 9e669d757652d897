"""What credentials cost: ``fees`` (exam fees and first-year totals) and ``cost`` (over N years)."""

from typing import Annotated, Any

import typer

from certcli.commands.common import CodesArg, JsonOpt, catalog, clock, complete_codes, whole_number
from certcli.commands.export import CsvOpt, emit_csv, fees_csv, one_format
from certcli.errors import UsageError
from certcli.output import emit

MemberFlag = Annotated[bool, typer.Option("--member", help="Price as a member of the issuers' associations.")]
NonMemberFlag = Annotated[bool, typer.Option(
    "--non-member", help="Price as a non-member (memberships an exam requires, like AAPC's, are still counted).")]
StudentFlag = Annotated[bool, typer.Option("--student", help="A student: student dues (and exam prices) "
                                                             "where published.")]
FirstTimeFlag = Annotated[bool, typer.Option("--first-time", help="Joining an association for the first time.")]
SeniorFlag = Annotated[bool, typer.Option("--senior", help="Aged 65 or older: 65+ dues where published.")]
AttemptsOpt = Annotated[str, typer.Option(
    "--attempts", metavar="1|2", help="Budget 1 or 2 exam attempts (2: the 2-attempt package, or a retake).")]


def _buyer(member: bool, non_member: bool, student: bool, first_time: bool, senior: bool) -> Any:
    from certcli.documents import buyer

    if member and non_member:
        raise UsageError("--member and --non-member contradict each other: give one, or neither to let certcli "
                         "pick the cheaper.")
    return buyer(True if member else False if non_member else None, student, first_time, senior)


def fees(
    ctx: typer.Context,
    codes: Annotated[list[str] | None, typer.Argument(
        metavar="CODE", help="Credential codes (none: every credential).", autocompletion=complete_codes,
        show_default=False)] = None,
    member: MemberFlag = False,
    non_member: NonMemberFlag = False,
    student: StudentFlag = False,
    first_time: FirstTimeFlag = False,
    senior: SeniorFlag = False,
    attempts: AttemptsOpt = "1",
    memberships: Annotated[bool, typer.Option(
        "--memberships", help="Show each organization's membership tiers and dues instead.")] = False,
    json_out: JsonOpt = False,
    csv_out: CsvOpt = False,
) -> None:
    """Exam fees, attempts, membership dues and the first-year total, for your status.

    With no codes, every credential ('certcli fees --member' is a member price list). Where an
    exam is sold to members only (AAPC, AMBA), a year's dues are counted even for --non-member.
    Without --member or --non-member, certcli picks the cheaper first year for optional
    memberships (AHIMA) and says why. Every amount shows its as-of year and source.
    """
    from certcli import documents

    one_format(csv_out, json_out)
    found = catalog(ctx)
    who = _buyer(member, non_member, student, first_time, senior)
    tries = whole_number("--attempts", attempts, 1, 2)
    today = clock(ctx).today()
    if csv_out:
        fees_csv(found, codes, who, tries, today, memberships)
        return
    if json_out:
        if memberships:
            emit(documents.memberships_document(found, codes, today))
        else:
            emit(documents.fees_document(found, codes, today, member=who.member, student=student,
                                         first_time=first_time, senior=senior, attempts=tries))
        return
    from certcli.render import fees as view

    creds = found.resolve(codes) if codes else list(found.credentials.values())
    if memberships:
        from certcli.engine.search import issuers_of

        emit(view.memberships_view(found, issuers_of(found, creds if codes else None), today))
        return
    from certcli.engine.fees import quote

    quotes = [quote(found, cred, who, tries, today) for cred in creds]
    emit(view.fees_table(found, quotes, who, tries, today))


def cost(
    ctx: typer.Context,
    codes: CodesArg,
    years: Annotated[str, typer.Option("--years", metavar="N", help="Years to plan for, 1 to 50.")] = "4",
    member: MemberFlag = False,
    non_member: NonMemberFlag = False,
    student: StudentFlag = False,
    first_time: FirstTimeFlag = False,
    senior: SeniorFlag = False,
    attempts: AttemptsOpt = "1",
    held: Annotated[list[str] | None, typer.Option(
        "--held", metavar="CODE", help="A credential you already hold (repeatable): no exam fee; its issuer's "
        "dues and renewal fees count.", autocompletion=complete_codes, show_default=False)] = None,
    json_out: JsonOpt = False,
    csv_out: CsvOpt = False,
) -> None:
    """The total cost of earning and keeping credentials over N years, itemized by year.

    Exam fees (one exam a year, in the order given), membership dues, recertification fees and
    retakes with --attempts 2. For optional memberships (AHIMA) certcli takes the cheapest
    choice and says why, and tells whether membership pays for itself. Unknown amounts are
    listed and make the total incomplete; they are never counted as zero.

    Example: certcli cost CPC CPB --years 4 --student
    """
    from certcli import documents

    one_format(csv_out, json_out)
    found = catalog(ctx)
    who = _buyer(member, non_member, student, first_time, senior)
    options: dict[str, Any] = dict(
        years=whole_number("--years", years, 1, 50), attempts=whole_number("--attempts", attempts, 1, 2),
        member=who.member, student=student, first_time=first_time, senior=senior, held=held or ())
    today = clock(ctx).today()
    if json_out:
        emit(documents.cost_document(found, codes, today, **options))
        return
    from certcli.render import cost as view

    plan = documents.cost_plan(found, codes, today, **options)
    if csv_out:
        from certcli.render.csv import cost_csv

        emit_csv(cost_csv(found, plan))
        return
    emit(view.cost_view(found, plan, who, today))
