"""What the coordinator must act on ("Att åtgärda")."""

from __future__ import annotations

from textual.content import Content

from tui.texts import Document
from tui.widgets.capped_list import CappedList


class ProblemList(CappedList):
    """The problems of the status document, one bulleted paragraph each."""

    def on_mount(self) -> None:
        self.border_title = "Att åtgärda"

    def show_problems(self, problems: list[Document]) -> None:
        self.border_title = f"Att åtgärda ({len(problems)})" if problems else "Att åtgärda"
        self.set_class(not problems, "-none")
        if not problems:
            self.show_paragraphs([Content("Inget att åtgärda.")])
            return
        # Content, not markup: messages quote commands and names that may hold brackets.
        self.show_paragraphs([Content(f"• {p['message']}") for p in problems], separator="\n\n")
