"""What the coordinator must act on ("Att åtgärda")."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui.texts import Document


class ProblemList(VerticalScroll):
    """The problems of the status document, one bulleted paragraph each."""

    def compose(self) -> ComposeResult:
        yield Static()

    def on_mount(self) -> None:
        self.border_title = "Att åtgärda"

    def show_problems(self, problems: list[Document]) -> None:
        self.border_title = f"Att åtgärda ({len(problems)})" if problems else "Att åtgärda"
        self.set_class(not problems, "-none")
        if not problems:
            self.query_one(Static).update(Content("Inget att åtgärda."))
            return
        # Content, not markup: messages quote commands and names that may hold brackets.
        self.query_one(Static).update(Content("\n\n".join(f"• {p['message']}" for p in problems)))
