"""Pure planning: when each pending step can be decided, when it must be, and when the förbund can be formed.

Forwards from today every step takes its body's first meeting that honours the lead time after the previous
step; backwards from the target start date every step takes its body's last meeting that still leaves the
next step's lead time. The difference is the slack. A parallel stage (e.g. two nämnder) gates the next stage
by the latest of its steps. A deadline set by hand is the day that step is planned to be decided: the party's
following steps are planned forwards from it (earlier or later than the calendar's meeting), and their deadline
is never a meeting they can no longer reach. Nothing here reads a clock or a database: the caller passes today
and the data.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from formation.schedule.calendars import MeetingCalendar
from formation.schedule.plan_model import (
    PartyPending,
    PendingStep,
    Plan,
    PlanInput,
    PlanProblem,
    Shortfall,
    ShortfallKind,
    StepPlan,
)

__all__ = ["group_stages", "lead_gap", "plan_case"]


def group_stages(steps: tuple[PendingStep, ...]) -> list[list[PendingStep]]:
    """Adjacent steps with the same non-empty group form one parallel stage; every other step is its own."""
    stages: list[list[PendingStep]] = []
    for step in steps:
        if stages and step.group is not None and stages[-1][-1].group == step.group:
            stages[-1].append(step)
        else:
            stages.append([step])
    return stages


def lead_gap(lead_days: int) -> timedelta:
    """The least time between a step's meeting and the next step's meeting."""
    # The next body acts on this decision, so even a lead of 0 days means a later meeting, never the same one.
    return timedelta(days=max(lead_days, 1))


def _gap(step: PendingStep) -> timedelta:
    return lead_gap(step.lead_days)


def plan_case(data: PlanInput) -> Plan:
    """The plan of a case: every pending step placed, the formation date, the critical path and the problems."""
    steps: list[StepPlan] = []
    problems: list[PlanProblem] = []
    if not data.parties:
        problems.append(
            PlanProblem("no_members", "Ärendet har inga medlemmar ännu; bildandet kan beräknas när de är tillagda.")
        )
    approvals: dict[str, date | None] = {}
    for party in data.parties:
        if party.rejected:  # until its body decides anew or a new version comes, the förbund cannot be formed
            approvals[party.party] = None
            problems.append(
                PlanProblem(
                    "party_rejected",
                    f"{party.name} har avslagit förslaget; när förbundet kan bildas går att beräkna först när "
                    f"{party.name} beslutar på nytt eller en ny version av förbundsordningen har lagts till.",
                    party=party.party,
                )
            )
            continue
        planned = _plan_party(party, data, problems)
        steps.extend(planned)
        if planned:
            last = [s.earliest for s in planned if s.last_stage]
            approvals[party.party] = None if None in last else max(d for d in last if d is not None)
        elif party.approved_on is not None:
            approvals[party.party] = party.approved_on

    last_approval = (
        None if not approvals or None in approvals.values() else max(d for d in approvals.values() if d is not None)
    )
    formation_on = None
    if last_approval is not None:
        formation_on = max(last_approval, data.start_on) if data.start_on else last_approval

    chain = {(s.party, s.step_id) for s in _critical_chain(steps, _critical_party(data.parties, approvals))}
    steps = [replace(s, critical=True) if (s.party, s.step_id) in chain else s for s in steps]
    shortfalls = _shortfalls(steps) if data.target else []
    if data.target and formation_on and formation_on > data.target:
        problems.append(
            PlanProblem(
                "target_missed",
                f"Målet {data.target.isoformat()} nås inte: förbundet kan bildas tidigast {formation_on.isoformat()}, "
                f"{(formation_on - data.target).days} dagar senare.",
            )
        )
    return Plan(
        today=data.today,
        target=data.target,
        start_on=data.start_on,
        formation_on=formation_on,
        last_approval_on=last_approval,
        steps=tuple(steps),
        critical_path=tuple(s for s in steps if s.critical),
        shortfalls=tuple(shortfalls),
        problems=tuple(problems),
    )


def _plan_party(party: PartyPending, data: PlanInput, problems: list[PlanProblem]) -> list[StepPlan]:
    stages = group_stages(party.steps)
    if not stages:
        return []
    earliest, pinned = _forward(party, stages, data, problems)
    due_by, latest = _backward(stages, data.calendar, data.target) if data.target else ({}, {})
    planned: list[StepPlan] = []
    for index, stage in enumerate(stages):
        for step in stage:
            gate, first = earliest[step.step_id]
            override = data.overrides.get((party.party, step.step_id))
            last = latest.get(step.step_id)
            must = due_by.get(step.step_id)
            if step.step_id in pinned and last is not None and gate is not None and last < gate:
                # A deadline set by hand on an earlier step moved this one past the meeting that kept the
                # target: its deadline is the first meeting it can still take (the target is missed, and said).
                last = must = None
            # The deadline is the meeting that keeps the target; without a target, the first reachable one.
            deadline = override or last or must or first
            meeting = last or first
            if override is not None:
                # The meeting a hand-set day stands for: the body's last one by that day (not before the step may
                # be decided); none when the calendar has no such meeting (an extra one, say).
                by_then = data.calendar.last_on_or_before(step.body, override)
                meeting = by_then if by_then is not None and (gate is None or by_then >= gate) else None
            planned.append(
                StepPlan(
                    party=party.party,
                    name=party.name,
                    step_id=step.step_id,
                    label=step.label,
                    body=step.body,
                    lead_days=step.lead_days,
                    stage=index,
                    last_stage=index == len(stages) - 1,
                    not_before=gate,
                    earliest=first,
                    due_by=due_by.get(step.step_id),
                    latest=latest.get(step.step_id),
                    deadline=deadline,
                    deadline_overridden=override is not None,
                    meeting_on=meeting,
                )
            )
    return planned


def _forward(
    party: PartyPending, stages: list[list[PendingStep]], data: PlanInput, problems: list[PlanProblem]
) -> tuple[dict[str, tuple[date | None, date | None]], set[str]]:
    """For every step: the first day it may be decided and the first meeting on or after that day; and the
    steps that come after a deadline set by hand (their first day counts from it)."""
    result: dict[str, tuple[date | None, date | None]] = {}
    pinned: set[str] = set()
    after_override = False
    gate: date | None = max(data.today, party.ready_from) if party.ready_from else data.today
    for stage in stages:
        next_gates: list[date | None] = []
        for step in stage:
            first = data.calendar.first_on_or_after(step.body, gate) if gate else None
            if gate is not None and first is None:
                problems.append(_no_meeting(party, step, gate, data.calendar))
            result[step.step_id] = (gate, first)
            if after_override:
                pinned.add(step.step_id)
            # A deadline set by hand says when this step is decided; the next stage counts its lead from that day.
            decided = data.overrides.get((party.party, step.step_id)) or first
            next_gates.append(decided + _gap(step) if decided else None)
        after_override = after_override or any((party.party, s.step_id) in data.overrides for s in stage)
        # Never before today: a deadline set by hand that has passed undecided still moves the next stage, but
        # no meeting already held can take it.
        gate = None if None in next_gates else max(data.today, *(d for d in next_gates if d is not None))
    return result, pinned


def _backward(
    stages: list[list[PendingStep]], calendar: MeetingCalendar, target: date
) -> tuple[dict[str, date], dict[str, date]]:
    """For every step: the last day it may be decided to keep the target, and the last meeting by then."""
    due_by: dict[str, date] = {}
    latest: dict[str, date] = {}
    # The day by which the following stage must have met; for the approving stage, the target itself.
    anchor = target
    for position, stage in enumerate(reversed(stages)):
        anchors: list[date] = []
        for step in stage:
            must = anchor if position == 0 else anchor - _gap(step)
            due_by[step.step_id] = must
            meeting = calendar.last_on_or_before(step.body, must)
            if meeting is not None:
                latest[step.step_id] = meeting
            # Without a meeting in the window, plan on against the bare date so earlier steps still get one.
            anchors.append(meeting or must)
        anchor = min(anchors)
    return due_by, latest


def _no_meeting(party: PartyPending, step: PendingStep, gate: date, calendar: MeetingCalendar) -> PlanProblem:
    if not step.body.strip():
        message = (
            f'Steget "{step.label}" för {party.name} saknar beslutande organ i arbetsflödet, '
            "så det kan inte planeras mot någon sammanträdesplan."
        )
        return PlanProblem("step_without_body", message, party.party, step.step_id)
    if not calendar.has_body(step.body):
        message = (
            f'{step.body} har inga sammanträden i kalendern, så steget "{step.label}" för {party.name} '
            "kan inte planeras; lägg in organets sammanträdesplan."
        )
        return PlanProblem("no_calendar", message, party.party, step.step_id)
    message = (
        f"{step.body} har inga sammanträden i kalendern från och med {gate.isoformat()}, så steget "
        f'"{step.label}" för {party.name} kan inte planeras; lägg in nästa års sammanträdesplan.'
    )
    return PlanProblem("calendar_ends", message, party.party, step.step_id)


def _critical_party(parties: tuple[PartyPending, ...], approvals: dict[str, date | None]) -> str | None:
    """The party whose approval comes last (the first such party on a tie); None if any cannot be planned."""
    pending = [p.party for p in parties if p.steps]
    if not pending or None in approvals.values():
        return None
    return max(pending, key=lambda slug: (approvals[slug], -pending.index(slug)))


def _critical_chain(steps: list[StepPlan], party: str | None) -> list[StepPlan]:
    """The binding step of every stage of the critical party: the one whose meeting plus lead gates the next."""
    own = [s for s in steps if s.party == party]
    if not own:
        return []
    chain: list[StepPlan] = []
    for stage in sorted({s.stage for s in own}):
        members = [s for s in own if s.stage == stage]

        def reach(s: StepPlan) -> date:
            # The day the next stage counts from: a deadline set by hand, else the first meeting.
            day = s.earliest if s.last_stage or not s.deadline_overridden else s.deadline
            assert day is not None  # the critical party is fully planned
            return day if s.last_stage else day + lead_gap(s.lead_days)

        chain.append(max(members, key=reach))
    return chain


def _shortfalls(steps: list[StepPlan]) -> list[Shortfall]:
    """Steps whose window before the target holds no reachable meeting, with what would have to move."""
    found: list[Shortfall] = []
    for s in steps:
        if s.due_by is None or (s.earliest is not None and s.earliest <= s.due_by):
            continue
        if s.not_before is not None and s.not_before > s.due_by:
            # The window closed before this step could start; that is an earlier step's shortfall unless this
            # is the party's first pending stage, where only today (or the previous decision) is in the way.
            if s.stage == 0:
                found.append(_shortfall(ShortfallKind.TOO_LATE, s))
            continue
        kind = ShortfallKind.NO_MEETING if s.earliest is None else ShortfallKind.MOVE_MEETING
        found.append(_shortfall(kind, s))
    return found


def _shortfall(kind: ShortfallKind, s: StepPlan) -> Shortfall:
    assert s.due_by is not None
    return Shortfall(
        kind=kind,
        party=s.party,
        name=s.name,
        step_id=s.step_id,
        label=s.label,
        body=s.body,
        not_before=s.not_before,
        due_by=s.due_by,
        earliest=s.earliest,
    )
