"""`remind run`: the long-running runner. APScheduler 3.x is only the alarm clock; the database is the truth.

At start and every `interval` seconds the job `reconcile` brings every case's outbox up to date and reconciles
the scheduler's jobs from the outbox: one job per pending (or retrying) reminder, with a stable id derived from
its key, `replace_existing=True`, and the outbox id as argument of a plain importable function. A job that
fires claims the row before sending (see services.sending.send_one), so a second runner, a cron `remind
once` or a restart after a crash never sends a reminder twice. Jobs of reminders that were sent, cancelled or
moved are removed. A reminder missed while the runner was down is due at start and goes out once, marked late.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from formation.schedule.channels import Channel
    from formation.schedule.settings import Settings

log = logging.getLogger("formation.runner")

HORIZON = timedelta(days=2)
"""Jobs are scheduled for reminders due within this horizon; later ones get theirs at a later reconcile."""
MISFIRE_GRACE = 24 * 3600
"""A job may fire this late (seconds): the runner was busy or suspended; the database decides what is due."""
RECONCILE_ID = "formation-reconcile"


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class _Runtime:
    engine: Engine
    settings: Settings
    channels: list[Channel]
    worker: str
    now: Callable[[], datetime] = _utc_now
    """The clock the runner reconciles and sends by (a test gives a fixed one)."""


_RUNTIME: dict[str, _Runtime] = {}
_SCHEDULERS: dict[str, Any] = {}


def job_id(key: str) -> str:
    """The stable job id of a reminder (its key, hashed: keys contain slashes and non-ASCII)."""
    import hashlib

    return "reminder-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def deliver(runtime_id: str, outbox_id: int) -> None:
    """The job of one reminder: claim, send, mark (a plain function with ids as arguments)."""
    from formation.services.sending import send_one

    rt = _RUNTIME[runtime_id]
    state = send_one(rt.engine, outbox_id, rt.settings, rt.channels, rt.now(), worker=rt.worker)
    if state:
        log.info("påminnelse %s: %s", outbox_id, state)


def reconcile(runtime_id: str) -> None:
    """Bring the outbox up to now, then make the scheduler's jobs match the outbox."""
    from formation.services.scheduling import reconcile_all
    from formation.services.sending import STALE_CLAIM, SendReport, claim_is_stale, supersede_older
    from formation.store import schedule_store
    from formation.store.uow import reading

    rt = _RUNTIME[runtime_id]
    scheduler = _SCHEDULERS[runtime_id]
    now = rt.now()
    reconcile_all(rt.engine, rt.settings.policy, now)
    supersede_older(rt.engine, now, report=SendReport())
    with reading(rt.engine) as session:
        rows = schedule_store.outbox_rows(
            session.connection(), states=[schedule_store.PENDING, schedule_store.FAILED, schedule_store.CLAIMED]
        )
    wanted: dict[str, tuple[datetime, int]] = {}
    for r in rows:
        if r.state == schedule_store.PENDING:
            at = schedule_store.aware_utc(r.due_at)
        elif r.state == schedule_store.FAILED:
            at = schedule_store.aware_utc(r.next_attempt_at)
        elif claim_is_stale(r.claimed_by, r.claimed_at, now):  # its process died between claim and mark
            at = now
        else:  # someone is sending it now; look again once the claim would be stale
            claimed = schedule_store.aware_utc(r.claimed_at)
            at = claimed + STALE_CLAIM + timedelta(seconds=1) if claimed else now
        if at is None or at > now + HORIZON:
            continue
        wanted[job_id(r.key)] = (max(at, now), r.id)
    for job in scheduler.get_jobs():
        if job.id.startswith("reminder-") and job.id not in wanted:
            job.remove()
    for jid, (at, outbox_id) in wanted.items():
        scheduler.add_job(
            deliver,
            trigger="date",
            run_date=at,
            args=[runtime_id, outbox_id],
            id=jid,
            replace_existing=True,
            misfire_grace_time=MISFIRE_GRACE,
            coalesce=True,
            max_instances=1,
        )


def run(engine: Engine, settings: Settings, channels: list[Channel], *, interval: int = 300, worker: str) -> None:
    """Run until SIGTERM or SIGINT; jobs are reconciled at start and every `interval` seconds."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    runtime_id = worker
    _RUNTIME[runtime_id] = _Runtime(engine, settings, channels, worker)
    # One worker thread: reminders go out one by one, in due order, and never race each other in this process.
    scheduler = BackgroundScheduler(timezone=UTC, executors={"default": ThreadPoolExecutor(1)})
    _SCHEDULERS[runtime_id] = scheduler
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    scheduler.add_job(
        reconcile,
        trigger="interval",
        seconds=interval,
        args=[runtime_id],
        id=RECONCILE_ID,
        replace_existing=True,
        next_run_time=datetime.now(UTC),
        misfire_grace_time=interval,
        coalesce=True,
        max_instances=1,
    )
    scheduler.start()
    log.info("påminnelser körs (%s)", worker)
    try:
        while not stop.wait(1.0):
            pass
    finally:
        scheduler.shutdown(wait=True)
        _RUNTIME.pop(runtime_id, None)
        _SCHEDULERS.pop(runtime_id, None)
