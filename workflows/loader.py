"""Load and validate workflow definitions: the FINSAM template and a single party's own variant.

Every problem in a file is collected (with file, line, dotted key and a Swedish message) and raised
together as one WorkflowDefinitionInvalid, so that an author can fix them all in one go.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from formation.domain.parties import MEMBER_KINDS
from workflows.model import (
    DefinitionError,
    PartyWorkflow,
    StageDef,
    StepDef,
    WorkflowDefinitionInvalid,
    WorkflowSet,
)
from workflows.yaml_nodes import (
    FILE_KEY,
    Item,
    Problems,
    as_bool,
    as_int,
    as_mapping,
    as_sequence,
    as_str,
    check_keys,
    child_path,
    compose_mapping,
    dump,
    read_file,
)

TEMPLATE_PATH: Path = Path(__file__).with_name("finsam.yaml")

# The kinds of party a template defines: the members that 3 § names (formation.domain.parties is the one list).
KINDS: tuple[str, ...] = tuple(kind.value for kind in MEMBER_KINDS)
STEP_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")  # used with fullmatch: ^[a-z][a-z0-9_]*$

TEMPLATE_KEYS = ("name", "version", "kinds")
KIND_KEYS = ("label", "decider", "steps")
VARIANT_KEYS = ("kind", "label", "decider", "steps")
STEP_KEYS = ("id", "label", "body", "skippable", "approves", "appealable", "lead_days")
MAX_LEAD_DAYS = 365
GROUP_KEYS = ("id", "parallel")

MAX_STEPS = 100  # per kind; a real decision path has 2–8 (a 20 001-step path made every decision take 28 s)

_STEP_OR_GROUP = "ett steg (en mappning med id och label) eller en grupp med nyckeln parallel"
_STEP = "ett steg (en mappning med id och label)"


@dataclass(frozen=True)
class _Step:
    """A parsed step with the source items needed for the checks that span a whole kind."""

    step: StepDef
    item: Item
    entries: dict[str, Item]
    approves_known: bool


@dataclass(frozen=True)
class _Stage:
    id: str
    steps: list[_Step]
    explicit_id: Item | None = None  # the `id:` of a parallel group, when given


# --------------------------------------------------------------------------------------- public API


def load_workflow_set(path: Path | None = None) -> WorkflowSet:
    """Load and validate a whole template; the packaged FINSAM template (the default) is cached."""
    if path is None or path == TEMPLATE_PATH:
        return _load_default_template()
    return parse_workflow_set(read_file(path), str(path))


@functools.lru_cache(maxsize=1)
def _load_default_template() -> WorkflowSet:
    return parse_workflow_set(read_file(TEMPLATE_PATH), str(TEMPLATE_PATH))


def parse_workflow_set(text: str, filename: str) -> WorkflowSet:
    problems = Problems(filename)
    root = compose_mapping(text, problems)
    name, version, kinds = "", 0, {}
    if root is not None:
        owner, entries = root
        check_keys(entries, owner, problems, allowed=TEMPLATE_KEYS, required=TEMPLATE_KEYS)
        if "name" in entries:
            name = as_str(entries["name"], problems, nonempty=True) or ""
        if "version" in entries:
            parsed_version = as_int(entries["version"], problems)
            if parsed_version is not None and parsed_version < 1:
                problems.add(entries["version"].line, entries["version"].path, "version måste vara minst 1")
            version = parsed_version or 0
        if "kinds" in entries:
            kinds = _parse_kinds(entries["kinds"], problems)
    problems.raise_if_any()
    return WorkflowSet(name=name, version=version, kinds=kinds)


def load_party_variant(path: Path) -> PartyWorkflow:
    """Load and validate one party's own variant of its kind's workflow."""
    return parse_party_variant(read_file(path), str(path))


def parse_party_variant(text: str, filename: str) -> PartyWorkflow:
    problems = Problems(filename)
    root = compose_mapping(text, problems)
    workflow = None
    if root is not None:
        owner, entries = root
        kind = ""
        if "kind" in entries:
            kind = as_str(entries["kind"], problems) or ""
            if kind and kind not in KINDS:
                problems.add(entries["kind"].line, entries["kind"].path, _unknown_kind(kind))
        workflow = _parse_workflow(entries, owner, kind, problems, allowed=VARIANT_KEYS)
    problems.raise_if_any()
    assert workflow is not None
    return workflow


def workflow_to_dict(wf: PartyWorkflow) -> dict[str, Any]:
    """A JSON-able dict in the variant file's shape (dump it with yaml.safe_dump to get a variant file)."""
    steps: list[dict[str, Any]] = []
    for stage in wf.stages:
        members = [_step_to_dict(step) for step in stage.steps]
        if len(stage.steps) == 1 and stage.steps[0].id == stage.id:
            steps.append(members[0])
        elif stage.id == "+".join(step.id for step in stage.steps):  # the default group id
            steps.append({"parallel": members})
        else:
            steps.append({"id": stage.id, "parallel": members})
    return {"kind": wf.kind, "label": wf.label, "decider": wf.decider, "steps": steps}


