"""The append-only event: one accepted command, as replayed into the projection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from formation.domain.outcomes import Outcome


class EventType(StrEnum):
    """Kinds of accepted command. Values are stored, so never rename one."""

    CASE_CREATED = "case_created"
    PARTY_ADDED = "party_added"
    PARTY_UPDATED = "party_updated"
    FO_ADDED = "fo_added"
    DECISION = "decision"
    SKIP = "skip"
    WORKFLOW_CHANGED = "workflow_changed"
    APPEAL_FILED = "appeal_filed"
    APPEAL_DECIDED = "appeal_decided"
    NOTICE_GIVEN = "notice_given"
    BOARD_SEAT_ADDED = "board_seat_added"
    BOARD_SEAT_REMOVED = "board_seat_removed"


@dataclass(frozen=True)
class EventRecord:
    """One event. `date` is the day it took effect (decision date), None for undated structural events."""

    seq: int
    type: EventType
    actor: str
    recorded_at: dt.datetime
    party: str | None = None
    step: str | None = None
    outcome: Outcome | None = None
    date: dt.date | None = None
    body: str | None = None
    paragraph: str | None = None
    dnr: str | None = None
    fo_version: int | None = None
    anslag: dt.date | None = None
    note: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def in_effect_on(self, day: dt.date) -> bool:
        """Whether a replay "as of `day`" includes this event."""
        return self.date is None or self.date <= day
