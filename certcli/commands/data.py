"""``data check``: validate a data directory and list every problem."""

import sys
from typing import Annotated

import typer

from certcli.commands.common import JsonOpt, data_dir
from certcli.errors import CertcliError
from certcli.output import emit


def check(
    ctx: typer.Context,
    directory: Annotated[str | None, typer.Argument(
        metavar="DIR", help="The data directory (default: the one certcli uses).", show_default=False)] = None,
    json_out: JsonOpt = False,
) -> None:
    """Validate a data directory and list every problem (exit 1 when there are any)."""
    from certcli.catalog import check_data, load_catalog, resolve_data_dir

    target = directory or data_dir(ctx)
    problems = check_data(target)  # keeps the catalog it built: load_catalog below does not build it again
    if json_out:
        try:
            shown = str(resolve_data_dir(target))
        except CertcliError:
            shown = str(target)
        from certcli.documents import versioned

        checked = None if problems else load_catalog(target)
        emit(versioned({"data_dir": shown, "ok": not problems, "problems": problems}, checked))
    elif problems:
        for problem in problems:
            sys.stderr.write(problem + "\n")
        sys.stderr.write(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.\n")
    else:
        found = load_catalog(target)
        sys.stdout.write(
            f"{found.data_dir}: ok — {len(found.credentials)} credentials, "
            f"{len(found.organizations)} organizations, {len(found.sources)} sources.\n"
        )
    if problems:
        raise typer.Exit(1)
