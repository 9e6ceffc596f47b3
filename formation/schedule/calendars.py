"""Meeting calendars (sammanträdesplaner): the dates each body meets, read from CSV or iCalendar files.

Municipalities publish their plans as spreadsheets (exported to CSV, often with `;` as separator) or as .ics
feeds. Body names are compared case-insensitively with whitespace normalised, because the same body is
written "Kommunfullmäktige", "kommunfullmäktige " and "KOMMUNFULLMÄKTIGE" in different sources.
"""

from __future__ import annotations

import bisect
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_HEADER_WORDS = frozenset({"date", "datum", "dag", "sammanträde", "sammantrade", "day"})


class CalendarError(ValueError):
    """A calendar file that cannot be read; the message is one Swedish sentence naming the place, and `code`
    says what kind of problem it is (the command line adds its own hint for it)."""

    def __init__(self, message: str, *, code: str = "bad_calendar") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, order=True)
class Meeting:
    """One meeting of one body on one day (the time of day does not matter for planning)."""

    body: str
    on: date

    @property
    def key(self) -> str:
        """The normalised body name, used for matching."""
        return normalize_body(self.body)


def normalize_body(name: str) -> str:
    """Case-folded, with runs of whitespace collapsed, so that spelling variants of a body match."""
    return " ".join(name.split()).casefold()


class MeetingCalendar:
    """All known meetings, indexed by normalised body name and sorted by date."""

    def __init__(self, meetings: Iterable[Meeting] = ()) -> None:
        by_body: dict[str, set[date]] = {}
        names: dict[str, str] = {}
        for meeting in meetings:
            by_body.setdefault(meeting.key, set()).add(meeting.on)
            names.setdefault(meeting.key, " ".join(meeting.body.split()))
        self._dates = {key: sorted(days) for key, days in by_body.items()}
        self._names = names

    @classmethod
    def of_body(cls, body: str, days: Iterable[date]) -> MeetingCalendar:
        """The calendar of one body: the same as from its Meetings, without making them."""
        calendar = cls.__new__(cls)
        key = normalize_body(body)
        calendar._dates = {key: sorted(set(days))}
        calendar._names = {key: " ".join(body.split())}
        return calendar

    def __iter__(self) -> Iterator[Meeting]:
        for key, days in sorted(self._dates.items()):
            for day in days:
                yield Meeting(self._names[key], day)

    def __len__(self) -> int:
        return sum(len(days) for days in self._dates.values())

    def bodies(self) -> tuple[str, ...]:
        """The bodies with at least one meeting, as first spelled."""
        return tuple(sorted(self._names.values(), key=normalize_body))

    def has_body(self, body: str) -> bool:
        return normalize_body(body) in self._dates

    def dates_of(self, body: str) -> tuple[date, ...]:
        """Every meeting date of `body`, ascending; empty when the body is unknown."""
        return tuple(self._dates.get(normalize_body(body), ()))

    def first_on_or_after(self, body: str, day: date) -> date | None:
        """The body's first meeting on or after `day`, or None when its calendar ends before."""
        days = self._dates.get(normalize_body(body), [])
        index = bisect.bisect_left(days, day)
        return days[index] if index < len(days) else None

    def last_on_or_before(self, body: str, day: date) -> date | None:
        """The body's last meeting on or before `day`, or None when its calendar starts later."""
        days = self._dates.get(normalize_body(body), [])
        index = bisect.bisect_right(days, day)
        return days[index - 1] if index else None

    def with_meetings(self, meetings: Iterable[Meeting]) -> MeetingCalendar:
        """A new calendar with `meetings` added (duplicates collapse)."""
        return MeetingCalendar([*self, *meetings])


# --------------------------------------------------------------------------------------------- CSV


