"""The events table: append-only, read as plain rows (no ORM objects) and decoded by the one codec."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import JSON, Date, DateTime, String, bindparam, func, insert, select, type_coerce

from formation.memory import cycle_collection_paused
from formation.store import schema
from formation.store.uow import Session

if TYPE_CHECKING:
    from formation.case.events import Envelope

_EVENTS = schema.events
# Stored column -> wire key; the table names the decision's date `decided_on`.
_RENAMED = {"decided_on": "date"}


# The stored columns in table order (the order of the keys in `log --json`), without the row's identity.
_STORED = [c for c in _EVENTS.columns if c.name not in ("id", "case_id")]
_KEYS = [str(_RENAMED.get(c.name, c.name)) for c in _STORED]  # plain str: orjson takes no subclass as a key
# Dates, times and the JSON column are read as the driver gives them and converted here: SQLAlchemy's
# per-value processing (a regular expression per timestamp on SQLite) was most of the cost of a long log.
_RAW = [
    type_coerce(c, String).label(c.name) if isinstance(getattr(c.type, "impl", c.type), Date | DateTime | JSON) else c
    for c in _STORED
]


_OF_CASE: Any = _EVENTS.c.case_id == bindparam("case_id")
_LOG = select(*_RAW).where(_OF_CASE).order_by(_EVENTS.c.seq)
# One party's events and every correction and striking (which name their event by number, not by party).
_LOG_OF_PARTY = (
    select(*_RAW)
    .where(_OF_CASE, (_EVENTS.c.party == bindparam("party")) | _EVENTS.c.type.in_(["event_corrected", "event_voided"]))
    .order_by(_EVENTS.c.seq)
)
_LOG_UNTIL = select(*_RAW).where(_OF_CASE, _EVENTS.c.seq <= bindparam("until_seq")).order_by(_EVENTS.c.seq)
_LAST_SEQ = select(func.max(_EVENTS.c.seq)).where(_OF_CASE)


def load(*, session: Session, case_id: int, until_seq: int | None = None, party: str | None = None) -> list[Envelope]:
    """The case's events in order; with `party`, only those about that party, and the corrections and strikings
    (enough to read that party's history as corrected: a correction never moves an event to another party)."""
    from formation.case.codec import decode  # the events' classes: not needed to print the log as stored

    if party is not None:
        rows = session.connection().execute(_LOG_OF_PARTY, {"case_id": case_id, "party": party}).all()
    elif until_seq is None:
        rows = session.connection().execute(_LOG, {"case_id": case_id}).all()
    else:
        rows = session.connection().execute(_LOG_UNTIL, {"case_id": case_id, "until_seq": until_seq}).all()
    with cycle_collection_paused():
        return [decode(_wire(row)) for row in rows]


def load_wire(*, session: Session, case_id: int) -> list[dict[str, Any]]:
    """The stored form of every event, as exported and as `log --json` prints it."""
    rows = session.connection().execute(_LOG, {"case_id": case_id}).all()
    with cycle_collection_paused():
        return [_wire(row) for row in rows]


def _wire(row: Any) -> dict[str, Any]:
    wire = dict(zip(_KEYS, row, strict=True))
    wire["recorded_at"] = _utc_isoformat(wire["recorded_at"])
    for key in _DATE_KEYS:
        value = wire[key]
        if value is not None and type(value) is not str:
            wire[key] = value.isoformat()  # PostgreSQL gives dates; SQLite gives their isoformat() already
    data = wire["data"]
    wire["data"] = (orjson.loads(data) if type(data) is str else dict(data or {})) or {}
    return wire


_DATE_KEYS = ("date", "anslag")


def _utc_isoformat(recorded: Any) -> str:
    """SQLite keeps "YYYY-MM-DD HH:MM:SS.ffffff" in UTC without an offset; the stored form is the isoformat()
    of the time in UTC, as the column's type (store.column_types.UTCDateTime) reads it."""
    if isinstance(recorded, str) and len(recorded) == 26 and recorded[10] == " " and recorded[19] == ".":
        # What the parse below gives, without parsing (isoformat() leaves out a zero fraction).
        time = recorded[11:19] if recorded.endswith("000000") else recorded[11:]
        return f"{recorded[:10]}T{time}+00:00"
    when = datetime.fromisoformat(recorded) if isinstance(recorded, str) else recorded
    when = when.replace(tzinfo=UTC) if when.utcoffset() is None else when.astimezone(UTC)
    return when.isoformat()


def next_seq(*, session: Session, case_id: int) -> int:
    last = session.connection().execute(_LAST_SEQ, {"case_id": case_id}).scalar()
    return int(last or 0) + 1


def append(*, session: Session, case_id: int, envelopes: Sequence[Envelope]) -> None:
    if not envelopes:
        return
    from formation.case.codec import encode_event

    rows = []
    for envelope in envelopes:
        # The codec's stored form, with the date columns as dates (not their isoformat and back).
        row = encode_event(envelope.event, native_dates=True)
        row["decided_on"] = row.pop("date")
        row.update(
            case_id=case_id,
            seq=envelope.seq,
            type=envelope.type,
            actor=envelope.actor,
            recorded_at=envelope.recorded_at,
        )
        rows.append(row)
    connection = session.connection()
    if connection.dialect.name == "sqlite" and len(rows) > 1:
        _insert_sqlite(connection, rows)
    else:
        connection.execute(insert(_EVENTS), rows)


# An import appends tens of thousands of events in one go. SQLAlchemy's executemany prepares every row's
# parameters one value at a time and serialises `data` with the standard library's json, which cost four times
# what SQLite spends storing them; on SQLite the rows are prepared here with the columns' own bind processors,
# `data` written by orjson (the same JSON, compact), and handed to the driver at once.
_INSERTED = [c for c in _EVENTS.columns if c.name != "id"]
_INSERT_SQLITE = (
    f"INSERT INTO {_EVENTS.name} ({', '.join(c.name for c in _INSERTED)}) VALUES ({', '.join('?' for _ in _INSERTED)})"
)
_SQLITE_BINDS: list[tuple[int, Any]] | None = None
"""(position, bind processor) of the inserted columns that need one: times, dates and `data`."""
_INSERTED_VALUES = itemgetter(*(c.name for c in _INSERTED))


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode()


def _insert_sqlite(connection: Any, rows: list[dict[str, Any]]) -> None:
    global _SQLITE_BINDS
    if _SQLITE_BINDS is None:
        dialect = connection.dialect
        processors = [
            _json_text if isinstance(c.type, JSON) else c.type.dialect_impl(dialect).bind_processor(dialect)
            for c in _INSERTED
        ]
        _SQLITE_BINDS = [(index, process) for index, process in enumerate(processors) if process is not None]
    binds = _SQLITE_BINDS
    prepared = []
    for row in rows:
        values = list(_INSERTED_VALUES(row))
        for index, process in binds:
            value = values[index]
            if value is not None:
                values[index] = process(value)
        prepared.append(tuple(values))
    connection.exec_driver_sql(_INSERT_SQLITE, prepared)
