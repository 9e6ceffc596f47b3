"""The `transitions` state machine of one party's decision path, built from its workflow definition.

States are the workflow's stages plus `approved` and `rejected`. Every decision is a trigger (`bifall`, `avslag`,
`aterremiss`, `bordlagd`, `skip`) taking the step and the date; the machine refuses a trigger its state does
not have, and its conditions (the `may_*` methods of `PartyProgress`, which ask `step_rules`) refuse what the
path does not allow. `allowed()` asks the same machine which decisions are possible now, for the cockpit's form
and the planner.

One machine is built per definition and cached: models are never attached to it (attaching would reset their
state and add per-model triggers); triggers are fired against a model directly instead.
"""

from __future__ import annotations

from typing import Any, Protocol

from transitions import EventData, Machine, MachineError

from formation.case.projection import APPROVED, REJECTED, TERMINAL_STATES
from formation.domain.outcomes import Outcome
from workflows.model import PartyWorkflow

SKIP = "skip"
DECISION_TRIGGERS: tuple[str, ...] = tuple(o.value for o in Outcome)


class StageModel(Protocol):
    """What the machine needs from a party (PartyProgress): its stage and the condition methods."""

    state: str

    def may_decide(self, event: Any) -> bool: ...

    def may_skip(self, event: Any) -> bool: ...

    def in_current_stage(self, event: Any) -> bool: ...

    def completes_stage(self, event: Any) -> bool: ...

    def previous_stage_decided(self, event: Any) -> bool: ...

    def stage_settled(self, event: Any) -> bool: ...

    def is_reopen_target(self, event: Any) -> bool: ...


def _transitions_for(workflow: PartyWorkflow) -> list[dict[str, Any]]:
    ids = [stage.id for stage in workflow.stages]
    rules: list[dict[str, Any]] = []

    def add(trigger: str, source: str | list[str], dest: str | None, *conditions: str) -> None:
        rules.append({"trigger": trigger, "source": source, "dest": dest, "conditions": list(conditions)})

    for index, stage in enumerate(ids):
        after = ids[index + 1] if index + 1 < len(ids) else APPROVED
        # The first transition whose conditions hold is taken: completing the stage before staying in it.
        add(Outcome.BIFALL.value, stage, after, "may_decide", "completes_stage")
        add(Outcome.BIFALL.value, stage, None, "may_decide")
        add(SKIP, stage, after, "may_skip", "in_current_stage", "completes_stage")
        add(SKIP, stage, None, "may_skip")
        add(Outcome.AVSLAG.value, stage, REJECTED, "may_decide")
        if index > 0:
            add(Outcome.ATERREMISS.value, stage, ids[index - 1], "may_decide", "previous_stage_decided")
        add(Outcome.ATERREMISS.value, stage, None, "may_decide")
        add(Outcome.BORDLAGD.value, stage, None, "may_decide")
        add("complete", stage, after, "stage_settled")
    for stage in ids:
        add("reopen", list(TERMINAL_STATES), stage, "is_reopen_target")
    return rules


_MACHINES: dict[int, tuple[PartyWorkflow, Machine]] = {}


def machine_for(workflow: PartyWorkflow) -> Machine:
    """The machine for one definition. Cached by identity (definitions are frozen and parsed once), since
    hashing a whole definition on every event cost more than the decision itself."""
    cached = _MACHINES.get(id(workflow))
    if cached is not None and cached[0] is workflow:
        return cached[1]
    states = [stage.id for stage in workflow.stages]
    clash = set(states) & set(TERMINAL_STATES)
    if clash:
        raise ValueError(f"stage ids {sorted(clash)} are reserved")
    machine = Machine(
        model=None,
        states=[*states, *TERMINAL_STATES],
        transitions=_transitions_for(workflow),
        initial=states[0],
        send_event=True,
        auto_transitions=False,
        ignore_invalid_triggers=False,
    )
    if len(_MACHINES) > 4096:  # a long-running process sees many definitions; keep memory bounded
        _MACHINES.clear()
    _MACHINES[id(workflow)] = (workflow, machine)
    return machine


