"""When a fullmäktige decision becomes final (laga kraft): Kommunallagen 13 kap. and lag (1930:173)."""

from __future__ import annotations

import importlib.util
import sys
import threading
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

# KL 13 kap. 5 §: an appeal must arrive within three weeks from the day the justering was posted.
APPEAL_DAYS = 21


def _midsummer_eve(year: int) -> date:
    """Midsommarafton: the Friday between 19 and 25 June."""
    june_19 = date(year, 6, 19)
    # weekday() is 4 for Friday; step forward 0–6 days to reach it.
    return june_19 + timedelta(days=(4 - june_19.weekday()) % 7)


_SWEDEN_MODULE = "holidays.countries.sweden"


_LOADING = threading.Lock()
"""Held while the Sweden module is loaded: `cache` does not stop two threads from running `_sweden` at once,
and the second found the module in `sys.modules` before it had run (AttributeError: no attribute 'Sweden'),
which crashed the TUI when its first deadline was computed in two workers at once."""


@cache
def _sweden() -> Any:
    """The `holidays` package's Sweden calendar class, loaded on first use.

    Every documented way to reach it (`country_holidays("SE")`, `holidays.SE`, `from holidays.countries.sweden
    import Sweden`) first runs `holidays/countries/__init__.py`, which imports all ~250 countries: about half a
    second on every `formation status`. The Sweden module needs only the package's base classes, so it is
    loaded from its file under its own name; if the package is laid out differently, the documented way is used.
    """
    with _LOADING:
        return _load_sweden()


def _load_sweden() -> Any:
    import holidays

    module = sys.modules.get(_SWEDEN_MODULE)
    if module is None:
        path = Path(holidays.__file__).parent / "countries" / "sweden.py"
        spec = importlib.util.spec_from_file_location(_SWEDEN_MODULE, path) if path.is_file() else None
        if spec is None or spec.loader is None:
            return holidays.country_holidays  # pragma: no cover - another layout of the package
        module = importlib.util.module_from_spec(spec)
        sys.modules[_SWEDEN_MODULE] = module
        try:
            spec.loader.exec_module(module)
        except Exception:  # pragma: no cover - another layout of the package
            del sys.modules[_SWEDEN_MODULE]
            return holidays.country_holidays
    return module.Sweden


def _calendar(year: int) -> Any:
    sweden = _sweden()
    # include_sundays=False is explicit because the SE calendar otherwise lists every Sunday; weekends are
    # handled by weekday() in is_non_working_day, so the calendar only has to supply real holidays.
    if isinstance(sweden, type):
        return sweden(years=year, categories=("public", "de_facto"), include_sundays=False)
    return sweden("SE", years=year, categories=("public", "de_facto"), include_sundays=False)  # pragma: no cover


@cache
def _holidays_of(year: int) -> frozenset[date]:
    """Every public holiday plus the three 'aftnar' that lag (1930:173) treats as holidays, for one year."""
    calendar = _calendar(year)
    days = set(calendar.keys())
    # de_facto carries midsommarafton, julafton and nyårsafton in holidays 0.109 (checked 1990–2040); they
    # are added here as well so that a future change in the package cannot silently shorten a deadline.
    days.update((_midsummer_eve(year), date(year, 12, 24), date(year, 12, 31)))
    return frozenset(days)


def is_non_working_day(d: date) -> bool:
    """True for Saturday, Sunday, a Swedish public holiday, midsommarafton, julafton and nyårsafton."""
    return d.weekday() >= 5 or d in _holidays_of(d.year)


def next_working_day(d: date) -> date:
    """The first working day on or after `d`."""
    while is_non_working_day(d):
        d += timedelta(days=1)
    return d


def appeal_ends_on(anslag: date) -> date:
    """Last day to appeal a decision whose justering was posted on `anslag` (moved off non-working days)."""
    # Lag (1930:173) 2 §: a deadline falling on a non-working day runs on to the next working day.
    return next_working_day(anslag + timedelta(days=APPEAL_DAYS))


def final_on(appeal_ends: Sequence[date | None]) -> date | None:
    """Day the decisions are all final: the day after the latest appeal end; None if any end is unknown."""
    # An empty sequence means nothing has been posted yet, so nothing can be final.
    if not appeal_ends:
        return None
    known: list[date] = []
    for end in appeal_ends:
        if end is None:
            return None
        known.append(end)
    return max(known) + timedelta(days=1)


# KL 5 kap. 69 § and 8 kap. 12 §: the minutes are justerade within 14 days, and the justering is posted on the
# anslagstavla within 2 days after that: an anslag later than this is most likely a wrong date.
JUSTERING_DAYS = 14
POSTING_DAYS = 2


def anslag_days_late(decided_on: date, anslag_on: date) -> int:
    """How many days after the last expected day of posting (decision + 14 + 2 days) the anslag lies; 0 if on time."""
    latest = decided_on + timedelta(days=JUSTERING_DAYS + POSTING_DAYS)
    return max(0, (anslag_on - latest).days)
