"""Transactions: reads never take a write lock; a write is one transaction, committed only when the command
succeeds, serialised per case (SQLite: BEGIN IMMEDIATE; PostgreSQL: the case row locked FOR UPDATE)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session

from formation.store.database import for_writing


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A read-only session inside a transaction (one consistent snapshot on both backends)."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A session inside a write transaction: committed on success, rolled back on any exception."""
    with Session(for_writing(engine), expire_on_commit=False) as session, session.begin():
        yield session
