"""What every writing form shares: labelled compact fields, the refusal line, and the write in a worker
that carries the revision the screen showed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from sqlalchemy.exc import OperationalError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static
from textual.worker import get_current_worker

from formation.errors import Refusal, StaleRevision, first_line
from formation.services import Services
from formation.services.views import Result
from tui.messages import CommandAccepted, CommandRefused, RevisionPolled
from tui.styles import SCREENS_CSS

if TYPE_CHECKING:
    from formation.case.commands import CaseCommand  # only for types: the date dialog shares this module

STALE_NOTICE = "Ärendet har ändrats av någon annan sedan skärmen lästes; inget sparades. Läget är inläst på nytt."
STALE_IN_FORM = "Någon annan har ändrat ärendet sedan formuläret öppnades; inget sparades."
STALE_NEXT = "Det du skrivit finns kvar: spara igen (Ctrl+S) om det fortfarande gäller, eller avbryt (Esc)."
SHOWN_SINCE = 3
"""The others' newest events a stale form lists."""


class FormError(ValueError):
    """Input the form itself rejects before asking the engine; the message is one Swedish sentence."""


def parse_day(text: str, what: str) -> date | None:
    """An ISO date typed by the user; blank is None."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FormError(f"{what} '{text}' är inget datum; skriv ÅÅÅÅ-MM-DD.") from None


def required_day(text: str, what: str) -> date:
    day = parse_day(text, what)
    if day is None:
        raise FormError(f"{what} måste anges (ÅÅÅÅ-MM-DD).")
    return day


def optional(text: str) -> str | None:
    return text.strip() or None


def field_row(label: str, widget: Widget, *, row_id: str | None = None) -> Horizontal:
    """A label and its field on one line, so a form fits in 24 rows."""
    return Horizontal(Label(label, classes="field-label"), widget, classes="field", id=row_id)


def text_input(field_id: str, *, value: str = "", placeholder: str = "") -> Input:
    return Input(value=value, placeholder=placeholder, id=field_id, compact=True)


class CommandForm(ModalScreen[Result | None]):
    """A modal that writes one command; dismissed with the Result, or None when cancelled or stale."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape", "cancel", "Avbryt"),
        Binding("ctrl+s", "save", "Spara"),
    ]
    TITLE_TEXT = ""
    KEEPS_INPUT_WHEN_STALE = True
    """Whether a stale save keeps the form open, with what was typed and what the others wrote, for a second
    Ctrl+S at the new revision. A form whose text was computed from the old state (what a new version undoes)
    closes instead, so that it is opened anew."""

    def __init__(self, services: Services, revision: int) -> None:
        super().__init__()
        self.services = services
        """Where the command is written."""
        self.revision = revision
        """The revision the screen showed when the form opened; every write expects it."""

    def compose_fields(self) -> ComposeResult:
        """The form's own fields."""
        yield from ()

    def compose(self) -> ComposeResult:
        with Static(id="form", classes="form") as frame:
            frame.border_title = self.TITLE_TEXT
            frame.border_subtitle = "Ctrl+S sparar · Esc avbryter"
            yield from self.compose_fields()
            yield Static(id="error", classes="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Spara", id="save", variant="primary", compact=True)
                yield Button("Avbryt", id="cancel", compact=True)

    def build_command(self) -> CaseCommand:
        """The command from the fields; raises FormError for input the form rejects itself."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(Content(message))
        error.set_class(bool(message), "-shown")

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        try:
            command = self.build_command()
        except FormError as exc:
            self.show_error(str(exc))
            return
        self.show_error("")
        self.query_one("#save", Button).disabled = True
        self.write(command)

    @work(thread=True, exclusive=True, group="write")
    def write(self, command: CaseCommand) -> None:
        worker = get_current_worker()
        message: CommandAccepted | CommandRefused
        try:
            message = CommandAccepted(self.services.handle(command))
        except StaleRevision as exc:
            expected, actual = int(exc.facts["expected"]), int(exc.facts["actual"])
            since = self.written_since(expected)
            try:
                fresh = self.read_after_stale()
            except (Refusal, OperationalError):  # the refusal stands; the form keeps what it had
                fresh = None
            message = CommandRefused(exc.message, exc.code, stale=True, actual=actual, since=since, fresh=fresh)
        except Refusal as exc:
            message = CommandRefused(exc.message, exc.code)
        except OperationalError as exc:  # e.g. locked by a long write elsewhere: nothing was written, say so
            message = CommandRefused(f"Databasen svarade inte ({first_line(exc.orig)}); inget sparades.", "database")
        if not worker.is_cancelled:
            self.post_message(message)

    def read_after_stale(self) -> Any:
        """What the form reads anew after another writer changed the case (in the write's worker thread);
        None when it needs nothing. `apply_after_stale` gets it in the UI thread."""
        return None

    def apply_after_stale(self, fresh: Any) -> None:
        """Bring the form's choices up to date with `fresh`, keeping what was typed."""

    def written_since(self, revision: int) -> tuple[str, ...]:
        """The events the others wrote after `revision` (a case's revision counts its events), in the log's
        words; in the write's worker thread. Nothing when the log cannot be read: the refusal still stands."""
        from formation.reports.log import Names, describe

        try:
            view, log = self.services.view(), self.services.events()
        except (Refusal, OperationalError):
            return ()
        names = Names(view.projection, log)
        since = [f"{e.seq} {describe(e.event, names)}" for e in log if e.seq > revision]
        if len(since) > SHOWN_SINCE:  # the newest, and how many more the log holds
            return (f"… och {len(since) - SHOWN_SINCE} till före dessa (loggen visar alla)", *since[-SHOWN_SINCE:])
        return tuple(since)

    @on(CommandAccepted)
    def written(self, message: CommandAccepted) -> None:
        self.notify(self.accepted_text(message.result), title="Sparat")
        self.dismiss(message.result)

    def accepted_text(self, result: Result) -> str:
        return "Sparat."

    @on(CommandRefused)
    def refused(self, message: CommandRefused) -> None:
        self.query_one("#save", Button).disabled = False
        if message.stale and self.KEEPS_INPUT_WHEN_STALE and message.actual is not None:
            self.revision = message.actual  # a second Ctrl+S is a write made knowing what changed
            self.app.post_message(RevisionPolled(message.actual))  # the screens behind read the case again
            if message.fresh is not None:
                self.apply_after_stale(message.fresh)
            since = "".join(f"\n  • {line}" for line in message.since)
            self.show_error(f"{STALE_IN_FORM}{since}\n{STALE_NEXT}")
            return
        if message.stale:
            self.notify(STALE_NOTICE, title="Ärendet har ändrats", severity="warning", timeout=8)
            self.dismiss(None)
            return
        self.show_error(message.message)


def name_text(name: str) -> Text:
    """A user-typed name for a Select option: Text, so brackets are never read as markup."""
    return Text(name)
