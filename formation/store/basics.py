"""What the TUI's first frame must know about the database without importing SQLAlchemy: where it lives by
default, which paths SQLite can take, and the newest schema revision (a database at another one is opened,
and migrated or refused, first)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

HEAD_REVISION = "0008"
"""The newest migration. Kept here so that opening an up-to-date database needs no Alembic import; a test holds
it equal to Alembic's own head."""


def default_database_path() -> Path:
    """Where the database lives when neither --db nor FORMATION_DB says otherwise."""
    return Path(user_data_dir("formation", appauthor=False)) / "formation.db"


def encodable(path: str) -> bool:
    """Whether SQLite can be given the path: a file name in another encoding than UTF-8 reaches Python as
    surrogates, which no UTF-8 URL or SQLite file name can hold."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