def workflow_from_dict(data: dict[str, Any], *, source: str = "<data>") -> PartyWorkflow:
    """The inverse of workflow_to_dict, validated exactly like a variant file.

    Errors carry `source` as file name, the dotted key path of the problem, and line numbers within
    the block-style YAML dump of `data` (yaml.safe_dump(data, sort_keys=False, allow_unicode=True)).
    """
    # Stored variants are re-read on every command and definitions are frozen: parse each content once.
    return _workflow_from_json(json.dumps(data, ensure_ascii=False, default=str), source)


@functools.lru_cache(maxsize=512)
def _workflow_from_json(key: str, source: str) -> PartyWorkflow:
    try:
        text = dump(json.loads(key))
    except yaml.YAMLError as exc:
        raise WorkflowDefinitionInvalid(
            [DefinitionError(source, 0, FILE_KEY, f"värdena kan inte tolkas som ett arbetsflöde: {exc}")]
        ) from exc
    return parse_party_variant(text, source)


def _unknown_kind(kind: str) -> str:
    return f"okänd parttyp '{kind}'; tillåtna parttyper är: {', '.join(KINDS)}"


def _parse_kinds(item: Item, problems: Problems) -> dict[str, PartyWorkflow]:
    entries = as_mapping(item, problems)
    if entries is None:
        return {}
    kinds: dict[str, PartyWorkflow] = {}
    for kind, entry in entries.items():
        if kind not in KINDS:
            problems.add(entry.line, entry.path, _unknown_kind(kind))
            continue
        kind_entries = as_mapping(entry, problems)
        if kind_entries is not None:
            kinds[kind] = _parse_workflow(kind_entries, entry, kind, problems, allowed=KIND_KEYS)
    for kind in KINDS:
        if kind not in entries:
            problems.add(
                item.line,
                child_path(item.path, kind),
                f"parttypen '{kind}' saknas; mallen måste definiera alla parttyper ({', '.join(KINDS)})",
            )
    return kinds


def _parse_workflow(
    entries: dict[str, Item], owner: Item, kind: str, problems: Problems, *, allowed: tuple[str, ...]
) -> PartyWorkflow:
    required = tuple(key for key in allowed if key != "decider")
    check_keys(entries, owner, problems, allowed=allowed, required=required)
    label = as_str(entries["label"], problems, nonempty=True) if "label" in entries else None
    decider = as_str(entries["decider"], problems) if "decider" in entries else None
    stages = _parse_stages(entries["steps"], problems) if "steps" in entries else []
    return PartyWorkflow(
        kind=kind,
        label=label or "",
        decider=decider or "",
        stages=tuple(StageDef(stage.id, tuple(s.step for s in stage.steps)) for stage in stages),
    )


# --------------------------------------------------------------------------------------- steps and stages


def _parse_stages(item: Item, problems: Problems) -> list[_Stage]:
    """Parse a `steps:` list, then run the checks that need all of a kind's steps at once."""
    entries = as_sequence(item, problems)
    if entries is None:
        return []
    if not entries:
        problems.add(item.line, item.path, "listan med steg är tom; en parttyp måste ha minst ett steg")
        return []
    if len(entries) > MAX_STEPS:
        problems.add(item.line, item.path, f"listan har {len(entries)} steg; en parttyp får ha högst {MAX_STEPS}")
        return []
    stages: list[_Stage] = []
    complete = True
    for entry in entries:
        mapping = as_mapping(entry, problems, what=_STEP_OR_GROUP)
        if mapping is None:
            complete = False
        elif "parallel" in mapping:
            stages.append(_parse_group(entry, mapping, problems))
        else:
            step = _parse_step(entry, mapping, problems)
            stages.append(_Stage(step.step.id, [step]))
    _check_kind(item, stages, problems, complete=complete)
    return stages


