"""Parsing and resolving user input for the commands; every failure is a Refusal with one sentence."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

from formation.domain.names import slugify
from formation.domain.outcomes import Outcome
from formation.domain.parties import PartyKind
from formation.errors import Refusal
from formation.io.fo_text import ForbundsordningUnreadable, read_forbundsordning
from formation.projection import CaseProjection, PartyProgress
from workflows.loader import load_party_variant
from workflows.model import PartyWorkflow, WorkflowDefinitionInvalid


def party_kind(kind: str) -> PartyKind:
    try:
        return PartyKind(kind.strip().lower())
    except ValueError:
        kinds = ", ".join(k.value for k in PartyKind if k is not PartyKind.KOMMUNALFORBUND)
        raise Refusal(f"Okänd typ av part '{kind}'; välj en av {kinds}.") from None


def parse_outcome(outcome: str) -> Outcome:
    try:
        return Outcome(outcome.strip().lower().replace("å", "a").replace("bordlagning", "bordlagd"))
    except ValueError:
        raise Refusal(f"Okänt utfall '{outcome}'; välj bifall, avslag, aterremiss eller bordlagd.") from None


def percent(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().rstrip("%").replace(",", "."))
    except InvalidOperation:
        raise Refusal(f"Fördelningsnyckeln '{text}' är inget tal; ange procent, t.ex. --key 13.") from None
    if not Decimal(0) < value <= Decimal(100):
        raise Refusal(f"Fördelningsnyckeln måste vara mellan 0 och 100 procent, inte {text}.")
    return value


def read_fo(path: Path) -> str:
    try:
        return read_forbundsordning(path)
    except ForbundsordningUnreadable as exc:
        raise Refusal(str(exc)) from exc


def variant_from_file(path: Path, kind: PartyKind) -> PartyWorkflow:
    try:
        variant = load_party_variant(path)
    except WorkflowDefinitionInvalid as exc:
        raise Refusal(f"Arbetsflödet i {path.name} är felaktigt: {exc.errors[0]}") from exc
    if variant.kind != kind.value:
        raise Refusal(f"Arbetsflödet i {path.name} gäller typen {variant.kind}, men parten är {kind.value}.")
    return variant


def find_party(projection: CaseProjection, key: str) -> PartyProgress:
    """By slug or by name, case-insensitively."""
    wanted = key.strip().casefold()
    for progress in projection.parties.values():
        if wanted in (progress.info.slug, progress.info.name.casefold()) or slugify(key) == progress.info.slug:
            return progress
    names = ", ".join(p.info.name for p in projection.parties.values()) or "inga parter ännu"
    raise Refusal(f"Det finns ingen part '{key}' i ärendet ({names}).")


# Lengths match the columns; PostgreSQL enforces them, SQLite would silently store more.
NAME_MAX, SHORT_MAX, BODY_MAX, NOTE_MAX, EMAIL_MAX = 200, 100, 500, 5000, 320


def clean_text(value: str | None, what: str, max_length: int, *, multiline: bool = False) -> str | None:
    """Trimmed text, or None for empty; refuses control characters (terminal escapes) and overlong values."""
    if value is None:
        return None
    text = value.strip()
    allowed = "\n\t" if multiline else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text):
        raise Refusal(f"{what} innehåller styrtecken; skriv vanlig text.")
    if len(text) > max_length:
        raise Refusal(f"{what} är {len(text)} tecken lång; högst {max_length} tecken går.")
    return text or None


def required_text(value: str, what: str, max_length: int) -> str:
    """Like clean_text, but the value must not be empty."""
    text = clean_text(value, what, max_length)
    if not text:
        raise Refusal(f"{what} saknas.")
    return text


def check_population(population: int | None) -> None:
    """A population (16–64 år) is a positive whole number when given."""
    if population is not None and int(population) <= 0:
        raise Refusal(f"Befolkningstalet måste vara ett positivt heltal, inte {population}.")
