"""How the log words a correction: the fields in the Swedish the rest of the tool uses, and the day it was made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from formation.reports.cockpit import log_rows
from formation.reports.log import local_time, render_log
from formation.services import Services
from tests.unit.case_support import KOMMUN


def test_a_correction_names_its_fields_in_swedish_and_shows_the_day_it_was_made(case: Services) -> None:
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 2, 1), paragraph="12", dnr="KS 2022/1")
    decision = case.events()[-1].seq
    case.correct(decision, reason="Protokollet", date=date(2022, 1, 31), outcome="aterremiss", paragraph="14")
    case.correct(decision, reason="Fel dnr", dnr=None, anslag=date(2022, 2, 3))
    fo = next(e.seq for e in case.events() if e.type == "fo_added")
    case.correct(fo, reason="Rätt start", start_date=date(2023, 1, 1))
    log = case.events()
    recorded = local_time(log[-1].recorded_at).date().isoformat()

    text = render_log(log, case.view().projection)
    by_seq = {int(line.split()[0]): line for line in text.splitlines() if line.strip()[:1].isdigit()}
    first, second, third = (by_seq[e.seq] for e in log[-3:])
    assert f"Rättelse av händelse {decision}: datum → 2022-01-31, utfall → återremiss, § → 14 — Protokollet" in first
    assert f"Rättelse av händelse {decision}: dnr → (tomt), anslagsdatum → 2022-02-03 — Fel dnr" in second
    assert f"Rättelse av händelse {fo}: startdatum → 2023-01-01 — Rätt start" in third
    for line in (first, second, third):
        assert line.split()[1] == recorded  # the Datum column: the day the correction was recorded
    for english in ("date", "outcome", "paragraph", "anslag", "start_date", "aterremiss"):
        assert f"{english} →" not in text and f"→ {english}" not in text

    rows = {row.seq: row for row in log_rows(case.view(), log)}
    assert rows[log[-3].seq].party == "solna-stad"  # the party of what it corrects: its filter shows it
    assert rows[log[-1].seq].party is None  # a version belongs to no party
    assert rows[log[-1].seq].day == local_time(log[-1].recorded_at).date()
    assert rows[log[-1].seq].text == f"Rättelse av händelse {fo}: startdatum → 2023-01-01 — Rätt start"


@dataclass(frozen=True)
class NewYearsNight:
    """00:30 on New Year's Day in Stockholm: still 23:30 on New Year's Eve in UTC, as the log stores it."""

    def today(self) -> date:
        return date(2027, 1, 1)

    def now(self) -> datetime:
        return datetime(2026, 12, 31, 23, 30, tzinfo=UTC)


def test_a_correction_after_midnight_is_of_the_swedish_day_not_the_utc_one(case: Services) -> None:
    case.services.clock = NewYearsNight()  # type: ignore[attr-defined]  # `case` is the tests' Coordinator
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2026, 12, 1))
    decision = case.events()[-1].seq
    case.correct(decision, reason="Fel dag", date=date(2026, 12, 2))
    log = case.events()

    text = render_log(log, case.view().projection)
    line = next(li for li in text.splitlines() if li.split()[:1] == [str(log[-1].seq)])
    assert line.split()[1] == "2027-01-01"
    assert line.endswith("2027-01-01 00:30)")
    assert {row.seq: row for row in log_rows(case.view(), log)}[log[-1].seq].day == date(2027, 1, 1)
