"""The workflow loader: the packaged FINSAM template, party variants, the dict round trip and validation."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.unit.workflow_support import VARIANT, errors_of, only_error
from workflows.loader import (
    TEMPLATE_PATH,
    load_party_variant,
    load_workflow_set,
    parse_party_variant,
    parse_workflow_set,
    workflow_from_dict,
    workflow_to_dict,
)
from workflows.model import DefinitionError, PartyWorkflow, StageDef, StepDef, WorkflowDefinitionInvalid

# ------------------------------------------------------------------------------------ the template


def test_packaged_template_loads_with_canonical_ids() -> None:
    assert TEMPLATE_PATH.name == "finsam.yaml" and TEMPLATE_PATH.is_file()
    template = load_workflow_set()

    assert (template.name, template.version) == ("finsam", 2)  # 2: lead_days for planning
    assert set(template.kinds) == {"kommun", "region", "forsakringskassan", "arbetsformedlingen"}
    for kind in ("kommun", "region"):
        wf = template.for_kind(kind)
        assert wf.kind == kind
        assert [s.id for s in wf.steps] == [
            "forstudie",
            "inriktningsbeslut",
            "namnd",
            "styrelse",
            "fullmaktige",
        ]
        assert [stage.id for stage in wf.stages] == [s.id for s in wf.steps]
        assert wf.approving_step.id == "fullmaktige"
        assert wf.approving_step.appealable and not wf.approving_step.skippable
        assert [s.id for s in wf.steps if s.approves] == ["fullmaktige"]
    for kind in ("forsakringskassan", "arbetsformedlingen"):
        wf = template.for_kind(kind)
        assert [s.id for s in wf.steps] == ["forstudie", "beslut"]
        assert wf.approving_step.id == "beslut"
        assert not wf.approving_step.skippable and not wf.approving_step.appealable
    assert template.for_kind("kommun").decider == "Kommunfullmäktige"
    assert template.for_kind("kommun").step("forstudie") == StepDef("forstudie", "Förstudie", "Kommunstyrelsen")


def test_default_template_load_is_cached() -> None:
    assert load_workflow_set() is load_workflow_set()
    assert load_workflow_set(TEMPLATE_PATH) is load_workflow_set()


def test_template_from_other_path_is_loaded_from_that_file(tmp_path: Path) -> None:
    path = tmp_path / "egen.yaml"
    path.write_text(TEMPLATE_PATH.read_text(encoding="utf-8").replace("version: 1", "version: 2"), encoding="utf-8")
    assert load_workflow_set(path).version == 2


# ------------------------------------------------------------------------------------ variants


def test_parallel_variant_loads_into_stages() -> None:
    wf = parse_party_variant(VARIANT, "variant.yaml")

    assert (wf.kind, wf.label, wf.decider) == ("kommun", "Stockholms stad – två nämnder", "Kommunfullmäktige")
    assert [stage.id for stage in wf.stages] == ["forstudie", "namnd_amn+namnd_sn", "fullmaktige"]
    assert wf.stages[1] == StageDef(
        "namnd_amn+namnd_sn",
        (
            StepDef("namnd_amn", "Arbetsmarknadsnämnden", body="Arbetsmarknadsnämnden"),
            StepDef("namnd_sn", "Socialnämnden"),
        ),
    )
    assert wf.stages[2].steps == (
        StepDef(
            "fullmaktige",
            "Kommunfullmäktige antar förbundsordningen",
            skippable=False,
            approves=True,
            appealable=True,
        ),
    )
    assert wf.stage_index_of("namnd_sn") == 1


def test_parallel_group_with_explicit_id_and_approver_defaulting_to_not_skippable() -> None:
    text = textwrap.dedent(
        """\
        kind: region
        label: Region Norr
        steps:
          - id: namnder
            parallel:
              - {id: hsn, label: Hälso- och sjukvårdsnämnden}
              - {id: rn, label: Regionala utvecklingsnämnden, skippable: false}
          - id: fullmaktige
            label: Regionfullmäktige
            approves: true
        """
    )
    wf = parse_party_variant(text, "variant.yaml")

    assert wf.decider == ""
    assert [stage.id for stage in wf.stages] == ["namnder", "fullmaktige"]
    assert [(s.id, s.skippable) for s in wf.stages[0].steps] == [("hsn", True), ("rn", False)]
    assert wf.approving_step.skippable is False


def test_load_party_variant_from_file(tmp_path: Path) -> None:
    path = tmp_path / "stockholm.yaml"
    path.write_text(VARIANT, encoding="utf-8")

    assert load_party_variant(path) == parse_party_variant(VARIANT, "annat-namn.yaml")


@pytest.mark.parametrize("load", [load_party_variant, load_workflow_set], ids=["variant", "template"])
def test_missing_file_is_one_error(tmp_path: Path, load: Callable[[Path], object]) -> None:
    path = tmp_path / "saknas.yaml"
    with pytest.raises(WorkflowDefinitionInvalid) as excinfo:
        load(path)
    assert excinfo.value.errors == [DefinitionError(str(path), 0, "(fil)", "filen finns inte")]


# ------------------------------------------------------------------------------------ round trip


def _round_trip_cases() -> list[PartyWorkflow]:
    return [*load_workflow_set().kinds.values(), parse_party_variant(VARIANT, "variant.yaml")]


@pytest.mark.parametrize("wf", _round_trip_cases(), ids=lambda wf: f"{wf.kind}:{wf.label}")
def test_dict_round_trip_is_lossless(wf: PartyWorkflow) -> None:
    data = workflow_to_dict(wf)

    assert workflow_from_dict(data) == wf
    assert workflow_from_dict(json.loads(json.dumps(data))) == wf  # JSON-able, as stored in the database
    assert parse_party_variant(yaml.safe_dump(data, allow_unicode=True), "ut.yaml") == wf  # writable as YAML


def test_dict_has_the_variant_file_shape() -> None:
    data = workflow_to_dict(parse_party_variant(VARIANT, "variant.yaml"))

    assert list(data) == ["kind", "label", "decider", "steps"]
    assert [step.get("id") for step in data["steps"]] == ["forstudie", None, "fullmaktige"]
    assert [step["id"] for step in data["steps"][1]["parallel"]] == ["namnd_amn", "namnd_sn"]
    explicit = parse_party_variant(VARIANT.replace("  - parallel:", "  - id: namnder\n    parallel:"), "v.yaml")
    assert workflow_to_dict(explicit)["steps"][1]["id"] == "namnder"


def test_workflow_from_dict_validates() -> None:
    data = workflow_to_dict(parse_party_variant(VARIANT, "variant.yaml"))
    data["steps"][1]["parallel"][0]["approves"] = "ja"
    del data["label"]

    with pytest.raises(WorkflowDefinitionInvalid) as excinfo:
        workflow_from_dict(data, source="parter/7")
    errors = errors_of(excinfo)
    assert {(e.file, e.key) for e in errors} == {
        ("parter/7", "label"),
        ("parter/7", "steps[1].parallel[0].approves"),
    }


# ------------------------------------------------------------------------------------ template rules


TEMPLATE = textwrap.dedent(
    """\
    name: finsam
    version: 1
    kinds:
      kommun:
        label: Kommun
        steps:
          - {id: forstudie, label: Förstudie}
          - {id: fullmaktige, label: Kommunfullmäktige, approves: true}
      region:
        label: Region
        steps: [{id: fullmaktige, label: Regionfullmäktige, approves: true}]
      forsakringskassan:
        label: Försäkringskassan
        steps: [{id: beslut, label: Beslut, approves: true}]
      arbetsformedlingen:
        label: Arbetsförmedlingen
        steps: [{id: beslut, label: Beslut, approves: true}]
    """
)

TEMPLATE_CASES = {
    "version not an integer": ("version: 1", "version: ett", 2, "version", "måste vara ett heltal"),
    "version below one": ("version: 1", "version: 0", 2, "version", "minst 1"),
    "name not a string": ("name: finsam", "name: [finsam]", 1, "name", "måste vara en text, men är en lista"),
    "missing name": ("name: finsam\n", "", 1, "name", "nyckeln 'name' saknas"),
    "unknown kind": (
        "  region:",
        "  landsting:\n    label: Landsting\n  region:",
        9,
        "kinds.landsting",
        "okänd parttyp 'landsting'",
    ),
    "kind not a mapping": (
        "  region:\n    label: Region\n    steps: [{id: fullmaktige, label: Regionfullmäktige, approves: true}]",
        "  region: Region",
        9,
        "kinds.region",
        "måste vara en mappning",
    ),
    "missing kind": (
        "  arbetsformedlingen:\n    label: Arbetsförmedlingen\n"
        "    steps: [{id: beslut, label: Beslut, approves: true}]\n",
        "",
        3,
        "kinds.arbetsformedlingen",
        "parttypen 'arbetsformedlingen' saknas",
    ),
    "missing kind label": ("    label: Region\n", "", 9, "kinds.region.label", "nyckeln 'label' saknas"),
    "unknown kind key": (
        "    label: Region\n",
        "    label: Region\n    beslutar: RF\n",
        11,
        "kinds.region.beslutar",
        "okänd",
    ),
    "invalid step id in a kind": (
        "{id: forstudie,",
        "{id: 1forstudie,",
        7,
        "kinds.kommun.steps[0].id",
        "id '1forstudie' är ogiltigt",
    ),
    "decider not a string": (
        "    label: Kommun\n",
        "    label: Kommun\n    decider: 5\n",
        6,
        "kinds.kommun.decider",
        "text",
    ),
}


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "fragment"), list(TEMPLATE_CASES.values()), ids=list(TEMPLATE_CASES)
)
def test_template_validation_rule(old: str, new: str, line: int, key: str, fragment: str) -> None:
    assert TEMPLATE.count(old) == 1
    error = only_error(TEMPLATE.replace(old, new), template=True)

    assert (error.line, error.key) == (line, key), str(error)
    assert fragment in error.message


def test_kinds_not_a_mapping() -> None:
    error = only_error("name: finsam\nversion: 1\nkinds:\n  - kommun\n", template=True)
    assert (error.line, error.key) == (3, "kinds")
    assert "måste vara en mappning (nyckel: värde), men är en lista" in error.message


def test_minimal_template_is_valid() -> None:
    template = parse_workflow_set(TEMPLATE, "mall.yaml")
    assert [s.id for s in template.for_kind("kommun").steps] == ["forstudie", "fullmaktige"]


def test_all_errors_are_reported_together() -> None:
    text = textwrap.dedent(
        """\
        name: finsam
        version: "1"
        kinds:
          kommun:
            label: Kommun
            steps:
              - id: namnd
                label: Nämnd
              - id: namnd
                label: 7
              - id: fullmaktige
                label: Kommunfullmäktige
                approves: true
                skippable: true
          region:
            label: Region
            steps: []
          forsakringskassan:
            label: Försäkringskassan
            steps: [{id: beslut, label: Beslut, approves: yes please}]
          kommunalforbund:
            label: Kommunalförbund
            steps: []
        """
    )
    with pytest.raises(WorkflowDefinitionInvalid) as excinfo:
        parse_workflow_set(text, "mall.yaml")
    errors = errors_of(excinfo)

    assert [(e.line, e.key) for e in errors] == [
        (2, "version"),
        (3, "kinds.arbetsformedlingen"),
        (9, "kinds.kommun.steps[1].id"),
        (10, "kinds.kommun.steps[1].label"),
        (14, "kinds.kommun.steps[2].skippable"),
        (17, "kinds.region.steps"),
        (20, "kinds.forsakringskassan.steps[0].approves"),
        (21, "kinds.kommunalforbund"),
    ]
    assert all(e.file == "mall.yaml" for e in errors)
    assert str(errors[0]).startswith("mall.yaml:2: version: ")
    assert str(excinfo.value).count("\n") == len(errors) - 1


def test_the_frozen_first_template_differs_from_the_packaged_one_only_in_planning_data() -> None:
    from dataclasses import replace

    from workflows.loader import legacy_template

    legacy, current = legacy_template(), load_workflow_set()
    assert legacy.version == 1 and current.version == 2
    for kind, workflow in current.kinds.items():
        stripped = tuple(
            replace(stage, steps=tuple(replace(step, lead_days=None) for step in stage.steps))
            for stage in workflow.stages
        )
        assert stripped == legacy.kinds[kind].stages
