"""The command line: the Typer app, its commands (from ``certcli.commands``), and the one error
boundary, :func:`exit_code`, that turns every way a run can end into one line on stderr and
an exit code (the README's table). Nothing heavy is imported here: --help starts fast.
"""

import errno
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from certcli.commands import advise, browse, ceu, data, export, mcp, money, renew, schema
from certcli.commands.common import complete_codes as _complete_codes  # noqa: F401 (tests complete codes directly)
from certcli.errors import CertcliError
from certcli.output import say, settle_stdout

HELP = "An offline advisor for US medical billing and coding certifications."

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130


def exit_code(exc: BaseException, json_out: bool = False) -> int:
    """The one error boundary: say what ended the run (one line on stderr, or nothing) and
    return its exit code. With ``--json`` an error is also one JSON document on stdout,
    ``{"error": {"code": 2, "message": …}}``. A bug is not a user's mistake: it is raised again,
    traceback and all."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError  # typer ≥ 0.29 vendors click

    if isinstance(exc, typer.Exit):  # a command's own way out (its help shown, nothing found): said already
        return exc.exit_code
    if isinstance(exc, SystemExit):  # shell completion answers and exits
        return exc.code if isinstance(exc.code, int) else EXIT_OK if exc.code is None else EXIT_DATA
    if isinstance(exc, NoArgsIsHelpError):  # bare 'certcli': the help, as click shows it
        exc.show()
        return exc.exit_code
    if isinstance(exc, ClickException):  # usage mistakes as one line (click's own adds the usage block)
        command = getattr(getattr(exc, "ctx", None), "command_path", None) or "certcli"
        hint = f" (see '{command} --help')" if exc.exit_code == EXIT_USAGE else ""
        return _failed(exc.exit_code, exc.format_message(), hint, json_out)
    if isinstance(exc, CertcliError):
        return _failed(exc.exit_code, exc.message, "", json_out)
    if isinstance(exc, KeyboardInterrupt | EOFError | typer.Abort):
        say("Cancelled.")
        if json_out:
            _error_document(EXIT_CANCELLED, "Cancelled.")
        return EXIT_CANCELLED
    if isinstance(exc, OSError) and exc.errno == errno.EPIPE:  # the reader went away (`certcli fees | head -1`)
        settle_stdout()
        return EXIT_OK
    if isinstance(exc, OSError):  # e.g. stdout is a full disk: the system's words, never a traceback
        settle_stdout()  # (and no JSON document: stdout is what failed)
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"Error: {where}{exc.strerror or exc}")
        return EXIT_DATA
    raise exc


def _failed(code: int, message: str, hint: str, json_out: bool) -> int:
    say(f"Error: {message}{hint}")
    if json_out:
        _error_document(code, message)
    return code


def _error_document(code: int, message: str) -> None:
    """The error as the one JSON document on stdout (nothing else was printed there)."""
    from certcli.documents import error_document
    from certcli.output import emit

    try:
        emit(error_document(code, message))
    except OSError:
        settle_stdout()


def wants_json(args: Sequence[str]) -> bool:
    """``--json`` among the options (before a ``--`` that ends them)."""
    options = list(args)
    return "--json" in (options[: options.index("--")] if "--" in options else options)


def _help_width() -> int:
    """Help wraps to the terminal: at most 80 columns, and narrower than click's floor of 50."""
    import shutil

    return max(30, min(shutil.get_terminal_size().columns, 80) - 2)


class CertcliGroup(TyperGroup):
    """The root command: parses, runs the command, and hands whatever ends it to :func:`exit_code`."""

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
        **extra: Any,
    ) -> Any:
        """click's main without its own error handling (which would turn Ctrl-C into a silent
        130 and a closed pipe into exit 1): every exception reaches :func:`exit_code`."""
        argv = list(sys.argv[1:] if args is None else args)
        try:
            try:
                self._run(argv, prog_name or "certcli", complete_var, extra)
            finally:
                sys.stdout.flush()  # a closed pipe or a full disk shows here, inside the boundary
            code = EXIT_OK
        except BaseException as exc:  # noqa: B036 (the boundary: Ctrl-C and exits included)
            code = exit_code(exc, wants_json(argv))
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args: list[str], prog_name: str, complete_var: str | None, extra: dict[str, Any]) -> None:
        self._main_shell_completion(extra, prog_name, complete_var)  # answers and exits when asked to complete
        with self.make_context(prog_name, args, **extra) as ctx:
            self.invoke(ctx)


class CertcliCommand(TyperCommand):
    """A command whose help names each argument by its metavar (CODE, DIR), not by its Python
    type (typer would add ``<list[str]>``)."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                name = (param.metavar or (param.name or "").upper()) + ("..." if param.nargs != 1 else "")
                arguments.append((name, record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


app = typer.Typer(
    cls=CertcliGroup,
    help=HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
data_app = typer.Typer(help="Check, copy, compare and maintain the data files.", no_args_is_help=True)
app.add_typer(data_app, name="data")


def _version(value: bool) -> None:
    if value:
        from certcli import __version__
        from certcli.paths import release_date

        dated = release_date()
        typer.echo(f"certcli {__version__}" + (f" (data {dated})" if dated else ""))
        raise typer.Exit()


@app.callback()
def root(
    data_dir: Annotated[
        str | None,
        typer.Option("--data-dir", metavar="DIR", envvar="CERTCLI_DATA_DIR",
                     help="Use the data files in this directory."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """An offline advisor for US medical billing and coding certifications.

    Every figure shows its source and the year it is as of; unknown figures say "not published".
    """
    # --data-dir stays in the root context's params: the commands read it there (certcli.commands.common)


COMMANDS: list[tuple[typer.Typer, str, Callable[..., None]]] = [
    (app, "list", browse.list_cmd),
    (app, "show", browse.show),
    (app, "compare", browse.compare),
    (app, "search", browse.search),
    (app, "advise", advise.advise),
    (app, "renew", renew.renew),
    (app, "fees", money.fees),
    (app, "cost", money.cost),
    (app, "schema", schema.schema),
    (app, "mcp", mcp.mcp),
    (data_app, "check", data.check),
    (data_app, "path", data.path),
    (data_app, "export", data.export),
    (data_app, "sources", data.sources),
    (data_app, "diff", data.diff),
]
for group, name, function in COMMANDS:
    group.command(name, cls=CertcliCommand)(function)
app.add_typer(ceu.ceu_app, name="ceu")
app.add_typer(export.export_app, name="export")
for name, function in export.COMMANDS:
    export.export_app.command(name, cls=CertcliCommand)(function)
for name, function, settings in ceu.COMMANDS:
    ceu.ceu_app.command(name, cls=CertcliCommand, context_settings=settings)(function)


def main() -> None:
    """The console script."""
    try:
        command = typer.main.get_command(app)
    except BaseException as exc:  # noqa: B036 (Ctrl-C before the app runs: the same boundary)
        sys.exit(exit_code(exc))
    command.main(prog_name="certcli")
