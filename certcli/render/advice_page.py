"""The pieces of the plan's page (``certcli advise``): a :class:`Part` (a heading and what goes
under it), the sources numbered by URL (:class:`PlanNotes`: each URL once, whole) and the glosses
a term gets the first time the page uses it (CEU, PCAP, HCC, HIM, CDI)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.console import Group, RenderableType
from rich.text import Text

from certcli.engine.advice import Plan
from certcli.questions import QUESTION
from certcli.render import Footnotes, Hanging, source_year
from certcli.words import human

GOAL_PHRASES: dict[str, str] = {c.value: c.words for c in QUESTION["goal"].choices}


# --------------------------------------------------------------------------- the page, once


@dataclass
class Part:
    """One heading and what goes under it."""

    title: str
    level: int = 3  # 1 the plan, 2 a step or a major section, 3 a subsection
    lines: list[Text] = field(default_factory=list)
    bullets: list[Text] = field(default_factory=list)
    rows: list[tuple[str, Text, Text]] = field(default_factory=list)  # label, value, as of
    table: tuple[list[str], list[list[Text]]] | None = None  # header, rows
    footer: list[Text] = field(default_factory=list)  # lines after the rows and the table
    after: list[Text] = field(default_factory=list)  # dim bullets at the end
    sources: bool = False  # the numbered sources list goes here
    checklist: list[Text] = field(default_factory=list)  # "[ ] Join AAPC ($222 a year)"
    block: list[str] = field(default_factory=list)  # a drawing: fixed-width lines, never wrapped


def profile_summary(plan: Plan) -> str:
    """The answers in one line (the engine words them: Plan.summary)."""
    return " · ".join(plan.summary)


def title(plan: Plan) -> str:
    goal = GOAL_PHRASES.get(plan.resolved_goal, human(plan.resolved_goal))
    title = f"Your plan: {goal}"
    if plan.profile.setting != "any" and plan.resolved_goal in ("coding", "coding_and_billing", "documentation"):
        title += f" ({human(plan.profile.setting)})"
    return title


# --------------------------------------------------------------------------- sources by URL, glosses


class PlanNotes(Footnotes):
    """Footnotes numbered by URL: sources that share a page share a number, so each URL is listed
    once (with every title it stands for)."""

    def mark(self, source_id: str) -> str:
        url = self.catalog.sources[source_id].url
        for _i, sid in enumerate(self.order):
            if self.catalog.sources[sid].url == url:
                if source_id not in self.order:
                    self.order.append(source_id)
                return f"[{self._numbers().index(url) + 1}]"
        self.order.append(source_id)
        return f"[{self._numbers().index(url) + 1}]"

    def _numbers(self) -> list[str]:
        return list(dict.fromkeys(self.catalog.sources[sid].url for sid in self.order))

    def entries(self) -> list[tuple[int, str, list[str]]]:
        """(number, URL, the titles of its sources) in the order cited."""
        by_url: dict[str, list[str]] = {}
        for sid in self.order:
            src = self.catalog.sources[sid]
            by_url.setdefault(src.url, []).append(f"{src.title}, {source_year(src)}, {src.confidence}")
        return [(i, url, titles) for i, (url, titles) in enumerate(by_url.items(), 1)]

    def table(self, title: str = "Sources") -> RenderableType:
        parts: list[RenderableType] = [Text(title, style="table.title")] if title else []
        entries = self.entries()
        width = len(f"[{len(entries)}]")
        for number, url, titles in entries:
            entry = Text("; ".join(titles))
            parts.append(Hanging([(f"[{number}]", entry)], mark_width=width, lead=1, gap=2, margin=1,
                                 mark_style="dim"))
            parts.append(Text(" " * (width + 3) + url, no_wrap=True, overflow="ignore"))
        return Group(*parts)


GLOSSES: tuple[tuple[str, str], ...] = (
    (r"\bCEUs\b", " (continuing education units)"),
    (r"\bCEU\b", " (continuing education unit)"),
    (r"\bPCAP\b", " (AHIMA's Professional Certificate Approval Program)"),
    (r"\bscaled score\b", " (the raw score converted to the issuer's scale)"),
    (r"\bHCC\b", " (hierarchical condition category, the risk adjustment model)"),
    (r"\bHIM\b", " (health information management)"),
    (r"\bCDI\b", " (clinical documentation improvement)"),
)


def _closing_bracket(plain: str, at: int) -> int | None:
    """Where the bracket enclosing position ``at`` closes; None when ``at`` is outside brackets."""
    depth = 0
    for i in range(at, len(plain)):
        if plain[i] == "(":
            depth += 1
        elif plain[i] == ")":
            if depth == 0:
                return i
            depth -= 1
    return None


def _gloss_text(text: Text, pending: dict[str, str]) -> Text:
    for pattern, words in list(pending.items()):
        found = re.search(pattern + r"(?!-)", text.plain)
        if found is None:
            continue
        if pattern.startswith(r"\bCEU"):  # CEU and CEUs are one term
            pending.pop(r"\bCEUs\b", None)
            pending.pop(r"\bCEU\b", None)
        else:
            pending.pop(pattern)
        if text.plain[found.end():found.end() + len(words)] == words or text.plain[found.end():].startswith(" ("):
            continue  # already said in words there
        end, said = found.end(), words
        close = _closing_bracket(text.plain, end)
        if close is not None:  # inside brackets: said after them, not in brackets inside brackets
            end, said = close, f"; {found.group(0)}: {words.strip()[1:-1]}"
        glossed = text[:end]
        glossed.append(said)
        glossed.append_text(text[end:])
        text = glossed
    return text


def gloss(parts: list[Part]) -> None:
    """Say what a term means the first time the page uses it: CEU (continuing education unit), PCAP…"""
    pending = dict(GLOSSES)

    def each(items: list[Text]) -> list[Text]:
        return [_gloss_text(t, pending) for t in items]

    for part in parts:
        part.lines = each(part.lines)
        part.checklist = each(part.checklist)
        part.bullets = each(part.bullets)
        part.rows = [(label, _gloss_text(value, pending), as_of) for label, value, as_of in part.rows]
        part.footer = each(part.footer)
        part.after = each(part.after)


__all__ = ["GOAL_PHRASES", "Part", "PlanNotes", "gloss", "profile_summary", "title"]
