"""A small iCalendar (RFC 5545) text builder: all-day events with display reminders.

Pure: it returns text and never touches files or the clock (``now`` is a parameter; it becomes
every event's DTSTAMP). The text uses CRLF line endings, folds lines longer than 75 octets
without splitting a UTF-8 character, and escapes backslashes, semicolons, commas and newlines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//certcli//certcli//EN"  # one product for renew --ics and advise --ics


class Event(NamedTuple):
    """An all-day event with reminders ``alarm_days`` days before it."""

    uid: str
    day: date
    summary: str
    description: str = ""
    url: str | None = None
    alarm_days: tuple[int, ...] = (90, 30)


def stable_uid(*parts: str) -> str:
    """The same parts always give the same UID, so re-importing a calendar updates, not duplicates."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@certcli"


def escape_text(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): ``\\`` ``;`` ``,`` and newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """Split one content line into physical lines of at most 75 octets (continuations start with a space)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, MAX_OCTETS
        current += char
        size += width
    out.append(current)
    return out


def _stamp(now: datetime) -> str:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(event.day + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("TRANSP:TRANSPARENT")
    for days in event.alarm_days:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(f'In {days} days: {event.summary}')}",
            f"TRIGGER:-P{days}D",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[Event], now: datetime, name: str = "certcli renewals") -> str:
    """A VCALENDAR holding ``events``, as text with CRLF line endings (ends with CRLF)."""
    stamp = _stamp(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(physical + CRLF for line in lines for physical in fold(line))
