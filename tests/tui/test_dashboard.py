"""The dashboard against real SQLite databases, driven by Pilot; no sleeps."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable

from formation.services import Services
from tests.coordinator import Coordinator
from tui.app import FormationApp, make_app
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.widgets.case_header import CaseHeader
from tui.widgets.party_detail import HINT, PartyDetail
from tui.widgets.party_table import PartyTable
from tui.widgets.problem_list import ProblemList

SIZE = (120, 40)


async def settle(pilot: Pilot[None]) -> None:
    """Let the status worker finish and its message reach the screen."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def header_text(app: FormationApp) -> str:
    return str(app.screen.query_one(CaseHeader).render())


def rows(table: DataTable[Text]) -> list[list[str]]:
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


def party_rows(app: FormationApp) -> dict[str, list[str]]:
    return {row[0]: row for row in rows(app.screen.query_one(PartyTable))}


def detail_table(app: FormationApp) -> DataTable[Text]:
    table: DataTable[Text] = app.screen.query_one(PartyDetail).query_one(DataTable)
    return table


def problems_text(app: FormationApp) -> str:
    return str(app.screen.query_one(ProblemList).query_one("Static").render())


async def choose(pilot: Pilot[None], slug: str) -> None:
    """Put the cursor on the party's row and press Enter, as a user would."""
    table = pilot.app.screen.query_one(PartyTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.press("enter")
    await pilot.pause()


async def test_formed_case_shows_header_parties_and_steps(demo_services: Services) -> None:
    app = make_app(demo_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        header = header_text(app)
        assert "Samordningsförbundet Stockholms stad" in header
        assert "Bildat 2016-02-22" in header
        assert "förbundsordning v1" in header
        assert "laga kraft 2016-03-19" in header
        assert "läget per 2026-11-23" in header

        parties = party_rows(app)
        assert list(parties) == [
            "Stockholms stad",
            "Stockholms läns landsting",
            "Försäkringskassan",
            "Arbetsförmedlingen",
        ]
        assert parties["Stockholms stad"][1:] == ["kommun", "✓" * 10, "godkänt v1 2016-02-22", "2016-03-18"]
        assert parties["Försäkringskassan"][1:] == ["FK", "✓✓", "godkänt v1 2016-02-15", ""]

        detail = app.screen.query_one(PartyDetail)
        assert detail.has_class("-empty")
        assert str(detail.query_one(".hint").render()) == HINT

        await choose(pilot, "stockholms-stad")
        assert not detail.has_class("-empty")
        assert detail.border_title == "Steg – Stockholms stad (kommun)"
        steps = {row[0]: row for row in rows(detail_table(app))}
        assert len(steps) == 10
        assert steps["Arbetsmarknadsnämnden"][1:] == ["✓ beslutat", "2015-10-20", "bifall"]
        assert steps["Kommunfullmäktige antar förbundsordningen"][3] == "bifall, v1"


async def test_forming_case_shows_waiting_parties_and_problems(forming_services: Services) -> None:
    app = make_app(forming_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        header = header_text(app)
        assert "Test" in header
        assert "Under bildande" in header
        assert "ingen förbundsordning ännu" in header
        assert "laga kraft" not in header

        parties = party_rows(app)
        assert list(parties) == ["Falun", "Region Dalarna", "Försäkringskassan"]
        assert parties["Falun"][1:] == ["kommun", "·····", "väntar: Förstudie"]  # no appeal column yet
        assert parties["Försäkringskassan"][2:4] == ["··", "väntar: Förstudie"]

        problems = problems_text(app)
        assert "Arbetsförmedlingen saknas bland medlemmarna" in problems
        assert "Ingen förbundsordning är registrerad ännu" in problems


async def test_reload_shows_a_decision_recorded_elsewhere(forming_services: Services) -> None:
    app = make_app(forming_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, "falun")
        assert rows(detail_table(app))[0][1] == "· väntar"

        Coordinator(forming_services).decide("Falun", "forstudie", outcome="bifall", on=date(2026, 11, 2))
        await pilot.press("r")
        await settle(pilot)

        assert party_rows(app)["Falun"][2:4] == ["✓····", "väntar: Inriktningsbeslut"]
        assert rows(detail_table(app))[0][1:] == ["✓ beslutat", "2026-11-02", "bifall"]
        assert app.screen.query_one(PartyTable).highlighted_slug == "falun"


async def test_empty_database_shows_the_refusal(empty_services: Services) -> None:
    app = make_app(empty_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.has_class("-refused")
        assert "Databasen har inget ärende ännu" in header_text(app)
        assert not app.screen.query_one("#body").display


async def test_help_opens_and_closes_and_q_quits(demo_services: Services) -> None:
    app = make_app(demo_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "läs om läget" in str(app.screen.query_one("#help Static").render())
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)

        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, DashboardScreen)

        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


def drawn(table: DataTable[Text], y: int) -> str:
    return "".join(segment.text for segment in table.render_line(y))


async def test_a_reload_drawn_before_the_table_measured_still_shows_whole_names(forming_services: Services) -> None:
    """A reload that is painted before the table's idle measuring (a busy machine) left the party table cut to
    its labels' widths, 'Regi  reg  vänt', until the next reload."""
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.document is not None
        table = screen.query_one(PartyTable)
        table.show_parties(screen.document["parties"])
        drawn(table, 2)  # painted at once, as the compositor may before the table is idle
        await settle(pilot)
        assert "Region Dalarna" in drawn(table, 2)
        assert "väntar: Förstudie" in drawn(table, 2)


async def test_at_80_columns_the_end_of_the_appeal_period_stays_in_sight(demo_services: Services) -> None:
    """The state was shown whole and pushed the appeal column out to the right at 80 columns."""
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.document is not None
        table = screen.query_one(PartyTable)
        ends = [p["appeal_ends_on"] for p in screen.document["parties"]]
        assert any(ends)
        assert "Överkl. t.o.m." in drawn(table, 0)
        for y, end in enumerate(ends, start=1):
            assert (end or "") in drawn(table, y)
            assert table.virtual_size.width <= table.scrollable_content_region.width
