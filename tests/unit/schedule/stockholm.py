"""Real-shaped 2015–16 meeting calendars and pending steps for the Stockholm case (seed 001)."""

from __future__ import annotations

from datetime import date

from formation.schedule.calendars import Meeting, MeetingCalendar
from formation.schedule.plan_model import PartyPending, PendingStep, PlanInput

MEETINGS: dict[str, list[str]] = {
    "Arbetsmarknadsnämnden": ["2015-09-22", "2015-10-20", "2015-11-24", "2015-12-15"],
    "Socialnämnden": ["2015-09-24", "2015-10-20", "2015-11-19", "2015-12-17"],
    "Kommunstyrelsen": ["2015-11-11", "2015-12-09", "2016-01-27", "2016-02-24", "2016-03-16"],
    "Kommunfullmäktige": ["2015-11-23", "2015-12-14", "2016-02-15", "2016-03-14", "2016-04-11"],
    "Hälso- och sjukvårdsnämnden": ["2015-10-27", "2015-11-24", "2015-12-15"],
    "Landstingsstyrelsen": ["2015-11-10", "2015-12-01", "2016-01-19", "2016-02-09"],
    "Landstingsfullmäktige": ["2015-12-08", "2016-02-09", "2016-03-15"],
    "Försäkringskassans ledning": ["2016-01-15", "2016-02-12"],
    "Arbetsförmedlingens ledning": ["2016-01-20", "2016-02-17"],
}

TODAY = date(2015, 10, 1)


def calendar(**moved: tuple[str, str]) -> MeetingCalendar:
    """The calendars, with `body_key=(old, new)` moving one meeting (keys use _ for spaces)."""
    meetings = []
    for body, days in MEETINGS.items():
        for day in days:
            change = moved.get(body.replace(" ", "_").replace("-", "_"))
            if change and change[0] == day:
                day = change[1]
            meetings.append(Meeting(body, date.fromisoformat(day)))
    return MeetingCalendar(meetings)


STAD = PartyPending(
    party="stockholms-stad",
    name="Stockholms stad",
    steps=(
        # The 12-week lead after the nämnder is the remiss round (stadsdelsnämnder, Nov 2015–Jan 2016).
        PendingStep("namnd_amn", "Nämndbeslut AMN", "Arbetsmarknadsnämnden", 84, group="namnd"),
        PendingStep("namnd_sn", "Nämndbeslut SN", "Socialnämnden", 84, group="namnd"),
        PendingStep("styrelse", "Kommunstyrelsens förslag", "Kommunstyrelsen", 14),
        PendingStep("fullmaktige", "Kommunfullmäktige antar förbundsordningen", "Kommunfullmäktige"),
    ),
)
SLL = PartyPending(
    party="sll",
    name="Stockholms läns landsting",
    steps=(
        PendingStep("namnd", "Nämndbeslut", "Hälso- och sjukvårdsnämnden", 14),
        PendingStep("styrelse", "Landstingsstyrelsens förslag", "Landstingsstyrelsen", 21),
        PendingStep("fullmaktige", "Landstingsfullmäktige antar förbundsordningen", "Landstingsfullmäktige"),
    ),
)
FK = PartyPending(
    "fk", "Försäkringskassan", (PendingStep("beslut", "Försäkringskassans beslut", "Försäkringskassans ledning"),)
)
AF = PartyPending(
    "af", "Arbetsförmedlingen", (PendingStep("beslut", "Arbetsförmedlingens beslut", "Arbetsförmedlingens ledning"),)
)


def stockholm(
    target: date | None = date(2016, 4, 1),
    *,
    cal: MeetingCalendar | None = None,
    start_on: date | None = None,
    overrides: dict[tuple[str, str], date] | None = None,
) -> PlanInput:
    """The four parties on 2015-10-01, planned against the 2015–16 calendars (or `cal`)."""
    return PlanInput(
        parties=(STAD, SLL, FK, AF),
        calendar=cal or calendar(),
        today=TODAY,
        target=target,
        start_on=start_on,
        overrides=overrides or {},
    )
