"""Fixtures for unit tests that need a small case: the sample förbundsordning and four parties."""

from __future__ import annotations

from datetime import date
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from formation.services import Services
from tests.unit.case_support import AF, FK, KOMMUN, REGION


@pytest.fixture
def fo_text() -> str:
    with as_file(files("formation.io.samples") / "forbundsordning_stockholm.md") as source:
        return source.read_text(encoding="utf-8")


@pytest.fixture
def fo_file(tmp_path: Path, fo_text: str) -> Path:
    path = tmp_path / "forbundsordning_v1.md"
    path.write_text(fo_text, encoding="utf-8")
    return path


@pytest.fixture
def fo_file_v2(tmp_path: Path, fo_text: str) -> Path:
    path = tmp_path / "forbundsordning_v2.md"
    path.write_text(fo_text + "\n## § 23 Ändring\n\nTillagd 2023.\n", encoding="utf-8")
    return path


@pytest.fixture
def case(sqlite_services: Services, fo_file: Path) -> Services:
    """Four parties (§ 3 complete) and förbundsordning v1 added on 2022-01-10; nothing decided."""
    s = sqlite_services
    s.init_case("Samordningsförbundet Solna", slug="solna")
    s.add_party(KOMMUN, "kommun")
    s.add_party(REGION, "region")
    s.add_party(FK, "forsakringskassan")
    s.add_party(AF, "arbetsformedlingen")
    s.add_fo(fo_file, on=date(2022, 1, 10))
    return s
