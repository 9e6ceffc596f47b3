"""From a workflow definition and what a party has settled to the pending steps that planning takes.

Kept apart from the case core on purpose: it needs only the workflow definition, the ids of the steps the
party has decided or skipped, and the party's own names for its bodies.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date

from formation.schedule.plan_model import PendingStep
from formation.schedule.planning import lead_gap
from workflows.model import PartyWorkflow, StepDef


def effective_lead_days(step: StepDef, template: PartyWorkflow | None = None) -> int:
    """The step's lead time: its own, else the template's for the same step id, else none."""
    if step.lead_days is not None:
        return step.lead_days
    if template is not None:
        default = template.step(step.id)
        if default is not None and default.lead_days is not None:
            return default.lead_days
    return 0


def pending_steps(
    workflow: PartyWorkflow,
    settled: Collection[str],
    *,
    template: PartyWorkflow | None = None,
    bodies: Mapping[str, str] | None = None,
) -> tuple[PendingStep, ...]:
    """The steps not yet decided or skipped, in order; a parallel stage's steps share the stage id as group.

    `bodies` maps step ids to the party's own body names: the template says "Ansvarig nämnd", the calendar
    says "Arbetsmarknadsnämnden".
    """
    bodies = bodies or {}
    pending: list[PendingStep] = []
    for stage in workflow.stages:
        group = stage.id if len(stage.steps) > 1 else None
        for step in stage.steps:
            if step.id in settled:
                continue
            pending.append(
                PendingStep(
                    step_id=step.id,
                    label=step.label,
                    body=bodies.get(step.id, step.body),
                    lead_days=effective_lead_days(step, template),
                    group=group,
                )
            )
    return tuple(pending)


def ready_after(decided_on: date, lead_days: int) -> date:
    """The first day the next step may be decided after a decision on `decided_on` with this lead time."""
    return decided_on + lead_gap(lead_days)
