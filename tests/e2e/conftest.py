"""Fixtures for the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import as_file, files
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def sample_fo() -> Iterator[Path]:
    with as_file(files("formation.io.samples") / "forbundsordning_stockholm.md") as path:
        yield path
