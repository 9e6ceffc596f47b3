"""What each party must decide next ("Nästa att göra"), with a place for its deadline."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from formation.reports.cockpit import NextAction

NO_DEADLINE = "frist saknas"
"""Shown until the reminder issue gives steps their deadlines (NextAction.deadline)."""


def action_content(action: NextAction) -> Content:
    """'Falun: Inriktningsbeslut (frist saknas)' – names as data, never as markup."""
    steps = ", ".join(choice.label for choice in action.steps)
    deadline = f"frist {action.deadline}" if action.deadline else NO_DEADLINE
    return Content.assemble(
        ("• ", "$text-muted"),
        (action.name, "bold"),
        ": ",
        steps,
        (f" ({deadline})", "$text-muted"),
    )


class NextList(VerticalScroll):
    """One paragraph per party that has a decision to take, the most urgent first."""

    def compose(self) -> ComposeResult:
        yield Static()

    def on_mount(self) -> None:
        self.border_title = "Nästa att göra"

    def show_actions(self, actions: list[NextAction], *, read_only: bool = False) -> None:
        self.border_title = f"Nästa att göra ({len(actions)})" if actions else "Nästa att göra"
        if not actions:
            self.query_one(Static).update(Content("Inget beslut väntar."))
            return
        body = Content("\n").join(action_content(a) for a in actions)
        if read_only:
            body = Content.assemble(("Historisk vy: inga beslut kan registreras.\n", "$text-warning"), body)
        self.query_one(Static).update(body)
