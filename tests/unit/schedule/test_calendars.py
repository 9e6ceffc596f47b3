"""Meeting calendars: CSV and iCalendar parsing, body matching, lookups."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from formation.schedule.calendars import (
    CalendarError,
    Meeting,
    MeetingCalendar,
    csv_rows,
    normalize_body,
    parse_csv,
    parse_ics,
    read_calendar_file,
)

ICS = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Stockholms stad//Sammanträdesplan//SV
BEGIN:VEVENT
UID:kf-1@example.se
SUMMARY:Kommunfullmäktige
DTSTART;VALUE=DATE:20160215
END:VEVENT
BEGIN:VEVENT
UID:ks-1@example.se
SUMMARY:Kommunstyrelsen
DTSTART;TZID=Europe/Stockholm:20160127T090000
DTEND;TZID=Europe/Stockholm:20160127T120000
END:VEVENT
BEGIN:VEVENT
UID:ks-late@example.se
SUMMARY:Kommunstyrelsen
DTSTART:20160302T233000Z
END:VEVENT
BEGIN:VEVENT
UID:kf-cancelled@example.se
SUMMARY:Kommunfullmäktige
STATUS:CANCELLED
DTSTART;VALUE=DATE:20160307
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n")


def test_csv_with_header_semicolons_and_comments() -> None:
    text = (
        "\ufefforgan;datum\n# vårens plan\nKommunfullmäktige;2025-03-17\n\n"
        "Kommunstyrelsen;2025-02-26 13:00;\nSocialnämnden;2025-02-27T09:00\n"
    )
    assert parse_csv(text) == [
        Meeting("Kommunfullmäktige", date(2025, 3, 17)),
        Meeting("Kommunstyrelsen", date(2025, 2, 26)),
        Meeting("Socialnämnden", date(2025, 2, 27)),
    ]


def test_csv_without_header_and_with_quoted_commas() -> None:
    text = 'Kommunfullmäktige,2025-03-17\n"Arbetsmarknads-, och socialnämnden",2025-04-01\n'
    assert [m.body for m in parse_csv(text)] == ["Kommunfullmäktige", "Arbetsmarknads-, och socialnämnden"]


def test_csv_body_override_allows_date_only_rows() -> None:
    assert parse_csv("2025-03-17\n2025-04-14\n", body="Regionfullmäktige") == [
        Meeting("Regionfullmäktige", date(2025, 3, 17)),
        Meeting("Regionfullmäktige", date(2025, 4, 14)),
    ]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Kommunfullmäktige;2025-03-17\nKommunstyrelsen;17 mars\n", 'Rad 2 i plan.csv har datumet "17 mars"'),
        ("Kommunfullmäktige;2025-02-30\n", "Rad 1 i plan.csv"),
        ("Kommunfullmäktige\n", "Rad 1 i plan.csv ska ha två fält"),
        ("KF;2025-03-17;extra\n", "ska ha två fält"),
        ("KF;2025-03-17\norgan;datum\n", "Rad 2"),  # a header is only a header on the first line
    ],
)
def test_csv_bad_rows_are_refused_naming_the_line(text: str, fragment: str) -> None:
    with pytest.raises(CalendarError) as excinfo:
        parse_csv(text, source="plan.csv")
    message = str(excinfo.value)
    assert fragment in message
    assert message.endswith(".") and "\n" not in message


def test_ics_all_day_timed_utc_and_cancelled() -> None:
    meetings = parse_ics(ICS)
    assert meetings == [
        Meeting("Kommunfullmäktige", date(2016, 2, 15)),
        Meeting("Kommunstyrelsen", date(2016, 1, 27)),
        # 23:30 UTC on 2 March is 00:30 on 3 March in Stockholm.
        Meeting("Kommunstyrelsen", date(2016, 3, 3)),
    ]


def test_ics_body_override() -> None:
    assert {m.body for m in parse_ics(ICS, body="Socialnämnden")} == {"Socialnämnden"}


def test_ics_recurring_and_broken_files_are_refused() -> None:
    kf = "SUMMARY:Kommunfullmäktige\r\n"
    recurring = ICS.replace(kf, kf + "RRULE:FREQ=MONTHLY\r\n", 1)
    with pytest.raises(CalendarError, match="upprepas"):
        parse_ics(recurring, source="kf.ics")
    with pytest.raises(CalendarError, match="saknar SUMMARY"):
        parse_ics(ICS.replace("SUMMARY:Kommunfullmäktige\r\n", "", 1))


def test_body_matching_is_case_and_whitespace_insensitive() -> None:
    calendar = MeetingCalendar(parse_ics(ICS) + [Meeting("  KOMMUNFULLMÄKTIGE ", date(2016, 4, 11))])
    assert normalize_body(" Hälso-  och sjukvårdsnämnden ") == "hälso- och sjukvårdsnämnden"
    assert calendar.dates_of("kommunfullmäktige") == (date(2016, 2, 15), date(2016, 4, 11))
    assert calendar.bodies() == ("Kommunfullmäktige", "Kommunstyrelsen")
    assert calendar.first_on_or_after("Kommunfullmäktige", date(2016, 2, 16)) == date(2016, 4, 11)
    assert calendar.first_on_or_after("Kommunfullmäktige", date(2016, 4, 12)) is None
    assert calendar.last_on_or_before("Kommunstyrelsen", date(2016, 3, 2)) == date(2016, 1, 27)
    assert calendar.last_on_or_before("Kommunstyrelsen", date(2016, 1, 26)) is None
    assert calendar.dates_of("Okänd nämnd") == ()
    assert len(calendar) == 4


def test_files_by_suffix_and_csv_round_trip(tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    ics.write_text(ICS, encoding="utf-8")
    meetings = read_calendar_file(ics)
    csv_file = tmp_path / "plan.csv"
    csv_file.write_bytes(csv_rows(meetings).encode("cp1252"))  # an old Excel export
    assert sorted(read_calendar_file(csv_file)) == sorted(meetings)
    with pytest.raises(CalendarError, match="kan inte läsas"):
        read_calendar_file(tmp_path / "saknas.csv")
