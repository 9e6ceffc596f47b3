"""The reminders' outbox (pending, sent, failed, cancelled), filtered by state, and the deadlines they remind
of, as `formation remind list` and `formation deadline list` show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Select, Static
from textual.worker import get_current_worker

from formation.errors import Refusal
from formation.schedule.policy import current_policy, local_moment, zone_name
from formation.services import Services
from formation.services.schedule_reads import deadline_list, outbox_list
from formation.store.schedule_store import Deadline
from tui.columns import LEAST, fit, flexible_widths
from tui.schedule_texts import (
    CRITICAL_MARK,
    DEADLINE_COLUMNS,
    DEADLINE_LEGEND,
    MOMENT_WIDTH,
    OVERRIDDEN_MARK,
    REMINDER_FILTERS,
    REMINDER_STATES,
    offset_text,
    reminder_columns,
    reminder_count,
    reminder_filter_label,
    reminder_state,
    reminder_when,
    rule_sentence,
)
from tui.screens.base import CockpitScreen
from tui.screens.form import field_row

Reminder = dict[str, Any]
STATE_WIDTH = max(len(f"{glyph} {word}") for glyph, word, _ in REMINDER_STATES.values())
OUTBOX_SECONDS = 30.0
"""How often the live view reads the outbox again: `remind run` sends and fails reminders without moving the
case's revision, so the revision poll alone would not show it."""
NO_DEADLINES = "Inga sista dagar: lägg in sammanträdesplaner eller sätt dem för hand (deadline set)."


@dataclass
class RemindersLoaded(Message):
    """The outbox and the deadlines were read, with the names and step labels to show instead of slugs."""

    reminders: list[Reminder]
    deadlines: list[Deadline]
    names: dict[str, str]
    labels: dict[tuple[str, str], str]
    today: date
    revision: int | None = None
    """The case's revision read before the lists: a deadline set from here expects it."""

    def name(self, party: str) -> str:
        """The party's name; its slug if it has left the case since."""
        return self.names.get(party) or party

    def label(self, reminder: Reminder) -> str:
        return self.labels.get((reminder["party"], reminder["step"])) or str(reminder["step"])


def counts(reminders: list[Reminder]) -> str:
    """'3 väntar · 1 misslyckad' – how many in each state, in the filter's order."""
    found = [(state, sum(r["state"] == state for r in reminders)) for state in (*REMINDER_FILTERS, "claimed")]
    return " · ".join(reminder_count(state, n) for state, n in found if n) or "inga påminnelser"


