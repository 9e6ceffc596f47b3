"""What a body can decide on a matter, and what that does to the party's path."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """Outcome of one decision; ids are what the CLI accepts."""

    BIFALL = "bifall"
    AVSLAG = "avslag"
    ATERREMISS = "aterremiss"
    BORDLAGD = "bordlagd"


class StepStatus(StrEnum):
    """Where one step of a party's path stands."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    REJECTED = "rejected"


class AppealOutcome(StrEnum):
    """How a court dealt with an överklagande (laglighetsprövning, KL 13 kap.); `upphavt` annuls the decision."""

    AVSLAGET = "avslaget"
    AVVISAT = "avvisat"
    AVSKRIVET = "avskrivet"
    UPPHAVT = "upphavt"
