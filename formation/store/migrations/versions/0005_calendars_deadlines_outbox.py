"""meeting calendars, contacts, deadlines (set by hand and planned) and the reminder outbox

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

Existing cases have no calendar events, so the new tables start empty; the next command fills them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _case_id() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "schedule_meetings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_id(),
        sa.Column("party", sa.String(length=80), nullable=True),
        sa.Column("body", sa.String(length=200), nullable=False),
        sa.Column("body_key", sa.String(length=200), nullable=False),
        sa.Column("meeting_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=True),
    )
    op.create_index("ix_schedule_meetings_case_id", "schedule_meetings", ["case_id"])
    op.create_table(
        "schedule_contacts",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_id(),
        sa.Column("party", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=True),
    )
    op.create_index("ix_schedule_contacts_case_id", "schedule_contacts", ["case_id"])
    op.create_table(
        "deadline_overrides",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_id(),
        sa.Column("party", sa.String(length=80), nullable=False),
        sa.Column("step", sa.String(length=80), nullable=False),
        sa.Column("deadline_on", sa.Date(), nullable=False),
        sa.UniqueConstraint("case_id", "party", "step"),
    )
    op.create_index("ix_deadline_overrides_case_id", "deadline_overrides", ["case_id"])
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_id(),
        sa.Column("party", sa.String(length=80), nullable=False),
        sa.Column("step", sa.String(length=80), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("body", sa.String(length=200), nullable=False),
        sa.Column("deadline_on", sa.Date(), nullable=False),
        sa.Column("overridden", sa.Boolean(), nullable=False),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("critical", sa.Boolean(), nullable=False),
        sa.Column("known_from", sa.Date(), nullable=False),
        sa.UniqueConstraint("case_id", "party", "step"),
    )
    op.create_index("ix_deadlines_case_id", "deadlines", ["case_id"])
    op.create_table(
        "reminder_outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_id(),
        sa.Column("key", sa.String(length=400), nullable=False, unique=True),
        sa.Column("party", sa.String(length=80), nullable=False),
        sa.Column("step", sa.String(length=80), nullable=False),
        sa.Column("deadline_on", sa.Date(), nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reminder_outbox_case_id", "reminder_outbox", ["case_id"])
    op.create_index("ix_reminder_outbox_due_at", "reminder_outbox", ["due_at"])
    op.create_index("ix_reminder_outbox_state", "reminder_outbox", ["state"])


def downgrade() -> None:
    for table in ("reminder_outbox", "deadlines", "deadline_overrides", "schedule_contacts", "schedule_meetings"):
        op.drop_table(table)
