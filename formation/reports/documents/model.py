"""The plain input of the document renderers: what a snapshot or a beslutsunderlag shows, already cleaned.

Built from the `status --json` document shape and its neighbours (`log`, `finance`, `board list`, the
förbundsordning and its § 9 checklist) by `formation.reports.documents.build`, so that the renderers
depend on no engine module. Strings here are user-facing Swedish, with contact data already removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class StepRow:
    """One step of a party's decision path as of the snapshot date."""

    step_id: str
    label: str
    status: str  # done, pending, skipped, rejected (StepStatus values)
    status_label: str  # Swedish: "beslutat", "väntar", "ej aktuellt", "avslag"
    date: dt.date | None
    body: str | None
    paragraph: str | None
    dnr: str | None
    outcome: str | None  # Swedish outcome word: "bifall", "återremiss", ...
    fo_version: int | None
    note: str | None  # the reason of a skipped step, or earlier outcomes on the same step
    earlier: tuple[tuple[dt.date, str], ...]  # earlier decisions on the step: (day, Swedish outcome word)
    planned_on: dt.date | None  # planned meeting (from the plan), pending steps only
    planned_body: str | None
    deadline: dt.date | None


@dataclass(frozen=True)
class AppealInfo:
    """An appeal (laglighetsprövning) of the party's approval; the appellant is not shown."""

    filed_on: dt.date | None
    court: str | None
    decided_on: dt.date | None
    outcome: str | None
    pending: bool
    late: bool = False
    """Pending, but filed after the appeal period: it does not hold the decisions from laga kraft."""


@dataclass(frozen=True)
class PartyRow:
    """One party: who it is, where it stands and its steps."""

    name: str
    slug: str
    kind: str
    kind_label: str  # "kommun", "region", "statlig myndighet", ...
    observer: bool
    member: bool  # counts for formation: not an observer and has not left
    member_since: dt.date | None  # set for members of an existing förbund registered as such
    joining: bool  # enters an already formed förbund through an amended förbundsordning
    state: str
    state_text: str  # Swedish: "godkänt version 1 den 22 februari 2016", "väntar på …"
    approved_version: int | None
    approved_on: dt.date | None
    anslag_on: dt.date | None
    appeal_ends_on: dt.date | None
    final_on: dt.date | None  # the day after the appeal period, when no appeal is pending
    final: bool  # final_on has come: the approval has laga kraft
    appealable: bool  # kommun/region fullmäktige decisions can be appealed (KL 13 kap.)
    leaves_on: dt.date | None
    next_deadline: dt.date | None
    appeal: AppealInfo | None
    decider: str | None  # the body that approves for the party, e.g. "Kommunfullmäktige"
    steps: tuple[StepRow, ...]


@dataclass(frozen=True)
class ChecklistRow:
    """One of the 15 points of 9 § lagen (2003:1210)."""

    number: int
    label: str
    found: bool
    where: str | None


@dataclass(frozen=True)
class FoBlock:
    """A block of the förbundsordning text: kind is h1, h2, h3, p or li."""

    kind: str
    text: str


@dataclass(frozen=True)
class ForbundsordningData:
    """The version of the förbundsordning the document is about."""

    number: int
    sha256: str
    start_date: dt.date | None  # the day the version is to apply from, when it names one
    text: str
    blocks: tuple[FoBlock, ...]
    checklist: tuple[ChecklistRow, ...]

    @property
    def missing(self) -> tuple[ChecklistRow, ...]:
        return tuple(row for row in self.checklist if not row.found)


@dataclass(frozen=True)
class FinanceRow:
    """One party's contribution (5 §)."""

    party: str
    kind: str
    share: float
    amount: int


@dataclass(frozen=True)
class FinanceData:
    """The financing split for the budget year."""

    total: int
    budget_year: int
    limited_by: str | None  # the party whose offer sets the total, when offers were used
    rows: tuple[FinanceRow, ...]


@dataclass(frozen=True)
class BoardRow:
    """One appointment to the board, current or for the next term; names of elected members are public,
    contact data is not kept."""

    party: str
    person: str
    role: str  # ledamot, ersattare
    role_label: str  # "ledamot", "ersättare"
    term_start: dt.date | None
    term_end: dt.date | None
    fullmaktige: str | None
    employed_by: str | None
    upcoming: bool  # the term starts after the snapshot date


@dataclass(frozen=True)
class EventRow:
    """One line of the latest events."""

    seq: int
    date: dt.date | None
    text: str


@dataclass(frozen=True)
class PlannedMeeting:
    """A planned meeting of a body that is to take a party's pending step."""

    party: str  # party slug
    step: str | None
    body: str | None
    date: dt.date


@dataclass(frozen=True)
class PlanData:
    """Planned meetings and the formation date they lead to."""

    projected_formed_on: dt.date | None
    meetings: tuple[PlannedMeeting, ...]


@dataclass(frozen=True)
class SnapshotData:
    """Everything the status snapshot shows, as of one day."""

    name: str
    slug: str
    seat: str | None
    as_of: dt.date
    state: str  # forming, formed
    formed: bool
    formed_on: dt.date | None
    final_on: dt.date | None
    target_start: dt.date | None
    fo_version: int | None
    pending_version: int | None
    pending_effective_on: dt.date | None
    summary: str  # the one summary paragraph, Swedish
    parties: tuple[PartyRow, ...]
    fo: ForbundsordningData | None
    finance: FinanceData | None
    board: tuple[BoardRow, ...]
    events: tuple[EventRow, ...]
    plan: PlanData | None
    problems: tuple[str, ...]

    @property
    def members(self) -> tuple[PartyRow, ...]:
        return tuple(p for p in self.parties if p.member)

    def party(self, slug: str) -> PartyRow:
        for party in self.parties:
            if party.slug == slug or party.name == slug:
                return party
        raise KeyError(slug)


@dataclass(frozen=True)
class DecisionPoint:
    """One att-sats of the proposed decision."""

    text: str


@dataclass(frozen=True)
class UnderlagData:
    """The beslutsunderlag for one party's next decision on the förbundsordning."""

    snapshot: SnapshotData
    party: PartyRow
    title: str
    decider: str  # "Kommunfullmäktige", "Försäkringskassan", ...
    next_step: StepRow | None  # the party's approving step
    meeting_on: dt.date | None  # the planned meeting for it, when known
    contribution: FinanceRow | None
    budget_year: int | None
    ledamoter: tuple[str, ...]  # names already appointed for the party, if any
    ersattare: tuple[str, ...]
    immediate_justering: bool
    justering_reason: str | None
    decision_points: tuple[DecisionPoint, ...]
    background: tuple[str, ...]  # paragraphs of the ärendebeskrivning

    @property
    def heading(self) -> str:
        """'Stockholms stad · Kommunfullmäktige', or just the agency when it decides itself."""
        if self.decider == self.party.name:
            return self.party.name
        return f"{self.party.name} · {self.decider}"
