"""`backup` and `restore` of a SQLite database: SQLite's online backup API copies a consistent snapshot while
other processes keep writing, and the copy is a private (0600) file. PostgreSQL is backed up with its own tools;
`pg_dump_command` is the documented command.

Both copy in one step. Copied in parts, a backup starts over whenever another process writes between two parts,
so a database written every few seconds might never be copied; in one step the copy reads one snapshot (the
database is in WAL mode, so writers go on meanwhile). A restore holds the write lock of the database it replaces
for that step; when others keep that lock it gives up after `LOCK_WAIT_SECONDS` with a sentence, instead of
waiting for ever (Python's backup() retries a busy database without end)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from formation.errors import Refusal, first_line
from formation.store.basics import HEAD_REVISION
from formation.store.database import SQLITE_BUSY_TIMEOUT_MS, sqlite_url
from formation.store.private_files import FILE_MODE, shown_path

FORMATION_TABLES = frozenset({"alembic_version", "cases", "events"})
ALL_PAGES = -1
LOCK_WAIT_SECONDS = 30.0


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, None for any other backend (or an in-memory database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def pg_dump_command(url: str) -> str:
    """The documented PostgreSQL backup: a custom-format dump that `pg_restore` reads (password not shown)."""
    parsed = make_url(url).set(drivername="postgresql")
    shown = parsed.render_as_string(hide_password=True)
    return f"pg_dump --format=custom --no-owner --file=FIL '{shown}'"


def pg_restore_command(url: str) -> str:
    """The documented PostgreSQL restore of a `pg_dump_command` file into the database at `url`."""
    shown = make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)
    return f"pg_restore --clean --if-exists --no-owner --dbname='{shown}' FIL"


def _connect(path: Path, *, read_only: bool, busy_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    uri = f"file:{path}?mode={'ro' if read_only else 'rwc'}"
    connection = sqlite3.connect(uri, uri=True, timeout=busy_ms / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout={busy_ms}")
    return connection


class _LockNotGiven(Exception):
    """The database stayed locked by others for longer than the copy may wait."""


def _copy(src: sqlite3.Connection, dst: sqlite3.Connection, wait_seconds: float) -> None:
    """Copy every page of `src` into `dst` in one step, giving up once a lock has been refused for `wait_seconds`."""
    deadline = time.monotonic() + wait_seconds

    def give_up_when_late(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() >= deadline:
            raise _LockNotGiven

    src.backup(dst, pages=ALL_PAGES, progress=give_up_when_late)


def _refuse_target(target: Path, force: bool) -> None:
    if target.is_symlink():
        raise Refusal(f"{shown_path(target)} är en symbolisk länk; ange en vanlig fil.", code="symlink")
    if target.exists() and (target.is_dir() or not force):
        raise Refusal(
            f"Filen {shown_path(target)} finns redan; välj ett annat namn eller skriv över den (force).",
            code="file_exists",
        )
    if not target.parent.is_dir():
        raise Refusal(f"Katalogen {shown_path(target.parent)} finns inte.", code="no_folder")


def backup_sqlite(source: Path, target: Path, *, force: bool = False, wait_seconds: float = LOCK_WAIT_SECONDS) -> int:
    """Copy the database at `source` to `target` (0600) while others may write; returns the number of pages.
    The copy is written beside the target first and moved into place only when complete and checked."""
    _refuse_target(target, force)
    if not source.is_file():
        raise Refusal(f"Databasen {shown_path(source)} finns inte.", code="no_database")
    temporary = target.parent / f".{target.name}.{os.getpid()}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    os.close(fd)
    try:
        src = _connect(source, read_only=True)
        dst = _connect(temporary, read_only=False)
        try:
            _copy(src, dst, wait_seconds)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            pages = int(dst.execute("PRAGMA page_count").fetchone()[0])
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if check != "ok":
            raise Refusal(f"Kopian blev inte hel ({check}); försök igen.", code="backup_failed")
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)
        return pages
    except _LockNotGiven:
        raise Refusal(
            f"Databasen {shown_path(source)} var låst av andra i {wait_seconds:.0f} sekunder; ingen kopia gjordes, "
            "försök igen.",
            code="backup_failed",
        ) from None
    except sqlite3.Error as exc:
        raise Refusal(f"Säkerhetskopian kunde inte göras: {first_line(exc)}.", code="backup_failed") from exc
    finally:
        temporary.unlink(missing_ok=True)


def check_formation_file(path: Path) -> str:
    """Refuse a file that is not a formation SQLite database; returns its schema revision."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise Refusal(f"Filen {shown_path(path)} kan inte läsas ({exc.strerror}).", code="not_a_backup") from exc
    if header != b"SQLite format 3\x00":
        raise Refusal(f"Filen {shown_path(path)} är ingen SQLite-databas.", code="not_a_backup")
    try:
        connection = _connect(path, read_only=True)
        try:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables >= FORMATION_TABLES:
                raise Refusal(f"Filen {shown_path(path)} är ingen databas från formation.", code="not_a_backup")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise Refusal(
            f"Filen {shown_path(path)} kan inte läsas som databas: {first_line(exc)}.", code="not_a_backup"
        ) from exc
    if check != "ok":
        raise Refusal(f"Databasen i {shown_path(path)} är skadad ({check}).", code="not_a_backup")
    if revision is None or not str(revision[0]).isdigit() or str(revision[0]) > HEAD_REVISION:
        raise Refusal(
            f"Filen {shown_path(path)} kommer från en nyare version av formation; uppgradera programmet först.",
            code="not_a_backup",
        )
    return str(revision[0])


