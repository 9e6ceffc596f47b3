"""The reminders' times in the coordinator's time zone, the log's date filter telling a date it cannot use, and
the as-of form refusing a day the log cannot show; driven by Pilot against real SQLite."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from formation.bootstrap import make_services
from formation.clock import FixedClock
from formation.io.demo import create_living_demo
from formation.schedule.policy import ReminderPolicy, configure_policy, local_moment
from formation.services import Services
from formation.services.schedule_reads import outbox_list
from tests.tui.conftest import TODAY, services_at
from tests.tui.helpers import settle, shown, table_rows, type_into
from tui.app import make_app
from tui.schedule_texts import reminder_columns, reminder_when
from tui.screens.as_of import AsOfScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.log import LogScreen
from tui.screens.reminders import RemindersScreen
from tui.widgets.case_header import CaseHeader

SIZE = (120, 40)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
SUMMER = date(2027, 6, 14)
"""A Monday in summer time (UTC+2), as TODAY (2026-11-23) is a Monday in winter time (UTC+1)."""


def outbox(app: object) -> DataTable[Text]:
    return app.screen.query_one("#outbox", DataTable)  # type: ignore[attr-defined, no-any-return]


def living_on(tmp_path: Path, today: date) -> Services:
    """The living demo with `today` as its today: its reminders go out at 08:00 Stockholm time."""
    services = make_services(db=str(tmp_path / f"{today}.db"), clock=FixedClock(today), actor="test")
    create_living_demo(services)
    return services


# ---- reminders in Swedish time -------------------------------------------------------------------------


def test_a_stored_instant_is_shown_in_the_zone_summer_and_winter() -> None:
    assert local_moment("2026-11-23T07:00:00+00:00", STOCKHOLM) == "2026-11-23 08:00"  # CET, UTC+1
    assert local_moment("2027-06-14T06:00:00+00:00", STOCKHOLM) == "2027-06-14 08:00"  # CEST, UTC+2
    assert local_moment("2026-10-25T00:30:00+00:00", STOCKHOLM) == "2026-10-25 02:30"  # before the change back
    assert local_moment("2026-10-25T01:30:00+00:00", STOCKHOLM) == "2026-10-25 02:30"  # after it
    assert local_moment(None, STOCKHOLM) == ""
    sent = {"sent_at": "2027-06-14T06:01:00+00:00", "due_at": "2027-06-14T06:00:00+00:00"}
    assert reminder_when(sent, STOCKHOLM) == "2027-06-14 08:01"
    due = {"sent_at": None, "due_at": "2026-11-23T07:00:00+00:00"}
    assert reminder_when(due, ZoneInfo("UTC")) == "2026-11-23 07:00"


def test_the_time_column_names_its_zone() -> None:
    assert reminder_columns(STOCKHOLM)[1] == "Tid (svensk tid)"
    assert reminder_columns(ZoneInfo("Europe/Helsinki"))[1] == "Tid (Europe/Helsinki)"
    assert "UTC" not in " ".join(reminder_columns(STOCKHOLM))


async def test_reminders_are_listed_in_swedish_time_in_winter_and_in_summer(tmp_path: Path) -> None:
    for today, utc_hour in ((TODAY, "07:00"), (SUMMER, "06:00")):
        services = living_on(tmp_path, today)
        due = [r for r in outbox_list(services) if r["state"] == "pending"][0]
        assert due["due_at"] == f"{today}T{utc_hour}:00+00:00"  # stored in UTC, an hour apart across the seasons
        app = make_app(services, poll_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("m")
            await settle(pilot)
            assert isinstance(app.screen, RemindersScreen)
            table = outbox(app)
            assert [column.label.plain for column in table.ordered_columns][1] == "Tid (svensk tid)"
            assert table_rows(table)[0][:2] == ["○ väntar", f"{today} 08:00"]  # the policy's hour, local time
            detail = shown(app.screen.query_one("#outbox-detail", Static))
            assert f"på tur {today} 08:00 svensk tid" in detail and "UTC" not in detail


async def test_a_configured_zone_is_named_and_used(tmp_path: Path) -> None:
    services = living_on(tmp_path, TODAY)
    configure_policy(ReminderPolicy(timezone="Europe/Helsinki"))  # what the config's [reminders] timezone sets
    app = make_app(services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        table = outbox(app)
        assert [column.label.plain for column in table.ordered_columns][1] == "Tid (Europe/Helsinki)"
        assert table_rows(table)[0][1] == f"{TODAY} 09:00"  # 07:00 UTC, planned under the Stockholm policy
        assert "Europe/Helsinki" in shown(app.screen.query_one("#outbox-detail", Static))


# ---- the log's date filter -----------------------------------------------------------------------------


def filter_error(app: object) -> Static:
    return app.screen.query_one("#log-filter-error", Static)  # type: ignore[attr-defined, no-any-return]


async def test_an_invalid_date_in_the_log_filter_is_told_and_changes_nothing(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        table: DataTable[Text] = app.screen.query_one("#log", DataTable)
        total = table.row_count
        assert not filter_error(app).has_class("-shown")

        await type_into(pilot, "#f-since", "2026-13-01")
        await settle(pilot)
        assert filter_error(app).has_class("-shown") and filter_error(app).region.height == 1
        assert shown(filter_error(app)) == (
            "Från '2026-13-01' är inget giltigt datum (skriv ÅÅÅÅ-MM-DD); datumfiltret är oförändrat."
        )
        assert table.border_subtitle == f"{total} av {total} händelser"

        await type_into(pilot, "#f-since", "2016-01-01")  # a valid date filters as before, and the sentence goes
        await settle(pilot)
        assert not filter_error(app).has_class("-shown")
        since = table.row_count
        assert 0 < since < total
        assert all(row[1] == "" or row[1] >= "2016-01-01" for row in table_rows(table))

        await type_into(pilot, "#f-until", "2016-02-30")  # no such day: the Från filter stays
        await settle(pilot)
        assert "Till '2016-02-30' är inget giltigt datum" in shown(filter_error(app))
        assert table.row_count == since


async def test_a_from_date_after_the_to_date_is_told(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        table: DataTable[Text] = app.screen.query_one("#log", DataTable)
        total = table.row_count
        await type_into(pilot, "#f-until", "2015-12-31")
        await settle(pilot)
        until = table.row_count
        assert 0 < until < total and not filter_error(app).has_class("-shown")
        await type_into(pilot, "#f-since", "2016-01-01")
        await settle(pilot)
        assert shown(filter_error(app)) == (
            "Från (2016-01-01) ligger efter Till (2015-12-31); datumfiltret är oförändrat."
        )
        assert table.row_count == until
        app.screen.query_one("#f-until", Input).value = ""
        await settle(pilot)
        assert not filter_error(app).has_class("-shown") and 0 < table.row_count < total


# ---- the as-of form ------------------------------------------------------------------------------------


def header(app: object) -> str:
    return shown(app.screen.query_one(CaseHeader))  # type: ignore[attr-defined]


async def choose_day(pilot: Pilot[None], text: str) -> None:
    """Open the as-of form (d), type the day and press Enter."""
    await pilot.press("d")
    await settle(pilot)
    await type_into(pilot, "#day", text)
    await pilot.press("enter")
    await settle(pilot)


async def test_a_day_after_today_is_refused_in_the_form(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = header(app)
        await choose_day(pilot, "2099-01-01")
        assert isinstance(app.screen, AsOfScreen)
        error = app.screen.query_one("#as-of-error", Static)
        assert error.has_class("-shown")
        assert shown(error) == (
            "2099-01-01 ligger efter i dag (2026-11-23); läget kan visas per i dag eller ett tidigare datum."
        )
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.as_of is None and "HISTORISK" not in header(app) and header(app) == before

        await choose_day(pilot, TODAY.isoformat())  # today itself is no future, and no history either
        assert isinstance(app.screen, DashboardScreen) and app.as_of is None
        assert "HISTORISK" not in header(app)


async def test_a_day_before_the_case_began_is_refused_naming_its_first_day(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_day(pilot, "1899-01-01")
        assert isinstance(app.screen, AsOfScreen)
        assert shown(app.screen.query_one("#as-of-error", Static)) == (
            "Ärendet började 2015-05-26 (dess första händelse); välj det datumet eller ett senare."
        )
        await type_into(pilot, "#day", "2015-05-26")  # its first day is shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "HISTORISK VY läget per 2015-05-26" in header(app)
        await choose_day(pilot, "")  # blank: back to today
        assert app.as_of is None and "HISTORISK" not in header(app)


async def test_the_as_of_form_checks_the_day_against_the_services_clock(tmp_path: Path) -> None:
    services = services_at(tmp_path)
    create_living_demo(services)  # began 2026-07-24 by the fixed today
    app = make_app(services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_day(pilot, "2026-11-24")
        assert isinstance(app.screen, AsOfScreen)
        assert "ligger efter i dag (2026-11-23)" in shown(app.screen.query_one("#as-of-error", Static))
