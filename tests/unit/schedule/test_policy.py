"""Reminder policy: offsets, working days, overdue repeats, keys, and the local hour across DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from formation.schedule.policy import (
    DueReminder,
    ReminderKey,
    ReminderKind,
    ReminderPolicy,
    due_now,
    local_instant,
    reminders_for,
)
from formation.schedule.workdays import is_working_day

D = date.fromisoformat
POLICY = ReminderPolicy()


def _remind(deadline: date, until: date, policy: ReminderPolicy = POLICY, **kw: date) -> list[DueReminder]:
    return reminders_for("sfs", "stockholms-stad", "fullmaktige", deadline, policy, until=until, **kw)


def test_default_before_reminders_on_working_days() -> None:
    got = _remind(D("2025-03-17"), until=D("2025-03-17"))
    assert [(r.key.offset_days, r.day, r.kind) for r in got] == [
        (-14, D("2025-03-03"), ReminderKind.BEFORE),
        (-7, D("2025-03-10"), ReminderKind.BEFORE),
        (-1, D("2025-03-14"), ReminderKind.BEFORE),  # Sunday 16 March moves back to Friday
    ]
    assert [r.days_left for r in got] == [14, 7, 3]


def test_overdue_next_working_day_then_weekly() -> None:
    # Deadline Friday 19 December: overdue on Monday 22nd, then weekly past Christmas and New Year.
    got = [r for r in _remind(D("2025-12-19"), until=D("2026-01-13")) if r.kind is ReminderKind.OVERDUE]
    assert [(r.key.offset_days, r.day) for r in got] == [
        (1, D("2025-12-22")),
        (8, D("2025-12-29")),
        (15, D("2026-01-05")),
        (22, D("2026-01-12")),
    ]
    assert got[0].days_left == -3


def test_holidays_move_before_reminders_back() -> None:
    got = _remind(D("2025-12-29"), until=D("2025-12-29"))
    assert [r.day for r in got] == [D("2025-12-15"), D("2025-12-22"), D("2025-12-23")]


def test_offsets_on_one_day_collapse_to_the_nearer_one() -> None:
    policy = ReminderPolicy(before_days=(2, 1))
    [only] = _remind(D("2025-03-17"), until=D("2025-03-17"), policy=policy)
    assert (only.key.offset_days, only.day) == (-1, D("2025-03-14"))


def test_configurable_policy_and_known_from() -> None:
    policy = ReminderPolicy(before_days=(3,), overdue_every_days=0, hour=time(9, 30), working_days_only=False)
    got = _remind(D("2025-03-17"), until=D("2025-04-30"), policy=policy)
    assert [(r.key.offset_days, r.day) for r in got] == [(-3, D("2025-03-14")), (1, D("2025-03-18"))]
    assert got[0].due_at == datetime(2025, 3, 14, 8, 30, tzinfo=UTC)
    late = _remind(D("2025-03-17"), until=D("2025-03-17"), known_from=D("2025-03-12"))
    assert [r.key.offset_days for r in late] == [-1]


def test_march_dst_change_keeps_the_local_hour() -> None:
    # Clocks go forward on Sunday 30 March 2025: 08:00 is 07:00 UTC before and 06:00 UTC after.
    got = {r.key.offset_days: r.due_at for r in _remind(D("2025-04-01"), until=D("2025-04-01"))}
    assert got[-7] == datetime(2025, 3, 25, 7, 0, tzinfo=UTC)
    assert got[-1] == datetime(2025, 3, 31, 6, 0, tzinfo=UTC)


def test_october_dst_change_keeps_the_local_hour() -> None:
    # Clocks go back on Sunday 26 October 2025: 08:00 is 06:00 UTC before and 07:00 UTC after.
    got = {r.key.offset_days: r.due_at for r in _remind(D("2025-10-28"), until=D("2025-11-05"))}
    assert got[-7] == datetime(2025, 10, 21, 6, 0, tzinfo=UTC)
    assert got[-1] == datetime(2025, 10, 27, 7, 0, tzinfo=UTC)
    assert got[1] == datetime(2025, 10, 29, 7, 0, tzinfo=UTC)


def test_an_hour_that_does_not_exist_locally_still_gives_one_instant() -> None:
    policy = ReminderPolicy(hour=time(2, 30))
    assert local_instant(D("2025-03-30"), policy) == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)


def test_keys_are_stable_and_distinct() -> None:
    key = ReminderKey("sfs", "stockholms-stad", "fullmaktige", D("2016-02-15"), -7)
    assert key.text == "sfs/stockholms-stad/fullmaktige/2016-02-15/-7"
    assert key.digest == ReminderKey("sfs", "stockholms-stad", "fullmaktige", D("2016-02-15"), -7).digest
    assert key.digest != ReminderKey("sfs", "stockholms-stad", "fullmaktige", D("2016-02-15"), -1).digest
    # Asking again with a later horizon keeps every earlier reminder exactly as it was.
    early = _remind(D("2025-12-19"), until=D("2025-12-23"))
    later = _remind(D("2025-12-19"), until=D("2026-02-01"))
    assert later[: len(early)] == early


def test_due_now_with_injected_clock() -> None:
    got = _remind(D("2025-03-17"), until=D("2025-03-17"))
    now = datetime(2025, 3, 10, 7, 0, tzinfo=UTC)
    assert [r.key.offset_days for r in due_now(got, now)] == [-14, -7]
    assert [r.key.offset_days for r in due_now(got, now, since=datetime(2025, 3, 5, tzinfo=UTC))] == [-7]


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), st.integers(0, 60))
def test_reminders_fall_on_working_days_and_keys_are_unique(deadline: date, horizon: int) -> None:
    until = date.fromordinal(deadline.toordinal() + horizon)
    got = _remind(deadline, until=until)
    assert all(is_working_day(r.day) for r in got)
    assert len({r.key for r in got}) == len(got) == len({r.day for r in got})
    assert all(r.day < deadline for r in got if r.kind is ReminderKind.BEFORE)
    assert all(r.day > deadline for r in got if r.kind is ReminderKind.OVERDUE)
