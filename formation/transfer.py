"""`export` / `import`: a whole case as JSON, a lossless round trip (events, parties, every text)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import col, select

from formation.domain.outcomes import Outcome
from formation.errors import Refusal
from formation.events import EventRecord, EventType
from formation.reducer import replay
from formation.reports.status_text import event_json
from formation.services import Services
from formation.store import repository as repo
from formation.store.tables import CaseRow, FoVersionRow, PartyRow
from formation.store.uow import unit_of_work

FORMAT = "formation-case"
FORMAT_VERSION = 1


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: Any) -> date | None:
    return date.fromisoformat(str(text)) if text else None


def export_case(services: Services) -> dict[str, Any]:
    """The case named by the services' --case (or the only one) as a JSON-ready document."""
    with unit_of_work(services.engine) as session:
        case = repo.find_case(session=session, slug=services.case_slug)
        assert case.id is not None
        parties = repo.party_rows(session=session, case_id=case.id)
        versions = session.exec(
            select(FoVersionRow).where(FoVersionRow.case_id == case.id).order_by(col(FoVersionRow.number))
        ).all()
        events = repo.load_events(session=session, case_id=case.id)
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "case": {
                "slug": case.slug,
                "name": case.name,
                "seat": case.seat,
                "target_start": _iso(case.target_start),
                "created_at": case.created_at.isoformat(),
            },
            "parties": [
                {
                    "slug": p.slug,
                    "name": p.name,
                    "kind": p.kind,
                    "observer": p.observer,
                    "member_since": _iso(p.member_since),
                    "key_percent": p.key_percent,
                    "population": p.population,
                    "email": p.email,
                    "workflow": p.workflow,
                }
                for p in parties
            ],
            "fo_versions": [
                {
                    "number": v.number,
                    "sha256": v.sha256,
                    "filename": v.filename,
                    "text": v.text,
                    "added_on": _iso(v.added_on),
                    "start_date": _iso(v.start_date),
                }
                for v in versions
            ],
            "events": [event_json(e) for e in events],
        }


def _event_from_json(data: dict[str, Any]) -> EventRecord:
    return EventRecord(
        seq=int(data["seq"]),
        type=EventType(data["type"]),
        actor=str(data["actor"]),
        recorded_at=datetime.fromisoformat(data["recorded_at"]),
        party=data.get("party"),
        step=data.get("step"),
        outcome=Outcome(data["outcome"]) if data.get("outcome") else None,
        date=_day(data.get("date")),
        body=data.get("body"),
        paragraph=data.get("paragraph"),
        dnr=data.get("dnr"),
        fo_version=data.get("fo_version"),
        anslag=_day(data.get("anslag")),
        note=data.get("note"),
        data=dict(data.get("data") or {}),
    )


def import_case(services: Services, document: Any) -> CaseRow:
    """Create the case from an export; the events are replayed, so an inconsistent file is refused."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Refusal('Filen är ingen export från formation (fältet "format" saknas eller är fel).')
    if document.get("format_version") != FORMAT_VERSION:
        raise Refusal(f"Exportformatet version {document.get('format_version')} stöds inte; bara {FORMAT_VERSION}.")
    try:
        info = document["case"]
        events = [_event_from_json(e) for e in document["events"]]
        projection = replay(events, services.template)
    except Refusal as exc:
        raise Refusal(f"Filen går inte att läsa in: händelserna hänger inte ihop ({exc.message})") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise Refusal(f"Filen går inte att läsa in: fältet {exc} saknas eller har fel form.") from exc
    slugs = [str(p.get("slug")) for p in document.get("parties", [])]
    if sorted(slugs) != sorted(projection.parties):
        raise Refusal("Filen går inte att läsa in: parterna stämmer inte med händelserna.")
    with unit_of_work(services.engine) as session:
        if session.exec(select(CaseRow).where(CaseRow.slug == info["slug"])).first():
            raise Refusal(f"Det finns redan ett ärende '{info['slug']}' i databasen.")
        case = CaseRow(
            slug=info["slug"],
            name=info["name"],
            seat=info.get("seat"),
            target_start=_day(info.get("target_start")),
            created_at=datetime.fromisoformat(info["created_at"]),
        )
        session.add(case)
        session.flush()
        assert case.id is not None
        for position, party in enumerate(document["parties"]):
            session.add(
                PartyRow(
                    case_id=case.id,
                    position=position,
                    slug=party["slug"],
                    name=party["name"],
                    kind=party["kind"],
                    observer=bool(party.get("observer")),
                    member_since=_day(party.get("member_since")),
                    key_percent=party.get("key_percent"),
                    population=party.get("population"),
                    email=party.get("email"),
                    workflow=party.get("workflow"),
                )
            )
        for version in document["fo_versions"]:
            session.add(
                FoVersionRow(
                    case_id=case.id,
                    number=version["number"],
                    sha256=version["sha256"],
                    filename=version["filename"],
                    text=version["text"],
                    added_on=_day(version.get("added_on")),
                    start_date=_day(version.get("start_date")),
                )
            )
        for event in events:
            repo.append_event(session=session, case_id=case.id, event=event)
        session.flush()
        repo.save_projection(session=session, case=case, projection=projection)
        case.revision = len(events)
        return case
