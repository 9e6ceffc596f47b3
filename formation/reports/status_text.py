"""`formation status` and `formation log` as a coordinator reads them in a terminal (Swedish)."""

from __future__ import annotations

from typing import Any

from formation.events import EventRecord, EventType

STEP_MARKS = {"done": "✓", "skipped": "–", "pending": "·", "rejected": "✗"}
KIND_LABELS = {
    "kommun": "kommun",
    "region": "region",
    "forsakringskassan": "FK",
    "arbetsformedlingen": "AF",
    "kommunalforbund": "kf",
}
OUTCOME_WORDS = {"bifall": "bifall", "avslag": "avslag", "aterremiss": "återremiss", "bordlagd": "bordlagt"}


def party_state_text(party: dict[str, Any]) -> str:
    """Where the party stands: 'väntar: Förstudie', 'godkänt v1 2016-02-22', 'avslag: …'."""
    if party["observer"]:
        return "adjungerad (ej medlem)"
    if party["state"] == "left":
        return f"utträtt {party['leaves_on']}"
    if party["state"] == "approved":
        return f"godkänt v{party['approved_version']} {party['approved_on']}"
    if party["state"] == "rejected":
        step = next((s for s in party["steps"] if s["status"] == "rejected"), None)
        return f"avslag: {step['label']} {step['date']}" if step else "avslag"
    step = next((s for s in party["steps"] if s["id"] == party["state"]), None)
    label = step["label"] if step else party["state"]
    if step and step["outcome"] in ("aterremiss", "bordlagd"):
        return f"väntar: {label} ({OUTCOME_WORDS[step['outcome']]} {step['date']})"
    return f"väntar: {label}"


def render_status(doc: dict[str, Any]) -> str:
    case = doc["case"]
    lines = [f"{case['name']} ({case['slug']}) — läget per {case['as_of']}"]
    if case["state"] == "formed":
        lines.append(f"Förbundet är BILDAT sedan {case['formed_on']} (förbundsordning v{case['fo_version']}).")
    elif case["formed_on"]:
        lines.append(f"Alla medlemmar har godkänt; förbundet bildas {case['formed_on']}.")
    else:
        version = f"v{case['fo_version']}" if case["fo_version"] else "ingen ännu"
        lines.append(f"Förbundet är inte bildat ännu. Förbundsordning: {version}.")
    if case.get("pending_effective_on"):
        lines.append(
            f"Ändrad förbundsordning v{case['pending_version']} är godkänd av alla och gäller från "
            f"{case['pending_effective_on']}."
        )
    elif case["pending_version"]:
        lines.append(f"Ändrad förbundsordning v{case['pending_version']} väntar på godkännande av alla medlemmar.")
    if case["final_on"]:
        lines.append(f"Besluten vinner laga kraft {case['final_on']} (om inget överklagande kommer in).")
    if case.get("target_start"):
        lines.append(f"Planerad start: {case['target_start']}.")
    lines.append("")
    lines.extend(_party_table(doc["parties"]))
    lines.append("")
    lines.append("Teckenförklaring: ✓ beslutat  · väntar  – ej aktuellt  ✗ avslag")
    if doc["problems"]:
        lines.append("")
        lines.append("Att åtgärda:")
        lines.extend(f"  ! {p['message']}" for p in doc["problems"])
    return "\n".join(lines)


def _party_table(parties: list[dict[str, Any]]) -> list[str]:
    if not parties:
        return ["Inga parter ännu; lägg till dem med `formation party add NAMN --kind TYP`."]
    name_width = max(len("Part"), *(len(p["name"]) for p in parties))
    header = f"{'Part':<{name_width}}  {'Typ':<6}  {'Steg':<12}  {'Läge':<44}  Överklagandetid t.o.m."
    rows = [header, "-" * len(header)]
    for party in parties:
        marks = "".join(STEP_MARKS[s["status"]] for s in party["steps"])
        appeal = party["appeal_ends_on"] or ""
        kind = KIND_LABELS.get(party["kind"], party["kind"])
        rows.append(
            f"{party['name']:<{name_width}}  {kind:<6}  {marks:<12}  {party_state_text(party):<44}  {appeal}".rstrip()
        )
    return rows


def describe_event(event: EventRecord) -> str:
    """One line of `formation log`."""
    data = event.data
    if event.type is EventType.CASE_CREATED:
        return f"Ärendet '{data.get('name')}' skapades"
    if event.type is EventType.PARTY_ADDED:
        role = " (adjungerad)" if data.get("observer") else ""
        since = f", medlem sedan {data['member_since']}" if data.get("member_since") else ""
        return f"Part tillagd: {data.get('name')} ({data.get('kind')}){role}{since}"
    if event.type is EventType.FO_ADDED:
        start = f", start {data['start_date']}" if data.get("start_date") else ""
        force = " (gällande)" if data.get("in_force") else ""
        return f"Förbundsordning v{data.get('number')}{force} från {data.get('filename')}{start}"
    if event.type is EventType.SKIP:
        return f"{event.party}: {event.step} ej aktuellt — {event.note}"
    if event.type is EventType.WORKFLOW_CHANGED:
        return f"{event.party}: eget arbetsflöde från {data.get('file')}"
    outcome = OUTCOME_WORDS.get(event.outcome.value if event.outcome else "", "")
    extras = [
        f"v{event.fo_version}" if event.fo_version else "",
        event.body or "",
        f"§ {event.paragraph}" if event.paragraph else "",
        f"dnr {event.dnr}" if event.dnr else "",
        f"anslag {event.anslag}" if event.anslag else "",
    ]
    detail = ", ".join(x for x in extras if x)
    note = f" — {event.note}" if event.note else ""
    return f"{event.party}: {event.step} {outcome}" + (f" ({detail})" if detail else "") + note


def render_log(events: list[EventRecord]) -> str:
    lines = []
    for event in events:
        day = event.date.isoformat() if event.date else " " * 10
        recorded = event.recorded_at.strftime("%Y-%m-%d %H:%M")
        lines.append(f"{event.seq:>4}  {day}  {describe_event(event)}  [{event.actor}, {recorded}]")
    return "\n".join(lines) if lines else "Inga händelser ännu."


def event_json(event: EventRecord) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "type": event.type.value,
        "actor": event.actor,
        "recorded_at": event.recorded_at.isoformat(),
        "party": event.party,
        "step": event.step,
        "outcome": event.outcome.value if event.outcome else None,
        "date": event.date.isoformat() if event.date else None,
        "body": event.body,
        "paragraph": event.paragraph,
        "dnr": event.dnr,
        "fo_version": event.fo_version,
        "anslag": event.anslag.isoformat() if event.anslag else None,
        "note": event.note,
        "data": event.data,
    }
