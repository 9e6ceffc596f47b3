"""The writing forms against real SQLite databases: what is written, what is refused, stale screens."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import date
from pathlib import Path

from textual.widgets import Input, Select, Static

from formation.case.events import DecisionRecorded, EventCorrected, EventVoided, StepSkipped
from formation.domain.outcomes import Outcome
from formation.io.demo import create_living_demo
from formation.services import Services
from formation.services.amend_handlers import CORRECTABLE
from tests.coordinator import Coordinator
from tests.tui.conftest import services_at
from tests.tui.helpers import paste_into, settle, shown, type_into
from tui.app import make_app
from tui.screens.amend_form import CorrectForm, VoidForm, correctable_fields
from tui.screens.dashboard import DashboardScreen
from tui.screens.decision_form import DecisionForm
from tui.screens.log import LogScreen
from tui.screens.skip_form import SkipForm
from tui.widgets.party_table import PartyTable

SIZE = (100, 34)
FO = Path(__file__).parents[2] / "formation" / "io" / "samples"


async def open_form(pilot, slug: str, key: str = "b") -> None:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.query_one(PartyTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(slug))
    await pilot.press(key)
    await settle(pilot)


def decisions(services: Services) -> list[DecisionRecorded]:
    return [e.event for e in services.events() if isinstance(e.event, DecisionRecorded)]


async def test_a_valid_decision_is_written_with_the_screens_revision(forming_services: Services) -> None:
    before = forming_services.view().revision
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot, "falun")
        form = app.screen
        assert isinstance(form, DecisionForm)
        assert form.revision == before
        assert form.query_one("#party", Select).value == "falun"
        assert form.query_one("#step", Select).value == "forstudie"
        assert form.query_one("#outcome", Select).value == "bifall"
        assert not form.query_one("#anslag-row").display  # förstudie is not appealable
        await type_into(pilot, "#date", "2026-11-02")
        await type_into(pilot, "#body", "Kommunstyrelsen [bold]")
        await type_into(pilot, "#paragraph", "12")
        await type_into(pilot, "#dnr", "KS 2026/14")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, DashboardScreen)
        [written] = decisions(forming_services)
        assert (written.party, written.step, written.outcome) == ("falun", "forstudie", Outcome.BIFALL)
        assert written.decided_on == date(2026, 11, 2)
        assert (written.body, written.paragraph, written.dnr) == ("Kommunstyrelsen [bold]", "12", "KS 2026/14")
        assert forming_services.view().revision == before + 1
        assert app.screen.query_one(PartyTable).get_row_at(0)[2].plain == "✓····"


async def test_invalid_input_is_refused_in_the_form_and_nothing_is_written(forming_services: Services) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot, "falun")
        await type_into(pilot, "#date", "2026-13-40")
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#error", Static)
        assert "'2026-13-40' är inget datum" in shown(error)
        assert error.has_class("-shown")

        # The form's own check passes; the engine refuses with its sentence, shown in the form.
        await type_into(pilot, "#date", "1900-01-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DecisionForm)
        assert "ligger utanför det rimliga intervallet" in shown(app.screen.query_one("#error", Static))
        assert decisions(forming_services) == []

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert decisions(forming_services) == []


async def test_a_stale_screen_is_told_and_refreshed_never_overwritten(
    tmp_path: Path, forming_services: Services
) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot, "falun")
        form = app.screen
        assert isinstance(form, DecisionForm)

        # A second writer on the same SQLite file, after the screen read the case.
        other = Coordinator(services_at(tmp_path))
        other.decide("Falun", "forstudie", outcome="avslag", on=date(2026, 11, 1))

        await type_into(pilot, "#date", "2026-11-02")
        await pilot.press("ctrl+s")
        await settle(pilot)

        # Told, with what the other wrote; nothing written; what was typed is still there.
        assert app.screen is form
        told = shown(form.query_one("#error", Static))
        assert told.startswith("Någon annan har ändrat ärendet sedan formuläret öppnades; inget sparades.")
        assert "Falun: Förstudie avslag" in told and told.endswith("eller avbryt (Esc).")
        assert form.query_one("#date", Input).value == "2026-11-02"
        [only] = decisions(forming_services)
        assert only.outcome is Outcome.AVSLAG  # the other writer's decision stands
        # Refreshed behind the form: closed, the dashboard shows the other's decision.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "avslag: Förstudie 2026-11-01" in app.screen.query_one(PartyTable).get_row_at(0)[3].plain
        assert decisions(forming_services) == [only]


async def test_a_stale_write_from_the_cli_in_another_process(tmp_path: Path, forming_services: Services) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot, "falun")
        env = os.environ | {"FORMATION_DB": str(tmp_path / "t.db"), "FORMATION_TODAY": "2026-11-23"}
        cli = [str(Path(sys.executable).parent / "formation"), "decide", "Falun", "forstudie"]
        process = await asyncio.create_subprocess_exec(
            *cli, "--outcome", "bifall", "--date", "2026-10-30", env=env, stderr=asyncio.subprocess.PIPE
        )
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
        assert process.returncode == 0, stderr.decode()
        form = app.screen
        assert isinstance(form, DecisionForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "Falun: Förstudie bifall" in shown(form.query_one("#error", Static))
        assert [d.decided_on for d in decisions(forming_services)] == [date(2026, 10, 30)]
        # The förstudie decided meanwhile, the form offers what is open now: the inriktningsbeslut.
        assert form.query_one("#step", Select).value == "inriktningsbeslut"
        await type_into(pilot, "#date", "2026-11-20")
        await pilot.press("ctrl+s")  # a write made knowing what changed
        await settle(pilot)
        assert [(d.step, d.decided_on) for d in decisions(forming_services)] == [
            ("forstudie", date(2026, 10, 30)),
            ("inriktningsbeslut", date(2026, 11, 20)),
        ]


async def test_skip_a_step_with_a_reason(forming_services: Services) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot, "falun", key="s")
        assert isinstance(app.screen, SkipForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Skriv varför" in shown(app.screen.query_one("#error", Static))
        await type_into(pilot, "#reason", "Ingen förstudie behövs")
        await pilot.press("ctrl+s")
        await settle(pilot)
        skips = [e.event for e in forming_services.events() if isinstance(e.event, StepSkipped)]
        assert [(s.party, s.step, s.reason) for s in skips] == [("falun", "forstudie", "Ingen förstudie behövs")]
        assert app.screen.query_one(PartyTable).get_row_at(0)[2].plain == "–····"


async def test_correct_and_void_from_the_log(forming_services: Services) -> None:
    coordinator = Coordinator(forming_services)
    coordinator.decide("Falun", "forstudie", outcome="bifall", on=date(2026, 11, 2))
    seq = forming_services.events()[-1].seq
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        table = app.screen.query_one("#log")
        table.move_cursor(row=table.get_row_index(str(seq)))  # type: ignore[attr-defined]
        await pilot.press("c")
        await settle(pilot)
        await type_into(pilot, "#date", "2026-11-03")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Skriv varför" in shown(app.screen.query_one("#error", Static))
        await type_into(pilot, "#reason", "Fel datum i protokollet")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        corrections = [e.event for e in forming_services.events() if isinstance(e.event, EventCorrected)]
        assert [(c.target, c.reason) for c in corrections] == [(seq, "Fel datum i protokollet")]
        assert forming_services.view().projection.parties["falun"].steps["forstudie"].date == date(2026, 11, 3)

        table.move_cursor(row=table.get_row_index(str(seq)))  # type: ignore[attr-defined]
        await pilot.press("x")
        await settle(pilot)
        await type_into(pilot, "#reason", "Beslutet gällde en annan fråga")
        await pilot.press("enter")
        await settle(pilot)
        voids = [e.event for e in forming_services.events() if isinstance(e.event, EventVoided)]
        assert [v.target for v in voids] == [seq]
        assert forming_services.view().projection.parties["falun"].steps["forstudie"].date is None
        marks = app.screen.query_one("#log").get_row(str(seq))[3].plain  # type: ignore[attr-defined]
        assert f"struken i {seq + 2}" in marks

        # The case's creation cannot be struck: said at once, without a form to fill in first.
        table.move_cursor(row=table.get_row_index("1"))  # type: ignore[attr-defined]
        before = len(forming_services.events())
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        assert "Händelse 1 är ärendets början och kan inte strykas." in [n.message for n in app._notifications]
        assert len(forming_services.events()) == before


async def test_decide_from_the_party_screen(forming_services: Services) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot, "region-dalarna", key="o")
        await pilot.press("b")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DecisionForm)
        assert list(form.choices) == ["region-dalarna"]
        await type_into(pilot, "#date", "2026-11-20")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [written] = decisions(forming_services)
        assert (written.party, written.step, written.decided_on) == ("region-dalarna", "forstudie", date(2026, 11, 20))
        rows = app.screen.query_one("#party-steps").get_row_at(0)  # type: ignore[attr-defined]
        assert [cell.plain for cell in rows[:3]] == ["Förstudie", "✓ beslutat", "2026-11-20"]


def test_the_correction_form_knows_every_field_the_engine_lets_a_correction_change() -> None:
    for event_type, keys in CORRECTABLE.items():
        assert correctable_fields(event_type) == keys, event_type
    assert correctable_fields("meeting_added") == ()


async def open_correction(pilot, seq: int) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("l")
    await settle(pilot)
    table = pilot.app.screen.query_one("#log")
    table.move_cursor(row=table.get_row_index(str(seq)))
    await pilot.press("c")
    await settle(pilot)


async def test_a_version_is_corrected_with_its_own_fields_only(forming_services: Services) -> None:
    Coordinator(forming_services).add_fo(FO / "forbundsordning_falun_borlange.md", on=date(2026, 11, 2))
    seq = forming_services.events()[-1].seq
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_correction(pilot, seq)
        form = app.screen
        assert isinstance(form, CorrectForm)
        offered = [str(label.render()) for label in form.query(".field-label")]
        assert offered == ["Datum", "Start", "Bildat", "Skäl *"]  # no Utfall, §, Dnr or Anslag for a version
        await type_into(pilot, "#start_date", "2027-04-01")
        await type_into(pilot, "#reason", "Startdatum enligt förbundsordningen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        [correction] = [e.event for e in forming_services.events() if isinstance(e.event, EventCorrected)]
        assert (correction.target, correction.changes) == (seq, {"start_date": "2027-04-01"})


async def test_a_meeting_cannot_be_corrected_and_the_log_says_to_strike_it(tmp_path: Path) -> None:
    services = services_at(tmp_path)
    create_living_demo(services)
    meeting = next(e.seq for e in services.events() if e.type == "meeting_added")
    app = make_app(services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_correction(pilot, meeting)
        assert isinstance(app.screen, LogScreen)  # no form opened
        [notice] = [n.message for n in app._notifications]
        assert notice == (
            "En händelse av typen sammanträde har inga uppgifter som kan rättas; "
            "stryk den i stället (x) och registrera den på nytt om det behövs."
        )
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, VoidForm)


async def test_a_correction_form_refuses_a_version_that_is_no_whole_number_from_1(
    forming_services: Services,
) -> None:
    Coordinator(forming_services).decide("Falun", "forstudie", outcome="bifall", on=date(2026, 11, 2))
    seq = forming_services.events()[-1].seq
    before = len(forming_services.events())
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        table = app.screen.query_one("#log")
        table.move_cursor(row=table.get_row_index(str(seq)))  # type: ignore[attr-defined]
        await pilot.press("c")
        await settle(pilot)
        await type_into(pilot, "#reason", "Fel version")
        for typed, said in (
            ("-1", "Version '-1' är inget heltal från 1 till 9999."),
            ("²", "Version '²' är inget heltal från 1 till 9999."),
            ("99999999999999999999", "Version '999999999999…' är orimligt stort."),
        ):
            await type_into(pilot, "#fo_version", typed)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, CorrectForm)
            assert shown(app.screen.query_one("#error", Static)) == said
        assert len(forming_services.events()) == before


async def test_a_new_version_lacking_9_paragraph_items_is_saved_only_when_asked_twice(
    forming_services: Services, tmp_path: Path
) -> None:
    """A wrong file saved as a version can only be struck afterwards, so the form asks first: the first Ctrl+S
    names what is missing and saves nothing; the second saves, with the same warning."""
    junk = tmp_path / "utkast.txt"
    junk.write_text("Ett utkast utan något av det som 9 § kräver.\n", encoding="utf-8")
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await paste_into(pilot, "#path", str(junk))
        await pilot.press("ctrl+s")
        await settle(pilot)
        asked = shown(app.screen.query_one("#error", Static))
        assert asked.startswith("9 § punkterna 1, 2, ") and asked.endswith("Ctrl+S en gång till sparar ändå.")
        assert forming_services.view().projection.current_version is None
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert forming_services.view().projection.current_version == 1
        [saved] = [n.message for n in app._notifications if n.title == "Sparat"]
        assert saved.startswith("Förbundsordningen v1 är tillagd. Varning: 9 § punkterna 1, 2, ")
        assert saved.endswith(" saknas i texten (3 visar kontrollen).")


async def test_the_organ_fields_example_is_the_steps_own_body(forming_services: Services) -> None:
    """Not 't.ex. kommunfullmäktige' for Försäkringskassan's förstudie: the template's body for the step chosen."""
    from textual.widgets import Input

    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot, "forsakringskassan")
        assert isinstance(app.screen, DecisionForm)
        assert app.screen.query_one("#body", Input).placeholder == "t.ex. Försäkringskassan"
        await pilot.press("escape")
        await settle(pilot)
        await open_form(pilot, "falun")
        assert app.screen.query_one("#body", Input).placeholder == "t.ex. Kommunstyrelsen"


async def test_a_stale_form_lists_the_newest_of_many_writes_and_says_how_many_more(
    tmp_path: Path, forming_services: Services
) -> None:
    from formation.case.commands import AddContact

    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_form(pilot, "falun")
        form = app.screen
        other = services_at(tmp_path)
        for n in range(5):
            other.handle(AddContact(party="falun", name=f"Person {n}", email=f"p{n}@falun.example.org"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        told = shown(form.query_one("#error", Static)).splitlines()
        assert told[1].strip() == "• … och 2 till före dessa (loggen visar alla)"
        assert [line.strip().split(" ", 2)[2] for line in told[2:5]] == [
            "Falun: kontakt Person 2",
            "Falun: kontakt Person 3",
            "Falun: kontakt Person 4",
        ]
