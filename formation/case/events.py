"""The events: one frozen dataclass per kind of accepted change. The log is append-only; a mistake is
corrected by an `EventCorrected` or `EventVoided` that names the event it amends.

Where a field is stored is declared next to it (`wire(...)`), and `codec.py` is the only code that reads
those declarations: the event row, the export format and `log --json` all use that one codec.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar

from formation.domain.outcomes import AppealOutcome, Outcome
from formation.domain.parties import PartyKind

# The flat columns of an event row (and of an exported event). Anything else lives in `data`.
COLUMNS = ("party", "step", "outcome", "date", "body", "paragraph", "dnr", "fo_version", "anslag", "note")


class Unset(Enum):
    """A field a `PartyUpdated` leaves as it was (distinct from None, which clears it)."""

    UNSET = "unset"


UNSET = Unset.UNSET


def wire(*places: str, default: Any = MISSING) -> Any:
    """Declare where a field is stored: a column name from COLUMNS and/or "data" (the default).
    Several places write the value to each (kept for the shape existing databases have)."""
    return field(default=default, metadata={"wire": places})


@dataclass(frozen=True, kw_only=True)
class CaseCreated:
    """A new case. `template` is the workflow template pinned to the case (None in databases written before
    templates were pinned: those cases use the frozen first FINSAM template)."""

    TYPE: ClassVar[str] = "case_created"
    name: str
    slug: str
    seat: str | None = None
    target_start: dt.date | None = None
    no_region: bool = False
    template: dict[str, Any] | None = None


@dataclass(frozen=True, kw_only=True)
class PartyAdded:
    """A party joins the case; `workflow` is its own variant of the decision path (None: the template's)."""

    TYPE: ClassVar[str] = "party_added"
    slug: str = wire("party", "data")
    name: str
    kind: PartyKind
    observer: bool = False
    member_since: dt.date | None = None
    key_percent: Decimal | None = None
    population: int | None = None
    email: str | None = None
    workflow: dict[str, Any] | None = None

    @property
    def party(self) -> str:
        return self.slug


@dataclass(frozen=True, kw_only=True)
class PartyUpdated:
    """A party's funding key, population or contact changed; UNSET fields stay as they were."""

    TYPE: ClassVar[str] = "party_updated"
    party: str = wire("party")
    key_percent: Decimal | None | Unset = UNSET
    population: int | None | Unset = UNSET
    email: str | None | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class ForbundsordningAdded:
    """A version of the förbundsordning. Its text is stored beside the log under `sha256`.
    `in_force` registers the version of a förbund that already exists (joining)."""

    TYPE: ClassVar[str] = "fo_added"
    number: int = wire("fo_version", "data")
    sha256: str
    added_on: dt.date | None = wire("date", default=None)
    filename: str = ""
    start_date: dt.date | None = None
    in_force: bool = False
    formed_on: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class DecisionRecorded:
    """A body decided on a party's step."""

    TYPE: ClassVar[str] = "decision"
    party: str = wire("party")
    step: str = wire("step")
    outcome: Outcome = wire("outcome")
    decided_on: dt.date = wire("date")
    body: str | None = wire("body", default=None)
    paragraph: str | None = wire("paragraph", default=None)
    dnr: str | None = wire("dnr", default=None)
    fo_version: int | None = wire("fo_version", default=None)
    anslag: dt.date | None = wire("anslag", default=None)
    note: str | None = wire("note", default=None)


@dataclass(frozen=True, kw_only=True)
class StepSkipped:
    """A step is not applicable for a party ("ej aktuellt"), with the reason."""

    TYPE: ClassVar[str] = "skip"
    party: str = wire("party")
    step: str = wire("step")
    reason: str = wire("note")
    on: dt.date | None = wire("date", default=None)


@dataclass(frozen=True, kw_only=True)
class WorkflowChanged:
    """A party now follows its own variant of the decision path."""

    TYPE: ClassVar[str] = "workflow_changed"
    party: str = wire("party")
    workflow: dict[str, Any]
    file: str | None = None


@dataclass(frozen=True, kw_only=True)
class WorkflowUpgraded:
    """The case moved to another version of the workflow template."""

    TYPE: ClassVar[str] = "workflow_upgraded"
    template: dict[str, Any]
    reason: str | None = wire("note", default=None)


@dataclass(frozen=True, kw_only=True)
class AppealFiled:
    """An överklagande (laglighetsprövning) of a party's approving decision reached the court."""

    TYPE: ClassVar[str] = "appeal_filed"
    party: str = wire("party")
    filed_on: dt.date = wire("date")
    appellant: str | None = None
    court: str | None = None


@dataclass(frozen=True, kw_only=True)
class AppealDecided:
    """The court's ruling on a pending appeal."""

    TYPE: ClassVar[str] = "appeal_decided"
    party: str = wire("party")
    decided_on: dt.date = wire("date")
    outcome: AppealOutcome


@dataclass(frozen=True, kw_only=True)
class NoticeGiven:
    """A member gave notice of leaving (utträde)."""

    TYPE: ClassVar[str] = "notice_given"
    party: str = wire("party")
    given_on: dt.date = wire("date")
    years: int = 3


@dataclass(frozen=True, kw_only=True)
class BoardSeatAdded:
    """A member appointed a ledamot or ersättare to the förbund's styrelse."""

    TYPE: ClassVar[str] = "board_seat_added"
    party: str = wire("party")
    person: str
    role: str
    term_start: dt.date
    term_end: dt.date
    fullmaktige: str | None = None
    employed_by: str | None = None


@dataclass(frozen=True, kw_only=True)
class BoardSeatRemoved:
    """A person left the styrelse."""

    TYPE: ClassVar[str] = "board_seat_removed"
    party: str = wire("party")
    person: str


@dataclass(frozen=True, kw_only=True)
class MeetingAdded:
    """A body meets on a day (one row of a sammanträdesplan); `party` None: the meeting is not tied to a party."""

    TYPE: ClassVar[str] = "meeting_added"
    body: str = wire("body")
    on: dt.date = wire("date")
    party: str | None = wire("party", default=None)
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class MeetingRemoved:
    """A meeting is taken out of the calendar (cancelled or entered by mistake)."""

    TYPE: ClassVar[str] = "meeting_removed"
    body: str = wire("body")
    on: dt.date = wire("date")
    party: str | None = wire("party", default=None)


@dataclass(frozen=True, kw_only=True)
class ContactAdded:
    """Someone at a party who receives its reminders."""

    TYPE: ClassVar[str] = "contact_added"
    party: str = wire("party")
    name: str
    email: str
    role: str | None = None


@dataclass(frozen=True, kw_only=True)
class ContactRemoved:
    TYPE: ClassVar[str] = "contact_removed"
    party: str = wire("party")
    email: str


@dataclass(frozen=True, kw_only=True)
class DeadlineSet:
    """A deadline for a party's step set by hand (overrides the planned one); `on` None returns to the plan."""

    TYPE: ClassVar[str] = "deadline_set"
    party: str = wire("party")
    step: str = wire("step")
    on: dt.date | None = wire("date", default=None)


@dataclass(frozen=True, kw_only=True)
class BodyNamed:
    """For `party`, the template's `body` (as its steps name it, "Ansvarig nämnd") is called `name`
    ("Socialnämnden"): the party's steps of that body are planned on the meetings of `name`. `name` None (or
    empty) removes the party's name for the body."""

    TYPE: ClassVar[str] = "body_named"
    party: str = wire("party")
    body: str = wire("body")
    name: str | None = None


@dataclass(frozen=True, kw_only=True)
class EventCorrected:
    """Event `target` is amended: `changes` maps wire field names to their corrected values (as the codec
    stores them). The original stays in the log; replay reads the corrected version."""

    TYPE: ClassVar[str] = "event_corrected"
    target: int
    changes: dict[str, Any]
    reason: str = wire("note")


@dataclass(frozen=True, kw_only=True)
class EventVoided:
    """Event `target` is struck: replay passes over it. The original stays in the log."""

    TYPE: ClassVar[str] = "event_voided"
    target: int
    reason: str = wire("note")


DomainEvent = (
    CaseCreated
    | PartyAdded
    | PartyUpdated
    | ForbundsordningAdded
    | DecisionRecorded
    | StepSkipped
    | WorkflowChanged
    | WorkflowUpgraded
    | AppealFiled
    | AppealDecided
    | NoticeGiven
    | BoardSeatAdded
    | BoardSeatRemoved
    | MeetingAdded
    | MeetingRemoved
    | ContactAdded
    | ContactRemoved
    | DeadlineSet
    | BodyNamed
)
"""Events that change the case itself (what the reducer folds)."""

HistoryEvent = EventCorrected | EventVoided
"""Events about other events (resolved before folding)."""

Event = DomainEvent | HistoryEvent

EVENT_TYPES: tuple[type[Any], ...] = (
    CaseCreated,
    PartyAdded,
    PartyUpdated,
    ForbundsordningAdded,
    DecisionRecorded,
    StepSkipped,
    WorkflowChanged,
    WorkflowUpgraded,
    AppealFiled,
    AppealDecided,
    NoticeGiven,
    BoardSeatAdded,
    BoardSeatRemoved,
    MeetingAdded,
    MeetingRemoved,
    ContactAdded,
    ContactRemoved,
    DeadlineSet,
    BodyNamed,
    EventCorrected,
    EventVoided,
)
BY_TYPE: dict[str, type[Any]] = {cls.TYPE: cls for cls in EVENT_TYPES}


@dataclass(frozen=True, kw_only=True)
class Envelope:
    """An event as recorded: its place in the case's log, who recorded it and when."""

    seq: int
    actor: str
    recorded_at: dt.datetime
    event: Event

    @property
    def type(self) -> str:
        return self.event.TYPE

    @property
    def party(self) -> str | None:
        return party_of(self.event)

    @property
    def effective_on(self) -> dt.date | None:
        """The day the event took effect (a decision's date); None for undated changes of structure."""
        return effective_date(self.event)


def party_of(event: Event) -> str | None:
    """The slug of the party an event concerns, if any."""
    return getattr(event, "party", None)


def effective_date(event: Event) -> dt.date | None:
    match event:
        case DecisionRecorded(decided_on=day) | AppealFiled(filed_on=day) | AppealDecided(decided_on=day):
            return day
        case NoticeGiven(given_on=day):
            return day
        case StepSkipped(on=day):
            return day
        case ForbundsordningAdded(added_on=day):
            return day
        case _:
            return None
