"""Each screen of the cockpit, driven by Pilot against real SQLite databases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select, Static

from formation.case.commands import InitCase
from formation.services import Services
from tests.coordinator import Coordinator
from tests.tui.conftest import services_at
from tests.tui.helpers import paste_into, settle, shown, table_rows, type_into
from tui.app import make_app
from tui.commands import ENTRIES
from tui.screens.cases import CaseListScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.fo_form import AddVersionForm
from tui.screens.party import PartyScreen
from tui.screens.versions import VersionsScreen
from tui.widgets.case_header import CaseHeader
from tui.widgets.next_list import NextList
from tui.widgets.party_table import PartyTable

SIZE = (100, 34)
FO = Path(__file__).parents[2] / "formation" / "io" / "samples"


def header(app) -> str:  # type: ignore[no-untyped-def]
    return shown(app.screen.query_one(CaseHeader))


async def test_dashboard_shows_progress_and_what_each_party_decides_next(forming_services: Services) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        next_text = shown(app.screen.query_one(NextList).query_one(Static))
        assert "Falun: Förstudie (frist saknas)" in next_text
        assert "Region Dalarna: Förstudie" in next_text


async def test_progress_counts_members_approving_the_current_version(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "4 av 4 parter har antagit förbundsordning v1" in header(app)
        assert "Inget beslut väntar." in shown(app.screen.query_one(NextList).query_one(Static))


async def test_everything_essential_fits_at_80_by_24(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        table = app.screen.query_one(PartyTable)
        assert table.row_count == 4
        assert table.region.height >= table.row_count + 3  # every party row is visible without scrolling
        for widget_id in ("#next", "#problems"):
            region = app.screen.query_one(widget_id).region
            assert region.height >= 4 and region.bottom <= 23
        labels = [column.label.plain for column in table.ordered_columns]
        assert labels == ["Part", "Steg", "Läge", "Överkl. t.o.m."]  # the kind gives way below 100 columns
        first = dict(zip(labels, (cell.plain for cell in table.get_row_at(0)), strict=True))
        assert first["Steg"] == "✓" * 10  # all ten steps of Stockholm fit
        assert first["Läge"] == "godkänt v1 2016-02-22"  # the state with its date, uncut


async def test_names_with_markup_are_shown_literally(tmp_path: Path) -> None:
    services = Coordinator(services_at(tmp_path))
    services.init_case("Förbund [bold]x", slug="m")
    services.add_party("[bold]x", "kommun")
    services.add_party("y[/]", "region")
    services.decide("[bold]x", "forstudie", outcome="bifall", on=date(2026, 10, 1))
    app = make_app(services.services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Förbund [bold]x" in header(app)
        assert [row[0] for row in table_rows(app.screen.query_one(PartyTable))] == ["[bold]x", "y[/]"]
        assert "y[/]: Förstudie" in shown(app.screen.query_one(NextList).query_one(Static))
        table = app.screen.query_one(PartyTable)
        table.focus()
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PartyScreen)
        assert "[bold]x (kommun)" in shown(app.screen.query_one("#party-facts", Static))
        await pilot.press("escape", "b")
        await settle(pilot)
        options = app.screen.query_one("#party", Select)
        assert [str(prompt) for prompt, _ in options._options] == ["[bold]x", "y[/]"]


async def test_party_detail_lists_every_decision_with_its_history(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PartyTable)
        table.focus()
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PartyScreen)
        facts = shown(app.screen.query_one("#party-facts", Static))
        assert "Stockholms stad (kommun)" in facts
        assert "finansieringsandel: 25,00 %" in facts
        assert "Styrelseplatser: Anna Berg, ledamot" in facts
        rows = table_rows(app.screen.query_one("#party-steps", DataTable))
        kf = next(r for r in rows if r[0] == "Kommunfullmäktige antar förbundsordningen")
        assert kf[1:4] == ["✓ beslutat", "2016-02-22", "bifall"]
        assert kf[7] == "v1"
        assert kf[9] == "2016-03-18"  # three weeks from the anslag


async def test_aterremiss_history_stays_in_the_party_detail(forming_services: Services) -> None:
    coordinator = Coordinator(forming_services)
    coordinator.decide("Falun", "forstudie", outcome="aterremiss", on=date(2026, 9, 1))
    coordinator.decide("Falun", "forstudie", outcome="bifall", on=date(2026, 10, 6))
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.push_screen(PartyScreen(forming_services, "falun"))
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#party-steps", DataTable))
        assert rows[0][:4] == ["Förstudie", "(tidigare)", "2026-09-01", "återremiss"]
        assert rows[1][:4] == ["", "✓ beslutat", "2026-10-06", "bifall"]


async def test_versions_text_diff_checklist_and_what_a_new_version_cancels(
    demo_services: Services, tmp_path: Path
) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, VersionsScreen)
        body = app.screen.query_one("#version-text", Static)
        assert "Förbundsordning för Samordningsförbundet Stockholms stad" in shown(body)
        await pilot.press("3")
        assert "Kontroll av förbundsordningen mot 9 §" in shown(body)
        await pilot.press("2")
        assert "ingen version att jämföra med" in shown(body)

        text = demo_services.view(with_texts=True).fo_texts[1].replace("Stockholm.", "Stockholms stad.")
        new = tmp_path / "fo-v2.md"
        new.write_text(text, encoding="utf-8")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, AddVersionForm)
        warning = shown(app.screen.query_one(".form-warning", Static))
        assert "Stockholms stad: godkännandet av v1 (2016-02-22) räknas inte längre" in warning
        assert warning.count("räknas inte längre") == 4
        await paste_into(pilot, "#path", str(tmp_path / "saknas.md"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "finns inte" in shown(app.screen.query_one("#error", Static))
        await paste_into(pilot, "#path", str(new))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, VersionsScreen)
        assert demo_services.view().projection.current_version == 2
        await pilot.press("2")
        diff = shown(body)
        assert "-Förbundet har sitt säte i Stockholm." in diff
        assert "+Förbundet har sitt säte i Stockholms stad." in diff


async def test_several_cases_open_the_case_list_and_switch(tmp_path: Path) -> None:
    services = services_at(tmp_path)
    services.handle(InitCase(name="Första", slug="forsta"))
    services.case_slug = None
    services.handle(InitCase(name="Andra [i]", slug="andra"))
    services.case_slug = None
    app = make_app(services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        options.highlighted = [options.get_option_at_index(i).id for i in range(2)].index("andra")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert services.case_slug == "andra"
        assert "Andra [i]" in header(app)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "Andra [i]" in header(app)

        app.as_of = date(2026, 1, 1)  # a historic view of Andra; switching to Första shows Första today
        await pilot.press("a")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        options.highlighted = [options.get_option_at_index(i).id for i in range(2)].index("forsta")
        await pilot.press("enter")
        await settle(pilot)
        assert "Första" in header(app) and "HISTORISK" not in header(app) and app.as_of is None


async def test_as_of_shows_the_case_as_it_stood(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await type_into(pilot, "#day", "2016-01-31")
        await pilot.press("enter")
        await settle(pilot)
        assert "HISTORISK VY läget per 2016-01-31" in header(app)
        assert "Under bildande" in header(app)
        assert "0 av 4 parter" in header(app)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)  # no form on a historic view
        await pilot.press("d")
        await settle(pilot)
        app.screen.query_one("#day", Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert "Bildat 2016-02-22" in header(app)


async def test_live_reload_when_another_writer_changed_the_case(tmp_path: Path, forming_services: Services) -> None:
    app = make_app(forming_services)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.seen_revision == forming_services.view().revision
        Coordinator(services_at(tmp_path)).decide("Falun", "forstudie", outcome="bifall", on=date(2026, 11, 2))
        app.poll_revision()  # what the interval timer does every second
        await settle(pilot)
        assert app.screen.query_one(PartyTable).get_row_at(0)[2].plain == "✓····"
        assert app.seen_revision == forming_services.view().revision


def test_a_crash_never_exits_zero(forming_services: Services) -> None:
    app = make_app(forming_services, poll_seconds=None)

    def boom() -> None:
        raise RuntimeError("boom")

    async def crash(pilot: Pilot[None]) -> None:
        pilot.app.call_later(boom)  # an error in the UI loop, as a bug in a handler would raise
        await pilot.pause()

    with pytest.raises(SystemExit) as exited:
        app.run(headless=True, auto_pilot=crash)
    assert exited.value.code == 1


async def test_the_matrix_lines_up_stages_of_different_paths(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        matrix = app.screen.query_one("#matrix", DataTable)
        assert matrix.display
        headers = [str(column.label) for column in matrix.columns.values()]
        assert headers == ["Part", "Förstudie", "Inriktning", "Nämnd", "Remiss", "Styrelse", "Antagande"]
        rows = {row[0]: row[1:] for row in table_rows(matrix)}
        assert rows["Stockholms stad"][2] == "✓✓ 15-10-20"  # two nämnder in one stage
        assert rows["Försäkringskassan"] == ["✓ 15-05-26", "", "", "", "", "✓ 16-02-15"]


async def test_the_versions_table_shows_every_role_whole_at_100_columns(
    demo_services: Services, tmp_path: Path
) -> None:
    text = demo_services.view(with_texts=True).fo_texts[1].replace("Stockholm.", "Stockholms stad.")
    (tmp_path / "fo-v2.md").write_text(text, encoding="utf-8")
    Coordinator(demo_services).add_fo(tmp_path / "fo-v2.md", start=date(2027, 1, 1), on=date(2026, 11, 2))
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        table = app.screen.query_one("#versions", DataTable)
        assert [row[3] for row in table_rows(table)] == ["gäller", "väntar på godkännande"]
        assert table.virtual_size.width <= table.scrollable_content_region.width  # nothing cut at the right
        assert app.screen.query_one("#version-view").size.width >= 30  # the text keeps room beside it


async def test_the_header_says_once_that_there_is_no_forbundsordning(forming_services: Services) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(pilot)
        header = shown(app.screen.query_one(CaseHeader)).lower()
        assert header.count("ingen förbundsordning ännu") == 1


def test_the_law_is_cited_9_paragraph_sign_everywhere_the_tui_names_it() -> None:
    texts = [what for screen in (DashboardScreen, VersionsScreen) for _, what in screen.KEY_HELP]
    texts += [b.description for screen in (DashboardScreen, VersionsScreen) for b in screen.BINDINGS]
    texts += [f"{title} {help_text}" for title, _, help_text in ENTRIES]
    assert any("9 §" in text for text in texts)
    assert not [text for text in texts if "§ 9" in text]
