"""What an exploratory tester found at 80×24 and in English: the dashboard's help cut at the right edge, the
plan's long explanation only reachable by Tab behind a scrollbar, and a Select's open list saying "Dismiss menu".
Driven by Pilot over real SQLite databases."""

from __future__ import annotations

import inspect
import re

import pytest
from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, Static

from formation.case.commands import AddParty
from formation.domain.parties import PartyKind
from formation.schedule.plan_text import summarize
from formation.services import Services
from formation.services.schedule_reads import plan
from tests.tui.helpers import settle, shown
from tui.app import make_app
from tui.screens.dashboard import DashboardScreen
from tui.screens.decision_form import DecisionForm
from tui.screens.help import HelpScreen, keys_of
from tui.screens.plan import MORE, SUMMARY_LINES, ExplanationScreen, PlanScreen
from tui.widgets.party_table import PartyTable

SMALL = (80, 24)
LARGE = (200, 50)


@pytest.fixture
def uncalendared(living: Services) -> Services:
    """The living case with two more kommuner that have no meetings in the calendar: the plan cannot be
    computed, and its explanation lists every meeting that is missing (far more than six lines at 80)."""
    living.case_slug = "norrort"
    for name in ("Järfälla kommun", "Upplands Väsby kommun"):
        living.handle(AddParty(name=name, kind=PartyKind.KOMMUN))
    return living


def within_screen(pilot: Pilot[None], widget: object) -> bool:
    region = widget.region  # type: ignore[attr-defined]
    width, height = pilot.app.size
    return bool(region.x >= 0 and region.y >= 0 and region.right <= width and region.bottom <= height)


