"""Whether a decision or a skip fits where the party stands; each refusal names what to do instead."""

from __future__ import annotations

from datetime import date

from formation.domain.outcomes import StepStatus
from formation.errors import Refusal
from formation.projection import CaseProjection, PartyProgress
from workflows.builder import APPROVED, REJECTED
from workflows.model import StepDef


def known_step(progress: PartyProgress, step_id: str) -> StepDef:
    """The step, or a refusal listing the steps this party's workflow has."""
    step = progress.workflow.step(step_id)
    if step is None:
        ids = ", ".join(s.id for s in progress.workflow.steps)
        raise Refusal(f"{progress.info.name} har inget steg '{step_id}'; stegen är: {ids}.")
    return step


def _check_open(progress: PartyProgress) -> None:
    name = progress.info.name
    if progress.state == REJECTED:
        raise Refusal(
            f"{name} har avslagit förslaget; ärendet öppnas igen först när en ny version av "
            "förbundsordningen läggs till med `formation fo add FIL`."
        )
    if progress.state == APPROVED:
        raise Refusal(
            f"{name} har redan godkänt förbundsordningen v{progress.approved_version} "
            f"({progress.approved_on}); inget steg väntar på beslut."
        )


def _check_reachable(progress: PartyProgress, step: StepDef) -> None:
    """Refuse a step in a later stage while an earlier one is open, naming the missing step."""
    workflow = progress.workflow
    current = workflow.stage_index(progress.state)
    wanted = workflow.stage_index_of(step.id)
    record = progress.steps[step.id]
    if wanted < current or record.status is not StepStatus.PENDING:
        what = "markerat som ej aktuellt" if record.status is StepStatus.SKIPPED else "redan beslutat"
        when = f" ({record.outcome.label} {record.date})" if record.outcome and record.date else ""
        raise Refusal(f"Steget '{step.label}' ({step.id}) är {what} för {progress.info.name}{when}.")
    for stage in workflow.stages[current:wanted]:
        for missing in stage.steps:
            if progress.steps[missing.id].status is StepStatus.PENDING:
                raise Refusal(
                    f"Steget '{missing.label}' ({missing.id}) är inte beslutat för {progress.info.name} "
                    f"ännu; registrera det först, eller markera det som ej aktuellt med "
                    f'`formation skip "{progress.info.name}" {missing.id} --reason TEXT`.'
                )


def check_decision_allowed(case: CaseProjection, progress: PartyProgress, step_id: str, on: date) -> StepDef:
    """The step to decide, or a Refusal saying why it cannot be decided now."""
    step = known_step(progress, step_id)
    _check_open(progress)
    _check_reachable(progress, step)
    workflow = progress.workflow
    earlier = [
        (s, progress.steps[s.id].date)
        for stage in workflow.stages[: workflow.stage_index_of(step.id)]
        for s in stage.steps
        if progress.steps[s.id].status is StepStatus.DONE
    ]
    record = progress.steps[step.id]
    if record.date is not None and record.outcome is not None and on < record.date:
        raise Refusal(
            f"Beslutsdatumet {on} ligger före förra behandlingen av '{step.label}' "
            f"({record.outcome.label} {record.date}) för {progress.info.name}; kontrollera datumet."
        )
    for previous, previous_date in earlier:
        if previous_date is not None and on < previous_date:
            raise Refusal(
                f"Beslutsdatumet {on} ligger före föregående steg '{previous.label}' ({previous_date}) "
                f"för {progress.info.name}; kontrollera datumet."
            )
    return step


def check_skip_allowed(progress: PartyProgress, step_id: str) -> StepDef:
    """The step to mark as not applicable, or a Refusal saying why it cannot be."""
    step = known_step(progress, step_id)
    if not step.skippable:
        raise Refusal(
            f"Steget '{step.label}' ({step.id}) kan inte markeras som ej aktuellt för "
            f"{progress.info.name}: det är beslutet som godkänner förbundsordningen."
        )
    _check_open(progress)
    workflow = progress.workflow
    record = progress.steps[step.id]
    if workflow.stage_index_of(step.id) < workflow.stage_index(progress.state) or (
        record.status is not StepStatus.PENDING
    ):
        raise Refusal(f"Steget '{step.label}' ({step.id}) är redan avklarat för {progress.info.name}.")
    return step
