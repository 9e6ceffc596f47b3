"""The cockpit's read model as plain data: what the dashboard shows and what its forms start from.

Only the standard library and the domain's enums: the TUI's first frame is shown from a stored `CockpitFrame`
before the engine and SQLAlchemy are imported (`tui.frame_cache`), so these types must load without them.
`reports.cockpit` computes them from a CaseView.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from formation.domain.outcomes import Outcome


@dataclass(frozen=True)
class StepChoice:
    """One step a party can act on now, with what the machine allows for it."""

    step: str
    label: str
    outcomes: tuple[Outcome, ...]
    can_skip: bool
    appealable: bool
    body: str = ""
    """The template's body for the step ('Kommunfullmäktige', 'Arbetsförmedlingen'), as the form's example."""


@dataclass(frozen=True)
class NextAction:
    """What one party must decide next ("nästa att göra")."""

    party: str
    name: str
    steps: tuple[StepChoice, ...]
    deadline: date | None = None
    """The party's next deadline from the plan (None when the case has no meeting calendars); the screens sort
    by it first and show an overdue one in red."""


@dataclass(frozen=True)
class Progress:
    """How far the formation has come: members approving the current version."""

    approved: int
    members: int
    version: int | None

    @property
    def sentence(self) -> str:
        if self.version is None:
            return "Ingen förbundsordning ännu"
        return f"{self.approved} av {self.members} parter har antagit förbundsordning v{self.version}"


@dataclass(frozen=True)
class MatrixCell:
    """One party's steps in one stage: a mark per step, the stage's summary status and latest decision day
    (None while the stage waits)."""

    marks: tuple[str, ...]
    """Step statuses in order (pending, done, skipped, rejected)."""
    status: str
    day: date | None


@dataclass(frozen=True)
class StageMatrix:
    """Columns are stages aligned across parties (the approving stage last); None where a party has none."""

    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str, tuple[MatrixCell | None, ...]], ...]


@dataclass(frozen=True)
class PartyHandle:
    """What a form needs of a party: who it is, and whether it may have board seats."""

    slug: str
    name: str
    kind: str
    """PartyKind's value ('kommun', 'region', 'fk', 'af', …)."""
    observer: bool


@dataclass(frozen=True)
class CockpitFrame:
    """One read of the case for the dashboard: the `status --json` document and the cockpit's lists of the same
    view, with the revision every write from the dashboard expects."""

    revision: int
    as_of: date
    first_event_on: date | None
    """The first day the case can be shown as of."""
    document: dict[str, Any]
    progress: Progress
    actions: tuple[NextAction, ...]
    choices: dict[str, tuple[StepChoice, ...]]
    """Party slug → the steps it can act on now; parties with nothing to decide are left out."""
    matrix: StageMatrix
    parties: dict[str, PartyHandle]


# ---- as text: the stored frame (tui.frame_cache) -----------------------------------------------------------


def frame_to_json(frame: CockpitFrame) -> str:
    """The frame as JSON text: plain values only, so that reading it back runs no code from the database."""
    return json.dumps(
        {
            "revision": frame.revision,
            "as_of": frame.as_of.isoformat(),
            "first_event_on": _day_text(frame.first_event_on),
            "document": frame.document,
            "progress": [frame.progress.approved, frame.progress.members, frame.progress.version],
            "actions": [
                [a.party, a.name, [_choice_value(c) for c in a.steps], _day_text(a.deadline)] for a in frame.actions
            ],
            "choices": {slug: [_choice_value(c) for c in choices] for slug, choices in frame.choices.items()},
            "matrix": {
                "columns": [list(column) for column in frame.matrix.columns],
                "rows": [
                    [slug, name, [_cell_value(cell) for cell in cells]] for slug, name, cells in frame.matrix.rows
                ],
            },
            "parties": {p.slug: [p.name, p.kind, p.observer] for p in frame.parties.values()},
        },
        ensure_ascii=False,
    )


def frame_from_json(text: str) -> CockpitFrame:
    """The frame `frame_to_json` wrote; ValueError (or KeyError, TypeError) for anything else."""
    data = json.loads(text)
    approved, members, version = data["progress"]
    matrix = data["matrix"]
    return CockpitFrame(
        revision=int(data["revision"]),
        as_of=date.fromisoformat(data["as_of"]),
        first_event_on=_day(data["first_event_on"]),
        document=dict(data["document"]),
        progress=Progress(int(approved), int(members), None if version is None else int(version)),
        actions=tuple(
            NextAction(str(party), str(name), tuple(_choice(c) for c in steps), _day(deadline))
            for party, name, steps, deadline in data["actions"]
        ),
        choices={str(slug): tuple(_choice(c) for c in choices) for slug, choices in data["choices"].items()},
        matrix=StageMatrix(
            tuple((str(key), str(label)) for key, label in matrix["columns"]),
            tuple((str(slug), str(name), tuple(_cell(c) for c in cells)) for slug, name, cells in matrix["rows"]),
        ),
        parties={
            str(slug): PartyHandle(str(slug), str(name), str(kind), bool(observer))
            for slug, (name, kind, observer) in data["parties"].items()
        },
    )


def _day_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(text: Any) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _choice_value(choice: StepChoice) -> list[Any]:
    outcomes = [o.value for o in choice.outcomes]
    return [choice.step, choice.label, outcomes, choice.can_skip, choice.appealable, choice.body]


def _choice(value: list[Any]) -> StepChoice:
    step, label, outcomes, can_skip, appealable, body = value
    return StepChoice(
        str(step), str(label), tuple(Outcome(o) for o in outcomes), bool(can_skip), bool(appealable), str(body)
    )


def _cell_value(cell: MatrixCell | None) -> list[Any] | None:
    return None if cell is None else [list(cell.marks), cell.status, _day_text(cell.day)]


def _cell(value: list[Any] | None) -> MatrixCell | None:
    if value is None:
        return None
    marks, status, day = value
    return MatrixCell(tuple(str(m) for m in marks), str(status), _day(day))
