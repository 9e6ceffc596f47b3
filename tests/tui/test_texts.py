"""The Swedish wording of the status document, without Textual."""

from __future__ import annotations

from typing import Any

from formation.reports.status_text import party_state_text
from tui.texts import case_facts, case_state_text, progress_marks, step_note, step_status_text

Doc = dict[str, Any]

CASE: Doc = {
    "state": "forming",
    "formed_on": None,
    "final_on": None,
    "fo_version": 2,
    "pending_version": None,
    "target_start": None,
    "as_of": "2016-01-31",
}


def step(step_id: str, status: str, outcome: str | None = None, date: str | None = None, **extra: Any) -> Doc:
    return {"id": step_id, "label": step_id.capitalize(), "status": status, "outcome": outcome, "date": date, **extra}


def party(state: str, steps: list[Doc], **extra: Any) -> Doc:
    base = {"observer": False, "state": state, "approved_version": None, "approved_on": None, "steps": steps}
    return base | extra


def test_case_state_and_facts() -> None:
    assert case_state_text(CASE) == "Under bildande"
    assert case_state_text(CASE | {"formed_on": "2016-04-01"}) == "Bildas 2016-04-01"
    assert case_state_text(CASE | {"state": "formed", "formed_on": "2016-02-22"}) == "Bildat 2016-02-22"
    formed = CASE | {"state": "formed", "fo_version": 1, "pending_version": 2, "final_on": "2016-03-19"}
    assert case_facts(formed) == ["förbundsordning v1", "v2 väntar på godkännande", "laga kraft 2016-03-19"]
    approved_by_all = formed | {"pending_effective_on": "2018-01-01"}
    assert case_facts(approved_by_all)[1] == "v2 gäller från 2018-01-01"


def test_party_state_covers_waiting_returned_rejected_approved_and_observer() -> None:
    steps = [step("forstudie", "done", "bifall", "2015-05-26"), step("namnd", "pending", "aterremiss", "2015-10-20")]
    assert party_state_text(party("namnd", steps)) == "väntar: Namnd (återremiss 2015-10-20)"
    rejected = [steps[0], step("namnd", "rejected", "avslag", "2015-11-01")]
    assert party_state_text(party("rejected", rejected)) == "avslag: Namnd 2015-11-01"
    approved = party("approved", steps, approved_version=1, approved_on="2016-02-22")
    assert party_state_text(approved) == "godkänt v1 2016-02-22"
    assert party_state_text(party("forstudie", steps, observer=True)) == "adjungerad (ej medlem)"


def test_steps_compactly_and_in_detail() -> None:
    steps = [
        step("a", "done", "bifall", fo_version=1),
        step("b", "skipped", reason="Ingen nämnd"),
        step("c", "pending"),
        step("d", "rejected", "avslag"),
    ]
    assert progress_marks(party("c", steps)) == "✓–·✗"
    assert [step_status_text(s) for s in steps] == ["✓ beslutat", "– ej aktuellt", "· väntar", "✗ avslag"]
    assert [step_note(s) for s in steps] == ["bifall, v1", "Ingen nämnd", "", "avslag"]
