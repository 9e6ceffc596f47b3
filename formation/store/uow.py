"""Transactions: reads never take a write lock; a write is one transaction, committed only when the command
succeeds, serialised per case (SQLite: BEGIN IMMEDIATE; PostgreSQL: the case row locked FOR UPDATE).

A `Session` here is one transaction on one SQLAlchemy Core connection, not an ORM session: the engine reads and
writes rows with Core statements only, and a read command then needs neither the ORM nor SQLModel."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

from formation.store.database import SQLITE_BUSY_TIMEOUT_MS, for_writing


class Session:
    """One transaction on one connection: what every store function reads and writes through."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._after_commit: list[Callable[[], None]] = []

    def connection(self) -> Connection:
        return self._connection

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the transaction has committed (never if it rolls back)."""
        self._after_commit.append(callback)

    def _committed(self) -> None:
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A read-only transaction (one consistent snapshot on both backends)."""
    with engine.connect() as connection, connection.begin():
        yield Session(connection)


@contextmanager
def writing(engine: Engine, *, wait: bool = True) -> Iterator[Session]:
    """A write transaction: committed on success, rolled back on any exception. `wait=False` (SQLite) gives up
    at once, with OperationalError, when another writer holds the lock, instead of waiting up to the busy
    timeout: for a write that is only worth making when it costs nothing, such as the TUI's stored frame."""
    with for_writing(engine).connect() as connection:
        impatient = not wait and connection.dialect.name == "sqlite"
        if impatient:
            _busy_timeout(connection, 0)
        try:
            session = Session(connection)
            with connection.begin():
                yield session
            session._committed()
        finally:
            if impatient:
                _busy_timeout(connection, SQLITE_BUSY_TIMEOUT_MS)


def _busy_timeout(connection: Connection, milliseconds: int) -> None:
    # On the driver's connection: a statement on `connection` would begin the transaction (BEGIN IMMEDIATE),
    # which is what must not wait.
    driver = connection.connection.driver_connection
    if driver is not None:
        driver.execute(f"PRAGMA busy_timeout = {milliseconds}")
