"""``advise``: answers (a file, flags, the wizard) → a profile → a recommended path → shown and saved."""

import inspect
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from certcli.commands.common import JsonOpt, catalog, clock, complete_codes, complete_issuers
from certcli.errors import UsageError
from certcli.output import destination, emit
from certcli.questions import QUESTIONS, Question

NO_TERMINAL = (
    "certcli advise needs a terminal to ask questions;\n"
    "pass your answers with --answers FILE (YAML or JSON, at least `goal:`) or flags like --goal coding. "
    "See 'certcli advise --help'."
)
WIZARD_INTRO = "A few questions (Enter accepts the highlighted answer; Ctrl-C cancels).\n"


def _flag(q: Question) -> inspect.Parameter:
    """The ``advise`` option for one question of the table: its flag, help, metavar and completion."""
    complete: Any = {"credentials": complete_codes, "organizations": complete_issuers}.get(q.kind)
    if q.choices:
        complete = _complete_to(q.values)
    if q.kind == "yes_no":
        option = typer.Option(f"{q.option}/{q.no_flag}", help=q.flag_help, show_default=False)
        kind: Any = bool | None
    else:
        option = typer.Option(q.option, help=q.flag_help, metavar=q.metavar, show_default=False,
                              autocompletion=complete)
        kind = list[str] | None if q.repeatable else str | None
    return inspect.Parameter(q.key, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[kind, option])


def _complete_to(values: tuple[str, ...]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        typed = incomplete.strip().lower().replace("-", "_")
        return [value for value in values if value.startswith(typed)]

    return complete


def advise(
    ctx: typer.Context,
    answers_file: Annotated[
        str | None,
        typer.Option("--answers", metavar="FILE",
                     help="Your answers as YAML or JSON (at least goal:); flags override the file."),
    ] = None,
    defaults: Annotated[bool, typer.Option("--defaults", help="Ask nothing: defaults for what is missing.")] = False,
    json_out: JsonOpt = False,
    save: Annotated[str | None, typer.Option("--save", metavar="PLAN.md",
                                             help="Also write the plan as Markdown to this file "
                                             "('-': the Markdown to stdout, instead of the plan).")] = None,
    detail: Annotated[bool, typer.Option("--detail", help="Add the full cards: exam facts, eligibility, costs, "
                                         "renewal tables, the cost table and the pay table.")] = False,
    ics: Annotated[str | None, typer.Option("--ics", metavar="FILE",
                                            help="Also write the plan's dates (study, exams, the -A removed, "
                                            "renewals, dues) to FILE as an iCalendar file ('-': to stdout, "
                                            "instead of the plan).")] = None,
    **given: Any,
) -> None:
    """Answer a few questions; get a recommended path of credentials, with why, eligibility,
    exam facts, costs, renewal and sources.

    The wizard asks only what --answers FILE and the flags leave open. In scripts (no
    terminal), pass at least the goal (goal: in the file, or --goal); the rest takes defaults.
    --defaults does the same in a terminal.
    """
    from certcli.answers import flag_answers, load_answers, merge, to_profile

    found = catalog(ctx)
    target = destination("--save", save, "PLAN.md") if save else None
    if target is not None and target.to_stdout and json_out:
        raise UsageError("--save - and --json both write to stdout: give --save a file name, or leave out --json.")
    dates = destination("--ics", ics, "plan.ics") if ics else None
    if dates is not None and dates.to_stdout and (json_out or (target is not None and target.to_stdout)):
        other = "--json" if json_out else "--save -"
        raise UsageError(f"--ics - and {other} both write to stdout: give --ics a file name.")
    layers = [load_answers(answers_file, found)] if answers_file else []
    layers.append(flag_answers(given, found))  # one option per question of the table
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
        profile = ask_profile(answers, found, to_stderr=json_out or not sys.stdout.isatty())

    from certcli.engine.advice import recommend
    from certcli.render import advice as view

    now = clock(ctx)
    today = now.today()
    plan = recommend(profile, found, today)
    if dates is not None:  # written first: a failed write leaves stdout empty
        from certcli.ics import calendar
        from certcli.render.calendar import milestone_events
        from certcli.words import plural

        milestones = plan.schedule.milestones if plan.schedule is not None else ()
        dates.write(calendar(milestone_events(milestones), now.now(), name="certcli plan"))
        if dates.to_stdout:
            return
        sys.stderr.write(f"Wrote {ics}: {plural(len(milestones), 'date')} of the plan.\n")
    if target is not None and target.to_stdout:
        target.write(view.plan_markdown(plan, found, today, detail))
        return
    if json_out:
        from certcli.documents import plan_document

        emit(plan_document(found, plan, today))
    else:
        emit(view.plan_view(plan, found, today, detail))
    if target is not None:
        target.write(view.plan_markdown(plan, found, today, detail))
        sys.stderr.write(f"Saved the plan to {save}\n")


# The options, in the order of the questions (the table's keys are not spelled out again): the
# answers file first, one option per question, then the options of the command itself.
_OWN = {name: p.replace(kind=p.KEYWORD_ONLY) for name, p in inspect.signature(advise).parameters.items()}
advise.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [_OWN["ctx"], _OWN["answers_file"], *(_flag(q) for q in QUESTIONS), _OWN["defaults"], _OWN["json_out"],
     _OWN["save"], _OWN["detail"], _OWN["ics"]]
)
