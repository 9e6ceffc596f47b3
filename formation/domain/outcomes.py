"""What a body can decide on a matter, and what that does to the party's path."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """Outcome of one decision; ids are what the CLI accepts."""

    BIFALL = "bifall"
    AVSLAG = "avslag"
    ATERREMISS = "aterremiss"
    BORDLAGD = "bordlagd"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.BIFALL: "bifall",
    Outcome.AVSLAG: "avslag",
    Outcome.ATERREMISS: "återremiss",
    Outcome.BORDLAGD: "bordläggning",
}


class StepStatus(StrEnum):
    """Where one step of a party's path stands."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    REJECTED = "rejected"
