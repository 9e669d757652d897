"""Browsing the catalog: ``list``, ``show``, ``compare`` and ``search``."""

import sys
from typing import Annotated, Any

import typer

from certcli.commands.common import CodeArg, CodesArg, JsonOpt, catalog, choice, clock, complete_issuers, completes_to
from certcli.commands.export import CsvOpt, emit_csv, one_format
from certcli.output import console, emit


def list_cmd(
    ctx: typer.Context,
    issuer: Annotated[str | None, typer.Option(metavar="ORG", help="Only this issuer (AAPC, AHIMA, NHA, AMBA…).",
                                               autocompletion=complete_issuers)] = None,
    category: Annotated[str | None, typer.Option(metavar="CATEGORY", help="Only this category (coding, billing, "
                                                 "specialty…).", autocompletion=completes_to("Category"))] = None,
    setting: Annotated[str | None, typer.Option(metavar="SETTING", help="Only credentials for this work setting.",
                                                autocompletion=completes_to("Setting"))] = None,
    level: Annotated[str | None, typer.Option(metavar="LEVEL", help="entry, intermediate, advanced or specialty.",
                                              autocompletion=completes_to("Level"))] = None,
    status: Annotated[str | None, typer.Option(metavar="STATUS", help="active, retired or unconfirmed.",
                                               autocompletion=completes_to("Status"))] = None,
    json_out: JsonOpt = False,
    csv_out: CsvOpt = False,
) -> None:
    """List the credentials in the catalog, grouped by issuer, entry level first."""
    one_format(csv_out, json_out)
    from certcli.engine.search import select
    from certcli.model import Category, Level, Setting, Status
    from certcli.render import catalog as view

    found = catalog(ctx)
    filters: dict[str, Any] = dict(
        issuer=found.organization(issuer).code if issuer else None,
        category=choice("--category", category, Category) if category else None,
        setting=choice("--setting", setting, Setting) if setting else None,
        level=choice("--level", level, Level) if level else None,
        status=choice("--status", status, Status) if status else None,
    )
    if json_out:
        from certcli.documents import list_document

        emit(list_document(found, **filters))
        return
    creds = select(found, **filters)
    if csv_out:
        from certcli.render.csv import list_csv

        emit_csv(list_csv(creds))
        return
    if not creds:
        sys.stderr.write("No credentials match those filters.\n")
        return
    out = console()
    out.print(view.list_table(found, creds, out.width))


def show(ctx: typer.Context, code: CodeArg, json_out: JsonOpt = False) -> None:
    """Everything about one credential: exam, fees, eligibility, renewal, salary, sources."""
    found = catalog(ctx)
    today = clock(ctx).today()
    if json_out:
        from certcli.documents import show_document

        emit(show_document(found, code, today))
        return
    from certcli.engine.browse import credential_facts
    from certcli.render import catalog as view

    facts = credential_facts(found, found.credential(code))
    emit(view.credential_card(found, facts, today))


def compare(ctx: typer.Context, codes: CodesArg, json_out: JsonOpt = False, csv_out: CsvOpt = False) -> None:
    """Two or more credentials side by side, one row per fact (bold rows differ)."""
    one_format(csv_out, json_out)
    found = catalog(ctx)
    today = clock(ctx).today()
    if json_out:
        from certcli.documents import compare_document

        emit(compare_document(found, codes, today))
        return
    from certcli.documents import compared
    from certcli.render import compare as view

    facts = compared(found, codes)
    if csv_out:
        from certcli.render.csv import compare_csv

        emit_csv(compare_csv(found, facts))
        return
    emit(view.comparison_table(found, facts, today))


def search(
    ctx: typer.Context,
    text: Annotated[list[str], typer.Argument(metavar="WORD", show_default=False,
                                              help="Words to look for, e.g. 'cardiology' or 'inpatient'.")],
    json_out: JsonOpt = False,
) -> None:
    """Find credentials by code, name, alias, specialty, setting or summary."""
    from certcli.engine.search import search as find
    from certcli.render import catalog as view

    found = catalog(ctx)
    query = " ".join(text)
    hits = find(found, query)
    if json_out:
        from certcli.documents import search_document

        emit(search_document(found, query))
    elif hits:
        emit(view.search_table(found, hits))
    if not hits:  # exit 1, like grep, with --json too (whose document has no results)
        from certcli.engine.search import left_out

        gone = left_out(found, query)
        if gone is not None:
            why, src = gone
            sys.stderr.write(f"{why.code} is not in certcli's catalog: {' '.join(why.reason.split())} "
                             f"(source: {src.title}, {src.year or 'undated'}, {src.url})\n")
        else:
            sys.stderr.write(f"Nothing matches '{query}'. Try a broader word, or 'certcli list'.\n")
        raise typer.Exit(1)
