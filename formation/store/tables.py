"""SQLModel tables. The schema itself is owned by the Alembic migrations in `migrations/`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from formation.domain.text import BODY_MAX, EMAIL_MAX, NAME_MAX, SHORT_MAX, SLUG_MAX


class CaseRow(SQLModel, table=True):
    """One förbund being formed (or joined); `revision` guards against concurrent writers."""

    __tablename__ = "cases"
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=SLUG_MAX)
    name: str = Field(max_length=NAME_MAX)
    seat: str | None = Field(default=None, max_length=NAME_MAX)
    target_start: date | None = None
    created_at: datetime
    revision: int = 0
    current_version: int | None = None
    in_force_version: int | None = None
    formed_on: date | None = None
    no_region: bool = False
    first_event_on: date | None = None
    last_event_on: date | None = None
    template: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class PartyRow(SQLModel, table=True):
    """A party as added; `workflow` holds its own variant, or null for the template of its kind."""

    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("case_id", "slug"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    position: int
    slug: str = Field(max_length=SLUG_MAX)
    name: str = Field(max_length=NAME_MAX)
    kind: str = Field(max_length=40)
    observer: bool = False
    member_since: date | None = None
    key_percent: str | None = Field(default=None, max_length=20)
    population: int | None = None
    email: str | None = Field(default=None, max_length=EMAIL_MAX)
    workflow: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    added_on: date | None = None


class FoVersionRow(SQLModel, table=True):
    """One version of the förbundsordning, with its full text (the text is stored once, when the version is
    added; the other columns are projection)."""

    __tablename__ = "fo_versions"
    __table_args__ = (UniqueConstraint("case_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    number: int
    sha256: str = Field(max_length=64)
    filename: str = Field(max_length=500)
    text: str = Field(sa_column=Column(Text, nullable=False))
    added_on: date | None = None
    start_date: date | None = None
    in_force: bool = False
    facts: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    """What the text states (domain.fo_facts), read once when the version is added."""


class EventRow(SQLModel, table=True):
    """Append-only: one accepted command."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    seq: int
    type: str = Field(max_length=40)
    actor: str = Field(max_length=NAME_MAX)
    recorded_at: datetime
    party: str | None = Field(default=None, max_length=SLUG_MAX)
    step: str | None = Field(default=None, max_length=SLUG_MAX)
    outcome: str | None = Field(default=None, max_length=20)
    decided_on: date | None = None
    body: str | None = Field(default=None, max_length=BODY_MAX)
    paragraph: str | None = Field(default=None, max_length=SHORT_MAX)
    dnr: str | None = Field(default=None, max_length=SHORT_MAX)
    fo_version: int | None = None
    anslag: date | None = None
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class PartyProgressRow(SQLModel, table=True):
    """Projection: where one party stands."""

    __tablename__ = "party_progress"
    party_id: int = Field(foreign_key="parties.id", primary_key=True)
    state: str = Field(max_length=SLUG_MAX)  # a stage id
    approved_version: int | None = None
    approved_on: date | None = None
    anslag_on: date | None = None
    leaves_on: date | None = None
    appeal_filed_on: date | None = None
    appeal_appellant: str | None = Field(default=None, max_length=NAME_MAX)
    appeal_court: str | None = Field(default=None, max_length=NAME_MAX)
    appeal_decided_on: date | None = None
    appeal_outcome: str | None = Field(default=None, max_length=20)


class StepRecordRow(SQLModel, table=True):
    """Projection: the latest state of one step of one party."""

    __tablename__ = "step_records"
    party_id: int = Field(foreign_key="parties.id", primary_key=True)
    step_id: str = Field(primary_key=True, max_length=SLUG_MAX)
    status: str = Field(max_length=20)
    decided_on: date | None = None
    outcome: str | None = Field(default=None, max_length=20)
    fo_version: int | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class BoardSeatRow(SQLModel, table=True):
    """Projection: one seat on the förbund's styrelse."""

    __tablename__ = "board_seats"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    position: int
    party: str = Field(max_length=SLUG_MAX)
    person: str = Field(max_length=NAME_MAX)
    role: str = Field(max_length=20)
    term_start: date
    term_end: date
    fullmaktige: str | None = Field(default=None, max_length=NAME_MAX)
    employed_by: str | None = Field(default=None, max_length=NAME_MAX)


class MeetingRow(SQLModel, table=True):
    """Projection: one meeting in the case's calendars; `party` null: a global meeting of that body."""

    __tablename__ = "schedule_meetings"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    party: str | None = Field(default=None, max_length=80)
    body: str = Field(max_length=200)
    body_key: str = Field(max_length=200)
    meeting_on: date
    source: str | None = Field(default=None, max_length=500)


class ContactRow(SQLModel, table=True):
    """Projection: a person at a party who receives its reminders."""

    __tablename__ = "schedule_contacts"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    party: str = Field(max_length=80)
    name: str = Field(max_length=200)
    email: str = Field(max_length=320)
    role: str | None = Field(default=None, max_length=100)


class DeadlineOverrideRow(SQLModel, table=True):
    """Projection: a deadline set by hand for a party's step."""

    __tablename__ = "deadline_overrides"
    __table_args__ = (UniqueConstraint("case_id", "party", "step"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    party: str = Field(max_length=80)
    step: str = Field(max_length=80)
    deadline_on: date


class BodyNameRow(SQLModel, table=True):
    """Projection: a party's own name for a body of the template ("Ansvarig nämnd" is "Socialnämnden")."""

    __tablename__ = "body_names"
    __table_args__ = (UniqueConstraint("case_id", "party", "body_key"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    party: str = Field(max_length=80)
    body_key: str = Field(max_length=500)
    name: str = Field(max_length=200)


class DeadlineRow(SQLModel, table=True):
    """Read model: the deadline of every pending step, from the plan after every command."""

    __tablename__ = "deadlines"
    __table_args__ = (UniqueConstraint("case_id", "party", "step"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    party: str = Field(max_length=80)
    step: str = Field(max_length=80)
    label: str = Field(max_length=200)
    body: str = Field(max_length=200)
    deadline_on: date
    overridden: bool = False
    meeting_on: date | None = None
    critical: bool = False
    known_from: date


class OutboxRow(SQLModel, table=True):
    """One reminder to send: UNIQUE key, claimed before sending, marked sent after (times in UTC)."""

    __tablename__ = "reminder_outbox"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    key: str = Field(max_length=400, unique=True)
    party: str = Field(max_length=80)
    step: str = Field(max_length=80)
    deadline_on: date
    offset_days: int
    kind: str = Field(max_length=20)
    due_at: datetime = Field(index=True)
    state: str = Field(max_length=20, index=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    next_attempt_at: datetime | None = None
    claimed_at: datetime | None = None
    claimed_by: str | None = Field(default=None, max_length=200)
    sent_at: datetime | None = None
    late: bool = False
    created_at: datetime


class CockpitFrameRow(SQLModel, table=True):
    """Cache: the TUI dashboard's last frame of a case (`tui.frame_cache`), as JSON, with the revision and the
    key (day, code, settings) it was read under. The engine never reads it; a stale row is only ever ignored."""

    __tablename__ = "cockpit_frames"
    case_id: int = Field(foreign_key="cases.id", primary_key=True)
    revision: int
    frame_key: str = Field(max_length=200)
    frame: str = Field(sa_column=Column(Text, nullable=False))
