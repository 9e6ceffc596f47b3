"""the case's pinned template, the latest effective date of its events, and when each party was entered

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

`cases.template` stays null for existing cases: they replay with the frozen FINSAM template version 1, which
is what they were created with. `first_event_on`, `last_event_on` and `parties.added_on` are filled from the events.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch_op:
        batch_op.add_column(sa.Column("first_event_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_event_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("template", sa.JSON(), nullable=True))
    with op.batch_alter_table("parties") as batch_op:
        batch_op.add_column(sa.Column("added_on", sa.Date(), nullable=True))
    bind = op.get_bind()
    events = sa.table(
        "events",
        sa.column("case_id", sa.Integer),
        sa.column("type", sa.String),
        sa.column("party", sa.String),
        sa.column("decided_on", sa.Date),
        sa.column("recorded_at", sa.DateTime),
    )
    cases = sa.table(
        "cases", sa.column("id", sa.Integer), sa.column("first_event_on", sa.Date), sa.column("last_event_on", sa.Date)
    )
    parties = sa.table(
        "parties",
        sa.column("case_id", sa.Integer),
        sa.column("slug", sa.String),
        sa.column("added_on", sa.Date),
    )
    spans = bind.execute(
        sa.select(events.c.case_id, sa.func.min(events.c.decided_on), sa.func.max(events.c.decided_on)).group_by(
            events.c.case_id
        )
    ).all()
    for case_id, first, last in spans:
        bind.execute(sa.update(cases).where(cases.c.id == case_id).values(first_event_on=first, last_event_on=last))
    added = bind.execute(
        sa.select(events.c.case_id, events.c.party, events.c.recorded_at).where(events.c.type == "party_added")
    ).all()
    for case_id, slug, recorded_at in added:
        day = (
            recorded_at.date() if isinstance(recorded_at, dt.datetime) else dt.date.fromisoformat(str(recorded_at)[:10])
        )
        bind.execute(
            sa.update(parties).where(parties.c.case_id == case_id, parties.c.slug == slug).values(added_on=day)
        )


def downgrade() -> None:
    with op.batch_alter_table("parties") as batch_op:
        batch_op.drop_column("added_on")
    with op.batch_alter_table("cases") as batch_op:
        batch_op.drop_column("template")
        batch_op.drop_column("last_event_on")
        batch_op.drop_column("first_event_on")
