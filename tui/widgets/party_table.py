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
        self.filled_scrollbar: bool | None = None
        """Whether the rows were cut leaving room for a vertical scrollbar."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_columns(*self.COLUMNS)

    def show_parties(self, parties: list[Document]) -> None:
        highlighted = self.highlighted_slug
        self.parties = parties
        self.filled_width = self.app.size.width
        # The name and the state are cut with an ellipsis where the terminal is narrow, so that the end of the
        # appeal period is never pushed out of sight; the detail panel shows the whole state.
        names = [(p["name"], party_state_text(p)) for p in parties]
        # The appeal column only once a party has a period to show: while none has (a case still forming), its
        # fourteen columns go to the states, which at 80 columns were cut beside an empty column. The kind gives
        # way too when the names or the states would be cut otherwise (the party screen names it).
        appeals = any(p["appeal_ends_on"] for p in parties)
        longest = [max((len(t) for t in column), default=0) for column in zip(*names, strict=True)] if names else []
        for kinds in (True, False):
            columns = [c for c in self.COLUMNS if (c != "Typ" or kinds) and (c != self.COLUMNS[4] or appeals)]
            fixed = max([len(self.COLUMNS[2]), *(len(progress_marks(p)) for p in parties)])
            if kinds:
                fixed += max([len(self.COLUMNS[1]), *(len(kind_label(p)) for p in parties)])
            if appeals:
                fixed += max([len(self.COLUMNS[4]), *(len(p["appeal_ends_on"] or "") for p in parties)])
            self.filled_scrollbar = self.scrolls_with(len(parties))
            widths = flexible_widths(names, self.filled_width, fixed, len(columns), scrollbar=self.filled_scrollbar)
            if widths == longest:
                break
        name_w, state_w = widths or [LEAST] * 2
        rows = []
        for party, (name, state) in zip(parties, names, strict=True):
            # Text, not str: DataTable would read a str as markup, and names are user input.
            cells = [fit(name, name_w)] + ([Text(kind_label(party))] if kinds else [])
            cells += [styled_marks(party), fit(state, state_w)]
            cells += [Text(party["appeal_ends_on"] or "")] if appeals else []
            rows.append((party["slug"], tuple(cells)))
        refill(self, columns, rows)
        slugs = [p["slug"] for p in parties]
        if highlighted in slugs:
            self.move_cursor(row=slugs.index(highlighted))

    def scrolls_with(self, rows: int) -> bool:
        """Whether `rows` parties (and the header) need the vertical scrollbar; before the first layout, yes."""
        height = self.content_size.height
        return height == 0 or rows + 1 > height

    def on_resize(self) -> None:
        """Cut the rows again for a new width, and once the first layout shows whether the scrollbar is there:
        rows filled before it (a first frame, a first read) left room for one, and a short table has none."""
        width_changed = self.app.size.width != self.filled_width
        if self.parties and (width_changed or self.scrolls_with(len(self.parties)) != self.filled_scrollbar):
            self.show_parties(self.parties)

    @property
    def highlighted_slug(self) -> str | None:
        """The slug of the party under the cursor, if any."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
