"""The clock is injected: tests and demos fix "today" instead of sleeping or depending on the calendar."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Protocol

from formation.errors import Refusal


class Clock(Protocol):
    """What commands ask about the current time."""

    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class FixedClock:
    """A clock stopped on one day (FORMATION_TODAY, or a test's choice)."""

    day: date

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime.combine(self.day, time(12, 0), tzinfo=UTC)


def clock_from_env() -> Clock:
    """FORMATION_TODAY=YYYY-MM-DD fixes today's date; otherwise the system clock."""
    fixed = os.environ.get("FORMATION_TODAY")
    if not fixed:
        return SystemClock()
    try:
        return FixedClock(date.fromisoformat(fixed))
    except ValueError as exc:
        raise Refusal(f"FORMATION_TODAY='{fixed}' är inget datum; använd formatet ÅÅÅÅ-MM-DD.") from exc
