"""a party's own names for the template's bodies ("Ansvarig nämnd" is Sundbyberg's "Socialnämnden")

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

No existing case has named a body, so the table starts empty; the next command on a case fills it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "body_names",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("party", sa.String(length=80), nullable=False),
        sa.Column("body_key", sa.String(length=500), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.UniqueConstraint("case_id", "party", "body_key"),
    )
    op.create_index("ix_body_names_case_id", "body_names", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_body_names_case_id", table_name="body_names")
    op.drop_table("body_names")
