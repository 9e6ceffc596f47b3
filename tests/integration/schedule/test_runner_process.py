"""`remind run` as a real process: killed with SIGKILL in the middle of a batch and started again, it sends
every reminder exactly once (on SQLite and on PostgreSQL); two runners started together on one PostgreSQL
database send each reminder once between them; stopped with SIGTERM they exit cleanly. The runner reads the real
clock, so the reminders here are due at 00:00 local time today (already past); the commands that set up the case
run on FORMATION_TODAY a week earlier."""

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


class GatedInbox(Inbox):
    """Holds the first recipient until a second one arrives: each runner sends one reminder at a time, so the
    gate opens only when both runners are delivering at once (or after GATE seconds, which the test refuses)."""

    GATE = 20.0

    def __init__(self) -> None:
        super().__init__()
        self.rcpts = 0
        self.opened_by_two = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        self.rcpts += 1
        waited = 0.0
        while self.rcpts < 2 and waited < self.GATE:
            await asyncio.sleep(0.02)
            waited += 0.02
        self.opened_by_two = self.opened_by_two or self.rcpts >= 2
        envelope.rcpt_tos.append(address)
        return "250 OK"


def _case(db: str, tmp_path: Path, port: int) -> dict[str, str]:
    """A case of PARTIES kommuner, each with a contact and a deadline tomorrow (one reminder each, due at 00:00
    today), and the environment for `remind run` on it."""
    config = tmp_path / "formation.toml"
    config.write_text(
        "[reminders]\nbefore_days = [1]\noverdue_every_days = 0\n"
        + 'hour = "00:00"\n'
        + f'[smtp]\nhost = "127.0.0.1"\nport = {port}\ntls = "none"\nfrom = "styrgrupp@example.org"\n',
        encoding="utf-8",
    )
    today = date.today()
    cli = Cli(db, today=(today - timedelta(days=7)).isoformat(), FORMATION_CONFIG=str(config))
    cli("init", "Samordningsförbundet Norr", "--slug", "norr", "--start", (today + timedelta(days=500)).isoformat())
    for n in range(PARTIES):
        cli("party", "add", f"Kommun {n}", "--kind", "kommun")
        cli("contact", "add", f"Kommun {n}", "Kontakt", "--email", f"k{n}@example.org")
        cli("deadline", "set", f"Kommun {n}", "forstudie", (today + timedelta(days=1)).isoformat())
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMATION_")}
    env.update(FORMATION_DB=db, FORMATION_CONFIG=str(config))
    return env


def _keys(inbox: Inbox) -> list[str]:
    messages = [email.message_from_bytes(raw, policy=policy.default) for _, _, raw in inbox.messages]
    return [str(m["X-Formation-Reminder"]) for m in messages]


@pytest.mark.skipif(not FORMATION.exists(), reason="the console script is not installed")
def test_a_runner_killed_mid_batch_and_restarted_sends_every_reminder_exactly_once(db_url: str, tmp_path: Path) -> None:
    SlowInbox.rcpts = 0
    inbox = SlowInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = _case(db_url, tmp_path, port)
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
        rows = Cli(db_url, FORMATION_CONFIG=env["FORMATION_CONFIG"])("remind", "list", "--state", "sent").stdout
        assert rows.splitlines()[0] == "Tider i svensk tid." and len(rows.splitlines()) == 1 + PARTIES
    finally:
        controller.stop()


def _reconciled(log: Path) -> int:
    """How many reconcile rounds a runner has finished, from its own log (APScheduler logs each job it ran)."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return sum(1 for line in text.splitlines() if 'Job "reconcile' in line and "executed successfully" in line)


@pytest.mark.postgres
@pytest.mark.skipif(not FORMATION.exists(), reason="the console script is not installed")
def test_two_runners_on_one_postgresql_database_send_each_reminder_once(pg_url: str, tmp_path: Path) -> None:
    inbox = GatedInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    runners: list[subprocess.Popen[bytes]] = []
    logs = [tmp_path / f"runner-{n}.log" for n in range(2)]
    try:
        env = _case(pg_url, tmp_path, port)
        for log in logs:
            with log.open("wb") as out:
                runners.append(
                    subprocess.Popen(
                        [str(FORMATION), "remind", "run", "--interval", "1"], env=env, stdout=out, stderr=out
                    )
                )
        assert _wait(lambda: len(inbox.messages) >= PARTIES), "the two runners did not send the batch"
        assert inbox.opened_by_two, "the runners never delivered at the same time; the test proves nothing"
        # Both runners go round again after the batch (reconcile, supersede, set their alarms): nothing more goes out.
        rounds = [_reconciled(log) for log in logs]
        assert _wait(lambda: all(_reconciled(log) >= n + 2 for log, n in zip(logs, rounds, strict=True)), 15)
    finally:
        for runner in runners:
            runner.send_signal(signal.SIGTERM)
        for runner in runners:
            try:
                runner.wait(20)
            except subprocess.TimeoutExpired:
                runner.kill()
                runner.wait(10)
        controller.stop()
    said = [log.read_text(encoding="utf-8", errors="replace") for log in logs]
    assert [r.returncode for r in runners] == [0, 0], said
    counts = Counter(_keys(inbox))
    assert len(counts) == PARTIES and set(counts.values()) == {1}, counts
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT key, state, claimed_by FROM reminder_outbox")).all()
    finally:
        engine.dispose()
    sent = [(state, worker) for key, state, worker in rows if key.endswith("/-1")]  # the reminders due today
    assert [state for state, _ in sent] == ["sent"] * PARTIES, rows
    # Each runner delivered some of the batch: they raced for the same reminders, and each went out once.
    assert len({worker for _, worker in sent}) == 2, sent
