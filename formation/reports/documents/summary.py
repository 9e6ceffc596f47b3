"""The one summary paragraph at the top of the snapshot: formed or not, who approved which version, what is
left, and when the förbund can be formed."""

from __future__ import annotations

from formation.reports.documents.model import PartyRow, SnapshotData
from formation.reports.documents.text import count_word, day, join_names


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _next_step(party: PartyRow) -> str:
    step = next((s for s in party.steps if s.status == "pending"), None)
    if step is None:
        return party.name
    planned = f", planerat {day(step.planned_on)}" if step.planned_on else ""
    return f"{party.name} ({step.label}{planned})"


def summary_paragraph(data: SnapshotData) -> str:
    """Swedish, three to six sentences."""
    members = data.members
    n = len(members)
    version = data.pending_version or data.fo_version
    amending = data.formed and data.pending_version is not None
    sentences: list[str] = []
    if data.formed:
        sentences.append(f"{data.name} är bildat sedan den {day(data.formed_on)}.")
        if amending:
            sentences.append(f"Förbundsordningen version {data.fo_version} gäller.")
        elif data.fo_version is not None and n and all(p.approved_version is not None for p in members):
            sentences.append(
                f"Samtliga {count_word(n)} medlemmar har godkänt förbundsordningen version {data.fo_version}."
            )
    elif data.formed_on is not None:
        sentences.append(
            f"Samtliga {count_word(n)} medlemmar har godkänt förbundsordningen version {version}; "
            f"{data.name} bildas den {day(data.formed_on)}."
        )
    else:
        sentences.append(f"{data.name} är ännu inte bildat.")
    if version is None:
        sentences.append("Någon förbundsordning är ännu inte registrerad.")
        return " ".join(sentences)

    approved = [p for p in members if p.approved_version == version]
    older = [p for p in members if p.approved_version is not None and p.approved_version != version]
    rejected = [p for p in members if p.state == "rejected"]
    waiting = [p for p in members if p not in approved and p not in rejected]
    joining = [p for p in members if p.joining]
    label = "den ändrade förbundsordningen" if amending else "förbundsordningen"
    undecided = (not data.formed and data.formed_on is None) or (amending and data.pending_effective_on is None)
    if amending and joining:
        sentences.append(f"Den ändrade förbundsordningen tar in {join_names([p.name for p in joining])} som ny medlem.")
    if undecided:
        names = f" ({join_names([p.name for p in approved])})" if approved and len(approved) < n else ""
        if approved:
            sentences.append(
                f"{_cap(count_word(len(approved)))} av {count_word(n)} medlemmar har godkänt {label} "
                f"version {version}{names}."
            )
        else:
            sentences.append(f"Ingen av de {count_word(n)} medlemmarna har ännu godkänt {label} version {version}.")
        if older and not amending:
            sentences.append(
                f"{join_names([p.name for p in older])} har godkänt en tidigare version och behöver besluta på nytt."
            )
        if waiting:
            sentences.append(f"Kvar är beslut hos {join_names([_next_step(p) for p in waiting])}.")
    elif amending and data.pending_effective_on is not None:
        sentences.append(
            f"Den ändrade förbundsordningen version {version} är godkänd av alla och gäller från den "
            f"{day(data.pending_effective_on)}."
        )
    if rejected:
        sentences.append(f"{join_names([p.name for p in rejected])} har avslagit förslaget.")
    if data.plan is not None and data.plan.projected_formed_on is not None and undecided:
        verb = "kan den ändrade förbundsordningen gälla från" if amending else "kan förbundet bildas"
        sentences.append(f"Med de planerade sammanträdena {verb} den {day(data.plan.projected_formed_on)}.")
    if not data.formed and data.target_start is not None:
        sentences.append(f"Planerad start är den {day(data.target_start)}.")
    if data.final_on is not None:
        if data.final_on <= data.as_of:
            sentences.append(f"Medlemmarnas beslut har vunnit laga kraft den {day(data.final_on)}.")
        else:
            sentences.append(
                f"Medlemmarnas beslut vinner laga kraft den {day(data.final_on)} om de inte överklagas."
            )
    return " ".join(sentences)