def _parse_group(item: Item, entries: dict[str, Item], problems: Problems) -> _Stage:
    check_keys(entries, item, problems, allowed=GROUP_KEYS)
    steps: list[_Step] = []
    members = as_sequence(entries["parallel"], problems)
    if members is not None and len(members) > MAX_STEPS:
        problems.add(entries["parallel"].line, entries["parallel"].path, f"en grupp får ha högst {MAX_STEPS} steg")
        members = []
    for member in members or []:
        mapping = as_mapping(member, problems, what=_STEP)
        if mapping is not None and "parallel" in mapping:
            problems.add(member.line, member.path, "en parallell grupp kan inte innehålla en annan parallell grupp")
        elif mapping is not None:
            steps.append(_parse_step(member, mapping, problems))
    if members is not None and len(members) < 2:
        problems.add(
            entries["parallel"].line,
            entries["parallel"].path,
            f"en parallell grupp måste innehålla minst två steg, men har {len(members)}",
        )
    group_id = _parse_id(entries["id"], problems) if "id" in entries else None
    if group_id:
        return _Stage(group_id, steps, explicit_id=entries["id"])
    return _Stage("+".join(step.step.id for step in steps), steps)


def _parse_id(item: Item, problems: Problems) -> str | None:
    value = as_str(item, problems)
    if value is not None and not STEP_ID_PATTERN.fullmatch(value):
        problems.add(
            item.line,
            item.path,
            f"id '{value}' är ogiltigt; det måste börja med en liten bokstav (a–z) och får bara "
            "innehålla a–z, 0–9 och understreck",
        )
    return value


def _parse_step(item: Item, entries: dict[str, Item], problems: Problems) -> _Step:
    check_keys(entries, item, problems, allowed=STEP_KEYS, required=("id", "label"))
    step_id = _parse_id(entries["id"], problems) if "id" in entries else None
    label = as_str(entries["label"], problems, nonempty=True) if "label" in entries else None
    body = as_str(entries["body"], problems) if "body" in entries else None
    approves = as_bool(entries["approves"], problems) if "approves" in entries else False
    appealable = as_bool(entries["appealable"], problems) if "appealable" in entries else False
    skippable = as_bool(entries["skippable"], problems) if "skippable" in entries else not approves
    lead_days = _parse_lead_days(entries["lead_days"], problems) if "lead_days" in entries else None
    if approves and skippable and "skippable" in entries:
        problems.add(
            entries["skippable"].line,
            entries["skippable"].path,
            f"steget '{step_id}' antar förbundsordningen och kan därför inte hoppas över; "
            "ta bort skippable eller sätt skippable: false",
        )
    step = StepDef(
        id=step_id or "",
        label=label or "",
        body=body or "",
        skippable=bool(skippable),
        approves=bool(approves),
        appealable=bool(appealable),
        lead_days=lead_days,
    )
    return _Step(step, item, entries, approves_known=approves is not None)


def _parse_lead_days(item: Item, problems: Problems) -> int | None:
    value = as_int(item, problems)
    if value is not None and not 0 <= value <= MAX_LEAD_DAYS:
        problems.add(
            item.line,
            item.path,
            f"lead_days måste vara ett antal dagar mellan 0 och {MAX_LEAD_DAYS}, men är {value}",
        )
        return None
    return value


