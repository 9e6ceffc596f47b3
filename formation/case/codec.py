"""The one codec between typed events and their stored form (event rows, exports, `log --json`).

The stored form is flat: `seq`, `type`, `actor`, `recorded_at`, the columns in `events.COLUMNS`, and `data` for
everything else. Each event class declares where its fields go (`events.wire`); this module reads those
declarations, so an event's shape is written down exactly once. Decoding checks every value's type and
refuses with one Swedish sentence, since an export file is user input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import types
import typing
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from formation.case.events import BY_TYPE, COLUMNS, UNSET, Envelope, Event, Unset
from formation.domain.text import shown
from formation.errors import Refusal

Wire = dict[str, Any]


class CodecError(Refusal):
    """A stored or imported event that does not have the shape its type requires."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="bad_event")


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    places: tuple[str, ...]
    kinds: tuple[Any, ...]  # the union members of the annotation
    required: bool
    simple: Any = None  # str, int or bool when that is the field's only stored type: checked without _convert


_FIELDS: dict[str, tuple[_Field, ...]] = {}


def _fields(cls: type[Any]) -> tuple[_Field, ...]:
    cached = _FIELDS.get(cls.TYPE)
    if cached is None:
        cached = _FIELDS[cls.TYPE] = _read_fields(cls)
    return cached


def _read_fields(cls: type[Any]) -> tuple[_Field, ...]:
    hints = typing.get_type_hints(cls)
    result = []
    for f in dataclasses.fields(cls):
        places = tuple(f.metadata.get("wire", ())) or ("data",)
        annotation = hints[f.name]
        kinds = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        stored = [k for k in kinds if k is not type(None) and k is not Unset]
        simple = stored[0] if len(stored) == 1 and stored[0] in (str, int, bool) else None
        result.append(_Field(f.name, places, kinds, required, simple))
    return tuple(result)


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


# ---- encoding ------------------------------------------------------------------------------------------


def encode(envelope: Envelope) -> Wire:
    """The stored form of an event, JSON-ready."""
    wire: Wire = {
        "seq": envelope.seq,
        "type": envelope.type,
        "actor": envelope.actor,
        "recorded_at": envelope.recorded_at.isoformat(),
    }
    wire.update(encode_event(envelope.event))
    return wire


def encode_event(event: Event, *, native_dates: bool = False) -> Wire:
    """The columns and `data` of one event (without seq, actor and time). With `native_dates`, dates in
    columns stay dates (for the event table's date columns); `data` is always JSON-ready."""
    wire: Wire = dict.fromkeys(COLUMNS)
    data: dict[str, Any] = {}
    for f in _fields(type(event)):
        value = getattr(event, f.name)
        if value is UNSET:
            continue
        stored = _to_json(value)
        for place in f.places:
            if place == "data":
                data[f.name] = stored
            else:
                wire[place] = value if native_dates and isinstance(value, dt.date) else stored
    wire["data"] = data
    return wire


def _to_json(value: Any) -> Any:
    if value is None or type(value) is str or type(value) is int or type(value) is bool:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# ---- decoding ------------------------------------------------------------------------------------------


def decode(wire: Any) -> Envelope:
    """An event from its stored form; CodecError names the first thing that does not fit."""
    if not isinstance(wire, dict):
        raise CodecError("En händelse är inte ett JSON-objekt.")
    seq = wire.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise CodecError("En händelse saknar ett giltigt löpnummer (seq).")
    where = f"Händelse {seq}"
    type_name = wire.get("type")
    actor = wire.get("actor")
    if not isinstance(actor, str):
        raise CodecError(f"{where} saknar uppgift om vem som registrerade den (actor).")
    recorded = wire.get("recorded_at")
    try:
        recorded_at = dt.datetime.fromisoformat(recorded) if isinstance(recorded, str) else None
    except ValueError:
        recorded_at = None
    if recorded_at is None:
        raise CodecError(f"{where} saknar en giltig registreringstid (recorded_at).")
    return Envelope(seq=seq, actor=actor, recorded_at=recorded_at, event=decode_event(type_name, wire, where))


