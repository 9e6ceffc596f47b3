"""The events table: append-only, read as plain rows (no ORM objects) and decoded by the one codec."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session

from formation.case.codec import decode, encode
from formation.case.events import Envelope
from formation.store.tables import EventRow

_EVENTS = EventRow.__table__  # type: ignore[attr-defined]
# Stored column -> wire key; the table names the decision's date `decided_on`.
_RENAMED = {"decided_on": "date"}


def load(*, session: Session, case_id: int, until_seq: int | None = None) -> list[Envelope]:
    query = select(_EVENTS).where(_EVENTS.c.case_id == case_id).order_by(_EVENTS.c.seq)
    if until_seq is not None:
        query = query.where(_EVENTS.c.seq <= until_seq)
    return [decode(_wire(row._mapping)) for row in session.connection().execute(query)]


def load_wire(*, session: Session, case_id: int) -> list[dict[str, Any]]:
    """The stored form of every event, as exported and as `log --json` prints it."""
    query = select(_EVENTS).where(_EVENTS.c.case_id == case_id).order_by(_EVENTS.c.seq)
    return [_wire(row._mapping) for row in session.connection().execute(query)]


def _wire(row: Any) -> dict[str, Any]:
    wire: dict[str, Any] = {}
    for key, value in row.items():
        if key in ("id", "case_id"):
            continue
        key = _RENAMED.get(key, key)
        wire[key] = value.isoformat() if isinstance(value, date) else value
    wire["data"] = dict(wire.get("data") or {})
    return wire


def next_seq(*, session: Session, case_id: int) -> int:
    last = session.connection().execute(select(func.max(_EVENTS.c.seq)).where(_EVENTS.c.case_id == case_id)).scalar()
    return int(last or 0) + 1


def append(*, session: Session, case_id: int, envelopes: Sequence[Envelope]) -> None:
    if not envelopes:
        return
    rows = []
    for envelope in envelopes:
        wire = encode(envelope)
        row = {("decided_on" if k == "date" else k): v for k, v in wire.items()}
        row["recorded_at"] = envelope.recorded_at
        for column in ("decided_on", "anslag"):
            if row[column] is not None:
                row[column] = date.fromisoformat(row[column])
        row["case_id"] = case_id
        rows.append(row)
    session.connection().execute(insert(_EVENTS), rows)
