"""Messages the workers post back to the UI loop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class StatusLoaded(Message):
    """The `status --json` document was read from the database."""

    document: dict[str, Any]


@dataclass
class StatusRefused(Message):
    """Reading the status was refused (no case, several cases, unknown slug); `message` is one Swedish sentence."""

    message: str
