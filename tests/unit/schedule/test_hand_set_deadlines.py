"""A deadline set by hand is the day that step is planned to be decided: the party's following steps are planned
from it, earlier or later than the calendar's meeting, and never get a deadline they can no longer reach."""

from __future__ import annotations

from datetime import date

from formation.schedule.calendars import Meeting, MeetingCalendar
from formation.schedule.plan_model import PartyPending, PendingStep, PlanInput, ShortfallKind
from formation.schedule.planning import plan_case

D = date.fromisoformat
TODAY = D("2026-03-02")
SOLNA = PartyPending(
    "solna",
    "Solna",
    (
        PendingStep("namnd", "Nämndbeslut", "Ansvarig nämnd", 14),
        PendingStep("styrelse", "Kommunstyrelsens förslag", "Kommunstyrelsen", 21),
        PendingStep("fullmaktige", "Kommunfullmäktige antar förbundsordningen", "Kommunfullmäktige"),
    ),
)


def _calendar(**extra: tuple[str, ...]) -> MeetingCalendar:
    days = {
        "Ansvarig nämnd": ("2026-03-12", "2026-04-09"),
        "Kommunstyrelsen": ("2026-03-20", "2026-03-31", "2026-04-21", "2026-05-05"),
        "Kommunfullmäktige": ("2026-04-13", "2026-05-18", "2026-06-15"),
    } | extra
    return MeetingCalendar(Meeting(body, D(day)) for body, dates in days.items() for day in dates)


def _plan(overrides: dict[tuple[str, str], date], target: date | None = None) -> dict[str, tuple[object, ...]]:
    plan = plan_case(PlanInput((SOLNA,), _calendar(), TODAY, target=target, overrides=overrides))
    return {s.step_id: (s.not_before, s.earliest, s.deadline, s.meeting_on) for s in plan.steps}


def test_a_later_hand_set_deadline_moves_the_following_steps_without_a_target() -> None:
    assert _plan({}) == {
        "namnd": (TODAY, D("2026-03-12"), D("2026-03-12"), D("2026-03-12")),
        "styrelse": (D("2026-03-26"), D("2026-03-31"), D("2026-03-31"), D("2026-03-31")),
        "fullmaktige": (D("2026-04-21"), D("2026-05-18"), D("2026-05-18"), D("2026-05-18")),
    }
    # The nämnd moved the matter to its April meeting: kommunstyrelsen counts its 14 days from that day.
    moved = _plan({("solna", "namnd"): D("2026-04-09")})
    assert moved["namnd"][3] == D("2026-04-09")  # the meeting the hand-set day stands for, not the first one
    assert moved["styrelse"] == (D("2026-04-23"), D("2026-05-05"), D("2026-05-05"), D("2026-05-05"))
    assert moved["fullmaktige"] == (D("2026-05-26"), D("2026-06-15"), D("2026-06-15"), D("2026-06-15"))
    plan = plan_case(PlanInput((SOLNA,), _calendar(), TODAY, overrides={("solna", "namnd"): D("2026-04-09")}))
    assert plan.formation_on == D("2026-06-15")
    assert [s.step_id for s in plan.critical_path] == ["namnd", "styrelse", "fullmaktige"]
    assert plan.next_deadline("solna") == D("2026-04-09")


def test_an_earlier_hand_set_deadline_lets_the_next_step_take_an_earlier_meeting() -> None:
    # An extra nämnd meeting on 2026-03-05, not in the calendar: kommunstyrelsen may take its 2026-03-20 meeting.
    moved = _plan({("solna", "namnd"): D("2026-03-05")})
    assert moved["namnd"][2] == D("2026-03-05")
    assert moved["namnd"][3] is None  # no meeting in the calendar by that day: none is named
    assert moved["styrelse"] == (D("2026-03-19"), D("2026-03-20"), D("2026-03-20"), D("2026-03-20"))
    assert moved["fullmaktige"][1] == D("2026-04-13")


