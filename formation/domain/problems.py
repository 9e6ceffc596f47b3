"""A problem the coordinator must act on, as shown by `status` and in the snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One finding: a stable machine-readable code and one Swedish sentence for the user."""

    code: str
    message: str
    party: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.party is not None:
            data["party"] = self.party
        data.update(self.details)
        return data