def described(lines: list[str], keys: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Each key's description read back from the help's lines, its wrapped lines joined with a space (and the
    no-break space that keeps '9 §' together read as the space it shows)."""
    found: dict[str, list[str]] = {}
    entries = iter(keys)
    current: list[str] = []
    for line in lines:
        if line.startswith(" "):  # a description's further line, under the description column
            current.append(line.strip())
            continue
        key, _ = next(entries)
        assert line.startswith(key), (line, key)
        current = found.setdefault(key, [line[len(key) :].strip()])
    return {key: " ".join(words).replace("\u00a0", " ") for key, words in found.items()}


# ---- the help ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_every_line_of_the_dashboards_help_is_whole(living: Services, size: tuple[int, int]) -> None:
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        keys = keys_of(app.screen)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help", VerticalScroll)
        text = app.screen.query_one("#help Static", Static)
        assert within_screen(pilot, box), box.region
        lines = shown(text).split("\n")
        room = box.scrollable_content_region.width
        assert max(cell_len(line.rstrip()) for line in lines) <= room  # nothing runs under the border
        assert text.region.right <= box.scrollable_content_region.right
        assert described(lines, keys) == dict(keys)  # every description whole, in order
        if size == LARGE:  # room enough: one line per key, and nothing to scroll
            assert len(lines) == len(keys)
            assert box.max_scroll_y == 0 and box.border_subtitle == "Esc stänger"
        else:  # the list is taller than 24 rows: it scrolls, and says so
            assert box.max_scroll_y > 0 and "↑ ↓ rullar" in str(box.border_subtitle)
            await pilot.press("end")
            await settle(pilot)
            assert box.scroll_y == box.max_scroll_y


async def test_the_help_wraps_anew_when_the_terminal_narrows(living: Services) -> None:
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=LARGE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        box = app.screen.query_one("#help", VerticalScroll)
        lines = shown(app.screen.query_one("#help Static", Static)).split("\n")
        assert within_screen(pilot, box)
        assert max(cell_len(line.rstrip()) for line in lines) <= box.scrollable_content_region.width


# ---- the plan's explanation ----------------------------------------------------------------------------


async def test_a_long_plan_explanation_shows_its_beginning_and_e_shows_the_whole(uncalendared: Services) -> None:
    full = summarize(plan(uncalendared))
    app = make_app(uncalendared, poll_seconds=None)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        summary = app.screen.query_one("#plan-summary", Static)
        table = app.screen.query_one("#plan-steps", DataTable)
        assert not [w for w in summary.ancestors if isinstance(w, VerticalScroll)]  # no scrollbar over the text
        assert summary.region.height <= SUMMARY_LINES and summary.region.bottom <= table.region.y
        text = shown(summary)
        beginning, hint = text.rsplit("\n", 1)
        assert hint == MORE
        assert beginning.endswith(" …") and full.startswith(beginning.removesuffix(" …"))
        assert table.region.height >= 6 and table.region.bottom <= 23
        assert "e" in dict(PlanScreen.KEY_HELP)  # and the help test below finds it in ?

        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExplanationScreen)
        box = app.screen.query_one("#plan-explanation", VerticalScroll)
        assert within_screen(pilot, box)
        whole = shown(app.screen.query_one("#plan-explanation Static", Static))
        assert re.sub(r"\s+", " ", whole) == full  # every sentence, one paragraph each
        assert "\n\nKommunfullmäktige (Järfälla kommun) har inget sammanträde" in whole
        assert box.max_scroll_y > 0
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)


async def test_a_short_plan_explanation_is_shown_whole_without_a_hint(living: Services) -> None:
    full = summarize(plan(living))
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        text = shown(app.screen.query_one("#plan-summary", Static))
        assert text == full and MORE not in text


async def test_the_plan_explanation_key_is_in_the_help(uncalendared: Services) -> None:
    app = make_app(uncalendared, poll_seconds=None)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = shown(app.screen.query_one("#help Static", Static)).split("\n")
        assert any(line.startswith("e ") and "förklaringen" in line for line in lines)


# ---- Select's open list --------------------------------------------------------------------------------


def footer_descriptions(pilot: Pilot[None]) -> list[str]:
    return [b.binding.description for b in pilot.app.screen.active_bindings.values() if b.binding.show]


async def open_and_close_its_list(pilot: Pilot[None], select: Select[str]) -> None:
    """Open `select`'s list: the footer says in Swedish how to close it; Esc closes it."""
    select.focus()
    await pilot.press("enter")
    await settle(pilot)
    assert select.expanded
    descriptions = footer_descriptions(pilot)
    assert "Stäng listan" in descriptions and "Dismiss menu" not in descriptions
    await pilot.press("escape")
    await settle(pilot)
    assert not select.expanded


@pytest.mark.parametrize("key", ["b", "s"])
async def test_an_open_select_says_in_swedish_how_to_close_it(living: Services, key: str) -> None:
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.screen.query_one(PartyTable).focus()
        await pilot.press(key)
        await settle(pilot)
        await open_and_close_its_list(pilot, app.screen.query_one("#party", Select))
        assert key != "b" or isinstance(app.screen, DecisionForm)  # Esc closed the list, not the form


def test_the_swedish_select_still_mirrors_textuals_compose() -> None:
    """SwedishSelect.compose copies Select.compose; a Textual that composes Select otherwise needs a new look."""
    source = inspect.getsource(Select.compose)
    assert "yield SelectCurrent(self.prompt)" in source
    assert "yield SelectOverlay(type_to_search=self._type_to_search).data_bind(" in source
    assert "compact=Select.compact" in source


async def test_the_logs_filters_say_in_swedish_how_to_close_their_list(living: Services) -> None:
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        for selector in ("#f-party", "#f-type"):
            await open_and_close_its_list(pilot, app.screen.query_one(selector, Select))


def test_a_key_the_screen_explains_itself_is_listed_once() -> None:
    from tui.screens.help import keys_of
    from tui.screens.log import LogScreen
    from tui.screens.party import PartyScreen

    for screen in (PartyScreen, LogScreen):
        keys = [key for key, _ in keys_of(screen)]  # type: ignore[arg-type]
        assert keys.count("Esc") == 1 and "q" in keys and "Ctrl+P" in keys


def test_help_never_starts_a_line_with_a_paragraph_sign() -> None:
    from tui.screens.help import help_lines

    lines = help_lines((("f", "förbundsordningens versioner, diff och kontroll mot 9 §"),), 3 + 53)
    assert [line.split("  ", 1)[-1].strip() for line in lines] == [
        "förbundsordningens versioner, diff och kontroll mot",
        "9\u00a0§",
    ]


def test_a_month_with_more_decisions_than_its_cell_holds_ends_in_a_plus_not_in_the_next_month() -> None:
    from datetime import date

    from formation.reports.timeline import Timeline, TimelineMark
    from tui.screens.timeline import CELL, render_timeline

    def marks(day: date, *outcomes: str) -> tuple[TimelineMark, ...]:
        return tuple(TimelineMark(day, f"s{i}", o) for i, o in enumerate(outcomes))

    rows = (
        ("Backfilled", marks(date(2026, 9, 3), "bifall", "skip", "aterremiss", "bifall", "bifall")),
        ("Three", marks(date(2026, 9, 3), "bifall", "bifall", "avslag")),
    )
    tl = Timeline(date(2026, 9, 1), 4, rows, None, date(2026, 12, 24))
    body = render_timeline(tl)[1].plain.splitlines()
    backfilled, three = body[3], body[4]  # under the years, the months and the today marker
    assert backfilled[:CELL] == "✓–+ " and backfilled[CELL] == "·"  # October's cell is October's
    assert three[:CELL] == "✓✓✗ " and three[CELL] == "·"


async def test_at_80_columns_a_partys_decision_is_read_whole_under_the_table(forming_services: Services) -> None:
    """The table at 80 shows only step, status, date and outcome; the highlighted row's body, §, dnr, anslag,
    the end of the appeal period and the note are in the panel under it, markup in them shown as typed."""
    from datetime import date

    from tests.coordinator import Coordinator
    from tui.screens.party import PartyScreen

    coordinator = Coordinator(forming_services)
    coordinator.decide("Falun", "forstudie", outcome="aterremiss", on=date(2026, 9, 1), note="Mer [b]underlag[/b]")
    coordinator.decide("Falun", "forstudie", outcome="bifall", on=date(2026, 10, 6), body="Kommunstyrelsen",
                       paragraph="§ 45", dnr="KS 2026/12")  # fmt: skip
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.push_screen(PartyScreen(forming_services, "falun"))
        await settle(pilot)
        panel = app.screen.query_one("#party-decision", Static)
        assert shown(panel).splitlines()[:2] == [
            "Förstudie · ✓ beslutat",
            "2026-09-01 · återremiss (ett tidigare beslut)",
        ]
        assert "Anteckning: Mer [b]underlag[/b]" in shown(panel)
        await pilot.press("down")
        await settle(pilot)
        assert shown(panel).splitlines()[1] == "2026-10-06 · bifall · Kommunstyrelsen · § 45 · dnr KS 2026/12"
        await pilot.press("down")
        await settle(pilot)
        assert "Inget beslut registrerat ännu" in shown(panel)
        assert panel.region.bottom <= app.screen.query_one("Footer").region.y  # above the footer, never hidden


async def test_at_80_columns_the_kind_stays_while_names_and_states_fit(living: Services) -> None:
    """The party table drops its Typ column only to keep names and states whole (the Stockholm demo, with its
    appeal column, needs the room; the living case does not)."""
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PartyTable)
        assert [column.label.plain for column in table.ordered_columns] == ["Part", "Typ", "Steg", "Läge"]
        assert not any(cell.plain.endswith("…") for row in range(table.row_count) for cell in table.get_row_at(row))
