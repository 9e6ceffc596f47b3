"""What the calendar, contact and deadline events do to the projection (folded by the reducer)."""

from __future__ import annotations

from formation.case.events import (
    BodyNamed,
    ContactAdded,
    ContactRemoved,
    DeadlineSet,
    MeetingAdded,
    MeetingRemoved,
)
from formation.case.projection import CaseProjection, Contact, ScheduledMeeting, body_key

ScheduleEvent = MeetingAdded | MeetingRemoved | ContactAdded | ContactRemoved | DeadlineSet | BodyNamed


def apply_schedule(case: CaseProjection, event: ScheduleEvent) -> None:
    match event:
        case MeetingAdded():
            key = (event.party, body_key(event.body), event.on)
            case.meetings[key] = ScheduledMeeting(" ".join(event.body.split()), event.on, event.party, event.source)
        case MeetingRemoved():
            case.meetings.pop((event.party, body_key(event.body), event.on), None)
        case ContactAdded():
            case.contacts[(event.party, event.email.casefold())] = Contact(
                event.party, event.name, event.email, event.role
            )
        case ContactRemoved():
            case.contacts.pop((event.party, event.email.casefold()), None)
        case DeadlineSet():
            if event.on is None:
                case.deadline_overrides.pop((event.party, event.step), None)
            else:
                case.deadline_overrides[(event.party, event.step)] = event.on
        case BodyNamed():
            named = (event.party, body_key(event.body))
            name = " ".join((event.name or "").split())
            if name:
                case.body_names[named] = name
            else:
                case.body_names.pop(named, None)