def _check_kind(steps_item: Item, stages: list[_Stage], problems: Problems, *, complete: bool) -> None:
    """Unique step and stage ids, and exactly one approving step, placed in the last stage."""
    seen_steps: dict[str, Item] = {}
    for stage in stages:
        for parsed in stage.steps:
            id_item = parsed.entries.get("id")
            step_id = parsed.step.id
            if id_item is None or not step_id:
                continue
            if step_id in seen_steps:
                problems.add(
                    id_item.line,
                    id_item.path,
                    f"steget '{step_id}' finns redan (rad {seen_steps[step_id].line}); "
                    "varje steg-id måste vara unikt inom en parttyp",
                )
            else:
                seen_steps[step_id] = id_item

    explicit: dict[str, bool] = {}
    for stage in stages:
        is_explicit = stage.explicit_id is not None
        if stage.id in explicit and (is_explicit or explicit[stage.id]) and stage.steps:
            where = stage.explicit_id or stage.steps[0].entries.get("id") or stage.steps[0].item
            problems.add(
                where.line,
                where.path,
                f"id '{stage.id}' används redan av ett annat steg eller en annan grupp i samma parttyp",
            )
        explicit.setdefault(stage.id, is_explicit)

    # lead_days is the time before the *next* step's meeting; the last stage has no next step.
    for parsed in stages[-1].steps if stages else []:
        if parsed.step.lead_days is not None and "lead_days" in parsed.entries:
            where = parsed.entries["lead_days"]
            problems.add(
                where.line,
                where.path,
                f"steget '{parsed.step.id}' ligger i sista etappen och har inget nästa steg; "
                "lead_days gäller tiden före nästa stegs sammanträde, så ta bort nyckeln",
            )

    approving = [(index, s) for index, stage in enumerate(stages) for s in stage.steps if s.step.approves]
    if not approving:
        if complete and all(s.approves_known for stage in stages for s in stage.steps) and stages:
            problems.add(
                steps_item.line,
                steps_item.path,
                "inget steg har approves: true; exakt ett steg per parttyp måste anta förbundsordningen",
            )
        return
    first = approving[0][1].step.id
    for position, (index, parsed) in enumerate(approving):
        where = parsed.entries["approves"]
        if position > 0:
            problems.add(
                where.line,
                where.path,
                f"steget '{parsed.step.id}' har också approves: true, men steget '{first}' antar redan "
                "förbundsordningen; exakt ett steg per parttyp får ha approves: true",
            )
        if index != len(stages) - 1:
            problems.add(
                where.line,
                where.path,
                f"steget '{parsed.step.id}' antar förbundsordningen och måste därför ligga i sista etappen",
            )


def _step_to_dict(step: StepDef) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": step.id,
        "label": step.label,
        "body": step.body,
        "skippable": step.skippable,
        "approves": step.approves,
        "appealable": step.appealable,
    }
    # Only when stated, so that variants stored before lead_days existed keep their exact shape.
    if step.lead_days is not None:
        data["lead_days"] = step.lead_days
    return data


# --------------------------------------------------------------------------------------- whole templates as data

LEGACY_TEMPLATE_PATH: Path = Path(__file__).parent / "templates" / "finsam-1.yaml"


def workflow_set_to_dict(template: WorkflowSet) -> dict[str, Any]:
    """A JSON-able dict in the template file's shape; stored with each case so that its history never changes."""
    kinds = {}
    for kind, workflow in template.kinds.items():
        entry = workflow_to_dict(workflow)
        del entry["kind"]
        kinds[kind] = entry
    return {"name": template.name, "version": template.version, "kinds": kinds}


def workflow_set_from_dict(data: dict[str, Any], *, source: str = "<ärendets mall>") -> WorkflowSet:
    """The inverse of workflow_set_to_dict, validated like a template file; parsed once per content."""
    return _workflow_set_from_json(json.dumps(data, ensure_ascii=False, default=str), source)


@functools.lru_cache(maxsize=64)
def _workflow_set_from_json(key: str, source: str) -> WorkflowSet:
    try:
        text = dump(json.loads(key))
    except yaml.YAMLError as exc:
        raise WorkflowDefinitionInvalid(
            [DefinitionError(source, 0, FILE_KEY, f"värdena kan inte tolkas som en mall: {exc}")]
        ) from exc
    return parse_workflow_set(text, source)


@functools.lru_cache(maxsize=1)
def legacy_template() -> WorkflowSet:
    """The template of cases created before templates were pinned (identical to finsam.yaml version 1)."""
    return parse_workflow_set(read_file(LEGACY_TEMPLATE_PATH), str(LEGACY_TEMPLATE_PATH))
