"""SVG snapshots of the key screens at 80×24 and 160×48, today fixed at 2026-11-23 (pytest-textual-snapshot).

Update after an intended change of look with `pytest tests/tui/test_snapshots.py --snapshot-update`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from formation.services import Services
from tests.coordinator import Coordinator
from tests.tui.conftest import services_at
from tests.tui.helpers import settle
from tui.app import make_app
from tui.screens.party import PartyScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
Snap = Callable[..., bool]


@pytest.fixture
def forming(tmp_path: Path) -> Services:
    """Halfway: Falun through its nämnd, the region after an återremiss, FK done, AF not started."""
    c = Coordinator(services_at(tmp_path))
    c.init_case("Samordningsförbundet Dala", slug="dala", start=date(2027, 4, 1))
    c.add_party("Falun", "kommun")
    c.add_party("Region Dalarna", "region")
    c.add_party("Försäkringskassan", "forsakringskassan")
    c.add_party("Arbetsförmedlingen", "arbetsformedlingen")
    c.decide("Falun", "forstudie", outcome="bifall", on=date(2026, 3, 2))
    c.decide("Falun", "inriktningsbeslut", outcome="bifall", on=date(2026, 6, 15))
    c.decide("Falun", "namnd", outcome="bifall", on=date(2026, 10, 20))
    c.decide("Region Dalarna", "forstudie", outcome="bifall", on=date(2026, 3, 10))
    c.decide("Region Dalarna", "inriktningsbeslut", outcome="bordlagd", on=date(2026, 9, 22))
    c.decide("Försäkringskassan", "forstudie", outcome="bifall", on=date(2026, 4, 1))
    return c.services


def before(*keys: str, then: Callable[[Pilot[None]], Any] | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if then is not None:
            then(pilot)
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False

    return run


@pytest.mark.parametrize("size", SIZES)
def test_dashboard(snap_compare: Snap, forming: Services, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(forming, poll_seconds=None), terminal_size=size, run_before=before())


@pytest.mark.parametrize("size", SIZES)
def test_party_detail(snap_compare: Snap, demo_services: Services, size: tuple[int, int]) -> None:
    def open_party(pilot: Pilot[None]) -> None:
        pilot.app.push_screen(PartyScreen(demo_services, "stockholms-stad"))

    app = make_app(demo_services, poll_seconds=None)
    assert snap_compare(app, terminal_size=size, run_before=before(then=open_party))


@pytest.mark.parametrize("size", SIZES)
def test_decision_form(snap_compare: Snap, forming: Services, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(forming, poll_seconds=None), terminal_size=size, run_before=before("b"))


@pytest.mark.parametrize("size", SIZES)
def test_timeline(snap_compare: Snap, forming: Services, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(forming, poll_seconds=None), terminal_size=size, run_before=before("t"))


def test_plan(snap_compare: Snap, living: Services) -> None:
    assert snap_compare(make_app(living, poll_seconds=None), terminal_size=(80, 24), run_before=before("p"))


def test_reminders(snap_compare: Snap, living: Services) -> None:
    assert snap_compare(make_app(living, poll_seconds=None), terminal_size=(80, 24), run_before=before("m"))
