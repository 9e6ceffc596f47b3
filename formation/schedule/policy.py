"""Reminder policy: when, relative to a deadline, reminders go out, and the instant each one is due.

Default: 14, 7 and 1 days before the deadline; once overdue, on the next working day and then weekly. A
reminder falls on a working day (moved earlier before the deadline, later after it) at a fixed local hour in
Europe/Stockholm, so the instant in UTC shifts by an hour across the March and October clock changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from formation.schedule.workdays import next_working_day, previous_working_day

DEFAULT_TIMEZONE = "Europe/Stockholm"


class ReminderKind(StrEnum):
    BEFORE = "before"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ReminderPolicy:
    """What the `[reminders]` section of the config file sets."""

    before_days: tuple[int, ...] = (14, 7, 1)
    overdue_every_days: int = 7  # after the first overdue reminder; 0 sends just that one
    hour: time = time(8, 0)
    timezone: str = DEFAULT_TIMEZONE
    working_days_only: bool = True

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True, order=True)
class ReminderKey:
    """What makes a reminder unique: the outbox's UNIQUE key and the seed of its Message-ID."""

    case: str
    party: str
    step: str
    deadline: date
    offset_days: int  # the nominal day minus the deadline (-14, -7, -1, +1, +8, ...), before any holiday move

    @property
    def text(self) -> str:
        return f"{self.case}/{self.party}/{self.step}/{self.deadline.isoformat()}/{self.offset_days:+d}"

    @property
    def digest(self) -> str:
        """A short stable hash of the key, for Message-IDs and job ids."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class DueReminder:
    """One reminder with the instant it is due."""

    key: ReminderKey
    kind: ReminderKind
    day: date  # the local day it goes out
    due_at: datetime  # aware, in UTC

    @property
    def days_left(self) -> int:
        """Days from the sending day to the deadline; negative once overdue."""
        return (self.key.deadline - self.day).days


def local_instant(day: date, policy: ReminderPolicy) -> datetime:
    """`day` at the policy's local hour, as an aware UTC datetime."""
    return _local_instant(day, policy.hour, policy.timezone)


@lru_cache(maxsize=4096)
def _local_instant(day: date, hour: time, timezone: str) -> datetime:
    # Cached: every deadline of every case asks for the same few dozen days.
    local = datetime.combine(day, hour, tzinfo=ZoneInfo(timezone))
    # Round-tripping through UTC normalises an hour that does not exist locally (spring forward).
    return local.astimezone(UTC)


def reminders_for(
    case: str,
    party: str,
    step: str,
    deadline: date,
    policy: ReminderPolicy,
    *,
    until: date,
    known_from: date | None = None,
) -> list[DueReminder]:
    """Every reminder for one deadline whose day lies in [known_from, until], in order of day.

    Overdue reminders repeat until the step is decided, so the caller bounds them with `until` (today or a
    short horizon). `known_from` is the day the deadline became known: a 14-day reminder for a deadline set
    three days ahead would only confuse. Keys carry the nominal offset, so they depend on neither bound nor
    on holidays: asking again later adds reminders, never changes one.
    """
    days: dict[date, tuple[int, ReminderKind]] = {}
    for before in sorted(set(policy.before_days), reverse=True):
        nominal = deadline - timedelta(days=before)
        day = previous_working_day(nominal) if policy.working_days_only else nominal
        # Two offsets can land on one working day around long holidays; the nearer one is the one to send.
        days[day] = (-before, ReminderKind.BEFORE)
    offset = 1
    while deadline + timedelta(days=offset) <= until:
        nominal = deadline + timedelta(days=offset)
        days.setdefault(
            next_working_day(nominal) if policy.working_days_only else nominal, (offset, ReminderKind.OVERDUE)
        )
        if policy.overdue_every_days <= 0:
            break
        # Counted from the nominal day, not the moved one, so that a holiday does not shift every later week.
        offset += policy.overdue_every_days
    return [
        DueReminder(ReminderKey(case, party, step, deadline, offset), kind, day, local_instant(day, policy))
        for day, (offset, kind) in sorted(days.items())
        if day <= until and (known_from is None or day >= known_from)
    ]


def due_now(reminders: list[DueReminder], now: datetime, *, since: datetime | None = None) -> list[DueReminder]:
    """The reminders due at `now` (and, with `since`, not already due at `since`); the clock is injected."""
    return [r for r in reminders if r.due_at <= now and (since is None or r.due_at > since)]


_POLICY: list[ReminderPolicy] = [ReminderPolicy()]


def configure_policy(policy: ReminderPolicy) -> None:
    """The reminder policy the projector plans with (the config file's [reminders]; default 14/7/1 days)."""
    _POLICY[0] = policy


def current_policy() -> ReminderPolicy:
    return _POLICY[0]


def zone_name(zone: ZoneInfo) -> str:
    """What the reminders' times are in: 'svensk tid' for Europe/Stockholm (the default), else the zone's name,
    so that a configured zone is never hidden."""
    return "svensk tid" if zone.key == DEFAULT_TIMEZONE else zone.key


def local_moment(stamp: str | None, zone: ZoneInfo) -> str:
    """A stored instant (ISO, UTC) as 'ÅÅÅÅ-MM-DD HH:MM' in `zone`, summer or winter time as that day had it;
    '' for none."""
    if not stamp:
        return ""
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:  # the store keeps UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
