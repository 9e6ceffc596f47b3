"""The commands: what a user asks the engine to do, in domain types (no command-line strings).

Each carries `expected_revision`, the case revision its writer read: a stale write is refused. The CLI passes
`--if-revision` when given (otherwise the revision it reads in the same transaction); the TUI always passes the
revision its screen shows. `services.handle(command)` is the one way in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from formation.case.events import UNSET, Envelope, Unset
from formation.domain.outcomes import AppealOutcome, Outcome
from formation.domain.parties import PartyKind
from workflows.model import PartyWorkflow, WorkflowSet


@dataclass(frozen=True, kw_only=True)
class Command:
    expected_revision: int | None = None


@dataclass(frozen=True, kw_only=True)
class InitCase(Command):
    name: str
    slug: str | None = None
    seat: str | None = None
    target_start: date | None = None
    no_region: bool = False


@dataclass(frozen=True, kw_only=True)
class AddParty(Command):
    name: str
    kind: PartyKind
    key_percent: Decimal | None = None
    population: int | None = None
    member_since: date | None = None
    email: str | None = None
    observer: bool = False
    workflow: PartyWorkflow | None = None


@dataclass(frozen=True, kw_only=True)
class UpdateParty(Command):
    """Change a party's funding key, population or e-mail; UNSET leaves a value, None clears it."""

    party: str
    key_percent: Decimal | None | Unset = UNSET
    population: int | None | Unset = UNSET
    email: str | None | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class SetPartyWorkflow(Command):
    party: str
    workflow: PartyWorkflow
    file: str | None = None


@dataclass(frozen=True, kw_only=True)
class AddForbundsordning(Command):
    text: str
    filename: str
    added_on: date | None = None
    start_date: date | None = None
    in_force: bool = False
    formed_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RecordDecision(Command):
    party: str
    step: str
    outcome: Outcome
    decided_on: date
    body: str | None = None
    paragraph: str | None = None
    dnr: str | None = None
    fo_version: int | None = None
    anslag: date | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class SkipStep(Command):
    party: str
    step: str
    reason: str
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class FileAppeal(Command):
    party: str
    filed_on: date
    appellant: str | None = None
    court: str | None = None


@dataclass(frozen=True, kw_only=True)
class DecideAppeal(Command):
    party: str
    outcome: AppealOutcome
    decided_on: date


@dataclass(frozen=True, kw_only=True)
class GiveNotice(Command):
    party: str
    given_on: date
    years: int = 3


@dataclass(frozen=True, kw_only=True)
class AddBoardSeat(Command):
    party: str
    person: str
    role: str
    term_start: date | None = None
    term_end: date | None = None
    fullmaktige: str | None = None
    employed: bool = False


@dataclass(frozen=True, kw_only=True)
class RemoveBoardSeat(Command):
    party: str
    person: str


@dataclass(frozen=True, kw_only=True)
class CorrectEvent(Command):
    """Amend event `seq`: `changes` maps the stored field names (date, anslag, body, …) to new values;
    a value of None clears an optional field."""

    seq: int
    changes: Mapping[str, Any]
    reason: str


@dataclass(frozen=True, kw_only=True)
class VoidEvent(Command):
    seq: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class UpgradeWorkflow(Command):
    """Move the case to another version of the template (by default the packaged one)."""

    template: WorkflowSet
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class ImportCase(Command):
    """A whole case from an export: its log, replayed and checked like the commands that made it."""

    events: Sequence[Envelope]
    texts: Mapping[str, str] = field(default_factory=dict)
    """Förbundsordning texts by sha256."""
    filenames: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class AddMeetings(Command):
    """Meetings of bodies (a sammanträdesplan); `party` None: global meetings, matched by body name alone.
    `as_body`: the meetings' body (one, the party's real name for it) is the party's name for this body of the
    template, recorded with the meetings (a `BodyNamed` unless the party already calls it so)."""

    meetings: Sequence[tuple[str, date]]
    party: str | None = None
    source: str | None = None
    as_body: str | None = None


@dataclass(frozen=True, kw_only=True)
class NameBody(Command):
    """For a party, a body of the template ("Ansvarig nämnd") is called `name` ("Socialnämnden"); `name` None
    removes the party's name for it."""

    party: str
    body: str
    name: str | None


@dataclass(frozen=True, kw_only=True)
class RemoveMeeting(Command):
    body: str
    on: date
    party: str | None = None


@dataclass(frozen=True, kw_only=True)
class AddContact(Command):
    party: str
    name: str
    email: str
    role: str | None = None


@dataclass(frozen=True, kw_only=True)
class RemoveContact(Command):
    party: str
    email: str


@dataclass(frozen=True, kw_only=True)
class SetDeadline(Command):
    """A deadline for a party's step set by hand; `on` None returns the step to the planned deadline."""

    party: str
    step: str
    on: date | None


CaseCommand = (
    InitCase
    | AddParty
    | UpdateParty
    | SetPartyWorkflow
    | AddForbundsordning
    | RecordDecision
    | SkipStep
    | FileAppeal
    | DecideAppeal
    | GiveNotice
    | AddBoardSeat
    | RemoveBoardSeat
    | CorrectEvent
    | VoidEvent
    | UpgradeWorkflow
    | ImportCase
    | AddMeetings
    | RemoveMeeting
    | AddContact
    | RemoveContact
    | SetDeadline
    | NameBody
)
