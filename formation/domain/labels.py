"""Every Swedish word the user sees for the engine's codes, in one place: the CLI, the TUI and the reports
all read them from here, so a state is called the same thing everywhere."""

from __future__ import annotations

from formation.domain.outcomes import AppealOutcome, Outcome, StepStatus
from formation.domain.parties import PartyKind

OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.BIFALL: "bifall",
    Outcome.AVSLAG: "avslag",
    Outcome.ATERREMISS: "återremiss",
    Outcome.BORDLAGD: "bordläggning",
}

KIND_LABELS: dict[PartyKind, str] = {
    PartyKind.KOMMUN: "Kommun",
    PartyKind.REGION: "Region",
    PartyKind.FORSAKRINGSKASSAN: "Försäkringskassan",
    PartyKind.ARBETSFORMEDLINGEN: "Arbetsförmedlingen",
    PartyKind.KOMMUNALFORBUND: "Kommunalförbund",
}

KIND_SHORT: dict[PartyKind, str] = {
    PartyKind.KOMMUN: "kommun",
    PartyKind.REGION: "region",
    PartyKind.FORSAKRINGSKASSAN: "FK",
    PartyKind.ARBETSFORMEDLINGEN: "AF",
    PartyKind.KOMMUNALFORBUND: "kf",
}

STEP_MARKS: dict[StepStatus, str] = {
    StepStatus.DONE: "✓",
    StepStatus.PENDING: "·",
    StepStatus.SKIPPED: "–",
    StepStatus.REJECTED: "✗",
}

STEP_STATUS_WORDS: dict[StepStatus, str] = {
    StepStatus.DONE: "beslutat",
    StepStatus.PENDING: "väntar",
    StepStatus.SKIPPED: "ej aktuellt",
    StepStatus.REJECTED: "avslag",
}

LEGEND = "  ".join(f"{STEP_MARKS[s]} {STEP_STATUS_WORDS[s]}" for s in STEP_MARKS)

APPEAL_OUTCOME_LABELS: dict[AppealOutcome, str] = {
    AppealOutcome.AVSLAGET: "avslaget",
    AppealOutcome.AVVISAT: "avvisat",
    AppealOutcome.AVSKRIVET: "avskrivet",
    AppealOutcome.UPPHAVT: "upphävt",
}

ROLE_LABELS: dict[str, str] = {"ledamot": "ledamot", "ersattare": "ersättare"}

VERSION_ROLES: dict[str, str] = {
    "in_force": "gäller",
    "pending": "väntar på godkännande",
    "proposed": "under beslut",
    "was_in_force": "gällde tidigare",
    "superseded": "ersatt",
}

EVENT_TYPE_LABELS: dict[str, str] = {
    "case_created": "ärende skapat",
    "party_added": "part tillagd",
    "party_updated": "part ändrad",
    "fo_added": "förbundsordning",
    "decision": "beslut",
    "skip": "ej aktuellt",
    "workflow_changed": "egen beslutsgång",
    "workflow_upgraded": "ny mall",
    "appeal_filed": "överklagande",
    "appeal_decided": "dom",
    "notice_given": "uppsägning",
    "board_seat_added": "styrelseplats",
    "board_seat_removed": "styrelseplats borttagen",
    "meeting_added": "sammanträde",
    "meeting_removed": "sammanträde borttaget",
    "contact_added": "kontakt",
    "contact_removed": "kontakt borttagen",
    "deadline_set": "sista dag",
    "body_named": "organets namn",
    "event_corrected": "rättelse",
    "event_voided": "strykning",
}


def outcome_label(outcome: Outcome) -> str:
    return OUTCOME_LABELS[outcome]


def kind_label(kind: PartyKind) -> str:
    return KIND_LABELS[kind]


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


FIELD_LABELS: dict[str, str] = {
    "date": "datum",
    "anslag": "anslagsdatum",
    "outcome": "utfall",
    "body": "organ",
    "paragraph": "§",
    "dnr": "dnr",
    "note": "anteckning",
    "fo_version": "version",
    "start_date": "startdatum",
    "formed_on": "bildat",
    "appellant": "klagande",
    "court": "domstol",
    "years": "uppsägningstid (år)",
    "term_start": "mandat från",
    "term_end": "mandat till",
    "fullmaktige": "fullmäktige",
    "member_since": "medlem sedan",
    "seat": "säte",
    "target_start": "planerad start",
}
"""The stored fields a correction can change (`formation correct`), as the log and the correction form name
them."""


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key)


_PROPER_NAMES = ("Försäkringskassan", "Arbetsförmedlingen")


def in_sentence(name: str) -> str:
    """A body's name or a step's label inside a sentence: 'Kommunfullmäktige' → 'kommunfullmäktige',
    'Socialnämnden i Solna stad' → 'socialnämnden i Solna stad'; only the first letter changes, and not in a name
    that begins with an agency's ('Försäkringskassans ledning')."""
    if name.startswith(_PROPER_NAMES):
        return name
    return name[:1].lower() + name[1:]


def paragraph_ref(paragraph: str | None) -> str | None:
    """'§ 45' whether it was recorded as '45' or '§ 45'."""
    if not paragraph:
        return None
    text = paragraph.strip()
    return text if text.startswith("§") else f"§ {text}"
