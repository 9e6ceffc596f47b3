"""Deadlines and reminders over the database: the projector that keeps them in step with every command, the
reads behind `calendar`, `contact`, `deadline`, `plan` and `remind list`, and sending what is due.

The database is the source of truth. `send_due` claims each due reminder (one UPDATE that must affect one
row) in its own transaction before delivering it, and marks it sent after; a failure is recorded on the row
and retried with backoff; a claim left by a process that died is retried after `STALE_CLAIM`.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, insert, select, update

from formation.case.events import (
    BodyNamed,
    CaseCreated,
    ContactAdded,
    ContactRemoved,
    DeadlineSet,
    EventCorrected,
    EventVoided,
    MeetingAdded,
    MeetingRemoved,
    WorkflowUpgraded,
)
from formation.case.projection import CaseProjection
from formation.schedule.case_plan import has_schedule, plan_for
from formation.schedule.plan_model import Plan
from formation.schedule.policy import ReminderKey, ReminderKind, ReminderPolicy, current_policy, reminders_for
from formation.store import projection_store, schedule_store, schema
from formation.store.schedule_store import Deadline, Wanted
from formation.store.uow import Session, reading, writing

if TYPE_CHECKING:
    from formation.schedule.channels import Channel
    from formation.schedule.messages import ReminderContent
    from formation.schedule.settings import Settings
    from formation.services.projectors import Written

LATE_AFTER = timedelta(hours=1)
"""A reminder sent this long after it was due says so in its subject."""
STALE_CLAIM = timedelta(minutes=10)
"""A claim older than this was left by a process that died before it could mark the reminder."""
MAX_ATTEMPTS = 8
LOOKAHEAD = timedelta(days=31)
"""The outbox holds the reminders of the coming month, so a runner can set its alarms ahead."""
DEFAULT_SENDER = "Formation <formation@localhost>"

# ------------------------------------------------------------------------------------ the projector

_SCHEDULE_EVENTS = (MeetingAdded, MeetingRemoved, ContactAdded, ContactRemoved, DeadlineSet, BodyNamed)
_REWRITES = (CaseCreated, EventCorrected, EventVoided, WorkflowUpgraded)


def project_schedule(written: Written) -> None:
    """After every command: calendars and contacts (when they changed), deadlines from the plan, and the
    outbox reconciled from the deadlines, so that reminders follow decisions by themselves."""
    projection = written.loaded.projection
    changed = any(isinstance(e.event, _SCHEDULE_EVENTS + _REWRITES) for e in written.envelopes)
    if not changed and not has_schedule(projection):
        return  # a case without calendars or deadlines: nothing to plan, and nothing stored to clear
    if changed:
        schedule_store.save_schedule(session=written.session, case_id=written.case_id, projection=projection)
    planned = deadlines_of(plan_for(projection, written.today)) if has_schedule(projection) else []
    stored = schedule_store.save_deadlines(
        session=written.session, case_id=written.case_id, deadlines=planned, today=written.today
    )
    now = datetime.combine(written.today, datetime.min.time(), tzinfo=UTC)
    until = written.today + LOOKAHEAD
    _reconcile(written.session, written.case_id, projection.slug, stored, current_policy(), now, until)


def deadlines_of(plan: Plan) -> list[Deadline]:
    return [
        Deadline(
            party=s.party,
            step=s.step_id,
            label=s.label,
            body=str(s.body),
            deadline_on=s.deadline,
            overridden=s.deadline_overridden,
            meeting_on=s.meeting_on,
            critical=s.critical,
        )
        for s in plan.steps
        if s.deadline is not None
    ]


def wanted_reminders(slug: str, deadlines: Sequence[Deadline], policy: ReminderPolicy, until: date) -> list[Wanted]:
    wanted: list[Wanted] = []
    for d in deadlines:
        for r in reminders_for(slug, d.party, d.step, d.deadline_on, policy, until=until, known_from=d.known_from):
            key = r.key
            wanted.append(Wanted(key.text, d.party, d.step, d.deadline_on, key.offset_days, r.kind.value, r.due_at))
    return wanted


def _reconcile(
    session: Session,
    case_id: int,
    slug: str,
    deadlines: Sequence[Deadline],
    policy: ReminderPolicy,
    now: datetime,
    until: date,
) -> tuple[int, int]:
    wanted = wanted_reminders(slug, deadlines, policy, until)
    _revive(session.connection(), [(case_id, w.key) for w in wanted], now)
    return schedule_store.reconcile_outbox(
        session=session,
        case_id=case_id,
        wanted=wanted,
        current=[(d.party, d.step, d.deadline_on) for d in deadlines],
        now=now,
    )


def _revive(connection: Connection, wanted: Sequence[tuple[int, str]], now: datetime) -> int:
    """Put back the cancelled reminders that are wanted again and not yet due: a deadline that moves away and
    back (a deadline set by hand and then returned to the plan, a decision voided) has its reminders again.

    Their key is the deadline's, so they are found by it; one cancelled because a later reminder superseded it
    was due when it was cancelled, so it stays cancelled and nothing is sent twice."""
    if not wanted:
        return 0
    o = _OUTBOX.c
    revived = 0
    for case_id in sorted({case_id for case_id, _ in wanted}):
        keys = [key for c, key in wanted if c == case_id]
        result = connection.execute(
            update(_OUTBOX)
            .where(
                o.case_id == case_id,
                o.key.in_(keys),
                o.state == schedule_store.CANCELLED,
                o.due_at > schedule_store.as_utc(now),
            )
            .values(state=schedule_store.PENDING, last_error=None, next_attempt_at=None)
        )
        revived += result.rowcount
    return revived


def reconcile_all(engine: Engine, policy: ReminderPolicy, now: datetime) -> tuple[int, int]:
    """Bring every case's outbox up to `now` (overdue reminders repeat as time passes, without a command).

    The same as `_reconcile` case by case, in slug order, in a few statements over all cases: every case locked
    first (as a command locks its own), then all deadlines and all outbox rows read at once, and the new
    reminders inserted (and the stale ones cancelled) in one statement each."""
    until = now.astimezone(policy.zone).date() + LOOKAHEAD
    with writing(engine) as session:
        connection = session.connection()
        # Locked like a command: two runners (or a runner and a command) never insert the same key at once.
        slugs = _locked_cases(connection)
        per_case: dict[int, list[Deadline]] = {}
        for case_id, deadline in _all_deadlines(connection):
            per_case.setdefault(case_id, []).append(deadline)
        outbox: dict[int, list[Any]] = {}
        for r in connection.execute(
            select(_OUTBOX.c.id, _OUTBOX.c.case_id, _OUTBOX.c.key, _OUTBOX.c.party, _OUTBOX.c.step,
                   _OUTBOX.c.deadline_on, _OUTBOX.c.state)
        ):  # fmt: skip
            outbox.setdefault(r.case_id, []).append(r)
        stale: list[int] = []
        fresh: list[tuple[int, Wanted]] = []
        back: list[tuple[int, str]] = []
        for case_id, slug in slugs.items():
            deadlines = per_case.get(case_id, [])
            rows = outbox.get(case_id, [])
            if not deadlines and not rows:
                continue
            live = {(d.party, d.step, d.deadline_on) for d in deadlines}
            known = {r.key for r in rows}
            cancelled = {r.key for r in rows if r.state == schedule_store.CANCELLED}
            stale += [r.id for r in rows if r.state in _CANCELLABLE and (r.party, r.step, r.deadline_on) not in live]
            wanted = wanted_reminders(slug, deadlines, policy, until)
            fresh += [(case_id, w) for w in wanted if w.key not in known]
            back += [(case_id, w.key) for w in wanted if w.key in cancelled]
        if stale:
            connection.execute(
                update(_OUTBOX)
                .where(_OUTBOX.c.id.in_(stale))
                .values(state=schedule_store.CANCELLED, next_attempt_at=None)
            )
        _revive(connection, back, now)
        if fresh:
            stamp = schedule_store.as_utc(now)
            connection.execute(
                insert(_OUTBOX),
                [
                    {
                        "case_id": case_id,
                        "key": w.key,
                        "party": w.party,
                        "step": w.step,
                        "deadline_on": w.deadline_on,
                        "offset_days": w.offset_days,
                        "kind": w.kind,
                        "due_at": schedule_store.as_utc(w.due_at),
                        "state": schedule_store.PENDING,
                        "attempts": 0,
                        "late": False,
                        "created_at": stamp,
                    }
                    for case_id, w in fresh
                ],
            )
    return len(fresh), len(stale)


_CASES = schema.cases
_DEADLINES = schema.deadlines
_OUTBOX = schema.reminder_outbox
_CANCELLABLE = (schedule_store.PENDING, schedule_store.FAILED)


def _locked_cases(connection: Connection) -> dict[int, str]:
    """Every case's id and slug in the order of the slugs (the order reminders are added in, so their ids and
    so the order of reminders due at the same instant stay as they were), the rows locked FOR UPDATE (SQLite:
    the write transaction's BEGIN IMMEDIATE already holds the database)."""
    query = select(_CASES.c.id, _CASES.c.slug).order_by(_CASES.c.slug)
    if connection.dialect.name != "sqlite":
        query = query.with_for_update()
    return {r.id: r.slug for r in connection.execute(query)}


def _all_deadlines(connection: Connection) -> list[tuple[int, Deadline]]:
    """Every case's deadlines, per case in the order of `schedule_store.deadlines`."""
    d = _DEADLINES.c
    rows = connection.execute(select(_DEADLINES).order_by(d.case_id, d.deadline_on, d.id))
    return [
        (r.case_id, Deadline(r.party, r.step, r.label, r.body, r.deadline_on, r.overridden, r.meeting_on,
                             r.critical, r.known_from))
        for r in rows
    ]  # fmt: skip


# ------------------------------------------------------------------------------------ sending


@dataclass
class SendReport:
    """What one pass sent, failed, skipped and superseded; `lines` describe each reminder in Swedish."""

    sent: int = 0
    failed: int = 0
    late: int = 0
    superseded: int = 0
    lost_claims: int = 0
    lines: list[str] = field(default_factory=list)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def send_due(
    engine: Engine,
    settings: Settings,
    channels: Sequence[Channel],
    now: datetime,
    *,
    dry_run: bool = False,
    worker: str | None = None,
) -> SendReport:
    """Send every reminder due at `now` once. Of several due reminders for one deadline (after downtime) only
    the newest goes out; the older ones are superseded, so a stop never turns into a burst of mail."""
    report = SendReport()
    if not dry_run:
        reconcile_all(engine, settings.policy, now)
    due = supersede_older(engine, now, report=report, dry_run=dry_run)
    for r in due:
        if dry_run:
            report.lines.append(f"skulle skickas: {r.key}")
            continue
        send_one(engine, r.id, settings, channels, now, worker=worker or worker_name(), report=report)
    return report


def supersede_older(engine: Engine, now: datetime, *, report: SendReport, dry_run: bool = False) -> list[Any]:
    """The reminders due at `now`, newest per deadline; older due ones of the same deadline are cancelled."""
    with reading(engine) as session:
        due = schedule_store.due_rows(session.connection(), now, stale_claim_before=now - STALE_CLAIM)
    due = [r for r in due if r.state != schedule_store.CLAIMED or claim_is_stale(r.claimed_by, r.claimed_at, now)]
    newest: dict[tuple[int, str, str, date], Any] = {}
    for r in due:
        group = (r.case_id, r.party, r.step, r.deadline_on)
        if group not in newest or r.due_at >= newest[group].due_at:
            newest[group] = r
    keep = {r.id for r in newest.values()}
    for r in due:
        if r.id in keep:
            continue
        if dry_run:
            report.lines.append(f"ersätts av en senare påminnelse: {r.key}")
        else:
            with writing(engine) as session:
                schedule_store.mark_cancelled(
                    session.connection(), r.id, reason="Ersatt av en senare påminnelse om samma sista dag."
                )
        report.superseded += 1
    return [r for r in due if r.id in keep]


def send_one(
    engine: Engine,
    outbox_id: int,
    settings: Settings,
    channels: Sequence[Channel],
    now: datetime,
    *,
    worker: str,
    report: SendReport | None = None,
) -> str:
    """Claim, deliver and mark one reminder; returns its new state ('' when someone else had it)."""
    report = report if report is not None else SendReport()
    with writing(engine) as session:
        connection = session.connection()
        r = schedule_store.row(connection, outbox_id)
        due_now = r is not None and _ready(r, now)
        if r is None or not due_now:
            return ""
        claimed_at = r.claimed_at if r.state == schedule_store.CLAIMED else None
        if not schedule_store.claim(
            connection, outbox_id, state=r.state, claimed_at=claimed_at, worker=worker, now=now
        ):
            report.lost_claims += 1
            return ""
        loaded = projection_store.load(session=session, case_id=r.case_id)
    due_at = schedule_store.aware_utc(r.due_at)
    assert due_at is not None
    late = now - due_at > LATE_AFTER
    from formation.schedule.channels import DeliveryError

    error: str | None = None
    try:
        content = reminder_content(loaded.projection, r, settings, now, late=late)
        for channel in channels:
            channel.deliver(content, now=now)
    except DeliveryError as exc:
        error = exc.message
    except ValueError as exc:
        error = str(exc)
    with writing(engine) as session:
        if error is None:
            schedule_store.mark_sent(session.connection(), outbox_id, now=now, late=late)
            report.sent += 1
            report.late += int(late)
            report.lines.append(f"skickad{' (sent)' if late else ''}: {r.key}")
            return schedule_store.SENT
        attempts = r.attempts + 1
        retry_at = now + min(timedelta(minutes=5) * 2 ** (attempts - 1), timedelta(hours=6))
        schedule_store.mark_failed(
            session.connection(), outbox_id, error=error, retry_at=retry_at if attempts < MAX_ATTEMPTS else None
        )
        report.failed += 1
        report.lines.append(f"misslyckades ({error}): {r.key}")
        return schedule_store.FAILED


def _ready(r: Any, now: datetime) -> bool:
    at = schedule_store.as_utc(now)
    if r.state == schedule_store.PENDING:
        return bool(r.due_at <= at)
    if r.state == schedule_store.FAILED:
        return r.next_attempt_at is not None and bool(r.next_attempt_at <= at)
    if r.state == schedule_store.CLAIMED:
        return claim_is_stale(r.claimed_by, r.claimed_at, now)
    return False


def claim_is_stale(claimed_by: str | None, claimed_at: datetime | None, now: datetime) -> bool:
    """A claim whose process is gone: older than STALE_CLAIM, or made on this host by a process that has exited."""
    if claimed_at is None or schedule_store.as_utc(claimed_at) <= schedule_store.as_utc(now - STALE_CLAIM):
        return True
    host, _, pid = (claimed_by or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def reminder_content(
    projection: CaseProjection, r: Any, settings: Settings, now: datetime, *, late: bool
) -> ReminderContent:
    """The reminder's text from the case as it stands now."""
    from formation.schedule.messages import ReminderContent

    progress = projection.parties.get(r.party)
    if progress is None:
        raise ValueError(f"Parten {r.party} finns inte längre i ärendet.")
    step = progress.workflow.step(r.step)
    local_today = now.astimezone(settings.policy.zone).date()
    plan = plan_for(projection, local_today)
    planned = plan.step(r.party, r.step)
    recipients = tuple(c.email for c in projection.contacts.values() if c.party == r.party)
    cc = tuple(a for a in settings.styrgrupp if a not in recipients)
    if not recipients:
        recipients, cc = cc, ()
    if not recipients:
        raise ValueError(
            f"{progress.info.name} har ingen kontakt och styrgruppen ingen adress; lägg till en med `contact add`."
        )
    due_at = schedule_store.aware_utc(r.due_at)
    assert due_at is not None
    key = ReminderKey(projection.slug, r.party, r.step, r.deadline_on, r.offset_days)
    return ReminderContent(
        key=key,
        kind=ReminderKind(r.kind),
        forbund=projection.name,
        party=progress.info.name,
        step=step.label if step else r.step,
        body=(planned.body if planned else (projection.body_name(r.party, step.body) if step else ""))
        or "beslutande organ",
        meeting_on=(planned.earliest or planned.latest) if planned else None,
        deadline=r.deadline_on,
        today=local_today,
        sender=settings.smtp.sender if settings.smtp else DEFAULT_SENDER,
        recipients=recipients,
        cc=cc,
        formation_on=plan.formation_on,
        target=plan.target,
        late_from=due_at.astimezone(settings.policy.zone).date() if late else None,
    )
