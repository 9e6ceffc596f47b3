"""Delivery channels for reminders behind one small protocol: e-mail, webhook and a JSON-lines log file.

Every failure becomes one DeliveryError carrying a Swedish sentence, so the runner can record it on the outbox
row and retry, and the user never sees a traceback. Messages never contain a password or a webhook URL.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from formation.schedule.messages import ReminderContent


class DeliveryError(Exception):
    """A reminder that could not be delivered; `message` is one Swedish sentence without secrets."""

    def __init__(self, channel: str, message: str) -> None:
        self.channel = channel
        self.message = message
        super().__init__(message)


class Channel(Protocol):
    """Somewhere a reminder can be delivered. `deliver` returns only when the channel has accepted it."""

    @property
    def name(self) -> str: ...

    def deliver(self, content: ReminderContent, *, now: datetime) -> None: ...


def reminder_record(content: ReminderContent, *, now: datetime) -> dict[str, Any]:
    """The facts of one reminder as a JSON-able dict (English keys, ISO dates), shared by log and webhook."""
    return {
        "key": content.key.text,
        "kind": content.kind.value,
        "forbund": content.forbund,
        "party": content.party,
        "step": content.step,
        "body": content.body,
        "meeting_on": content.meeting_on.isoformat() if content.meeting_on else None,
        "deadline": content.deadline.isoformat(),
        "days_left": content.days_left,
        "formation_on": content.formation_on.isoformat() if content.formation_on else None,
        "recipients": list(content.recipients),
        "subject": content.subject,
        "sent_at": now.isoformat(),
    }


class LogFileChannel:
    """Appends one JSON line per reminder: an audit trail, and a channel that works with no server at all."""

    name = "log"

    def __init__(self, path: Path) -> None:
        self.path = path

    def deliver(self, content: ReminderContent, *, now: datetime) -> None:
        line = json.dumps(reminder_record(content, now=now), ensure_ascii=False, sort_keys=True) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One write of one whole line in append mode: concurrent runners cannot interleave within a line.
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
        except OSError as exc:
            raise DeliveryError(
                self.name, f"Påminnelsen kunde inte skrivas till loggfilen {self.path} ({exc.strerror or exc})."
            ) from exc
