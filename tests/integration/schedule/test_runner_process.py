"""`remind run` as a real process: killed with SIGKILL in the middle of a batch and started again, it sends
every reminder exactly once; stopped with SIGTERM it exits cleanly. The runner reads the real clock, so the
reminders here are due at 00:00 local time today (already past)."""

from __future__ import annotations

import asyncio
import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.e2e.in_process import Cli
from tests.integration.schedule.conftest import Inbox, free_port

FORMATION = Path(sys.executable).with_name("formation")
PARTIES = 6


class SlowInbox(Inbox):
    """Takes its time before accepting each recipient: a runner killed now has claimed but not sent."""

    rcpts = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        SlowInbox.rcpts += 1
        await asyncio.sleep(0.4)
        envelope.rcpt_tos.append(address)
        return "250 OK"


def _wait(predicate, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)  # polling a real process and a real server; the reminders' own clock is not involved
    return False


def _keys(inbox: Inbox) -> list[str]:
    messages = [email.message_from_bytes(raw, policy=policy.default) for _, _, raw in inbox.messages]
    return [str(m["X-Formation-Reminder"]) for m in messages]


@pytest.mark.skipif(not FORMATION.exists(), reason="the console script is not installed")
def test_a_runner_killed_mid_batch_and_restarted_sends_every_reminder_exactly_once(tmp_path: Path) -> None:
    SlowInbox.rcpts = 0
    inbox = SlowInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        config = tmp_path / "formation.toml"
        config.write_text(
            "[reminders]\nbefore_days = [1]\noverdue_every_days = 0\n"
            + 'hour = "00:00"\n'
            + f'[smtp]\nhost = "127.0.0.1"\nport = {port}\ntls = "none"\nfrom = "styrgrupp@example.org"\n',
            encoding="utf-8",
        )
        today = date.today()
        db = tmp_path / "f.db"
        cli = Cli(db, today=(today - timedelta(days=7)).isoformat(), FORMATION_CONFIG=str(config))
        cli("init", "Samordningsförbundet Norr", "--slug", "norr", "--start", (today + timedelta(days=500)).isoformat())
        for n in range(PARTIES):
            cli("party", "add", f"Kommun {n}", "--kind", "kommun")
            cli("contact", "add", f"Kommun {n}", "Kontakt", "--email", f"k{n}@example.org")
            cli("deadline", "set", f"Kommun {n}", "forstudie", (today + timedelta(days=1)).isoformat())
        env = {k: v for k, v in os.environ.items() if not k.startswith("FORMATION_")}
        env.update(FORMATION_DB=str(db), FORMATION_CONFIG=str(config))
        command = [str(FORMATION), "remind", "run", "--interval", "1"]

        first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            # Killed while the third reminder waits for its recipient to be accepted: claimed, not delivered.
            assert _wait(lambda: SlowInbox.rcpts >= 3), "the runner did not get to the third reminder"
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        assert len(inbox.messages) == 2, "the kill did not land mid-batch; the test proves nothing"

        second = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            assert _wait(lambda: len(inbox.messages) >= PARTIES), "the restarted runner did not finish the batch"
            time.sleep(2.5)  # two more reconcile rounds of the runner: nothing more may go out
        finally:
            second.send_signal(signal.SIGTERM)
            out, _ = second.communicate(timeout=20)
        assert second.returncode == 0, out.decode()
        counts = Counter(_keys(inbox))
        assert len(counts) == PARTIES and set(counts.values()) == {1}, counts
        rows = Cli(db, FORMATION_CONFIG=str(config))("remind", "list", "--state", "sent").stdout.splitlines()
        assert len(rows) == PARTIES
    finally:
        controller.stop()
