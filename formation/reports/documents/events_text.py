"""The latest events in plain Swedish, from `log --json` records. Only chosen fields are read, so the
contact data some events carry (a party's e-mail address) never reaches a document."""

from __future__ import annotations

from datetime import date
from typing import Any

from formation.domain.labels import EVENT_TYPE_LABELS, paragraph_ref
from formation.reports.documents.model import EventRow
from formation.reports.documents.text import (
    APPEAL_OUTCOMES,
    OUTCOME_LABELS,
    ROLE_LABELS,
    clean,
    clean_text,
    day,
    parse_day,
)


def _sort_key(event: dict[str, Any]) -> tuple[date, int]:
    on = parse_day(event.get("date")) or parse_day(event.get("recorded_at")) or date.min
    return on, int(event.get("seq") or 0)


ADMINISTRATION = frozenset(
    {"contact_added", "contact_removed", "meeting_added", "meeting_removed", "deadline_set", "body_named"}
)
"""The coordinator's bookkeeping (who gets reminders, the bodies' calendars, deadlines): not what the förbund's
parties decided, so not in a report for the politicians."""


def event_rows(
    events: list[dict[str, Any]], names: dict[str, str], steps: dict[tuple[str, str], str], *, limit: int
) -> tuple[EventRow, ...]:
    """The `limit` latest events (by the day they took effect), newest first, the coordinator's bookkeeping left
    out."""
    latest = sorted((e for e in events if e.get("type") not in ADMINISTRATION), key=_sort_key)[-limit:]
    rows = []
    for event in reversed(latest):
        on, _ = _sort_key(event)
        text = clean_text(describe(event, names, steps))
        rows.append(EventRow(seq=int(event.get("seq") or 0), date=on if on != date.min else None, text=text))
    return tuple(rows)


def describe(event: dict[str, Any], names: dict[str, str], steps: dict[tuple[str, str], str]) -> str:
    """One event as a Swedish sentence; `steps` maps (party slug, step id) to the step's label."""
    kind = event.get("type")
    raw = event.get("data")
    data: dict[str, Any] = raw if isinstance(raw, dict) else {}
    party = names.get(str(event.get("party")), str(event.get("party") or ""))
    step = steps.get((str(event.get("party")), str(event.get("step"))), str(event.get("step") or ""))
    if kind == "case_created":
        return f"Ärendet {data.get('name', '')} skapades."
    if kind == "party_added":
        observer = " som adjungerad (ej medlem)" if data.get("observer") else ""
        return f"{data.get('name', party)} lades till som part{observer}."
    if kind == "party_updated":
        return f"Uppgifterna om {party} ändrades."
    if kind == "fo_added":
        start = f", att gälla från {day(parse_day(data.get('start_date')))}" if data.get("start_date") else ""
        return f"Förbundsordningen version {data.get('number', event.get('fo_version'))} registrerades{start}."
    if kind == "decision":
        return _decision(event, party, step)
    if kind == "skip":
        reason = f": {event['note']}" if event.get("note") else ""
        return f"{party}: {step} är inte aktuellt{reason}."
    if kind == "workflow_changed":
        return f"{party} fick en egen beslutsgång."
    if kind == "appeal_filed":
        court = f" till {data['court']}" if data.get("court") else ""
        return f"{party}: beslutet överklagades{court}."
    if kind == "appeal_decided":
        outcome = APPEAL_OUTCOMES.get(str(data.get("outcome")), str(data.get("outcome") or "avgjort"))
        return f"{party}: överklagandet avgjordes ({outcome})."
    if kind == "notice_given":
        return f"{party} sade upp sitt medlemskap."
    if kind in ("board_seat_added", "board_seat_removed"):
        role = ROLE_LABELS.get(str(data.get("role")), str(data.get("role") or "ledamot"))
        verb = "utsågs till" if kind == "board_seat_added" else "lämnade uppdraget som"
        return f"{data.get('person', '')} ({party}) {verb} {role} i styrelsen."
    if kind == "workflow_upgraded":
        return "Ärendet fick en ny version av mallen för beslutsgångarna."
    if kind == "event_corrected":
        return "En tidigare registrerad uppgift rättades."
    if kind == "event_voided":
        return "En tidigare registrerad händelse ströks."
    what = EVENT_TYPE_LABELS.get(str(kind), "händelse")  # never the event's internal name
    return f"{party}: {what}." if party else f"{what[:1].upper()}{what[1:]}."


def _decision(event: dict[str, Any], party: str, step: str) -> str:
    outcome = OUTCOME_LABELS.get(str(event.get("outcome")), str(event.get("outcome") or ""))
    who = clean(event.get("body"))
    details = [
        who or "",
        f"version {event['fo_version']}" if event.get("fo_version") else "",
        paragraph_ref(event.get("paragraph")) or "",
        f"dnr {event['dnr']}" if event.get("dnr") else "",
    ]
    extra = ", ".join(d for d in details if d)
    return f"{party}: {step} – {outcome}" + (f" ({extra})" if extra else "") + "."