def is_empty(engine: Engine) -> bool:
    """True when the database holds no case (a new file, or a schema without rows)."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("cases"):
            return True
        return not connection.execute(text("SELECT 1 FROM cases LIMIT 1")).first()


def restore_sqlite(backup: Path, target: Path, *, force: bool = False, wait_seconds: float = LOCK_WAIT_SECONDS) -> None:
    """Replace the database at `target` with the backup (migrated to the current schema). Refuses a non-empty
    database without `force`, and a file that is not a formation database. Writers of the target wait on its
    lock while the pages are copied (SQLite's backup API into a live database); when they hold it for longer than
    `wait_seconds`, nothing is restored."""
    from formation.store.database import create_database_engine, migrate

    check_formation_file(backup)
    if target.is_symlink():
        raise Refusal(f"{shown_path(target)} är en symbolisk länk; ange en vanlig fil.", code="symlink")
    if backup.resolve() == target.resolve():
        raise Refusal("Säkerhetskopian och databasen är samma fil.", code="same_file")
    if target.exists() and target.stat().st_size > 0 and not force:
        engine = create_engine(sqlite_url(target))
        try:
            empty = is_empty(engine)
        finally:
            engine.dispose()
        if not empty:
            raise Refusal(
                f"Databasen {shown_path(target)} har redan ärenden; återställ bara över den med force.",
                code="not_empty",
            )
    if not target.exists():
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        os.close(fd)
    try:
        src = _connect(backup, read_only=True)
        dst = _connect(target, read_only=False, busy_ms=min(SQLITE_BUSY_TIMEOUT_MS, int(wait_seconds * 1000)))
        try:
            _copy(src, dst, wait_seconds)
        finally:
            dst.close()
            src.close()
    except _LockNotGiven:
        raise Refusal(
            f"Databasen {shown_path(target)} var låst av andra som skrev i {wait_seconds:.0f} sekunder; ingenting "
            "återställdes, försök igen när de är klara.",
            code="restore_busy",
        ) from None
    except sqlite3.Error as exc:
        raise Refusal(f"Databasen kunde inte återställas: {first_line(exc)}.", code="restore_failed") from exc
    engine = create_database_engine(sqlite_url(target))
    try:
        migrate(engine)
    finally:
        engine.dispose()
