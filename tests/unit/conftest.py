"""Fixtures for unit tests that need a small case: the sample förbundsordning and four parties."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from formation.services import Services
from tests.unit.case_support import AF, FK, KOMMUN, REGION


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
