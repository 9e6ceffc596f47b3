"""What the cockpit's full screens share: the app's case state, a reload that runs in a worker, Esc to go back."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual.binding import Binding

from formation.services import Services
from tui.screens.footer import FullFooterWhenWide
from tui.styles import SCREENS_CSS

if TYPE_CHECKING:
    from tui.app import FormationApp


class CockpitScreen(FullFooterWhenWide):
    """A full screen over one case; `action_reload` is called by the live poll when the case changed."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape", "back", "Tillbaka"),
        # Left out of the footer, so that at 80 columns it is never cut mid-word: a screen reloads by itself
        # when the case changes, and Esc is the way out of a screen; ? lists both keys.
        Binding("r", "reload", "Läs om", show=False),
        Binding("q", "app.quit", "Avsluta", show=False),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        """Where the case is read from; injected."""

    @property
    def cockpit(self) -> FormationApp:
        return cast("FormationApp", self.app)

    @property
    def as_of(self) -> date | None:
        """The day the app shows the case as of (None: today)."""
        return self.cockpit.as_of

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        """Read again; each screen starts its own worker."""
