"""The history as it now reads, and replay: a fold of the reducer over it.

Corrections and voids never rewrite the log. `resolve` reads the log the way the case now stands: each
correction applied to the event it names, each voided event left out. Replay folds the reducer over that.
"As of day D" is the same fold over the events that had taken effect by D.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from formation.case.codec import decode_event, encode_event
from formation.case.events import COLUMNS, DomainEvent, Envelope, EventCorrected, EventVoided
from formation.case.projection import CaseProjection
from formation.case.reducer import apply, new_projection
from formation.errors import Refusal


class HistoryRefusal(Refusal):
    """A stored event that does not fit the history before it (after a correction, or a hand-edited import)."""

    def __init__(self, seq: int, refusal: Refusal) -> None:
        super().__init__(
            f"Händelse {seq} passar inte i historiken: {refusal.message}",
            code=refusal.code,
            seq=seq,
            **refusal.facts,
        )
        self.seq = seq
        self.refusal = refusal


def resolve(envelopes: Iterable[Envelope]) -> list[Envelope]:
    """The domain events as they now read: corrected where a correction names them, voided ones left out."""
    log = list(envelopes)
    voided = {e.event.target for e in log if isinstance(e.event, EventVoided)}
    changes: dict[int, dict[str, Any]] = {}
    for envelope in log:
        event = envelope.event
        if isinstance(event, EventCorrected) and envelope.seq not in voided:
            changes.setdefault(event.target, {}).update(event.changes)
    result = []
    for envelope in log:
        if isinstance(envelope.event, EventCorrected | EventVoided) or envelope.seq in voided:
            continue
        if envelope.seq in changes:
            envelope = replace(envelope, event=corrected(envelope.event, changes[envelope.seq], seq=envelope.seq))
        result.append(envelope)
    return result


def corrected(event: Any, changes: dict[str, Any], *, seq: int) -> DomainEvent:
    """`event` with `changes` (stored field names and stored values) applied, checked by the codec."""
    wire = encode_event(event)
    wire["data"] = copy.deepcopy(wire["data"])
    for key, value in changes.items():
        if key in COLUMNS:
            wire[key] = value
        else:
            wire["data"][key] = value
    result = decode_event(event.TYPE, wire, f"Rättelsen av händelse {seq}")
    assert not isinstance(result, EventCorrected | EventVoided)
    return result


def in_effect(envelope: Envelope, day: date) -> bool:
    """Whether a view "as of `day`" includes this event; undated changes of structure always count."""
    effective = envelope.effective_on
    return effective is None or effective <= day


def replay(envelopes: Sequence[Envelope], *, as_of: date | None = None, strict: bool = False) -> CaseProjection:
    """Rebuild the projection from the log. With `strict`, the first event that does not fit raises a
    HistoryRefusal (imports, corrections, `doctor`); otherwise it is passed over, so that a read never fails
    on stored data (history entered out of order, or recorded under an older rule, stays readable)."""
    case = new_projection()
    for envelope in resolve(envelopes):
        if as_of is not None and not in_effect(envelope, as_of):
            continue
        try:
            apply(case, envelope)
        except Refusal as refusal:
            if strict:
                raise HistoryRefusal(envelope.seq, refusal) from refusal
    return case
