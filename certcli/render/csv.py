"""CSV for spreadsheets: what ``--csv`` prints on ``list``, ``fees``, ``cost`` and ``compare``.

Each function takes the engine results the command's table is drawn from and returns the text of
one CSV table (RFC 4180, through the csv module: a header row, CRLF line ends, quotes only where
a cell needs them), the same number of columns in every row, so that it opens as it is in a
spreadsheet:

- a sourced figure has its source's URL and its as-of year in columns beside it;
- money is a plain number (``425``, no ``$``), empty when unknown, and the ``…_status`` column
  beside it says ``not published`` (or ``disputed`` where sources disagree: the figure is the one
  certcli uses, the others are in ``certcli show CODE``);
- yes/no facts are ``yes``/``no``, empty when not published.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from certcli.catalog import Catalog
from certcli.engine.fees import TIER_WORDS, LineItem, PathCost, Quote
from certcli.model import Audience, Claim, Credential, Organization
from certcli.render import NOT_PUBLISHED
from certcli.render.catalog import requirement_text
from certcli.render.fees import quote_notes

if TYPE_CHECKING:  # 'list' imports this module and needs no engine
    from certcli.engine.browse import CredentialFacts

Cell = str | int | float | None
PUBLISHED, DISPUTED, MEMBERS_ONLY = "published", "disputed", "members only"


def table(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """The CSV text of a header and its rows (None → an empty cell)."""
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer)  # the csv module's dialect: RFC 4180, CRLF
    out.writerow(header)
    for row in rows:
        if len(row) != len(header):  # a bug, never a user's mistake
            raise ValueError(f"a CSV row has {len(row)} cells for {len(header)} columns: {row!r}")
        out.writerow(["" if cell is None else cell for cell in row])
    return buffer.getvalue()


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def _source(catalog: Catalog, source_id: str | None) -> tuple[int | None, str | None]:
    """(as-of year, URL) of a source id; (None, None) for none."""
    if source_id is None or source_id not in catalog.sources:
        return None, None
    src = catalog.sources[source_id]
    return src.year, src.url


# --------------------------------------------------------------------------- list

LIST_HEADER = ("code", "name", "issuer", "category", "level", "settings", "status", "specialty", "url")


def list_csv(creds: Sequence[Credential]) -> str:
    """One row per credential, in the list's order."""
    return table(LIST_HEADER, (
        (c.code, c.name, c.issuer, str(c.category), str(c.level), "; ".join(str(s) for s in c.settings),
         str(c.status), c.specialty, c.url)
        for c in creds
    ))


# --------------------------------------------------------------------------- money: fees and cost


def item_cells(catalog: Catalog, item: LineItem | None) -> list[Cell]:
    """amount, status, as of, source URL for one priced line (all empty where nothing is counted)."""
    if item is None:
        return [None, None, None, None]
    if item.amount is None:
        return [None, NOT_PUBLISHED, None, None]
    year, url = _source(catalog, item.source)
    return [item.amount, DISPUTED if item.disputed else PUBLISHED, item.as_of or year, url]


def _money_columns(name: str) -> list[str]:
    return [name, f"{name}_status", f"{name}_as_of", f"{name}_source"]


FEES_HEADER = (
    "code", "name", "issuer", "membership_required", "member_price", "attempts",
    *_money_columns("exam_fee"), "dues_tier", *_money_columns("dues"),
    "first_year_total", "first_year_status", "notes",
)


def fees_csv(catalog: Catalog, quotes: Sequence[Quote]) -> str:
    """One row per credential: the exam fee and the first year's dues for the buyer, and their total."""
    rows = []
    for q in quotes:
        cred = catalog.credentials.get(q.code)
        dues_tier = TIER_WORDS[q.dues.tier] if q.dues is not None and q.dues.tier is not None else None
        rows.append([
            q.code, cred.name if cred else None, cred.issuer if cred else None,
            _yes_no(q.membership_required), _yes_no(q.member), q.attempts,
            *item_cells(catalog, q.exam), dues_tier, *item_cells(catalog, q.dues),
            q.total, "complete" if q.total is not None else "incomplete: an amount is not published",
            " ".join(quote_notes(q)),
        ])
    return table(FEES_HEADER, rows)


MEMBERSHIPS_HEADER = ("organization", "organization_name", "tier", "tier_kind", "who", *_money_columns("dues_a_year"))


def memberships_csv(catalog: Catalog, orgs: Sequence[Organization]) -> str:
    """One row per membership tier of each organization (one row saying so where none is published)."""
    rows: list[list[Cell]] = []
    for org in orgs:
        if not org.membership.tiers:
            rows.append([org.code, org.name, None, None, None, None, NOT_PUBLISHED, None, None])
        for tier in org.membership.tiers:
            rows.append([org.code, org.name, tier.name, str(tier.kind), tier.who,
                         *fact_cells(catalog, tier.dues)])
    return table(MEMBERSHIPS_HEADER, rows)


COST_HEADER = ("year", "item", "kind", "credential", "organization", "tier", *_money_columns("amount"), "note")


