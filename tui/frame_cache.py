"""The dashboard's last frame, stored in the database, so that the TUI opens on it without reading the case.

Reading a case means importing SQLAlchemy and the engine and computing its status (about half a second for
any case); the frame that produces depends only on the case's stored state, the day and the code. So the
dashboard stores each frame it reads for today (`cockpit_frames`, one row per case), and the next start shows
it at once when nothing it depends on has changed:
- the case's revision: every change to a case is an event, and every event moves the revision (the row is
  written only while the case is still at the revision it was read at);
- today (overdue deadlines, appeal periods and "bildas" depend on it);
- the code: the size and modification time of every module and workflow file of the engine, the holidays
  package (working days) and the Python version;
- the settings file's bytes.
The row lives in the database file itself, so another file at the same path has its own frames or none; its
key also holds the digest of the frame's text, and the frame must name the case it is stored for. Any
difference, a schema other than this code's, or a row that cannot be read or shown: the dashboard reads the
case as before (and stores a good frame again). Only a SQLite file named by
path is used (a PostgreSQL database is shared and reached over the network: its first read stays as it is).

This module reads the row with the standard library's `sqlite3`, so that showing a stored frame imports
neither SQLAlchemy nor the engine; the live poll opens the database properly a second later. The frame is
JSON (`cockpit_model.frame_from_json`): a database file from elsewhere can hold no code to run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from formation.reports.cockpit_model import CockpitFrame, frame_from_json
from formation.store.basics import HEAD_REVISION, default_database_path, encodable

if TYPE_CHECKING:
    from formation.bootstrap import Opening

FORMAT = 1
"""Bumped when what is stored changes shape in a way the code digest would not see."""
CODE_PACKAGES = ("formation", "workflows")
CODE_SUFFIXES = (".py", ".yaml", ".yml")

_STORED = (
    "SELECT (SELECT version_num FROM alembic_version), c.slug, c.revision, f.revision, f.frame_key, f.frame "
    "FROM cases c LEFT JOIN cockpit_frames f ON f.case_id = c.id"
)


@dataclass(frozen=True)
class FrameCache:
    """The stored frame of one case selection (a slug, or none for the only case) in one SQLite file."""

    database: Path
    case: str | None
    code: str
    """`code_digest()` when the app started: a frame is stored under the code that computed it."""
    settings: str
    """The settings file's digest when the app started ('' without one)."""

    @classmethod
    def for_opening(cls, opening: Opening) -> FrameCache | None:
        """The cache for what the settings open; None for a database URL or a file that is not there yet."""
        target = opening.db or str(default_database_path())
        if "://" in target or "\x00" in target or not encodable(target):
            return None  # a URL; or a path that opening the database refuses, in Swedish, at the start
        try:
            database = Path(target).expanduser().resolve()
            if not database.is_file() or database.stat().st_size == 0:
                return None
        except (OSError, RuntimeError):  # a loop of links, a directory without access
            return None
        return cls(database, opening.case, code_digest(), settings_digest(opening.config_file))

    def key(self, today: date, frame: str) -> str:
        """What the frame depends on besides the case and its revision, and the digest of its text: a row changed
        by anything but the dashboard (a damaged file, another program) is not shown."""
        text_digest = hashlib.sha256(frame.encode()).hexdigest()
        parts = json.dumps([FORMAT, today.isoformat(), self.code, self.settings, text_digest])
        return hashlib.sha256(parts.encode()).hexdigest()

    def load(self, today: date) -> CockpitFrame | None:
        """The stored frame when nothing it was read from has changed since; otherwise None."""
        row = self._stored_row()
        if row is None:
            return None
        schema, slug, revision, stored_revision, key, text = row
        if schema != HEAD_REVISION or text is None or stored_revision != revision or key != self.key(today, text):
            return None  # another schema is migrated (or refused) by opening the database: let that happen
        try:
            frame = frame_from_json(text)
            shown_case = frame.document["case"]["slug"]
        except Exception:  # noqa: BLE001 - any row this code cannot take (deep nesting, 1e400, shapes): read
            return None
        if shown_case != slug or frame.revision != revision or frame.as_of != today:
            return None
        return frame

    def _stored_row(self) -> tuple[str, str, int, int | None, str | None, str | None] | None:
        """The selected case's revision and its stored frame's row; None when no single case is selected or the
        database cannot be read this way (an older schema: the read migrates it)."""
        try:
            connection = sqlite3.connect(f"{self.database.as_uri()}?mode=rw", uri=True, timeout=1.0)  # never creates
        except sqlite3.Error:
            return None
        try:
            if self.case is None:
                rows = connection.execute(f"{_STORED} LIMIT 2").fetchall()
            else:
                rows = connection.execute(f"{_STORED} WHERE c.slug = ?", (self.case,)).fetchall()
        except sqlite3.Error:
            return None
        finally:
            connection.close()
        return tuple(rows[0]) if len(rows) == 1 else None


def settings_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@cache
def code_digest() -> str:
    """The engine's code as it is installed now (computed once a process)."""
    roots: list[str] = []
    for package in CODE_PACKAGES:
        spec = find_spec(package)
        if spec is not None:
            roots.extend(spec.submodule_search_locations or [])
    holidays = find_spec("holidays")
    extra = [holidays.origin] if holidays is not None and holidays.origin is not None else []
    return digest_of(roots, extra)


def digest_of(roots: Iterable[str], files: Iterable[str] = ()) -> str:
    """Of every module and workflow file under `roots`, and of `files`: path, size and modification time; and
    of the Python version. A reinstall or an edit changes it; reading the files would cost more than the frame
    saves."""
    digest = hashlib.sha256(sys.version.encode())
    for root in roots:
        for directory, subdirectories, names in os.walk(root):
            subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
            for name in sorted(names):
                if name.endswith(CODE_SUFFIXES):
                    _add_file(digest, os.path.join(directory, name))
    for path in files:
        _add_file(digest, path)
    return digest.hexdigest()


def _add_file(digest: hashlib._Hash, path: str) -> None:
    try:
        status = os.stat(path)
    except OSError:
        digest.update(f"{path}\0missing\0".encode())
        return
    digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
