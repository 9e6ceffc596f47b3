"""A party's deadline for a step set by hand (the body's own sammanträdesplan, a date the styrgrupp agreed), or
returned to the plan's; `formation deadline set` does the same."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from formation.case.commands import CaseCommand, SetDeadline
from formation.services import Services
from formation.services.views import Result
from formation.store.schedule_store import Deadline
from tui.screens.form import CommandForm, field_row, parse_day, text_input


class DeadlineForm(CommandForm):
    """One deadline; an empty day returns it to the one the plan computes."""

    TITLE_TEXT = "Sista dag"

    def __init__(self, services: Services, revision: int, deadline: Deadline, name: str) -> None:
        super().__init__(services, revision)
        self.deadline = deadline
        self.party_name = name

    def compose_fields(self) -> ComposeResult:
        d = self.deadline
        how = "satt för hand" if d.overridden else "från planen"
        yield Static(Content(f"{self.party_name}: {d.label} ({d.body}), sista dag nu {d.deadline_on} ({how})."))
        current = d.deadline_on.isoformat() if d.overridden else ""
        yield field_row("Sista dag", text_input("day", value=current, placeholder="ÅÅÅÅ-MM-DD; tomt: planens"))

    def build_command(self) -> CaseCommand:
        on = parse_day(self.query_one("#day", Input).value, "Sista dag")
        return SetDeadline(party=self.deadline.party, step=self.deadline.step, on=on, expected_revision=self.revision)

    def accepted_text(self, result: Result) -> str:
        on = parse_day(self.query_one("#day", Input).value, "Sista dag")
        if on is None:
            return f"{self.party_name}: {self.deadline.label} har planens sista dag igen."
        return f"{self.party_name}: {self.deadline.label} ska beslutas senast {on}; påminnelserna följer den."
