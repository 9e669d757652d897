"""Output for other programs: ``--csv`` on ``list``, ``fees``, ``cost`` and ``compare`` (the
option and its writer live here; each command adds two lines), and ``export ctdl``, the
credentials as CTDL JSON-LD for credential registries.

Only typer and the standard library are imported at module level: the engine and the renderers
load inside the functions.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from certcli.commands.common import catalog, complete_codes
from certcli.errors import UsageError

CsvOpt = Annotated[bool, typer.Option(
    "--csv", help="Print CSV instead of tables: a header row, one row each, sources as URL and year columns.")]

export_app = typer.Typer(help="Export the catalog for other programs (CTDL for credential registries).",
                         no_args_is_help=True)


def one_format(csv_out: bool, json_out: bool) -> None:
    """``--csv`` and ``--json`` are two answers to one question: give one."""
    if csv_out and json_out:
        raise UsageError("--csv and --json: give one of them.")


def emit_csv(text: str) -> None:
    """The CSV text on stdout, as the csv module wrote it (CRLF line ends kept)."""
    out = getattr(sys.stdout, "buffer", None)
    if out is not None:  # bytes: no newline translation on any platform
        sys.stdout.flush()
        out.write(text.encode("utf-8"))
        out.flush()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def fees_csv(found: Any, codes: list[str] | None, buyer: Any, attempts: int, today: Any, memberships: bool) -> None:
    """``fees --csv``: one row per credential (with ``--memberships``, one per membership tier)."""
    from certcli.render import csv

    creds = found.resolve(codes) if codes else list(found.credentials.values())
    if memberships:
        from certcli.engine.search import issuers_of

        emit_csv(csv.memberships_csv(found, issuers_of(found, creds if codes else None)))
        return
    from certcli.engine.fees import quote

    emit_csv(csv.fees_csv(found, [quote(found, cred, buyer, attempts, today) for cred in creds]))


# --------------------------------------------------------------------------- export ctdl


def ctdl(
    ctx: typer.Context,
    codes: Annotated[list[str] | None, typer.Argument(
        metavar="CODE", help="Credential codes (none: every credential).", autocompletion=complete_codes,
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write the document to FILE (atomically) instead of stdout.")] = None,
    json_out: Annotated[bool, typer.Option(
        "--json", help="The same document: it is JSON (JSON-LD) already.")] = False,
) -> None:
    """The credentials as CTDL JSON-LD, for the Credential Registry and its tools.

    One graph with the CTDL @context: each credential a ceterms:Certification with its owning
    organization, exam and renewal fees as cost profiles (member and non-member audiences, the
    source page as cost details), eligibility as condition profiles, renewal, and SOC 29-2072 for
    coding credentials. Figures that are not published are left out, never guessed. The document
    is JSON already: --json prints the same document.
    """
    del json_out  # the document is JSON with or without it: --json is accepted, as on every command
    from certcli.output import destination

    target = destination("--output", output, "credentials.jsonld") if output else None  # checked before any work
    found = catalog(ctx)
    creds = found.resolve(codes) if codes else list(found.credentials.values())
    from certcli.engine.browse import comparison
    from certcli.render import ctdl as view

    document = view.ctdl_document(found, comparison(found, creds))
    import json

    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target.write(text)
    if not target.to_stdout:
        sys.stderr.write(f"Wrote {len(creds)} credential{'s' if len(creds) != 1 else ''} as CTDL to {output}.\n")


COMMANDS = [("ctdl", ctdl)]

