"""Browsing the catalog: the list, one credential's card, search hits (side by side: render.compare)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.text import Text

from certcli.catalog import Catalog
from certcli.catalog.provenance import year_is_stale
from certcli.model import Credential, FeeKind, Requirement, Status, TierKind
from certcli.render import (
    NOT_PUBLISHED,
    Footnotes,
    bullets,
    fee_row,
    minutes,
    plain,
    section,
)
from certcli.render.json import NOT_PUBLISHED as NOT_PUBLISHED_STATUS
from certcli.render.json import cited, fact_json, figure_status, model_json, money_json, sources_json
from certcli.render.table import Table, borderless, fact_table
from certcli.words import every, human, money, plural

if TYPE_CHECKING:  # 'list' imports this module and needs no engine
    from certcli.engine.browse import CredentialFacts

# --------------------------------------------------------------------------- list


def list_table(catalog: Catalog, creds: list[Credential], width: int = 80) -> Table:
    """The catalog as a table; below 60 columns only code, name and issuer."""
    narrow = width < 60
    table = borderless(header_style="bold", expand=True, pad_edge=False)
    table.add_column("Code", no_wrap=True, style="bold cyan", min_width=max((len(c.code) for c in creds), default=4))
    # names wrap rather than end in "…": CDEO and CDEI differ only in their last word
    table.add_column("Credential", overflow="fold", ratio=1)
    table.add_column("Issuer", no_wrap=True, min_width=max((len(c.issuer) for c in creds), default=6))
    if not narrow:
        table.add_column("Category", overflow="fold", min_width=8, max_width=15)
        table.add_column("Level", no_wrap=True, min_width=max((len(c.level) for c in creds), default=5))
    for cred in creds:
        name = Text(cred.name)
        if cred.status is not Status.ACTIVE:
            name.append(f" ({cred.status})", style="yellow")
        row: list[str | Text] = [cred.code, name, cred.issuer]
        if not narrow:
            row += [human(cred.category), str(cred.level)]
        table.add_row(*row)
    return table


def list_json(catalog: Catalog, creds: list[Credential]) -> dict[str, Any]:
    return {
        "credentials": [
            {
                "code": c.code,
                "name": c.name,
                "issuer": c.issuer,
                "category": str(c.category),
                "level": str(c.level),
                "settings": [str(s) for s in c.settings],
                "status": str(c.status),
                "specialty": c.specialty,
            }
            for c in creds
        ],
        "count": len(creds),
    }


# --------------------------------------------------------------------------- shared by show and compare


def requirement_text(req: Requirement) -> str:
    if len(req.any_of) > 1:
        lead = req.text.rstrip(":. ")
        if "one of" not in lead.lower():
            lead += ", any one of"
        return f"{lead}: " + "; ".join(c.text for c in req.any_of)
    return req.text


# --------------------------------------------------------------------------- show


def credential_card(catalog: Catalog, facts: CredentialFacts, today: date) -> RenderableType:
    notes = Footnotes(catalog, today)
    cred, org = facts.credential, facts.organization
    parts: list[RenderableType] = []

    title = Text(f"{cred.code}", style="bold cyan")
    title.append(f" — {cred.name}", style="bold")
    parts.append(title)
    about = [org.code, human(cred.category), str(cred.level)]
    if cred.settings:
        about.append(", ".join(human(s) for s in cred.settings))
    line = Text(" · ".join(about), style="dim")
    if cred.status is not Status.ACTIVE:
        line.append(f" · {cred.status}", style="yellow")
    parts.append(line)
    if cred.former_codes or cred.aliases:
        parts.append(Text("Also known as: " + ", ".join(cred.former_codes + cred.aliases), style="dim"))
    parts.append(Text(""))
    parts.append(Text(cred.summary))
    if cred.name_note:
        parts.append(Text(f"Note: {cred.name_note}", style="dim"))
    if cred.status_note:
        table = fact_table()
        table.add_row("Status", *notes.fact(cred.status_note))
        parts.append(table)

    # exam
    exam = cred.exam
    table = fact_table()
    rows: list[tuple[str, Any, Callable[[Any], str]]] = [
        ("Questions", exam.questions, plain),
        ("Scored", exam.scored, plain),
        ("Pretest (unscored)", exam.pretest, plain),
        ("Time", exam.minutes, minutes),
        ("Format", exam.format, plain),
        ("Book policy", exam.book, plain),
        ("Allowed manuals", exam.allowed_manuals, plain),
        ("Passing score", exam.passing, plain),
        ("Delivery", exam.delivery, plain),
        ("Attempts", exam.attempts, plain),
        ("Retest wait", exam.retest_wait_days, lambda v: f"{v} days"),
    ]
    for label, fact, fmt in rows:
        if fact is not None or label in ("Questions", "Time", "Passing score"):
            table.add_row(label, *notes.fact(fact, fmt))
    for claim in exam.history:
        table.add_row(claim.label or "Earlier", *notes.claim(claim))
    parts.append(section("Exam", table))

    # fees
    table = fact_table()
    required = facts.membership_required
    for fee in cred.fees:
        label = human(fee.kind).capitalize()
        if _all_superseded(fee.amount):  # an old price, not one to pay today
            label = "Earlier " + label.lower()
        if fee.attempts:
            label += f", {plural(fee.attempts, 'attempt')}"
        table.add_row(*fee_row(notes, fee, label, note_below=True))
    if not any(f.kind is FeeKind.EXAM and not _all_superseded(f.amount) for f in cred.fees):
        table.add_row("Exam fee", "current price " + NOT_PUBLISHED, "")
    for tier in org.membership.tiers:
        if tier.kind in (TierKind.INDIVIDUAL, TierKind.STUDENT):
            table.add_row(f"{org.code} dues, {tier.name.lower()}", *notes.fact(tier.dues, lambda v: f"{money(v)}/yr"))
    fee_note = []
    if required:
        fee_note.append(
            f"{org.code} exams are sold to members only: without membership, add a year's dues to the exam price."
        )
    elif required is False:
        fee_note.append(f"{org.code} membership is optional; members pay less.")
    page = cred.url or org.url
    if page.startswith(("http://", "https://")):
        fee_note.append(f"Check {page} for the final price before you pay.")
    else:  # no page was found ("seed:001 (no website found)")
        fee_note.append(f"No web page was found for {org.code}: confirm every figure before you pay.")
    parts.append(section("Fees", table, bullets(fee_note, style="dim")))

    # eligibility
    elig: list[RenderableType] = []
    if required:
        elig.append(Text(f"{org.code} membership is required to sit the exam.", style="bold"))
    for label, reqs in (("Required", cred.eligibility.required), ("Recommended", cred.eligibility.recommended)):
        if reqs:
            elig.append(Text(label + ":", style="bold"))
            lines = [Text(requirement_text(r) + " ").append(notes.mark(r.source), style="dim") for r in reqs]
            elig.append(bullets(lines))
    if not cred.eligibility.required and not cred.eligibility.recommended and not required:
        elig.append(Text(NOT_PUBLISHED, style="dim"))
    if cred.builds_on:
        elig.append(Text("Usually taken after: " + ", ".join(cred.builds_on)))
    parts.append(section("Eligibility", *elig))

    if cred.apprentice:
        app = cred.apprentice
        body: list[RenderableType] = [Text(app.rule + " ").append(notes.mark(app.source), style="dim")]
        if app.removal:
            body.append(Text(f"The {app.designation} designation is removed by any one of:"))
            body.append(bullets(c.text for c in app.removal))
        parts.append(section(f"Apprentice status ({app.designation})", *body))

    parts.append(section("Keeping it", renewal_table(catalog, facts, notes)))

    if cred.salary:
        table = fact_table()
        for pay in cred.salary:
            table.add_row(pay.label or "Salary", *notes.claim(pay, money))
        parts.append(section("Salary", table))

    tail = notes.notes()
    tail.append("Certification is not legally required for coding or billing work; employers prefer it.")
    parts.append(section("Notes", bullets(tail, style="dim")))
    parts.append(Text(""))
    parts.append(notes.table())
    return Group(*parts)


def _all_superseded(fact: Any) -> bool:
    return all(c.superseded for c in fact)


def renewal_table(catalog: Catalog, facts: CredentialFacts, notes: Footnotes) -> Table:
    cred, org = facts.credential, facts.organization
    rules = org.renewal
    table = fact_table()
    req = facts.ceus
    often = every(req.cycle_years)
    if req.ceus is not None:
        cite = notes.cite(req.sources)
        table.add_row("CEUs", Text(f"{req.ceus} {often}"), cite)
    else:
        table.add_row("CEUs", *notes.fact(cred.renewal.ceus, lambda v: f"{v} {often}"))
    if rules.table:
        steps = ", ".join(f"{r.credentials}{'+' if i == len(rules.table) - 1 else ''}: {r.ceus}"
                          for i, r in enumerate(rules.table))
        cite = notes.cite([rules.stacking_source] if rules.stacking_source else [])
        table.add_row("With more credentials", Text(f"{steps} CEUs (credentials held: CEUs)"), cite)
    elif rules.additional_ceus:
        cite = notes.cite([rules.stacking_source] if rules.stacking_source else [])
        cap = f", at most {rules.max_ceus}" if rules.max_ceus else ""
        table.add_row("With more credentials", Text(f"+{rules.additional_ceus} CEUs per extra credential{cap}"), cite)
    if cred.renewal.subject_ceus:
        subject = cred.renewal.subject or "subject"
        table.add_row(f"Of which {subject}", *notes.fact(cred.renewal.subject_ceus, lambda v: f"{v} CEUs"))
    if rules.issuer_share:
        table.add_row(f"From {org.code}", *notes.fact(rules.issuer_share))
    keep = catalog.pick(org.membership.required_to_keep)
    if keep is not None and keep.value:
        value, as_of = notes.fact(facts.dues, lambda v: f"{money(v)}/yr")
        table.add_row("Membership", Text("required every year: ").append(value), as_of)
    for fee in rules.fees:
        label = {"renewal": "Renewal fee", "renewal_additional": "Each extra credential"}.get(str(fee.kind))
        table.add_row(*fee_row(notes, fee, label or human(fee.kind).capitalize() + " fee"))
    if rules.grace_days:
        table.add_row("Grace period", *notes.fact(rules.grace_days, lambda v: f"{v} days"))
    if rules.lapse:
        table.add_row("Lapse", *notes.fact(rules.lapse))
    if rules.reinstatement:
        table.add_row("Reinstatement", *notes.fact(rules.reinstatement))
    if cred.renewal.superseded_by:
        table.add_row("Replaced by", Text(", ".join(cred.renewal.superseded_by) + " once earned"), Text(""))
    if cred.renewal.note:
        table.add_row("Note", Text(cred.renewal.note), Text(""))
    return table


def credential_json(catalog: Catalog, facts: CredentialFacts, today: date) -> dict[str, Any]:
    """``show``'s document (and each credential of ``compare``'s): the credential's fields with every
    fact resolved, the numbers as numbers (exam.passing, exam.parts, renewal.ceus), the exam fee by
    audience, the issuer's dues and rules, and the sources cited."""
    org = facts.organization
    cred = facts.credential
    doc: dict[str, Any] = model_json(catalog, cred, today)
    req = facts.ceus
    doc["exam"]["passing"] = passing_json(catalog, cred.exam.passing, today)
    doc["exam"]["parts"] = parts_json(catalog, cred.exam.parts, today)
    doc["membership_required_for_exam"] = facts.membership_required
    doc["exam_fee"] = {str(p.audience): {"attempts": p.attempts, "members_only": p.members_only,
                                         **money_json(catalog, p.fee.amount if p.fee else None, today)}
                       for p in facts.exam_fees}
    doc["dues"] = money_json(catalog, facts.dues, today)
    doc["salary_in_use"] = money_json(catalog, (facts.salary,) if facts.salary is not None else None, today)
    doc["renewal"]["ceus"] = ceus_json(catalog, cred.renewal.ceus, req, today)
    doc["issuer_rules"] = {
        "membership": model_json(catalog, org.membership, today),
        "renewal": model_json(catalog, org.renewal, today),
    }
    doc["sources"] = sources_json(catalog, cited(doc) | set(req.sources))
    return doc


