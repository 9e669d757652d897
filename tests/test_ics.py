"""The iCalendar output, read back by the icalendar package the way a calendar app reads it (RFC 5545)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Component
from typer.testing import CliRunner

from certcli.cli import app
from certcli.commands.common import Clock
from certcli.ics import Event, calendar, escape_text, fold, stable_uid
from tests.conftest import TODAY, as_json

NOW = datetime(2026, 11, 23, 9, 30, 5, tzinfo=UTC)

# A UID must never change for the same due date: a calendar that imported the file before
# would get every event twice. These are the UIDs of the events below, as certcli writes them.
UID_AAPC_CEUS_2028 = "e0dca3aa09305f0b28a55266@certcli"  # AAPC, ceus, CPC,CRC, 2028-03-15


# --------------------------------------------------------------------------- reading it back


def read(text: str) -> Component:
    """The one VCALENDAR in ``text``, parsed by icalendar; CRLF line endings only."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "bare LF or CR"
    cal = Calendar.from_ical(text)
    assert cal.name == "VCALENDAR"
    for component in cal.walk():
        assert component.errors == [], (component.name, component.errors)
    return cal


def physical_lines(text: str) -> list[bytes]:
    return text.encode("utf-8").split(b"\r\n")[:-1]


def check_calendar_header(cal: Component) -> None:
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//certcli//certcli//EN"  # one product: renew --ics and advise --ics
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "certcli renewals"


def check_all_day_with_reminders(event: Component) -> None:
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is date and type(end) is date, "an all-day event has DATE values, not DATE-TIME"
    assert end - start == timedelta(days=1)
    assert str(event["TRANSP"]) == "TRANSPARENT"  # a reminder, not a busy day
    alarms = event.walk("VALARM")
    assert [a["TRIGGER"].to_ical() for a in alarms] == [b"-P90D", b"-P30D"]
    assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(days=-90), timedelta(days=-30)]
    assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY", "DISPLAY"]
    summary = str(event["SUMMARY"])
    assert [str(a["DESCRIPTION"]) for a in alarms] == [f"In 90 days: {summary}", f"In 30 days: {summary}"]


# --------------------------------------------------------------------------- the builder


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    tricky = "x, y; z\\ \n done"
    [event] = read(calendar([Event(uid="x@certcli", day=date(2027, 1, 1), summary=tricky)], NOW)).walk("VEVENT")
    assert str(event["SUMMARY"]) == tricky


@pytest.mark.parametrize(
    "line",
    [
        "DESCRIPTION:" + "x" * 300,
        "DESCRIPTION:" + "é" * 100,  # 2-octet characters
        "SUMMARY:" + "c. 2021–23 " * 20,  # 3-octet dash
        "SUMMARY:" + "🙂" * 40,  # 4-octet characters
        "SHORT:ok",
    ],
)
def test_fold_keeps_lines_within_75_octets_and_characters_whole(line: str) -> None:
    pieces = fold(line)
    for i, piece in enumerate(pieces):
        assert len(piece.encode("utf-8")) <= 75
        if i:
            assert piece.startswith(" ")
    assert pieces[0] + "".join(p[1:] for p in pieces[1:]) == line


def test_calendar_is_valid_rfc5545() -> None:
    event = Event(
        uid=stable_uid("AAPC", "ceus", "CPC,CRC", "2028-03-15"),
        day=date(2028, 3, 15),
        summary="CPC, CRC: 40 AAPC CEUs due",
        description="Grace period: 30 days; sources disagree: 10 days.\nCheck https://www.aapc.com – before you pay.",
        url="https://www.aapc.com",
    )
    text = calendar([event], NOW)
    assert all(len(line) <= 75 for line in physical_lines(text))
    cal = read(text)
    check_calendar_header(cal)
    [vevent] = cal.walk("VEVENT")
    assert [c.name for c in cal.subcomponents] == ["VEVENT"]
    assert str(vevent["UID"]) == UID_AAPC_CEUS_2028
    assert vevent.decoded("DTSTAMP") == NOW
    assert vevent.decoded("DTSTART") == date(2028, 3, 15)
    assert vevent.decoded("DTEND") == date(2028, 3, 16)
    assert str(vevent["SUMMARY"]) == event.summary
    assert str(vevent["DESCRIPTION"]) == event.description  # unfolded and unescaped by icalendar
    assert str(vevent["URL"]) == "https://www.aapc.com"
    check_all_day_with_reminders(vevent)


