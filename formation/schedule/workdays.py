"""Swedish working-day arithmetic: weekends, public holidays, midsommarafton, julafton and nyårsafton.

The holiday calendar itself lives in `formation.domain.appeal` (lag 1930:173 uses the same days); this module
only adds the arithmetic that deadlines and reminders need on top of it.
"""

from __future__ import annotations

from datetime import date, timedelta

from formation.domain.appeal import is_non_working_day, next_working_day

__all__ = [
    "add_working_days",
    "is_working_day",
    "next_working_day",
    "previous_working_day",
    "working_days_between",
]

_DAY = timedelta(days=1)


def is_working_day(d: date) -> bool:
    """True for a weekday that is not a Swedish public holiday or one of the three aftnar."""
    return not is_non_working_day(d)


def previous_working_day(d: date) -> date:
    """The last working day on or before `d`."""
    while is_non_working_day(d):
        d -= _DAY
    return d


def add_working_days(d: date, n: int) -> date:
    """The day `n` working days after `d` (before it when `n` is negative); `d` itself need not be one.

    With n == 0 the day is returned unchanged: "zero working days later" is the same day, whatever it is.
    """
    step = _DAY if n >= 0 else -_DAY
    remaining = abs(n)
    while remaining:
        d += step
        if not is_non_working_day(d):
            remaining -= 1
    return d


def working_days_between(start: date, end: date) -> int:
    """Working days stepped onto going from `start` to `end` (start excluded, end included); negative backwards.

    Counting the days stepped onto makes this the inverse of add_working_days in both directions:
    working_days_between(d, add_working_days(d, n)) == n for every n.
    """
    if end < start:
        # Going backwards the days stepped onto are [end, start): shift both ends by one day and count forwards.
        return -working_days_between(end - _DAY, start - _DAY)
    count = 0
    d = start
    # A loop is fast enough for the spans we plan over (a year or two); holidays make a closed form messy.
    while d < end:
        d += _DAY
        if not is_non_working_day(d):
            count += 1
    return count
