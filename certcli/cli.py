"""The command line: parse → load → engine → render. One error boundary (``CertcliGroup.invoke``)."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from certcli.errors import CertcliError, UsageError

HELP = "An offline advisor for US medical billing and coding certifications."

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(message.rstrip() + "\n")
    sys.stderr.flush()
    raise typer.Exit(code)


def _quiet_broken_pipe() -> NoReturn:
    """The reader went away (``certcli list | head -1``): stop without a word."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise typer.Exit(141)


class CertcliGroup(TyperGroup):
    """Turns every failure into one line on stderr and an exit code; never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CertcliError as exc:
            _fail(f"Error: {exc.message}", exc.exit_code)
        except (KeyboardInterrupt, typer.Abort):
            _fail("Cancelled.", EXIT_CANCELLED)
        except BrokenPipeError:
            _quiet_broken_pipe()


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
    return [code for code in catalog.credentials if normalize(code).startswith(key)]


def _emit_json(doc: Any) -> None:
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
    """The console script: the Typer app, with usage errors as one line and exit 2."""
    try:
        app(prog_name="certcli")
    except BrokenPipeError:
        _quiet_broken_pipe_exit()


def _quiet_broken_pipe_exit() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(141)
