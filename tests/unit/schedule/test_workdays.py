"""Working-day arithmetic with Swedish holidays: known dates and properties."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from formation.schedule.workdays import (
    add_working_days,
    is_working_day,
    next_working_day,
    previous_working_day,
    working_days_between,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
counts = st.integers(min_value=-60, max_value=60)


def test_known_non_working_days() -> None:
    assert not is_working_day(date(2025, 6, 20))  # midsommarafton
    assert not is_working_day(date(2025, 12, 24))  # julafton
    assert not is_working_day(date(2025, 12, 31))  # nyårsafton
    assert not is_working_day(date(2025, 4, 18))  # långfredagen
    assert not is_working_day(date(2025, 3, 15))  # a Saturday
    assert is_working_day(date(2025, 3, 17))


def test_previous_working_day_skips_easter_backwards() -> None:
    # Easter Monday 2025-04-21 → back over the weekend and Good Friday to Maundy Thursday.
    assert previous_working_day(date(2025, 4, 21)) == date(2025, 4, 17)
    assert previous_working_day(date(2025, 4, 17)) == date(2025, 4, 17)


def test_add_working_days_over_christmas() -> None:
    # 2025-12-23 (Tue) + 1 → skips julafton, juldagen, annandag jul and the weekend → Mon 2025-12-29.
    assert add_working_days(date(2025, 12, 23), 1) == date(2025, 12, 29)
    assert add_working_days(date(2025, 12, 29), -1) == date(2025, 12, 23)
    assert add_working_days(date(2025, 12, 27), 0) == date(2025, 12, 27)


def test_working_days_between_counts_half_open() -> None:
    assert working_days_between(date(2025, 3, 17), date(2025, 3, 24)) == 5
    assert working_days_between(date(2025, 3, 24), date(2025, 3, 17)) == -5
    # From a Saturday back to the Friday before is one working day stepped onto.
    assert working_days_between(date(2025, 3, 15), date(2025, 3, 14)) == -1
    assert working_days_between(date(2025, 3, 17), date(2025, 3, 17)) == 0


@given(days, counts)
def test_add_then_count_is_identity(d: date, n: int) -> None:
    assert working_days_between(d, add_working_days(d, n)) == n


@given(days, counts.filter(lambda n: n != 0))
def test_adding_lands_on_a_working_day(d: date, n: int) -> None:
    assert is_working_day(add_working_days(d, n))


@given(days)
def test_next_and_previous_bracket_the_day(d: date) -> None:
    before, after = previous_working_day(d), next_working_day(d)
    assert before <= d <= after
    assert is_working_day(before) and is_working_day(after)
    assert all(not is_working_day(before + timedelta(days=i)) for i in range(1, (d - before).days + 1))
    assert (before == d) == is_working_day(d) == (after == d)


@given(days, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40))
def test_adding_is_additive(d: date, m: int, n: int) -> None:
    assert add_working_days(add_working_days(d, m), n) == add_working_days(d, m + n)
