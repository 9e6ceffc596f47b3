"""`formation log` as a coordinator reads it: one line per event, with names and labels, corrections and voids
shown beside what they amend."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import assert_never

from formation.case.events import (
    AppealDecided,
    AppealFiled,
    BoardSeatAdded,
    BoardSeatRemoved,
    BodyNamed,
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
from formation.case.history import resolve
from formation.case.projection import CaseProjection
from formation.case.reducer import apply, new_projection
from formation.domain.labels import (
    APPEAL_OUTCOME_LABELS,
    EVENT_TYPE_LABELS,
    KIND_LABELS,
    OUTCOME_LABELS,
    field_label,
    outcome_label,
    role_label,
)
from formation.domain.names import slugify
from formation.domain.outcomes import AppealOutcome, Outcome
from formation.errors import Refusal
from formation.schedule.policy import current_policy


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


_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def describe(event: Event, names: Names) -> str:
    """One event in Swedish, on one line: a note or reason may hold line breaks and tabs (they are kept in the
    event), which would break the log's columns."""
    return _LINE_BREAKS.sub(" ", _describe(event, names))


def _describe(event: Event, names: Names) -> str:
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
        case BodyNamed():
            if not event.name:
                return f"{names.party(event.party)}: {event.body} utan eget namn"
            return f"{names.party(event.party)}: {event.body} heter {event.name}"
        case EventCorrected():
            changes = ", ".join(
                f"{field_label(key)} → {_corrected_value(key, value)}" for key, value in event.changes.items()
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
        paragraph_text(event.paragraph),
        f"dnr {event.dnr}" if event.dnr else "",
        f"anslag {event.anslag}" if event.anslag else "",
    ]
    detail = ", ".join(x for x in extras if x)
    note = f" — {event.note}" if event.note else ""
    step = names.step(event.party, event.step)
    return (
        f"{names.party(event.party)}: {step} {outcome_label(event.outcome)}" + (f" ({detail})" if detail else "") + note
    )


def _corrected_value(key: str, value: object) -> str:
    """A corrected value as the log shows the field elsewhere: an outcome in words, a § as "§ 45"."""
    if value is None:
        return "(tomt)"
    if key == "outcome" and value in OUTCOME_VALUES:
        return OUTCOME_LABELS[Outcome(value)]
    if key == "outcome" and value in APPEAL_OUTCOME_VALUES:
        return APPEAL_OUTCOME_LABELS[AppealOutcome(value)]
    if key == "paragraph":  # "§ → 45", not "§ → § 45"
        return str(value).strip().lstrip("§").strip()
    if key == "fo_version":
        return f"v{value}"
    return str(value)


OUTCOME_VALUES = {o.value for o in Outcome}
APPEAL_OUTCOME_VALUES = {o.value for o in AppealOutcome}


def paragraph_text(paragraph: str | None) -> str:
    """ "§ 45" whether the user wrote "45", "§ 45" or "§45"."""
    if not paragraph:
        return ""
    return f"§ {paragraph.strip().lstrip('§').strip()}"


def event_types(word: str) -> set[str]:
    """The event types a `--type` word names: a type key (`decision`) or its Swedish label (`beslut`),
    or a unique beginning of either."""
    wanted = slugify(word).replace("-", "_")
    keys = {key: slugify(label).replace("-", "_") for key, label in EVENT_TYPE_LABELS.items()}
    exact = {key for key, label in keys.items() if wanted in (key, label)}
    if exact:
        return exact
    prefixed = {key for key, label in keys.items() if wanted and (key.startswith(wanted) or label.startswith(wanted))}
    if len(prefixed) == 1:
        return prefixed
    listed = ", ".join(f"{label} ({key})" for key, label in EVENT_TYPE_LABELS.items())
    if prefixed:
        candidates = ", ".join(EVENT_TYPE_LABELS[key] for key in sorted(prefixed))
        raise Refusal(f"'{word}' kan vara flera typer av händelser: {candidates}.", code="ambiguous_type")
    raise Refusal(f"Okänd typ av händelse '{word}'; välj en av {listed}.", code="unknown_type")


def filter_log(
    log: Sequence[Envelope],
    *,
    party: str | None = None,
    types: set[str] | None = None,
    since: date | None = None,
) -> list[Envelope]:
    """The events that concern `party` (its slug), are of one of `types`, and took effect (or, undated, were
    recorded) on or after `since`. A correction or void goes with the event it names."""
    by_seq = {e.seq: e for e in log}

    def subject(envelope: Envelope) -> Envelope:
        event = envelope.event
        if isinstance(event, EventCorrected | EventVoided) and event.target in by_seq:
            return by_seq[event.target]
        return envelope

    kept = []
    for envelope in log:
        concerned = subject(envelope)
        if party is not None and concerned.party != party:
            continue
        if types is not None and envelope.type not in types and concerned.type not in types:
            continue
        day = envelope.effective_on or local_time(envelope.recorded_at).date()
        if since is not None and day < since:
            continue
        kept.append(envelope)
    return kept


