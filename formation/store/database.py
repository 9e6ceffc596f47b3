"""Opening a database: SQLite by path (default) or any SQLAlchemy URL; the schema is migrated on open."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from formation.domain.text import shown
from formation.errors import Refusal, first_line
from formation.store.basics import HEAD_REVISION, default_database_path, encodable

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 10_000
LOCK_WAIT_SECONDS = 30
"""How long a PostgreSQL write waits for another's lock on the case before it gives up and says so."""
LOCK_NOT_AVAILABLE = "55P03"


SCHEME_WITHOUT_SLASHES = re.compile(r"^(postgres(ql)?|sqlite)(\+\w+)?:/?[^/]", re.IGNORECASE)
"""'postgresql:/user:pw@host/db': a URL with a slash missing, which would otherwise be taken for a file name."""


def _shown_target(target: str) -> str:
    """A database address in a message: one line, no control characters, no password."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in target)
    if "@" in shown and ":" in shown:
        separator = "://" if "://" in shown else ":"
        scheme, rest = shown.split(separator, 1)
        shown = f"{scheme}{separator}…@{rest.rsplit('@', 1)[-1]}"
    return shown if len(shown) <= 80 else shown[:77] + "…"


def database_url(target: str | None, *, create: bool = True) -> str:
    """A SQLAlchemy URL from --db / FORMATION_DB: a URL is used as given, anything else is a SQLite path.
    `create=False` (every command but init, import and demo) refuses a SQLite file that does not exist yet."""
    target = target or os.environ.get("FORMATION_DB") or str(default_database_path())
    if "://" in target:
        try:
            url = make_url(target)
            port = url.port  # parsed lazily: a bad port only shows here
        except (ArgumentError, ValueError, TypeError) as exc:
            raise Refusal(f"Databasadressen '{_shown_target(target)}' går inte att tolka.", code="bad_url") from exc
        if port is not None and not 0 < port < 65536:
            raise Refusal(f"Databasadressen '{_shown_target(target)}' har ett ogiltigt portnummer.", code="bad_url")
        backend = url.drivername.lower().split("+", 1)[0]
        if backend in ("postgresql", "postgres"):
            # psycopg is the driver installed with formation: "+psycopg2" or "+asyncpg" copied from a guide
            # would otherwise fail on a missing module.
            url = url.set(drivername="postgresql+psycopg")
        elif backend == "sqlite":
            url = url.set(drivername=url.drivername.lower())
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise Refusal(
                f"Databasadressen '{_shown_target(target)}' anger en databas som inte stöds; använd SQLite eller "
                "PostgreSQL.",
                code="bad_url",
            )
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") and not create:
            _refuse_missing(Path(url.database))
        return url.render_as_string(hide_password=False)
    if "\x00" in target:
        raise Refusal("Sökvägen till databasen innehåller ett nolltecken.", code="bad_url")
    if not encodable(target):
        raise Refusal(
            "Sökvägen till databasen har ett tecken som inte är UTF-8; byt namn på filen eller katalogen.",
            code="bad_url",
        )
    if SCHEME_WITHOUT_SLASHES.match(target):
        raise Refusal(
            f"Databasadressen '{_shown_target(target)}' saknar '//' efter '{target.split(':', 1)[0]}:'; skriv till "
            "exempel postgresql://användare:lösenord@server/databas.",
            code="bad_url",
        )
    path = Path(target).expanduser()
    if not create:
        _refuse_missing(path)
    if not path.parent.exists():
        if target == str(default_database_path()):
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        else:
            raise Refusal(f"Katalogen {path.parent} finns inte; ange en sökväg i en befintlig katalog.")
    _create_private(path)
    return sqlite_url(path)


def sqlite_url(path: Path) -> str:
    """The URL of a SQLite file, with the characters a URL gives a meaning escaped: 'q%41.db' written into a
    URL as it is opened 'qA.db', and 'a?b.db' opened 'a'."""
    return URL.create("sqlite", database=str(path.resolve())).render_as_string(hide_password=False)


def _refuse_missing(path: Path) -> None:
    """Only init, import and demo create a database; every other command refuses a file that is not there."""
    try:
        exists = path.expanduser().is_file() and path.expanduser().stat().st_size > 0
    except OSError:
        exists = False
    if not exists:
        raise Refusal(
            f"Databasen {_shown_target(str(path))} finns inte; skapa ett ärende (init), läs in ett (import) eller "
            "skapa demoärendet (demo).",
            code="no_database",
        )


def _create_private(path: Path) -> None:
    """Create a new SQLite file readable by its owner only (SQLite gives -wal and -shm the same mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return
    except OSError:
        return  # reported in Swedish when the engine opens the file
    os.close(fd)


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
    # Without a lock timeout a write waits for ever behind one that hangs (a CLI suspended with Ctrl-Z).
    options = f"-c lock_timeout={LOCK_WAIT_SECONDS * 1000}"
    return create_engine(url, pool_pre_ping=True, connect_args={"options": options})


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database, None for a new one."""
    with engine.connect() as connection:
        return _revision_on(connection)


def _revision_on(connection: Any) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    revision: str | None = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return revision


def known_revisions() -> set[str]:
    """The revisions of this version's migrations ('0001' … HEAD_REVISION), from their file names."""
    return {path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("[0-9]*_*.py")}


MIGRATION_LOCK = 7_261_001
"""PostgreSQL advisory lock key held while the schema is migrated (any number no other program uses)."""


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration; a no-op (and no write) when it is already there."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in known_revisions():
        raise Refusal(
            f"Databasen har schemaversion {shown(revision)}, som den här versionen av formation inte känner till: "
            "en nyare formation har uppgraderat den. Använd den nyare versionen.",
            code="newer_schema",
        )
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
            if not sqlite:
                # Two processes opening a new database at once would both create the schema, and one fail;
                # the second waits here, then finds the schema made. (SQLite's BEGIN IMMEDIATE queues them.)
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                if _revision_on(connection) == HEAD_REVISION:
                    return
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise RuntimeError("foreign keys broken by the migration")
    finally:
        if migrator is not engine:
            migrator.dispose()


def open_database(target: str | None = None, *, create: bool = True) -> Engine:
    """The engine for --db / FORMATION_DB, migrated to the current schema. With `create=False` a database that
    does not exist or holds no schema yet is refused, and nothing is written."""
    url = database_url(target, create=create)
    try:
        engine = create_database_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError, TypeError) as exc:
        raise Refusal(f"Databasadressen '{_shown_target(url)}' går inte att använda.", code="bad_url") from exc
    try:
        if not create and current_revision(engine) is None:
            raise Refusal(
                "Databasen har inget ärende ännu; skapa ett ärende (init), läs in ett (import) eller skapa "
                "demoärendet (demo).",
                code="no_database",
            )
        migrate(engine)
    except Refusal:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise Refusal(_not_opened(exc, url), code="database") from exc
    return engine


