"""One row per party: kind, step progress, state and end of the appeal period."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from formation.reports.status_text import party_state_text
from tui.columns import LEAST, FittedTable, fit, flexible_widths, refill
from tui.texts import Document, kind_label, progress_marks

MARK_STYLES = {"✓": "green", "✗": "bold red", "·": "dim"}


def styled_marks(party: Document) -> Text:
    text = Text(no_wrap=True)
    for mark in progress_marks(party):
        text.append(mark, MARK_STYLES.get(mark, ""))
    return text


class PartyTable(FittedTable):
    """The parties of a case; row keys are party slugs, so selection survives a reload."""

    COLUMNS = ("Part", "Typ", "Steg", "Läge", "Överkl. t.o.m.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties: list[Document] = []
        """The parties last shown, filled anew when the terminal is resized."""
        self.filled_width: int | None = None
        """The terminal width the rows were cut for: a resize that keeps it (the first layout) needs no refill."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_columns(*self.COLUMNS)

    def show_parties(self, parties: list[Document]) -> None:
        highlighted = self.highlighted_slug
        self.parties = parties
        # The name and the state are cut with an ellipsis where the terminal is narrow, so that the end of the
        # appeal period is never pushed out of sight; the detail panel shows the whole state.
        names = [(p["name"], party_state_text(p)) for p in parties]
        # The appeal column only once a party has a period to show: while none has (a case still forming), its
        # fourteen columns go to the states, which at 80 columns were cut beside an empty column.
        columns = self.COLUMNS if any(p["appeal_ends_on"] for p in parties) else self.COLUMNS[:4]
        fixed = max([len(self.COLUMNS[1]), *(len(kind_label(p)) for p in parties)])
        fixed += max([len(self.COLUMNS[2]), *(len(progress_marks(p)) for p in parties)])
        if len(columns) == len(self.COLUMNS):
            fixed += max([len(self.COLUMNS[4]), *(len(p["appeal_ends_on"] or "") for p in parties)])
        self.filled_width = self.app.size.width
        name_w, state_w = flexible_widths(names, self.filled_width, fixed, len(columns)) or [LEAST] * 2
        # Text, not str: DataTable would read a str as markup, and names are user input.
        rows = [
            (
                party["slug"],
                (
                    fit(name, name_w),
                    Text(kind_label(party)),
                    styled_marks(party),
                    fit(state, state_w),
                    Text(party["appeal_ends_on"] or ""),
                )[: len(columns)],
            )
            for party, (name, state) in zip(parties, names, strict=True)
        ]
        refill(self, columns, rows)
        slugs = [p["slug"] for p in parties]
        if highlighted in slugs:
            self.move_cursor(row=slugs.index(highlighted))

    def on_resize(self) -> None:
        if self.parties and self.app.size.width != self.filled_width:
            self.show_parties(self.parties)

    @property
    def highlighted_slug(self) -> str | None:
        """The slug of the party under the cursor, if any."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
