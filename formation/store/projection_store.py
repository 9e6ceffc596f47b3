"""The stored projection (a cache of the replay): loading it, and writing back only what an event changed.

Rows are read with SQLAlchemy Core, not as ORM objects: a case is loaded on every command and every read. What
a process last committed of each case is kept by `projection_cache`, and `load` hands out a copy of it while
no other process has written; the förbundsordning's texts are `fo_text_store`'s.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update

from formation.case.projection import (
    AppealInfo,
    CaseProjection,
    PartyInfo,
    PartyProgress,
    StepRecord,
    VersionInfo,
    default_workflow,
)
from formation.domain.board import BoardSeat
from formation.domain.outcomes import AppealOutcome, Outcome, StepStatus
from formation.domain.parties import PartyKind
from formation.store import projection_cache, schedule_store, schema
from formation.store.case_store import CaseRecord
from formation.store.projection_cache import Loaded
from formation.store.uow import Session

_CASES = schema.cases
_PARTIES = schema.parties
_PROGRESS = schema.party_progress
_STEPS = schema.step_records
_VERSIONS = schema.fo_versions
_BOARD = schema.board_seats


# Stored values to enum members by a dict lookup (calling the enum is several times slower); an unknown
# value still goes through the enum, which raises as before.
_KINDS = {k.value: k for k in PartyKind}
_STATUSES = {s.value: s for s in StepStatus}
_OUTCOMES = {o.value: o for o in Outcome}

# The reads of a case, built once: a statement built per call costs SQLAlchemy a cache key each time.
_CASE_ID: Any = bindparam("case_id")
_CASE_ROW = select(_CASES).where(_CASES.c.id == _CASE_ID)
_REVISION = select(_CASES.c.revision, _CASES.c.created_at).where(_CASES.c.id == _CASE_ID)
_VERSION_ROWS = select(_VERSIONS).where(_VERSIONS.c.case_id == _CASE_ID).order_by(_VERSIONS.c.number)
_PARTY_ROWS = select(_PARTIES).where(_PARTIES.c.case_id == _CASE_ID).order_by(_PARTIES.c.position)
# Joined on the case rather than `party_id IN (…)`: one statement whatever the number of parties.
_PROGRESS_ROWS = (
    select(_PROGRESS).join(_PARTIES, _PARTIES.c.id == _PROGRESS.c.party_id).where(_PARTIES.c.case_id == _CASE_ID)
)
_STEP_ROWS = select(_STEPS).join(_PARTIES, _PARTIES.c.id == _STEPS.c.party_id).where(_PARTIES.c.case_id == _CASE_ID)
_BOARD_ROWS = select(_BOARD).where(_BOARD.c.case_id == _CASE_ID).order_by(_BOARD.c.position)


def load(*, session: Session, case_id: int) -> Loaded:
    """The stored projection of a case, in the same shape a replay produces."""
    connection = session.connection()
    case = connection.execute(_CASE_ROW, {"case_id": case_id}).one()._mapping
    cached = projection_cache.committed(session, case_id, case["revision"], case["created_at"])
    return cached if cached is not None else _load_rows(session, case_id, case)


def _load_rows(session: Session, case_id: int, case: Any) -> Loaded:
    connection = session.connection()
    from workflows.loader import legacy_template, workflow_from_dict, workflow_set_from_dict

    template = workflow_set_from_dict(case["template"]) if case["template"] else legacy_template()
    projection = CaseProjection(
        template=template,
        name=case["name"],
        slug=case["slug"],
        seat=case["seat"],
        first_event_on=case["first_event_on"],
        last_event_on=case["last_event_on"],
        current_version=case["current_version"],
        in_force_version=case["in_force_version"],
        formed_on=case["formed_on"],
        target_start=case["target_start"],
        no_region=case["no_region"],
    )
    of_case = {"case_id": case_id}
    for v in connection.execute(_VERSION_ROWS, of_case).all():
        projection.versions[v.number] = VersionInfo(v.number, v.sha256, v.added_on, v.start_date, v.in_force)
    loaded = Loaded(projection)
    parties = connection.execute(_PARTY_ROWS, of_case).all()
    states = {r.party_id: r for r in connection.execute(_PROGRESS_ROWS, of_case).all()}
    steps: dict[int, dict[str, Any]] = {}
    for row in connection.execute(_STEP_ROWS, of_case).all():
        steps.setdefault(row.party_id, {})[row.step_id] = row
    for party in parties:
        info = PartyInfo(
            slug=party.slug,
            name=party.name,
            kind=_KINDS.get(party.kind) or PartyKind(party.kind),
            observer=party.observer,
            member_since=party.member_since,
            key_percent=_decimal(party.key_percent),
            population=party.population,
            email=party.email,
            added_on=party.added_on,
        )
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
            appeal=_appeal(state),
        )
        own = steps.get(party.id, {})
        for step in workflow.steps:
            stored = own.get(step.id)
            progress.steps[step.id] = (
                StepRecord(
                    _STATUSES.get(stored.status) or StepStatus(stored.status),
                    stored.decided_on,
                    (_OUTCOMES.get(stored.outcome) or Outcome(stored.outcome)) if stored.outcome else None,
                    stored.fo_version,
                    stored.reason,
                )
                if stored
                else StepRecord()
            )
        projection.parties[info.slug] = progress
        loaded.party_ids[info.slug] = party.id
    projection.board = [
        BoardSeat(s.party, s.person, s.role, s.term_start, s.term_end, s.fullmaktige, s.employed_by)
        for s in connection.execute(_BOARD_ROWS, of_case).all()
    ]
    schedule_store.load_into(connection, case_id, projection)
    loaded.snapshot = _snapshot(projection)
    return loaded


def _decimal(text: str | None) -> Any:
    from decimal import Decimal

    return Decimal(text) if text is not None else None


def _appeal(state: Any) -> AppealInfo | None:
    if state.appeal_filed_on is None:
        return None
    return AppealInfo(
        filed_on=state.appeal_filed_on,
        appellant=state.appeal_appellant,
        court=state.appeal_court,
        decided_on=state.appeal_decided_on,
        outcome=AppealOutcome(state.appeal_outcome) if state.appeal_outcome else None,
    )


def _party_key(progress: PartyProgress) -> tuple[Any, ...]:
    """Everything stored about one party; compared to write back only the parties an event changed."""
    info = progress.info
    return (
        info.name,
        info.kind,
        info.observer,
        info.member_since,
        info.key_percent,
        info.population,
        info.email,
        info.added_on,
        id(progress.workflow),
        progress.state,
        progress.approved_version,
        progress.approved_on,
        progress.anslag_on,
        progress.leaves_on,
        progress.appeal,
        # The records themselves: the reducer replaces a step's record, never changes a stored one, and a
        # tuple compares identical records without looking inside them.
        tuple(progress.steps.items()),
    )


def _version_key(version: VersionInfo) -> tuple[Any, ...]:
    """What the projection changes of a stored version: whether it is in force, and its dates (a correction)."""
    return (version.in_force, version.added_on, version.start_date)


def _snapshot(projection: CaseProjection, keys: dict[str, tuple[Any, ...]] | None = None) -> dict[str, Any]:
    return {
        "parties": keys if keys is not None else {slug: _party_key(p) for slug, p in projection.parties.items()},
        "versions": {n: _version_key(v) for n, v in projection.versions.items()},
        "board": list(projection.board),
        "template": id(projection.template),
    }


def create_case(*, session: Session, projection: CaseProjection, created_at: Any) -> int:
    """The row of a new case (its identity comes from its first event)."""
    result = session.connection().execute(
        insert(_CASES).values(slug=projection.slug, name=projection.name, created_at=created_at, revision=0)
    )
    case_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
    assert case_id is not None
    return int(case_id)


def save(*, session: Session, case_id: int, loaded: Loaded) -> None:
    """Write back what changed since `load` (or everything, for a new or rebuilt case)."""
    connection = session.connection()
    projection = loaded.projection
    before = loaded.snapshot
    values: dict[str, Any] = {
        "name": projection.name,
        "seat": projection.seat,
        "target_start": projection.target_start,
        "current_version": projection.current_version,
        "in_force_version": projection.in_force_version,
        "formed_on": projection.formed_on,
        "no_region": projection.no_region,
        "first_event_on": projection.first_event_on,
        "last_event_on": projection.last_event_on,
    }
    if before.get("template") != id(projection.template):
        from workflows.loader import legacy_template, workflow_set_to_dict

        pinned = projection.template is not legacy_template()
        values["template"] = workflow_set_to_dict(projection.template) if pinned else None
    connection.execute(update(_CASES).where(_CASES.c.id == case_id).values(**values))
    old_versions = before.get("versions", {})
    for number, version in projection.versions.items():
        if old_versions.get(number) != _version_key(version):  # in force now, or its dates corrected
            connection.execute(
                update(_VERSIONS)
                .where(_VERSIONS.c.case_id == case_id, _VERSIONS.c.number == number)
                .values(in_force=version.in_force, added_on=version.added_on, start_date=version.start_date)
            )
    if not before or any(number not in projection.versions for number in old_versions):
        # Rebuilt after a striking (or new): a struck version is gone from the history, so its row goes too,
        # text and all; otherwise it came back on the next load, and the next version could not take its number.
        kept = list(projection.versions)
        connection.execute(delete(_VERSIONS).where(_VERSIONS.c.case_id == case_id, _VERSIONS.c.number.notin_(kept)))
    old_parties = before.get("parties", {})
    for slug in [s for s in loaded.party_ids if s not in projection.parties]:
        # A voided party_added: the party is gone from the history, so from the cache too.
        party_id = loaded.party_ids.pop(slug)
        connection.execute(delete(_STEPS).where(_STEPS.c.party_id == party_id))
        connection.execute(delete(_PROGRESS).where(_PROGRESS.c.party_id == party_id))
        connection.execute(delete(_PARTIES).where(_PARTIES.c.id == party_id))
    keys = {}
    changed = []
    for position, (slug, progress) in enumerate(projection.parties.items()):
        key = keys[slug] = _party_key(progress)
        if old_parties.get(slug) != key:
            changed.append((position, progress))
    if changed:
        _save_parties(session, case_id, changed, loaded)
    if before.get("board") != projection.board:
        _save_board(session, case_id, projection.board)
    loaded.snapshot = _snapshot(projection, keys)
    revision, created_at = session.connection().execute(_REVISION, {"case_id": case_id}).one()
    projection_cache.keep_on_commit(session, case_id, revision, created_at, loaded)


def _save_parties(session: Session, case_id: int, changed: list[tuple[int, PartyProgress]], loaded: Loaded) -> None:
    """Write the parties that changed: their rows updated (or inserted, for new ones), their progress and step
    rows replaced. Each kind of row in one statement, so that an import or a rebuild of hundreds of parties
    costs a few statements, not four per party."""
    connection = session.connection()
    new_rows = []
    for position, progress in changed:
        values = _party_values(progress, loaded.projection)
        party_id = loaded.party_ids.get(progress.info.slug)
        if party_id is None:
            new_rows.append({"case_id": case_id, "position": position, "slug": progress.info.slug, **values})
        else:
            connection.execute(update(_PARTIES).where(_PARTIES.c.id == party_id).values(**values))
    existing = [loaded.party_ids[p.info.slug] for _, p in changed if p.info.slug in loaded.party_ids]
    if new_rows:
        inserted = connection.execute(insert(_PARTIES).returning(_PARTIES.c.id, _PARTIES.c.slug), new_rows)
        for party_id, slug in inserted:
            loaded.party_ids[slug] = int(party_id)
    if existing:
        connection.execute(delete(_PROGRESS).where(_PROGRESS.c.party_id.in_(existing)))
        connection.execute(delete(_STEPS).where(_STEPS.c.party_id.in_(existing)))
    states = []
    steps = []
    for _, progress in changed:
        party_id = loaded.party_ids[progress.info.slug]
        states.append({"party_id": party_id, **_progress_values(progress)})
        steps += [
            {
                "party_id": party_id,
                "step_id": step_id,
                "status": r.status.value,
                "decided_on": r.date,
                "outcome": r.outcome.value if r.outcome else None,
                "fo_version": r.fo_version,
                "reason": r.reason,
            }
            for step_id, r in progress.steps.items()
        ]
    connection.execute(insert(_PROGRESS), states)
    if steps:
        connection.execute(insert(_STEPS), steps)


def _party_values(progress: PartyProgress, projection: CaseProjection) -> dict[str, Any]:
    info = progress.info
    return {
        "name": info.name,
        "kind": info.kind.value,
        "observer": info.observer,
        "member_since": info.member_since,
        "key_percent": str(info.key_percent) if info.key_percent is not None else None,
        "population": info.population,
        "email": info.email,
        "added_on": info.added_on,
        "workflow": _variant(progress, projection),
    }


def _progress_values(progress: PartyProgress) -> dict[str, Any]:
    appeal = progress.appeal
    return {
        "state": progress.state,
        "approved_version": progress.approved_version,
        "approved_on": progress.approved_on,
        "anslag_on": progress.anslag_on,
        "leaves_on": progress.leaves_on,
        "appeal_filed_on": appeal.filed_on if appeal else None,
        "appeal_appellant": appeal.appellant if appeal else None,
        "appeal_court": appeal.court if appeal else None,
        "appeal_decided_on": appeal.decided_on if appeal else None,
        "appeal_outcome": appeal.outcome.value if appeal and appeal.outcome else None,
    }


def _variant(progress: PartyProgress, projection: CaseProjection) -> dict[str, Any] | None:
    """The party's own workflow as stored, or None when it follows the case's template."""
    from workflows.loader import workflow_to_dict

    if progress.workflow is default_workflow(projection.template, progress.info.kind):
        return None
    return workflow_to_dict(progress.workflow)


def _save_board(session: Session, case_id: int, seats: list[BoardSeat]) -> None:
    """The board is small: rewrite it whole when it changed."""
    connection = session.connection()
    connection.execute(delete(_BOARD).where(_BOARD.c.case_id == case_id))
    if seats:
        connection.execute(
            insert(_BOARD),
            [
                {
                    "case_id": case_id,
                    "position": position,
                    "party": s.party,
                    "person": s.person,
                    "role": s.role,
                    "term_start": s.term_start,
                    "term_end": s.term_end,
                    "fullmaktige": s.fullmaktige,
                    "employed_by": s.employed_by,
                }
                for position, s in enumerate(seats)
            ],
        )


def bump_revision(*, session: Session, case: CaseRecord, by: int = 1) -> int:
    """The case's new revision; refuses when someone else wrote since `case` was read."""
    from formation.errors import StaleRevision

    result = session.connection().execute(
        update(_CASES)
        .where(_CASES.c.id == case.id, _CASES.c.revision == case.revision)
        .values(revision=case.revision + by)
    )
    if result.rowcount != 1:
        now = session.connection().execute(select(_CASES.c.revision).where(_CASES.c.id == case.id)).scalar()
        raise StaleRevision(case.revision, int(now or 0))
    return case.revision + by
