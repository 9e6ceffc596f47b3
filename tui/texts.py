"""Swedish wording of the `status --json` document for the screens; pure functions, no Textual."""

from __future__ import annotations

from typing import Any

from formation.domain.labels import LEGEND
from formation.domain.labels import STEP_STATUS_WORDS as STATUS_WORDS
from formation.reports.status_text import KIND_LABELS, OUTCOME_WORDS
from formation.reports.status_text import MARKS as STEP_MARKS

Document = dict[str, Any]

STEP_STATUS_WORDS = {status.value: word for status, word in STATUS_WORDS.items()}
__all__ = ["LEGEND", "STEP_MARKS", "Document"]


def case_state_text(case: Document) -> str:
    """'Bildat 2016-02-22', 'Bildas …' once every member approved but the start date has not come, else forming."""
    if case["state"] == "formed":
        return f"Bildat {case['formed_on']}"
    if case["formed_on"]:
        return f"Bildas {case['formed_on']}"
    return "Under bildande"


def case_facts(case: Document) -> list[str]:
    """The short facts after the state in the header, most important first."""
    version = f"förbundsordning v{case['fo_version']}" if case["fo_version"] else "ingen förbundsordning ännu"
    facts = [version]
    if case.get("pending_effective_on"):
        facts.append(f"v{case['pending_version']} gäller från {case['pending_effective_on']}")
    elif case["pending_version"]:
        facts.append(f"v{case['pending_version']} väntar på godkännande")
    if case["final_on"]:
        facts.append(f"laga kraft {case['final_on']}")
    if case.get("target_start"):
        facts.append(f"planerad start {case['target_start']}")
    return facts


def kind_label(party: Document) -> str:
    kind: str = party["kind"]
    return KIND_LABELS.get(kind, kind)


def progress_marks(party: Document) -> str:
    """One mark per step in workflow order, e.g. '✓✓·––'."""
    return "".join(STEP_MARKS.get(step["status"], "?") for step in party["steps"])


def step_status_text(step: Document) -> str:
    return f"{STEP_MARKS.get(step['status'], '?')} {STEP_STATUS_WORDS.get(step['status'], step['status'])}"


def step_note(step: Document) -> str:
    """The outcome word, the förbundsordning version it concerned, and why a step was skipped."""
    outcome: str | None = step.get("outcome")
    parts = [OUTCOME_WORDS.get(outcome, outcome)] if outcome else []
    if step.get("fo_version"):
        parts.append(f"v{step['fo_version']}")
    if step.get("reason"):
        parts.append(step["reason"])
    return ", ".join(parts)
