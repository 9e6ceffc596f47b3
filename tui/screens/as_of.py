"""Choose the day the cockpit shows the case as of; blank is today (and only today can be written to)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from formation.services.views import after_today
from tui.screens.form import FormError, field_row, parse_day, text_input
from tui.styles import SCREENS_CSS


@dataclass(frozen=True)
class AsOf:
    """The answer: a day, or None for today."""

    day: date | None


class AsOfScreen(ModalScreen[AsOf | None]):
    """Dismissed with AsOf, or None when cancelled. A day after today, or before the case's first event, is
    refused in the form: the log says nothing yet of either."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "dismiss_none", "Avbryt")]
    KEY_HELP = (("Enter", "visa läget per datumet (tomt: i dag)"), ("Esc", "avbryt"))

    def __init__(self, current: date | None, *, today: date, began: date | None) -> None:
        super().__init__()
        self.current = current
        self.today = today
        """The services' today: a later day is refused."""
        self.began = began
        """The day the case's first event took effect (None: no case read, or no dated event yet)."""

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

    @on(Input.Submitted)
    def chosen(self) -> None:
        try:
            day = parse_day(self.query_one("#day", Input).value, "Datumet")
            if day is not None:
                self.check(day)
            if day == self.today:
                day = None  # today is today, not a historic view: decisions can be recorded
        except FormError as exc:
            error = self.query_one("#as-of-error", Static)
            error.update(Content(str(exc)))
            error.add_class("-shown")
            return
        self.dismiss(AsOf(day))

    def check(self, day: date) -> None:
        """Refuse a day the log cannot show: after today (the case's future is not known) or before it began."""
        problem = after_today(day, self.today)
        if problem is not None:
            raise FormError(problem)
        if self.began is not None and day < self.began:
            raise FormError(f"Ärendet började {self.began} (dess första händelse); välj det datumet eller ett senare.")

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
