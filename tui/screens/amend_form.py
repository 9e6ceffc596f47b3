"""Correct or strike (void) a recorded event; both are new events naming the one they amend, with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from formation.case.commands import CaseCommand, CorrectEvent, VoidEvent
from formation.domain.labels import APPEAL_OUTCOME_LABELS, EVENT_TYPE_LABELS
from formation.domain.outcomes import AppealOutcome, Outcome
from formation.services import Services
from formation.services.amend_handlers import CORRECTABLE, NOT_VOIDABLE
from formation.services.views import Result
from tui.screens.form import CommandForm, FormError, field_row, parse_day, text_input

LARGEST_NUMBER = 9999
"""The largest version number or notice period (years) the form takes; the engine refuses what does not exist."""
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
APPEAL_OUTCOMES = {label: outcome for outcome, label in APPEAL_OUTCOME_LABELS.items()} | {
    outcome.value: outcome for outcome in AppealOutcome
}


@dataclass(frozen=True)
class Field:
    """One correctable stored field as the form asks for it."""

    label: str
    kind: str
    """"date", "text", "number", "outcome" or "appeal_outcome"."""
    placeholder: str = ""
    clearable: bool = False


DAY = "ÅÅÅÅ-MM-DD"
FIELDS: dict[str, Field] = {
    "date": Field("Datum", "date", f"rätt datum {DAY}"),
    "outcome": Field("Utfall", "outcome", "bifall, avslag, återremiss, bordläggning"),
    "body": Field("Organ", "text", clearable=True),
    "paragraph": Field("§", "text", clearable=True),
    "dnr": Field("Dnr", "text", clearable=True),
    "fo_version": Field("Version", "number", "förbundsordningens version, t.ex. 2"),
    "anslag": Field("Anslag", "date", DAY, clearable=True),
    "note": Field("Anteckning", "text", clearable=True),
    "start_date": Field("Start", "date", f"startdatum {DAY}", clearable=True),
    "formed_on": Field("Bildat", "date", DAY),
    "appellant": Field("Klagande", "text", clearable=True),
    "court": Field("Domstol", "text", clearable=True),
    "years": Field("År", "number", "uppsägningstid i år"),
    "term_start": Field("Mandat från", "date", DAY),
    "term_end": Field("Mandat till", "date", DAY),
    "fullmaktige": Field("Fullmäktige", "text", clearable=True),
    "member_since": Field("Medlem sedan", "date", DAY, clearable=True),
    "seat": Field("Säte", "text"),
    "target_start": Field("Start", "date", f"planerad start {DAY}", clearable=True),
}
"""Every field the engine lets a correction change (formation.services.amend_handlers.CORRECTABLE), in the form."""
APPEAL_OUTCOME = Field("Utfall", "appeal_outcome", ", ".join(APPEAL_OUTCOME_LABELS.values()))
"""A court's outcome, where a decision's outcome field would be (a correction of `appeal_decided`)."""


def field_spec(event_type: str, key: str) -> Field:
    return APPEAL_OUTCOME if (event_type, key) == ("appeal_decided", "outcome") else FIELDS[key]


def correctable_fields(event_type: str) -> tuple[str, ...]:
    """The stored fields a correction of an event of `event_type` may change; empty when it can only be struck."""
    return tuple(key for key in CORRECTABLE.get(event_type, ()) if key in FIELDS)


def voidable(event_type: str) -> bool:
    """Whether the engine lets an event of `event_type` be struck (the form is not opened for one it refuses)."""
    return event_type not in NOT_VOIDABLE


def not_correctable_text(event_type: str) -> str:
    """Why the form does not open for an event that can only be struck, and what to do instead."""
    what = EVENT_TYPE_LABELS.get(event_type, event_type)
    return (
        f"En händelse av typen {what} har inga uppgifter som kan rättas; "
        "stryk den i stället (x) och registrera den på nytt om det behövs."
    )


class CorrectForm(CommandForm):
    """Only the fields the engine lets a correction of this type change; blank fields stay as recorded, '-'
    clears an optional one."""

    TITLE_TEXT = "Rätta händelse"

    def __init__(self, services: Services, revision: int, seq: int, summary: str, event_type: str) -> None:
        super().__init__(services, revision)
        self.seq = seq
        """The event corrected."""
        self.summary = summary
        self.specs = {key: field_spec(event_type, key) for key in correctable_fields(event_type)}
        """The stored fields offered, in the engine's order."""

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(f"Händelse {self.seq}: {self.summary}"), classes="form-summary")
        clearable = any(spec.clearable for spec in self.specs.values())
        hint = "Lämna tomt det som stämmer" + ("; '-' tar bort ett värde." if clearable else ".")
        yield Static(Content(hint), classes="form-hint")
        for key, spec in self.specs.items():
            yield field_row(spec.label, text_input(key, placeholder=spec.placeholder))
        yield field_row("Skäl *", text_input("reason", placeholder="varför rättelsen görs"))

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def parsed(self, key: str) -> Any:
        spec, text = self.specs[key], self.value(key)
        if text == CLEAR and spec.clearable:
            return None
        if spec.kind == "date":
            return parse_day(text, spec.label)
        if spec.kind == "number":
            digits = text.lstrip("vV")
            if len(digits) > len(str(LARGEST_NUMBER)):
                raise FormError(f"{spec.label} '{digits[:12]}…' är orimligt stort.")
            if not (digits.isascii() and digits.isdigit()) or not 1 <= int(digits) <= LARGEST_NUMBER:
                raise FormError(f"{spec.label} '{text}' är inget heltal från 1 till {LARGEST_NUMBER}.")
            return int(digits)
        if spec.kind == "outcome":
            outcome = OUTCOMES.get(text.lower())
            if outcome is None:
                raise FormError(f"Okänt utfall '{text}'; skriv bifall, avslag, återremiss eller bordläggning.")
            return outcome
        if spec.kind == "appeal_outcome":
            appeal = APPEAL_OUTCOMES.get(text.lower())
            if appeal is None:
                words = ", ".join(APPEAL_OUTCOME_LABELS.values())
                raise FormError(f"Okänt utfall '{text}'; skriv ett av {words}.")
            return appeal
        return text

    def build_command(self) -> CaseCommand:
        changes = {key: self.parsed(key) for key in self.specs if self.value(key)}
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
