"""The dashboard's stored frame: a second start shows it without reading the case, and anything that could make it
differ from a read (a write, another day, other settings, another database, other code) means a read instead."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

from formation.bootstrap import Opening, prepare_services
from formation.clock import FixedClock
from formation.domain.outcomes import Outcome
from formation.errors import Refusal
from formation.io.demo import create_demo, create_living_demo
from formation.services import Services
from tests.coordinator import Coordinator
from tests.tui.conftest import TODAY, services_at
from tests.tui.helpers import settle, shown, table_rows, type_into
from tests.tui.test_forms import decisions, open_form
from tui.app import FormationApp, open_app
from tui.frame_cache import FrameCache
from tui.screens.cases import CaseListScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.decision_form import DecisionForm
from tui.widgets.case_header import CaseHeader
from tui.widgets.next_list import NextList
from tui.widgets.party_table import PartyTable
from tui.widgets.problem_list import ProblemList

SIZE = (160, 48)


def opening(db: Path, *, case: str | None = None, today: date = TODAY, config: Path | None = None) -> Opening:
    return prepare_services(db=str(db), case=case, clock=FixedClock(today), actor="test", config=config, create=False)


def dashboard_text(app: FormationApp) -> dict[str, object]:
    """Everything the dashboard shows, as text."""
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return {
        "header": shown(screen.query_one(CaseHeader)),
        "parties": table_rows(screen.query_one(PartyTable)),
        "matrix": table_rows(screen.query_one("#matrix", DataTable)),
        "next": shown(screen.query_one(NextList).query_one("Static")),
        "problems": shown(screen.query_one(ProblemList).query_one("Static")),
    }


async def shown_by(app: FormationApp, size: tuple[int, int] = SIZE) -> dict[str, object]:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        return dashboard_text(app)


async def stored(tmp_path: Path, **kw: object) -> FrameCache:
    """The cache of the case in tmp_path/t.db, after a start that read it and stored its frame."""
    await shown_by(open_app(opening(tmp_path / "t.db", **kw), poll_seconds=None))  # type: ignore[arg-type]
    cache = FrameCache.for_opening(opening(tmp_path / "t.db", **kw))  # type: ignore[arg-type]
    assert cache is not None and cache.load(TODAY) is not None
    return cache


async def from_stored_frame(tmp_path: Path) -> FormationApp:
    """An app on the case in tmp_path/t.db started on its stored frame (stored by a start that read it first)."""
    await stored(tmp_path)
    app = open_app(opening(tmp_path / "t.db"), poll_seconds=None)
    assert app.first_frame is not None
    return app


@pytest.mark.parametrize("size", [(80, 24), SIZE], ids=["80x24", "160x48"])
@pytest.mark.parametrize("demo", [create_living_demo, create_demo], ids=["forming", "formed"])
async def test_a_second_start_shows_the_stored_frame_as_the_read_showed_it(
    tmp_path: Path, demo: object, size: tuple[int, int]
) -> None:
    """Cut to the same widths too: rows filled before the first layout left room for a scrollbar that a table
    of five parties does not have ('godkänt v1 2026-12-03, anslags…' at 80 columns)."""
    services = services_at(tmp_path)
    demo(services)  # type: ignore[operator]
    read_app = open_app(opening(tmp_path / "t.db"), poll_seconds=None)
    assert read_app.first_frame is None and read_app.opened is not None  # nothing stored: read
    read = await shown_by(read_app, size)

    stored_app = open_app(opening(tmp_path / "t.db"), poll_seconds=None)
    assert stored_app.first_frame is not None
    assert await shown_by(stored_app, size) == read
    assert stored_app.opened is None  # shown without opening the database

    reloaded = open_app(opening(tmp_path / "t.db"), poll_seconds=None)
    async with reloaded.run_test(size=size) as pilot:  # and as a read after the first layout cuts them
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert dashboard_text(reloaded) == read


async def test_a_decision_recorded_on_a_stored_frame_is_written_with_its_revision(
    tmp_path: Path, forming_services: Services
) -> None:
    before = forming_services.view().revision
    app = await from_stored_frame(tmp_path)
    assert app.first_frame is not None and app.first_frame.revision == before
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot, "falun")
        assert isinstance(app.screen, DecisionForm) and app.screen.revision == before
        await type_into(pilot, "#date", "2026-11-02")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.query_one(PartyTable).get_row_at(0)[2].plain == "✓····"
    [written] = decisions(forming_services)
    assert (written.party, written.step, written.outcome) == ("falun", "forstudie", Outcome.BIFALL)
    assert forming_services.view().revision == before + 1


async def test_the_live_poll_opens_the_database_and_shows_a_change_made_after_the_start(
    tmp_path: Path, forming_services: Services
) -> None:
    app = await from_stored_frame(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.opened is None  # shown from the stored frame alone
        Coordinator(services_at(tmp_path)).decide("Falun", "forstudie", outcome="bifall", on=date(2026, 11, 2))
        app.poll_revision()  # what the interval timer does every second
        await settle(pilot)
        assert app.screen.query_one(PartyTable).get_row_at(0)[2].plain == "✓····"
        assert app.seen_revision == forming_services.view().revision


async def test_a_database_gone_since_the_stored_frame_is_said_when_a_key_needs_it(
    tmp_path: Path, forming_services: Services
) -> None:
    app = await from_stored_frame(tmp_path)
    forming_services.engine.dispose()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        remove_database(tmp_path)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)  # no crash, no log screen over nothing
        [told] = [n.message for n in app._notifications]
        assert told.startswith("Databasen") and "finns inte" in told


async def test_a_case_gone_from_the_database_is_said_in_its_place(tmp_path: Path, forming_services: Services) -> None:
    """A restore of a backup without the case, for one: the dashboard kept showing it until `r` was pressed."""
    app = open_app(opening(tmp_path / "t.db", case="t"), poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        with sqlite3.connect(tmp_path / "t.db") as connection:
            connection.execute("UPDATE cases SET slug = 'annat'")
        for _ in range(2):  # two ticks of the poll: said once
            app.poll_revision()
            await settle(pilot)
        told = shown(app.screen.query_one(CaseHeader))
        assert app.screen.has_class("-refused") and told.startswith("Det finns inget ärende 't' i databasen.")
        assert [n.message for n in app._notifications] == [told]


async def test_a_write_from_anywhere_means_a_read(tmp_path: Path, forming_services: Services) -> None:
    cache = await stored(tmp_path)
    Coordinator(services_at(tmp_path)).decide("Falun", "forstudie", outcome="bifall", on=date(2026, 11, 2))
    assert cache.load(TODAY) is None
    app = open_app(opening(tmp_path / "t.db"), poll_seconds=None)
    assert app.first_frame is None
    assert (await shown_by(app))["parties"][0][2] == "✓····"  # type: ignore[index]


async def test_another_day_means_a_read(tmp_path: Path, forming_services: Services) -> None:
    cache = await stored(tmp_path)
    assert cache.load(TODAY + timedelta(days=1)) is None


async def test_other_settings_mean_a_read(tmp_path: Path, forming_services: Services) -> None:
    config = tmp_path / "formation.toml"
    config.write_text('actor = "test"\n', encoding="utf-8")
    await stored(tmp_path, config=config)
    config.write_text('actor = "test"\n[reminders]\nbefore_days = [10]\n', encoding="utf-8")
    assert open_app(opening(tmp_path / "t.db", config=config), poll_seconds=None).first_frame is None


def remove_database(tmp_path: Path) -> None:
    for leftover in tmp_path.glob("t.db*"):
        leftover.unlink()


def two_cases_at_one_revision(tmp_path: Path) -> None:
    for slug, name, party in (("alfa", "Alfa", "Falun"), ("beta", "Beta", "Borlänge")):
        coordinator = Coordinator(services_at(tmp_path))
        coordinator.init_case(name, slug=slug)
        coordinator.add_party(party, "kommun")


async def test_a_frame_of_another_case_is_never_shown(tmp_path: Path) -> None:
    two_cases_at_one_revision(tmp_path)
    alfa = await stored(tmp_path, case="alfa")
    beta = await stored(tmp_path, case="beta")
    with sqlite3.connect(tmp_path / "t.db") as connection:  # beta's frame in alfa's row: same revision, same key
        connection.execute(
            "UPDATE cockpit_frames SET frame = (SELECT frame FROM cockpit_frames f JOIN cases c ON c.id = f.case_id "
            "WHERE c.slug = 'beta') WHERE case_id = (SELECT id FROM cases WHERE slug = 'alfa')"
        )
    assert alfa.load(TODAY) is None
    assert beta.load(TODAY) is not None


async def test_a_case_chosen_in_the_tui_is_stored_as_itself(tmp_path: Path) -> None:
    two_cases_at_one_revision(tmp_path)
    app = open_app(opening(tmp_path / "t.db", case="alfa"), poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        await pilot.press("down", "enter")  # Beta
        await settle(pilot)
        assert "Beta" in shown(app.screen.query_one(CaseHeader))
    alfa = open_app(opening(tmp_path / "t.db", case="alfa"), poll_seconds=None)
    beta = open_app(opening(tmp_path / "t.db", case="beta"), poll_seconds=None)
    assert alfa.first_frame is not None and alfa.first_frame.document["case"]["slug"] == "alfa"
    assert beta.first_frame is not None and beta.first_frame.document["case"]["slug"] == "beta"
    assert "Borlänge" in str(await shown_by(beta))


async def test_a_database_of_a_newer_formation_is_refused_at_start_not_shown_from_its_frame(
    tmp_path: Path, forming_services: Services
) -> None:
    cache = await stored(tmp_path)
    forming_services.engine.dispose()
    with sqlite3.connect(tmp_path / "t.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    assert cache.load(TODAY) is None
    with pytest.raises(Refusal):
        open_app(opening(tmp_path / "t.db"), poll_seconds=None)


async def test_a_database_that_cannot_be_opened_after_the_stored_frame_is_said_in_its_place(
    tmp_path: Path, forming_services: Services
) -> None:
    app = await from_stored_frame(tmp_path)
    forming_services.engine.dispose()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        with sqlite3.connect(tmp_path / "t.db") as connection:  # another formation, newer, migrated it meanwhile
            connection.execute("UPDATE alembic_version SET version_num = '0099'")
        for _ in range(2):  # two ticks of the poll: said once
            app.poll_revision()
            await settle(pilot)
        told = shown(app.screen.query_one(CaseHeader))
        assert app.screen.has_class("-refused") and "0099" in told
        assert [n.message for n in app._notifications] == [told]


async def test_a_changed_stored_frame_means_a_read(tmp_path: Path, forming_services: Services) -> None:
    cache = await stored(tmp_path)
    with sqlite3.connect(tmp_path / "t.db") as connection:  # the key no longer matches the text's digest
        connection.execute("UPDATE cockpit_frames SET frame = replace(frame, 'Falun', 'Mora')")
    assert cache.load(TODAY) is None
    app = open_app(opening(tmp_path / "t.db"), poll_seconds=None)
    assert app.first_frame is None
    assert (await shown_by(app))["parties"][0][0] == "Falun"  # type: ignore[index]
    assert cache.load(TODAY) is not None  # and the read stored a good one again


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "[" * 100_000 + "]" * 100_000,  # nested past the recursion limit
        lambda text: re.sub(r'"progress": \[\d+', '"progress": [1e400', text, count=1),  # int(inf)
        lambda text: text.replace('"parties": [', '"parties": "x", "was": [', 1),  # shown, then fails to show
    ],
    ids=["deep", "overflow", "shape"],
)
async def test_a_stored_frame_that_cannot_be_shown_means_a_read(
    tmp_path: Path, forming_services: Services, damage: object
) -> None:
    """Even with its key rewritten to match (a damaged row keeps the digest of the text it had, and is not
    shown for that alone)."""
    cache = await stored(tmp_path)
    with sqlite3.connect(tmp_path / "t.db") as connection:
        [(text,)] = connection.execute("SELECT frame FROM cockpit_frames").fetchall()
        damaged = damage(text)  # type: ignore[operator]
        assert damaged != text
        connection.execute("UPDATE cockpit_frames SET frame = ?, frame_key = ?", (damaged, cache.key(TODAY, damaged)))
    app = open_app(opening(tmp_path / "t.db"), poll_seconds=None)
    assert (await shown_by(app))["parties"][0][0] == "Falun"  # type: ignore[index]
    assert cache.load(TODAY) is not None  # the read stored a good frame again


async def test_only_the_chosen_case_is_stored_and_several_cases_without_a_choice_are_read(
    tmp_path: Path, forming_services: Services
) -> None:
    other = Coordinator(services_at(tmp_path))
    other.init_case("Annan", slug="annan")
    assert FrameCache.for_opening(opening(tmp_path / "t.db")) is not None
    app = open_app(opening(tmp_path / "t.db"), poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)  # two cases, none chosen: the coordinator picks one
    assert open_app(opening(tmp_path / "t.db"), poll_seconds=None).first_frame is None
    await stored(tmp_path, case="t")


def test_a_stored_frame_is_shown_without_importing_sqlalchemy_or_the_engine(tmp_path: Path) -> None:
    """What makes the second start fast, in the process `formation tui` runs in."""
    services = services_at(tmp_path)
    create_living_demo(services)
    script = textwrap.dedent(
        f"""
        import asyncio, json, sys
        from formation.bootstrap import prepare_services
        from formation.clock import FixedClock
        from tui.app import open_app
        from datetime import date

        async def main():
            opening = prepare_services(db={str(tmp_path / "t.db")!r}, clock=FixedClock(date(2026, 11, 23)))
            app = open_app(opening, poll_seconds=None)
            async with app.run_test(size=(160, 48)) as pilot:
                for _ in range(2):
                    await pilot.pause()
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                rows = app.screen.query_one("#parties").row_count
            engine = ("sqlalchemy", "sqlmodel", "transitions", "yaml", "formation.services", "formation.case")
            heavy = sorted(m for m in engine if m in sys.modules)
            print(json.dumps({{"stored": app.first_frame is not None, "rows": rows, "heavy": heavy}}))

        asyncio.run(main())
        """
    )
    runs = [
        json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)
        for _ in range(2)
    ]
    assert runs[0]["stored"] is False and "sqlalchemy" in runs[0]["heavy"]
    assert runs[1] == {"stored": True, "rows": runs[0]["rows"], "heavy": []}
