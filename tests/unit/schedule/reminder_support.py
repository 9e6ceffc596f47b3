"""A sample reminder for the message and channel tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from formation.schedule.messages import ReminderContent
from formation.schedule.policy import ReminderKey, ReminderKind

KEY = ReminderKey("sfs", "stockholms-stad", "fullmaktige", date(2016, 2, 15), -7)
NOW = datetime(2016, 2, 8, 7, 0, tzinfo=UTC)  # 08:00 in Stockholm

CONTENT = ReminderContent(
    key=KEY,
    kind=ReminderKind.BEFORE,
    forbund="Samordningsförbundet Stockholms stad",
    party="Stockholms stad",
    step="Kommunfullmäktige antar förbundsordningen",
    body="Kommunfullmäktige",
    meeting_on=date(2016, 2, 15),
    deadline=date(2016, 2, 15),
    today=date(2016, 2, 8),
    sender="Styrgruppen Åsa Öberg <samordnare@example.se>",
    recipients=("Kommunstyrelsens kansli <ks@stockholm.example.se>",),
    cc=("processledare@example.se",),
    formation_on=date(2016, 2, 15),
    target=date(2016, 4, 1),
)

OVERDUE = replace(
    CONTENT,
    key=replace(KEY, offset_days=1),
    kind=ReminderKind.OVERDUE,
    today=date(2016, 2, 18),
    formation_on=date(2016, 3, 14),
)
