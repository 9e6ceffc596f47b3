"""One party's steps: label, status, date and outcome."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from formation.reports.status_text import party_state_text
from tui.texts import Document, kind_label, step_note, step_status_text

HINT = "Välj en part i tabellen och tryck Enter för att se dess steg."


class PartyDetail(Vertical):
    """A hint until a party is chosen, then that party's steps in workflow order."""

    def compose(self) -> ComposeResult:
        yield Static(HINT, classes="hint")
        yield DataTable[Text](cursor_type="none", zebra_stripes=True)

    def on_mount(self) -> None:
        self.border_title = "Steg"
        self.add_class("-empty")
        self.query_one(DataTable).add_columns("Steg", "Status", "Datum", "Utfall")

    def show_party(self, party: Document | None) -> None:
        """Show `party`'s steps, or the hint again when it is None (e.g. gone after a reload)."""
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear()
        self.set_class(party is None, "-empty")
        if party is None:
            self.border_title, self.border_subtitle = "Steg", ""
            return
        self.border_title = f"Steg – {party['name']} ({kind_label(party)})"
        self.border_subtitle = party_state_text(party)
        for step in party["steps"]:
            table.add_row(
                Text(step["label"]),
                Text(step_status_text(step)),
                Text(step["date"] or ""),
                Text(step_note(step)),
                key=step["id"],
            )
