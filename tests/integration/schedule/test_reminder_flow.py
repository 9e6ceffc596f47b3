"""The pieces together: plan → deadline → reminder instants → Swedish mail through a real SMTP server and a log."""

from __future__ import annotations

import email
import json
from datetime import UTC, date, datetime
from email import policy
from pathlib import Path

from formation.schedule.channels import LogFileChannel
from formation.schedule.delivery import channels_from_settings
from formation.schedule.messages import ReminderContent
from formation.schedule.planning import plan_case
from formation.schedule.policy import DueReminder, due_now, reminders_for
from formation.schedule.settings import settings_from_toml
from tests.integration.schedule.conftest import SMTP_PASSWORD, SmtpServer
from tests.unit.schedule.stockholm import stockholm

CONFIG = """
[reminders]
channels = ["email", "log"]
log_file = "{log}"

[smtp]
host = "127.0.0.1"
port = {port}
user = "samordnare@example.se"
from = "Styrgruppen <samordnare@example.se>"
tls = "none"

[styrgrupp]
emails = ["processledare@example.se"]
"""


def test_due_reminders_of_the_planned_deadline_are_sent(smtp_server: SmtpServer, tmp_path: Path) -> None:
    log = tmp_path / "paminnelser.jsonl"
    settings = settings_from_toml(CONFIG.format(log=log, port=smtp_server.port), env={})
    plan = plan_case(stockholm())
    kf = plan.step("stockholms-stad", "fullmaktige")
    assert kf is not None and kf.deadline is not None  # 2016-03-14: the last KF that keeps 2016-04-01

    reminders = reminders_for(
        "sfs", kf.party, kf.step_id, kf.deadline, settings.policy, until=kf.deadline, known_from=plan.today
    )
    # The runner's clock at 07:00 UTC on 7 March (08:00 in Stockholm): the 14- and 7-day reminders are due.
    now = datetime(2016, 3, 7, 7, 0, tzinfo=UTC)
    due = due_now(reminders, now)
    assert [(r.key.offset_days, r.day.isoformat()) for r in due] == [(-14, "2016-02-29"), (-7, "2016-03-07")]

    channels = channels_from_settings(settings, password=lambda user: SMTP_PASSWORD)
    for reminder in due:
        content = _content(
            reminder, kf.body, kf.label, settings.smtp.sender if settings.smtp else "", plan.formation_on
        )
        for channel in channels:
            channel.deliver(content, now=now)

    subjects = [
        email.message_from_bytes(raw, policy=policy.default)["Subject"] for _, _, raw in smtp_server.inbox.messages
    ]
    assert subjects == [
        "Påminnelse: Stockholms stad – Kommunfullmäktige antar förbundsordningen, senast 2016-03-14 (14 dagar kvar)",
        "Påminnelse: Stockholms stad – Kommunfullmäktige antar förbundsordningen, senast 2016-03-14 (7 dagar kvar)",
    ]
    assert all(
        rcpts == ["ks@stockholm.example.se", "processledare@example.se"] for _, rcpts, _ in smtp_server.inbox.messages
    )
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [line["key"] for line in lines] == [r.key.text for r in due]
    assert isinstance(channels[1], LogFileChannel)


def _content(reminder: DueReminder, body: str, label: str, sender: str, formation_on: date | None) -> ReminderContent:
    return ReminderContent(
        key=reminder.key,
        kind=reminder.kind,
        forbund="Samordningsförbundet Stockholms stad",
        party="Stockholms stad",
        step=label,
        body=body,
        meeting_on=reminder.key.deadline,
        deadline=reminder.key.deadline,
        today=reminder.day,
        sender=sender,
        recipients=("ks@stockholm.example.se",),
        cc=("processledare@example.se",),
        formation_on=formation_on,
    )
