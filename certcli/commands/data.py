"""``data check|path|export|sources|diff``: the maintainer's commands for the data files."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from certcli.commands.common import JsonOpt, clock, data_dir
from certcli.errors import CertcliError, UsageError
from certcli.output import emit

DirArg = Annotated[str | None, typer.Argument(
    metavar="DIR", help="The data directory (default: the one certcli uses).", show_default=False)]


def check(ctx: typer.Context, directory: DirArg = None, json_out: JsonOpt = False) -> None:
    """Validate a data directory (an overlay merged over the shipped data) and list every problem
    (exit 1 when there are any)."""
    from certcli.catalog import check_data, load_catalog, resolve_data_dir

    target = directory or data_dir(ctx)
    problems = check_data(target)  # keeps the catalog it built: load_catalog below does not build it again
    found = None if problems else load_catalog(target)
    if json_out:
        try:
            shown = str(resolve_data_dir(target))
        except CertcliError:
            shown = str(target)
        from certcli.documents import versioned

        doc = versioned({"data_dir": shown, "ok": not problems, "problems": problems}, found)
        if found is not None and found.shipped_dir is not None:
            doc["overlay"] = {"shipped_dir": str(found.shipped_dir), "changes": list(found.changes)}
        emit(doc)
    elif problems:
        for problem in problems:
            sys.stderr.write(problem + "\n")
        sys.stderr.write(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.\n")
    else:
        assert found is not None
        sys.stdout.write(
            f"{found.data_dir}: ok — {len(found.credentials)} credentials, "
            f"{len(found.organizations)} organizations, {len(found.sources)} sources.\n"
        )
        if found.shipped_dir is not None:
            sys.stdout.write(f"An overlay over the shipped data in {found.shipped_dir}:\n")
            for line in found.changes:
                sys.stdout.write(f"  {line}\n")
    if problems:
        raise typer.Exit(1)


def path(json_out: JsonOpt = False) -> None:
    """Print where the shipped data lives."""
    from certcli.catalog import default_data_dir

    where = default_data_dir()
    if json_out:
        emit({"data_dir": str(where)})
    else:
        sys.stdout.write(f"{where}\n")


def export(
    directory: Annotated[str, typer.Argument(metavar="DIR", help="A new or empty directory.", show_default=False)],
    json_out: JsonOpt = False,
) -> None:
    """Write a copy of the shipped data to edit (refuses a directory that is not empty)."""
    import shutil

    from certcli.catalog import default_data_dir

    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{directory}: not an empty directory; export writes a fresh copy only")
    source = default_data_dir()
    files = sorted(p for p in source.iterdir() if p.suffix in (".yaml", ".yml", ".md") and p.is_file())
    tmp = target.with_name(f".{target.name}.export-tmp")
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        for file in files:
            shutil.copy2(file, tmp / file.name)
        if target.exists():
            target.rmdir()
        tmp.rename(target)  # all or nothing: never a half-written copy
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise CertcliError(f"{directory}: cannot write the copy: {exc.strerror or exc}") from None
    names = [f.name for f in files]
    if json_out:
        emit({"data_dir": str(target), "from": str(source), "files": names})
    else:
        sys.stdout.write(
            f"Wrote {len(names)} files to {target}. Edit them, then run 'certcli data check {target}' and "
            f"'certcli --data-dir {target} …'. A folder holding only the files you change works too.\n"
        )


def sources(
    ctx: typer.Context,
    stale: Annotated[bool, typer.Option("--stale", help="Only sources older than 18 months or undated.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """The sources to re-verify, most relied on first (money and eligibility figures resting on
    each), then the oldest."""
    from certcli.catalog import load_catalog
    from certcli.catalog.maintain import ranked_sources

    found = load_catalog(data_dir(ctx))
    rows = ranked_sources(found, clock(ctx).today(), stale_only=stale)
    if json_out:
        from certcli.documents import envelope

        emit(envelope(found, {"sources": [
            {"id": r.id, "money_figures": r.money, "eligibility_figures": r.eligibility, "year": r.year,
             "confidence": r.confidence, "stale": r.stale, "url": r.url, "title": r.title}
            for r in rows
        ]}))
        return
    out = sys.stdout
    out.write(f"{len(rows)} source{'s' if len(rows) != 1 else ''}{' (old or undated)' if stale else ''}, "
              "most relied on first (money + eligibility figures), then the oldest\n\n")
    for i, r in enumerate(rows, 1):
        year = str(r.year) if r.year else "undated"
        old = " old" if r.stale else ""
        out.write(f"{i:>3}. {r.id}: {r.money} money, {r.eligibility} eligibility · {year}{old} · {r.confidence}\n")
        out.write(f"     {r.url}\n")


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The older data directory.", show_default=False)],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The newer data directory.", show_default=False)],
    json_out: JsonOpt = False,
) -> None:
    """What changed between two data directories (fees, rules, statuses, sources), as release notes."""
    from certcli.catalog import load_catalog
    from certcli.catalog.maintain import SECTIONS
    from certcli.catalog.maintain import diff as compare

    before, after = load_catalog(old), load_catalog(new)
    changes = compare(before, after)
    if json_out:
        from certcli.documents import envelope

        emit(envelope(after, {"old": old, "new": new, "old_data_version": before.data_version, **{
            section: [{"what": c.what, "old": c.old, "new": c.new} for c in changes if c.section == section]
            for section in SECTIONS
        }}))
        return
    out = sys.stdout
    if not changes:
        out.write(f"No changes from {old} to {new}.\n")
        return
    out.write(f"Changes from {old} to {new}\n")
    titles = {"credentials": "Credentials", "fees": "Fees and dues", "rules": "Rules", "statuses": "Statuses",
              "sources": "Sources"}
    for section in SECTIONS:
        mine = [c for c in changes if c.section == section]
        if mine:
            out.write(f"\n{titles[section]}\n")
            for c in mine:
                out.write(f"- {c.line()}\n")
