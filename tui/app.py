"""The Textual app: `make_app(services)` is the one way in, for `formation tui` and for the tests alike."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from formation.services import Services
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen


class FormationApp(App[None]):
    """The coordinator's terminal UI; reads and writes only through the injected services."""

    CSS_PATH = "app.tcss"
    TITLE = "Formation"
    # The command palette is English-only; every user-facing word here is Swedish.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("q", "quit", "Avsluta"),
        Binding("question_mark,f1", "help", "Hjälp", key_display="?"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        """The engine's commands and reads over one database."""

    def get_default_screen(self) -> DashboardScreen:
        return DashboardScreen(self.services)

    def action_help(self) -> None:
        """Show the key help, unless it is already showing."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(services: Services) -> FormationApp:
    """The app over `services`; the caller decides database, clock and case."""
    return FormationApp(services)
