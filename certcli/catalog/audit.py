"""The trust checks ``data check`` runs on a built catalog: what makes a figure unsafe to rely on
even though every file is well formed.

- two claims marked current for one fact (the first would win without a word);
- a superseded claim newer than the figure in use, without a note saying why it was replaced;
- a figure used in money or eligibility (:func:`figures`) whose only live sources are seeds or
  weak third parties, unless the claim (or requirement) carries ``accepted: REASON``;
- a source URL that is a test or alternate host, says it was not recorded, or (behind a
  figure) names only a domain; and one page defined twice for the same year.

:func:`figures` is also the census ``data sources`` ranks sources by. Problems name the file
a record comes from (an overlay's file when the overlay replaced it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from pydantic import BaseModel

from certcli.catalog.index import Catalog
from certcli.catalog.provenance import pick
from certcli.model import Claim, Confidence, Source

WEAK = (Confidence.SEED, Confidence.THIRD_PARTY_WEAK)

# Hosts that serve a copy of an issuer's site (staging, test, an app or a load balancer's own name):
# a source names the canonical host, and keeps the copy it was read at in ``read_at``.
_ALTERNATE_HOST = re.compile(
    r"(^|\.)([a-z]+-test|test|staging|my2)\.|(^|\.)ahima\.app$|\.elb\.amazonaws\.com$|stage\.com$"
)
_NOT_RECORDED = re.compile(r"not (fully )?recorded|no page cited", re.IGNORECASE)
_NON_WEB = ("seed:",)  # the seed documents have no address


class Figure(NamedTuple):
    """A figure that money or eligibility is computed from."""

    use: str  # "money" | "eligibility"
    owner: str  # "cred:CPC" / "org:AAPC": the record (and so the file) it belongs to
    path: str  # "CPC.fees[0].amount"
    sources: tuple[str, ...]  # the source ids it rests on (its live claims', or a requirement's)
    accepted: str | None  # the reason a seed or weak source is enough, where one is given


def _live(fact: tuple[Claim[Any], ...] | None) -> list[Claim[Any]]:
    return [c for c in fact or () if not c.superseded and not c.doubtful]


def _fact_figure(use: str, owner: str, path: str, fact: tuple[Claim[Any], ...] | None) -> Figure | None:
    live = _live(fact)
    if not live:
        return None
    accepted = next((c.accepted for c in live if c.accepted), None)
    return Figure(use, owner, path, tuple(dict.fromkeys(c.source for c in live)), accepted)


def figures(catalog: Catalog) -> Iterator[Figure]:
    """Every figure in use for money (fees, dues) or eligibility (requirements, members-only)."""
    for org in catalog.organizations.values():
        owner = "org:" + org.code
        for i, tier in enumerate(org.membership.tiers):
            fig = _fact_figure("money", owner, f"{org.code}.membership.tiers[{i}].dues", tier.dues)
            if fig:
                yield fig
        for where, fees in (("fees", org.fees), ("renewal.fees", org.renewal.fees)):
            for i, fee in enumerate(fees):
                fig = _fact_figure("money", owner, f"{org.code}.{where}[{i}].amount", fee.amount)
                if fig:
                    yield fig
        fig = _fact_figure(
            "eligibility", owner, f"{org.code}.membership.required_for_exam", org.membership.required_for_exam
        )
        if fig:
            yield fig
    for cred in catalog.credentials.values():
        owner = "cred:" + cred.code
        for i, fee in enumerate(cred.fees):
            fig = _fact_figure("money", owner, f"{cred.code}.fees[{i}].amount", fee.amount)
            if fig:
                yield fig
        for group in ("required", "recommended"):
            for i, req in enumerate(getattr(cred.eligibility, group)):
                yield Figure("eligibility", owner, f"{cred.code}.eligibility.{group}[{i}]", (req.source,), req.accepted)


def _facts(obj: Any, path: str) -> Iterator[tuple[str, tuple[Claim[Any], ...]]]:
    """Every fact (a tuple of claims for one value) inside a model, with its key path. Lists of
    separate claims (notes, history, salary figures) are facts of one claim each."""
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _facts(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, tuple) and obj:
        if all(isinstance(c, Claim) for c in obj):
            if _is_fact(path):
                yield path, obj
        else:
            for i, item in enumerate(obj):
                yield from _facts(item, f"{path}[{i}]")


_LISTS = ("salary", "history", "rules", "exam_policies", "salary_survey", "outlook", "training", "notes")


def _is_fact(path: str) -> bool:
    return path.rsplit(".", 1)[-1] not in _LISTS


def _records(catalog: Catalog) -> Iterator[tuple[str, str, Any]]:
    """(owner key, shown name, record) for every organization, credential and the context."""
    for org in catalog.organizations.values():
        yield "org:" + org.code, org.code, org
    for cred in catalog.credentials.values():
        yield "cred:" + cred.code, cred.code, cred
    yield "context", "context", catalog.context


def _page(url: str) -> str | None:
    """The page a URL names, without scheme, ``www.``, default port or trailing slash."""
    parts = urlsplit(url.split(" ", 1)[0])
    if not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.").removesuffix(":443").removesuffix(":80")
    return host + parts.path.rstrip("/").lower() + (f"?{parts.query}" if parts.query else "")


def url_problem(src: Source, cited: bool) -> str | None:
    """Why a source's URL is not one to cite (None when it is)."""
    if src.url.startswith(_NON_WEB):
        return None
    if _NOT_RECORDED.search(src.url) or _NOT_RECORDED.search(src.title):
        return "the page's address is not recorded; cite the page, or drop the figures it backs"
    parts = urlsplit(src.url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in src.url:
        return f"'{src.url}' is not a web address"
    host = parts.hostname or ""
    if _ALTERNATE_HOST.search(host):
        return f"{host} is a test or alternate host; give the canonical address (and the copy read in read_at)"
    if cited and parts.path in ("", "/") and not parts.query:
        return "a domain, not a page, is behind a figure; cite the page"
    return None


def problems(catalog: Catalog, where: Mapping[str, str]) -> list[str]:
    """Every trust problem, one line each, prefixed with the file behind it."""
    out: list[str] = []

    def file_of(key: str) -> str:
        return where.get(key, "data")

    cited: set[str] = set()
    for owner, shown, record in _records(catalog):
        for path, fact in _facts(record, ""):
            cited.update(c.source for c in fact)
            out.extend(f"{file_of(owner)}: {shown}.{path}: {p}" for p in _fact_problems(fact, catalog.sources))
    for fig in figures(catalog):
        cited.update(fig.sources)
        levels = {catalog.sources[s].confidence for s in fig.sources if s in catalog.sources}
        if levels and levels <= set(WEAK) and not fig.accepted:
            kinds = " and ".join(sorted(str(lv) for lv in levels))
            out.append(
                f"{file_of(fig.owner)}: {fig.path}: a figure used in {fig.use} rests only on {kinds} sources; "
                "cite a better source, or give the claim 'accepted: REASON'"
            )
    for cred in catalog.credentials.values():
        if cred.apprentice:
            cited.add(cred.apprentice.source)
    for org in catalog.organizations.values():
        if org.renewal.stacking_source:
            cited.add(org.renewal.stacking_source)
    seen: dict[tuple[str, int | None], str] = {}
    for sid, src in catalog.sources.items():
        shown = f"{file_of('src:' + sid)}: sources.{sid}"
        why = url_problem(src, sid in cited)
        if why:
            out.append(f"{shown}.url: {why}")
        page = _page(src.url)
        if page is not None:
            other = seen.setdefault((page, src.year), sid)
            if other != sid:
                out.append(f"{shown}: the same page as '{other}' for the same year; keep one source id")
    return out


def _fact_problems(fact: tuple[Claim[Any], ...], sources: Mapping[str, Source]) -> Iterator[str]:
    marked = [c for c in fact if c.current]
    if len(marked) > 1:
        values = ", ".join(str(c.value) for c in marked)
        yield f"{len(marked)} claims are marked current ({values}); one is computed with, so mark one"
    chosen = pick(fact, sources)
    if chosen is None:
        return
    year = sources[chosen.source].year or 0 if chosen.source in sources else 0
    for c in fact:
        src = sources.get(c.source)
        if c.superseded and src is not None and (src.year or 0) > year and not c.note:
            yield (
                f"a superseded claim ({c.value}, {src.year}) is newer than the one in use "
                f"({chosen.value}, {sources[chosen.source].year or 'undated'}); say why in its note"
            )
