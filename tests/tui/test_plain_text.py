"""What the cockpit says in toasts and in the command palette: plain Swedish text, whatever the user typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandInput, CommandList

from formation.case.commands import InitCase
from formation.services import Services
from tests.coordinator import Coordinator
from tests.tui.conftest import services_at
from tests.tui.helpers import settle, type_into
from tests.tui.test_forms import decisions, open_form
from tui.app import make_app
from tui.palette import NO_MATCHES, PLACEHOLDER, SwedishCommandPalette
from tui.screens.dashboard import DashboardScreen

SIZE = (100, 34)


async def test_a_saved_decision_names_a_party_with_brackets_literally(forming_services: Services) -> None:
    for name in ("Täby [/] kommun", "[link=https://x]Vallentuna[/link]", "[bold]Ekerö"):
        Coordinator(forming_services).add_party(name, "kommun")
    app = make_app(forming_services, poll_seconds=None)
    app.NOTIFICATION_TIMEOUT = 600  # the first toast must outlast the four forms under a loaded machine (5 s)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for slug in ("taby-kommun", "link-https-x-vallentuna-link", "bold-ekero"):
            await open_form(pilot, slug)
            await type_into(pilot, "#date", "2026-11-02")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
        await open_form(pilot, "bold-ekero", key="s")
        await type_into(pilot, "#reason", "[/] Ingen [red]nämnd")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.is_running and app.return_code is None
        toasts = [n.message for n in app._notifications]
        assert "Beslutet är registrerat för Täby [/] kommun." in toasts
        assert "Beslutet är registrerat för [link=https://x]Vallentuna[/link]." in toasts
        assert "Beslutet är registrerat för [bold]Ekerö." in toasts
        assert len(decisions(forming_services)) == 3
        assert all(not n.markup for n in app._notifications)


async def test_the_command_palette_speaks_swedish(forming_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SwedishCommandPalette, "_NO_MATCHES_COUNTDOWN", 0.01)  # Textual waits half a second
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.screen.query_one(CommandInput).placeholder == PLACEHOLDER
        await pilot.press(*"zzqx")
        texts: list[str] = []
        for _ in range(250):  # the palette searches in a worker and says so after a timer: wait for it, not a set time
            await pilot.pause(0.02)
            options = app.screen.query_one(CommandList).options
            texts = [str(getattr(option.prompt, "renderable", option.prompt)) for option in options]
            if NO_MATCHES in texts:
                break
        assert texts == [NO_MATCHES]


async def test_opening_a_party_of_a_case_without_parties_says_why_nothing_opens(tmp_path: Path) -> None:
    services = services_at(tmp_path)
    services.handle(InitCase(name="Tomt", slug="tomt"))
    app = make_app(services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert [n.message for n in app._notifications] == [
            "Ärendet har inga parter ännu; lägg till dem med `formation party add`."
        ]
