"""Appeal periods under KL 13 kap. and lag (1930:173), checked against real Swedish calendars."""

from __future__ import annotations

import sys
import threading
from datetime import date, timedelta

import pytest

from formation.domain.appeal import (
    APPEAL_DAYS,
    appeal_ends_on,
    final_on,
    is_non_working_day,
    next_working_day,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2015, 12, 24),  # julafton (Thursday)
        date(2015, 12, 25),  # juldagen
        date(2015, 12, 26),  # annandag jul (Saturday anyway)
        date(2015, 12, 31),  # nyårsafton (Thursday)
        date(2016, 1, 1),  # nyårsdagen
        date(2016, 1, 6),  # trettondedag jul
        date(2016, 3, 25),  # långfredag
        date(2016, 3, 28),  # annandag påsk
        date(2016, 5, 5),  # Kristi himmelsfärds dag
        date(2016, 6, 6),  # nationaldagen (Monday)
        date(2016, 6, 24),  # midsommarafton
    ],
)
def test_holidays_and_aftnar_are_non_working(day: date) -> None:
    assert is_non_working_day(day)


def test_weekends_are_non_working_and_plain_weekdays_are_not() -> None:
    assert is_non_working_day(date(2016, 3, 5))  # Saturday
    assert is_non_working_day(date(2016, 3, 6))  # Sunday
    assert not is_non_working_day(date(2016, 3, 2))  # Wednesday
    assert not is_non_working_day(date(2015, 12, 23))  # the day before julafton is a working day
    assert not is_non_working_day(date(2016, 6, 23))  # nor is the day before midsommarafton


def test_midsommarafton_is_found_every_year() -> None:
    # Midsommarafton is the Friday between 19 and 25 June; check a run of years on both sides of today.
    for year in range(2000, 2041):
        eves = [date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4]
        assert len(eves) == 1
        assert is_non_working_day(eves[0])
        assert not is_non_working_day(eves[0] - timedelta(days=1))


def test_next_working_day_keeps_a_working_day() -> None:
    assert next_working_day(date(2016, 3, 2)) == date(2016, 3, 2)


def test_next_working_day_skips_easter() -> None:
    # 2016: långfredag 25 Mar, påskafton (Sat), påskdagen (Sun), annandag påsk 28 Mar.
    assert next_working_day(date(2016, 3, 25)) == date(2016, 3, 29)


def test_appeal_is_three_weeks() -> None:
    assert APPEAL_DAYS == 21


def test_plain_wednesday_stays() -> None:
    # Posted Wednesday 10 Feb 2016; three weeks later is Wednesday 2 Mar 2016.
    assert appeal_ends_on(date(2016, 2, 10)) == date(2016, 3, 2)


def test_ending_on_julafton_moves_past_christmas() -> None:
    # 24 Dec 2015 is a Thursday; 25 and 26 are holidays, 27 a Sunday.
    assert appeal_ends_on(date(2015, 12, 3)) == date(2015, 12, 28)


def test_ending_on_nyarsafton_moves_into_the_new_year() -> None:
    # 31 Dec 2015 (Thu) → 1 Jan nyårsdagen (Fri), 2–3 Jan weekend → Monday 4 Jan 2016.
    assert appeal_ends_on(date(2015, 12, 10)) == date(2016, 1, 4)


def test_ending_on_midsommarafton() -> None:
    # 24 Jun 2016 is midsommarafton; 25 midsommardagen, 26 Sunday → Monday 27 Jun.
    assert appeal_ends_on(date(2016, 6, 3)) == date(2016, 6, 27)
    # 2015: midsommarafton 19 Jun → Monday 22 Jun.
    assert appeal_ends_on(date(2015, 5, 29)) == date(2015, 6, 22)


def test_ending_on_langfredag() -> None:
    # 25 Mar 2016 långfredag → past Easter and annandag påsk to Tuesday 29 Mar.
    assert appeal_ends_on(date(2016, 3, 4)) == date(2016, 3, 29)


def test_ending_on_annandag_pask() -> None:
    assert appeal_ends_on(date(2016, 3, 7)) == date(2016, 3, 29)


def test_ending_on_a_saturday() -> None:
    # Posted on Saturday 30 Jan 2016: the end falls on Saturday 20 Feb and moves to Monday 22 Feb.
    assert appeal_ends_on(date(2016, 1, 30)) == date(2016, 2, 22)


def test_final_on_is_the_day_after_the_latest_end() -> None:
    assert final_on([date(2016, 3, 2), date(2015, 12, 28), date(2016, 3, 29)]) == date(2016, 3, 30)
    assert final_on([date(2015, 12, 28)]) == date(2015, 12, 29)


def test_final_on_unknown_or_empty() -> None:
    assert final_on([]) is None
    assert final_on([date(2016, 3, 2), None]) is None
    assert final_on((None,)) is None


def test_the_holiday_calendar_loads_once_when_threads_ask_for_it_together(monkeypatch: pytest.MonkeyPatch) -> None:
    """The TUI computes its first deadline in two workers at once (a write and the reload after it); both loading
    the Sweden module crashed one with "no attribute 'Sweden'" (20 rounds of 8 threads: 128 errors before)."""
    from formation.domain import appeal

    errors: list[BaseException] = []
    for _ in range(20):
        appeal._sweden.cache_clear()
        appeal._holidays_of.cache_clear()
        monkeypatch.delitem(sys.modules, appeal._SWEDEN_MODULE, raising=False)
        together = threading.Barrier(8)

        def ask(together: threading.Barrier = together) -> None:
            together.wait()
            try:
                appeal._holidays_of(2031)
            except Exception as exc:  # noqa: BLE001 - collected for the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=ask) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert date(2031, 12, 24) in appeal._holidays_of(2031)
