"""The tables as SQLAlchemy Core objects: what every query of the engine runs on.

GENERATED from the SQLModel classes in `tables.py` by `python -m formation.store.schema_source`; do not edit.
A test fails when this file and `tables.py` disagree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from formation.store.column_types import UTCDateTime

metadata = MetaData()

board_seats = Table(
    "board_seats",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("position", Integer(), nullable=False),
    Column("party", String(80), nullable=False),
    Column("person", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("term_start", Date(), nullable=False),
    Column("term_end", Date(), nullable=False),
    Column("fullmaktige", String(200), nullable=True),
    Column("employed_by", String(200), nullable=True),
)

body_names = Table(
    "body_names",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("party", String(80), nullable=False),
    Column("body_key", String(500), nullable=False),
    Column("name", String(200), nullable=False),
    UniqueConstraint("case_id", "party", "body_key"),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("slug", String(80), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("seat", String(200), nullable=True),
    Column("target_start", Date(), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("revision", Integer(), nullable=False, default=0),
    Column("current_version", Integer(), nullable=True),
    Column("in_force_version", Integer(), nullable=True),
    Column("formed_on", Date(), nullable=True),
    Column("no_region", Boolean(), nullable=False, default=False),
    Column("first_event_on", Date(), nullable=True),
    Column("last_event_on", Date(), nullable=True),
    Column("template", JSON(), nullable=True),
)

cockpit_frames = Table(
    "cockpit_frames",
    metadata,
    Column("case_id", Integer(), ForeignKey("cases.id"), primary_key=True, nullable=False),
    Column("revision", Integer(), nullable=False),
    Column("frame_key", String(200), nullable=False),
    Column("frame", Text(), nullable=False),
)

deadline_overrides = Table(
    "deadline_overrides",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("party", String(80), nullable=False),
    Column("step", String(80), nullable=False),
    Column("deadline_on", Date(), nullable=False),
    UniqueConstraint("case_id", "party", "step"),
)

deadlines = Table(
    "deadlines",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("party", String(80), nullable=False),
    Column("step", String(80), nullable=False),
    Column("label", String(200), nullable=False),
    Column("body", String(200), nullable=False),
    Column("deadline_on", Date(), nullable=False),
    Column("overridden", Boolean(), nullable=False, default=False),
    Column("meeting_on", Date(), nullable=True),
    Column("critical", Boolean(), nullable=False, default=False),
    Column("known_from", Date(), nullable=False),
    UniqueConstraint("case_id", "party", "step"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("seq", Integer(), nullable=False),
    Column("type", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
    Column("party", String(80), nullable=True),
    Column("step", String(80), nullable=True),
    Column("outcome", String(20), nullable=True),
    Column("decided_on", Date(), nullable=True),
    Column("body", String(500), nullable=True),
    Column("paragraph", String(100), nullable=True),
    Column("dnr", String(100), nullable=True),
    Column("fo_version", Integer(), nullable=True),
    Column("anslag", Date(), nullable=True),
    Column("note", Text(), nullable=True),
    Column("data", JSON(), nullable=False),
    UniqueConstraint("case_id", "seq"),
)

fo_versions = Table(
    "fo_versions",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("number", Integer(), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("filename", String(500), nullable=False),
    Column("text", Text(), nullable=False),
    Column("added_on", Date(), nullable=True),
    Column("start_date", Date(), nullable=True),
    Column("in_force", Boolean(), nullable=False, default=False),
    Column("facts", JSON(), nullable=True),
    UniqueConstraint("case_id", "number"),
)

parties = Table(
    "parties",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("position", Integer(), nullable=False),
    Column("slug", String(80), nullable=False),
    Column("name", String(200), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("observer", Boolean(), nullable=False, default=False),
    Column("member_since", Date(), nullable=True),
    Column("key_percent", String(20), nullable=True),
    Column("population", Integer(), nullable=True),
    Column("email", String(320), nullable=True),
    Column("workflow", JSON(), nullable=True),
    Column("added_on", Date(), nullable=True),
    UniqueConstraint("case_id", "slug"),
)

party_progress = Table(
    "party_progress",
    metadata,
    Column("party_id", Integer(), ForeignKey("parties.id"), primary_key=True, nullable=False),
    Column("state", String(80), nullable=False),
    Column("approved_version", Integer(), nullable=True),
    Column("approved_on", Date(), nullable=True),
    Column("anslag_on", Date(), nullable=True),
    Column("leaves_on", Date(), nullable=True),
    Column("appeal_filed_on", Date(), nullable=True),
    Column("appeal_appellant", String(200), nullable=True),
    Column("appeal_court", String(200), nullable=True),
    Column("appeal_decided_on", Date(), nullable=True),
    Column("appeal_outcome", String(20), nullable=True),
)

reminder_outbox = Table(
    "reminder_outbox",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("key", String(400), nullable=False, unique=True),
    Column("party", String(80), nullable=False),
    Column("step", String(80), nullable=False),
    Column("deadline_on", Date(), nullable=False),
    Column("offset_days", Integer(), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("due_at", UTCDateTime(), nullable=False, index=True),
    Column("state", String(20), nullable=False, index=True),
    Column("attempts", Integer(), nullable=False, default=0),
    Column("last_error", Text(), nullable=True),
    Column("next_attempt_at", UTCDateTime(), nullable=True),
    Column("claimed_at", UTCDateTime(), nullable=True),
    Column("claimed_by", String(200), nullable=True),
    Column("sent_at", UTCDateTime(), nullable=True),
    Column("late", Boolean(), nullable=False, default=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

schedule_contacts = Table(
    "schedule_contacts",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("party", String(80), nullable=False),
    Column("name", String(200), nullable=False),
    Column("email", String(320), nullable=False),
    Column("role", String(100), nullable=True),
)

schedule_meetings = Table(
    "schedule_meetings",
    metadata,
    Column("id", Integer(), primary_key=True, nullable=False),
    Column("case_id", Integer(), ForeignKey("cases.id"), nullable=False, index=True),
    Column("party", String(80), nullable=True),
    Column("body", String(200), nullable=False),
    Column("body_key", String(200), nullable=False),
    Column("meeting_on", Date(), nullable=False),
    Column("source", String(500), nullable=True),
)

step_records = Table(
    "step_records",
    metadata,
    Column("party_id", Integer(), ForeignKey("parties.id"), primary_key=True, nullable=False),
    Column("step_id", String(80), primary_key=True, nullable=False),
    Column("status", String(20), nullable=False),
    Column("decided_on", Date(), nullable=True),
    Column("outcome", String(20), nullable=True),
    Column("fo_version", Integer(), nullable=True),
    Column("reason", Text(), nullable=True),
)