class RemindersScreen(CockpitScreen):
    """`formation remind once` or `remind run` sends; the projector plans them from the deadlines. A deadline
    can be set by hand here (d), as `formation deadline set` does."""

    BINDINGS = [
        Binding("0", "only('')", "Alla", show=False),
        Binding("1", "only('pending')", "Väntar", show=False),
        Binding("2", "only('failed')", "Misslyckade", show=False),
        Binding("3", "only('sent')", "Skickade", show=False),
        Binding("4", "only('cancelled')", "Avbrutna", show=False),
        Binding("slash", "focus_filter", "Filter", key_display="/"),
        Binding("d", "set_deadline", "Sista dag", show=False),
    ]
    KEY_HELP = (
        ("↑ ↓", "välj påminnelse (felet och hela raden visas under tabellen)"),
        ("1 2 3 4", "visa bara väntande, misslyckade, skickade eller avbrutna"),
        ("0", "visa alla"),
        ("/", "gå till filtret"),
        ("Tab", "byt mellan påminnelserna och sista dagarna"),
        ("d", "sätt den valda sista dagen för hand (tomt: planens igen)"),
        ("r", "läs om"),
        ("Esc", "tillbaka"),
    )

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.loaded: RemindersLoaded | None = None

    def compose(self) -> ComposeResult:
        options = [(reminder_filter_label(state), state) for state in REMINDER_FILTERS]
        with Horizontal(classes="filters"):
            yield field_row("Läge", Select(options, id="f-state", compact=True, prompt="alla"))
        yield DataTable[Text](id="outbox", classes="pane", cursor_type="row", zebra_stripes=True)
        yield Static(id="outbox-detail")
        yield DataTable[Text](id="deadlines", classes="pane", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        outbox: DataTable[Text] = self.query_one("#outbox", DataTable)
        outbox.add_columns(*reminder_columns(current_policy().zone))
        outbox.border_title = "Påminnelser"
        outbox.focus()
        deadlines: DataTable[Text] = self.query_one("#deadlines", DataTable)
        deadlines.add_columns(*DEADLINE_COLUMNS)
        deadlines.border_title = "Sista dagar"
        self.action_reload()
        if self.cockpit.poll_seconds:
            self.set_interval(OUTBOX_SECONDS, self.action_reload)

    def action_reload(self) -> None:
        self.load_outbox()

    @work(thread=True, exclusive=True, group="reminders")
    def load_outbox(self) -> None:
        worker = get_current_worker()
        try:
            view = self.services.view()  # first: a write after it makes a deadline set from here stale, as it should
            reminders = outbox_list(self.services)
            deadlines = deadline_list(self.services)
            projection = view.projection
        except Refusal as exc:
            self.notify(exc.message, severity="error")
            return
        names = {slug: p.info.name for slug, p in projection.parties.items()}
        labels: dict[tuple[str, str], str] = {}
        for r in reminders:
            party = projection.parties.get(r["party"])
            step = party.workflow.step(r["step"]) if party else None
            labels[(r["party"], r["step"])] = step.label if step else r["step"]
        message = RemindersLoaded(reminders, deadlines, names, labels, self.services.clock.today(), view.revision)
        if not worker.is_cancelled:
            self.post_message(message)

    @on(RemindersLoaded)
    def show_loaded(self, message: RemindersLoaded) -> None:
        self.loaded = message
        # The outbox keeps no history: in the historic view it still shows what stands today, and says so.
        outbox: DataTable[Text] = self.query_one("#outbox", DataTable)
        outbox.border_title = "Påminnelser" if self.as_of is None else f"Påminnelser i dag ({message.today})"
        self.show_reminders()
        self.show_deadlines()

    def on_resize(self) -> None:
        self.show_reminders()
        self.show_deadlines()

    @on(Select.Changed, "#f-state")
    def show_reminders(self) -> None:
        if self.loaded is None:
            return
        chosen = self.chosen_state()
        rows = [r for r in self.loaded.reminders if chosen is None or r["state"] == chosen]
        table: DataTable[Text] = self.query_one("#outbox", DataTable)
        cursor = table.cursor_row
        zone = current_policy().zone
        columns = reminder_columns(zone)
        texts = [(self.loaded.name(r["party"]), self.loaded.label(r)) for r in rows]
        fixed = STATE_WIDTH + max(MOMENT_WIDTH, len(columns[1])) + 10 + 5
        party_w, step_w = flexible_widths(texts, self.app.size.width, fixed, len(columns)) or [LEAST] * 2
        # Every column at the width worked out here: left to DataTable, the widths of its cells are measured
        # when the app is next idle, and a screen drawn before that (a busy machine) showed "○ vä", "Sund".
        states = max((len(reminder_state(r["state"]).plain) for r in rows), default=0)
        rules = max((len(offset_text(r["offset_days"])) for r in rows), default=0)
        widths = (states, max(MOMENT_WIDTH, len(columns[1])), party_w, step_w, 10, rules)
        table.clear(columns=True)
        for label, width in zip(columns, widths, strict=True):
            table.add_column(label, width=max(width, len(label)))
        for r, (name, label) in zip(rows, texts, strict=True):
            failed = r["state"] == "failed"
            style = "red" if failed else ("dim" if r["state"] == "cancelled" else "")
            table.add_row(
                reminder_state(r["state"]),
                Text(reminder_when(r, zone), style),  # sent late: said in the line below
                fit(name, party_w, style),
                fit(label, step_w, style),
                Text(r["deadline"], style),
                Text(offset_text(r["offset_days"]), style),
                key=r["key"],
            )
        everything = counts(self.loaded.reminders)
        table.border_subtitle = everything if chosen is None else f"{len(rows)} visas · {everything}"
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        self.show_chosen_reminder()

    def show_deadlines(self) -> None:
        if self.loaded is None:
            return
        today = self.loaded.today
        table: DataTable[Text] = self.query_one("#deadlines", DataTable)
        texts = [(self.loaded.name(d.party), d.label, d.body) for d in self.loaded.deadlines]
        fixed = len("2026-11-22 FÖRSENAT") + 10 + 2
        widths = flexible_widths(texts, self.app.size.width, fixed, len(DEADLINE_COLUMNS)) or [LEAST] * 3
        table.clear(columns=True)  # at the widths worked out here, as the reminders above
        all_widths = (len("2026-11-22 FÖRSENAT"), *widths, 10, 2)
        for label, width in zip(DEADLINE_COLUMNS, all_widths, strict=True):
            table.add_column(label, width=max(width, len(label)))
        for d, row_texts in zip(self.loaded.deadlines, texts, strict=True):
            late = d.deadline_on < today
            day = Text(d.deadline_on.isoformat(), "bold red" if late else "")
            if late:
                day.append(" FÖRSENAT", "bold red")
            marks = (CRITICAL_MARK if d.critical else "") + (OVERRIDDEN_MARK if d.overridden else "")
            table.add_row(
                day,
                *(fit(text, width) for text, width in zip(row_texts, widths, strict=True)),
                Text(d.meeting_on.isoformat() if d.meeting_on else "–"),
                Text(marks, "bold"),
                key=f"{d.party}/{d.step}",
            )
        table.border_subtitle = DEADLINE_LEGEND if self.loaded.deadlines else NO_DEADLINES

    @on(DataTable.RowHighlighted, "#outbox")
    def show_chosen_reminder(self) -> None:
        detail = self.query_one("#outbox-detail", Static)
        r = self.chosen()
        if r is None or self.loaded is None:
            detail.update(Content("Inga påminnelser att visa." if self.loaded is not None else ""))
            return
        glyph, word, _ = REMINDER_STATES.get(r["state"], ("?", r["state"], ""))
        zone = current_policy().zone
        in_zone = zone_name(zone)  # 'svensk tid', or the configured zone's name
        name = self.loaded.name(r["party"])
        label = self.loaded.label(r)
        parts: list[tuple[str, str] | str] = [
            (f"{glyph} {word}", "bold $text-error" if r["state"] == "failed" else "bold"),
            " ",
            (name, "bold"),
            f": {label}, sista dag {r['deadline']}; påminnelse {rule_sentence(r['offset_days'])}",
        ]
        if r["sent_at"]:
            parts.append(f", skickad {reminder_when(r, zone)} {in_zone}" + (" (sent)" if r["late"] else ""))
        else:
            parts.append(f", på tur {reminder_when(r, zone)} {in_zone}")
        if r["attempts"]:
            parts.append(f", {r['attempts']} försök")
        if r["next_attempt_at"]:
            parts.append(f", nästa försök {local_moment(r['next_attempt_at'], zone)} {in_zone}")
        if r["last_error"]:
            parts.append(("\n" + r["last_error"], "$text-error" if r["state"] == "failed" else "$text-muted"))
        detail.update(Content.assemble(*parts))

    def chosen(self) -> Reminder | None:
        table: DataTable[Text] = self.query_one("#outbox", DataTable)
        if self.loaded is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.loaded.reminders if r["key"] == key), None)

    def chosen_state(self) -> str | None:
        value = self.query_one("#f-state", Select).value
        return value if isinstance(value, str) else None

    def action_only(self, state: str) -> None:
        """Show only the reminders in `state` ('' for all)."""
        select: Select[str] = self.query_one("#f-state", Select)
        if state:
            select.value = state
        else:
            select.clear()

    def action_focus_filter(self) -> None:
        self.query_one("#f-state", Select).focus()

    def action_set_deadline(self) -> None:
        """The deadline chosen in the lower table, or the chosen reminder's, set by hand."""
        from tui.screens.deadline_form import DeadlineForm

        loaded = self.loaded
        if loaded is None or loaded.revision is None:
            return
        if self.as_of is not None:
            self.notify("Historisk vy: gå tillbaka till i dag för att sätta en sista dag.", severity="warning")
            return
        table: DataTable[Text] = self.query_one("#deadlines", DataTable)
        if not table.row_count:
            self.notify(NO_DEADLINES, severity="warning")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if self.focused is self.query_one("#outbox", DataTable) and (chosen := self.chosen()) is not None:
            key = f"{chosen['party']}/{chosen['step']}"
        deadline = next((d for d in loaded.deadlines if f"{d.party}/{d.step}" == key), None)
        if deadline is None:
            return
        form = DeadlineForm(self.services, loaded.revision, deadline, loaded.name(deadline.party))
        self.app.push_screen(form, lambda _: self.action_reload())
