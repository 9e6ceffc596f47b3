"""The wording of plan and outbox cells, and fitting columns to the width, without Textual."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from formation.schedule.plan_model import Plan
from formation.schedule.plan_text import summarize
from tui.columns import fit, flexible_widths, shrink
from tui.schedule_texts import (
    offset_text,
    plan_facts,
    reminder_count,
    reminder_state,
    reminder_when,
    slack_text,
)


def test_counts_agree_in_number() -> None:
    assert [reminder_count("failed", n) for n in (1, 2)] == ["1 misslyckad", "2 misslyckade"]
    assert [reminder_count("cancelled", n) for n in (1, 3)] == ["1 avbruten", "3 avbrutna"]
    assert reminder_count("pending", 4) == "4 väntar"


def test_states_read_without_colour() -> None:
    assert reminder_state("failed").plain == "✗ MISSLYCKAD" and "red" in str(reminder_state("failed").style)
    assert reminder_state("sent").plain == "✓ skickad"
    assert reminder_state("odd").plain == "? odd"


def test_days_and_times() -> None:
    assert offset_text(-7) == "−7 d" and offset_text(1) == "+1 d"
    assert slack_text(None).plain == "–" and slack_text(32).plain == "32 d"
    assert slack_text(-3).plain == "-3 d" and "red" in str(slack_text(-3).style)
    reminder = {"sent_at": None, "due_at": "2026-11-23T07:00:00+00:00"}
    assert reminder_when(reminder, ZoneInfo("Europe/Stockholm")) == "2026-11-23 08:00"


def test_the_widest_columns_give_way_first() -> None:
    assert shrink([18, 41, 27], 60) == [18, 21, 21]
    assert shrink([5, 6], 40) == [5, 6]  # already fits
    assert shrink([30, 30], 4) == [8, 8]  # never below the least width
    assert flexible_widths([("Solna", "Nämndbeslut")], 80, 30, 4) == [5, 11]
    assert fit("Region Stockholm", 8).plain == "Region …"


def test_facts_of_a_plan_with_nothing_left_say_formed_not_earliest() -> None:
    def facts(today: date) -> str:
        formed = date(2016, 2, 22)
        return plan_facts(Plan(today, date(2016, 4, 1), None, formed, formed, (), (), (), ())).plain

    assert (
        facts(date(2026, 11, 23))
        == "Planerad start 2016-04-01 · ✓ målet håller · bildat 2016-02-22 · räknat från 2026-11-23"
    )
    assert "bildas 2016-02-22" in facts(date(2016, 2, 1))


def test_the_plan_summary_calls_a_forbund_formed_today_bildat_and_a_future_one_bildas() -> None:
    def summary(today: date, formed: date) -> str:
        return summarize(Plan(today, None, None, formed, formed, (), (), (), ()))

    today = date(2026, 12, 6)
    assert summary(today, today).startswith("Alla medlemmar har beslutat; förbundet är bildat 2026-12-06.")
    assert summary(today, date(2026, 1, 2)).startswith("Alla medlemmar har beslutat; förbundet är bildat 2026-01-02.")
    assert summary(today, date(2027, 1, 1)).startswith("Alla medlemmar har beslutat; förbundet bildas 2027-01-01.")
