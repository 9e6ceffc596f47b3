"""Where the database lives by default; without SQLAlchemy, so that the TUI's first frame can find it."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir


def default_database_path() -> Path:
    """Where the database lives when neither --db nor FORMATION_DB says otherwise."""
    return Path(user_data_dir("formation", appauthor=False)) / "formation.db"
