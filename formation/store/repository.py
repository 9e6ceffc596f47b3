"""Reading and writing cases, events and the projection; keyword-only functions taking a session."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from formation.domain.board import BoardSeat
from formation.domain.outcomes import Outcome, StepStatus
from formation.errors import Refusal
from formation.events import EventRecord, EventType
from formation.projection import (
    AppealInfo,
    AppealOutcome,
    CaseProjection,
    PartyProgress,
    StepRecord,
    VersionInfo,
)
from formation.reducer import default_workflow, party_info_from
from formation.store.tables import (
    BoardSeatRow,
    CaseRow,
    EventRow,
    FoVersionRow,
    PartyProgressRow,
    PartyRow,
    StepRecordRow,
)
from workflows.loader import workflow_from_dict
from workflows.model import WorkflowSet


def find_case(*, session: Session, slug: str | None) -> CaseRow:
    """The case named by --case, or the only one; a refusal says what to do otherwise."""
    if slug:
        row = session.exec(select(CaseRow).where(CaseRow.slug == slug)).first()
        if row is None:
            known = ", ".join(session.exec(select(CaseRow.slug).order_by(CaseRow.slug)).all())
            hint = f" Ärenden i databasen: {known}." if known else ""
            raise Refusal(f"Det finns inget ärende '{slug}' i databasen.{hint}")
        return row
    rows = session.exec(select(CaseRow).order_by(CaseRow.slug).limit(50)).all()
    if not rows:
        raise Refusal("Databasen har inget ärende ännu; skapa ett med `formation init NAMN` eller `formation demo`.")
    if len(rows) > 1:
        slugs = ", ".join(r.slug for r in rows)
        raise Refusal(f"Databasen har flera ärenden ({slugs}); välj ett med --case SLUG.")
    return rows[0]


def party_rows(*, session: Session, case_id: int) -> list[PartyRow]:
    return list(
        session.exec(select(PartyRow).where(PartyRow.case_id == case_id).order_by(col(PartyRow.position))).all()
    )


def party_row(*, session: Session, case_id: int, slug: str) -> PartyRow:
    """One party's row; the slug comes from the projection, so it exists."""
    return session.exec(select(PartyRow).where(PartyRow.case_id == case_id, PartyRow.slug == slug)).one()


def load_events(*, session: Session, case_id: int) -> list[EventRecord]:
    rows = session.exec(select(EventRow).where(EventRow.case_id == case_id).order_by(col(EventRow.seq))).all()
    return [event_from_row(row) for row in rows]


def event_from_row(row: EventRow) -> EventRecord:
    return EventRecord(
        seq=row.seq,
        type=EventType(row.type),
        actor=row.actor,
        recorded_at=row.recorded_at,
        party=row.party,
        step=row.step,
        outcome=Outcome(row.outcome) if row.outcome else None,
        date=row.decided_on,
        body=row.body,
        paragraph=row.paragraph,
        dnr=row.dnr,
        fo_version=row.fo_version,
        anslag=row.anslag,
        note=row.note,
        data=dict(row.data or {}),
    )


def next_seq(*, session: Session, case_id: int) -> int:
    last = session.exec(select(func.max(EventRow.seq)).where(EventRow.case_id == case_id)).one()
    return int(last or 0) + 1


def append_event(*, session: Session, case_id: int, event: EventRecord) -> EventRow:
    row = EventRow(
        case_id=case_id,
        seq=event.seq,
        type=event.type.value,
        actor=event.actor,
        recorded_at=event.recorded_at,
        party=event.party,
        step=event.step,
        outcome=event.outcome.value if event.outcome else None,
        decided_on=event.date,
        body=event.body,
        paragraph=event.paragraph,
        dnr=event.dnr,
        fo_version=event.fo_version,
        anslag=event.anslag,
        note=event.note,
        data=event.data,
    )
    session.add(row)
    return row


