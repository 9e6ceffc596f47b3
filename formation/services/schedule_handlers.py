"""Handlers of the calendar, contact and deadline commands (no I/O, like `handlers`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from formation.case.commands import AddContact, AddMeetings, NameBody, RemoveContact, RemoveMeeting, SetDeadline
from formation.case.events import (
    BodyNamed,
    ContactAdded,
    ContactRemoved,
    DeadlineSet,
    Event,
    MeetingAdded,
    MeetingRemoved,
)
from formation.case.projection import CaseProjection, PartyProgress, body_key
from formation.case.resolve import find_party, find_step
from formation.domain.text import BODY_MAX, EMAIL_MAX, NAME_MAX, SHORT_MAX, clean_text, required_text
from formation.errors import Refusal

if TYPE_CHECKING:
    from formation.services.handlers import Context

ScheduleCommand = AddMeetings | RemoveMeeting | AddContact | RemoveContact | SetDeadline | NameBody


def schedule_events(ctx: Context, command: ScheduleCommand) -> list[Event]:
    projection = ctx.projection
    match command:
        case AddMeetings():
            party = find_party(projection, command.party).info.slug if command.party else None
            source = clean_text(command.source, "Källan", BODY_MAX)
            events: list[Event] = []
            if command.as_body is not None:
                events.extend(_meetings_as(projection, command))
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
        case NameBody():
            return [_body_named(projection, command.party, command.body, command.name)]
        case _:
            assert_never(command)


def _email(value: str) -> str:
    email = required_text(value, "E-postadressen", EMAIL_MAX)
    local, at, domain = email.partition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in email) or "," in email:
        raise Refusal(f"'{email}' är ingen giltig e-postadress.", code="bad_email")
    return email


def _template_body(progress: PartyProgress, body: str) -> str:
    """The body as the party's steps name it, or a refusal naming the bodies its steps do use."""
    wanted = body_key(required_text(body, "Mallens organ", NAME_MAX))
    used: dict[str, str] = {}
    for step in progress.workflow.steps:
        if step.body:
            used.setdefault(body_key(step.body), step.body)
    if wanted not in used:
        raise Refusal(
            f"Inget steg för {progress.info.name} beslutas av {body.strip()}; stegen beslutas av "
            f"{', '.join(used.values()) or 'inget organ'}.",
            code="unknown_body",
            party=progress.info.slug,
        )
    return used[wanted]


def _body_named(projection: CaseProjection, party: str, body: str, name: str | None) -> BodyNamed:
    progress = find_party(projection, party)
    template_body = _template_body(progress, body)
    given = clean_text(name, "Organets namn", NAME_MAX)
    given = " ".join(given.split()) if given else None
    current = projection.body_names.get((progress.info.slug, body_key(template_body)))
    if given is None and current is None:
        raise Refusal(
            f"{progress.info.name} har inget eget namn för {template_body}; inget att ta bort.",
            code="unknown_body_name",
        )
    if given is not None and current == given:
        raise Refusal(f"{progress.info.name} kallar redan {template_body} {given}.", code="body_named_already")
    return BodyNamed(party=progress.info.slug, body=template_body, name=given)


def _meetings_as(projection: CaseProjection, command: AddMeetings) -> list[Event]:
    """`calendar add/import --as`: the meetings' one body is the party's name for a body of the template; the
    name is recorded unless the party already uses it."""
    assert command.as_body is not None
    if command.party is None:
        raise Refusal("Ett eget namn på ett organ i mallen gäller en part; ange vilken.", code="as_needs_party")
    names = {body_key(raw): " ".join(raw.split()) for raw, _ in command.meetings if raw.strip()}
    if len(names) != 1:
        raise Refusal(
            f"Ett organ i mallen kan bara få ett namn, men sammanträdena gäller {len(names)} organ "
            f"({', '.join(sorted(names.values()))}); läs in ett organ i taget.",
            code="as_needs_one_body",
        )
    [name] = names.values()
    progress = find_party(projection, command.party)
    template_body = _template_body(progress, command.as_body)
    if projection.body_names.get((progress.info.slug, body_key(template_body))) == name:
        return []
    return [BodyNamed(party=progress.info.slug, body=template_body, name=name)]
