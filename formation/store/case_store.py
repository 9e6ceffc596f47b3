"""Finding a case: its identity and revision, by slug or as the only one in the database (every command and
read starts here; kept apart from the projection so that a read of the log needs nothing else)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select

from formation.errors import Refusal
from formation.store import schema
from formation.store.uow import Session

_CASES = schema.cases


@dataclass(frozen=True)
class CaseRecord:
    """A case's identity and revision as stored (what the write pipeline and the reads start from)."""

    id: int
    slug: str
    name: str
    seat: str | None
    revision: int
    created_at: Any


# Built once: a statement built per call costs SQLAlchemy a cache key each time.
_CASE_RECORD = select(_CASES.c.id, _CASES.c.slug, _CASES.c.name, _CASES.c.seat, _CASES.c.revision, _CASES.c.created_at)
_CASE_RECORD_BY_SLUG = _CASE_RECORD.where(_CASES.c.slug == bindparam("slug"))


def find_case(*, session: Session, slug: str | None, for_update: bool = False) -> CaseRecord:
    """The case named by --case, or the only one; a refusal says what to do otherwise."""
    connection = session.connection()
    if slug:
        row = connection.execute(_locked(_CASE_RECORD_BY_SLUG, for_update, session), {"slug": slug}).first()
        if row is None:
            known = ", ".join(r[0] for r in connection.execute(select(_CASES.c.slug).order_by(_CASES.c.slug)))
            hint = f" Ärenden i databasen: {known}." if known else ""
            raise Refusal(f"Det finns inget ärende '{slug}' i databasen.{hint}", code="unknown_case", slug=slug)
        return CaseRecord(*row)
    rows = connection.execute(_CASE_RECORD.order_by(_CASES.c.slug).limit(50)).all()
    if not rows:
        raise Refusal("Databasen har inget ärende ännu.", code="no_case")
    if len(rows) > 1:
        slugs = ", ".join(r.slug for r in rows)
        raise Refusal(f"Databasen har flera ärenden ({slugs}); välj ett.", code="several_cases", slugs=slugs)
    if for_update:
        return find_case(session=session, slug=rows[0].slug, for_update=True)
    return CaseRecord(*rows[0])


def _locked(query: Any, for_update: bool, session: Session) -> Any:
    # SQLite has no row locks: its writers already hold the database's write lock (BEGIN IMMEDIATE).
    if for_update and session.connection().dialect.name != "sqlite":
        return query.with_for_update()
    return query


def case_slugs(*, session: Session) -> list[str]:
    return [r[0] for r in session.connection().execute(select(_CASES.c.slug).order_by(_CASES.c.slug))]
