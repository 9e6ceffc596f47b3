"""From a case's projection to the planning input, with meetings matched per party.

Body names repeat across parties ("Kommunfullmäktige" in every kommun), so a meeting may belong to a party.
A party's step is matched to the meetings of (that party, the normalised body) first; only when the party has
no meetings of that body are the global meetings of the body used. The body is the party's own name for the
template's body when it gave one (`BodyNamed`: Sundbyberg's "Ansvarig nämnd" is "Socialnämnden").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from formation.case.projection import CaseProjection, PartyProgress, ScheduledMeeting, body_key, default_workflow
from formation.domain.outcomes import StepStatus
from formation.domain.problems import Problem
from formation.schedule.calendars import Meeting, MeetingCalendar
from formation.schedule.pending import pending_steps, ready_after
from formation.schedule.plan_model import PartyPending, Plan, PlanInput
from formation.schedule.plan_text import days
from formation.schedule.planning import plan_case


class PartyBody(str):
    """A body name that remembers whose step it is, so the calendar can look up that party's meetings first, and
    the template's name for it: meetings entered under "Ansvarig nämnd" before the party named it "Socialnämnden
    i Solna stad" are still that body's. It reads (and prints) as the plain name."""

    party: str | None
    template_name: str | None

    def __new__(cls, value: str, party: str | None, template_name: str | None = None) -> PartyBody:
        made = super().__new__(cls, value)
        made.party = party
        made.template_name = template_name
        return made


class PartyCalendar(MeetingCalendar):
    """Meetings by (party, body), falling back to the global meetings of the body.

    A party's calendar of one body is indexed only when planning first asks for it: a national case has tens of
    thousands of meetings, and a plan asks for the bodies of the pending steps only."""

    def __init__(self, meetings: Iterable[ScheduledMeeting] = ()) -> None:
        listed = list(meetings)
        super().__init__(Meeting(m.body, m.on) for m in listed if m.party is None)
        self._listed = listed
        self._by_party: dict[tuple[str, str], list[ScheduledMeeting]] | None = None
        self._own: dict[tuple[str, str], MeetingCalendar] = {}

    @property
    def _grouped(self) -> dict[tuple[str, str], list[ScheduledMeeting]]:
        """The parties' meetings by (party, body_key), grouped when first asked for (a case whose members have
        all decided never asks)."""
        if self._by_party is None:
            grouped: dict[tuple[str, str], list[ScheduledMeeting]] = {}
            keys: dict[str, str] = {}  # body name -> body_key: a calendar repeats a handful of names
            for m in self._listed:
                if m.party is None:
                    continue
                key = keys.get(m.body)
                if key is None:
                    key = keys[m.body] = body_key(m.body)
                grouped.setdefault((m.party, key), []).append(m)
            self._by_party = grouped
        return self._by_party

    def _calendar_of(self, key: tuple[str, str]) -> MeetingCalendar | None:
        calendar = self._own.get(key)
        if calendar is None and key in self._grouped:
            meetings = self._grouped[key]
            calendar = self._own[key] = MeetingCalendar.of_body(meetings[0].body, (m.on for m in meetings))
        return calendar

    def _scope(self, body: str) -> tuple[MeetingCalendar, str] | None:
        """The party's own calendar of the body and the name its meetings are under: the party's name for it,
        else the template's (meetings entered before the body was named)."""
        party = getattr(body, "party", None)
        if party is None:
            return None
        for name in (body, getattr(body, "template_name", None)):
            if name and (own := self._calendar_of((party, body_key(name)))) is not None:
                return own, name
        return None

    def has_body(self, body: str) -> bool:
        own = self._scope(body)
        return own[0].has_body(own[1]) if own is not None else super().has_body(body)

    def dates_of(self, body: str) -> tuple[date, ...]:
        own = self._scope(body)
        return own[0].dates_of(own[1]) if own is not None else super().dates_of(body)

    def first_on_or_after(self, body: str, day: date) -> date | None:
        own = self._scope(body)
        return own[0].first_on_or_after(own[1], day) if own is not None else super().first_on_or_after(body, day)

    def last_on_or_before(self, body: str, day: date) -> date | None:
        own = self._scope(body)
        return own[0].last_on_or_before(own[1], day) if own is not None else super().last_on_or_before(body, day)


