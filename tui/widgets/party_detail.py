"""One party's steps (label, status, date, outcome); before a party is chosen, every party × stage."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from formation.domain.labels import STEP_MARKS
from formation.domain.outcomes import StepStatus
from formation.reports.cockpit_model import StageMatrix
from formation.reports.status_text import party_state_text
from tui.columns import FittedTable, refill
from tui.texts import Document, kind_label, step_note, step_status_text

STEP_COLUMNS = ("Steg", "Status", "Datum", "Utfall")
HINT = "Välj en part i tabellen och tryck Enter för att se dess steg."
MARK_STYLES = {"done": "green", "rejected": "bold red", "pending": "dim", "skipped": ""}


def matrix_cell(marks: tuple[str, ...], status: str, day: str) -> Text:
    """'✓✓ 15-10-20': a mark per step of the stage (readable without colour), coloured by the stage's status."""
    text = Text(no_wrap=True)
    for mark in marks:
        text.append(STEP_MARKS[StepStatus(mark)], MARK_STYLES.get(mark, ""))
    if day:
        text.append(f" {day}", "dim" if status == "pending" else "")
    return text


class PartyDetail(Vertical):
    """A hint and the parties × stages matrix until a party is chosen, then that party's steps in order."""

    def compose(self) -> ComposeResult:
        yield Static(HINT, classes="hint")
        yield FittedTable(id="steps", cursor_type="none", zebra_stripes=True)
        yield FittedTable(id="matrix", cursor_type="none", zebra_stripes=True)

    def on_mount(self) -> None:
        self.border_title = "Steg"
        self.add_class("-empty")
        self.query_one("#steps", FittedTable).add_columns(*STEP_COLUMNS)

    def show_matrix(self, matrix: StageMatrix) -> None:
        """Stages aligned across parties; a blank cell is a stage the party's path does not have."""
        table = self.query_one("#matrix", FittedTable)
        rows = [
            (
                slug,
                [
                    Text(name, no_wrap=True),
                    *(
                        matrix_cell(c.marks, c.status, c.day.strftime("%y-%m-%d") if c.day else "") if c else Text("")
                        for c in cells
                    ),
                ],
            )
            for slug, name, cells in matrix.rows
        ]
        refill(table, ["Part", *(label for _, label in matrix.columns)], rows)

    def show_party(self, party: Document | None) -> None:
        """Show `party`'s steps, or the hint and matrix again when it is None (e.g. gone after a reload)."""
        table = self.query_one("#steps", FittedTable)
        self.set_class(party is None, "-empty")
        if party is None:
            table.clear()
            self.border_title, self.border_subtitle = "Parter × etapper", "Enter visar en parts steg"
            return
        self.border_title = f"Steg – {party['name']} ({kind_label(party)})"
        self.border_subtitle = party_state_text(party)
        rows = [
            (
                step["id"],
                [Text(step["label"]), Text(step_status_text(step)), Text(step["date"] or ""), Text(step_note(step))],
            )
            for step in party["steps"]
        ]
        refill(table, STEP_COLUMNS, rows)
