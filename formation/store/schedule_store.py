"""Calendars, contacts, deadlines and the reminder outbox in the database.

Meetings, contacts, hand-set deadlines and the parties' names for bodies are a cache of the events (rebuilt
from the projection); deadlines are the plan's read model; the outbox holds one row per reminder with a UNIQUE
key. A reminder is claimed (UPDATE … WHERE state = 'pending' affecting exactly one row) before it is sent and
marked sent after, so a crash or a second runner never sends it twice. Times in the outbox are UTC.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, String, and_, bindparam, delete, insert, or_, select, type_coerce, update

from formation.case.projection import CaseProjection, Contact, ScheduledMeeting, body_key
from formation.store import schema
from formation.store.uow import Session

_MEETINGS = schema.schedule_meetings
_CONTACTS = schema.schedule_contacts
_OVERRIDES = schema.deadline_overrides
_BODY_NAMES = schema.body_names
_DEADLINES = schema.deadlines
_OUTBOX = schema.reminder_outbox

PENDING, CLAIMED, SENT, FAILED, CANCELLED = "pending", "claimed", "sent", "failed", "cancelled"


def as_utc(moment: datetime) -> datetime:
    """`moment` as an aware UTC datetime (a naive one is taken to be UTC), the form the columns store."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def aware_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else (moment if moment.tzinfo else moment.replace(tzinfo=UTC))


# ------------------------------------------------------------------------------------ calendars and contacts


# Built once: a statement built per call costs SQLAlchemy a cache key each time (every read loads a case).
_CASE_ID: Any = bindparam("case_id")
# The day as the driver gives it (SQLite: its isoformat, parsed below far faster than SQLAlchemy's regular
# expression does): a national case holds some ten thousand meetings, read on every view.
_MEETING_ROWS = select(
    _MEETINGS.c.party,
    _MEETINGS.c.body,
    _MEETINGS.c.body_key,
    type_coerce(_MEETINGS.c.meeting_on, String),
    _MEETINGS.c.source,
).where(_MEETINGS.c.case_id == _CASE_ID)
_CONTACT_ROWS = select(_CONTACTS).where(_CONTACTS.c.case_id == _CASE_ID).order_by(_CONTACTS.c.id)
_OVERRIDE_ROWS = select(_OVERRIDES).where(_OVERRIDES.c.case_id == _CASE_ID)
_BODY_NAME_ROWS = select(_BODY_NAMES).where(_BODY_NAMES.c.case_id == _CASE_ID).order_by(_BODY_NAMES.c.id)


def load_into(connection: Connection, case_id: int, projection: CaseProjection) -> None:
    """Fill the projection's meetings, contacts, hand-set deadlines and body names from their tables."""
    of_case = {"case_id": case_id}
    meetings = projection.meetings
    for party, body, key, on, source in connection.execute(_MEETING_ROWS, of_case).all():
        day = on if isinstance(on, date) else date.fromisoformat(on)
        meetings[(party, key, day)] = ScheduledMeeting(body, day, party, source)
    for c in connection.execute(_CONTACT_ROWS, of_case).all():
        projection.contacts[(c.party, c.email.casefold())] = Contact(c.party, c.name, c.email, c.role)
    for o in connection.execute(_OVERRIDE_ROWS, of_case).all():
        projection.deadline_overrides[(o.party, o.step)] = o.deadline_on
    for b in connection.execute(_BODY_NAME_ROWS, of_case).all():
        projection.body_names[(b.party, b.body_key)] = b.name


def save_schedule(*, session: Session, case_id: int, projection: CaseProjection) -> None:
    """Rewrite the case's meetings, contacts, hand-set deadlines and body names from the projection."""
    connection = session.connection()
    for table in (_MEETINGS, _CONTACTS, _OVERRIDES, _BODY_NAMES):
        connection.execute(delete(table).where(table.c.case_id == case_id))
    meetings = [
        {
            "case_id": case_id,
            "party": m.party,
            "body": m.body,
            "body_key": body_key(m.body),
            "meeting_on": m.on,
            "source": m.source,
        }
        for m in projection.meetings.values()
    ]
    if meetings:
        connection.execute(insert(_MEETINGS), meetings)
    contacts = [
        {"case_id": case_id, "party": c.party, "name": c.name, "email": c.email, "role": c.role}
        for c in projection.contacts.values()
    ]
    if contacts:
        connection.execute(insert(_CONTACTS), contacts)
    overrides = [
        {"case_id": case_id, "party": party, "step": step, "deadline_on": on}
        for (party, step), on in projection.deadline_overrides.items()
    ]
    if overrides:
        connection.execute(insert(_OVERRIDES), overrides)
    names = [
        {"case_id": case_id, "party": party, "body_key": key, "name": name}
        for (party, key), name in projection.body_names.items()
    ]
    if names:
        connection.execute(insert(_BODY_NAMES), names)


# ------------------------------------------------------------------------------------ deadlines


@dataclass(frozen=True)
class Deadline:
    party: str
    step: str
    label: str
    body: str
    deadline_on: date
    overridden: bool = False
    meeting_on: date | None = None
    critical: bool = False
    known_from: date | None = None


def save_deadlines(*, session: Session, case_id: int, deadlines: Sequence[Deadline], today: date) -> list[Deadline]:
    """Replace the case's deadlines; a deadline that did not move keeps the day it became known."""
    connection = session.connection()
    before = {
        (r.party, r.step): r for r in connection.execute(select(_DEADLINES).where(_DEADLINES.c.case_id == case_id))
    }
    connection.execute(delete(_DEADLINES).where(_DEADLINES.c.case_id == case_id))
    stored: list[Deadline] = []
    for d in deadlines:
        old = before.get((d.party, d.step))
        known = old.known_from if old is not None and old.deadline_on == d.deadline_on else today
        stored.append(Deadline(**{**d.__dict__, "known_from": known}))
    if stored:
        connection.execute(insert(_DEADLINES), [{"case_id": case_id, **d.__dict__} for d in stored])
    return stored


