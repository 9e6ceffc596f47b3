"""The event log with filters (party, type, period); correct or strike the chosen event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Input, Select, Static
from textual.worker import get_current_worker

from formation.domain.labels import EVENT_TYPE_LABELS
from formation.errors import Refusal
from formation.reports.cockpit import LogRow, filter_log, log_rows
from formation.services import Services
from formation.services.amend_handlers import not_voidable
from formation.services.views import Result
from tui.columns import fit
from tui.screens.amend_form import (
    CorrectForm,
    VoidForm,
    correctable_fields,
    not_correctable_text,
    voidable,
)
from tui.screens.base import CockpitScreen
from tui.screens.form import FormError, field_row, parse_day, text_input
from tui.widgets.select import SwedishSelect

PERIOD_FIELDS = (("Från", "#f-since"), ("Till", "#f-until"))
TYPE_WIDTH = 15
"""The Typ column: "förbundsordning" whole, the longer labels cut with an ellipsis (the text says what it is)."""


class LogTable(DataTable[Text]):
    """The log's table; keeps the chosen row in view when it is made shorter (the line below it, the whole
    event, takes two lines for a long event)."""

    def on_resize(self, event: events.Resize) -> None:
        if self.row_count:
            self.call_after_refresh(self.move_cursor, row=self.cursor_row)


@dataclass
class LogLoaded(Message):
    """The log was read, with the revision a correction from this screen expects and the party names."""

    rows: list[LogRow]
    revision: int
    parties: list[tuple[str, str]]


class LogScreen(CockpitScreen):
    """Newest last, like `formation log`; the filters narrow what is listed, never what is stored."""

    BINDINGS = [
        Binding("c", "correct", "Rätta"),
        Binding("x", "void", "Stryk"),
        Binding("slash", "focus_filters", "Filter", key_display="/"),
    ]
    KEY_HELP = (
        ("↑ ↓", "välj händelse"),
        ("/", "gå till filtren (part, typ, från, till)"),
        ("c", "rätta den valda händelsen"),
        ("x", "stryk den valda händelsen"),
        ("r", "läs om"),
        ("Esc", "tillbaka"),
    )

    SHOWN_AT_MOST = 1000
    """Rows in the table at most, the newest: a national case has 30,000 events, and a DataTable measures every
    cell of every row (seconds of CPU, tens of MB); the filters reach the older ones."""

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.rows: list[LogRow] = []
        """Every event, unfiltered."""
        self.revision: int | None = None
        self.party_options: list[tuple[str, str]] = []
        self.period: tuple[date | None, date | None] = (None, None)
        """The Från and Till the listing is filtered by: the last pair typed that holds."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield field_row("Part", SwedishSelect[str]([], id="f-party", compact=True, prompt="alla"))
            yield field_row(
                "Typ",
                SwedishSelect(
                    [(label, code) for code, label in EVENT_TYPE_LABELS.items()],
                    id="f-type",
                    compact=True,
                    prompt="alla",
                ),
            )
            yield field_row("Från", text_input("f-since", placeholder="ÅÅÅÅ-MM-DD"))
            yield field_row("Till", text_input("f-until", placeholder="ÅÅÅÅ-MM-DD"))
        error = Static(id="log-filter-error", classes="form-error")
        error.styles.padding = (0, 1)  # in line with the filters
        yield error
        yield LogTable(id="log", classes="pane", cursor_type="row", zebra_stripes=True)
        yield Static(id="log-detail")
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one("#log", DataTable)
        table.add_column("Nr", width=4)
        table.add_column("Datum", width=10)
        table.add_column("Typ", width=TYPE_WIDTH)
        table.add_column("Händelse")
        table.border_title = "Händelselogg"
        table.focus()
        self.action_reload()

    def action_reload(self) -> None:
        self.load_log()

    @work(thread=True, exclusive=True, group="log")
    def load_log(self) -> None:
        worker = get_current_worker()
        try:
            view = self.services.view()
            rows = log_rows(view, self.services.events())
            message = LogLoaded(rows, view.revision, [(p.info.name, p.info.slug) for p in view.parties])
        except Refusal as exc:
            self.notify(exc.message, severity="error")
            return
        if not worker.is_cancelled:
            self.post_message(message)

    @on(LogLoaded)
    def show_log(self, message: LogLoaded) -> None:
        first = not self.rows
        self.rows, self.revision = message.rows, message.revision
        if message.parties != self.party_options:
            self.party_options = message.parties
            select: Select[str] = self.query_one("#f-party", Select)
            select.set_options([(Text(name), slug) for name, slug in message.parties])
        self.refilter()
        if first:  # the newest events are the ones a coordinator comes to correct
            table: DataTable[Text] = self.query_one("#log", DataTable)
            table.move_cursor(row=table.row_count - 1)

    @on(Select.Changed)
    @on(Input.Changed)
    def refilter(self) -> None:
        party, kind = self.query_one("#f-party", Select).value, self.query_one("#f-type", Select).value
        since, until = self.chosen_period()
        rows = filter_log(
            self.rows,
            party=party if isinstance(party, str) else None,
            type=kind if isinstance(kind, str) else None,
            since=since,
            until=until,
        )
        self.show_rows(rows)

    def chosen_period(self) -> tuple[date | None, date | None]:
        """Från and Till as typed when they are dates and in order; else the last period that was, with a
        sentence under the filters saying why the period is not changed (a half-typed date says so until it
        is whole; the party and type filters still apply)."""
        typed = {what: self.query_one(selector, Input).value.strip() for what, selector in PERIOD_FIELDS}
        days: list[date | None] = []
        problem = None
        for what, text in typed.items():
            try:
                days.append(parse_day(text, what))
            except FormError:
                problem = f"{what} '{text}' är inget giltigt datum (skriv ÅÅÅÅ-MM-DD); datumfiltret är oförändrat."
                break
        else:
            since, until = days
            if since is not None and until is not None and since > until:
                problem = f"Från ({since}) ligger efter Till ({until}); datumfiltret är oförändrat."
            else:
                self.period = (since, until)
        error = self.query_one("#log-filter-error", Static)
        error.update(Content(problem or ""))
        error.set_class(problem is not None, "-shown")
        return self.period

    def show_rows(self, rows: list[LogRow]) -> None:
        table: DataTable[Text] = self.query_one("#log", DataTable)
        cursor, kept = table.cursor_row, self.chosen()
        width = max(30, self.app.size.width - 30 - TYPE_WIDTH)  # Nr, Datum, cell padding and the pane's frame
        table.clear()
        shown = rows[-self.SHOWN_AT_MOST :]
        for row in shown:
            struck = any(m.startswith("struken") for m in row.marks)
            text = Text(row.text, "strike dim" if struck else "")
            if row.marks:
                text.append(f"  [{'; '.join(row.marks)}]", "italic yellow")
            text.truncate(width, overflow="ellipsis")  # the whole text is shown below the table
            day = row.day.isoformat() if isinstance(row.day, date) else ""
            kind = fit(row.type_label, TYPE_WIDTH)
            table.add_row(Text(str(row.seq)), Text(day), kind, text, key=str(row.seq))
        table.border_subtitle = f"{len(rows)} av {len(self.rows)} händelser"
        if len(shown) < len(rows):
            table.border_subtitle = f"de {len(shown)} senaste visas · {table.border_subtitle} · filtrera (/) för äldre"
        if shown:
            # The same event stays chosen when it is still shown (after a correction the window of the newest
            # rows moves by one, and a filter changes every index); otherwise the same place in the list.
            at = next((i for i, row in enumerate(shown) if kept is not None and row.seq == kept.seq), None)
            table.move_cursor(row=at if at is not None else min(cursor, len(shown) - 1))
        self.show_whole_event()

    @on(DataTable.RowHighlighted, "#log")
    def show_whole_event(self) -> None:
        row = self.chosen()
        text = Content("") if row is None else Content.assemble((f"{row.seq} ", "bold"), row.text)
        if row is not None and row.marks:
            text = Content.assemble(text, (f"  [{'; '.join(row.marks)}]", "italic"))
        self.query_one("#log-detail", Static).update(text)

    def chosen(self) -> LogRow | None:
        table: DataTable[Text] = self.query_one("#log", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.rows if str(r.seq) == key), None)

    def amendable(self) -> LogRow | None:
        row = self.chosen()
        if row is None or self.revision is None:
            return None
        if self.as_of is not None:
            self.notify("Historisk vy: gå tillbaka till i dag för att rätta.", severity="warning")
            return None
        if not row.correctable:
            self.notify(
                "Den händelsen kan inte rättas eller strykas (den är struken eller är själv en rättelse).",
                severity="warning",
            )
            return None
        return row

    def action_correct(self) -> None:
        row = self.amendable()
        if row is None or self.revision is None:
            return
        if not correctable_fields(row.type):
            self.notify(not_correctable_text(row.type), severity="warning")
            return
        self.app.push_screen(CorrectForm(self.services, self.revision, row.seq, row.text, row.type), self.written)

    def action_void(self) -> None:
        row = self.amendable()
        if row is None or self.revision is None:
            return
        if not voidable(row.type):
            self.notify(not_voidable(row.seq, row.type), severity="warning")
            return
        self.app.push_screen(VoidForm(self.services, self.revision, row.seq, row.text), self.written)

    def written(self, result: Result | None) -> None:
        self.action_reload()

    def action_focus_filters(self) -> None:
        self.query_one("#f-party", Select).focus()
