"""The inputs and the result of planning, as plain frozen data (no I/O, no database rows)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from formation.schedule.calendars import MeetingCalendar


@dataclass(frozen=True)
class PendingStep:
    """A step a party has still to decide, with what planning needs from the workflow definition."""

    step_id: str
    label: str
    body: str
    lead_days: int = 0  # days this step's meeting must lie before the next step's meeting
    group: str | None = None  # adjacent steps with the same group are decided in parallel (one stage)


@dataclass(frozen=True)
class PartyPending:
    """One party's pending steps, in workflow order."""

    party: str  # the slug, used in keys
    name: str  # what users read
    steps: tuple[PendingStep, ...]
    ready_from: date | None = None  # first day the next step may be decided (last decision plus its lead)
    approved_on: date | None = None  # for a party with nothing pending: the day it approved
    rejected: bool = False  # said no: nothing is planned for it, and no formation date can be


@dataclass(frozen=True)
class PlanInput:
    """Everything planning looks at; `overrides` maps (party, step_id) to a deadline set by hand."""

    parties: tuple[PartyPending, ...]
    calendar: MeetingCalendar
    today: date
    target: date | None = None  # the case's target start date
    start_on: date | None = None  # a later start date the förbundsordning names, if any
    overrides: Mapping[tuple[str, str], date] = field(default_factory=dict)


@dataclass(frozen=True)
class StepPlan:
    """Where one pending step lands: forwards from today and backwards from the target."""

    party: str
    name: str
    step_id: str
    label: str
    body: str
    lead_days: int
    stage: int  # index among the party's pending stages; the last one approves
    last_stage: bool
    not_before: date | None  # first day the step can be decided, given today and the earlier steps
    earliest: date | None  # first meeting of the body on or after not_before
    due_by: date | None  # last day the decision keeps the target (None without a target)
    latest: date | None  # last meeting of the body on or before due_by
    deadline: date | None
    deadline_overridden: bool
    critical: bool = False
    meeting_on: date | None = None  # the meeting the deadline stands for (the one keeping the target, else the first)

    @property
    def slack_days(self) -> int | None:
        """Days between the earliest feasible meeting and the latest one that keeps the target."""
        if self.earliest is None or self.latest is None:
            return None
        return (self.latest - self.earliest).days


class ShortfallKind(StrEnum):
    """Why a step cannot keep the target."""

    MOVE_MEETING = "move_meeting"  # the body meets, but too late: a meeting must move or be added
    NO_MEETING = "no_meeting"  # the body has no meeting at all in the window that would keep the target
    TOO_LATE = "too_late"  # the window closed before today (or before the party's previous decision)


@dataclass(frozen=True)
class Shortfall:
    """One step that would have to be decided earlier than its calendar allows for the target to hold."""

    kind: ShortfallKind
    party: str
    name: str
    step_id: str
    label: str
    body: str
    not_before: date | None
    due_by: date
    earliest: date | None

    @property
    def move_days(self) -> int | None:
        """How many days earlier the body's first reachable meeting would have to be."""
        return None if self.earliest is None else (self.earliest - self.due_by).days


@dataclass(frozen=True)
class PlanProblem:
    """Something the plan cannot work out, said as one Swedish sentence."""

    code: str
    message: str
    party: str | None = None
    step_id: str | None = None


@dataclass(frozen=True)
class Plan:
    """The whole plan of a case."""

    today: date
    target: date | None
    start_on: date | None
    formation_on: date | None  # earliest possible formation; None when some party cannot be planned
    last_approval_on: date | None  # the last member's approving meeting
    steps: tuple[StepPlan, ...]
    critical_path: tuple[StepPlan, ...]
    shortfalls: tuple[Shortfall, ...]
    problems: tuple[PlanProblem, ...]

    @property
    def limited_by_start_on(self) -> bool:
        """True when the förbundsordning's start date, not a meeting, sets the formation date."""
        return self.start_on is not None and self.last_approval_on is not None and self.start_on > self.last_approval_on

    @property
    def target_met(self) -> bool | None:
        """Whether the target start date holds; None when there is no target or no formation date."""
        if self.target is None or self.formation_on is None:
            return None
        return self.formation_on <= self.target and not self.shortfalls

    def step(self, party: str, step_id: str) -> StepPlan | None:
        return next((s for s in self.steps if s.party == party and s.step_id == step_id), None)

    def next_deadline(self, party: str) -> date | None:
        """The nearest deadline among the party's pending steps (what `status` shows as next_deadline)."""
        dates = [s.deadline for s in self.steps if s.party == party and s.deadline is not None]
        return min(dates, default=None)