def deadlines(connection: Connection, case_id: int) -> list[Deadline]:
    rows = connection.execute(
        select(_DEADLINES).where(_DEADLINES.c.case_id == case_id).order_by(_DEADLINES.c.deadline_on, _DEADLINES.c.id)
    )
    return [
        Deadline(r.party, r.step, r.label, r.body, r.deadline_on, r.overridden, r.meeting_on, r.critical, r.known_from)
        for r in rows
    ]


# ------------------------------------------------------------------------------------ outbox


@dataclass(frozen=True)
class Wanted:
    """A reminder the deadlines call for."""

    key: str
    party: str
    step: str
    deadline_on: date
    offset_days: int
    kind: str
    due_at: datetime


def reconcile_outbox(
    *, session: Session, case_id: int, wanted: Iterable[Wanted], current: Iterable[tuple[str, str, date]], now: datetime
) -> tuple[int, int]:
    """Insert the wanted reminders not yet in the outbox; cancel the pending (or failed) reminders whose
    deadline is no longer current (the step was decided, or its deadline moved). Returns (added, cancelled)."""
    connection = session.connection()
    live = set(current)
    rows = connection.execute(
        select(
            _OUTBOX.c.id, _OUTBOX.c.key, _OUTBOX.c.party, _OUTBOX.c.step, _OUTBOX.c.deadline_on, _OUTBOX.c.state
        ).where(_OUTBOX.c.case_id == case_id)
    ).all()
    known = {r.key for r in rows}
    stale = [r.id for r in rows if r.state in (PENDING, FAILED) and (r.party, r.step, r.deadline_on) not in live]
    if stale:
        connection.execute(update(_OUTBOX).where(_OUTBOX.c.id.in_(stale)).values(state=CANCELLED, next_attempt_at=None))
    fresh = [w for w in wanted if w.key not in known]
    if fresh:
        stamp = as_utc(now)
        connection.execute(
            insert(_OUTBOX),
            [
                {
                    "case_id": case_id,
                    **{**w.__dict__, "due_at": as_utc(w.due_at)},
                    "state": PENDING,
                    "attempts": 0,
                    "late": False,
                    "created_at": stamp,
                }
                for w in fresh
            ],
        )
    return len(fresh), len(stale)


def outbox_rows(connection: Connection, case_id: int | None = None, states: Sequence[str] | None = None) -> list[Any]:
    query = select(_OUTBOX).order_by(_OUTBOX.c.due_at, _OUTBOX.c.id)
    if case_id is not None:
        query = query.where(_OUTBOX.c.case_id == case_id)
    if states:
        query = query.where(_OUTBOX.c.state.in_(list(states)))
    return list(connection.execute(query).all())


def due_rows(connection: Connection, now: datetime, *, stale_claim_before: datetime) -> list[Any]:
    """Reminders to send at `now`: pending and due; failed and due for another attempt; and claims (the caller
    keeps those whose process died between claim and mark; see services.sending.claim_is_stale)."""
    at = as_utc(now)
    query = (
        select(_OUTBOX)
        .where(
            or_(
                and_(_OUTBOX.c.state == PENDING, _OUTBOX.c.due_at <= at),
                and_(_OUTBOX.c.state == FAILED, _OUTBOX.c.next_attempt_at <= at),
                _OUTBOX.c.state == CLAIMED,
            )
        )
        .order_by(_OUTBOX.c.due_at, _OUTBOX.c.id)
    )
    return list(connection.execute(query).all())


def row(connection: Connection, outbox_id: int) -> Any:
    return connection.execute(select(_OUTBOX).where(_OUTBOX.c.id == outbox_id)).one_or_none()


def claim(
    connection: Connection, outbox_id: int, *, state: str, claimed_at: datetime | None, worker: str, now: datetime
) -> bool:
    """Take the reminder for sending: true only for the one caller whose UPDATE found it as it was read."""
    condition = and_(_OUTBOX.c.id == outbox_id, _OUTBOX.c.state == state)
    if claimed_at is not None:
        condition = and_(condition, _OUTBOX.c.claimed_at == claimed_at)
    result = connection.execute(
        update(_OUTBOX)
        .where(condition)
        .values(state=CLAIMED, claimed_at=as_utc(now), claimed_by=worker, attempts=_OUTBOX.c.attempts + 1)
    )
    return bool(result.rowcount == 1)


def mark_sent(connection: Connection, outbox_id: int, *, now: datetime, late: bool) -> None:
    connection.execute(
        update(_OUTBOX)
        .where(_OUTBOX.c.id == outbox_id, _OUTBOX.c.state == CLAIMED)
        .values(state=SENT, sent_at=as_utc(now), late=late, last_error=None, next_attempt_at=None)
    )


def mark_failed(connection: Connection, outbox_id: int, *, error: str, retry_at: datetime | None) -> None:
    connection.execute(
        update(_OUTBOX)
        .where(_OUTBOX.c.id == outbox_id, _OUTBOX.c.state == CLAIMED)
        .values(state=FAILED, last_error=error, next_attempt_at=as_utc(retry_at) if retry_at else None)
    )


def mark_cancelled(connection: Connection, outbox_id: int, *, reason: str) -> None:
    connection.execute(
        update(_OUTBOX)
        .where(_OUTBOX.c.id == outbox_id, _OUTBOX.c.state.in_([PENDING, FAILED, CLAIMED]))
        .values(state=CANCELLED, last_error=reason, next_attempt_at=None)
    )
