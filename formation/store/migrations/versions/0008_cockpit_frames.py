"""the TUI dashboard's last frame of each case, so that the TUI opens without reading the case

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

A cache: the table starts empty, and the TUI fills it the first time it reads a case.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cockpit_frames",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("frame_key", sa.String(length=200), nullable=False),
        sa.Column("frame", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("cockpit_frames")
