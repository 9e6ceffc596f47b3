"""The plan (critical path), as `formation plan` shows it: when the förbund can be formed, whether the target
holds, each pending step's meetings and slack, and what would have to move."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from formation.errors import Refusal
from formation.schedule.plan_model import Plan, Shortfall, StepPlan
from formation.schedule.plan_text import days, shortfall_sentence, summarize
from formation.services import Services
from formation.services.schedule_reads import plan as read_plan
from tui.columns import LEAST, fit, flexible_widths
from tui.schedule_texts import (
    CRITICAL_MARK,
    NO_CALENDARS,
    PLAN_COLUMNS,
    PLAN_LEGEND,
    SHORTFALL_MARK,
    plan_facts,
    slack_text,
)
from tui.screens.base import CockpitScreen
from tui.styles import SCREENS_CSS

WIDE = 120
"""From this width the table also shows each step's deadline (the detail line always does)."""
FIXED_COLUMNS = 2 + 10 + 10 + 8
"""Marks, earliest meeting, latest meeting, slack; what is left is shared by party, step and body."""
DEADLINE_WIDTH = len("2026-11-22 FÖRSENAT")
SUMMARY_LINES = 6
"""At most this many lines of the plan's explanation above the table, so that the table keeps its rows at 80×24;
a longer explanation shows its beginning and says which key shows the whole (the explanation screen)."""
MORE = "e visar hela förklaringen"
SENTENCE_END = re.compile(r"(?<=\.) (?=[A-ZÅÄÖ])")
"""Where one sentence of the explanation ends and the next begins: the whole text shows each on its own."""


@dataclass
class PlanLoaded(Message):
    plan: Plan


def shortfalls_by_step(plan: Plan) -> dict[tuple[str, str], Shortfall]:
    return {(s.party, s.step_id): s for s in plan.shortfalls}


def step_detail(step: StepPlan, shortfall: Shortfall | None, today: date) -> Content:
    """The whole of one row, below the table: nothing the narrow table cuts is lost (nor the wide table's
    FÖRSENAT)."""
    latest = step.latest.isoformat() if step.latest else "inget sammanträde som håller målet"
    earliest = step.earliest.isoformat() if step.earliest else "inget sammanträde"
    parts: list[Content | tuple[str, str] | str] = [
        (step.name, "bold"),
        f": {step.label} i {step.body} – tidigast {earliest}, senast {latest}",
    ]
    if step.deadline:
        parts.append(f", sista dag {step.deadline}" + (" (satt för hand)" if step.deadline_overridden else ""))
        if step.deadline < today:
            parts.append((" FÖRSENAT", "bold $text-error"))
        elif step.earliest is not None and step.deadline < step.earliest:
            parts.append((" (hinns inte före första sammanträdet)", "bold $text-error"))
    if step.slack_days is not None:
        parts.append(f", marginal {days(step.slack_days)}")
    if step.critical:
        parts.append((f"; {CRITICAL_MARK} kritisk linje", "bold $accent"))
    if shortfall is not None:
        parts.append(("\n" + SHORTFALL_MARK + " " + shortfall_sentence(shortfall), "$text-error"))
    return Content.assemble(*parts)


def clamp_summary(summary: str, width: int, lines: int = SUMMARY_LINES) -> Content:
    """The explanation as it fits `lines` lines of `width` cells: whole if it does, else its first lines ending
    in ' …' and a last line naming the key that shows the whole text. Never cut mid-word."""
    wrapped = [line.plain.rstrip() for line in Content(summary).wrap(max(width, 1))]
    if len(wrapped) <= lines:
        return Content(summary)
    kept = wrapped[: lines - 1]
    words = kept[-1].split(" ")
    while len(words) > 1 and cell_len(" ".join(words) + " …") > width:
        words.pop()
    kept[-1] = " ".join(words)
    return Content.assemble(" ".join(line.strip() for line in kept) + " …\n", (MORE, "bold"))


class ExplanationScreen(ModalScreen[None]):
    """The plan's whole explanation, scrollable, over the plan; Esc or e goes back."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape,e", "dismiss", "Tillbaka")]
    KEY_HELP = (
        ("↑ ↓ PgUp PgDn", "rulla texten"),
        ("Esc / e", "tillbaka till planen"),
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        """The explanation as the plan screen last read it."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="plan-explanation"):
            yield Static(Content("\n\n".join(SENTENCE_END.split(self.text))))

    def on_mount(self) -> None:
        box = self.query_one("#plan-explanation", VerticalScroll)
        box.border_title = "Planen förklarad"
        box.border_subtitle = "↑ ↓ rullar · Esc stänger"


