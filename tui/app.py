"""The Textual app: `open_app(opening)` is how `formation tui` starts it (on a stored frame when it can), and
`make_app(services)` how the tests do, on services they built."""

from __future__ import annotations

import os
import sys
import threading
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.worker import get_current_worker

from formation.bootstrap import Opening
from formation.errors import Refusal
from tui.commands import CockpitCommands
from tui.messages import DatabaseRefused, RevisionPolled, StatusRefused
from tui.palette import SwedishCommandPalette
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen

if TYPE_CHECKING:
    from formation.clock import Clock
    from formation.reports.cockpit_model import CockpitFrame
    from formation.services import Services
    from tui.frame_cache import FrameCache

POLL_SECONDS = 1.0
"""How often the live view asks for the case's revision; changes from the CLI show within two seconds."""
TERMINAL_CHECK_SECONDS = 1.0
CASE_GONE = frozenset({"unknown_case", "no_case"})
"""Refusal codes of a poll whose case is no longer in the database."""
HANGUP_EXIT = 129
"""The exit status after the terminal went away (128 + SIGHUP, as if the hangup signal had ended it)."""


def terminal_alive() -> bool:
    """Whether standard input is still a terminal (after a hangup it is not, and reads give nothing)."""
    try:
        return sys.__stdin__ is not None and os.isatty(sys.__stdin__.fileno())
    except (OSError, ValueError):
        return False


