"""Deadlines and reminders over the database: the projector that keeps them in step with every command, and
`reconcile_all`, which brings every case's reminder outbox in line with its deadlines and the reminder policy
(before each sending pass; the sending is `services.sending`)."""

from __future__ import annotations

from collections.abc import Sequence
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
from formation.schedule.case_plan import has_schedule, plan_for
from formation.schedule.plan_model import Plan
from formation.schedule.policy import ReminderPolicy, current_policy, reminders_for
from formation.store import schedule_store, schema
from formation.store.schedule_store import Deadline, Wanted
from formation.store.uow import Session, writing

if TYPE_CHECKING:
    from formation.services.projectors import Written

LOOKAHEAD = timedelta(days=31)
"""The outbox holds the reminders of the coming month, so a runner can set its alarms ahead."""

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
