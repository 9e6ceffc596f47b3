"""The förbundsordning's versions as texts: each stored once, when the version is added, with what it states
(the log holds only its sha256; the version's other columns are projection, written by `projection_store`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select

from formation.store import schema
from formation.store.uow import Session

_VERSIONS = schema.fo_versions
_CASE_ID: Any = bindparam("case_id")
_TEXTS = select(_VERSIONS.c.number, _VERSIONS.c.text).where(_VERSIONS.c.case_id == _CASE_ID)
_FACTS = select(_VERSIONS.c.number, _VERSIONS.c.facts).where(_VERSIONS.c.case_id == _CASE_ID)
_TEXT = select(_VERSIONS.c.text).where(_VERSIONS.c.case_id == _CASE_ID, _VERSIONS.c.number == bindparam("number"))


def add_text(
    *,
    session: Session,
    case_id: int,
    number: int,
    sha256: str,
    filename: str,
    text: str,
    added_on: Any,
    start_date: Any,
    facts: dict[str, Any],
) -> None:
    """A version's text and what it states, stored once when the version is added (the log holds only its
    sha256)."""
    session.connection().execute(
        insert(_VERSIONS).values(
            case_id=case_id,
            number=number,
            sha256=sha256,
            filename=filename,
            text=text,
            added_on=added_on,
            start_date=start_date,
            in_force=False,
            facts=facts,
        )
    )


def texts(*, session: Session, case_id: int) -> dict[int, str]:
    rows = session.connection().execute(_TEXTS, {"case_id": case_id})
    return {r.number: r.text for r in rows}


def stored_facts(*, session: Session, case_id: int) -> dict[int, Any]:
    """Per version, what its text states as stored (domain.fo_facts decides whether it is still valid)."""
    return {r.number: r.facts for r in session.connection().execute(_FACTS, {"case_id": case_id})}


def text_of(*, session: Session, case_id: int, number: int) -> str | None:
    return session.connection().execute(_TEXT, {"case_id": case_id, "number": number}).scalar()


def text_rows(*, session: Session, case_id: int) -> list[dict[str, Any]]:
    query = select(_VERSIONS).where(_VERSIONS.c.case_id == case_id).order_by(_VERSIONS.c.number)
    return [dict(r._mapping) for r in session.connection().execute(query)]
