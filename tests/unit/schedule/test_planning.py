"""Planning: forwards from today, backwards from the target, the critical path and what must move."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from formation.schedule.calendars import Meeting, MeetingCalendar
from formation.schedule.plan_model import PartyPending, PendingStep, PlanInput, ShortfallKind
from formation.schedule.plan_text import plan_to_dict, summarize
from formation.schedule.planning import group_stages, plan_case
from tests.unit.schedule.stockholm import AF, FK, SLL, STAD, TODAY, calendar, stockholm

D = date.fromisoformat


def test_parallel_steps_form_one_stage() -> None:
    assert [[s.step_id for s in stage] for stage in group_stages(STAD.steps)] == [
        ["namnd_amn", "namnd_sn"],
        ["styrelse"],
        ["fullmaktige"],
    ]


def test_stockholm_forward_names_the_critical_meeting() -> None:
    plan = plan_case(stockholm())
    stad = {s.step_id: s for s in plan.steps if s.party == "stockholms-stad"}
    assert stad["namnd_amn"].earliest == D("2015-10-20") and stad["namnd_sn"].earliest == D("2015-10-20")
    # 2015-10-20 + 84 days of remiss = 2016-01-12 → KS 2016-01-27, + 14 days → KF 2016-02-15.
    assert stad["styrelse"].not_before == D("2016-01-12") and stad["styrelse"].earliest == D("2016-01-27")
    assert stad["fullmaktige"].earliest == D("2016-02-15")
    assert plan.formation_on == D("2016-02-15") and plan.last_approval_on == D("2016-02-15")
    assert [(s.party, s.step_id, s.earliest) for s in plan.critical_path] == [
        ("stockholms-stad", "namnd_amn", D("2015-10-20")),
        ("stockholms-stad", "styrelse", D("2016-01-27")),
        ("stockholms-stad", "fullmaktige", D("2016-02-15")),
    ]
    assert plan.target_met is True and not plan.shortfalls and not plan.problems
    text = summarize(plan)
    assert "Förbundet kan bildas tidigast 2016-02-15, när Stockholms stad fattar beslut i kommunfullmäktige" in text
    assert "Målet 2016-04-01 håller" in text
    # a step whose label names its body is not followed by the body again
    assert "antar förbundsordningen 2016-02-15" in text and "förbundsordningen i kommunfullmäktige" not in text


def test_stockholm_backward_latest_meetings_and_slack() -> None:
    plan = plan_case(stockholm())
    kf = plan.step("stockholms-stad", "fullmaktige")
    ks = plan.step("stockholms-stad", "styrelse")
    amn = plan.step("stockholms-stad", "namnd_amn")
    assert kf is not None and ks is not None and amn is not None
    assert (kf.due_by, kf.latest, kf.slack_days) == (D("2016-04-01"), D("2016-03-14"), 28)
    assert (ks.due_by, ks.latest, ks.slack_days) == (D("2016-02-29"), D("2016-02-24"), 28)
    assert (amn.due_by, amn.latest, amn.slack_days) == (D("2015-12-02"), D("2015-11-24"), 35)
    # Deadlines default to the latest meeting that keeps the target.
    assert kf.deadline == D("2016-03-14") and not kf.deadline_overridden
    assert plan.next_deadline("stockholms-stad") == D("2015-11-19")  # SN meets before AMN


def test_moving_one_fullmaktige_meeting_moves_the_formation_date() -> None:
    moved = plan_case(stockholm(cal=calendar(Kommunfullmäktige=("2016-02-15", "2016-02-22"))))
    assert moved.formation_on == D("2016-02-22")
    assert moved.critical_path[-1].earliest == D("2016-02-22")


def test_critical_party_changes_when_another_body_is_later() -> None:
    late_lf = MeetingCalendar(m for m in calendar() if m.body != "Landstingsfullmäktige" or m.on > D("2016-03-01"))
    plan = plan_case(stockholm(cal=late_lf))
    assert plan.formation_on == D("2016-03-15")
    assert {s.party for s in plan.critical_path} == {"sll"}


def test_parallel_stage_is_gated_by_its_latest_step() -> None:
    late_sn = calendar(Socialnämnden=("2015-10-20", "2015-10-29"))
    plan = plan_case(stockholm(cal=late_sn))
    ks = plan.step("stockholms-stad", "styrelse")
    assert ks is not None and ks.not_before == D("2016-01-21")  # 2015-10-29 + 84
    assert [s.step_id for s in plan.critical_path][:1] == ["namnd_sn"]


def test_target_missed_by_a_meeting_that_must_move() -> None:
    # With a 21-day lead, KS must decide by 2016-01-25, but meets 2016-01-27 after the remiss round.
    strict = replace(STAD, steps=(*STAD.steps[:2], replace(STAD.steps[2], lead_days=21), STAD.steps[3]))
    plan = plan_case(PlanInput((strict, SLL, FK, AF), calendar(), TODAY, target=D("2016-02-15")))
    assert plan.formation_on == D("2016-03-14") and plan.target_met is False
    [shortfall] = [s for s in plan.shortfalls if s.step_id == "styrelse"]
    assert shortfall.kind is ShortfallKind.MOVE_MEETING
    assert (shortfall.due_by, shortfall.earliest, shortfall.move_days) == (D("2016-01-25"), D("2016-01-27"), 2)
    text = summarize(plan)
    assert "Målet 2016-02-15 nås inte; bildandet blir 28 dagar senare." in text
    assert "Kommunstyrelsen (Stockholms stad, kommunstyrelsens förslag) sammanträder tidigast 2016-01-27" in text
    assert "måste flyttas 2 dagar tidigare" in text
    assert [p.code for p in plan.problems] == ["target_missed"]


def test_target_too_early_says_the_window_has_closed() -> None:
    plan = plan_case(stockholm(target=D("2016-01-01")))
    kinds = {(s.party, s.step_id, s.kind) for s in plan.shortfalls}
    assert kinds == {
        ("stockholms-stad", "namnd_amn", ShortfallKind.TOO_LATE),
        ("stockholms-stad", "namnd_sn", ShortfallKind.TOO_LATE),
        # The agencies decide whenever their leadership meets: 2016-01-15 would have to come 14 days earlier.
        ("fk", "beslut", ShortfallKind.MOVE_MEETING),
        ("af", "beslut", ShortfallKind.MOVE_MEETING),
    }
    assert "den tiden har redan gått" in summarize(plan)


def test_missing_calendar_is_a_problem_not_a_crash() -> None:
    no_fk = MeetingCalendar(m for m in calendar() if m.body != "Försäkringskassans ledning")
    plan = plan_case(stockholm(cal=no_fk))
    assert plan.formation_on is None and plan.target_met is None and plan.critical_path == ()
    [problem] = plan.problems
    assert problem.code == "no_calendar" and problem.party == "fk"
    assert "Försäkringskassans ledning har inga sammanträden i kalendern" in problem.message
    assert summarize(plan).startswith("Det går inte att beräkna när förbundet kan bildas.")


def test_calendar_that_ends_too_early_is_named() -> None:
    plan = plan_case(replace(stockholm(), today=D("2016-03-01")))
    codes = {(p.code, p.party, p.step_id) for p in plan.problems}
    assert ("calendar_ends", "stockholms-stad", "namnd_amn") in codes
    message = next(p.message for p in plan.problems if p.step_id == "namnd_amn")
    assert "från och med 2016-03-01" in message and "nästa års sammanträdesplan" in message


def test_start_date_in_the_forbundsordning_can_set_the_formation_date() -> None:
    plan = plan_case(stockholm(start_on=D("2016-04-01")))
    assert plan.formation_on == D("2016-04-01") and plan.limited_by_start_on
    assert "det startdatum som förbundsordningen anger" in summarize(plan)


def test_overrides_replace_the_planned_deadline() -> None:
    plan = plan_case(stockholm(overrides={("fk", "beslut"): D("2016-01-31")}))
    fk = plan.step("fk", "beslut")
    assert fk is not None and fk.deadline == D("2016-01-31") and fk.deadline_overridden


def test_without_target_deadlines_are_the_earliest_meetings() -> None:
    plan = plan_case(stockholm(target=None))
    fk = plan.step("fk", "beslut")
    assert fk is not None and fk.deadline == D("2016-01-15") and fk.due_by is None and fk.slack_days is None
    assert plan.target_met is None and not plan.shortfalls


def test_ready_from_and_already_approved_parties() -> None:
    waits = replace(FK, ready_from=D("2016-02-01"))
    approved = PartyPending("af", "Arbetsförmedlingen", (), approved_on=D("2015-09-30"))
    plan = plan_case(PlanInput((waits, approved), calendar(), TODAY))
    assert plan.formation_on == D("2016-02-12")
    late_approval = PartyPending("af", "Arbetsförmedlingen", (), approved_on=D("2016-03-01"))
    assert plan_case(PlanInput((waits, late_approval), calendar(), TODAY)).formation_on == D("2016-03-01")


def test_zero_lead_still_needs_a_later_meeting() -> None:
    cal = MeetingCalendar([Meeting("KS", D("2025-03-03")), Meeting("KS", D("2025-03-04"))])
    party = PartyPending("k", "K", (PendingStep("a", "A", "ks"), PendingStep("b", "B", "KS")))
    plan = plan_case(PlanInput((party,), cal, D("2025-03-01")))
    assert [s.earliest for s in plan.steps] == [D("2025-03-03"), D("2025-03-04")]


def test_step_without_body_is_a_problem() -> None:
    party = PartyPending("k", "K", (PendingStep("a", "Förstudie", ""),))
    [problem] = plan_case(PlanInput((party,), calendar(), TODAY)).problems
    assert problem.code == "step_without_body"


def test_plan_as_json_dict() -> None:
    data = plan_to_dict(plan_case(stockholm()))
    assert data["formation_on"] == "2016-02-15" and data["target_met"] is True
    assert data["critical_path"][-1] == {"party": "stockholms-stad", "step": "fullmaktige", "meeting": "2016-02-15"}
    assert {"step", "earliest", "latest", "slack_days", "deadline"} <= set(data["steps"][0])


def test_a_case_without_members_says_why_the_formation_cannot_be_computed() -> None:
    plan = plan_case(PlanInput((), calendar(), TODAY, target=D("2017-01-01")))
    assert plan.formation_on is None
    assert summarize(plan) == (
        "Det går inte att beräkna när förbundet kan bildas. "
        "Ärendet har inga medlemmar ännu; bildandet kan beräknas när de är tillagda."
    )


def test_a_body_without_a_meeting_in_time_is_named_with_its_step_in_plain_swedish() -> None:
    from formation.schedule.plan_model import Shortfall
    from formation.schedule.plan_text import shortfall_sentence

    base = Shortfall(ShortfallKind.NO_MEETING, "solna", "Solna", "fullmaktige",
                     "Kommunfullmäktige antar förbundsordningen", "Kommunfullmäktige", D("2027-03-01"),
                     D("2027-08-01"), None)  # fmt: skip
    assert shortfall_sentence(base) == (
        "Kommunfullmäktige (Solna) har inget sammanträde mellan 2027-03-01 och 2027-08-01, då steget "
        '"Kommunfullmäktige antar förbundsordningen" måste beslutas; ett sammanträde måste läggas in.'
    )
    # an earlier step that cannot be planned leaves no first possible day: never "mellan okänt datum och"
    assert "har inget sammanträde före 2027-08-01, då" in shortfall_sentence(replace(base, not_before=None))


def test_a_party_that_said_no_leaves_no_formation_date_to_compute() -> None:
    """The others' meetings would form the förbund on 12 February; the region's no stands in the way, so the
    plan names it instead of a date (the snapshot then promises none)."""
    rejected = PartyPending("sll", "Stockholms läns landsting", (), rejected=True)
    plan = plan_case(PlanInput((FK, rejected), calendar(), TODAY, target=D("2016-04-01")))
    assert plan.formation_on is None and not plan.target_met
    assert summarize(plan) == (
        "Det går inte att beräkna när förbundet kan bildas. Stockholms läns landsting har avslagit förslaget; när "
        "förbundet kan bildas går att beräkna först när Stockholms läns landsting beslutar på nytt eller en ny "
        "version av förbundsordningen har lagts till."
    )
