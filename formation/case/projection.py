"""The projection: where each party stands, derived from the events and rebuilt from them at will."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from formation.case.step_rules import decision_refusal, skip_refusal
from formation.domain.board import BoardSeat, BoardSeats
from formation.domain.outcomes import AppealOutcome, Outcome, StepStatus
from formation.domain.parties import PartyKind
from workflows.model import PartyWorkflow, WorkflowSet

APPROVED = "approved"
REJECTED = "rejected"
TERMINAL_STATES = (APPROVED, REJECTED)


@dataclass
class StepRecord:
    """Latest state of one step; `outcome`/`date` also show a bordläggning or återremiss on a pending step."""

    status: StepStatus = StepStatus.PENDING
    date: date | None = None
    outcome: Outcome | None = None
    fo_version: int | None = None
    reason: str | None = None


@dataclass
class PartyInfo:
    """Who a party is; fixed when it is added."""

    slug: str
    name: str
    kind: PartyKind
    observer: bool = False
    member_since: date | None = None
    key_percent: Decimal | None = None
    population: int | None = None
    email: str | None = None
    added_on: date | None = None
    """The day the party was entered (its recording date), for "as of" views of a backfilled history."""


@dataclass
class AppealInfo:
    """An appeal against a party's approving decision; pending until `decided_on` is set."""

    filed_on: date
    appellant: str | None = None
    court: str | None = None
    decided_on: date | None = None
    outcome: AppealOutcome | None = None

    @property
    def pending(self) -> bool:
        return self.decided_on is None


@dataclass
class PartyProgress:
    """The `transitions` model for one party: `state` is the machine's stage, the rest is plain data.
    The machine's conditions are the `may_*` methods below; the rules themselves are in `step_rules`."""

    info: PartyInfo
    workflow: PartyWorkflow
    state: str
    steps: dict[str, StepRecord]
    approved_version: int | None = None
    approved_on: date | None = None
    anslag_on: date | None = None
    appeal: AppealInfo | None = None
    leaves_on: date | None = None

    @classmethod
    def start(cls, info: PartyInfo, workflow: PartyWorkflow) -> PartyProgress:
        return cls(
            info=info,
            workflow=workflow,
            state=workflow.stages[0].id,
            steps={step.id: StepRecord() for step in workflow.steps},
        )

    def is_settled(self, step_id: str) -> bool:
        return self.steps[step_id].status in (StepStatus.DONE, StepStatus.SKIPPED)

    def is_decided(self, step_id: str) -> bool:
        return self.steps[step_id].status is StepStatus.DONE

    # ---- conditions of the state machine (see machine.py); each gets the transition's EventData --------

    def may_decide(self, event: Any) -> bool:
        return decision_refusal(self, event.kwargs["step"], event.kwargs.get("on")) is None

    def may_skip(self, event: Any) -> bool:
        return skip_refusal(self, event.kwargs["step"]) is None

    def in_current_stage(self, event: Any) -> bool:
        stage = self.workflow.stages[self.workflow.stage_index(self.state)]
        return any(step.id == event.kwargs["step"] for step in stage.steps)

    def completes_stage(self, event: Any) -> bool:
        """Deciding this step settles the last open step of the current stage."""
        stage = self.workflow.stages[self.workflow.stage_index(self.state)]
        return all(step.id == event.kwargs["step"] or self.is_settled(step.id) for step in stage.steps)

    def previous_stage_decided(self, event: Any) -> bool:
        """Återremiss returns the matter to the stage before only when that stage was decided and prepared
        this one; otherwise it stays where it is, back in preparation. After a skipped stage (KF never
        re-decides for KS), and before a stage the decider itself decided: a nämnd sends the matter back to its
        förvaltning, never fullmäktige's inriktningsbeslut back to fullmäktige."""
        index = self.workflow.stage_index(self.state)
        if index == 0:
            return False
        before = self.workflow.stages[index - 1].steps
        decider = self.workflow.decider
        if decider and any(step.body == decider for step in before) and not self._decided_by(decider, event):
            return False
        return any(self.is_decided(step.id) for step in before)

    def _decided_by(self, body: str, event: Any) -> bool:
        """Whether the step the trigger names is decided by `body` (fullmäktige may send back its own)."""
        step = self.workflow.step(event.kwargs.get("step", ""))
        return step is not None and step.body == body

    def stage_settled(self, event: Any) -> bool:
        stage = self.workflow.stages[self.workflow.stage_index(self.state)]
        return all(self.is_settled(step.id) for step in stage.steps)

    def is_reopen_target(self, event: Any) -> bool:
        return bool(event.kwargs.get("stage") == event.transition.dest)

    @property
    def is_member(self) -> bool:
        return not self.info.observer

    @property
    def approved(self) -> bool:
        return self.state == APPROVED

    @property
    def rejected(self) -> bool:
        return self.state == REJECTED

    @property
    def rejected_step(self) -> str | None:
        """The step where the party said no to the current proposal (while it is rejected), else None."""
        if self.state != REJECTED:
            return None
        return next((s.id for s in self.workflow.steps if self.steps[s.id].status is StepStatus.REJECTED), None)

    @property
    def first_open_step(self) -> str | None:
        """The first step, in definition order, that still waits for a decision."""
        if self.state in (APPROVED, REJECTED):
            return None
        for stage in self.workflow.stages[self.workflow.stage_index(self.state) :]:
            for step in stage.steps:
                if self.steps[step.id].status is StepStatus.PENDING:
                    return step.id
        return None

    @property
    def display_state(self) -> str:
        """`status --json` party state: the first undecided step, `approved` or `rejected`."""
        if self.state in (APPROVED, REJECTED):
            return self.state
        return self.first_open_step or self.state


