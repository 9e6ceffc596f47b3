"""appeals, notice of leaving and board seats

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("party_progress") as batch_op:
        batch_op.add_column(sa.Column("leaves_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("appeal_filed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("appeal_appellant", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("appeal_court", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("appeal_decided_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("appeal_outcome", sa.String(length=20), nullable=True))
    op.create_table(
        "board_seats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=80), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("term_start", sa.Date(), nullable=False),
        sa.Column("term_end", sa.Date(), nullable=False),
        sa.Column("fullmaktige", sa.String(length=200), nullable=True),
        sa.Column("employed_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("board_seats") as batch_op:
        batch_op.create_index(batch_op.f("ix_board_seats_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("board_seats") as batch_op:
        batch_op.drop_index(batch_op.f("ix_board_seats_case_id"))
    op.drop_table("board_seats")
    with op.batch_alter_table("party_progress") as batch_op:
        for column in (
            "appeal_outcome",
            "appeal_decided_on",
            "appeal_court",
            "appeal_appellant",
            "appeal_filed_on",
            "leaves_on",
        ):
            batch_op.drop_column(column)