def load_projection(*, session: Session, case: CaseRow, template: WorkflowSet) -> CaseProjection:
    """The stored projection of `case`, in the same shape a replay produces."""
    assert case.id is not None
    projection = CaseProjection(
        current_version=case.current_version,
        in_force_version=case.in_force_version,
        formed_on=case.formed_on,
        target_start=case.target_start,
        no_region=case.no_region,
    )
    for version in session.exec(
        select(FoVersionRow).where(FoVersionRow.case_id == case.id).order_by(col(FoVersionRow.number))
    ).all():
        projection.versions[version.number] = VersionInfo(
            number=version.number,
            sha256=version.sha256,
            added_on=version.added_on,
            start_date=version.start_date,
            in_force=version.in_force,
        )
    parties = party_rows(session=session, case_id=case.id)
    ids = [p.id for p in parties]
    states = {
        r.party_id: r for r in session.exec(select(PartyProgressRow).where(col(PartyProgressRow.party_id).in_(ids)))
    }
    steps: dict[int, dict[str, StepRecordRow]] = {}
    for step_row in session.exec(select(StepRecordRow).where(col(StepRecordRow.party_id).in_(ids))):
        steps.setdefault(step_row.party_id, {})[step_row.step_id] = step_row
    for party in parties:
        assert party.id is not None
        info = party_info_from(_party_payload(party))
        workflow = workflow_from_dict(party.workflow) if party.workflow else default_workflow(template, info.kind)
        state = states[party.id]
        progress = PartyProgress(
            info=info,
            workflow=workflow,
            state=state.state,
            steps={},
            approved_version=state.approved_version,
            approved_on=state.approved_on,
            anslag_on=state.anslag_on,
            leaves_on=state.leaves_on,
            appeal=_appeal_from_row(state),
        )
        for step in workflow.steps:
            row = steps.get(party.id, {}).get(step.id)
            progress.steps[step.id] = (
                StepRecord(
                    status=StepStatus(row.status),
                    date=row.decided_on,
                    outcome=Outcome(row.outcome) if row.outcome else None,
                    fo_version=row.fo_version,
                    reason=row.reason,
                )
                if row
                else StepRecord()
            )
        projection.parties[info.slug] = progress
    seats = session.exec(
        select(BoardSeatRow).where(BoardSeatRow.case_id == case.id).order_by(col(BoardSeatRow.position))
    ).all()
    projection.board = [
        BoardSeat(
            party=s.party,
            person=s.person,
            role=s.role,
            term_start=s.term_start,
            term_end=s.term_end,
            fullmaktige=s.fullmaktige,
            employed_by=s.employed_by,
        )
        for s in seats
    ]
    return projection


def _appeal_from_row(state: PartyProgressRow) -> AppealInfo | None:
    if state.appeal_filed_on is None:
        return None
    return AppealInfo(
        filed_on=state.appeal_filed_on,
        appellant=state.appeal_appellant,
        court=state.appeal_court,
        decided_on=state.appeal_decided_on,
        outcome=AppealOutcome(state.appeal_outcome) if state.appeal_outcome else None,
    )


def _party_payload(party: PartyRow) -> dict[str, Any]:
    return {
        "slug": party.slug,
        "name": party.name,
        "kind": party.kind,
        "observer": party.observer,
        "member_since": party.member_since.isoformat() if party.member_since else None,
        "key_percent": party.key_percent,
        "population": party.population,
        "email": party.email,
    }


def save_projection(*, session: Session, case: CaseRow, projection: CaseProjection) -> None:
    """Write the projection back: case columns, each party's stage and each step's record."""
    assert case.id is not None
    case.current_version = projection.current_version
    case.in_force_version = projection.in_force_version
    case.formed_on = projection.formed_on
    case.no_region = projection.no_region
    case.revision += 1
    session.add(case)
    for version in session.exec(select(FoVersionRow).where(FoVersionRow.case_id == case.id)).all():
        info = projection.versions.get(version.number)
        if info is not None and version.in_force != info.in_force:
            version.in_force = info.in_force
            session.add(version)
    by_slug = {p.slug: p for p in party_rows(session=session, case_id=case.id)}
    for slug, progress in projection.parties.items():
        party_id = by_slug[slug].id
        assert party_id is not None
        state = session.get(PartyProgressRow, party_id) or PartyProgressRow(party_id=party_id, state="")
        state.state = progress.state
        state.approved_version = progress.approved_version
        state.approved_on = progress.approved_on
        state.anslag_on = progress.anslag_on
        state.leaves_on = progress.leaves_on
        appeal = progress.appeal
        state.appeal_filed_on = appeal.filed_on if appeal else None
        state.appeal_appellant = appeal.appellant if appeal else None
        state.appeal_court = appeal.court if appeal else None
        state.appeal_decided_on = appeal.decided_on if appeal else None
        state.appeal_outcome = appeal.outcome.value if appeal and appeal.outcome else None
        session.add(state)
        for step_id, record in progress.steps.items():
            row = session.get(StepRecordRow, (party_id, step_id)) or StepRecordRow(
                party_id=party_id, step_id=step_id, status=""
            )
            row.status = record.status.value
            row.decided_on = record.date
            row.outcome = record.outcome.value if record.outcome else None
            row.fo_version = record.fo_version
            row.reason = record.reason
            session.add(row)
    _save_board(session=session, case_id=case.id, seats=projection.board)
    session.flush()


def _save_board(*, session: Session, case_id: int, seats: list[BoardSeat]) -> None:
    """The board is small: rewrite it whole when it changed."""
    rows = session.exec(
        select(BoardSeatRow).where(BoardSeatRow.case_id == case_id).order_by(col(BoardSeatRow.position))
    ).all()
    stored = [
        BoardSeat(r.party, r.person, r.role, r.term_start, r.term_end, r.fullmaktige, r.employed_by) for r in rows
    ]
    if stored == seats:
        return
    for row in rows:
        session.delete(row)
    session.flush()
    for position, seat in enumerate(seats):
        session.add(
            BoardSeatRow(
                case_id=case_id,
                position=position,
                party=seat.party,
                person=seat.person,
                role=seat.role,
                term_start=seat.term_start,
                term_end=seat.term_end,
                fullmaktige=seat.fullmaktige,
                employed_by=seat.employed_by,
            )
        )
