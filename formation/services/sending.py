"""Sending the reminders that are due, from the outbox `services.scheduling` keeps.

The database is the source of truth. `send_due` claims each due reminder (one UPDATE that must affect one
row) in its own transaction before delivering it, and marks it sent after; a failure is recorded on the row
and retried with backoff; a claim left by a process that died is retried after `STALE_CLAIM`.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.headerregistry import Address
from email.utils import parseaddr
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from formation.case.projection import CaseProjection
from formation.schedule.case_plan import plan_for
from formation.schedule.plan_model import StepPlan
from formation.schedule.policy import ReminderKey, ReminderKind
from formation.services.scheduling import reconcile_all
from formation.store import projection_store, schedule_store
from formation.store.uow import reading, writing

if TYPE_CHECKING:
    from formation.schedule.channels import Channel
    from formation.schedule.messages import ReminderContent
    from formation.schedule.settings import Settings

LATE_AFTER = timedelta(hours=1)
"""A reminder sent this long after it was due says so in its subject."""
STALE_CLAIM = timedelta(minutes=10)
"""A claim older than this was left by a process that died before it could mark the reminder."""
MAX_ATTEMPTS = 8
DEFAULT_SENDER = "Formation <formation@localhost>"


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
            report.lines.append(f"skulle skickas: {described(engine, r)}")
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
            report.lines.append(f"ersätts av en senare påminnelse: {described(engine, r)}")
        else:
            with writing(engine) as session:
                schedule_store.mark_cancelled(
                    session.connection(), r.id, reason="Ersatt av en senare påminnelse om samma sista dag."
                )
        report.superseded += 1
    return [r for r in due if r.id in keep]


def described(engine: Engine, r: Any) -> str:
    """A reminder as a dry run lists it: 'Norrort: Försäkringskassan, Försäkringskassans beslut, sista dag
    2026-12-13 (1 dag efter)' (the outbox holds slugs and ids; the case's stored state has the names)."""
    from formation.schedule.plan_text import offset_words

    with reading(engine) as session:
        case = projection_store.load(session=session, case_id=r.case_id).projection
    party = case.parties.get(r.party)
    step = party.workflow.step(r.step) if party is not None else None
    rule = offset_words(int(r.offset_days))
    name = party.info.name if party is not None else r.party
    label = step.label if step is not None else r.step
    return f"{case.name or case.slug}: {name}, {label}, sista dag {r.deadline_on} ({rule})"


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


def _next_meeting(planned: StepPlan | None, today: date) -> date | None:
    """The meeting the step is planned for, never one already past (an overdue step's planned meeting may be)."""
    if planned is None:
        return None
    return next((d for d in (planned.earliest, planned.latest) if d is not None and d >= today), None)


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
    # "Anna Andersson <anna@solna.se>": the mail is addressed to a person, and the styrgrupp is not copied on
    # an address that is already a recipient.
    recipients = tuple(
        str(Address(display_name=c.name, addr_spec=c.email))
        for c in projection.contacts.values()
        if c.party == r.party
    )
    to = {parseaddr(a)[1].casefold() for a in recipients}
    cc = tuple(a for a in settings.styrgrupp if parseaddr(a)[1].casefold() not in to)
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
        meeting_on=_next_meeting(planned, local_today),
        deadline=r.deadline_on,
        today=local_today,
        sender=settings.smtp.sender if settings.smtp else DEFAULT_SENDER,
        recipients=recipients,
        cc=cc,
        formation_on=plan.formation_on,
        target=plan.target,
        late_from=due_at.astimezone(settings.policy.zone).date() if late else None,
    )
