"""What each party must decide next ("Nästa att göra"), with a place for its deadline."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from formation.reports.cockpit_model import NextAction
from tui.widgets.capped_list import CappedList

NO_DEADLINE = "frist saknas"
"""Shown for a step without a deadline (the case has no meeting calendar for its body)."""


def action_content(action: NextAction, today: date | None = None) -> Content:
    """'Falun: Inriktningsbeslut (frist 2026-12-03)' – names as data, never as markup; overdue in red."""
    steps = ", ".join(choice.label for choice in action.steps)
    overdue = action.deadline is not None and today is not None and action.deadline < today
    if action.deadline is None:
        deadline, style = NO_DEADLINE, "$text-muted"
    elif overdue:
        deadline, style = f"FÖRSENAT, frist {action.deadline}", "bold $error"
    else:
        deadline, style = f"frist {action.deadline}", "$text-muted"
    return Content.assemble(
        ("• ", "$text-muted"),
        (action.name, "bold"),
        ": ",
        steps,
        (f" ({deadline})", style),
    )


class NextList(CappedList):
    """One paragraph per party that has a decision to take, the most urgent first."""

    def on_mount(self) -> None:
        self.border_title = "Nästa att göra"

    def show_actions(self, actions: list[NextAction], *, read_only: bool = False, today: date | None = None) -> None:
        self.border_title = f"Nästa att göra ({len(actions)})" if actions else "Nästa att göra"
        if not actions:
            self.show_paragraphs([Content("Inget beslut väntar.")])
            return
        warning = ("Historisk vy: inga beslut kan registreras.\n", "$text-warning")
        lead = Content.assemble(warning) if read_only else None
        self.show_paragraphs([action_content(a, today) for a in actions], lead=lead)
