"""Choose the day the cockpit shows the case as of; blank is today (and only today can be written to)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from formation.errors import Refusal
from tui.screens.form import FormError, field_row, parse_day, text_input

if TYPE_CHECKING:
    from formation.services import Services
    from tui.app import FormationApp


@dataclass(frozen=True)
class AsOf:
    """The answer: a day, or None for today."""

    day: date | None


class AsOfScreen(ModalScreen[AsOf | None]):
    """Dismissed with AsOf, or None when cancelled. A day after today, or before the case's first event, is
    refused in the form: the log says nothing yet of either."""

    BINDINGS = [Binding("escape", "dismiss_none", "Avbryt")]
    KEY_HELP = (("Enter", "visa läget per datumet (tomt: i dag)"), ("Esc", "avbryt"))

    def __init__(self, current: date | None) -> None:
        super().__init__()
        self.current = current
        self.began: date | None = None
        """The day the case's first event took effect, once read (None: not read, or no dated event)."""
        self.began_read = False

    @property
    def services(self) -> Services:
        return cast("FormationApp", self.app).services

    def compose(self) -> ComposeResult:
        with Vertical(id="as-of", classes="dialog"):
            yield Static(Content("Visa ärendet som det såg ut vid slutet av dagen. Tomt: i dag."))
            yield field_row(
                "Datum",
                text_input("day", value=self.current.isoformat() if self.current else "", placeholder="ÅÅÅÅ-MM-DD"),
            )
            yield Static(id="as-of-error", classes="form-error")

    def on_mount(self) -> None:
        self.query_one("#as-of").border_title = "Läget per datum"
        self.query_one("#day", Input).focus()
        self.read_beginning()

    @work(thread=True, exclusive=True, group="as-of")
    def read_beginning(self) -> None:
        """The case's first day, read while the date is typed, so that Enter need not wait for it."""
        began = self.first_day()
        self.app.call_from_thread(self.beginning_read, began)

    def first_day(self) -> date | None:
        try:
            return self.services.view().projection.first_event_on
        except Refusal:  # no case to read: nothing to check the day against
            return None

    def beginning_read(self, began: date | None) -> None:
        self.began, self.began_read = began, True

    @on(Input.Submitted)
    def chosen(self) -> None:
        try:
            day = parse_day(self.query_one("#day", Input).value, "Datumet")
            if day is not None:
                self.check(day)
            if day == self.services.clock.today():
                day = None  # today is today, not a historic view: decisions can be recorded
        except FormError as exc:
            error = self.query_one("#as-of-error", Static)
            error.update(Content(str(exc)))
            error.add_class("-shown")
            return
        self.dismiss(AsOf(day))

    def check(self, day: date) -> None:
        """Refuse a day the log cannot show: after today (the case's future is not known) or before it began."""
        today = self.services.clock.today()
        if day > today:
            raise FormError(f"{day} ligger efter i dag ({today}); läget kan visas per i dag eller ett tidigare datum.")
        if not self.began_read:  # Enter before the first read was in: read it now
            self.beginning_read(self.first_day())
        if self.began is not None and day < self.began:
            raise FormError(f"Ärendet började {self.began} (dess första händelse); välj det datumet eller ett senare.")

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
