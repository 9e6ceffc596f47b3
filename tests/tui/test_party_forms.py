"""The party screen's own forms, against a real SQLite file: a contact person and a board seat, what is
written, what is refused (and then nothing is), and a party whose name looks like markup."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Static

from formation.services import Services
from tests.coordinator import Coordinator
from tests.tui.helpers import press, settle, shown, table_rows, type_into
from tui.app import make_app
from tui.screens.deadline_form import DeadlineForm
from tui.screens.party import PartyScreen
from tui.screens.party_forms import BoardSeatForm, ContactForm, DecideAppealForm, FileAppealForm
from tui.widgets.party_table import PartyTable

SIZE = (100, 34)


async def open_party(pilot, slug: str) -> None:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.query_one(PartyTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(slug))
    await press(pilot, "o")
    assert isinstance(pilot.app.screen, PartyScreen)


async def test_a_contact_person_is_added_from_the_party_screen_and_a_bad_address_refused(
    forming_services: Services,
) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_party(pilot, "falun")
        await press(pilot, "k")
        form = app.screen
        assert isinstance(form, ContactForm)
        await press(pilot, "ctrl+s")
        assert shown(form.query_one("#error", Static)) == "Skriv kontaktpersonens namn."
        await type_into(pilot, "#name", "Anna [b]Andersson[/]")
        await type_into(pilot, "#email", "inte-en-adress")
        await press(pilot, "ctrl+s")
        assert app.screen is form and "ingen giltig e-postadress" in shown(form.query_one("#error", Static))
        assert not forming_services.view().projection.contacts  # refused: nothing written
        form.query_one("#email", Input).value = "anna@falun.example.org"
        await type_into(pilot, "#role", "nämndsekreterare")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PartyScreen)
        facts = shown(app.screen.query_one("#party-facts", Static))
        assert "Påminnelser till: Anna [b]Andersson[/], nämndsekreterare <anna@falun.example.org>" in facts


async def test_a_board_seat_is_added_with_the_current_term_and_fk_is_asked_the_ground(
    forming_services: Services,
) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_party(pilot, "falun")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, BoardSeatForm)
        await type_into(pilot, "#person", "Eva Berg")
        await type_into(pilot, "#fullmaktige", "Kommunfullmäktige i Falun")
        await type_into(pilot, "#to", "2027-13-01")
        await press(pilot, "ctrl+s")
        assert app.screen is form and "Till '2027-13-01'" in shown(form.query_one("#error", Static))
        assert forming_services.view().projection.board == []
        form.query_one("#to", Input).value = ""
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PartyScreen)
        [seat] = forming_services.view().projection.board
        # Today is 2026-11-23: the term that began on 1 April after the 2022 election.
        assert (seat.party, seat.person, seat.role) == ("falun", "Eva Berg", "ledamot")
        assert (seat.term_start, seat.term_end, seat.fullmaktige) == (
            date(2023, 4, 1),
            date(2027, 3, 31),
            "Kommunfullmäktige i Falun",
        )

        await press(pilot, "escape")
        await open_party(pilot, "forsakringskassan")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, BoardSeatForm)
        assert not form.query("#fullmaktige")  # FK appoints its employees
        await type_into(pilot, "#person", "Kim Ek")
        await press(pilot, "ctrl+s")
        seats = forming_services.view().projection.board
        assert [(s.person, s.employed_by) for s in seats] == [("Eva Berg", None), ("Kim Ek", "forsakringskassan")]


async def test_the_party_forms_are_not_opened_on_a_historic_view(forming_services: Services) -> None:
    Coordinator(forming_services).decide("Falun", "forstudie", outcome="bifall", on=date(2026, 11, 2))
    app = make_app(forming_services, poll_seconds=None)
    app.as_of = date(2026, 11, 10)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_party(pilot, "falun")
        for key in ("k", "e"):
            await press(pilot, key)
            assert isinstance(app.screen, PartyScreen)
        assert sum("Historisk vy" in n.message for n in app._notifications) == 2


async def test_the_dashboard_opens_the_forms_for_the_highlighted_party(forming_services: Services) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PartyTable)
        table.move_cursor(row=table.get_row_index("region-dalarna"))
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, BoardSeatForm) and form.party == "region-dalarna"
        await press(pilot, "escape")
        await press(pilot, "k")
        assert isinstance(app.screen, ContactForm) and app.screen.party == "region-dalarna"


async def test_an_appeal_and_the_courts_ruling_are_recorded_from_the_party_screen(demo_services: Services) -> None:
    """Stockholms stad's approval is appealed (so its decision gains no laga kraft), then the court upholds it."""
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_party(pilot, "stockholms-stad")
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, FileAppealForm)
        await press(pilot, "ctrl+s")
        assert shown(form.query_one("#error", Static)) == "Skriv dagen då överklagandet kom in."
        await type_into(pilot, "#filed", "2016-03-01")
        await type_into(pilot, "#court", "Förvaltningsrätten i Stockholm")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, PartyScreen)
        appeal = demo_services.view().projection.parties["stockholms-stad"].appeal
        assert appeal is not None and appeal.pending and appeal.court == "Förvaltningsrätten i Stockholm"
        assert "Överklagande:" in shown(app.screen.query_one("#party-facts", Static))

        await pilot.press("a")  # pending now: the ruling
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DecideAppealForm)
        await type_into(pilot, "#date", "2016-05-10")
        await press(pilot, "ctrl+s")
        appeal = demo_services.view().projection.parties["stockholms-stad"].appeal
        assert appeal is not None and not appeal.pending
        assert demo_services.view().projection.parties["stockholms-stad"].approved


async def test_a_late_appeal_is_recorded_with_a_warning_and_fk_has_nothing_to_appeal(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_party(pilot, "forsakringskassan")
        await press(pilot, "a")
        assert isinstance(app.screen, PartyScreen)  # no form: an agency's decision is not laglighetsprövat
        assert any("har inget godkännande som kan överklagas" in n.message for n in app._notifications)
        await press(pilot, "escape")
        await open_party(pilot, "stockholms-stad")
        await press(pilot, "a")
        await type_into(pilot, "#filed", "2016-06-01")
        await press(pilot, "ctrl+s")
        [saved] = [n.message for n in app._notifications if n.title == "Sparat"]
        assert "Obs: överklagandetiden gick ut 2016-" in saved and "avvisar troligen" in saved


async def test_a_deadline_is_set_by_hand_from_the_reminders_screen_and_returned_to_the_plans(
    living: Services,
) -> None:
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        table = app.screen.query_one("#deadlines", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("solna/namnd"))
        await press(pilot, "d")
        form = app.screen
        assert isinstance(form, DeadlineForm)
        await type_into(pilot, "#day", "2027-13-01")
        await press(pilot, "ctrl+s")
        assert app.screen is form and "Sista dag '2027-13-01'" in shown(form.query_one("#error", Static))
        assert ("solna", "namnd") not in living.view().projection.deadline_overrides
        form.query_one("#day", Input).value = "2027-01-08"
        await press(pilot, "ctrl+s")
        assert living.view().projection.deadline_overrides[("solna", "namnd")] == date(2027, 1, 8)
        row = table_rows(app.screen.query_one("#deadlines", DataTable))
        assert any(r[0] == "2027-01-08" and r[1] == "Solna" for r in row)

        table = app.screen.query_one("#deadlines", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("solna/namnd"))
        await press(pilot, "d")
        assert app.screen.query_one("#day", Input).value == "2027-01-08"
        app.screen.query_one("#day", Input).value = ""
        await press(pilot, "ctrl+s")
        assert ("solna", "namnd") not in living.view().projection.deadline_overrides
