"""The timeline's read model: per party, every dated decision (återremiss and bordläggning included) on a month
axis from the first decision to past the target start and today."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from formation.case.events import DecisionRecorded, Envelope, StepSkipped
from formation.case.history import resolve
from formation.services.views import CaseView


@dataclass(frozen=True)
class TimelineMark:
    """One decision (or skip) of one party, as the log now reads."""

    day: date
    step: str
    outcome: str
    """An outcome value ("bifall", "aterremiss", …) or "skip"."""


@dataclass(frozen=True)
class Timeline:
    """Months from the first dated decision to past the target start and today; each party's decisions."""

    first_month: date
    months: int
    rows: tuple[tuple[str, tuple[TimelineMark, ...]], ...]
    target_start: date | None
    today: date

    def month_index(self, day: date) -> int:
        return (day.year - self.first_month.year) * 12 + day.month - self.first_month.month


def timeline(view: CaseView, log: Sequence[Envelope], today: date) -> Timeline:
    """Every decision, återremiss and bordläggning included (the projection keeps only the latest)."""
    marks: dict[str, list[TimelineMark]] = {}
    for envelope in resolve(log):
        event = envelope.event
        if isinstance(event, DecisionRecorded | StepSkipped) and envelope.effective_on is not None:
            if view.as_of < envelope.effective_on:
                continue
            outcome = event.outcome.value if isinstance(event, DecisionRecorded) else "skip"
            marks.setdefault(event.party, []).append(TimelineMark(envelope.effective_on, event.step, outcome))
    rows = []
    days: list[date] = [today]
    for p in view.parties:
        own = tuple(sorted(marks.get(p.info.slug, []), key=lambda m: m.day))
        days.extend(m.day for m in own)
        rows.append((p.info.name, own))
    target = view.case.target_start
    if target is not None:
        days.append(target)
    first, last = min(days), max(days)
    months = (last.year - first.year) * 12 + last.month - first.month + 2
    return Timeline(first.replace(day=1), months, tuple(rows), target, today)
