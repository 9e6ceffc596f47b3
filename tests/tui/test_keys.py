"""The keys: each screen's footer fits whole (and shows every key on a wide terminal), the keys it leaves out are
in ? help, and the command palette finds the screens in Swedish. Driven by Pilot against real SQLite databases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from formation.io.demo import create_living_demo
from formation.services import Services
from tests.coordinator import Coordinator
from tests.tui.conftest import services_at
from tests.tui.helpers import settle, shown
from tui.app import make_app
from tui.screens.dashboard import DashboardScreen
from tui.screens.footer import FULL_FOOTER_COLUMNS
from tui.screens.help import HelpScreen, keys_of
from tui.screens.skip_form import SkipForm
from tui.screens.timeline import TimelineScreen

SIZE = (100, 34)
FO = Path(__file__).parents[2] / "formation" / "io" / "samples"


async def test_help_lists_the_screens_keys_and_the_palette_is_swedish(demo_services: Services) -> None:
    app = make_app(demo_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = shown(app.screen.query_one("#help Static", Static))
        assert "registrera ett beslut" in text and "Ctrl+P" in text
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"tidslinj")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)


def cut_footer_keys(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The footer's keys that do not fit before the command palette's key (drawn cut or not at all)."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    palette = next(k for k in keys if k.has_class("-command-palette"))
    return [f"{k.key_display} {k.description}" for k in keys if k is not palette and k.region.right > palette.region.x]


def hidden_keys_missing_from_help(screen) -> list[str]:  # type: ignore[no-untyped-def]
    """Keys left out of the footer that the screen's ? help does not list either."""
    listed = {token for key, _ in keys_of(screen) for token in key.replace("/", " ").split()} | {"/"}
    ours = [cls for cls in type(screen).__mro__ if cls.__module__.startswith("tui.")]
    hidden = [b for cls in ours for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    shown_keys = {"escape": "Esc", "slash": "/"}
    return [b.key for b in hidden if not b.show and shown_keys.get(b.key, b.key) not in listed]


@pytest.mark.parametrize("size", [(80, 24), (100, 34)])
async def test_every_footer_fits_whole_and_the_keys_left_out_are_in_help(tmp_path: Path, size: tuple[int, int]) -> None:
    services = services_at(tmp_path)
    create_living_demo(services)
    Coordinator(services).add_fo(FO / "forbundsordning_falun_borlange.md", on=date(2026, 11, 2))
    app = make_app(services, poll_seconds=None)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert cut_footer_keys(app) == []
        assert hidden_keys_missing_from_help(app.screen) == []
        for key in "lftpmo":
            await pilot.press(key)
            await settle(pilot)
            assert not isinstance(app.screen, DashboardScreen)
            assert cut_footer_keys(app) == [], type(app.screen).__name__
            assert hidden_keys_missing_from_help(app.screen) == [], type(app.screen).__name__
            await pilot.press("escape")
            await settle(pilot)


async def test_a_wide_footer_shows_every_key_and_a_narrowed_one_the_few_again(tmp_path: Path) -> None:
    services = services_at(tmp_path)
    create_living_demo(services)
    app = make_app(services, poll_seconds=None)

    def footer_keys() -> list[str]:
        return [k.key_display for k in app.screen.query_one(Footer).query(FooterKey)]

    async with app.run_test(size=(FULL_FOOTER_COLUMNS, 48)) as pilot:
        await settle(pilot)
        assert footer_keys() == ["b", "s", "o", "l", "f", "t", "p", "m", "a", "d", "r", "q", "?", "^p"]
        assert cut_footer_keys(app) == []
        await pilot.press("m")  # a screen of its own: its own keys, not every cockpit screen's r and q
        await settle(pilot)
        assert footer_keys() == ["esc", "0", "1", "2", "3", "4", "/", "d", "?", "^p"]
        assert cut_footer_keys(app) == []
        await pilot.press("escape")
        await pilot.resize_terminal(FULL_FOOTER_COLUMNS - 1, 48)
        await settle(pilot)
        assert footer_keys() == ["b", "o", "l", "p", "q", "?", "^p"]
        await pilot.press("s")  # a key left out of the footer still works
        await settle(pilot)
        assert isinstance(app.screen, SkipForm)
