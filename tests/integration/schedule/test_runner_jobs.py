"""The runner's jobs are reconciled from the outbox: one job per reminder, with a stable id, the outbox id as
argument of a plain importable function, coalesce and an explicit misfire grace; reconciling again changes
nothing; a decided step's jobs disappear. The scheduler is not started: nothing here waits for a clock, and the
runner's clock is fixed (with the real one the test depended on the hour: after 07:00 UTC the next overdue
reminder came within the horizon too)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.background import BackgroundScheduler

from formation.case.commands import RecordDecision, SetDeadline
from formation.domain.outcomes import Outcome
from formation.schedule import runner
from formation.schedule.channels import LogFileChannel
from formation.schedule.settings import settings_from_mapping
from formation.services import Services


def test_jobs_follow_the_outbox(sqlite_services: Services, tmp_path: Path) -> None:
    services = sqlite_services
    today = services.clock.today()  # 2026-11-23, a Monday
    now = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)  # before the day's reminders (07:00 UTC, 08:00 in Sweden)
    services.init_case("Samordningsförbundet Norr", start=today + timedelta(days=500))  # type: ignore[attr-defined]
    services.add_party("Solna", "kommun")  # type: ignore[attr-defined]
    services.add_party("Sundbyberg", "kommun")  # type: ignore[attr-defined]
    services.handle(SetDeadline(party="Solna", step="forstudie", on=today + timedelta(days=2)))
    services.handle(SetDeadline(party="Sundbyberg", step="forstudie", on=today + timedelta(days=2)))
    settings = settings_from_mapping({"reminders": {"log_file": str(tmp_path / "log.jsonl"), "before_days": [1]}}, {})
    scheduler = BackgroundScheduler(timezone=UTC)
    channels = [LogFileChannel(tmp_path / "l")]
    runner._RUNTIME["test"] = runner._Runtime(services.engine, settings, channels, "test", now=lambda: now)
    runner._SCHEDULERS["test"] = scheduler
    scheduler.start(paused=True)  # jobs are stored and scheduled, none runs
    try:
        runner.reconcile("test")
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert len(jobs) == 2 and all(j.startswith("reminder-") for j in jobs)
        assert len(scheduler.get_jobs()) == 2
        for job in jobs.values():
            assert job.func is runner.deliver and job.args[0] == "test" and isinstance(job.args[1], int)
            assert job.coalesce is True and job.misfire_grace_time == runner.MISFIRE_GRACE
        runner.reconcile("test")
        assert sorted(job.id for job in scheduler.get_jobs()) == sorted(jobs)  # replaced, not added twice

        services.handle(
            RecordDecision(party="Solna", step="forstudie", outcome=Outcome.BIFALL, decided_on=services.clock.today())
        )
        runner.reconcile("test")
        [left] = scheduler.get_jobs()
        assert left.id in jobs and left.next_run_time <= now + runner.HORIZON
    finally:
        scheduler.shutdown(wait=False)
        runner._RUNTIME.pop("test")
        runner._SCHEDULERS.pop("test")
