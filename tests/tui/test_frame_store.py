"""The store under the TUI's stored frame: it never waits for a command, never stores a frame read before a
write, and the key sees the code and the database file it was read from (`tests/tui/test_frame_cache.py` has
the TUI's side)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

from formation.bootstrap import Opening
from formation.clock import FixedClock
from formation.services import Services
from tests.coordinator import Coordinator
from tests.tui.conftest import TODAY
from tui.frame_cache import FrameCache, digest_of


def test_a_frame_waits_for_no_command(tmp_path: Path, forming_services: Services) -> None:
    """A command holding the write lock: the frame is not stored, and not kept waiting for (a TUI quitting
    then waited for it up to the ten seconds a command waits)."""
    revision = forming_services.view().revision
    writer = sqlite3.connect(tmp_path / "t.db", isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    released = threading.Timer(0.5, writer.execute, ("ROLLBACK",))  # a waiting store would get the lock then
    released.start()
    try:
        assert not forming_services.keep_frame("t", revision=revision, key="k", frame="{}")
    finally:
        released.join()
        writer.close()
    assert forming_services.keep_frame("t", revision=revision, key="k", frame="{}")


def test_a_frame_read_before_a_write_is_not_stored_after_it(tmp_path: Path, forming_services: Services) -> None:
    read_at = forming_services.view().revision
    Coordinator(forming_services).decide("Falun", "forstudie", outcome="bifall", on=date(2026, 11, 2))
    assert not forming_services.keep_frame("t", revision=read_at, key="k", frame="{}")
    assert forming_services.keep_frame("t", revision=read_at + 1, key="k", frame="{}")


def test_the_same_frame_again_takes_no_write_lock(tmp_path: Path, forming_services: Services) -> None:
    revision = forming_services.view().revision
    assert forming_services.keep_frame("t", revision=revision, key="k", frame="{}")
    with sqlite3.connect(tmp_path / "t.db", isolation_level=None) as writer:
        writer.execute("BEGIN IMMEDIATE")  # a command writing: a write would wait for it
        assert forming_services.keep_frame("t", revision=revision, key="k", frame="{}")
        writer.execute("ROLLBACK")


def test_only_a_sqlite_file_named_by_path_is_cached(tmp_path: Path) -> None:
    clock = FixedClock(TODAY)
    for target in ("postgresql://u:p@127.0.0.1/db", f"sqlite:///{tmp_path / 't.db'}", str(tmp_path / "absent.db")):
        assert FrameCache.for_opening(Opening(target, None, "test", clock, tmp_path / "none.toml", False)) is None


def test_the_code_digest_sees_an_edit_a_new_file_and_a_reinstall(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    module = package / "rules.py"
    module.write_text("DAYS = 21\n", encoding="utf-8")
    (package / "notes.txt").write_text("ignored", encoding="utf-8")
    before = digest_of([str(package)])
    assert digest_of([str(package)]) == before
    module.write_text("DAYS = 22\n", encoding="utf-8")  # same size, later modification time
    edited = digest_of([str(package)])
    assert edited != before
    (package / "workflow.yaml").write_text("steps: []\n", encoding="utf-8")
    assert digest_of([str(package)]) != edited
    assert digest_of([str(package)], [str(tmp_path / "gone.py")]) != digest_of([str(package)])
