"""Reads: the case as of a day, its log, the cases in a database. Reads never take a write lock.

"As of day D" is one path: a replay of the events that had taken effect by D. The stored projection is that
replay's cache, used when no event took effect after D (a test holds the two equal).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select

from formation.services.views import CaseInfo, CaseView
from formation.store import case_store, fo_text_store, schema
from formation.store.uow import Session, reading

if TYPE_CHECKING:
    from formation.case.events import Envelope
    from formation.domain.fo_facts import FactsByVersion

_CASES = schema.cases


def case_view(engine: Engine, slug: str | None, *, as_of: date, with_texts: bool = False) -> CaseView:
    from formation.store import projection_store  # not needed by a read of the log alone

    with reading(engine) as session:
        case = case_store.find_case(session=session, slug=slug)
        loaded = projection_store.load(session=session, case_id=case.id)
        projection = loaded.projection
        if projection.last_event_on is not None and as_of < projection.last_event_on:
            from formation.case.history import replay  # a replay is needed only for a day in the past
            from formation.store import event_store

            projection = replay(event_store.load(session=session, case_id=case.id), as_of=as_of)
        info = CaseInfo(
            slug=case.slug,
            name=projection.name or case.name,
            seat=projection.seat,
            target_start=projection.target_start,
            created_at=case.created_at,
            revision=case.revision,
        )
        texts = fo_text_store.texts(session=session, case_id=case.id) if with_texts else {}
        facts = _facts(session, case.id, texts)
        return CaseView(case=info, projection=projection, as_of=as_of, fo_texts=texts, facts=facts)


def _facts(session: Session, case_id: int, texts: dict[int, str]) -> FactsByVersion:
    """The stored facts of each version; a text stored without them, or read under other rules, is read now
    (reads never write: the stored facts are renewed by the migration that changes the rules)."""
    from formation.domain.fo_facts import FactsByVersion, TextFacts, is_current, read_text_facts

    stored = fo_text_store.stored_facts(session=session, case_id=case_id)
    read: dict[int, TextFacts] = {}
    for number in [n for n, facts in stored.items() if not is_current(facts)]:
        text = texts.get(number)
        if text is None:
            text = fo_text_store.text_of(session=session, case_id=case_id, number=number) or ""
        read[number] = read_text_facts(text)
    return FactsByVersion(stored, read)


def events(engine: Engine, slug: str | None, *, party: str | None = None) -> list[Envelope]:
    from formation.store import event_store

    with reading(engine) as session:
        case = case_store.find_case(session=session, slug=slug)
        return event_store.load(session=session, case_id=case.id, party=party)


def wire_events(engine: Engine, slug: str | None) -> list[dict[str, Any]]:
    from formation.store import event_store

    with reading(engine) as session:
        case = case_store.find_case(session=session, slug=slug)
        return event_store.load_wire(session=session, case_id=case.id)


def fo_text_rows(engine: Engine, slug: str | None) -> list[dict[str, Any]]:
    with reading(engine) as session:
        case = case_store.find_case(session=session, slug=slug)
        return fo_text_store.text_rows(session=session, case_id=case.id)


def case_slugs(engine: Engine) -> list[str]:
    with reading(engine) as session:
        return case_store.case_slugs(session=session)


def revision(engine: Engine, slug: str | None) -> int:
    """The case's revision alone: what a live screen polls to know whether to read again."""
    with reading(engine) as session:
        return case_store.find_case(session=session, slug=slug).revision


def case_summaries(engine: Engine) -> list[tuple[str, str]]:
    """(slug, name) of every case, by slug."""
    with reading(engine) as session:
        rows = session.connection().execute(select(_CASES.c.slug, _CASES.c.name).order_by(_CASES.c.slug))
        return [(r.slug, r.name) for r in rows]
