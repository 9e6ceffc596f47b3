"""Turns a workflow definition into a `transitions` machine over the party's stages.

The machine decides *which stage* a party is in; which steps inside a stage are done is plain data on the
model. One machine is built per definition and cached: models are never attached to it (attaching would
reset their state and add per-model triggers), events are fired against a model directly instead.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol, cast

from transitions import EventData, Machine

from workflows.model import PartyWorkflow, StageDef

APPROVED = "approved"
REJECTED = "rejected"
TERMINAL_STATES = (APPROVED, REJECTED)


class StageModel(Protocol):
    """What the machine needs from a party: its stage, and which steps are settled or decided."""

    state: str
    reopen_target: str | None

    def is_settled(self, step_id: str) -> bool:
        """Done or skipped: the step no longer holds the stage open."""
        ...

    def is_decided(self, step_id: str) -> bool:
        """Decided with bifall (not skipped): a step that återremiss can send the matter back to."""
        ...


Condition = Callable[[EventData], bool]


def _model(event: EventData) -> StageModel:
    return cast(StageModel, event.model)


def _all_settled(stage: StageDef) -> Condition:
    return lambda event: all(_model(event).is_settled(step.id) for step in stage.steps)


def _any_decided(stage: StageDef) -> Condition:
    return lambda event: any(_model(event).is_decided(step.id) for step in stage.steps)


def _reopens_to(stage_id: str) -> Condition:
    return lambda event: _model(event).reopen_target == stage_id


def _transitions_for(workflow: PartyWorkflow) -> list[dict[str, Any]]:
    stages = workflow.stages
    ids = [stage.id for stage in stages]
    rules: list[dict[str, Any]] = []
    for index, stage in enumerate(stages):
        after = ids[index + 1] if index + 1 < len(ids) else APPROVED
        rules.append({"trigger": "complete", "source": stage.id, "dest": after, "conditions": [_all_settled(stage)]})
        # Återremiss returns the matter to the stage just before, when that stage was decided; after a
        # skipped stage the matter stays where it is, back in preparation (KF never re-decides for KS).
        if index > 0:
            rules.append(
                {
                    "trigger": "send_back",
                    "source": stage.id,
                    "dest": ids[index - 1],
                    "conditions": [_any_decided(stages[index - 1])],
                }
            )
    rules.append({"trigger": "reject", "source": ids, "dest": REJECTED})
    for stage_id in ids:
        rules.append(
            {
                "trigger": "reopen",
                "source": list(TERMINAL_STATES),
                "dest": stage_id,
                "conditions": [_reopens_to(stage_id)],
            }
        )
    return rules


@lru_cache(maxsize=256)
def build_machine(workflow: PartyWorkflow) -> Machine:
    """The machine for one definition; cached, since many parties share a definition."""
    states = [stage.id for stage in workflow.stages]
    clash = set(states) & set(TERMINAL_STATES)
    if clash:
        raise ValueError(f"stage ids {sorted(clash)} are reserved")
    return Machine(
        model=None,
        states=[*states, *TERMINAL_STATES],
        transitions=_transitions_for(workflow),
        initial=states[0],
        send_event=True,
        auto_transitions=False,
        ignore_invalid_triggers=True,
    )


def fire(workflow: PartyWorkflow, model: StageModel, trigger: str) -> bool:
    """Fire `trigger` for `model`; True when the machine moved it to another stage."""
    machine = build_machine(workflow)
    before = model.state
    machine.events[trigger].trigger(model)
    return model.state != before


def settle(workflow: PartyWorkflow, model: StageModel) -> None:
    """Advance through every stage that is already complete (e.g. skipped in advance)."""
    while model.state not in TERMINAL_STATES and fire(workflow, model, "complete"):
        pass
