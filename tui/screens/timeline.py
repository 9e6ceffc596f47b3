"""Per party, its dated steps on a month axis, with the target start and a today marker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from formation.errors import Refusal
from formation.reports.timeline import Timeline, timeline
from formation.services import Services
from tui.screens.base import CockpitScreen

MONTH_NAMES = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MARKS = {"bifall": "✓", "avslag": "✗", "aterremiss": "↩", "bordlagd": "»", "skip": "–"}
"""One glyph per outcome, so the timeline reads without colour."""
STYLES = {
    "bifall": "$text-success",
    "avslag": "bold $text-error",
    "aterremiss": "$text-warning",
    "bordlagd": "$text-warning",
    "skip": "$text-muted",
}
LEGEND = "✓ bifall  ✗ avslag  ↩ återremiss  » bordläggning  – ej aktuellt  + fler  │ i dag  ◆ planerad start"
NAME_WIDTH = 22
CELL = 4
"""Columns per month: wide enough for 'jan' and a space; a long formation scrolls sideways."""


@dataclass
class TimelineLoaded(Message):
    timeline: Timeline


def _month(first: date, index: int) -> date:
    year, month = divmod(first.month - 1 + index, 12)
    return date(first.year + year, month + 1, 1)


def year_row(months: list[date], width: int) -> str:
    """The year over each January, and over the first month unless a January follows at once: a year in the
    month row ("nov dec '26") read as December 2026."""
    row = [" "] * width
    for index, month in enumerate(months):
        room_before_january = index == 0 and month.month <= 11
        if month.month == 1 or room_before_january:
            label = str(month.year)
            row[index * CELL : index * CELL + len(label)] = label
    return "".join(row[:width])


def render_timeline(tl: Timeline) -> tuple[Content, Content]:
    """The fixed name column and the scrolling month axis, line for line. A decision is its mark in its
    month's cell (several in one month stack to the right)."""
    width = tl.months * CELL
    months = [_month(tl.first_month, i) for i in range(tl.months)]
    axis_cells = [MONTH_NAMES[m.month - 1].ljust(CELL) for m in months]
    today_col = tl.month_index(tl.today) * CELL + (tl.today.day - 1) * CELL // 31
    target_col = tl.month_index(tl.target_start) * CELL if tl.target_start else None
    names = [Content(""), Content(""), Content.styled("i dag ▼  start ◆", "$text-muted")]
    lines = [Content.styled(year_row(months, width), "bold"), Content.styled("".join(axis_cells), "$text-muted")]
    marker = [" "] * width
    marker[min(today_col, width - 1)] = "▼"
    if target_col is not None:
        marker[min(target_col, width - 1)] = "◆"
    lines.append(Content.styled("".join(marker), "$accent"))
    for name, marks in tl.rows:
        cells: list[tuple[str, str]] = [("·" if i % CELL == 0 else " ", "$text-muted") for i in range(width)]
        cells[min(today_col, width - 1)] = ("│", "$accent")
        by_month: dict[int, list[str]] = {}
        for mark in marks:
            by_month.setdefault(tl.month_index(mark.day), []).append(mark.outcome)
        for month, outcomes in by_month.items():
            # A month holds CELL - 1 marks and a space before the next month's; more would run into it, so the
            # last place says "+" (the party's screen lists every decision).
            shown = outcomes if len(outcomes) < CELL else outcomes[: CELL - 2]
            glyphs = [(MARKS.get(o, "?"), STYLES.get(o, "")) for o in shown]
            if len(shown) < len(outcomes):
                glyphs.append(("+", "$text-muted"))
            for offset, glyph in enumerate(glyphs):
                cells[min(month * CELL + offset, width - 1)] = glyph
        names.append(Content(name if len(name) < NAME_WIDTH else name[: NAME_WIDTH - 2] + "…"))
        lines.append(Content.assemble(*cells))
    return Content("\n").join(names), Content("\n").join(lines)


def summary(tl: Timeline) -> str:
    start = f"planerad start {tl.target_start}" if tl.target_start else "ingen planerad start"
    return f"Från {tl.first_month:%Y-%m} · i dag {tl.today} · {start}"


class TimelineScreen(CockpitScreen):
    """Read-only; scrolls sideways when the formation spans more months than fit."""

    BINDINGS = [Binding("i", "today", "I dag")]
    KEY_HELP = (("← →", "rulla i tiden"), ("i", "rulla till i dag"), ("r", "läs om"), ("Esc", "tillbaka"))

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.today_x = 0
        """Where today's marker is, in columns from the left edge of the timeline."""

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-pane", classes="pane"):
            with Horizontal(id="timeline-rows"):
                yield Static(id="timeline-names")
                with ScrollableContainer(id="timeline"):
                    yield Static(id="timeline-body")
            yield Static(id="timeline-summary")
        yield Footer()

    def on_resize(self) -> None:
        self.call_after_refresh(self.whole_months)

    def whole_months(self) -> None:
        """Make the scrolling axis a whole number of months wide, so that no month name is cut at its edge."""
        rows = self.query_one("#timeline-rows")
        room = rows.content_region.width - self.query_one("#timeline-names").outer_size.width
        self.query_one("#timeline").styles.width = max(CELL, room // CELL * CELL)

    def on_mount(self) -> None:
        self.call_after_refresh(self.whole_months)
        self.query_one("#timeline-pane").border_title = "Tidslinje"
        self.query_one("#timeline-pane").border_subtitle = LEGEND
        self.action_reload()

    def action_reload(self) -> None:
        self.load_timeline()

    @work(thread=True, exclusive=True, group="timeline")
    def load_timeline(self) -> None:
        worker = get_current_worker()
        try:
            view = self.services.view(as_of=self.as_of)
            log = self.services.events()
        except Refusal as exc:
            self.notify(exc.message, severity="error")
            return
        if not worker.is_cancelled:
            self.post_message(TimelineLoaded(timeline(view, log, self.as_of or self.services.clock.today())))

    @on(TimelineLoaded)
    def show_timeline(self, message: TimelineLoaded) -> None:
        names, body = render_timeline(message.timeline)
        self.query_one("#timeline-names", Static).update(names)
        self.query_one("#timeline-body", Static).update(body)
        self.query_one("#timeline-summary", Static).update(summary(message.timeline))
        self.today_x = message.timeline.month_index(message.timeline.today) * CELL
        self.query_one("#timeline").focus()

    def action_today(self) -> None:
        """Scroll so that today's marker is in view."""
        container = self.query_one("#timeline")
        container.scroll_to(x=max(0, self.today_x - container.size.width // 2), animate=False)
