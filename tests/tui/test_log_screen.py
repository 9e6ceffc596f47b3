"""The event log screen: filters, the newest events of a long log, the chosen event kept in view and chosen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Select

from formation.domain.labels import EVENT_TYPE_LABELS
from formation.io.demo import create_living_demo
from formation.services import Services
from tests.coordinator import Coordinator
from tests.tui.conftest import services_at
from tests.tui.helpers import settle, shown, table_rows, type_into
from tui.app import make_app
from tui.screens.log import LogScreen

FO = Path(__file__).parents[2] / "formation" / "io" / "samples"


async def test_log_filters_by_party_type_and_period(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        table = app.screen.query_one("#log", DataTable)
        total = table.row_count
        assert total == len(demo_services.events())
        app.screen.query_one("#f-party", Select).value = "forsakringskassan"
        await settle(pilot)
        assert 0 < table.row_count < total
        assert all("Försäkringskassan" in row[3] for row in table_rows(table))
        app.screen.query_one("#f-type", Select).value = "decision"
        await settle(pilot)
        assert [row[2] for row in table_rows(table)] == ["beslut", "beslut"]
        await type_into(pilot, "#f-since", "2016-01-01")
        await settle(pilot)
        assert [row[1] for row in table_rows(table)] == ["2016-02-15"]
        assert table.border_subtitle == f"1 av {total} händelser"


async def test_a_long_log_shows_the_newest_events_and_says_so(demo_services: Services) -> None:
    class ShortLog(LogScreen):
        SHOWN_AT_MOST = 5

    total = len(demo_services.events())
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.push_screen(ShortLog(demo_services))
        await settle(pilot)
        table = app.screen.query_one("#log", DataTable)
        assert [row[0] for row in table_rows(table)] == [str(seq) for seq in range(total - 4, total + 1)]
        assert table.cursor_row == 4  # on the newest
        assert table.border_subtitle == f"de 5 senaste visas · {total} av {total} händelser · filtrera (/) för äldre"
        app.screen.query_one("#f-party", Select).value = "forsakringskassan"
        await settle(pilot)
        assert all("Försäkringskassan" in row[3] for row in table_rows(table))


async def test_the_chosen_event_stays_chosen_when_a_filter_or_a_new_event_moves_it(demo_services: Services) -> None:
    class ShortLog(LogScreen):
        SHOWN_AT_MOST = 5

    total = len(demo_services.events())
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.push_screen(ShortLog(demo_services))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ShortLog)
        table = screen.query_one("#log", DataTable)
        table.move_cursor(row=table.get_row_index(str(total - 3)))
        await settle(pilot)
        # Another event arrives (here from the CLI's services); the window of the five newest moves by one.
        Coordinator(demo_services).update_party("forsakringskassan", {"email": "kim@example.se"})
        screen.action_reload()
        await settle(pilot)
        assert (chosen := screen.chosen()) is not None and chosen.seq == total - 3

        fk_rows = [r.seq for r in screen.rows if r.party == "forsakringskassan"][-5:]
        table.move_cursor(row=table.get_row_index(str(fk_rows[-1])))
        screen.query_one("#f-party", Select).value = "forsakringskassan"
        await settle(pilot)
        assert (chosen := screen.chosen()) is not None and chosen.seq == fk_rows[-1]


async def test_the_log_cuts_type_labels_visibly_and_keeps_the_chosen_row_in_view(tmp_path: Path) -> None:
    services = services_at(tmp_path)
    create_living_demo(services)
    c = Coordinator(services)
    c.add_fo(FO / "forbundsordning_falun_borlange.md", on=date(2026, 11, 2))
    note = "Beslutet fattades med tillägg om gemensam uppföljning av insatserna"
    c.decide("Sundbyberg", "namnd", outcome="bifall", on=date(2026, 11, 20), body="Socialnämnden", note=note)
    app = make_app(services, poll_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        table = app.screen.query_one("#log", DataTable)
        types = {row[2] for row in table_rows(table)}
        assert "förbundsordning" in types  # whole, not "förbundsordn"
        assert all(label in EVENT_TYPE_LABELS.values() or label.endswith("…") for label in types)

        def chosen_row_in_view() -> bool:
            visible = table.scrollable_content_region.height - 1  # the header row
            return table.scroll_y <= table.cursor_row < table.scroll_y + visible

        newest = table.row_count - 1
        assert table.cursor_row == newest and chosen_row_in_view()
        await pilot.press("up")
        await settle(pilot)
        assert app.screen.query_one("#log-detail").size.height == 1  # the version: one line
        await pilot.press("down")  # the decision with a long note: the whole event takes two lines below
        await settle(pilot)
        assert note in shown(app.screen.query_one("#log-detail")).replace("\n", " ")
        assert app.screen.query_one("#log-detail").size.height == 2
        assert table.cursor_row == newest and chosen_row_in_view()
