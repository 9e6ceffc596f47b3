"""Handlers of the calendar, contact and deadline commands (no I/O, like `handlers`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from formation.case.commands import AddContact, AddMeetings, RemoveContact, RemoveMeeting, SetDeadline
from formation.case.events import ContactAdded, ContactRemoved, DeadlineSet, Event, MeetingAdded, MeetingRemoved
from formation.case.projection import body_key
from formation.case.resolve import find_party, find_step
from formation.domain.text import BODY_MAX, EMAIL_MAX, NAME_MAX, SHORT_MAX, clean_text, required_text
from formation.errors import Refusal

if TYPE_CHECKING:
    from formation.services.handlers import Context

ScheduleCommand = AddMeetings | RemoveMeeting | AddContact | RemoveContact | SetDeadline


def schedule_events(ctx: Context, command: ScheduleCommand) -> list[Event]:
    projection = ctx.projection
    match command:
        case AddMeetings():
            party = find_party(projection, command.party).info.slug if command.party else None
            source = clean_text(command.source, "Källan", BODY_MAX)
            events: list[Event] = []
            seen: set[tuple[str, object]] = set()
            for raw_body, on in command.meetings:
                body = " ".join(required_text(raw_body, "Organets namn", NAME_MAX).split())
                key = (body_key(body), on)
                if (party, *key) in projection.meetings or key in seen:
                    continue
                seen.add(key)
                events.append(MeetingAdded(body=body, on=on, party=party, source=source))
            if not events:
                raise Refusal("Alla sammanträdena finns redan i kalendern; inget nytt att spara.", code="nothing_new")
            return events
        case RemoveMeeting():
            party = find_party(projection, command.party).info.slug if command.party else None
            if (party, body_key(command.body), command.on) not in projection.meetings:
                raise Refusal(f"{command.body} har inget sammanträde {command.on} i kalendern.", code="unknown_meeting")
            return [MeetingRemoved(body=command.body.strip(), on=command.on, party=party)]
        case AddContact():
            progress = find_party(projection, command.party)
            email = _email(command.email)
            if (progress.info.slug, email.casefold()) in projection.contacts:
                raise Refusal(f"{email} är redan kontakt för {progress.info.name}.", code="contact_exists")
            return [
                ContactAdded(
                    party=progress.info.slug,
                    name=required_text(command.name, "Kontaktens namn", NAME_MAX),
                    email=email,
                    role=clean_text(command.role, "Rollen", SHORT_MAX),
                )
            ]
        case RemoveContact():
            progress = find_party(projection, command.party)
            email = command.email.strip()
            if (progress.info.slug, email.casefold()) not in projection.contacts:
                raise Refusal(f"{progress.info.name} har ingen kontakt {email}.", code="unknown_contact")
            return [ContactRemoved(party=progress.info.slug, email=email)]
        case SetDeadline():
            progress = find_party(projection, command.party)
            step = find_step(progress, command.step)
            if command.on is not None and progress.is_settled(step.id):
                raise Refusal(
                    f'Steget "{step.label}" för {progress.info.name} är redan avgjort; det behöver ingen sista dag.',
                    code="step_settled",
                )
            return [DeadlineSet(party=progress.info.slug, step=step.id, on=command.on)]
        case _:
            assert_never(command)


def _email(value: str) -> str:
    email = required_text(value, "E-postadressen", EMAIL_MAX)
    local, at, domain = email.partition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in email) or "," in email:
        raise Refusal(f"'{email}' är ingen giltig e-postadress.", code="bad_email")
    return email
