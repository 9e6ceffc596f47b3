"""The one write pipeline: every change to a case goes through `run(command)`.

In one transaction: lock the case and check the revision the writer read; let the handler say which events the
command makes; check every event's fields; apply them to the projection (a Refusal aborts, nothing is written);
append them; store any förbundsordning text; bump the revision; run the projectors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from formation.case.commands import CaseCommand, ImportCase, InitCase
from formation.case.events import (
    CaseCreated,
    Envelope,
    Event,
    EventCorrected,
    EventVoided,
    ForbundsordningAdded,
    WorkflowUpgraded,
)
from formation.case.history import HistoryRefusal, replay
from formation.case.projection import CaseProjection
from formation.case.reducer import apply, new_projection
from formation.case.validation import check_event
from formation.domain.fo_facts import facts_to_stored, read_text_facts
from formation.domain.text import NAME_MAX, clean_text, sha256_of
from formation.errors import Refusal, StaleRevision, first_line
from formation.services import handlers
from formation.services.projectors import PROJECTORS, Written
from formation.services.views import Result
from formation.store import case_store, event_store, fo_text_store, projection_store
from formation.store.case_store import CaseRecord
from formation.store.database import LOCK_NOT_AVAILABLE, LOCK_WAIT_SECONDS, SQLITE_BUSY_TIMEOUT_MS
from formation.store.projection_cache import Loaded
from formation.store.uow import Session, writing
from workflows.model import WorkflowSet


@dataclass(frozen=True)
class Writer:
    """Who writes, when, and on which case."""

    engine: Engine
    template: WorkflowSet
    actor: str
    now: datetime
    today: date
    case_slug: str | None


def run(writer: Writer, command: CaseCommand) -> Result:
    actor = clean_text(writer.actor, "Användarnamnet (--actor)", NAME_MAX) or "okänd"
    try:
        with writing(writer.engine) as session:
            if isinstance(command, InitCase):
                return _create(writer, session, actor, command)
            if isinstance(command, ImportCase):
                return _import(writer, session, command)
            return _change(writer, session, actor, command)
    except IntegrityError as exc:
        raise Refusal("Någon annan ändrade ärendet samtidigt; läs om och försök igen.", code="conflict") from exc
    except DBAPIError as exc:
        postgres_lock = getattr(exc.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE
        if postgres_lock or "database is locked" in str(exc.orig):
            waited = LOCK_WAIT_SECONDS if postgres_lock else SQLITE_BUSY_TIMEOUT_MS // 1000
            raise Refusal(
                f"Ärendet var låst av en annan skrivning i {waited} sekunder; inget sparades. Försök igen om en "
                "stund.",
                code="locked",
            ) from exc
        raise Refusal(
            f"Databasen avvisade ändringen ({first_line(exc.orig)}); inget sparades.", code="database"
        ) from exc


def _change(writer: Writer, session: Session, actor: str, command: CaseCommand) -> Result:
    case = case_store.find_case(session=session, slug=writer.case_slug, for_update=True)
    if command.expected_revision is not None and command.expected_revision > case.revision:
        raise Refusal(
            f"Ärendet har revision {case.revision}; revision {command.expected_revision} har det aldrig haft.",
            code="bad_revision",
        )
    if command.expected_revision is not None and command.expected_revision != case.revision:
        raise StaleRevision(command.expected_revision, case.revision)
    loaded = projection_store.load(session=session, case_id=case.id)
    context = handlers.Context(
        projection=loaded.projection,
        log=lambda: event_store.load(session=session, case_id=case.id),
        today=writer.today,
        template=writer.template,
    )
    changes = handlers.handle(context, command)
    first = event_store.next_seq(session=session, case_id=case.id)
    envelopes = _envelopes(changes.events, first, actor, writer.now)
    if any(isinstance(e.event, EventCorrected | EventVoided | WorkflowUpgraded) for e in envelopes):
        # These change how earlier events read: the whole history must still fit, read anew.
        log = [*event_store.load(session=session, case_id=case.id), *envelopes]
        loaded = Loaded(_replay_strict(log, _rewording(envelopes)), dict(loaded.party_ids))
    else:
        for envelope in envelopes:
            apply(loaded.projection, envelope)
    return _commit(writer, session, case, loaded, envelopes, changes.texts)


def _rewording(envelopes: Sequence[Envelope]) -> str:
    kind = envelopes[-1].event
    if isinstance(kind, EventVoided):
        return "Händelsen kan inte strykas"
    if isinstance(kind, WorkflowUpgraded):
        return "Ärendet kan inte flyttas till den nya mallen"
    return "Rättelsen går inte att göra"


def _replay_strict(log: Sequence[Envelope], what: str) -> CaseProjection:
    try:
        return replay(log, strict=True)
    except HistoryRefusal as exc:
        # Its own code: the hints of the rule it broke tell how to record a decision, not how to amend one.
        facts = {**exc.facts, "cause": exc.code}
        raise Refusal(f"{what}: {exc.message}", code="history_refused", **facts) from exc


def _envelopes(events: Sequence[Event], first: int, actor: str, now: datetime) -> list[Envelope]:
    for event in events:
        check_event(event)
    return [Envelope(seq=first + i, actor=actor, recorded_at=now, event=e) for i, e in enumerate(events)]


def _commit(
    writer: Writer,
    session: Session,
    case: CaseRecord,
    loaded: Loaded,
    envelopes: list[Envelope],
    texts: dict[str, tuple[str, str]],
) -> Result:
    event_store.append(session=session, case_id=case.id, envelopes=envelopes)
    struck = {e.event.target for e in envelopes if isinstance(e.event, EventVoided)}  # an import's strikings
    for envelope in envelopes:
        event = envelope.event
        if isinstance(event, ForbundsordningAdded) and event.sha256 in texts and envelope.seq not in struck:
            filename, text = texts[event.sha256]
            fo_text_store.add_text(
                session=session,
                case_id=case.id,
                number=event.number,
                sha256=event.sha256,
                filename=filename,
                text=text,
                added_on=event.added_on,
                start_date=event.start_date,
                facts=facts_to_stored(read_text_facts(text)),
            )
    revision = projection_store.bump_revision(session=session, case=case, by=len(envelopes))
    written = Written(session, case.id, loaded, tuple(envelopes), writer.today)
    for projector in PROJECTORS:
        projector(written)
    return Result(case.slug, revision, loaded.projection, tuple(e.seq for e in envelopes), envelopes[-1].party)


def _create(writer: Writer, session: Session, actor: str, command: InitCase) -> Result:
    context = handlers.Context(new_projection(), list, writer.today, writer.template)
    event = handlers.handle(context, command).events[0]
    assert isinstance(event, CaseCreated)
    if event.slug in case_store.case_slugs(session=session):
        raise Refusal(
            f"Det finns redan ett ärende '{event.slug}'; välj ett annat kortnamn.", code="case_exists", slug=event.slug
        )
    envelopes = _envelopes([event], 1, actor, writer.now)
    projection = new_projection()
    apply(projection, envelopes[0])
    case_id = projection_store.create_case(session=session, projection=projection, created_at=writer.now)
    case = CaseRecord(case_id, event.slug, event.name, event.seat, 0, writer.now)
    return _commit(writer, session, case, Loaded(projection), envelopes, {})


def _import(writer: Writer, session: Session, command: ImportCase) -> Result:
    """A replay of the exported log, checked exactly like the commands that made it."""
    envelopes = list(command.events)
    if not envelopes or not isinstance(envelopes[0].event, CaseCreated):
        raise Refusal("Filen går inte att läsa in: den första händelsen ska skapa ärendet.", code="bad_import")
    for expected, envelope in enumerate(envelopes, start=1):
        if envelope.seq != expected:
            raise Refusal(
                f"Filen går inte att läsa in: händelse nummer {expected} saknas eller kommer i fel ordning "
                f"(fann {envelope.seq}).",
                code="bad_import",
            )
        try:
            check_event(envelope.event)
        except Refusal as exc:
            raise Refusal(f"Filen går inte att läsa in: {exc.message}", code="bad_import", seq=envelope.seq) from exc
        clean_text(envelope.actor, f"Användarnamnet i händelse {envelope.seq}", NAME_MAX)
        if isinstance(envelope.event, CaseCreated) and envelope.seq != 1:
            raise Refusal(
                f"Filen går inte att läsa in: händelse {envelope.seq} skapar ärendet en gång till.", code="bad_import"
            )
    for sha, text in command.texts.items():
        if sha256_of(text) != sha:
            raise Refusal(
                f"Filen går inte att läsa in: texten till förbundsordningen {sha[:12]}… stämmer inte med "
                "sin kontrollsumma.",
                code="bad_import",
            )
    try:
        projection = replay(envelopes, strict=True)
    except HistoryRefusal as exc:
        raise Refusal(f"Filen går inte att läsa in: {exc.message}", code="bad_import", seq=exc.seq) from exc
    created = envelopes[0].event
    assert isinstance(created, CaseCreated)
    if created.slug in case_store.case_slugs(session=session):
        raise Refusal(
            f"Det finns redan ett ärende '{created.slug}' i databasen.", code="case_exists", slug=created.slug
        )
    texts: dict[str, tuple[str, str]] = {}
    struck = {e.event.target for e in envelopes if isinstance(e.event, EventVoided)}
    for envelope in envelopes:
        event = envelope.event
        if isinstance(event, ForbundsordningAdded) and envelope.seq not in struck:  # a struck text is not kept
            if event.sha256 not in command.texts:
                raise Refusal(
                    f"Filen går inte att läsa in: texten till förbundsordningen v{event.number} saknas.",
                    code="bad_import",
                )
            texts[event.sha256] = (event.filename, command.texts[event.sha256])
    case_id = projection_store.create_case(session=session, projection=projection, created_at=envelopes[0].recorded_at)
    case = CaseRecord(case_id, created.slug, created.name, created.seat, 0, envelopes[0].recorded_at)
    return _commit(writer, session, case, Loaded(projection), envelopes, texts)
