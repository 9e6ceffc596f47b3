"""Reopening a party's path: a new förbundsordning version, or an approval that no longer stands."""

from __future__ import annotations

from formation.case.machine import reopen_at
from formation.case.projection import PartyProgress, StepRecord
from formation.domain.outcomes import StepStatus


def reopen_approval(progress: PartyProgress) -> None:
    """An approval of an older version no longer counts (or a court annulled it): the party decides again."""
    approving = progress.workflow.approving_step
    record = progress.steps[approving.id]
    progress.steps[approving.id] = StepRecord(date=record.date, outcome=record.outcome, fo_version=record.fo_version)
    progress.anslag_on = None
    progress.appeal = None
    reopen_at(progress.workflow, progress, progress.workflow.stage_of(approving.id))


def reopen_rejection(progress: PartyProgress) -> None:
    """A new version reopens a party that said no, at the step where it said no."""
    for step_id, record in progress.steps.items():
        if record.status is StepStatus.REJECTED:
            progress.steps[step_id] = StepRecord(date=record.date, outcome=record.outcome)
            reopen_at(progress.workflow, progress, progress.workflow.stage_of(step_id))
            return