def _head(catalog: Catalog, fact: Any, today: date) -> tuple[Any, dict[str, Any]]:
    """The claim in use and the fields every figure carries: source, as_of, confidence, stale,
    disputed, status and every claim."""
    picked = catalog.pick(fact)
    meta = fact_json(catalog, fact, today) or {"source": None, "as_of": None, "disputed": False,
                                                "status": NOT_PUBLISHED_STATUS, "claims": []}
    meta.pop("value", None)
    meta.pop("max", None)
    meta.setdefault("confidence", None)
    meta.setdefault("stale", False)
    return picked, meta


def passing_json(catalog: Catalog, fact: Any, today: date) -> dict[str, Any]:
    """``{percent}`` or ``{scaled_score, scale_min, scale_max}`` (None where not published), the
    pass mark's text beside them, and its source."""
    picked, meta = _head(catalog, fact, today)
    numbers = {key: getattr(picked, key, None) for key in ("percent", "scaled_score", "scale_min", "scale_max")}
    return {**numbers, "text": picked.value if picked is not None else None, **meta}


def parts_json(catalog: Catalog, fact: Any, today: date) -> dict[str, Any]:
    """``{"items": [{kind: multiple_choice | cases, count}], …}``: empty items when not published."""
    picked, meta = _head(catalog, fact, today)
    items = [{"kind": part.kind, "count": part.count} for part in (picked.value if picked is not None else ())]
    for claim in meta["claims"]:
        claim["value"] = [{"kind": part.kind, "count": part.count} for part in claim["value"]]
    return {"items": items, **meta}


