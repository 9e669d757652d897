"""``certcli ceu``: one CEU log across issuers, kept on this machine.

This module loads on every run (cli.py registers its commands), so it holds only what typer
needs: the options, the signatures and the help. Each command's body is in
:mod:`certcli.commands.ceu_log` (and ``ceu_files`` for export and import), imported when the
command runs. Module level: typer and the
standard library only; no ``from __future__ import annotations`` (typer would evaluate every
annotation string at start-up).
"""

from typing import Annotated, Any

import typer

from certcli.commands.common import JsonOpt

ceu_app = typer.Typer(  # its commands: COMMANDS, at the end (certcli.cli registers them)
    help="Your CEU log, across issuers, kept on this machine: what you earned, and what each issuer still wants.",
    no_args_is_help=True,
)

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="CERTCLI_DB",
        metavar="FILE",
        help="The CEU log's file (default: ceu.sqlite3 in certcli's data directory).",
        show_default=False,
    ),
]
ForOpt = Annotated[
    list[str] | None,
    typer.Option("--for", metavar="CODE", help="A credential it counts for (repeat; default: every held one it can)."),
]
CategoryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        metavar="CATEGORY",
        help="aapc-approved, not-aapc-approved, core, an AAPC subject (auditing, cardiology… or the code, CPMA), "
        "hiim, other-domain, ahima (from AHIMA), amba (from AMBA). Repeat for several.",
    ),
]
CertOpt = Annotated[
    str | None, typer.Option("--certificate", metavar="FILE", help="The certificate: its path and SHA-256 are kept.")
]
CopyOpt = Annotated[bool, typer.Option("--copy", help="Also keep a copy of the certificate next to the log.")]
DateOpt = Annotated[str | None, typer.Option("--date", metavar="DATE", help="The day it was completed (YYYY-MM-DD).")]
IdArg = Annotated[str, typer.Argument(metavar="ID", help="The entry's id (see 'certcli ceu list').")]


def hold(
    ctx: typer.Context,
    codes: Annotated[
        list[str],
        typer.Argument(metavar="CODE@DATE", help="A credential and the date earned (CPC@2024-03-15), or the end "
                       "of its cycle (CPC@end:2026-06-30), as 'renew' takes them.", show_default=False),
    ],  # fmt: skip
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Keep in the log a credential you hold, with the date earned (or its cycle end)."""
    from certcli.commands import ceu_log

    ceu_log.hold(ctx, codes, db, json_out)


def unhold(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The credential to drop from the log.")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Drop a credential from the log (its entries stay)."""
    from certcli.commands import ceu_log

    ceu_log.unhold(ctx, code, db, json_out)


def add(
    ctx: typer.Context,
    hours: Annotated[str, typer.Argument(metavar="HOURS", help="CEUs earned (1 CEU = 1 hour), e.g. 1.5.")],
    title: Annotated[str, typer.Option("--title", metavar="WHAT", help="What it was (the course or event).")],
    day: DateOpt = None,
    provider: Annotated[str, typer.Option("--provider", metavar="NAME", help="Who gave it.")] = "",
    for_codes: ForOpt = None,
    category: CategoryOpt = None,
    certificate: CertOpt = None,
    copy: CopyOpt = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Log one CEU activity."""
    from certcli.commands import ceu_log

    ceu_log.add(ctx, hours, title, day, provider, for_codes, category, certificate, copy, db, json_out)


def list_cmd(db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Every entry in the log, by date."""
    from certcli.commands import ceu_log

    ceu_log.list_cmd(db, json_out)


def edit(
    ctx: typer.Context,
    entry_id: IdArg,
    hours: Annotated[str | None, typer.Option("--hours", metavar="HOURS", help="New CEUs.")] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="WHAT", help="New title.")] = None,
    day: DateOpt = None,
    provider: Annotated[str | None, typer.Option("--provider", metavar="NAME", help="New provider.")] = None,
    for_codes: ForOpt = None,
    category: CategoryOpt = None,
    certificate: CertOpt = None,
    copy: CopyOpt = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Change an entry: each option given replaces that field (--for and --category replace the lists)."""
    from certcli.commands import ceu_log

    ceu_log.edit(ctx, entry_id, hours, title, day, provider, for_codes, category, certificate, copy, db, json_out)


def remove(entry_id: IdArg, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Remove an entry from the log."""
    from certcli.commands import ceu_log

    ceu_log.remove(entry_id, db, json_out)


def progress(ctx: typer.Context, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Per issuer: this cycle's CEUs required, earned, still needed, the subject minimums, days left,
    and what each entry counted for. Entries outside the cycle, repeated courses and CEUs beyond
    what can count are flagged, never silently counted."""
    from certcli.commands import ceu_log

    ceu_log.progress(ctx, db, json_out)


def export(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="FILE", help="CSV by the .csv suffix, else JSON ('-': stdout).")],
    audit: Annotated[
        str | None,
        typer.Option("--audit", metavar="CODE", help="Only the entries that count for CODE's current cycle, as "
                     "Markdown (or CSV by the .csv suffix), with certificate paths and hashes."),
    ] = None,  # fmt: skip
    db: DbOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Say what was written as one JSON document.")] = False,
) -> None:
    """Write the whole log (holds included) to FILE, or an audit list for one credential."""
    from certcli.commands import ceu_files

    ceu_files.export(ctx, target, audit, db, json_out)


def import_cmd(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FILE", help="A file 'certcli ceu export' wrote (CSV or JSON).")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Read a log back: entries whose id is already in the log are kept as they are (so importing a
    file twice adds nothing); a row with an empty id gets one. Every row is checked first: one bad
    row and nothing is imported."""
    from certcli.commands import ceu_files

    ceu_files.import_cmd(ctx, source, db, json_out)


# name, function, context settings: certcli.cli registers each on ceu_app, as it does the other commands
COMMANDS: list[tuple[str, Any, dict[str, Any]]] = [
    ("hold", hold, {}),
    ("unhold", unhold, {}),
    ("add", add, {"ignore_unknown_options": True}),  # 'add -1' is hours (refused as such), not an option
    ("list", list_cmd, {}),
    ("edit", edit, {}),
    ("remove", remove, {}),
    ("progress", progress, {}),
    ("export", export, {}),
    ("import", import_cmd, {}),
]
