"""``advise``: answers (a file, flags, the wizard) → a profile → a recommended path → shown and saved."""

import sys
from typing import Annotated, Any

import typer

from certcli.commands.common import JsonOpt, catalog, clock, complete_codes, complete_issuers, completes_to
from certcli.errors import UsageError
from certcli.output import destination, emit

NO_TERMINAL = (
    "certcli advise needs a terminal to ask questions;\n"
    "pass your answers with --answers FILE (YAML or JSON, at least `goal:`) or flags like --goal coding. "
    "See 'certcli advise --help'."
)
WIZARD_INTRO = "A few questions (Enter accepts the highlighted answer; Ctrl-C cancels).\n"


def _opt(help: str, metavar: str | None = None, complete: Any = None) -> Any:
    return typer.Option(help=help, metavar=metavar, show_default=False, autocompletion=complete)


def advise(
    ctx: typer.Context,
    answers_file: Annotated[
        str | None,
        typer.Option("--answers", metavar="FILE",
                     help="Your answers as YAML or JSON (at least goal:); flags override the file."),
    ] = None,
    goal: Annotated[str | None, _opt("coding, billing, coding_and_billing, auditing, compliance, documentation, "
                                     "risk_adjustment, management, health_data, scribe or unsure.", "GOAL",
                                     completes_to("Goal"))] = None,
    setting: Annotated[str | None, _opt("physician_office, hospital_inpatient, hospital_outpatient, payer "
                                        "or any.", "SETTING", completes_to("SettingChoice"))] = None,
    specialty: Annotated[str | None, _opt("A specialty you are drawn to, e.g. cardiology.", "WORD")] = None,
    education: Annotated[str | None, _opt("high_school, certificate, associate, bachelor or master.", "LEVEL",
                                          completes_to("Education"))] = None,
    experience_years: Annotated[str | None, _opt("Years of coding or billing work (0 or more).", "YEARS")] = None,
    training_hours: Annotated[str | None, _opt("Hours of coding or billing courses completed.", "N")] = None,
    held: Annotated[list[str] | None, _opt("A credential you hold (repeat for several).", "CODE",
                                           complete_codes)] = None,
    member_of: Annotated[list[str] | None, _opt("An organization you are a member of (repeatable).", "ORG",
                                                complete_issuers)] = None,
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
                                             "payers, patients, finance or juggling.", "X",
                                             completes_to("Preference"))] = None,
    defaults: Annotated[bool, typer.Option("--defaults", help="Ask nothing: defaults for what is missing.")] = False,
    json_out: JsonOpt = False,
    save: Annotated[str | None, typer.Option("--save", metavar="PLAN.md",
                                             help="Also write the plan as Markdown to this file "
                                             "('-': the Markdown to stdout, instead of the plan).")] = None,
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
    layers = [load_answers(answers_file, found)] if answers_file else []
    layers.append(flag_answers({
        "goal": goal, "setting": setting, "specialty": specialty, "education": education,
        "experience_years": experience_years, "training_hours": training_hours, "held": held,
        "member_of": member_of, "student": student, "first_time_member": first_time_member,
        "age_65_plus": age_65_plus, "budget_usd": budget_usd, "years": years, "preferences": prefer,
    }, found))
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

    today = clock(ctx).today()
    plan = recommend(profile, found, today)
    if target is not None and target.to_stdout:
        target.write(view.plan_markdown(plan, found, today))
        return
    emit(view.plan_json(plan, found, today) if json_out else view.plan_view(plan, found, today))
    if target is not None:
        target.write(view.plan_markdown(plan, found, today))
        sys.stderr.write(f"Saved the plan to {save}\n")
