"""Whether a decision or a skip fits where a party stands. The state machine (machine.py) asks these as its
conditions; the reducer asks them first to say why, in one sentence, when the answer is no.

Sentences name the party and the step by label and never quote a user interface's syntax: the CLI and the TUI
add their own hint from the refusal's code.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from formation.domain.labels import outcome_label
from formation.domain.outcomes import StepStatus
from formation.errors import Refusal
from workflows.model import StepDef

if TYPE_CHECKING:
    from formation.case.projection import PartyProgress


def known_step(progress: PartyProgress, step_id: str) -> StepDef | Refusal:
    """The step, or a refusal listing the steps this party's workflow has."""
    step = progress.workflow.step(step_id)
    if step is None:
        ids = ", ".join(s.id for s in progress.workflow.steps)
        return Refusal(
            f"{progress.info.name} har inget steg '{step_id}'; stegen är: {ids}.",
            code="unknown_step",
            party=progress.info.slug,
            step=step_id,
        )
    return step


def _closed(progress: PartyProgress) -> Refusal | None:
    name = progress.info.name
    if progress.rejected:
        return Refusal(
            f"{rejection(progress)}; andra steg kan registreras först när ett nytt beslut i det steget har "
            "registrerats eller en ny version av förbundsordningen har lagts till.",
            code="party_rejected",
            party=progress.info.slug,
        )
    if progress.approved:
        return Refusal(
            f"{name} har redan godkänt förbundsordningen v{progress.approved_version} "
            f"({progress.approved_on}); inget steg väntar på beslut.",
            code="party_approved",
            party=progress.info.slug,
        )
    return None


def _unreachable(progress: PartyProgress, step: StepDef) -> Refusal | None:
    """Refuse a step in a later stage while an earlier one is open, naming the missing step."""
    workflow = progress.workflow
    current = workflow.stage_index(progress.state)
    wanted = workflow.stage_index_of(step.id)
    record = progress.steps[step.id]
    if wanted < current or record.status is not StepStatus.PENDING:
        what = "markerat som ej aktuellt" if record.status is StepStatus.SKIPPED else "redan beslutat"
        when = f" ({outcome_label(record.outcome)} {record.date})" if record.outcome and record.date else ""
        return Refusal(
            f"Steget '{step.label}' är {what} för {progress.info.name}{when}.",
            code="step_settled",
            party=progress.info.slug,
            step=step.id,
        )
    for stage in workflow.stages[current:wanted]:
        for missing in stage.steps:
            if progress.steps[missing.id].status is StepStatus.PENDING:
                return Refusal(
                    f"Steget '{missing.label}' är inte beslutat för {progress.info.name} ännu; det kommer före "
                    f"'{step.label}'.",
                    code="earlier_step_open",
                    party=progress.info.slug,
                    step=missing.id,
                )
    return None


def _dates_out_of_order(progress: PartyProgress, step: StepDef, on: date) -> Refusal | None:
    workflow = progress.workflow
    record = progress.steps[step.id]
    if record.date is not None and record.outcome is not None and on < record.date:
        return Refusal(
            f"Beslutsdatumet {on} ligger före förra behandlingen av '{step.label}' "
            f"({outcome_label(record.outcome)} {record.date}) för {progress.info.name}; kontrollera datumet.",
            code="date_before_previous",
            party=progress.info.slug,
            step=step.id,
        )
    for stage in workflow.stages[: workflow.stage_index_of(step.id)]:
        for previous in stage.steps:
            earlier = progress.steps[previous.id]
            if earlier.status is StepStatus.DONE and earlier.date is not None and on < earlier.date:
                return Refusal(
                    f"Beslutsdatumet {on} ligger före föregående steg '{previous.label}' ({earlier.date}) "
                    f"för {progress.info.name}; kontrollera datumet.",
                    code="date_before_previous",
                    party=progress.info.slug,
                    step=previous.id,
                )
    return None


def rejection(progress: PartyProgress) -> str:
    """'Region Stockholm avslog i steget 'Nämndbeslut' 2022-03-01', for a party that said no."""
    step_id = progress.rejected_step
    step = progress.workflow.step(step_id) if step_id else None
    if step is None:  # pragma: no cover - a rejected party has its rejected step
        return f"{progress.info.name} har avslagit förslaget"
    return f"{progress.info.name} avslog i steget '{step.label}' {progress.steps[step.id].date}"


def reconsideration_refusal(progress: PartyProgress, step_id: str, on: date | None) -> Refusal | None:
    """Why a party that said no cannot decide `step_id` on `on`, or None when it can. A body that said no may
    take the matter up again and decide anew (kommunallagen does not bind it to its no): in the same step, on
    a later day. Any other step waits, as before, for that decision or a new version."""
    step = known_step(progress, step_id)
    if isinstance(step, Refusal):
        return step
    if step.id != progress.rejected_step:
        return _closed(progress)
    said_no_on = progress.steps[step.id].date
    if on is not None and said_no_on is not None and on <= said_no_on:
        return Refusal(
            f"{rejection(progress)}; ett nytt beslut i samma steg måste ha ett senare datum än avslaget.",
            code="reconsidered_too_early",
            party=progress.info.slug,
            step=step.id,
        )
    return None


def decision_refusal(progress: PartyProgress, step_id: str, on: date | None) -> Refusal | None:
    """Why `step_id` cannot be decided on `on` now, or None when it can."""
    step = known_step(progress, step_id)
    if isinstance(step, Refusal):
        return step
    refusal = _closed(progress) or _unreachable(progress, step)
    if refusal is None and on is not None:
        refusal = _dates_out_of_order(progress, step, on)
    return refusal


def skip_refusal(progress: PartyProgress, step_id: str) -> Refusal | None:
    """Why `step_id` cannot be marked as not applicable now, or None when it can. A later step may be
    marked in advance (e.g. "no nämnd here"); the path passes over it when it gets there."""
    step = known_step(progress, step_id)
    if isinstance(step, Refusal):
        return step
    if not step.skippable:
        return Refusal(
            f"Steget '{step.label}' kan inte markeras som ej aktuellt för {progress.info.name}: det är beslutet "
            "som godkänner förbundsordningen.",
            code="step_not_skippable",
            party=progress.info.slug,
            step=step.id,
        )
    refusal = _closed(progress)
    if refusal is not None:
        return refusal
    workflow = progress.workflow
    record = progress.steps[step.id]
    if workflow.stage_index_of(step.id) < workflow.stage_index(progress.state) or (
        record.status is not StepStatus.PENDING
    ):
        return Refusal(
            f"Steget '{step.label}' är redan avklarat för {progress.info.name}.",
            code="step_settled",
            party=progress.info.slug,
            step=step.id,
        )
    return None
