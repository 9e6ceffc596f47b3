"""Fixtures for the hardening tests: the Stockholm demo made once through the CLI and copied per test."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hardening.support import cli


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    outcome = cli(path, "demo", "--only", "stockholm")
    assert outcome.code == 0, outcome
    connection = sqlite3.connect(path)  # fold the WAL into the file, so that a copy of the file is the case
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database (SQLite, checkpointed: one file)."""
    path = tmp_path / "case.db"
    shutil.copyfile(demo_template, path)
    path.chmod(0o600)
    return path


@pytest.fixture
def make_demo(demo_template: Path) -> Callable[[Path], Path]:
    def _make(path: Path) -> Path:
        shutil.copyfile(demo_template, path)
        return path

    return _make