def test_with_a_target_the_following_deadlines_never_come_before_the_hand_set_day() -> None:
    target = D("2026-06-01")
    planned = _plan({}, target)
    assert [planned[s][2] for s in ("namnd", "styrelse", "fullmaktige")] == [
        D("2026-03-12"),
        D("2026-04-21"),
        D("2026-05-18"),
    ]
    moved = _plan({("solna", "namnd"): D("2026-04-09")}, target)
    # The meetings that kept the target (KS 04-21, KF 05-18) can no longer be reached: each deadline is the first
    # meeting the step can still take, and the plan says that the target is missed and what would have to move.
    assert moved["styrelse"][2] == moved["styrelse"][3] == D("2026-05-05")
    assert moved["fullmaktige"][2] == moved["fullmaktige"][3] == D("2026-06-15")
    plan = plan_case(
        PlanInput((SOLNA,), _calendar(), TODAY, target=target, overrides={("solna", "namnd"): D("2026-04-09")})
    )
    assert plan.target_met is False and plan.formation_on == D("2026-06-15")
    assert {(s.step_id, s.kind) for s in plan.shortfalls} == {
        ("styrelse", ShortfallKind.MOVE_MEETING),
        ("fullmaktige", ShortfallKind.MOVE_MEETING),
    }
    # A hand-set day that still leaves the target's meetings reachable changes nothing after it.
    kept = _plan({("solna", "namnd"): D("2026-03-12")}, target)
    assert [kept[s][2] for s in ("styrelse", "fullmaktige")] == [D("2026-04-21"), D("2026-05-18")]


def test_a_hand_set_deadline_on_a_middle_step_leaves_the_earlier_steps_alone() -> None:
    moved = _plan({("solna", "styrelse"): D("2026-05-05")})
    assert moved["namnd"][1:3] == (D("2026-03-12"), D("2026-03-12"))
    assert moved["styrelse"][2] == D("2026-05-05")
    assert moved["fullmaktige"][0:2] == (D("2026-05-26"), D("2026-06-15"))


def test_a_parallel_stage_gates_by_its_latest_hand_set_or_planned_day() -> None:
    party = PartyPending(
        "solna",
        "Solna",
        (
            PendingStep("namnd_sn", "Socialnämnden", "Ansvarig nämnd", 14, group="namnd"),
            PendingStep("namnd_amn", "Arbetsmarknadsnämnden", "Ansvarig nämnd", 14, group="namnd"),
            PendingStep("styrelse", "Kommunstyrelsens förslag", "Kommunstyrelsen", 21),
        ),
    )
    plan = plan_case(PlanInput((party,), _calendar(), TODAY, overrides={("solna", "namnd_amn"): D("2026-04-09")}))
    styrelse = plan.step("solna", "styrelse")
    assert styrelse is not None and (styrelse.not_before, styrelse.earliest) == (D("2026-04-23"), D("2026-05-05"))
    assert [s.step_id for s in plan.critical_path] == ["namnd_amn", "styrelse"]


def test_a_hand_set_day_after_the_bodys_last_meeting_still_plans_the_rest() -> None:
    # Today is past the nämnd's last meeting in the calendar and its hand-set day: the step is overdue, its
    # calendar has ended (said as a problem), and the following steps are still planned from the hand-set day
    # (14 days' lead: 2026-04-23), but never from before today.
    late = D("2026-04-24")
    plan = plan_case(PlanInput((SOLNA,), _calendar(), late, overrides={("solna", "namnd"): D("2026-04-09")}))
    assert [p.code for p in plan.problems] == ["calendar_ends"]
    styrelse = plan.step("solna", "styrelse")
    assert styrelse is not None and (styrelse.not_before, styrelse.earliest) == (late, D("2026-05-05"))


def test_a_hand_set_day_long_past_never_plans_a_later_step_on_a_meeting_already_held() -> None:
    """Found in the living demo at 2027-02-11: Sundbyberg's nämnd, set by hand to 2026-12-05 and undecided,
    gave kommunstyrelsen an 'earliest' meeting of 2027-01-08, a month before today."""
    today = D("2026-04-24")
    plan = plan_case(PlanInput((SOLNA,), _calendar(), today, overrides={("solna", "namnd"): D("2026-03-01")}))
    styrelse = plan.step("solna", "styrelse")
    assert styrelse is not None and styrelse.earliest == D("2026-05-05")  # not 2026-03-20, held before today
    assert all(s.earliest is None or s.earliest >= today for s in plan.steps)
    assert plan.formation_on == D("2026-06-15")
