"""A side panel of paragraphs that shows the first ones and the rest on request."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

SHOWN = 15
"""Paragraphs shown before Enter asks for all: the most urgent come first, and wrapping the hundreds of a
national case (188 next steps, 105 problems) cost its dashboard a quarter of its first frame. Fifteen fill
the panel at 200×50 and more (30 cost the first frame another 0.03 s)."""


class CappedList(VerticalScroll):
    """Paragraphs, most urgent first; at most SHOWN until Enter on the panel shows them all."""

    BINDINGS = [Binding("enter", "show_all", "Visa alla")]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name for it
        super().__init__(id=id)
        self.paragraphs: list[Content] = []
        self.separator = "\n"
        self.lead: Content | None = None
        self.all_shown = False
        """Whether Enter asked for every paragraph (kept while the screen lives, reloads included)."""

    def compose(self) -> ComposeResult:
        yield Static()

    def show_paragraphs(self, paragraphs: list[Content], *, separator: str = "\n", lead: Content | None = None) -> None:
        self.paragraphs, self.separator, self.lead = paragraphs, separator, lead
        self.render_paragraphs()

    def render_paragraphs(self) -> None:
        cut = not self.all_shown and len(self.paragraphs) > SHOWN
        shown = self.paragraphs[:SHOWN] if cut else self.paragraphs
        body = Content(self.separator).join(shown)
        if cut:
            rest = len(self.paragraphs) - SHOWN
            more = Content.assemble((f"… och {rest} till: Enter visar alla.", "$text-muted"))
            body = Content(self.separator).join([body, more])
        if self.lead is not None:
            body = Content.assemble(self.lead, body)
        self.query_one(Static).update(body)

    def action_show_all(self) -> None:
        if not self.all_shown and len(self.paragraphs) > SHOWN:
            self.all_shown = True
            self.render_paragraphs()