def cost_csv(catalog: Catalog, plan: PathCost) -> str:
    """One row per line item of the plan, year by year (a spreadsheet sums the amount column; an
    ``amount_status`` of ``not published`` means that sum is incomplete)."""
    return table(COST_HEADER, (
        [i.year, i.what, i.kind, i.code, i.organization, TIER_WORDS[i.tier] if i.tier is not None else None,
         *item_cells(catalog, i), i.note]
        for i in plan.items
    ))


# --------------------------------------------------------------------------- compare


def fact_cells(catalog: Catalog, fact: tuple[Claim[Any], ...] | None) -> list[Cell]:
    """value, status, as of, source URL of a fact: the claim certcli uses (a range's low end, its
    status saying the range); empty with 'not published' when no current claim is published."""
    claim = catalog.pick(fact)
    if claim is None or claim.superseded:
        return [None, NOT_PUBLISHED, None, None]
    year, url = _source(catalog, claim.source)
    # a seed or weak figure says so here too ("seed source, unverified"), as in every other output
    status = catalog.unverified(claim) or (DISPUTED if catalog.disputed(fact) else PUBLISHED)
    if claim.max is not None and claim.max != claim.value:
        status += f" (range {claim.value} to {claim.max}; the low end is given)"
    value = claim.value
    if isinstance(value, bool):
        value = _yes_no(value)
    return [value, status, year, url]


def _plain(value: Cell) -> list[Cell]:
    """A fact of the catalog's own (issuer, level…): no source of its own."""
    return [value, PUBLISHED if value not in (None, "") else NOT_PUBLISHED, None, None]


def _exam_fee(catalog: Catalog, f: CredentialFacts, audience: Audience) -> list[Cell]:
    price = f.exam_fee(audience)
    if price.members_only:
        return [None, MEMBERS_ONLY, None, None]
    return fact_cells(catalog, price.fee.amount if price.fee is not None else None)


def _ceus(catalog: Catalog, f: CredentialFacts) -> list[Cell]:
    if f.ceus.ceus is None:
        return [None, NOT_PUBLISHED, None, None]
    years = [catalog.sources[s].year for s in f.ceus.sources if s in catalog.sources]
    urls = [catalog.sources[s].url for s in f.ceus.sources if s in catalog.sources]
    dated = [y for y in years if y]
    return [f.ceus.ceus, PUBLISHED, max(dated) if dated else None, " ".join(dict.fromkeys(urls)) or None]


def _membership_required(catalog: Catalog, f: CredentialFacts) -> list[Cell]:
    cells = fact_cells(catalog, f.organization.membership.required_for_exam)
    if cells[0] is None and f.membership_required is not None:  # the rule's answer without a claim of its own
        cells = _plain(_yes_no(f.membership_required))
    return cells


# (column key, unit, the four cells of one credential): keys are the JSON contract's field paths
COMPARED: tuple[tuple[str, str, Callable[[Catalog, CredentialFacts], list[Cell]]], ...] = (
    ("issuer", "", lambda c, f: _plain(f.credential.issuer)),
    ("category", "", lambda c, f: _plain(str(f.credential.category))),
    ("level", "", lambda c, f: _plain(str(f.credential.level))),
    ("settings", "", lambda c, f: _plain("; ".join(str(s) for s in f.credential.settings))),
    ("status", "", lambda c, f: _plain(str(f.credential.status))),
    ("exam.questions", "questions", lambda c, f: fact_cells(c, f.credential.exam.questions)),
    ("exam.minutes", "minutes", lambda c, f: fact_cells(c, f.credential.exam.minutes)),
    ("exam.book", "", lambda c, f: fact_cells(c, f.credential.exam.book)),
    ("exam.passing", "", lambda c, f: fact_cells(c, f.credential.exam.passing)),
    ("exam_fee.member", "USD", lambda c, f: _exam_fee(c, f, Audience.MEMBER)),
    ("exam_fee.non_member", "USD", lambda c, f: _exam_fee(c, f, Audience.NON_MEMBER)),
    ("membership_required_for_exam", "", _membership_required),
    ("dues", "USD a year", lambda c, f: fact_cells(c, f.dues)),
    ("eligibility.required", "", lambda c, f: _plain(
        "; ".join(requirement_text(r) for r in f.credential.eligibility.required) or None)),
    ("apprentice.designation", "", lambda c, f: _plain(
        f.credential.apprentice.designation if f.credential.apprentice else "none")),
    ("renewal.ceus", "CEUs a cycle (held alone)", _ceus),
    ("renewal.cycle_years", "years", lambda c, f: _plain(f.ceus.cycle_years)),
    ("salary", "USD a year", lambda c, f: fact_cells(c, (f.salary,) if f.salary is not None else None)),
)


def compare_csv(catalog: Catalog, facts: Sequence[CredentialFacts]) -> str:
    """One row per fact; for each credential four columns: its value, status, as-of year, source URL."""
    header = ["fact", "unit"]
    for f in facts:
        code = f.credential.code
        header += [code, f"{code}_status", f"{code}_as_of", f"{code}_source"]
    rows = []
    for key, unit, cells in COMPARED:
        row: list[Cell] = [key, unit]
        for f in facts:
            row += cells(catalog, f)
        rows.append(row)
    return table(header, rows)
