"""Shared helpers for tests that walk a small four-party case through its decisions."""

from __future__ import annotations

from datetime import date
from typing import Any

from formation.reports.status import status_document
from formation.services import Services

KOMMUN, REGION, FK, AF = "Solna stad", "Region Stockholm", "Försäkringskassan", "Arbetsförmedlingen"
KOMMUN_PATH = ("forstudie", "inriktningsbeslut", "namnd", "styrelse", "fullmaktige")
AGENCY_PATH = ("forstudie", "beslut")


def walk(services: Services, party: str, steps: tuple[str, ...], start: date, **approval: object) -> None:
    """Bifall on each step in turn, a week apart from `start`."""
    for index, step in enumerate(steps):
        on = date.fromordinal(start.toordinal() + 7 * index)
        services.decide(party, step, outcome="bifall", on=on, **(approval if index == len(steps) - 1 else {}))  # type: ignore[arg-type]


def party_doc(services: Services, slug: str, as_of: date | None = None) -> dict[str, Any]:
    doc = status_document(services.view(as_of=as_of))
    return next(p for p in doc["parties"] if p["slug"] == slug)


def step_of(party: dict[str, Any], step_id: str) -> dict[str, Any]:
    steps = party["steps"]
    assert isinstance(steps, list)
    return next(s for s in steps if s["id"] == step_id)


def form_all(services: Services, start: date = date(2022, 2, 1)) -> None:
    walk(services, KOMMUN, KOMMUN_PATH, start)
    walk(services, REGION, KOMMUN_PATH, start)
    walk(services, FK, AGENCY_PATH, start)
    walk(services, AF, AGENCY_PATH, start)
