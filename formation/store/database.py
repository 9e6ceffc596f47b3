"""Opening a database: SQLite by path (default) or any SQLAlchemy URL; the schema is migrated on open."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from formation.errors import Refusal, first_line

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Kept here so that opening an up-to-date database needs no Alembic import;
# a test holds it equal to Alembic's own head.
HEAD_REVISION = "0005"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def default_database_path() -> Path:
    """Where the database lives when neither --db nor FORMATION_DB says otherwise."""
    return Path(user_data_dir("formation", appauthor=False)) / "formation.db"


def database_url(target: str | None) -> str:
    """A SQLAlchemy URL from --db / FORMATION_DB: a URL is used as given, anything else is a SQLite path."""
    target = target or os.environ.get("FORMATION_DB") or str(default_database_path())
    if "://" in target:
        try:
            url = make_url(target)
        except ArgumentError as exc:
            raise Refusal(f"Databasadressen '{target}' går inte att tolka.") from exc
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    path = Path(target).expanduser()
    if not path.parent.exists():
        if target == str(default_database_path()):
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            raise Refusal(f"Katalogen {path.parent} finns inte; ange en sökväg i en befintlig katalog.")
    return f"sqlite:///{path.resolve()}"


WRITE_OPTION = "formation_write"


def for_writing(engine: Engine) -> Engine:
    """The same engine, marked so that SQLite starts its transactions with BEGIN IMMEDIATE."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _configure_sqlite(engine: Engine, *, foreign_keys: bool = True) -> None:
    """WAL for concurrent readers, foreign keys on, a busy timeout, and BEGIN IMMEDIATE for writes (only),
    so that two writers queue up instead of failing halfway through a command while readers never wait."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write or not foreign_keys else "BEGIN")


def create_database_engine(url: str) -> Engine:
    """An engine for `url`, configured for its backend, schema not yet checked."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database, None for a new one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration; a no-op (and no write) when it is already there."""
    if current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    sqlite = engine.dialect.name == "sqlite"
    # SQLite alters a table by copying it (Alembic batch mode), and dropping a table that others reference
    # fails while foreign keys are enforced: migrate on a connection without them, then check the keys.
    migrator = create_engine(engine.url) if sqlite else engine
    if sqlite:
        _configure_sqlite(migrator, foreign_keys=False)
    try:
        with migrator.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise RuntimeError("foreign keys broken by the migration")
    finally:
        if migrator is not engine:
            migrator.dispose()


def open_database(target: str | None = None) -> Engine:
    """The engine for --db / FORMATION_DB, migrated to the current schema."""
    engine = create_database_engine(database_url(target))
    try:
        migrate(engine)
    except Refusal:
        raise
    except Exception as exc:
        engine.dispose()
        raise Refusal(f"Databasen kunde inte öppnas: {first_line(exc)}") from exc
    return engine
