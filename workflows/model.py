"""Plain data for a workflow definition: the steps a party passes, in order, and which one approves."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class StepDef:
    """One decision a party takes, e.g. the kommunfullmäktige adopting the förbundsordning."""

    id: str
    label: str
    body: str = ""
    skippable: bool = True
    approves: bool = False
    appealable: bool = False
    # Days this step's meeting must lie before the next step's meeting (e.g. kommunstyrelsen three weeks
    # before fullmäktige). None means "not stated": a party variant then inherits the template's value.
    lead_days: int | None = None


@dataclass(frozen=True)
class StageDef:
    """Steps decided in parallel (usually just one); the next stage opens when all are done or skipped."""

    id: str
    steps: tuple[StepDef, ...]


@dataclass(frozen=True)
class PartyWorkflow:
    """The ordered stages one kind of party (or one party's own variant) goes through."""

    kind: str
    label: str
    stages: tuple[StageDef, ...]
    decider: str = ""

    # A definition never changes once made (frozen), and every read asks these for every party: work them
    # out once per definition.
    @cached_property
    def steps(self) -> tuple[StepDef, ...]:
        return tuple(step for stage in self.stages for step in stage.steps)

    @cached_property
    def approving_step(self) -> StepDef:
        return next(step for step in self.steps if step.approves)

    @cached_property
    def _steps_by_id(self) -> dict[str, StepDef]:
        return {s.id: s for s in reversed(self.steps)}  # the first of a repeated id wins, as a search would

    def stage_index(self, stage_id: str) -> int:
        return [stage.id for stage in self.stages].index(stage_id)

    def step(self, step_id: str) -> StepDef | None:
        return self._steps_by_id.get(step_id)

    def stage_of(self, step_id: str) -> str:
        return self.stages[self.stage_index_of(step_id)].id

    def stage_index_of(self, step_id: str) -> int:
        return self._stage_indexes[step_id]  # KeyError for a step the workflow does not have

    @cached_property
    def _stage_indexes(self) -> dict[str, int]:
        indexes: dict[str, int] = {}
        for index, stage in enumerate(self.stages):
            for s in stage.steps:
                indexes.setdefault(s.id, index)  # the first stage that has it, as a search would
        return indexes


@dataclass(frozen=True)
class WorkflowSet:
    """A whole template: one workflow per party kind."""

    name: str
    version: int
    kinds: dict[str, PartyWorkflow] = field(default_factory=dict)

    def for_kind(self, kind: str) -> PartyWorkflow:
        return self.kinds[kind]


@dataclass(frozen=True)
class DefinitionError:
    """One thing wrong in a definition file, located precisely enough to fix it."""

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key}: {self.message}"


class WorkflowDefinitionInvalid(Exception):
    """Raised by the loader with every problem found, not just the first."""

    def __init__(self, errors: list[DefinitionError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