def local_time(moment: datetime) -> datetime:
    """A recorded instant (stored in UTC) in the coordinator's time zone (the config's `[reminders] timezone`,
    Europe/Stockholm by default): a correction made at 00:30 one night belongs to that day, not the one before."""
    return moment.astimezone(current_policy().zone)


def log_day(envelope: Envelope) -> date | None:
    """The day the log shows for an event: the day it took effect, and for a correction or a striking (which
    take effect when made) the local day it was recorded; None for an undated event (a meeting, a contact)."""
    if isinstance(envelope.event, EventCorrected | EventVoided):
        return local_time(envelope.recorded_at).date()
    return envelope.effective_on if isinstance(envelope.effective_on, date) else None


def consequences(log: Sequence[Envelope]) -> dict[int, list[str]]:
    """What an event did to the case beyond itself, by its seq: the förbund formed, a version came into force,
    approvals that no longer count because a new version was added or a court annulled them."""
    case = new_projection()
    notes: dict[int, list[str]] = {}
    for envelope in resolve(log):
        approved = {slug: p.approved_version for slug, p in case.parties.items() if p.approved}
        formed_on, in_force = case.formed_on, case.in_force_version
        try:
            apply(case, envelope)
        except Refusal:
            continue
        lines = notes.setdefault(envelope.seq, [])
        # A start date the förbundsordning names may lie after the last approval: then it is formed, or the
        # version applies, from that day, not from the decision's.
        said_on = envelope.effective_on
        if formed_on is None and case.formed_on is not None and not isinstance(envelope.event, ForbundsordningAdded):
            version = case.in_force_version
            start = case.versions[version].start_date if version is not None else None
            if start is not None and case.formed_on == start and said_on is not None and start > said_on:
                when = f"bildas {start}, den start som förbundsordningen anger"
            else:
                when = f"är bildat {case.formed_on}"
            lines.append(f"Förbundet {when}: alla medlemmar har godkänt förbundsordningen v{version}.")
        elif formed_on is not None and case.in_force_version != in_force and case.in_force_version is not None:
            start = case.versions[case.in_force_version].start_date
            later = start is not None and said_on is not None and start > said_on
            applies = f"gäller från {start}" if later else "gäller"
            lines.append(f"Förbundsordningen v{case.in_force_version} är godkänd av alla medlemmar och {applies}.")
        lost = [
            f"{case.parties[slug].info.name} (v{version})"
            for slug, version in approved.items()
            if slug in case.parties and not case.parties[slug].approved
        ]
        if lost and isinstance(envelope.event, ForbundsordningAdded):
            lines.append(
                f"Godkännanden som inte längre räknas: {', '.join(lost)}; de behöver godkänna v{envelope.event.number}."
            )
        elif lost:
            lines.append(f"Godkännandet räknas inte längre: {', '.join(lost)} behöver besluta på nytt.")
        if not lines:
            del notes[envelope.seq]
    return notes


def render_log(log: Sequence[Envelope], projection: CaseProjection, *, shown: Sequence[Envelope] | None = None) -> str:
    """The log, one line per event; `shown` (a filtered part of `log`) limits the lines printed."""
    names = Names(projection, log)
    notes = consequences(log)
    struck = {e.event.target: e.seq for e in log if isinstance(e.event, EventVoided)}
    amended: dict[int, list[int]] = {}
    for envelope in log:
        if isinstance(envelope.event, EventCorrected):
            amended.setdefault(envelope.event.target, []).append(envelope.seq)
    lines = []
    for envelope in log if shown is None else shown:
        shown_day = log_day(envelope)
        day = shown_day.isoformat() if shown_day is not None else " " * 10
        recorded = local_time(envelope.recorded_at).strftime("%Y-%m-%d %H:%M")
        marks = []
        if envelope.seq in struck:
            marks.append(f"struken i {struck[envelope.seq]}")
        if envelope.seq in amended:
            marks.append("rättad i " + ", ".join(str(n) for n in amended[envelope.seq]))
        mark = f" [{'; '.join(marks)}]" if marks else ""
        lines.append(
            f"{envelope.seq:>4}  {day}  {describe(envelope.event, names)}{mark}  ({envelope.actor}, {recorded})"
        )
        lines.extend(f"{'':>4}  {'':10}  → {note}" for note in notes.get(envelope.seq, []))
    if not lines:
        return "Inga händelser ännu." if shown is None or not log else "Inga händelser i urvalet."
    return "\n".join(lines)


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
