"""Deadlines and meetings as an iCalendar file: all-day VEVENTs with stable UIDs, so a calendar that subscribes
to the file updates events in place. Exporting the same case twice gives the same bytes (no DTSTAMP drift:
it is derived from the event itself); SEQUENCE grows each time a deadline moves."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from formation.case.projection import CaseProjection

NAMESPACE = uuid.UUID("6f1c0a52-3c1e-4d4b-9a59-4c1f7f0e2b11")
ZONE = "Europe/Stockholm"
EPOCH = date(2000, 1, 1)


class DeadlineLike(Protocol):
    @property
    def party(self) -> str: ...
    @property
    def step(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def deadline_on(self) -> date: ...
    @property
    def known_from(self) -> date | None: ...
    @property
    def overridden(self) -> bool: ...


def uid(key: str) -> str:
    return f"{uuid.uuid5(NAMESPACE, key)}@formation"


def case_calendar(projection: CaseProjection, deadlines: Iterable[DeadlineLike]) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//formation//samordningsförbund//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{projection.name}: sista dagar och sammanträden")
    calendar.add("x-wr-timezone", ZONE)
    calendar.add_component(_timezone())
    names = {slug: p.info.name for slug, p in projection.parties.items()}
    for d in sorted(deadlines, key=lambda d: (d.deadline_on, d.party, d.step)):
        key = f"{projection.slug}/deadline/{d.party}/{d.step}"
        event = _all_day(
            uid(key),
            d.deadline_on,
            f"Sista dag: {names.get(d.party, d.party)} – {d.label}",
            f"{d.body} måste ha beslutat senast {d.deadline_on.isoformat()}"
            + (" (satt för hand)." if d.overridden else " (enligt planen)."),
            stamp_day=d.known_from or d.deadline_on,
        )
        # SEQUENCE must grow whenever the event changes and stay put otherwise: the day the current deadline
        # became known does exactly that (it is reset only when the deadline moves).
        event.add("sequence", ((d.known_from or d.deadline_on) - EPOCH).days)
        event.add("categories", ["Sista dag"])
        calendar.add_component(event)
    for m in sorted(projection.meetings.values(), key=lambda m: (m.on, m.body.casefold(), m.party or "")):
        whose = f" ({names.get(m.party, m.party)})" if m.party else ""
        key = f"{projection.slug}/meeting/{m.party or ''}/{m.body.casefold()}/{m.on.isoformat()}"
        event = _all_day(uid(key), m.on, f"{m.body}{whose} sammanträder", m.source or "", stamp_day=m.on)
        event.add("sequence", 0)
        event.add("categories", ["Sammanträde"])
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _all_day(identity: str, day: date, summary: str, description: str, *, stamp_day: date) -> Any:
    import icalendar

    event = icalendar.Event()
    event.add("uid", identity)
    # DTSTAMP is required; a fixed function of the event keeps re-exports byte-identical.
    event.add("dtstamp", datetime.combine(stamp_day, time(0, 0), tzinfo=ZoneInfo("UTC")))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def _timezone() -> Any:
    import icalendar

    tz = icalendar.Timezone()
    tz.add("tzid", ZONE)
    tz.add("x-lic-location", ZONE)
    summer = icalendar.TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    winter = icalendar.TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    tz.add_component(summer)
    tz.add_component(winter)
    return tz