def parse_csv(text: str, *, body: str | None = None, source: str = "kalenderfilen") -> list[Meeting]:
    """Meetings from CSV rows `body,date` (or `body;date`); a header row, blank and `#` lines are skipped.

    With `body` given, every row belongs to that body and a row may be just the date.
    """
    meetings: list[Meeting] = []
    lines = text.lstrip("\ufeff").splitlines()  # Excel writes a byte-order mark in front of UTF-8 CSV
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        # Swedish spreadsheets export with `;` because `,` is the decimal separator.
        delimiter = ";" if ";" in line else ","
        row = [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]
        while row and not row[-1]:
            row.pop()  # trailing separators from spreadsheet exports
        if body is not None and len(row) == 1:
            row = [body, row[0]]
        if len(row) != 2 or not row[0]:
            raise CalendarError(
                f"Rad {number} i {source} ska ha två fält, organ och datum (till exempel "
                f'"Kommunfullmäktige;2025-03-17"), men är "{line.strip()}".'
            )
        name, raw_day = row
        day = _parse_day(raw_day)
        if day is None:
            if not meetings and number == _first_content_line(lines) and raw_day.casefold() in _HEADER_WORDS:
                continue  # the header row
            raise CalendarError(
                f'Rad {number} i {source} har datumet "{raw_day}", som inte är ett datum på formen ÅÅÅÅ-MM-DD.'
            )
        meetings.append(Meeting(body if body is not None else name, day))
    return meetings


def _first_content_line(lines: list[str]) -> int:
    return next(n for n, line in enumerate(lines, start=1) if line.strip() and not line.lstrip().startswith("#"))


def _parse_day(text: str) -> date | None:
    """An ISO date, optionally followed by a time of day ("2025-03-17 18:00", "2025-03-17T18:00"), ignored."""
    head = text.split()[0].partition("T")[0] if text.split() else ""
    try:
        return date.fromisoformat(head) if len(head) == 10 else None
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------- iCalendar


def parse_ics(data: bytes | str, *, body: str | None = None, source: str = "kalenderfilen") -> list[Meeting]:
    """Meetings from the VEVENTs of an iCalendar file: SUMMARY is the body unless `body` overrides it.

    All-day events give their date; timed events the local date in Europe/Stockholm. Cancelled events are
    left out. Recurring events are refused rather than guessed at, because a missed exception (a meeting
    moved for a holiday) would silently put a wrong date into the plan.
    """
    # Imported here: planning reads calendars but never parses .ics, and icalendar is most of its import time.
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise CalendarError(f"{source} kan inte läsas som en iCalendar-fil ({_first_line(exc)}).") from exc
    meetings: list[Meeting] = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        summary = str(event.get("SUMMARY", "")).strip()
        where = f"händelse {number} i {source}" + (f' ("{summary}")' if summary else "")
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if event.get("RRULE") is not None:
            raise CalendarError(
                f"{where.capitalize()} upprepas (RRULE), vilket inte stöds; exportera sammanträdesplanen "
                "med ett tillfälle per sammanträde."
            )
        name = body if body is not None else summary
        if not name.strip():
            raise CalendarError(
                f"{where.capitalize()} saknar SUMMARY, organets namn; ange vilket organ sammanträdena gäller.",
                code="calendar_without_body",
            )
        if event.get("DTSTART") is None:
            raise CalendarError(f"{where.capitalize()} saknar DTSTART.")
        meetings.append(Meeting(name, _local_day(event.decoded("DTSTART"))))
    return meetings


def _local_day(value: object) -> date:
    if isinstance(value, datetime):
        # A floating time (no zone) is already local; an aware one is converted to Swedish time first.
        return value.astimezone(STOCKHOLM).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    raise CalendarError(f"DTSTART har ett värde som inte är ett datum: {value!r}.")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --------------------------------------------------------------------------------------------- files


def read_calendar_file(path: Path, *, body: str | None = None) -> list[Meeting]:
    """Meetings from a .ics or .csv file (by suffix; anything else is read as CSV)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CalendarError(f"Filen {path} kan inte läsas ({exc.strerror or exc}).") from exc
    if path.suffix.lower() in (".ics", ".ical", ".ifb"):
        return parse_ics(raw, body=body, source=path.name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # Older Excel versions on Windows save CSV as cp1252; å, ä and ö survive that encoding.
        text = raw.decode("cp1252", errors="replace")
    return parse_csv(text, body=body, source=path.name)


def csv_rows(meetings: Iterable[Meeting]) -> str:
    """Meetings as `body;date` lines, the shape parse_csv reads back."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for meeting in sorted(meetings, key=lambda m: (m.key, m.on)):
        writer.writerow([meeting.body, meeting.on.isoformat()])
    return out.getvalue()
