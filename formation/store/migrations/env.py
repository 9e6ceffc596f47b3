"""Alembic environment: runs on the connection handed over by formation.store.database.migrate."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import formation.store.tables  # noqa: F401  (registers the tables on the metadata)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through formation.store.database.migrate")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
