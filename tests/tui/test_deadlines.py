"""The cockpit's "Nästa att göra" carries the planned deadlines: the overdue step first, marked as late."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from formation.io.demo import create_living_demo
from tests.tui.conftest import services_at
from tests.tui.test_dashboard import SIZE, settle
from tui.app import make_app
from tui.widgets.next_list import NextList


async def test_next_to_do_lists_deadlines_overdue_first(tmp_path: Path) -> None:
    services = services_at(tmp_path)
    create_living_demo(services)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one(NextList).query_one(Static).render())
    lines = [line for line in text.splitlines() if line.startswith("•")]
    assert lines[0].startswith("• Sundbyberg: Nämndbeslut") and "FÖRSENAT" in text
    assert "frist 2026-11-30" in text and "frist saknas" not in text
