"""The stored projection a process last committed, per case: a write to a case with hundreds of parties then
costs what the event changes, not a read of every party's rows.

Every revision is one committed state, so a cached projection is used only when the stored revision (and the
case's creation time: a case deleted and imported again starts over) is the one it was saved at; it is kept
only once its transaction has committed, and every read gets its own copy (the write pipeline changes what it
loads before it commits).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace
from typing import Any

from formation.case.projection import CaseProjection, PartyInfo, PartyProgress, VersionInfo
from formation.store.uow import Session


@dataclass
class Loaded:
    """A projection as loaded, with what is needed to write back only what changed."""

    projection: CaseProjection
    party_ids: dict[str, int] = field(default_factory=dict)
    snapshot: dict[str, Any] = field(default_factory=dict)


# Per connection pool (one database), per case id: (revision, created_at, Loaded as committed).
_COMMITTED: weakref.WeakKeyDictionary[Any, dict[int, tuple[int, Any, Loaded]]] = weakref.WeakKeyDictionary()


def _cache_of(session: Session) -> dict[int, tuple[int, Any, Loaded]]:
    pool = session.connection().engine.pool
    cache = _COMMITTED.get(pool)
    if cache is None:
        cache = _COMMITTED[pool] = {}
    return cache


def _copy(loaded: Loaded) -> Loaded:
    """A copy that shares nothing the engine mutates with `loaded`. Shared: workflows and templates (frozen),
    step records, appeals and board seats (the reducer replaces them, never changes one in place)."""
    projection = loaded.projection
    parties = {}
    for slug, p in projection.parties.items():
        i = p.info
        info = PartyInfo(
            i.slug, i.name, i.kind, i.observer, i.member_since, i.key_percent, i.population, i.email, i.added_on
        )
        parties[slug] = PartyProgress(
            info, p.workflow, p.state, dict(p.steps), p.approved_version, p.approved_on, p.anslag_on, p.appeal,
            p.leaves_on,
        )  # fmt: skip
    copied = replace(
        projection,
        parties=parties,
        versions={n: VersionInfo(v.number, v.sha256, v.added_on, v.start_date, v.in_force)
                  for n, v in projection.versions.items()},
        seats=projection.seats.copy(),
        meetings=dict(projection.meetings),
        contacts=dict(projection.contacts),
        deadline_overrides=dict(projection.deadline_overrides),
        body_names=dict(projection.body_names),
    )  # fmt: skip
    return Loaded(copied, dict(loaded.party_ids), loaded.snapshot)




def committed(session: Session, case_id: int, revision: int, created_at: Any) -> Loaded | None:
    """A copy of the case as this process committed it at `revision`, or None when it has not (or another
    process wrote since)."""
    cached = _cache_of(session).get(case_id)
    if cached is not None and cached[0] == revision and cached[1] == created_at:
        return _copy(cached[2])
    return None


def keep_on_commit(session: Session, case_id: int, revision: int, created_at: Any, loaded: Loaded) -> None:
    """Keep this state (the case at `revision`) for the next command on the case, once (and only if) the
    transaction commits."""
    cache = _cache_of(session)
    cache.pop(case_id, None)
    # Not copied: `load` hands out copies, and what the caller gets back (Result.projection) is read-only.
    state = (revision, created_at, loaded)

    def committed() -> None:
        cache[case_id] = state

    session.after_commit(committed)
