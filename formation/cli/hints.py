"""What to do next, in command-line terms, for the engine's refusals (the engine's sentence names no syntax)."""

from __future__ import annotations

from formation.errors import Refusal

HINTS: dict[str, str] = {
    "no_case": "Skapa ett med `formation init NAMN` eller `formation demo`.",
    "several_cases": "Ange --case KORTNAMN (eller FORMATION_CASE).",
    "unknown_case": "Ange ett av kortnamnen med --case.",
    "no_forbundsordning": "Lägg till den med `formation fo add FIL`.",
    "party_rejected": "Registrera det nya beslutet i samma steg med `formation decide`, eller lägg till en ny version "
    "med `formation fo add FIL`.",
    "reconsidered_too_early": "Ange datumet för det nya beslutet med `--date ÅÅÅÅ-MM-DD`.",
    "earlier_step_open": "Registrera det först med `formation decide`, eller markera det som ej aktuellt med "
    "`formation skip PART STEG --reason TEXT`.",
    "fo_after_decision": "Rätta versionens datum med `formation correct {seq} --date DATUM --reason TEXT`.",
    "fo_dated_before_previous": "Ange rätt datum med --date, eller rätta den tidigare versionens datum med "
    "`formation correct NR --date DATUM --reason TEXT` (numret står i `formation log`).",
    "fo_replaced": "Registrera beslutet utan --fo-version (det gäller då den aktuella versionen).",
    "joining_needs_amendment": "Lägg till den ändrade förbundsordningen med `formation fo add FIL`.",
    "fo_in_force_exists": "Lägg till den ändrade versionen med `formation fo add FIL` utan --in-force.",
    "fo_in_force_needs_members": "Lägg till dem med `formation party add NAMN --kind TYP --member-since DATUM`.",
    "stale_revision": "Läget nu visar `formation status`.",
    "as_needs_party": "Ange --party PART tillsammans med --as.",
    "as_needs_one_body": "Välj organ med --body ORGAN.",
    "calendar_without_body": "Ange organet med --body ORGAN.",
}


def with_hint(refusal: Refusal) -> str:
    """The refusal's sentence, followed by the command-line hint for its code when there is one."""
    hint = HINTS.get(refusal.code)
    if hint is None:
        return refusal.message
    facts = {key: value for key, value in refusal.facts.items() if value is not None}
    try:
        hint = hint.format(**facts)
    except (KeyError, IndexError, ValueError):  # a fact the hint names is unknown: the placeholder word
        hint = hint.replace("{seq}", "N")
    return f"{refusal.message} {hint}"