# What PostgreSQL's client says when it cannot connect, and the sentence a coordinator gets instead.
_CONNECTION_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r'password authentication failed for user "([^"]*)"'),  # also said of a user that is not there
        "Fel användarnamn eller lösenord ({0}) för PostgreSQL på {host}.",
    ),
    (re.compile(r'role "([^"]*)" does not exist'), "Användaren {0} finns inte på {host}."),
    (
        re.compile(r'database "([^"]*)" does not exist'),
        "Databasen {0} finns inte på {host}; skapa den först (createdb).",
    ),
    (re.compile(r"Connection refused|could not connect|timeout expired"), "Ingen PostgreSQL-server svarar på {host}."),
    (
        re.compile(r"failed to resolve host|could not translate host name|Name or service not known"),
        "Servernamnet i databasadressen går inte att slå upp (ett @ eller : i lösenordet skrivs %40 och %3A).",
    ),
    (re.compile(r"server does not support SSL"), "Servern {host} stöder inte SSL, som adressen kräver (sslmode)."),
    (re.compile(r'invalid connection option "([^"]*)"'), "Databasadressen har ett okänt alternativ, '{0}'."),
)


def _not_opened(exc: BaseException, url: str) -> str:
    """One Swedish sentence for a database that could not be opened; the driver's own words only when no
    known cause matches, and never with the password."""
    said = first_line(exc)
    parsed = make_url(url)
    host = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    for pattern, sentence in _CONNECTION_PROBLEMS:
        found = pattern.search(said)
        if found:
            return sentence.format(*found.groups(), host=host)
    if parsed.password:
        said = said.replace(parsed.password, "***")
    return f"Databasen kunde inte öppnas: {_one_line(said)}"


def _one_line(text: str) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= 200 else clean[:197] + "…"
