"""The command line: parse → load → engine → render. One error boundary (``CertcliGroup.invoke``)."""


import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from certcli.commands.ceu import ceu_app
from certcli.errors import CertcliError, UsageError

HELP = "An offline advisor for US medical billing and coding certifications."

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130


def _say(message: str) -> None:
    """One line on stderr (which may be gone too: then nothing)."""
    try:
        sys.stderr.write(message.rstrip() + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _fail(message: str, code: int) -> NoReturn:
    _say(message)
    raise typer.Exit(code)


def _settle_stdout() -> None:
    """Flush stdout; if it cannot take more (closed pipe, full disk), point it at /dev/null so
    that Python's own flush at exit cannot fail a second time with a traceback."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass


def _os_error_message(exc: OSError) -> str:
    """``Error: No space left on device`` — the system's words, never a traceback."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"Error: {where}{exc.strerror or exc}"


def _quiet_broken_pipe() -> NoReturn:
    """The reader went away (``certcli list | head -1``): stop without a word, with exit 1
    (as Python, rich and typer's own help do)."""
    _settle_stdout()
    sys.exit(EXIT_DATA)  # SystemExit, not typer.Exit: this also runs outside the app, in main()


def _help_width() -> int:
    """Help wraps to the terminal: at most 80 columns, and narrower than click's floor of 50."""
    import shutil

    return max(30, min(shutil.get_terminal_size().columns, 80) - 2)


class CertcliGroup(TyperGroup):
    """Turns every failure into one line on stderr and an exit code; never a traceback."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        if parent is None:
            extra.setdefault("terminal_width", _help_width())
        return super().make_context(info_name, args, parent=parent, **extra)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **kwargs: Any,
    ) -> Any:
        """Usage mistakes as one line (click's own would print the usage block too)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **kwargs)
        from typer._click.exceptions import ClickException, NoArgsIsHelpError  # typer ≥ 0.29 vendors click
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **kwargs)
        except NoArgsIsHelpError as exc:  # bare 'certcli': the help, as click shows it
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            command = getattr(getattr(exc, "ctx", None), "command_path", None) or "certcli"
            hint = f" (see '{command} --help')" if exc.exit_code == EXIT_USAGE else ""
            _say(f"Error: {exc.format_message()}{hint}")
            sys.exit(exc.exit_code)
        except (KeyboardInterrupt, typer.Abort):
            _say("Cancelled.")
            sys.exit(EXIT_CANCELLED)
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CertcliError as exc:
            _fail(f"Error: {exc.message}", exc.exit_code)
        except (KeyboardInterrupt, typer.Abort):
            _fail("Cancelled.", EXIT_CANCELLED)
        except BrokenPipeError:
            _quiet_broken_pipe()
        except OSError as exc:  # e.g. stdout is a full disk
            _settle_stdout()
            _fail(_os_error_message(exc), EXIT_DATA)


app = typer.Typer(
    cls=CertcliGroup,
    help=HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
data_app = typer.Typer(help="Check the data files.", no_args_is_help=True)
app.add_typer(data_app, name="data")
app.add_typer(ceu_app, name="ceu")


# --------------------------------------------------------------------------- shared plumbing


class State:
    data_dir: str | None = None


def _catalog() -> Any:
    from certcli.catalog import load_catalog

    return load_catalog(State.data_dir)


def _today() -> date:
    return date.today()


def _complete_codes(incomplete: str) -> list[str]:
    try:
        catalog = _catalog()
    except CertcliError:
        return []
    from certcli.catalog import normalize

    key = normalize(incomplete)
    codes = [code for code in catalog.credentials if normalize(code).startswith(key)]
    # the shell keeps only words that start with what was typed, case and all: answer in kind
    return [code.lower() for code in codes] if incomplete.islower() else codes


def _emit_json(doc: Any) -> None:
    import json

    sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _console() -> Any:
    from rich.console import Console

    return Console(soft_wrap=False)


def _emit(renderable: Any) -> None:
    _console().print(renderable)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead of tables.")]
CodeArg = Annotated[str, typer.Argument(help="A credential code (any case; aliases like CPC-H work).",
                                        autocompletion=_complete_codes)]
CodesArg = Annotated[list[str], typer.Argument(help="Credential codes.", autocompletion=_complete_codes)]


def _version(value: bool) -> None:
    if value:
        from certcli import __version__

        typer.echo(f"certcli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    data_dir: Annotated[
        str | None,
        typer.Option("--data-dir", envvar="CERTCLI_DATA_DIR", help="Use the data files in this directory."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """An offline advisor for US medical billing and coding certifications.

    Every figure shows its source and the year it is as of; unknown figures say "not published".
    """
    State.data_dir = data_dir


# --------------------------------------------------------------------------- browse


@app.command("list")
def list_cmd(
    issuer: Annotated[str | None, typer.Option(help="Only this issuer (AAPC, AHIMA, NHA, AMBA…).")] = None,
    category: Annotated[str | None, typer.Option(help="Only this category (coding, billing, specialty…).")] = None,
    setting: Annotated[str | None, typer.Option(help="Only credentials for this work setting.")] = None,
    level: Annotated[str | None, typer.Option(help="entry, intermediate, advanced or specialty.")] = None,
    status: Annotated[str | None, typer.Option(help="active, retired or unconfirmed.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List the credentials in the catalog, grouped by issuer, entry level first."""
    from certcli.model import Category, Level, Setting, Status

    catalog = _catalog()
    creds = list(catalog.credentials.values())
    if issuer:
        org = catalog.organization(issuer)
        creds = [c for c in creds if c.issuer == org.code]
    if category:
        cat = _choice("--category", category, Category)
        creds = [c for c in creds if c.category == cat]
    if setting:
        st = _choice("--setting", setting, Setting)
        creds = [c for c in creds if st in c.settings or Setting.ANY in c.settings or st is Setting.ANY]
    if level:
        lv = _choice("--level", level, Level)
        creds = [c for c in creds if c.level == lv]
    if status:
        sv = _choice("--status", status, Status)
        creds = [c for c in creds if c.status == sv]
    from certcli.render import catalog as view

    if json_out:
        _emit_json(view.list_json(catalog, creds))
        return
    if not creds:
        sys.stderr.write("No credentials match those filters.\n")
        return
    console = _console()
    console.print(view.list_table(catalog, creds, console.width))


def _choice(flag: str, value: str, enum: Any) -> Any:
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    for member in enum:
        if member.value == wanted:
            return member
    options = ", ".join(m.value for m in enum)
    raise UsageError(f"{flag}: '{value}' is not one of {options}.")


@app.command()
def show(code: CodeArg, json_out: JsonOpt = False) -> None:
    """Everything about one credential: exam, fees, eligibility, renewal, salary, sources."""
    catalog = _catalog()
    cred = catalog.credential(code)
    from certcli.render import catalog as view

    if json_out:
        _emit_json(view.credential_json(catalog, cred, _today()))
    else:
        _emit(view.credential_card(catalog, cred, _today()))


@app.command()
def compare(codes: CodesArg, json_out: JsonOpt = False) -> None:
    """Two or more credentials side by side, one row per fact (bold rows differ)."""
    catalog = _catalog()
    creds = catalog.resolve(codes)
    if len(creds) < 2:
        raise UsageError("compare needs at least two different credentials, e.g. 'certcli compare CPC CCS'.")
    from certcli.render import catalog as view

    if json_out:
        _emit_json(view.comparison_json(catalog, creds, _today()))
    else:
        _emit(view.comparison_table(catalog, creds, _today()))


@app.command()
def search(
    text: Annotated[list[str], typer.Argument(help="Words to look for, e.g. 'cardiology' or 'inpatient'.")],
    json_out: JsonOpt = False,
) -> None:
    """Find credentials by code, name, alias, specialty, setting or summary."""
    from certcli.engine.search import search as find

    catalog = _catalog()
    query = " ".join(text)
    hits = find(catalog, query)
    from certcli.render import catalog as view

    if json_out:
        _emit_json(view.search_json(hits, query))
        return
    if not hits:
        sys.stderr.write(f"Nothing matches '{query}'. Try a broader word, or 'certcli list'.\n")
        raise typer.Exit(1)
    _emit(view.search_table(catalog, hits))


# --------------------------------------------------------------------------- advise

NO_TERMINAL = (
    "certcli advise needs a terminal to ask questions;\n"
    "pass your answers with --answers FILE (YAML or JSON, at least `goal:`) or flags like --goal coding. "
    "See 'certcli advise --help'."
)
WIZARD_INTRO = "A few questions (Enter accepts the highlighted answer; Ctrl-C cancels).\n"


def _opt(help: str, metavar: str | None = None) -> Any:
    return typer.Option(help=help, metavar=metavar, show_default=False)


@app.command()
def advise(
    answers_file: Annotated[
        str | None,
        typer.Option("--answers", metavar="FILE",
                     help="Your answers as YAML or JSON (at least goal:); flags override the file."),
    ] = None,
    goal: Annotated[str | None, _opt("coding, billing, coding_and_billing, auditing, compliance, documentation, "
                                     "risk_adjustment, management, health_data, scribe or unsure.", "GOAL")] = None,
    setting: Annotated[str | None, _opt("physician_office, hospital_inpatient, hospital_outpatient, payer "
                                        "or any.", "SETTING")] = None,
    specialty: Annotated[str | None, _opt("A specialty you are drawn to, e.g. cardiology.", "WORD")] = None,
    education: Annotated[str | None, _opt("high_school, certificate, associate, bachelor or master.", "LEVEL")] = None,
    experience_years: Annotated[str | None, _opt("Years of coding or billing work (0 or more).", "N")] = None,
    training_hours: Annotated[str | None, _opt("Hours of coding or billing courses completed.", "N")] = None,
    held: Annotated[list[str] | None, _opt("A credential you hold (repeat for several).", "CODE")] = None,
    member_of: Annotated[list[str] | None, _opt("An organization you are a member of (repeatable).", "ORG")] = None,
    student: Annotated[bool | None, typer.Option("--student/--no-student", help="Student prices.",
                                                 show_default=False)] = None,
    first_time_member: Annotated[bool | None, typer.Option(
        "--first-time-member/--no-first-time-member", help="Never been a member (first-time prices).",
        show_default=False)] = None,
    age_65_plus: Annotated[bool | None, typer.Option("--age-65-plus/--under-65", help="65 or older (senior prices).",
                                                     show_default=False)] = None,
    budget_usd: Annotated[str | None, _opt("Your budget for exams and dues, in US dollars.", "N")] = None,
    years: Annotated[str | None, _opt("Planning horizon in years (1 to 50; default 4).", "N")] = None,
    prefer: Annotated[list[str] | None, _opt("For goal 'unsure' (repeatable): records, precision, independent, "
                                             "payers, patients, finance or juggling.", "X")] = None,
    defaults: Annotated[bool, typer.Option("--defaults", help="Ask nothing: defaults for what is missing.")] = False,
    json_out: JsonOpt = False,
    save: Annotated[str | None, typer.Option("--save", metavar="PLAN.md",
                                             help="Also write the plan as Markdown to this file.")] = None,
) -> None:
    """Answer a few questions; get a recommended path of credentials, with why, eligibility,
    exam facts, costs, renewal and sources.

    The wizard asks only what --answers FILE and the flags leave open. In scripts (no
    terminal), pass at least the goal (goal: in the file, or --goal); the rest takes defaults.
    --defaults does the same in a terminal.
    """
    from certcli.answers import flag_answers, load_answers, merge, to_profile

    catalog = _catalog()
    target = _output_file("--save", save, "PLAN.md") if save else None
    layers = [load_answers(answers_file, catalog)] if answers_file else []
    layers.append(flag_answers({
        "goal": goal, "setting": setting, "specialty": specialty, "education": education,
        "experience_years": experience_years, "training_hours": training_hours, "held": held,
        "member_of": member_of, "student": student, "first_time_member": first_time_member,
        "age_65_plus": age_65_plus, "budget_usd": budget_usd, "years": years, "preferences": prefer,
    }, catalog))
    answers = merge(*layers)

    if defaults or not sys.stdin.isatty():
        if "goal" not in answers:
            if defaults:
                raise UsageError("--defaults still needs a goal: add --goal coding (or goal: in the answers file).")
            raise UsageError(NO_TERMINAL)
        profile = to_profile(answers)
    else:
        from certcli.wizard import ask_profile

        sys.stderr.write(WIZARD_INTRO)
        sys.stderr.flush()
        profile = ask_profile(answers, catalog, to_stderr=json_out or not sys.stdout.isatty())

    from certcli.engine.advice import recommend
    from certcli.render import advice as view

    today = _today()
    plan = recommend(profile, catalog, today)
    if json_out:
        _emit_json(view.plan_json(plan, catalog, today))
    else:
        _emit(view.plan_view(plan, catalog, today))
    if target is not None:
        _write_atomically("--save", target, view.plan_markdown(plan, catalog, today))
        sys.stderr.write(f"Saved the plan to {save}\n")


def _output_file(flag: str, value: str, example: str) -> Any:
    """The file a --save/--ics option names, checked before any work is done."""
    from pathlib import Path

    target = Path(value).expanduser()
    if target.is_dir():
        raise UsageError(f"{flag}: {value} is a directory; give a file name like {example}.")
    if not target.parent.is_dir():
        raise UsageError(f"{flag}: the directory {target.parent} does not exist.")
    return target


def _write_atomically(flag: str, target: Any, text: str) -> None:
    """Write to a temporary file next to ``target``, then rename it: never a half-written file.
    The text is written as is (an .ics keeps its CRLF line endings)."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageError(f"{flag}: cannot write in {target.parent}: {exc.strerror or exc}") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # a file to keep or send, not a secret
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise UsageError(f"{flag}: cannot write {target}: {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# --------------------------------------------------------------------------- renew


def _utc_now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


@app.command()
def renew(
    codes: Annotated[
        list[str],
        typer.Argument(
            metavar="CODE[@DATE]",
            help="Credentials you hold: CPC, CPC@2024-03-15 (the date earned) or CPC@end:2026-06-30 "
            "(the end of the current cycle, as your issuer's account shows it).",
            autocompletion=_complete_codes,
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
            "Needs at least one date.",
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """What it takes to keep the credentials you hold: CEUs, due dates, dues and fees, per issuer.

    CEUs stack by each issuer's own rule (AAPC 36/40/44/48/52 for 1/2/3/4/5+ credentials, AHIMA
    the highest single requirement + 10 per further credential up to 50, ...). With dates, the
    next due date is the date earned (or the cycle end you give) plus whole cycles, the first on
    or after today; a Feb 29 date falls on Feb 28 in common years. Several credentials of one
    issuer share one cycle: a cycle end you give wins, else the earliest date earned.

    Examples: certcli renew CPC@2024-03-15 CRC CCS@2023-06-01 --non-member;
    certcli renew CPC@end:2027-01-31 --ics renewals.ics
    """
    from certcli.engine.renewal import parse_held, renewal_plan
    from certcli.render import renewal as view

    catalog = _catalog()
    today = _today()
    held = parse_held(catalog, codes, today)
    plan = renewal_plan(catalog, held, today, member)
    target = _output_file("--ics", ics, "renewals.ics") if ics else None
    if target is not None and not plan.deadlines:
        raise UsageError(
            "--ics needs due dates: give the date each credential was earned, e.g. CPC@2024-03-15 "
            "(or the end of its cycle, CPC@end:2026-06-30)."
        )
    if target is not None:  # written first: a failed write leaves stdout empty
        from certcli.ics import calendar

        _write_atomically("--ics", target, calendar(view.calendar_events(catalog, plan), _utc_now()))
    if json_out:
        doc = view.renewal_json(catalog, plan)
        if target is not None:
            doc["calendar"] = {"file": str(target), "events": len(plan.deadlines)}
        _emit_json(doc)
    else:
        _emit(view.renewal_view(catalog, plan))
    if target is not None:
        count = len(plan.deadlines)
        sys.stderr.write(
            f"Wrote {ics}: {count} due date{'s' if count != 1 else ''}, with reminders 90 and 30 days before.\n"
        )


# --------------------------------------------------------------------------- money

MemberFlag = Annotated[bool, typer.Option("--member", help="Price as a member of the issuers' associations.")]
NonMemberFlag = Annotated[bool, typer.Option(
    "--non-member", help="Price as a non-member (memberships an exam requires, like AAPC's, are still counted).")]
StudentFlag = Annotated[bool, typer.Option("--student", help="A student: student dues (and exam prices) "
                                                             "where published.")]
FirstTimeFlag = Annotated[bool, typer.Option("--first-time", help="Joining an association for the first time.")]
SeniorFlag = Annotated[bool, typer.Option("--senior", help="Aged 65 or older: 65+ dues where published.")]
AttemptsOpt = Annotated[str, typer.Option(
    "--attempts", metavar="1|2", help="Budget 1 or 2 exam attempts (2: the 2-attempt package, or a retake).")]


def _money_buyer(member: bool, non_member: bool, student: bool, first_time: bool, senior: bool) -> Any:
    from certcli.engine.fees import Buyer

    if member and non_member:
        raise UsageError("--member and --non-member contradict each other: give one, or neither to let certcli "
                         "pick the cheaper.")
    return Buyer(member=True if member else False if non_member else None, student=student,
                 first_time=first_time, senior=senior)


def _int_option(flag: str, value: str, low: int, high: int) -> int:
    allowed = f"{low} or {high}" if high == low + 1 else f"a whole number from {low} to {high}"
    try:
        number = int(value.strip())
    except ValueError:
        raise UsageError(f"{flag} must be {allowed}, not '{value}'.") from None
    if not low <= number <= high:
        raise UsageError(f"{flag} must be {allowed}, not {number}.")
    return number


@app.command()
def fees(
    codes: Annotated[list[str] | None, typer.Argument(
        help="Credential codes (none: every credential).", autocompletion=_complete_codes, show_default=False)] = None,
    member: MemberFlag = False,
    non_member: NonMemberFlag = False,
    student: StudentFlag = False,
    first_time: FirstTimeFlag = False,
    senior: SeniorFlag = False,
    attempts: AttemptsOpt = "1",
    memberships: Annotated[bool, typer.Option(
        "--memberships", help="Show each organization's membership tiers and dues instead.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Exam fees, attempts, membership dues and the first-year total, for your status.

    With no codes, every credential ('certcli fees --member' is a member price list). Where an
    exam is sold to members only (AAPC, AMBA), a year's dues are counted even for --non-member.
    Without --member or --non-member, certcli picks the cheaper first year for optional
    memberships (AHIMA) and says why. Every amount shows its as-of year and source.
    """
    catalog = _catalog()
    buyer = _money_buyer(member, non_member, student, first_time, senior)
    tries = _int_option("--attempts", attempts, 1, 2)
    creds = catalog.resolve(codes) if codes else list(catalog.credentials.values())
    today = _today()
    from certcli.render import fees as view

    if memberships:
        wanted = {c.issuer for c in creds} if codes else set(catalog.organizations)
        orgs = [o for o in catalog.organizations.values() if o.code in wanted]
        if json_out:
            _emit_json(view.memberships_json(catalog, orgs, today))
        else:
            _emit(view.memberships_view(catalog, orgs, today))
        return
    from certcli.engine.fees import quote

    quotes = [quote(catalog, cred, buyer, tries, today) for cred in creds]
    if json_out:
        _emit_json(view.fees_json(catalog, quotes, creds, buyer, tries))
    else:
        _emit(view.fees_table(catalog, quotes, buyer, tries, today))


@app.command()
def cost(
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
        "dues and renewal fees count.", autocompletion=_complete_codes, show_default=False)] = None,
    json_out: JsonOpt = False,
) -> None:
    """The total cost of earning and keeping credentials over N years, itemized by year.

    Exam fees (one exam a year, in the order given), membership dues, recertification fees and
    retakes with --attempts 2. For optional memberships (AHIMA) certcli takes the cheapest
    choice and says why, and tells whether membership pays for itself. Unknown amounts are
    listed and make the total incomplete; they are never counted as zero.

    Example: certcli cost CPC CPB --years 4 --student
    """
    catalog = _catalog()
    buyer = _money_buyer(member, non_member, student, first_time, senior)
    span = _int_option("--years", years, 1, 50)
    tries = _int_option("--attempts", attempts, 1, 2)
    creds = catalog.resolve(codes)
    holding = catalog.resolve(held) if held else []
    both = [c.code for c in creds if c.code in {h.code for h in holding}]
    if both:
        raise UsageError(f"{', '.join(both)} is both in the path and in --held: give it in one place.")
    from certcli.engine.fees import path_cost
    from certcli.render import fees as view

    plan = path_cost(catalog, creds, years=span, buyer=buyer, attempts=tries, held=holding, today=_today())
    if json_out:
        _emit_json(view.cost_json(catalog, plan, buyer))
    else:
        _emit(view.cost_view(catalog, plan, buyer, _today()))


# --------------------------------------------------------------------------- data


@data_app.command("check")
def data_check(
    directory: Annotated[str | None, typer.Argument(help="The data directory (default: the one certcli uses).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Validate a data directory and list every problem (exit 1 when there are any)."""
    from certcli.catalog import check_data, resolve_data_dir

    target = directory or State.data_dir
    problems = check_data(target)
    if json_out:
        try:
            shown = str(resolve_data_dir(target))
        except CertcliError:
            shown = str(target)
        _emit_json({"data_dir": shown, "ok": not problems, "problems": problems})
    elif problems:
        for problem in problems:
            sys.stderr.write(problem + "\n")
        sys.stderr.write(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.\n")
    else:
        from certcli.catalog import load_catalog

        catalog = load_catalog(target)
        sys.stdout.write(
            f"{catalog.data_dir}: ok — {len(catalog.credentials)} credentials, "
            f"{len(catalog.organizations)} organizations, {len(catalog.sources)} sources.\n"
        )
    if problems:
        raise typer.Exit(EXIT_DATA)


# --------------------------------------------------------------------------- entry point


def main() -> None:
    """The console script: the Typer app, with usage errors as one line and exit 2. What escapes
    the app's own boundary (help text into a closed pipe, Ctrl-C while parsing) ends here."""
    try:
        app(prog_name="certcli")
    except BrokenPipeError:
        _quiet_broken_pipe()
    except KeyboardInterrupt:
        _say("Cancelled.")
        sys.exit(EXIT_CANCELLED)
    except OSError as exc:
        _settle_stdout()
        _say(_os_error_message(exc))
        sys.exit(EXIT_DATA)