class FormationApp(App[None]):
    """The coordinator's terminal UI; reads and writes only through the injected services."""

    CSS_PATH = "app.tcss"
    TITLE = "Formation"
    COMMAND_PALETTE_BINDING = "ctrl+p"
    COMMANDS = {CockpitCommands}
    BINDINGS = [
        Binding("q", "quit", "Avsluta"),
        Binding("question_mark,f1", "help", "Hjälp", key_display="?"),
        Binding("ctrl+p", "command_palette", "Kommandon", show=False),
    ]

    def __init__(
        self,
        services: Services | Opening,
        *,
        poll_seconds: float | None = POLL_SECONDS,
        first_frame: CockpitFrame | None = None,
        frame_cache: FrameCache | None = None,
    ) -> None:
        """`services` open, or the settings to open them with when first needed (after a first frame shown from
        `frame_cache`, the live poll opens them)."""
        super().__init__()
        self._services: Services | None = None if isinstance(services, Opening) else services
        self._opening: Opening | None = services if isinstance(services, Opening) else None
        self._opened = threading.Lock()
        self.first_frame = first_frame
        """A frame of the dashboard stored by an earlier run, still valid, shown before the case is read."""
        self.frame_cache = frame_cache
        """Where the dashboard stores what it reads for today, for the next start; None to store nothing."""
        self.as_of: date | None = None
        """The day the screens show the case as of; None for today (and only then can decisions be recorded)."""
        self.poll_seconds = poll_seconds
        """Seconds between revision polls; None turns the live view off."""
        self.seen_revision: int | None = None
        """The revision the screens last loaded; the poll reloads them when the database has another."""
        self.told_refusal: str | None = None
        """What the poll last said about a database it could not open (said once, not every second)."""

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run, and exit non-zero after a crash: Textual prints the traceback and returns, but a launcher
        that ignores `return_code` would exit 0."""
        result = super().run(*args, **kwargs)
        if self.return_code:
            raise SystemExit(self.return_code)
        return result

    @property
    def services(self) -> Services:
        """The engine's commands and reads over one database; opened on first use (from a worker, or from the
        key that needs them) when the app was started with the settings only."""
        if self._services is None:
            with self._opened:
                if self._services is None:
                    from formation.bootstrap import open_services

                    assert self._opening is not None
                    self._services = open_services(self._opening)
        return self._services

    @property
    def opened(self) -> Services | None:
        """The services if they have been opened, else None (nothing to close)."""
        return self._services

    @property
    def clock(self) -> Clock:
        """Today's date, without opening the database."""
        if self._services is not None:
            return self._services.clock
        assert self._opening is not None
        return self._opening.clock

    def get_default_screen(self) -> DashboardScreen:
        return DashboardScreen(self.first_frame)

    def on_mount(self) -> None:
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll_revision)
        if not self.is_headless and terminal_alive():
            self.set_interval(TERMINAL_CHECK_SECONDS, self.check_terminal)

    def check_terminal(self) -> None:
        """Exit once the terminal is gone (a closed window, a dropped ssh connection). Started by `make run`,
        the TUI is not told: the hangup signal goes to make, which waits for it, and reading the dead terminal
        would keep it running on a whole core."""
        if not terminal_alive():
            self.exit(return_code=HANGUP_EXIT)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification as plain text, whatever the caller asked: they name parties and quote the engine's
        sentences, which quote user input (a party named 'Täby [/] kommun' crashed the app when its decision was
        saved, and '[bold]x' lost its brackets)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_command_palette(self) -> None:
        """The palette in Swedish (Textual's own says "Search for commands…")."""
        if self.use_command_palette and not isinstance(self.screen, SwedishCommandPalette):
            self.push_screen(SwedishCommandPalette())

    def action_help(self) -> None:
        """Show the key help, unless it is already showing."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    @work(thread=True, exclusive=True, group="poll")
    def poll_revision(self) -> None:
        """Read the revision only; the screens reload when it moved."""
        from sqlalchemy.exc import OperationalError

        worker = get_current_worker()
        try:
            services = self.services
        except Refusal as exc:  # opened by this poll after a stored frame, and refused: say so, try next tick
            if not worker.is_cancelled:
                self.post_message(DatabaseRefused(exc.message, exc.code))
            return
        try:
            revision: int | None = services.revision()
        except Refusal as exc:
            if exc.code in CASE_GONE and not worker.is_cancelled:  # e.g. a restore without it: say so, once
                self.post_message(DatabaseRefused(exc.message, exc.code))
            return  # several cases (the list is showing): nothing to follow
        except OperationalError:  # the file busy for a moment: try next tick
            return
        if not worker.is_cancelled:
            self.post_message(RevisionPolled(revision))

    @on(DatabaseRefused)
    def tell_refusal(self, message: DatabaseRefused) -> None:
        """What the dashboard shows no longer stands (a database that cannot be opened, a case gone): it says
        why instead, once."""
        if message.message == self.told_refusal:
            return
        self.told_refusal = message.message
        self.seen_revision = None  # read the case once the database opens again
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.post_message(StatusRefused(message.message, message.code))
        self.notify(message.message, severity="error")

    @on(RevisionPolled)
    def reload_when_changed(self, message: RevisionPolled) -> None:
        if message.revision is None or message.revision == self.seen_revision:
            return
        self.seen_revision, self.told_refusal = message.revision, None
        for screen in self.screen_stack:
            reload = getattr(screen, "action_reload", None)
            if reload is not None and not isinstance(screen, HelpScreen):
                reload()


def make_app(services: Services, *, poll_seconds: float | None = POLL_SECONDS) -> FormationApp:
    """The app over `services`; the caller decides database, clock and case."""
    return FormationApp(services, poll_seconds=poll_seconds)


def open_app(opening: Opening, *, poll_seconds: float | None = POLL_SECONDS) -> FormationApp:
    """The app as `formation tui` starts it: on the frame the last run stored, when it is still valid, and with
    the database opened when first needed; otherwise it opens the database now, so that a refusal (no database,
    a bad address) is said before the screen is taken over."""
    from tui.frame_cache import FrameCache

    cache = FrameCache.for_opening(opening)
    frame = cache.load(opening.clock.today()) if cache is not None else None
    app = FormationApp(opening, poll_seconds=poll_seconds, first_frame=frame, frame_cache=cache)
    if frame is None:
        app.services  # noqa: B018 - opened now: its refusals go to the launcher
    return app