class PlanScreen(CockpitScreen):
    """Read-only: the plan follows from decisions, calendars and deadlines, which are recorded elsewhere."""

    BINDINGS = [Binding("e", "explain", "Förklaring", show=False)]
    KEY_HELP = (
        ("↑ ↓", "välj steg (hela raden visas under tabellen)"),
        ("e", "hela förklaringen av planen (ovanför tabellen visas bara början om den är lång)"),
        ("r", "läs om"),
        ("Esc", "tillbaka"),
    )

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.plan: Plan | None = None
        """The last plan read."""
        self.summary = ""
        """The last plan's explanation in full; above the table it may show only its beginning."""

    def compose(self) -> ComposeResult:
        yield Static("Räknar ut planen …", id="plan-facts")
        yield Static(id="plan-summary")
        yield DataTable[Text](id="plan-steps", classes="pane", cursor_type="row", zebra_stripes=True)
        yield Static(id="plan-detail")
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one("#plan-steps", DataTable)
        table.border_title = "Steg som återstår"
        table.border_subtitle = PLAN_LEGEND
        table.focus()
        self.action_reload()

    def action_reload(self) -> None:
        self.load_plan()

    @work(thread=True, exclusive=True, group="plan")
    def load_plan(self) -> None:
        worker = get_current_worker()
        try:
            plan = read_plan(self.services, self.as_of)
        except Refusal as exc:
            self.notify(exc.message, severity="error")
            return
        if not worker.is_cancelled:
            self.post_message(PlanLoaded(plan))

    @on(PlanLoaded)
    def show_plan(self, message: PlanLoaded) -> None:
        self.plan = message.plan
        self.query_one("#plan-facts", Static).update(plan_facts(message.plan))
        summary = summarize(message.plan)
        if message.plan.steps and not any(s.earliest for s in message.plan.steps):
            summary = f"{NO_CALENDARS} {summary}"
        self.summary = summary
        self.show_summary()
        self.show_steps()

    def on_resize(self) -> None:
        if self.plan is not None:
            self.show_summary()
            self.show_steps()

    def show_summary(self) -> None:
        """The explanation in at most SUMMARY_LINES lines at the current width (e shows the whole)."""
        widget = self.query_one("#plan-summary", Static)
        widget.update(clamp_summary(self.summary, self.app.size.width - widget.styles.gutter.width))

    def action_explain(self) -> None:
        if self.summary:
            self.app.push_screen(ExplanationScreen(self.summary))

    def show_steps(self) -> None:
        """Fill the table for the current width; the row keys are 'party/step' so the cursor survives."""
        plan = self.plan
        if plan is None:
            return
        table: DataTable[Text] = self.query_one("#plan-steps", DataTable)
        cursor = table.cursor_row
        wide = self.app.size.width >= WIDE
        columns = PLAN_COLUMNS if wide else PLAN_COLUMNS[:-1]
        fixed = FIXED_COLUMNS + (DEADLINE_WIDTH if wide else 0)
        texts = [(s.name, s.label, s.body) for s in plan.steps]
        name_w, label_w, body_w = flexible_widths(texts, self.app.size.width, fixed, len(columns)) or [LEAST] * 3
        table.clear(columns=True)
        for label in columns:
            table.add_column(label)
        shortfalls = shortfalls_by_step(plan)
        rows = []
        for s in plan.steps:
            short = shortfalls.get((s.party, s.step_id))
            style = "bold" if s.critical else ""
            marks = Text(CRITICAL_MARK if s.critical else " ", "bold")
            marks.append(SHORTFALL_MARK if short else " ", "bold red")
            row = [
                marks,
                fit(s.name, name_w, style),
                fit(s.label, label_w, style),
                fit(s.body, body_w, style),
                Text(s.earliest.isoformat() if s.earliest else "–", style),
                Text(s.latest.isoformat() if s.latest else "–", "bold red" if short else style),
                slack_text(s.slack_days),
            ]
            if wide:
                late = s.deadline is not None and s.deadline < plan.today
                deadline = Text(s.deadline.isoformat() if s.deadline else "–", "bold red" if late else "")
                if late:
                    deadline.append(" FÖRSENAT", "bold red")
                row.append(deadline)
            rows.append(row)
        for s, row in zip(plan.steps, rows, strict=True):
            table.add_row(*row, key=f"{s.party}/{s.step_id}")
        table.border_subtitle = PLAN_LEGEND if plan.steps else "Inga steg återstår."
        if plan.steps:
            table.move_cursor(row=min(cursor, len(plan.steps) - 1))
        self.show_chosen_step()

    @on(DataTable.RowHighlighted, "#plan-steps")
    def show_chosen_step(self) -> None:
        step = self.chosen()
        detail = self.query_one("#plan-detail", Static)
        if step is None or self.plan is None:
            detail.update("")
            return
        shortfall = shortfalls_by_step(self.plan).get((step.party, step.step_id))
        detail.update(step_detail(step, shortfall, self.plan.today))

    def chosen(self) -> StepPlan | None:
        table: DataTable[Text] = self.query_one("#plan-steps", DataTable)
        if self.plan is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.plan.steps if f"{s.party}/{s.step_id}" == key), None)
