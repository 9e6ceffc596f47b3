"""Handlers of the corrections and strikings of recorded events (no I/O, like `handlers`): which stored fields a
correction may change, and which events cannot be struck."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from formation.case.commands import CorrectEvent, VoidEvent
from formation.case.events import DecisionRecorded, Envelope, EventCorrected, EventVoided, ForbundsordningAdded
from formation.case.history import resolve
from formation.domain.labels import EVENT_TYPE_LABELS
from formation.domain.outcomes import StepStatus
from formation.domain.text import NOTE_MAX, clean_text
from formation.errors import Refusal

if TYPE_CHECKING:
    from formation.services.handlers import Context

# Which stored fields a correction may change, per event type; identity (party, step, names) never changes:
# a wrong party or step is voided and recorded again.
CORRECTABLE: dict[str, tuple[str, ...]] = {
    "decision": ("date", "outcome", "body", "paragraph", "dnr", "fo_version", "anslag", "note"),
    "skip": ("date", "note"),
    "fo_added": ("date", "start_date", "formed_on"),
    "appeal_filed": ("date", "appellant", "court"),
    "appeal_decided": ("date", "outcome"),
    "notice_given": ("date", "years"),
    "board_seat_added": ("term_start", "term_end", "fullmaktige"),
    "party_added": ("member_since",),
    "case_created": ("seat", "target_start"),
}
NOT_VOIDABLE = {
    "case_created": "är ärendets början och kan inte strykas",
    "event_voided": "är en strykning och kan inte strykas; registrera den strukna händelsen på nytt om den ska gälla",
}
"""Events that cannot be struck, and why, after 'Händelse N': the case's creation and a striking itself."""


def not_voidable(seq: int | str, event_type: str) -> str:
    """Why event `seq` cannot be struck, in one sentence (the CLI's refusal and the TUI's notice alike)."""
    return f"Händelse {seq} {NOT_VOIDABLE[event_type]}."


def _target(log: Sequence[Envelope], seq: int) -> Envelope:
    target = next((e for e in log if e.seq == seq), None)
    if target is None:
        raise Refusal(f"Det finns ingen händelse {seq} i ärendets logg (1–{len(log)}).", code="unknown_event")
    voided = {e.event.target for e in log if isinstance(e.event, EventVoided)}
    if seq in voided:
        raise Refusal(f"Händelse {seq} är redan struken.", code="event_voided")
    return target


def correct_event(ctx: Context, command: CorrectEvent) -> EventCorrected:
    reason = clean_text(command.reason, "Skälet", NOTE_MAX, multiline=True)
    if not reason:
        raise Refusal("Ange skälet till rättelsen.", code="reason_missing")
    target = _target(ctx.log(), command.seq)
    allowed = CORRECTABLE.get(target.type, ())
    if not command.changes:
        raise Refusal("Ange minst en uppgift att rätta.", code="nothing_to_change")
    what = EVENT_TYPE_LABELS.get(target.type, target.type)
    if isinstance(target.event, EventVoided):  # neither corrected nor struck
        raise Refusal(
            f"Händelse {command.seq} är en strykning och kan varken rättas eller strykas; registrera den strukna "
            "händelsen på nytt om den ska gälla.",
            code="not_correctable",
        )
    for key in command.changes:
        if key not in allowed:
            hint = f"; det som kan rättas är {', '.join(allowed)}" if allowed else "; den kan bara strykas"
            raise Refusal(
                f"Händelse {command.seq} ({what}) har ingen uppgift '{key}' som kan rättas{hint}.",
                code="not_correctable",
                field=key,
            )
    changes: dict[str, Any] = {}
    for key, value in command.changes.items():
        if isinstance(value, date):
            _not_future_if_decision(ctx, key, value)
            changes[key] = value.isoformat()
        elif isinstance(value, str):
            changes[key] = clean_text(value, "Värdet", NOTE_MAX, multiline=key == "note")
        else:
            changes[key] = getattr(value, "value", value)
    return EventCorrected(target=command.seq, changes=changes, reason=reason)


def _not_future_if_decision(ctx: Context, key: str, value: date) -> None:
    # As when a decision is recorded: its date cannot be in the future; an anslag may be known in advance.
    if key == "date":
        ctx.not_future(value, "Datumet")


def void_event(ctx: Context, command: VoidEvent) -> EventVoided:
    reason = clean_text(command.reason, "Skälet", NOTE_MAX, multiline=True)
    if not reason:
        raise Refusal("Ange skälet till att händelsen stryks.", code="reason_missing")
    log = ctx.log()  # read once: the checks below look at it as it now reads
    target = _target(log, command.seq)
    if target.type in NOT_VOIDABLE:
        raise Refusal(not_voidable(command.seq, target.type), code="not_voidable")
    if isinstance(target.event, ForbundsordningAdded):
        standing = resolve(log)
        _latest_version_first(standing, target.event)
        _no_approval_rests_on(ctx, standing, target.event)
    return EventVoided(target=command.seq, reason=reason)


def _latest_version_first(standing: Sequence[Envelope], version: ForbundsordningAdded) -> None:
    """Versions are numbered in order, so only the latest one still counted can be struck (striking v1 under
    v2 would leave a v2 with no v1: the replay refused it in words no coordinator knows). `standing` is the
    log as it now reads (history.resolve)."""
    later = [e for e in standing if isinstance(e.event, ForbundsordningAdded) and e.event.number > version.number]
    if later:
        latest = max(later, key=lambda e: e.seq)
        assert isinstance(latest.event, ForbundsordningAdded)
        raise Refusal(
            f"Förbundsordningen v{version.number} kan inte strykas medan v{latest.event.number} finns kvar; stryk "
            f"först v{latest.event.number} (händelse {latest.seq}), om också den ska bort.",
            code="not_voidable",
        )


def _no_approval_rests_on(ctx: Context, standing: Sequence[Envelope], version: ForbundsordningAdded) -> None:
    """An approval binds to the version current on its day, and a no is a no to it; struck, the version would
    leave them bound to the one before, a text the party never decided on. So those decisions go first."""
    resting = []
    for progress in ctx.projection.parties.values():
        for step_id, record in progress.steps.items():
            said_no = progress.rejected and record.status is StepStatus.REJECTED  # a no to the current version
            if (record.fo_version != version.number or record.outcome is None) and not said_no:
                continue
            seq = max(
                (
                    e.seq
                    for e in standing
                    if isinstance(e.event, DecisionRecorded)
                    and (e.event.party, e.event.step) == (progress.info.slug, step_id)
                ),
                default=None,
            )
            resting.append(f"{progress.info.name} {record.date}" + (f" (händelse {seq})" if seq else ""))
    if resting:
        shown = ", ".join(resting[:3]) + (f" och {len(resting) - 3} till" if len(resting) > 3 else "")
        raise Refusal(
            f"Förbundsordningen v{version.number} kan inte strykas medan beslut om den står kvar: {shown}; stryk "
            "först de besluten, om också de ska bort.",
            code="not_voidable",
        )
