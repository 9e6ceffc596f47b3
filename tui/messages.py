"""Messages the workers post back to the UI loop; named for what happened, in the past tense."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from formation.reports.cockpit_model import CockpitFrame
    from formation.services.views import Result


@dataclass
class CaseLoaded(Message):
    """The case was read for the dashboard."""

    frame: CockpitFrame


@dataclass
class StatusRefused(Message):
    """Reading the case was refused (no case, several cases, unknown slug); `message` is one Swedish sentence."""

    message: str
    code: str = "refused"


@dataclass
class DatabaseRefused(Message):
    """The live poll could not open the database (after a stored frame was shown without it), or the case is
    no longer in it."""

    message: str
    code: str


@dataclass
class RevisionPolled(Message):
    """The live poll read the case's revision (None when no single case can be read)."""

    revision: int | None


@dataclass
class CommandAccepted(Message):
    """A form's command was written; `result` carries the new revision."""

    result: Result


@dataclass
class CommandRefused(Message):
    """A form's command was refused; nothing was written. `stale` when another writer got there first."""

    message: str
    code: str
    stale: bool = False
    actual: int | None = None
    """For a stale write: the case's revision now."""
    since: tuple[str, ...] = ()
    """For a stale write: what the others wrote since the form's revision, one line per event (the last few)."""
    fresh: Any = None
    """For a stale write: what the form read anew (`CommandForm.read_after_stale`), None when nothing."""