def party_pending(case: CaseProjection, progress: PartyProgress) -> PartyPending:
    """One party's pending steps (none once it has approved), with the day its next step may be decided."""
    info = progress.info
    if progress.approved or progress.rejected:
        approved_on = progress.approved_on if progress.approved else None
        return PartyPending(info.slug, info.name, (), approved_on=approved_on, rejected=progress.rejected)
    settled = {sid for sid, record in progress.steps.items() if record.status in (StepStatus.DONE, StepStatus.SKIPPED)}
    template = default_workflow(case.template, info.kind)
    named = party_bodies(case, progress)
    own_names = {sid: step.body for sid in named if (step := progress.workflow.step(sid)) is not None}
    steps = tuple(
        s.__class__(s.step_id, s.label, PartyBody(s.body, info.slug, own_names.get(s.step_id)), s.lead_days, s.group)
        for s in pending_steps(progress.workflow, settled, template=template, bodies=named)
    )
    ready_from = None
    decided = [
        (record.date, sid)
        for sid, record in progress.steps.items()
        if record.status is StepStatus.DONE and record.date is not None
    ]
    if decided:
        day, last = max(decided, key=lambda pair: pair[0] or date.min)
        step = progress.workflow.step(last)  # only the latest decision's step: a lookup builds the step list
        lead = step.lead_days if step is not None and step.lead_days is not None else 0
        assert day is not None
        ready_from = ready_after(day, lead)
    return PartyPending(info.slug, info.name, steps, ready_from=ready_from)


def party_bodies(case: CaseProjection, progress: PartyProgress) -> dict[str, str]:
    """The party's own names for its steps' bodies, by step id (`body named`): the template's "Ansvarig nämnd"
    is planned on the meetings of "Socialnämnden"."""
    if not case.body_names:
        return {}
    slug = progress.info.slug
    names = {}
    for step in progress.workflow.steps:
        name = case.body_names.get((slug, body_key(step.body))) if step.body else None
        if name is not None:
            names[step.id] = name
    return names


def plan_input(case: CaseProjection, today: date) -> PlanInput:
    """Everything planning needs from the case: the members' pending steps, the calendars, the overrides."""
    members = [p for p in case.parties.values() if p.is_member and p.leaves_on is None]
    start_on = None
    if case.current_version is not None and case.current_version in case.versions:
        start_on = case.versions[case.current_version].start_date
    return PlanInput(
        parties=tuple(party_pending(case, p) for p in members),
        calendar=PartyCalendar(case.meetings.values()),
        today=today,
        target=case.target_start,
        start_on=start_on,
        overrides=dict(case.deadline_overrides),
    )


def plan_for(case: CaseProjection, today: date) -> Plan:
    return plan_case(plan_input(case, today))


def has_schedule(case: CaseProjection) -> bool:
    """Whether the case has anything to plan deadlines from (a calendar or a deadline set by hand)."""
    return case.has_schedule


def deadlines_and_overdue(
    case: CaseProjection, today: date, parties: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The parties with `next_deadline` filled from the plan, and a problem for each step whose deadline has
    passed undecided: what `deadline list` marks FÖRSENAT and the reminders call overdue, so that `status` and
    the snapshot say it too."""
    if not case.has_schedule:
        return parties, []
    plan = plan_for(case, today)
    for party in parties:
        day = plan.next_deadline(str(party.get("slug")))
        party["next_deadline"] = day.isoformat() if day else None
    passed = [(s.deadline, s) for s in plan.steps if s.deadline is not None and s.deadline < today]
    late = sorted(passed, key=lambda found: found[0])
    problems = [
        Problem(
            "deadline_passed",
            f"{s.name}: {s.label} skulle ha beslutats senast {day} ({days((today - day).days)} försenat).",
            party=s.party,
            details={"step": s.step_id, "deadline": day.isoformat()},
        )
        for day, s in late
    ]
    return parties, problems
