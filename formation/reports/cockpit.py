"""The cockpit's read model: plain data for the TUI's screens, computed from a CaseView and the log.

Pure functions, no Textual: what the formation is waiting for, what each party can decide now (asked of the
state machine), the log in rows a screen can filter, the versions' diff and the parties × stages matrix. A
party in detail is `reports.party_detail`; the timeline, `reports.timeline`. The dashboard's types, and its
whole read as one `CockpitFrame`, are in `reports.cockpit_model` (the TUI shows a stored frame without this
module's imports).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from formation.case.events import Envelope, EventCorrected, EventVoided
from formation.case.machine import SKIP, possible_decisions
from formation.case.projection import PartyProgress
from formation.domain.labels import EVENT_TYPE_LABELS
from formation.domain.outcomes import Outcome
from formation.reports.cockpit_model import (
    CockpitFrame,
    MatrixCell,
    NextAction,
    PartyHandle,
    Progress,
    StageMatrix,
    StepChoice,
)
from formation.reports.log import Names, describe, log_day
from formation.services.views import CaseView
from workflows.model import StepDef


def progress(view: CaseView) -> Progress:
    """Members (not observers) that approved the current version."""
    projection = view.projection
    members = [p for p in view.parties if p.is_member]
    version = projection.current_version
    approved = sum(1 for p in members if p.approved and version is not None and p.approved_version == version)
    return Progress(approved=approved, members=len(members), version=version)


def step_choices(progress: PartyProgress) -> tuple[StepChoice, ...]:
    """The steps the machine lets this party act on now; for a party that said no, the step where it did (its
    body may decide anew, which the reducer allows on a later day)."""
    rejected = progress.rejected_step
    if rejected is not None:
        step = progress.workflow.step(rejected)
        assert step is not None
        return (_choice(progress, step, tuple(Outcome)),)
    choices = []
    for step_id, triggers in possible_decisions(progress.workflow, progress):
        step = progress.workflow.step(step_id)
        assert step is not None
        choices.append(_choice(progress, step, tuple(Outcome(t) for t in triggers if t != SKIP), SKIP in triggers))
    return tuple(choices)


def _choice(
    progress: PartyProgress, step: StepDef, outcomes: tuple[Outcome, ...], can_skip: bool = False
) -> StepChoice:
    appealable = step.appealable and progress.info.kind.value in ("kommun", "region")
    return StepChoice(step.id, step.label, outcomes, can_skip, appealable, step.body)


def decision_choices(view: CaseView) -> dict[str, tuple[StepChoice, ...]]:
    """Party slug → the steps it can act on now; parties with nothing to decide are left out."""
    result = {}
    for party in view.parties:
        choices = step_choices(party)
        if choices:
            result[party.info.slug] = choices
    return result


def next_actions(view: CaseView, choices_of: dict[str, tuple[StepChoice, ...]] | None = None) -> list[NextAction]:
    """Per party, the step it must decide next (its first open step; the machine may allow recording later
    ones too, for a backfilled history, but the coordinator plans by the first). Those with a deadline first
    (earliest first), then in case order. `choices_of` is `decision_choices(view)` when the caller has it
    already (asking the machine is most of the work)."""
    from formation.schedule.case_plan import has_schedule, plan_for

    plan = plan_for(view.projection, view.as_of) if has_schedule(view.projection) else None
    if choices_of is None:
        choices_of = decision_choices(view)
    actions = []
    for p in view.parties:
        choices = choices_of.get(p.info.slug, ()) if p.is_member else ()
        if not choices:
            continue
        first = next((c for c in choices if c.step == p.first_open_step), choices[0])
        deadline = plan.next_deadline(p.info.slug) if plan is not None else None
        actions.append(NextAction(p.info.slug, p.info.name, (first,), deadline))
    return sorted(actions, key=lambda a: (a.deadline is None, a.deadline or date.max))


def cockpit_frame(view: CaseView) -> CockpitFrame:
    """The dashboard's read of `view`: its status document, progress, what to decide next, the matrix, and
    what the forms need of each party."""
    from formation.reports.status import status_document

    choices = decision_choices(view)
    parties = {
        p.info.slug: PartyHandle(p.info.slug, p.info.name, p.info.kind.value, p.info.observer) for p in view.parties
    }
    return CockpitFrame(
        revision=view.revision,
        as_of=view.as_of,
        first_event_on=view.projection.first_event_on,
        document=status_document(view),
        progress=progress(view),
        actions=tuple(next_actions(view, choices)),
        choices=choices,
        matrix=stage_matrix(view),
        parties=parties,
    )


# ---- the log ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogRow:
    """One event of the log as the log screen lists it."""

    seq: int
    day: date | None
    type: str
    type_label: str
    party: str | None
    text: str
    marks: tuple[str, ...] = field(default_factory=tuple)
    correctable: bool = False


def log_rows(view: CaseView, log: Sequence[Envelope]) -> list[LogRow]:
    """Every event, with the marks of corrections and voids that amend it."""
    names = Names(view.projection, log)
    struck = {e.event.target: e.seq for e in log if isinstance(e.event, EventVoided)}
    amended: dict[int, list[int]] = {}
    for envelope in log:
        if isinstance(envelope.event, EventCorrected):
            amended.setdefault(envelope.event.target, []).append(envelope.seq)
    party_of = {e.seq: e.party for e in log}
    rows = []
    for envelope in log:
        marks = []
        if envelope.seq in struck:
            marks.append(f"struken i {struck[envelope.seq]}")
        if envelope.seq in amended:
            marks.append("rättad i " + ", ".join(str(n) for n in amended[envelope.seq]))
        is_amendment = isinstance(envelope.event, EventCorrected | EventVoided)
        # An amendment belongs to the party of what it amends: filtered by that party, the log shows it too.
        party = envelope.party
        if party is None and isinstance(envelope.event, EventCorrected | EventVoided):
            party = party_of.get(envelope.event.target)
        rows.append(
            LogRow(
                envelope.seq,
                log_day(envelope),
                envelope.type,
                EVENT_TYPE_LABELS.get(envelope.type, envelope.type),
                party,
                describe(envelope.event, names),
                tuple(marks),
                correctable=not is_amendment and envelope.seq not in struck,
            )
        )
    return rows


def filter_log(
    rows: Sequence[LogRow],
    *,
    party: str | None = None,
    type: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[LogRow]:
    """The rows matching every filter given; a dated filter leaves out undated events."""
    result = []
    for row in rows:
        if party and row.party != party:
            continue
        if type and row.type != type:
            continue
        if (since or until) and row.day is None:
            continue
        if since and row.day and row.day < since:
            continue
        if until and row.day and row.day > until:
            continue
        result.append(row)
    return result


# ---- förbundsordning versions ----------------------------------------------------------------------------


def approvals_cancelled_by_new_version(view: CaseView) -> list[str]:
    """What adding a version would undo: each approval of an older version stops counting (it stays in the
    history), and a rejection is reopened. One sentence per party, for the confirmation."""
    lines = []
    for p in view.parties:
        if p.approved:
            lines.append(f"{p.info.name}: godkännandet av v{p.approved_version} ({p.approved_on}) räknas inte längre")
        elif p.rejected:
            lines.append(f"{p.info.name}: avslaget öppnas; parten ska besluta om den nya versionen")
    return lines


def version_diff(old: str, new: str, old_name: str, new_name: str) -> list[str]:
    """A unified diff between two texts, line by line."""
    return list(difflib.unified_diff(old.splitlines(), new.splitlines(), old_name, new_name, lineterm=""))


# ---- the parties × stages matrix -------------------------------------------------------------------------

APPROVING = "approve"
"""The column of the stage holding the approving step, whatever its id (fullmaktige, beslut, …)."""
STAGE_LABELS = {
    "forstudie": "Förstudie",
    "inriktningsbeslut": "Inriktning",
    "namnd": "Nämnd",
    "remiss": "Remiss",
    "styrelse": "Styrelse",
    APPROVING: "Antagande",
}


def _stage_key(progress: PartyProgress, index: int) -> str:
    stage = progress.workflow.stages[index]
    return APPROVING if any(step.approves for step in stage.steps) else stage.id


def stage_matrix(view: CaseView) -> StageMatrix:
    """Parties × stages: the stage ids of different workflows merged in path order, so a kommun with a remiss
    round and FK with two stages line up on Förstudie and Antagande."""
    keys: list[str] = []
    labels: dict[str, str] = {}
    for p in view.parties:
        previous = -1
        for index, stage in enumerate(p.workflow.stages):
            key = _stage_key(p, index)
            labels.setdefault(key, STAGE_LABELS.get(key, stage.steps[0].label))
            if key in keys:
                previous = keys.index(key)
            else:
                keys.insert(previous + 1, key)
                previous += 1
    if APPROVING in keys:
        keys.remove(APPROVING)
        keys.append(APPROVING)
    rows = []
    for p in view.parties:
        cells: list[MatrixCell | None] = [None] * len(keys)
        for index, stage in enumerate(p.workflow.stages):
            records = [p.steps[step.id] for step in stage.steps]
            statuses = tuple(r.status.value for r in records)
            summary = next((s for s in ("rejected", "pending", "done", "skipped") if s in statuses), "pending")
            # A stage still waiting shows no date: a date kept from an older decision (an approval of the
            # version before, an återremiss) would read as if something were planned for that day.
            days = [r.date for r in records if r.date is not None] if summary != "pending" else []
            cells[keys.index(_stage_key(p, index))] = MatrixCell(statuses, summary, max(days) if days else None)
        rows.append((p.info.slug, p.info.name, tuple(cells)))
    return StageMatrix(tuple((k, labels[k]) for k in keys), tuple(rows))
