"""Pending steps from a workflow definition: settled steps left out, groups, lead times inherited."""

from __future__ import annotations

from datetime import date

from formation.schedule.pending import effective_lead_days, pending_steps, ready_after
from workflows.loader import load_workflow_set, parse_party_variant

VARIANT = """\
kind: kommun
label: Stockholms stad
steps:
  - id: inriktningsbeslut
    label: Inriktningsbeslut
    body: Kommunfullmäktige
  - id: namnder
    parallel:
      - id: namnd_amn
        label: Arbetsmarknadsnämnden
        body: Arbetsmarknadsnämnden
        lead_days: 84
      - id: namnd_sn
        label: Socialnämnden
        body: Socialnämnden
  - id: styrelse
    label: Kommunstyrelsens förslag
    body: Kommunstyrelsen
  - id: fullmaktige
    label: Kommunfullmäktige antar förbundsordningen
    body: Kommunfullmäktige
    approves: true
"""


def test_pending_steps_of_a_variant_inherit_template_lead_times() -> None:
    template = load_workflow_set().for_kind("kommun")
    variant = parse_party_variant(VARIANT, "stockholm.yaml")
    pending = pending_steps(variant, {"inriktningsbeslut", "namnd_amn"}, template=template)
    assert [(p.step_id, p.body, p.lead_days, p.group) for p in pending] == [
        ("namnd_sn", "Socialnämnden", 0, "namnder"),  # no namnd_sn in the template
        ("styrelse", "Kommunstyrelsen", 21, None),  # inherited: kommunstyrelsen three weeks before KF
        ("fullmaktige", "Kommunfullmäktige", 0, None),
    ]


def test_template_steps_with_the_partys_own_body_names() -> None:
    template = load_workflow_set().for_kind("kommun")
    pending = pending_steps(template, {"forstudie"}, bodies={"namnd": "Socialnämnden"})
    assert [p.body for p in pending][:2] == ["Kommunfullmäktige", "Socialnämnden"]
    assert effective_lead_days(template.steps[0]) == 0


def test_ready_after() -> None:
    assert ready_after(date(2016, 1, 27), 21) == date(2016, 2, 17)
    assert ready_after(date(2016, 1, 27), 0) == date(2016, 1, 28)