def fire(workflow: PartyWorkflow, model: StageModel, trigger: str, **kwargs: Any) -> bool:
    """Fire `trigger`; True when a transition was taken. Raises transitions.MachineError when the state
    has no such trigger (callers explain the refusal before firing).

    What `Event.trigger` does for this machine, without its per-call machinery (a partial, the processing
    queue, the callback chains, each condition's name resolved anew): the machine's own transitions for the
    state, in order, the first whose conditions all hold is taken. The machine has no callbacks (no model is
    attached, none are declared), so setting the state is the whole of a transition. Replay fires once or twice
    per event; this is most of what a replay of a long history costs in `transitions`."""
    machine = machine_for(workflow)
    event = machine.events[trigger]
    state = machine.get_state(model.state)  # ValueError for a state the machine does not have, as before
    candidates = event.transitions.get(state.name)
    if not candidates:
        raise MachineError(f"{machine.name}Can't trigger event {trigger} from state {state.name}!")
    data = EventData(state, event, machine, model, args=(), kwargs=kwargs)
    known: dict[str, bool] = {}  # a condition asked again by the next transition has the same answer
    for transition in candidates:
        data.transition = transition
        if all(_holds(model, condition, data, known) for condition in transition.conditions):
            if transition.dest is not None:  # None: an internal transition, the stage stays
                model.state = transition.dest
            return True
    return False


# Conditions that look only at the party and the trigger's arguments, not at the transition being tried.
_SAME_FOR_EVERY_TRANSITION = frozenset(
    {"may_decide", "may_skip", "in_current_stage", "completes_stage", "previous_stage_decided", "stage_settled"}
)


def _holds(model: StageModel, condition: Any, data: EventData, known: dict[str, bool]) -> bool:
    func = condition.func
    if not isinstance(func, str):  # pragma: no cover - every condition here is a method name
        return bool(func(data) == condition.target)
    answer = known.get(func)
    if answer is None:
        answer = bool(getattr(model, func)(data))
        if func in _SAME_FOR_EVERY_TRANSITION:
            known[func] = answer
    return bool(answer == condition.target)


def allowed(workflow: PartyWorkflow, model: StageModel, trigger: str, **kwargs: Any) -> bool:
    """Whether `trigger` would be taken now, without taking it."""
    machine = machine_for(workflow)
    event = machine.events.get(trigger)
    if event is None:
        return False
    candidates = event.transitions.get(model.state)
    if not candidates:
        return False
    # As `fire` asks them (the screens ask this of every step of every party on each read).
    data = EventData(machine.get_state(model.state), event, machine, model, args=(), kwargs=kwargs)
    known: dict[str, bool] = {}
    for transition in candidates:
        data.transition = transition
        if all(_holds(model, condition, data, known) for condition in transition.conditions):
            return True
    return False


def settle(workflow: PartyWorkflow, model: StageModel) -> None:
    """Advance through every stage that is already complete (e.g. its steps were skipped in advance)."""
    while model.state not in TERMINAL_STATES and fire(workflow, model, "complete"):
        pass


def reopen_at(workflow: PartyWorkflow, model: StageModel, stage_id: str) -> None:
    """Back from approved or rejected to `stage_id` (a new version, or an approval annulled by a court)."""
    fire(workflow, model, "reopen", stage=stage_id)


def possible_decisions(workflow: PartyWorkflow, model: StageModel) -> list[tuple[str, tuple[str, ...]]]:
    """For each step that can be acted on now: its id and the triggers the machine would take
    (outcome values, and "skip"). The decision form and the planner ask this; nothing is changed."""
    if model.state in TERMINAL_STATES:
        return []
    result = []
    for stage in workflow.stages:
        for step in stage.steps:
            triggers = tuple(t for t in (*DECISION_TRIGGERS, SKIP) if allowed(workflow, model, t, step=step.id))
            if triggers:
                result.append((step.id, triggers))
    return result
