"""what each förbundsordning text states (the 9 § checklist, the board's term), read once and stored

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25

The existing texts are read here, so that the first `status` after the upgrade does not read them all.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from formation.domain.fo_facts import facts_to_stored, read_text_facts

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fo_versions") as batch_op:
        batch_op.add_column(sa.Column("facts", sa.JSON(), nullable=True))
    versions = sa.table(
        "fo_versions", sa.column("id", sa.Integer()), sa.column("text", sa.Text()), sa.column("facts", sa.JSON())
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(versions.c.id, versions.c.text)).all()
    for row in rows:
        stored = facts_to_stored(read_text_facts(row.text))
        connection.execute(sa.update(versions).where(versions.c.id == row.id).values(facts=stored))


def downgrade() -> None:
    with op.batch_alter_table("fo_versions") as batch_op:
        batch_op.drop_column("facts")
