"""The log's recorded_at is read without parsing when SQLite gives its usual form; it must equal the parse."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from formation.store.event_store import _utc_isoformat


def _parsed(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).isoformat()


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)))
def test_sqlite_text_reads_as_the_parse_would(moment: datetime) -> None:
    stored = moment.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite storage format
    assert _utc_isoformat(stored) == _parsed(moment)
    assert _utc_isoformat(moment) == _parsed(moment)
    assert _utc_isoformat(moment.replace(tzinfo=UTC)) == _parsed(moment)
