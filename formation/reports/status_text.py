"""`formation status` and `formation log` as a coordinator reads them in a terminal (Swedish)."""

from __future__ import annotations

from typing import Any

from formation.domain.labels import KIND_SHORT, LEGEND, OUTCOME_LABELS, STEP_MARKS

MARKS = {status.value: mark for status, mark in STEP_MARKS.items()}
KIND_LABELS = {kind.value: label for kind, label in KIND_SHORT.items()}
OUTCOME_WORDS = {outcome.value: label for outcome, label in OUTCOME_LABELS.items()}


def party_state_text(party: dict[str, Any]) -> str:
    """Where the party stands: 'väntar: Förstudie', 'godkänt v1 2016-02-22', 'avslag: …', with what is pending
    around it: an återremiss or bordläggning, an appeal, a notice of leaving, a missing anslag date."""
    if party["observer"]:
        return "adjungerad (ej medlem)"
    if party["state"] == "left":
        return f"utträtt {party['leaves_on']}"
    if party["state"] == "approved":
        text = f"godkänt v{party['approved_version']} {party['approved_on']}"
        if party.get("appealable") and not party.get("anslag_on") and not party.get("member_since"):
            text += ", anslagsdatum saknas"
    elif party["state"] == "rejected":
        step = next((s for s in party["steps"] if s["status"] == "rejected"), None)
        text = f"avslag: {step['label']} {step['date']}" if step else "avslag"
    else:
        step = next((s for s in party["steps"] if s["id"] == party["state"]), None)
        label = step["label"] if step else party["state"]
        text = f"väntar: {label}"
        held = [s for s in party["steps"] if s["status"] == "pending" and s["outcome"] in ("aterremiss", "bordlagd")]
        if step and step in held:
            text += f" ({OUTCOME_WORDS[step['outcome']]} {step['date']})"
        elif held:  # an återremiss sent the matter back to an earlier step: say where it came from
            latest = max(held, key=lambda s: s["date"] or "")
            text += f" ({OUTCOME_WORDS[latest['outcome']]} i {latest['label']} {latest['date']})"
    appeal = party.get("appeal")
    if appeal and appeal["pending"]:
        text += f", överklagat {appeal['filed_on']}"
    elif appeal and appeal["outcome"] == "upphavt" and party["state"] != "approved":
        text += f", beslutet upphävt {appeal['decided_on']}"
    if party.get("leaves_on"):
        text += f", utträder {party['leaves_on']}"
    return text


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
    if case["final_on"] and str(case["final_on"]) <= str(case["as_of"]):  # ISO days compare as text
        lines.append(f"Besluten har vunnit laga kraft {case['final_on']}.")
    elif case["final_on"]:
        lines.append(f"Besluten vinner laga kraft {case['final_on']} (om inget överklagande kommer in).")
    if case.get("target_start"):
        lines.append(f"Planerad start: {case['target_start']}.")
    lines.append("")
    lines.extend(_party_table(doc["parties"]))
    lines.append("")
    lines.append(f"Teckenförklaring: {LEGEND}")
    if doc["problems"]:
        lines.append("")
        lines.append("Att åtgärda:")
        lines.extend(f"  ! {p['message']}" for p in doc["problems"])
    return "\n".join(lines)


def _party_table(parties: list[dict[str, Any]]) -> list[str]:
    if not parties:
        return ["Inga parter ännu; lägg till dem med `formation party add NAMN --kind TYP`."]
    name_width = max(len("Part"), *(len(p["name"]) for p in parties))
    header = f"{'Part':<{name_width}}  {'Typ':<6}  {'Steg':<12}  {'Läge':<56}  Överklagandetid t.o.m."
    rows = [header, "-" * len(header)]
    for party in parties:
        marks = "".join(MARKS[s["status"]] for s in party["steps"])
        appeal = party["appeal_ends_on"] or ""
        kind = KIND_LABELS.get(party["kind"], party["kind"])
        rows.append(
            f"{party['name']:<{name_width}}  {kind:<6}  {marks:<12}  {party_state_text(party):<56}  {appeal}".rstrip()
        )
    return rows