def test_an_event_without_a_page_has_no_url_line() -> None:
    [vevent] = read(calendar([Event(uid="x@certcli", day=date(2027, 1, 1), summary="s")], NOW)).walk("VEVENT")
    assert "URL" not in vevent and "DESCRIPTION" not in vevent
    check_all_day_with_reminders(vevent)


def test_dtstamp_is_utc_and_now_must_be_aware() -> None:
    event = Event(uid="x@certcli", day=date(2027, 1, 1), summary="s")
    eastern = datetime(2026, 11, 23, 4, 30, tzinfo=timezone(timedelta(hours=-5)))
    text = calendar([event], eastern)
    assert "DTSTAMP:20261123T093000Z\r\n" in text
    assert read(text).walk("VEVENT")[0].decoded("DTSTAMP") == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    with pytest.raises(ValueError):
        calendar([event], datetime(2026, 11, 23, 9, 30))


def test_uids_are_stable_and_distinct() -> None:
    assert stable_uid("AAPC", "ceus", "CPC,CRC", "2028-03-15") == UID_AAPC_CEUS_2028  # fixed: no duplicates
    assert stable_uid("AAPC", "ceus", "CPC", "2028-03-15") != stable_uid("AAPC", "dues", "CPC", "2028-03-15")
    assert stable_uid("AAPC", "ceus", "CPC", "2028-03-15") != stable_uid("AAPC", "ceus", "CPC", "2030-03-15")
    assert stable_uid("a").endswith("@certcli")


# --------------------------------------------------------------------------- certcli renew --ics


@pytest.mark.usefixtures("run")  # its environment: COLUMNS, NO_COLOR, no CERTCLI_DATA_DIR
def test_renew_writes_a_calendar_of_its_due_dates(tmp_path: Path) -> None:
    def run(*args: str) -> Any:  # with the clock passed in
        return CliRunner().invoke(app, list(args), obj=Clock(TODAY, NOW))

    target = tmp_path / "renewals.ics"
    args = ["renew", "CPC@2024-03-15", "CRC", "CCS@2021-05-10", "CMRS@2020-02-29", "CBCS", "--ics", str(target)]
    result = run(*args, "--json")
    doc = as_json(result)
    assert "Wrote" in result.stderr and str(target) in result.stderr
    assert doc["calendar"] == {"file": str(target), "events": 4}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["renewals.ics"]  # no temporary file left

    raw = target.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF only
    text = raw.decode("utf-8")
    assert all(len(line) <= 75 for line in physical_lines(text))
    cal = read(text)
    check_calendar_header(cal)
    events = cal.walk("VEVENT")
    got = [(e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events]
    assert got == [
        (date(2027, 2, 28), "CMRS: 15 AMBA CEUs due"),
        (date(2027, 3, 15), "CPC, CRC: AAPC membership dues due"),
        (date(2027, 5, 10), "CCS: 20 AHIMA CEUs due"),
        (date(2028, 3, 15), "CPC, CRC: 40 AAPC CEUs due"),
    ]
    assert [d["date"] for d in doc["deadlines"]] == [day.isoformat() for day, _ in got]
    uids = [str(e["UID"]) for e in events]
    assert uids == [
        "4e8d8a0c9f9de745ae5509ce@certcli",  # AMBA, ceus, CMRS, 2027-02-28
        "cfb6c34df8da115d6ac9ddfe@certcli",  # AAPC, dues, CPC,CRC, 2027-03-15
        "01a0e986d2938a4dad0b06c4@certcli",  # AHIMA, ceus, CCS, 2027-05-10
        UID_AAPC_CEUS_2028,
    ]  # a changed UID would duplicate every event in calendars that imported the file before
    assert all(e.decoded("DTSTAMP") == NOW for e in events)
    assert [str(e["URL"]) for e in events] == [
        "https://www.ambanet.net", "https://www.aapc.com", "https://www.ahima.org", "https://www.aapc.com"
    ]  # fmt: skip
    aapc = str(events[3]["DESCRIPTION"])
    assert "Grace period: 30 days" in aapc and "sources disagree: 10 days" in aapc
    for event in events:
        check_all_day_with_reminders(event)

    # the same plan again gives the same UIDs: re-importing updates instead of duplicating
    again = run(*args)
    assert again.exit_code == 0, again.stderr
    assert [str(e["UID"]) for e in read(target.read_bytes().decode("utf-8")).walk("VEVENT")] == uids


def test_renew_ics_into_a_missing_directory_is_a_usage_error(run: Any, tmp_path: Path) -> None:
    result = run("renew", "CPC@2024-03-15", "--ics", str(tmp_path / "nope" / "x.ics"))
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("Error: --ics:") and result.stdout == ""
