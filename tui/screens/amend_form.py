"""Correct or strike (void) a recorded event; both are new events naming the one they amend, with a reason."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from formation.case.commands import CaseCommand, CorrectEvent, VoidEvent
from formation.domain.outcomes import Outcome
from formation.services import Services
from formation.services.views import Result
from tui.screens.form import CommandForm, FormError, field_row, parse_day, text_input

CLEAR = "-"
"""Typed in a field, clears the stored value (as `formation correct` does)."""

OUTCOMES = {
    "bifall": Outcome.BIFALL,
    "avslag": Outcome.AVSLAG,
    "återremiss": Outcome.ATERREMISS,
    "aterremiss": Outcome.ATERREMISS,
    "bordläggning": Outcome.BORDLAGD,
    "bordlagd": Outcome.BORDLAGD,
}


class CorrectForm(CommandForm):
    """Blank fields stay as recorded; '-' clears an optional one."""

    TITLE_TEXT = "Rätta händelse"

    def __init__(self, services: Services, revision: int, seq: int, summary: str) -> None:
        super().__init__(services, revision)
        self.seq = seq
        """The event corrected."""
        self.summary = summary

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(f"Händelse {self.seq}: {self.summary}"), classes="form-summary")
        yield Static(Content("Lämna tomt det som stämmer; '-' tar bort ett värde."), classes="form-hint")
        yield field_row("Datum", text_input("date", placeholder="rätt datum ÅÅÅÅ-MM-DD"))
        yield field_row("Utfall", text_input("outcome", placeholder="bifall, avslag, återremiss, bordläggning"))
        yield field_row("Organ", text_input("body"))
        yield field_row("§", text_input("paragraph"))
        yield field_row("Dnr", text_input("dnr"))
        yield field_row("Anslag", text_input("anslag", placeholder="ÅÅÅÅ-MM-DD"))
        yield field_row("Anteckning", text_input("note"))
        yield field_row("Skäl *", text_input("reason", placeholder="varför rättelsen görs"))

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def build_command(self) -> CaseCommand:
        changes: dict[str, Any] = {}
        if self.value("date"):
            changes["date"] = parse_day(self.value("date"), "Datum")
        if self.value("anslag"):
            changes["anslag"] = None if self.value("anslag") == CLEAR else parse_day(self.value("anslag"), "Anslag")
        if self.value("outcome"):
            outcome = OUTCOMES.get(self.value("outcome").lower())
            if outcome is None:
                raise FormError(
                    f"Okänt utfall '{self.value('outcome')}'; skriv bifall, avslag, återremiss eller bordläggning."
                )
            changes["outcome"] = outcome
        for key in ("body", "paragraph", "dnr", "note"):
            if self.value(key):
                changes[key] = None if self.value(key) == CLEAR else self.value(key)
        if not changes:
            raise FormError("Ange minst ett värde att rätta.")
        if not self.value("reason"):
            raise FormError("Skriv varför rättelsen görs.")
        return CorrectEvent(seq=self.seq, changes=changes, reason=self.value("reason"), expected_revision=self.revision)

    def accepted_text(self, result: Result) -> str:
        return f"Händelse {self.seq} är rättad; originalet och rättelsen finns i loggen."


class VoidForm(CommandForm):
    """Strike an event: it stays in the log but no longer counts."""

    TITLE_TEXT = "Stryk händelse"

    def __init__(self, services: Services, revision: int, seq: int, summary: str) -> None:
        super().__init__(services, revision)
        self.seq = seq
        self.summary = summary

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(f"Händelse {self.seq}: {self.summary}"), classes="form-summary")
        yield field_row("Skäl *", text_input("reason", placeholder="varför händelsen stryks"))

    def build_command(self) -> CaseCommand:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            raise FormError("Skriv varför händelsen stryks.")
        return VoidEvent(seq=self.seq, reason=reason, expected_revision=self.revision)

    def accepted_text(self, result: Result) -> str:
        return f"Händelse {self.seq} är struken; den finns kvar i loggen men räknas inte."
