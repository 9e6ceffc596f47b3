"""Unit of work: one command = one transaction, committed only when the command succeeds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction: committed on success, rolled back on any exception."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session