@dataclass
class VersionInfo:
    """One version of the förbundsordning."""

    number: int
    sha256: str
    added_on: date | None
    start_date: date | None = None
    in_force: bool = False


@dataclass
class CaseProjection:
    """Everything `status` needs, for one case at one point in its history."""

    template: WorkflowSet
    name: str = ""
    slug: str = ""
    seat: str | None = None
    first_event_on: date | None = None
    """The earliest day any folded event took effect: when the formation began, as far as the log says."""
    last_event_on: date | None = None
    """The latest day any folded event took effect: a view "as of" a later day equals this projection."""
    parties: dict[str, PartyProgress] = field(default_factory=dict)
    versions: dict[int, VersionInfo] = field(default_factory=dict)
    current_version: int | None = None
    in_force_version: int | None = None
    formed_on: date | None = None
    target_start: date | None = None
    no_region: bool = False
    seats: BoardSeats = field(default_factory=BoardSeats)
    """The board, kept so that one party's seats are found without scanning all of them; see `board`."""
    meetings: dict[tuple[str | None, str, date], ScheduledMeeting] = field(default_factory=dict)
    """Meetings by (party or None for global, normalised body, day)."""
    contacts: dict[tuple[str, str], Contact] = field(default_factory=dict)
    """Reminder recipients by (party, case-folded e-mail)."""
    deadline_overrides: dict[tuple[str, str], date] = field(default_factory=dict)
    """Deadlines set by hand, by (party, step)."""
    body_names: dict[tuple[str, str], str] = field(default_factory=dict)
    """A party's own names for the template's bodies, by (party, normalised template body): "Ansvarig nämnd" is
    Sundbyberg's "Socialnämnden" (see `body_name`)."""

    @property
    def members(self) -> list[PartyProgress]:
        return [p for p in self.parties.values() if p.is_member]

    @property
    def has_schedule(self) -> bool:
        """Whether the case has anything to plan deadlines from (a calendar or a deadline set by hand)."""
        return bool(self.meetings or self.deadline_overrides)

    def body_name(self, party: str, body: str) -> str:
        """What the party calls the template's body (the body itself when the party gave no name)."""
        return self.body_names.get((party, body_key(body)), body) if self.body_names else body

    @property
    def board(self) -> list[BoardSeat]:
        """The board's seats in the order they were appointed (a new list: change it through `seats`)."""
        return self.seats.as_list()

    @board.setter
    def board(self, seats: Iterable[BoardSeat]) -> None:
        self.seats = BoardSeats(seats)


def body_key(name: str) -> str:
    """A body's name normalised for matching (case-folded, whitespace collapsed)."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class ScheduledMeeting:
    """One meeting in the case's calendars; `party` None: global (any party's body of that name)."""

    body: str
    on: date
    party: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Contact:
    """A person at a party who receives its reminders."""

    party: str
    name: str
    email: str
    role: str | None = None


def default_workflow(template: WorkflowSet, kind: PartyKind) -> PartyWorkflow:
    """The template path for a kind; an observing kommunalförbund follows the kommun path for its own
    decision to take part."""
    return template.for_kind(PartyKind.KOMMUN if kind is PartyKind.KOMMUNALFORBUND else kind)


def is_appealable(progress: PartyProgress) -> bool:
    """Whether the party's approval can be appealed (laglighetsprövning): said by its workflow definition."""
    return progress.workflow.approving_step.appealable
