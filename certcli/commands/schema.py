"""``schema``: the JSON Schema of a command's ``--json`` document (certcli.contract's models)."""

from typing import Annotated

import typer

from certcli.commands.common import JsonOpt
from certcli.errors import UsageError
from certcli.output import emit

# The documents by name, spelled here too so that --help and completion never build a model.
NAMES = ("list", "show", "compare", "search", "fees", "memberships", "cost", "renew", "advise", "ceu add", "ceu edit",
         "ceu hold", "ceu unhold", "ceu list", "ceu remove", "ceu progress", "ceu export", "ceu import", "data check",
         "error")


def _complete(incomplete: str) -> list[str]:
    return [name for name in NAMES if name.startswith(incomplete.strip().lower())]


def schema(
    command: Annotated[list[str], typer.Argument(
        metavar="COMMAND", show_default=False, autocompletion=_complete,
        help="list, show, compare, search, fees, memberships (fees --memberships), cost, renew, advise, "
             "ceu add (and the other ceu commands), data check, or error (what any command prints with --json "
             "when it fails).")],
    json_out: JsonOpt = False,
) -> None:
    """Print the JSON Schema of a command's --json document (it is JSON with or without --json).

    Every document has schema_version and data_version; the README's "JSON contract" says what
    may change between versions. Examples: certcli schema cost > cost.schema.json;
    certcli schema ceu progress
    """
    import difflib

    typed = " ".join(command)
    name = " ".join(typed.lower().replace("-", " ").split())
    if name not in NAMES:
        close = difflib.get_close_matches(name, NAMES, n=1)
        hint = f" Did you mean {close[0]}?" if close else f" Give one of {', '.join(NAMES)}."
        raise UsageError(f"No JSON document for '{typed}'.{hint}")
    from certcli.contract import schema as build

    emit(build(name))
