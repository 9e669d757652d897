"""The iCalendar output, parsed back the way a calendar app reads it (RFC 5545)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certcli.cli import app
from certcli.commands.common import Clock
from certcli.ics import Event, calendar, escape_text, fold, stable_uid
from tests.conftest import TODAY, as_json

NOW = datetime(2026, 11, 23, 9, 30, 5, tzinfo=UTC)


# --------------------------------------------------------------------------- a tiny reader


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "bare LF or CR"
    return text[:-2].replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse(text: str) -> list[dict[str, Any]]:
    """Components as nested dicts: {"name": "VEVENT", "props": [(name, params, value)], "children": [...]}."""
    root: dict[str, Any] = {"name": "", "props": [], "children": []}
    stack = [root]
    for line in unfold(text):
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        if name == "BEGIN":
            node: dict[str, Any] = {"name": value, "props": [], "children": []}
            stack[-1]["children"].append(node)
            stack.append(node)
        elif name == "END":
            assert stack[-1]["name"] == value, f"END:{value} closes {stack[-1]['name']}"
            stack.pop()
        else:
            stack[-1]["props"].append((name, params, value))
    assert stack == [root], "unbalanced BEGIN/END"
    return list(root["children"])


def prop(node: dict[str, Any], name: str) -> tuple[list[str], str]:
    found = [(p, v) for n, p, v in node["props"] if n == name]
    assert len(found) == 1, f"{name}: {found}"
    return found[0]


def physical_lines(text: str) -> list[bytes]:
    return text.encode("utf-8").split(b"\r\n")[:-1]


# --------------------------------------------------------------------------- the builder


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert unescape(escape_text("x, y; z\\ \n done")) == "x, y; z\\ \n done"


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
    [cal] = parse(text)
    assert cal["name"] == "VCALENDAR"
    assert prop(cal, "VERSION")[1] == "2.0"
    assert prop(cal, "PRODID")[1]
    assert prop(cal, "CALSCALE")[1] == "GREGORIAN"
    [vevent] = cal["children"]
    assert vevent["name"] == "VEVENT"
    assert prop(vevent, "UID")[1] == event.uid
    assert prop(vevent, "DTSTAMP")[1] == "20261123T093005Z"
    assert prop(vevent, "DTSTART") == (["VALUE=DATE"], "20280315")
    assert prop(vevent, "DTEND") == (["VALUE=DATE"], "20280316")
    assert unescape(prop(vevent, "SUMMARY")[1]) == event.summary
    assert unescape(prop(vevent, "DESCRIPTION")[1]) == event.description
    alarms = vevent["children"]
    assert [a["name"] for a in alarms] == ["VALARM", "VALARM"]
    assert [prop(a, "TRIGGER")[1] for a in alarms] == ["-P90D", "-P30D"]
    assert all(prop(a, "ACTION")[1] == "DISPLAY" and prop(a, "DESCRIPTION")[1] for a in alarms)


def test_dtstamp_is_utc_and_now_must_be_aware() -> None:
    event = Event(uid="x@certcli", day=date(2027, 1, 1), summary="s")
    eastern = datetime(2026, 11, 23, 4, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert "DTSTAMP:20261123T093000Z\r\n" in calendar([event], eastern)
    with pytest.raises(ValueError):
        calendar([event], datetime(2026, 11, 23, 9, 30))


def test_uids_are_stable_and_distinct() -> None:
    assert stable_uid("AAPC", "ceus", "CPC", "2028-03-15") == stable_uid("AAPC", "ceus", "CPC", "2028-03-15")
    assert stable_uid("AAPC", "ceus", "CPC", "2028-03-15") != stable_uid("AAPC", "dues", "CPC", "2028-03-15")
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
    [cal] = parse(text)
    events = cal["children"]
    got = [(prop(e, "DTSTART")[1], unescape(prop(e, "SUMMARY")[1])) for e in events]
    assert got == [
        ("20270228", "CMRS: 15 AMBA CEUs due"),
        ("20270315", "CPC, CRC: AAPC membership dues due"),
        ("20270510", "CCS: 20 AHIMA CEUs due"),
        ("20280315", "CPC, CRC: 40 AAPC CEUs due"),
    ]
    assert [d["date"].replace("-", "") for d in doc["deadlines"]] == [g[0] for g in got]
    uids = [prop(e, "UID")[1] for e in events]
    assert len(set(uids)) == 4
    assert all(prop(e, "DTSTAMP")[1] == "20261123T093005Z" for e in events)
    aapc = unescape(prop(events[3], "DESCRIPTION")[1])
    assert "Grace period: 30 days" in aapc and "sources disagree: 10 days" in aapc
    for event in events:
        assert [prop(a, "TRIGGER")[1] for a in event["children"]] == ["-P90D", "-P30D"]

    # the same plan again gives the same UIDs: re-importing updates instead of duplicating
    again = run(*args)
    assert again.exit_code == 0, again.stderr
    assert [prop(e, "UID")[1] for e in parse(target.read_bytes().decode("utf-8"))[0]["children"]] == uids


def test_renew_ics_into_a_missing_directory_is_a_usage_error(run: Any, tmp_path: Path) -> None:
    result = run("renew", "CPC@2024-03-15", "--ics", str(tmp_path / "nope" / "x.ics"))
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("Error: --ics:") and result.stdout == ""
