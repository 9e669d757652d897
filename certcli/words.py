"""One wording for engine and render: money, years, hours, lists and plurals.

Everything a person reads about an amount or a span of time is spelled here, once, so that
``show``, ``cost``, ``renew`` and ``advise`` never say the same thing two ways.
"""

import re
from collections.abc import Sequence
from typing import Any


def plural(count: float, word: str, many: str | None = None) -> str:
    """``1 credential``, ``2 credentials``, ``2.5 hours``; ``many`` for irregular plurals."""
    noun = word if count == 1 else (many or word + "s")
    return f"{int(count):,} {noun}" if count == int(count) else f"{count:g} {noun}"


def money(value: Any) -> str:
    """``$1,313`` for a number; anything else (a word such as 'not published') as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value != int(value):
        return f"${value:,.2f}"
    return f"${int(value):,}"


def years(n: float) -> str:
    """``1 year``, ``2.5 years``, ``4 years``."""
    return plural(n, "year")


def duration(span: float) -> str:
    """A span of years as a person says it: 0.5 → ``6 months``, 1 → ``1 year``, 2 → ``2 years``."""
    if 0 < span < 1:
        return plural(round(span * 12), "month")
    return years(span)


def an(number: float) -> str:
    """The article before a number said aloud: 'an 80-hour course', 'a 50-hour course'."""
    return "an" if re.match(r"8|11(\D|$)|18(\D|$)", f"{number:g}") else "a"


def hours(n: float) -> str:
    """``1 hour``, ``80 hours``."""
    return plural(n, "hour")


def every(cycle: int | None) -> str:
    """How often a renewal cycle comes round: ``every year``, ``every 2 years``."""
    if cycle is None:
        return "per cycle (cycle not published)"
    return "every year" if cycle == 1 else f"every {cycle} years"


def year_span(plan_years: Sequence[int]) -> str:
    """Years of a plan: ``year 1``, ``years 1–3``, ``years 1 and 3``, ``every 2 years from year 3 to 9``."""
    ys = sorted(set(plan_years))
    if len(ys) == 1:
        return f"year {ys[0]}"
    if len(ys) > 2 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"years {ys[0]}–{ys[-1]}"
    step = ys[1] - ys[0]
    if len(ys) > 3 and ys == list(range(ys[0], ys[-1] + 1, step)):
        return f"every {step} years from year {ys[0]} to {ys[-1]}"
    return "years " + join_and([str(y) for y in ys])


def in_years(plan_years: Sequence[int]) -> str:
    """``in year 1``, ``in years 1 and 3``, ``every 2 years from year 3 to 49``."""
    text = year_span(plan_years)
    return text if text.startswith("every") else "in " + text


def join_and(items: Sequence[str], empty: str = "") -> str:
    """``CPC``, ``CPC and CRC``, ``CPC, CRC and CPB``; ``empty`` for none."""
    items = list(items)
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def join_or(items: Sequence[str]) -> str:
    """``A, or B, or C``: alternatives that are each a phrase of their own."""
    return ", or ".join(items)


def human(name: str) -> str:
    """``hospital_outpatient`` → ``hospital outpatient``; ``non_member`` → ``non-member``."""
    return str(name).replace("non_", "non-").replace("_", " ")


def lower_first(text: str) -> str:
    """A sentence from the data as the middle of another: 'Two years of work.' → 'two years of work';
    an acronym stays as it is ('CCA plus 1 year')."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]
