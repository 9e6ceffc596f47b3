"""Add a förbundsordning version from a file; the form says which approvals it would cancel."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from formation.case.commands import AddForbundsordning, CaseCommand
from formation.domain.checklist import check_forbundsordning
from formation.io.fo_text import ForbundsordningUnreadable, read_forbundsordning
from formation.services import Services
from formation.services.views import Result
from tui.screens.form import CommandForm, FormError, field_row, parse_day, text_input


class AddVersionForm(CommandForm):
    """Reads the file when saving (a small text file; the write itself runs in the worker)."""

    TITLE_TEXT = "Ny version av förbundsordningen"
    KEEPS_INPUT_WHEN_STALE = False  # its list of what the version undoes was read before the others wrote

    def __init__(self, services: Services, revision: int, cancelled: list[str]) -> None:
        super().__init__(services, revision)
        self.cancelled = cancelled
        """One sentence per approval or rejection the new version would undo."""
        self.text = ""
        """The text read from the file when saving, checked against 9 § once it is saved."""
        self.confirmed = ""
        """The text the coordinator chose to save although 9 § items are missing (Ctrl+S a second time)."""

    def compose_fields(self) -> ComposeResult:
        if self.cancelled:
            warning = "Sparas versionen gäller detta:\n" + "\n".join(f"• {line}" for line in self.cancelled)
        else:
            warning = "Inga godkännanden upphävs."
        yield Static(Content(warning), classes="form-warning")
        yield field_row("Fil *", text_input("path", placeholder="sökväg till .md, .txt, .docx eller .pdf"))
        yield field_row("Datum", text_input("added", value=self.services.clock.today().isoformat()))
        yield field_row("Start", text_input("start", placeholder="ÅÅÅÅ-MM-DD, om förbundsordningen anger det"))

    def build_command(self) -> CaseCommand:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            raise FormError("Ange filens sökväg.")
        path = Path(raw).expanduser()
        try:
            text = read_forbundsordning(path)
        except ForbundsordningUnreadable as exc:
            raise FormError(str(exc)) from None
        except OSError as exc:
            raise FormError(f"Filen '{raw}' kan inte läsas ({type(exc).__name__}).") from None
        self.text = text
        added_on = parse_day(self.query_one("#added", Input).value, "Datum")
        start_date = parse_day(self.query_one("#start", Input).value, "Start")
        missing = missing_items(text)
        if missing and self.confirmed != text:
            # Saved by mistake (a wrong file), a version can only be struck, latest first: ask before, not after.
            self.confirmed = text
            raise FormError(f"9 § {missing} saknas i texten; är det rätt fil? Ctrl+S en gång till sparar ändå.")
        return AddForbundsordning(
            text=text,
            filename=path.name,
            added_on=added_on,
            start_date=start_date,
            expected_revision=self.revision,
        )

    def accepted_text(self, result: Result) -> str:
        """What `formation fo add` warns of too: the 9 § items the text lacks (3 in the versions screen lists
        them with what was found)."""
        added = f"Förbundsordningen v{result.projection.current_version} är tillagd."
        missing = missing_items(self.text)
        return f"{added} Varning: 9 § {missing} saknas i texten (3 visar kontrollen)." if missing else added


def missing_items(text: str) -> str:
    """'punkt 4' or 'punkterna 1, 2 och 4': the required 9 § items the text lacks; empty when none."""
    missing = [str(item.number) for item in check_forbundsordning(text).missing_required]
    if len(missing) <= 1:
        return f"punkt {missing[0]}" if missing else ""
    return f"punkterna {', '.join(missing[:-1])} och {missing[-1]}"
