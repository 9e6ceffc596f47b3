"""Mark a step "ej aktuellt" (skipped), with the reason."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from formation.case.commands import CaseCommand, SkipStep
from formation.reports.cockpit_model import StepChoice
from formation.services import Services
from formation.services.views import Result
from tui.screens.form import CommandForm, FormError, field_row, name_text, parse_day, text_input
from tui.widgets.select import SwedishSelect


class SkipForm(CommandForm):
    """Only the steps the machine lets each party skip now are offered."""

    TITLE_TEXT = "Markera steg som ej aktuellt"

    def __init__(
        self,
        services: Services,
        revision: int,
        choices: dict[str, tuple[StepChoice, ...]],
        names: dict[str, str],
        *,
        party: str | None = None,
    ) -> None:
        super().__init__(services, revision)
        self.choices = choices
        """Party slug → the steps it may skip now."""
        self.names = names
        self.first_party = party if party in choices else next(iter(choices), None)

    def compose_fields(self) -> ComposeResult:
        parties = [(name_text(self.names.get(slug, slug)), slug) for slug in self.choices]
        yield field_row(
            "Part",
            SwedishSelect(parties, value=self.first_party or Select.NULL, id="party", compact=True, allow_blank=False),
        )
        yield field_row("Steg", SwedishSelect([], id="step", compact=True, prompt="Välj steg"))
        yield field_row("Skäl", text_input("reason", placeholder="varför steget inte är aktuellt"))
        yield field_row("Datum", text_input("date", placeholder="ÅÅÅÅ-MM-DD, om det finns"))

    def on_mount(self) -> None:
        self.fill_steps()

    @on(Select.Changed, "#party")
    def fill_steps(self) -> None:
        steps = self.choices.get(str(self.query_one("#party", Select).value), ())
        select: Select[str] = self.query_one("#step", Select)
        select.set_options([(name_text(c.label), c.step) for c in steps])
        if steps:
            select.value = steps[0].step

    def build_command(self) -> CaseCommand:
        step = self.query_one("#step", Select).value
        if not isinstance(step, str):
            raise FormError("Välj ett steg.")
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            raise FormError("Skriv varför steget inte är aktuellt.")
        return SkipStep(
            party=str(self.query_one("#party", Select).value),
            step=step,
            reason=reason,
            on=parse_day(self.query_one("#date", Input).value, "Datum"),
            expected_revision=self.revision,
        )

    def accepted_text(self, result: Result) -> str:
        return f"Steget är markerat som ej aktuellt för {result.party().info.name}."