def ceus_json(catalog: Catalog, fact: Any, req: Any, today: date) -> dict[str, Any]:
    """``{hours, years, text}``: the CEUs a cycle asks for this credential held alone (under the
    issuer's rule), the cycle's length, and where they come from."""
    _, meta = _head(catalog, fact, today)
    first = req.sources[0] if req.sources else None
    year = catalog.sources[first].year if first in catalog.sources else None
    stale = year_is_stale(year, today) if first else False
    known = req.ceus is not None
    text = f"{req.ceus} {every(req.cycle_years)}" if known else NOT_PUBLISHED
    return {
        "hours": req.ceus,
        "years": req.cycle_years,
        "text": text,
        **meta,
        "source": first,
        "as_of": year,
        "confidence": str(catalog.sources[first].confidence) if first in catalog.sources else None,
        "stale": stale,
        "status": figure_status(known, False, meta["disputed"], stale),
        "rule": req.basis,
        "rule_sources": list(req.sources),
    }


# --------------------------------------------------------------------------- search


def search_table(catalog: Catalog, hits: list[tuple[Credential, str]]) -> Table:
    table = borderless(header_style="bold", pad_edge=False)
    table.add_column("Code", no_wrap=True, style="bold cyan")
    table.add_column("Credential", ratio=1, overflow="fold")
    table.add_column("Matched", style="dim", no_wrap=True, overflow="ellipsis", max_width=18)
    for cred, where in hits:
        table.add_row(cred.code, f"{cred.name} ({cred.issuer})", where)
    return table


def search_json(hits: list[tuple[Credential, str]], text: str) -> dict[str, Any]:
    return {
        "query": text,
        "results": [
            {"code": c.code, "name": c.name, "issuer": c.issuer, "matched": where} for c, where in hits
        ],
    }
