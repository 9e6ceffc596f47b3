"""The timeline: per party, its decisions on a month axis with the years over it, today and the target start."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Static

from formation.io.demo import create_living_demo
from formation.services import Services
from tests.coordinator import Coordinator
from tests.tui.conftest import services_at
from tests.tui.helpers import settle, shown
from tui.app import make_app
from tui.screens.timeline import CELL, MONTH_NAMES, TimelineScreen

SIZE = (100, 34)


async def test_timeline_has_months_today_and_target_start(forming_services: Services) -> None:
    Coordinator(forming_services).decide("Falun", "forstudie", outcome="bifall", on=date(2026, 9, 14))
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        names = shown(app.screen.query_one("#timeline-names", Static)).splitlines()
        lines = shown(app.screen.query_one("#timeline-body", Static)).splitlines()
        assert lines[0].split() == ["2026"]
        assert lines[1].split() == ["sep", "okt", "nov", "dec"]
        assert "▼" in lines[2] and names[2].startswith("i dag")
        assert names[3] == "Falun"
        assert lines[3][0] == "✓"  # Falun's förstudie, in September, the first month
        assert "i dag 2026-11-23" in shown(app.screen.query_one("#timeline-summary", Static))


async def test_the_timeline_axis_shows_whole_month_names_at_80_columns(tmp_path: Path) -> None:
    services = services_at(tmp_path)
    create_living_demo(services)
    app = make_app(services, poll_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        axis = app.screen.query_one("#timeline")
        visible = axis.scrollable_content_region.width
        years, months = str(app.screen.query_one("#timeline-body", Static).render()).splitlines()[:2]
        assert len(months) > visible  # the formation spans more months than fit: the axis scrolls
        assert visible % CELL == 0
        assert all(word in MONTH_NAMES for word in months[:visible].split())
        # the year stands over its January, never in the month row, where "nov dec '27" read as December 2027
        january = months.index("jan")
        assert years[january : january + 4].isdigit() and int(years[january : january + 4]) >= 2026
        assert years.split()[0] == "2026"  # the first month is the living case's August 2026
