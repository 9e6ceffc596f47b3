"""Fixtures for the TUI tests: real SQLite databases in tmp_path, a fixed today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from formation.bootstrap import make_services
from formation.clock import FixedClock
from formation.io.demo import create_demo, create_living_demo
from formation.services import Services
from tests.coordinator import Coordinator

TODAY = date(2026, 11, 23)


def services_at(tmp_path: Path) -> Services:
    return make_services(db=str(tmp_path / "t.db"), clock=FixedClock(TODAY), actor="test")


@pytest.fixture
def demo_services(tmp_path: Path) -> Services:
    """The Stockholm demo case, formed 2016-02-22."""
    services = services_at(tmp_path)
    create_demo(services)
    return services


@pytest.fixture
def living(tmp_path: Path) -> Services:
    """The living demo case as of the fixed today: calendars, contacts, deadlines, reminders due."""
    services = services_at(tmp_path)
    create_living_demo(services)
    return services


@pytest.fixture
def forming_services(tmp_path: Path) -> Services:
    """A case just started: three parties, Arbetsförmedlingen not yet added, nothing decided."""
    services = Coordinator(services_at(tmp_path))
    services.init_case("Test", slug="t")
    services.add_party("Falun", "kommun")
    services.add_party("Region Dalarna", "region")
    services.add_party("Försäkringskassan", "forsakringskassan")
    return services.services


@pytest.fixture
def empty_services(tmp_path: Path) -> Services:
    """A database without any case."""
    return services_at(tmp_path)
