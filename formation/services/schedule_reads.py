"""Reads of deadlines, the reminder outbox and the plan: what `plan`, `deadline list`, `remind list` and the TUI's
plan and reminders screens show. Kept apart from the projector and the sending, so that a read loads neither."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from formation.schedule.case_plan import plan_for
from formation.store import case_store, schedule_store
from formation.store.uow import Session, reading

if TYPE_CHECKING:
    from formation.schedule.plan_model import Plan
    from formation.services import Services
    from formation.store.schedule_store import Deadline


def _case_id(session: Session, services: Services) -> int:
    return case_store.find_case(session=session, slug=services.case_slug).id


def deadline_list(services: Services) -> list[Deadline]:
    with reading(services.engine) as session:
        return schedule_store.deadlines(session.connection(), _case_id(session, services))


def outbox_list(services: Services, states: Sequence[str] | None = None) -> list[dict[str, Any]]:
    with reading(services.engine) as session:
        rows = schedule_store.outbox_rows(session.connection(), _case_id(session, services), states)
    return [outbox_dict(r) for r in rows]


def outbox_dict(r: Any) -> dict[str, Any]:
    def stamp(moment: datetime | None) -> str | None:
        aware = schedule_store.aware_utc(moment)
        return aware.isoformat() if aware else None

    return {
        "key": r.key,
        "party": r.party,
        "step": r.step,
        "deadline": r.deadline_on.isoformat(),
        "offset_days": r.offset_days,
        "kind": r.kind,
        "due_at": stamp(r.due_at),
        "state": r.state,
        "attempts": r.attempts,
        "last_error": r.last_error,
        "next_attempt_at": stamp(r.next_attempt_at),
        "sent_at": stamp(r.sent_at),
        "late": bool(r.late),
    }


def plan(services: Services, today: date | None = None) -> Plan:
    day = today or services.clock.today()
    return plan_for(services.view(as_of=day).projection, day)
