"""`formation log` as a coordinator reads it: one line per event, with names and labels, corrections and voids
shown beside what they amend."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import assert_never

from formation.case.events import (
    AppealDecided,
    AppealFiled,
    BoardSeatAdded,
    BoardSeatRemoved,
    CaseCreated,
    ContactAdded,
    ContactRemoved,
    DeadlineSet,
    DecisionRecorded,
    Envelope,
    Event,
    EventCorrected,
    EventVoided,
    ForbundsordningAdded,
    MeetingAdded,
    MeetingRemoved,
    NoticeGiven,
    PartyAdded,
    PartyUpdated,
    StepSkipped,
    WorkflowChanged,
    WorkflowUpgraded,
)
from formation.case.projection import CaseProjection
from formation.domain.labels import APPEAL_OUTCOME_LABELS, KIND_LABELS, outcome_label, role_label


class Names:
    """Party names and step labels for the log, from the case as it stands (falling back to the ids)."""

    def __init__(self, projection: CaseProjection, log: Sequence[Envelope]) -> None:
        self.parties = {slug: p.info.name for slug, p in projection.parties.items()}
        for envelope in log:  # a voided party is gone from the projection but not from the log
            if isinstance(envelope.event, PartyAdded):
                self.parties.setdefault(envelope.event.slug, envelope.event.name)
        self.steps = {
            (slug, step.id): step.label for slug, p in projection.parties.items() for step in p.workflow.steps
        }

    def party(self, slug: str) -> str:
        return self.parties.get(slug, slug)

    def step(self, slug: str, step: str) -> str:
        return self.steps.get((slug, step), step)


def describe(event: Event, names: Names) -> str:
    """One event in Swedish."""
    match event:
        case CaseCreated():
            return f"Ärendet '{event.name}' skapades"
        case PartyAdded():
            role = " (adjungerad)" if event.observer else ""
            since = f", medlem sedan {event.member_since}" if event.member_since else ""
            return f"Part tillagd: {event.name} ({KIND_LABELS[event.kind].lower()}){role}{since}"
        case PartyUpdated():
            return f"{names.party(event.party)}: uppgifter ändrade"
        case ForbundsordningAdded():
            start = f", start {event.start_date}" if event.start_date else ""
            force = " (gällande)" if event.in_force else ""
            return f"Förbundsordning v{event.number}{force} från {event.filename}{start}"
        case DecisionRecorded():
            return _decision(event, names)
        case StepSkipped():
            return f"{names.party(event.party)}: {names.step(event.party, event.step)} ej aktuellt — {event.reason}"
        case WorkflowChanged():
            source = f" från {event.file}" if event.file else ""
            return f"{names.party(event.party)}: egen beslutsgång{source}"
        case WorkflowUpgraded():
            return f"Ärendet flyttat till mallen {event.template.get('name')} version {event.template.get('version')}"
        case AppealFiled():
            who = f" av {event.appellant}" if event.appellant else ""
            return f"{names.party(event.party)}: beslutet överklagat{who}"
        case AppealDecided():
            return f"{names.party(event.party)}: överklagandet {APPEAL_OUTCOME_LABELS[event.outcome]}"
        case NoticeGiven():
            return f"{names.party(event.party)}: uppsägning av medlemskapet ({event.years} års uppsägningstid)"
        case BoardSeatAdded():
            return (
                f"{names.party(event.party)}: {event.person} {role_label(event.role)} i styrelsen "
                f"{event.term_start}–{event.term_end}"
            )
        case BoardSeatRemoved():
            return f"{names.party(event.party)}: {event.person} lämnar styrelsen"
        case MeetingAdded() | MeetingRemoved() | ContactAdded() | ContactRemoved() | DeadlineSet():
            return _schedule(event, names)
        case EventCorrected():
            changes = ", ".join(
                f"{key} → {value if value is not None else '(tomt)'}" for key, value in event.changes.items()
            )
            return f"Rättelse av händelse {event.target}: {changes} — {event.reason}"
        case EventVoided():
            return f"Händelse {event.target} struken — {event.reason}"
        case _:
            assert_never(event)


def _decision(event: DecisionRecorded, names: Names) -> str:
    extras = [
        f"v{event.fo_version}" if event.fo_version else "",
        event.body or "",
        f"§ {event.paragraph.lstrip('§ ')}" if event.paragraph else "",
        f"dnr {event.dnr}" if event.dnr else "",
        f"anslag {event.anslag}" if event.anslag else "",
    ]
    detail = ", ".join(x for x in extras if x)
    note = f" — {event.note}" if event.note else ""
    step = names.step(event.party, event.step)
    return (
        f"{names.party(event.party)}: {step} {outcome_label(event.outcome)}" + (f" ({detail})" if detail else "") + note
    )


def render_log(log: Sequence[Envelope], projection: CaseProjection) -> str:
    names = Names(projection, log)
    struck = {e.event.target: e.seq for e in log if isinstance(e.event, EventVoided)}
    amended: dict[int, list[int]] = {}
    for envelope in log:
        if isinstance(envelope.event, EventCorrected):
            amended.setdefault(envelope.event.target, []).append(envelope.seq)
    lines = []
    for envelope in log:
        day = envelope.effective_on.isoformat() if isinstance(envelope.effective_on, date) else " " * 10
        recorded = envelope.recorded_at.strftime("%Y-%m-%d %H:%M")
        marks = []
        if envelope.seq in struck:
            marks.append(f"struken i {struck[envelope.seq]}")
        if envelope.seq in amended:
            marks.append("rättad i " + ", ".join(str(n) for n in amended[envelope.seq]))
        mark = f" [{'; '.join(marks)}]" if marks else ""
        lines.append(
            f"{envelope.seq:>4}  {day}  {describe(envelope.event, names)}{mark}  ({envelope.actor}, {recorded})"
        )
    return "\n".join(lines) if lines else "Inga händelser ännu."


def _schedule(event: MeetingAdded | MeetingRemoved | ContactAdded | ContactRemoved | DeadlineSet, names: Names) -> str:
    match event:
        case MeetingAdded() | MeetingRemoved():
            whose = f" ({names.party(event.party)})" if event.party else ""
            verb = "sammanträder" if isinstance(event, MeetingAdded) else "sammanträder inte"
            return f"{event.body}{whose} {verb} {event.on}"
        case ContactAdded():
            role = f", {event.role}" if event.role else ""
            return f"{names.party(event.party)}: kontakt {event.name}{role}"
        case ContactRemoved():
            return f"{names.party(event.party)}: en kontakt borttagen"
        case DeadlineSet():
            step = names.step(event.party, event.step)
            if event.on is None:
                return f"{names.party(event.party)}: {step}, sista dag enligt planen"
            return f"{names.party(event.party)}: {step}, sista dag {event.on}"
