"""One row per party: kind, step progress, state and end of the appeal period."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from formation.reports.status_text import party_state_text
from tui.columns import refill
from tui.texts import Document, kind_label, progress_marks

MARK_STYLES = {"✓": "green", "✗": "bold red", "·": "dim"}


def styled_marks(party: Document) -> Text:
    text = Text(no_wrap=True)
    for mark in progress_marks(party):
        text.append(mark, MARK_STYLES.get(mark, ""))
    return text


class PartyTable(DataTable[Text]):
    """The parties of a case; row keys are party slugs, so selection survives a reload."""

    COLUMNS = ("Part", "Typ", "Steg", "Läge", "Överklagande t.o.m.")

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_columns(*self.COLUMNS)

    def show_parties(self, parties: list[Document]) -> None:
        highlighted = self.highlighted_slug
        # Text, not str: DataTable would read a str as markup, and names are user input.
        rows = [
            (
                party["slug"],
                (
                    Text(party["name"]),
                    Text(kind_label(party)),
                    styled_marks(party),
                    Text(party_state_text(party)),
                    Text(party["appeal_ends_on"] or ""),
                ),
            )
            for party in parties
        ]
        refill(self, self.COLUMNS, rows)
        slugs = [p["slug"] for p in parties]
        if highlighted in slugs:
            self.move_cursor(row=slugs.index(highlighted))

    @property
    def highlighted_slug(self) -> str | None:
        """The slug of the party under the cursor, if any."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