_ABSENT = object()
_DATA_KEYS: dict[str, frozenset[str]] = {}


def _in_data(cls: type[Any]) -> frozenset[str]:
    """The names of the fields an event type keeps in `data`."""
    cached = _DATA_KEYS.get(cls.TYPE)
    if cached is None:
        cached = _DATA_KEYS[cls.TYPE] = frozenset(f.name for f in _fields(cls) if "data" in f.places)
    return cached


def decode_event(type_name: Any, wire: Wire, where: str = "Händelsen") -> Event:
    cls = BY_TYPE.get(type_name) if isinstance(type_name, str) else None
    if cls is None:
        raise CodecError(f"{where} har en okänd typ ({_shown(type_name)}).")
    data = wire.get("data") or {}
    if not isinstance(data, dict):
        raise CodecError(f"{where}: fältet data är inte ett objekt.")
    fields = _fields(cls)
    known = _in_data(cls)
    if not known.issuperset(data):
        unknown = sorted(str(k) for k in data if k not in known)
        raise CodecError(f"{where} ({cls.TYPE}) har okända fält: {', '.join(unknown)}.")
    values: dict[str, Any] = {}
    for f in fields:
        # The first place that holds the field: in `data` when the key is there, in a column when not null.
        value: Any = _ABSENT
        for place in f.places:
            if place == "data":
                if f.name in data:
                    value = data[f.name]
                    break
            else:
                column = wire.get(place)
                if column is not None:
                    value = column
                    break
        if value is _ABSENT:
            if Unset in f.kinds:
                values[f.name] = UNSET
            elif f.required:
                raise CodecError(f"{where} ({cls.TYPE}) saknar fältet {f.name}.")
            continue
        simple = f.simple
        if simple is not None and type(value) is simple and (simple is not int or abs(value) < 2**63):
            values[f.name] = value  # most values: what _from_json would return, without the call
        else:
            values[f.name] = _from_json(value, f, where)
    try:
        event: Event = cls(**values)
    except (TypeError, ValueError) as exc:  # pragma: no cover - the checks above cover the fields
        raise CodecError(f"{where} ({cls.TYPE}) har fel form.") from exc
    return event


def _from_json(value: Any, f: _Field, where: str) -> Any:
    simple = f.simple
    if simple is not None and type(value) is simple and (simple is not int or abs(value) < 2**63):
        return value  # what _convert returns for it
    if value is None:
        if type(None) in f.kinds or not f.required:
            return None
        raise CodecError(f"{where}: fältet {f.name} saknar värde.")
    for kind in f.kinds:
        converted = _convert(value, kind)
        if converted is not _NO:
            return converted
    raise CodecError(f"{where}: fältet {f.name} har ett ogiltigt värde ({_shown(value)}).")


_NO = object()


def _convert(value: Any, kind: Any) -> Any:  # noqa: PLR0911 - one branch per stored type
    if kind is type(None) or kind is Unset:
        return _NO
    if kind is bool:
        return value if isinstance(value, bool) else _NO
    if kind is int:
        return value if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63 else _NO
    if kind is str:
        return value if isinstance(value, str) else _NO
    if kind is dt.date:
        if not isinstance(value, str):
            return _NO
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return _NO
    if kind is Decimal:
        if not isinstance(value, str | int) or isinstance(value, bool):
            return _NO
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return _NO
        return number if number.is_finite() else _NO
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(value)
        except ValueError:
            return _NO
    if typing.get_origin(kind) is dict or kind is dict:
        return value if isinstance(value, dict) else _NO
    if isinstance(value, float) and not math.isfinite(value):  # pragma: no cover - no float fields
        return _NO
    return _NO


def _shown(value: Any) -> str:
    """A short, printable rendering of a bad value for a message."""
    return shown(repr(value), 40)
