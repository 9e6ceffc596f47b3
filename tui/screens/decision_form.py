"""Record a decision: party and step from what the machine allows now, outcome, date, body, §, dnr, anslag."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from formation.case.commands import CaseCommand, RecordDecision
from formation.domain.labels import OUTCOME_LABELS
from formation.domain.outcomes import Outcome
from formation.reports.cockpit import decision_choices
from formation.reports.cockpit_model import StepChoice
from formation.services import Services
from formation.services.views import Result
from tui.screens.form import CommandForm, FormError, field_row, name_text, optional, parse_day, required_day, text_input
from tui.widgets.select import SwedishSelect

FIELDS = ("date", "body", "paragraph", "dnr", "anslag", "note")


def decidable(choices: dict[str, tuple[StepChoice, ...]]) -> dict[str, tuple[StepChoice, ...]]:
    """The steps with an outcome to record (not those that can only be skipped), per party that has any."""
    kept = {slug: tuple(c for c in cs if c.outcomes) for slug, cs in choices.items()}
    return {slug: cs for slug, cs in kept.items() if cs}


class DecisionForm(CommandForm):
    """The choices are asked of the state machine when the dashboard read the case; the engine still decides."""

    TITLE_TEXT = "Registrera beslut"

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
        self.choices = decidable(choices)
        """Party slug → the steps it can decide now."""
        self.names = names
        self.first_party = party if party in self.choices else next(iter(self.choices), None)

    def compose_fields(self) -> ComposeResult:
        parties = [(name_text(self.names.get(slug, slug)), slug) for slug in self.choices]
        yield field_row(
            "Part",
            SwedishSelect(parties, value=self.first_party or Select.NULL, id="party", compact=True, allow_blank=False),
        )
        yield field_row("Steg", SwedishSelect([], id="step", compact=True, prompt="Välj steg"))
        yield field_row("Utfall", SwedishSelect([], id="outcome", compact=True, prompt="Välj utfall"))
        today = self.services.clock.today().isoformat()
        yield field_row("Datum", text_input("date", value=today, placeholder="ÅÅÅÅ-MM-DD"))
        yield field_row("Organ", text_input("body", placeholder="beslutande organ"))
        yield field_row("§", text_input("paragraph", placeholder="paragraf i protokollet"))
        yield field_row("Dnr", text_input("dnr", placeholder="diarienummer"))
        yield field_row(
            "Anslag", text_input("anslag", placeholder="ÅÅÅÅ-MM-DD, justeringen anslogs"), row_id="anslag-row"
        )
        yield field_row("Anteckning", text_input("note", placeholder="t.ex. villkorat beslut"))

    def on_mount(self) -> None:
        self.fill_steps()

    def step_choice(self) -> StepChoice | None:
        party, step = self.query_one("#party", Select).value, self.query_one("#step", Select).value
        return next((c for c in self.choices.get(str(party), ()) if c.step == step), None)

    @on(Select.Changed, "#party")
    def fill_steps(self) -> None:
        party = self.query_one("#party", Select).value
        steps = self.choices.get(str(party), ())
        select: Select[str] = self.query_one("#step", Select)
        select.set_options([(name_text(c.label), c.step) for c in steps])
        if steps:
            select.value = steps[0].step
        self.fill_outcomes()

    @on(Select.Changed, "#step")
    def fill_outcomes(self) -> None:
        choice = self.step_choice()
        outcomes = choice.outcomes if choice else ()
        select: Select[str] = self.query_one("#outcome", Select)
        select.set_options([(OUTCOME_LABELS[o], o.value) for o in outcomes])
        if Outcome.BIFALL in outcomes:
            select.value = Outcome.BIFALL.value
        self.query_one("#anslag-row").display = bool(choice and choice.appealable)
        body = self.query_one("#body", Input)
        body.placeholder = f"t.ex. {choice.body}" if choice and choice.body else "beslutande organ"

    def read_after_stale(self) -> dict[str, tuple[StepChoice, ...]]:
        return decision_choices(self.services.view())

    def apply_after_stale(self, fresh: dict[str, tuple[StepChoice, ...]]) -> None:
        """The chosen step still open: all stays as typed. Decided meanwhile: the party's open steps now."""
        party, step = str(self.query_one("#party", Select).value), self.query_one("#step", Select).value
        self.choices = decidable(fresh)
        if not any(c.step == step for c in self.choices.get(party, ())):
            self.fill_steps()

    def build_command(self) -> CaseCommand:
        choice = self.step_choice()
        if choice is None:
            raise FormError("Välj part och steg.")
        outcome = self.query_one("#outcome", Select).value
        if outcome is Select.NULL or not isinstance(outcome, str):
            raise FormError("Välj ett utfall.")
        value = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        return RecordDecision(
            party=str(self.query_one("#party", Select).value),
            step=choice.step,
            outcome=Outcome(outcome),
            decided_on=required_day(value["date"], "Beslutsdatum"),
            body=optional(value["body"]),
            paragraph=optional(value["paragraph"]),
            dnr=optional(value["dnr"]),
            anslag=parse_day(value["anslag"], "Anslagsdatum") if choice.appealable else None,
            note=optional(value["note"]),
            expected_revision=self.revision,
        )

    def accepted_text(self, result: Result) -> str:
        return f"Beslutet är registrerat för {result.party().info.name}."
