"""`lead_days` in workflow definitions: template defaults, variant overrides, validation and the dict round trip."""

from __future__ import annotations

import textwrap

import pytest

from workflows.loader import load_workflow_set, parse_party_variant, workflow_from_dict, workflow_to_dict
from workflows.model import WorkflowDefinitionInvalid


def _variant(lead_line: str, *, on_last: bool = False) -> str:
    first = "" if on_last else lead_line
    last = lead_line if on_last else ""
    return textwrap.dedent(
        f"""\
        kind: kommun
        label: Kommun
        steps:
          - id: styrelse
            label: Kommunstyrelsens förslag
            body: Kommunstyrelsen
        {first}
          - id: fullmaktige
            label: Kommunfullmäktige antar förbundsordningen
            approves: true
        {last}
        """
    )


def test_template_states_the_lead_time_before_fullmaktige() -> None:
    template = load_workflow_set()
    for kind in ("kommun", "region"):
        wf = template.for_kind(kind)
        styrelse = wf.step("styrelse")
        assert styrelse is not None and styrelse.lead_days == 21
        assert wf.approving_step.lead_days is None


def test_variant_may_state_or_omit_lead_days() -> None:
    stated = parse_party_variant(_variant("    lead_days: 28"), "v.yaml")
    omitted = parse_party_variant(_variant(""), "v.yaml")
    assert stated.steps[0].lead_days == 28
    assert omitted.steps[0].lead_days is None


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("    lead_days: -3", "mellan 0 och 365"),
        ("    lead_days: 400", "mellan 0 och 365"),
        ("    lead_days: tre veckor", "heltal"),
    ],
)
def test_bad_lead_days_is_refused_with_file_and_line(line: str, fragment: str) -> None:
    with pytest.raises(WorkflowDefinitionInvalid) as excinfo:
        parse_party_variant(_variant(line), "v.yaml")
    [error] = excinfo.value.errors
    assert (error.file, error.line, error.key) == ("v.yaml", 7, "steps[0].lead_days")
    assert fragment in error.message


def test_lead_days_on_the_last_stage_is_refused() -> None:
    with pytest.raises(WorkflowDefinitionInvalid) as excinfo:
        parse_party_variant(_variant("    lead_days: 7", on_last=True), "v.yaml")
    [error] = excinfo.value.errors
    assert error.key == "steps[1].lead_days" and error.line == 11
    assert "sista etappen" in error.message


def test_round_trip_keeps_lead_days_and_omits_it_when_unstated() -> None:
    for kind, wf in load_workflow_set().kinds.items():
        assert workflow_from_dict(workflow_to_dict(wf), source=kind) == wf
    data = workflow_to_dict(parse_party_variant(_variant(""), "v.yaml"))
    assert all("lead_days" not in step for step in data["steps"])
