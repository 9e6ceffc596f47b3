"""The commands: the only way state changes. One command = one transaction; a refusal writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, delete, select

from formation.clock import Clock, SystemClock
from formation.domain.checklist import ChecklistResult, check_forbundsordning
from formation.domain.membership import KOMMUNALFORBUND_REFUSAL
from formation.domain.names import slugify
from formation.domain.parties import PartyKind
from formation.errors import Refusal, first_line
from formation.events import EventRecord, EventType
from formation.inputs import (
    BODY_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NOTE_MAX,
    SHORT_MAX,
    check_population,
    clean_text,
    find_party,
    parse_outcome,
    party_kind,
    percent,
    read_fo,
    variant_from_file,
)
from formation.io.fo_text import sha256_of
from formation.projection import CaseProjection, PartyProgress
from formation.reducer import apply, replay
from formation.store import repository as repo
from formation.store.tables import CaseRow, FoVersionRow, PartyRow, StepRecordRow
from formation.store.uow import unit_of_work
from formation.views import CaseView
from workflows.loader import workflow_to_dict
from workflows.model import WorkflowSet

Build = Callable[[Session, CaseRow, CaseProjection, int], EventRecord]
AfterApply = Callable[[Session, CaseRow, CaseProjection, EventRecord], None]


@dataclass
class Services:
    """Commands and reads over one database; the CLI and the TUI both go through this."""

    engine: Engine
    template: WorkflowSet
    clock: Clock = field(default_factory=SystemClock)
    actor: str = "okänd"
    case_slug: str | None = None

    # ---- commands ---------------------------------------------------------------------------------

    def init_case(
        self,
        name: str,
        *,
        slug: str | None = None,
        seat: str | None = None,
        start: date | None = None,
        no_region: bool = False,
    ) -> CaseRow:
        """A new case; `no_region` for a kommun that belongs to no region (Gotland), § 3."""
        name = clean_text(name, "Ärendets namn", NAME_MAX) or ""
        if not name:
            raise Refusal('Ärendet behöver ett namn, t.ex. `formation init "Samordningsförbundet Stockholms stad"`.')
        seat = clean_text(seat, "Sätet", NAME_MAX)
        slug = slugify(slug or name)
        if not slug:
            raise Refusal(f"Det går inte att göra ett kortnamn av '{name}'; ange --slug med bokstäver a–z.")
        with unit_of_work(self.engine) as session:
            if session.exec(select(CaseRow).where(CaseRow.slug == slug)).first():
                raise Refusal(f"Det finns redan ett ärende '{slug}'; välj ett annat kortnamn med --slug.")
            case = CaseRow(
                slug=slug, name=name, seat=seat, target_start=start, created_at=self.clock.now(), no_region=no_region
            )
            session.add(case)
            session.flush()
            self.case_slug = slug
            assert case.id is not None
            event = self.make_event(
                1,
                EventType.CASE_CREATED,
                data={
                    "name": name,
                    "slug": slug,
                    "seat": seat,
                    "target_start": start.isoformat() if start else None,
                    "no_region": no_region,
                },
            )
            repo.append_event(session=session, case_id=case.id, event=event)
            return case

    def add_party(
        self,
        name: str,
        kind: str,
        *,
        key_percent: str | None = None,
        population: int | None = None,
        member_since: date | None = None,
        email: str | None = None,
        observer: bool = False,
        workflow_file: Path | None = None,
    ) -> PartyProgress:
        kind_of_party = party_kind(kind)
        if kind_of_party is PartyKind.KOMMUNALFORBUND and not observer:
            raise Refusal(KOMMUNALFORBUND_REFUSAL)
        name = clean_text(name, "Partens namn", NAME_MAX) or ""
        email = clean_text(email, "E-postadressen", EMAIL_MAX)
        slug = slugify(name)
        if not slug:
            raise Refusal("Parten behöver ett namn med minst en bokstav eller siffra.")
        key = percent(key_percent)
        check_population(population)
        if member_since is not None and member_since > self.clock.today():
            raise Refusal(f"Medlemskapet kan inte börja i framtiden ({member_since}).")
        variant = variant_from_file(workflow_file, kind_of_party) if workflow_file else None
        data: dict[str, Any] = {
            "slug": slug,
            "name": name,
            "kind": kind_of_party.value,
            "observer": observer,
            "member_since": member_since.isoformat() if member_since else None,
            "key_percent": str(key) if key is not None else None,
            "population": population,
            "email": email,
            "workflow": workflow_to_dict(variant) if variant else None,
        }

        def build(session: Session, case: CaseRow, projection: CaseProjection, seq: int) -> EventRecord:
            if slug in projection.parties or any(
                p.info.name.casefold() == name.casefold() for p in projection.parties.values()
            ):
                raise Refusal(f"Parten '{name}' finns redan i ärendet.")
            assert case.id is not None
            session.add(
                PartyRow(
                    case_id=case.id,
                    position=len(projection.parties),
                    slug=slug,
                    name=name,
                    kind=kind_of_party.value,
                    observer=observer,
                    member_since=member_since,
                    key_percent=data["key_percent"],
                    population=population,
                    email=email,
                    workflow=data["workflow"],
                )
            )
            session.flush()
            return self.make_event(seq, EventType.PARTY_ADDED, party=slug, data=data)

        _, projection, _ = self.record(build)
        return projection.parties[slug]

    def update_party(self, party: str, changes: dict[str, Any]) -> PartyProgress:
        """Change a party's funding key, population or e-mail; `None` clears a value."""
        unknown = set(changes) - {"key_percent", "population", "email"}
        if unknown or not changes:
            raise Refusal("Ange minst en av --key, --population eller --email.")
        data = dict(changes)
        if data.get("key_percent") is not None:
            data["key_percent"] = str(percent(str(data["key_percent"])))
        if data.get("email") is not None:
            data["email"] = clean_text(str(data["email"]), "E-postadressen", EMAIL_MAX)
        check_population(data.get("population"))

        def build(session: Session, case: CaseRow, projection: CaseProjection, seq: int) -> EventRecord:
            progress = find_party(projection, party)
            assert case.id is not None
            row = repo.party_row(session=session, case_id=case.id, slug=progress.info.slug)
            for column, value in data.items():
                setattr(row, column, value)
            session.add(row)
            return self.make_event(seq, EventType.PARTY_UPDATED, party=progress.info.slug, data=data)

        _, projection, event = self.record(build)
        assert event.party is not None
        return projection.parties[event.party]

    def add_fo(
        self,
        path: Path,
        *,
        start: date | None = None,
        on: date | None = None,
        in_force: bool = False,
        formed_on: date | None = None,
    ) -> tuple[int, str, ChecklistResult]:
        """Store a new förbundsordning version; returns its number, sha256 and § 9 checklist."""
        text = read_fo(path)
        digest = sha256_of(text)
        checklist = check_forbundsordning(text)
        day = on or self.clock.today()

        def build(session: Session, case: CaseRow, projection: CaseProjection, seq: int) -> EventRecord:
            for version in projection.versions.values():
                if version.sha256 == digest:
                    raise Refusal(f"Texten är identisk med v{version.number}; ingen ny version behövs.")
            number = max(projection.versions, default=0) + 1
            assert case.id is not None
            session.add(
                FoVersionRow(
                    case_id=case.id,
                    number=number,
                    sha256=digest,
                    filename=path.name,
                    text=text,
                    added_on=day,
                    start_date=start,
                )
            )
            return self.make_event(
                seq,
                EventType.FO_ADDED,
                on=day,
                fo_version=number,
                data={
                    "number": number,
                    "sha256": digest,
                    "filename": path.name,
                    "start_date": start.isoformat() if start else None,
                    "in_force": in_force,
                    "formed_on": formed_on.isoformat() if formed_on else None,
                },
            )

        _, projection, event = self.record(build)
        assert event.fo_version is not None
        return event.fo_version, digest, checklist

    def decide(
        self,
        party: str,
        step: str,
        *,
        outcome: str,
        on: date,
        body: str | None = None,
        paragraph: str | None = None,
        dnr: str | None = None,
        fo_version: int | None = None,
        anslag: date | None = None,
        note: str | None = None,
    ) -> PartyProgress:
        result = parse_outcome(outcome)
        body = clean_text(body, "Organet (--body)", BODY_MAX)
        paragraph = clean_text(paragraph, "Paragrafen (--paragraph)", SHORT_MAX)
        dnr = clean_text(dnr, "Diarienumret (--dnr)", SHORT_MAX)
        note = clean_text(note, "Anteckningen (--note)", NOTE_MAX, multiline=True)
        self.check_not_future(on, "Beslutsdatumet")
        if anslag is not None and anslag < on:
            raise Refusal(f"Anslagsdatumet {anslag} ligger före beslutsdatumet {on}.")
        if fo_version is not None and fo_version < 1:
            raise Refusal("Versionsnumret för förbundsordningen måste vara 1 eller större.")

        def build(session: Session, case: CaseRow, projection: CaseProjection, seq: int) -> EventRecord:
            progress = find_party(projection, party)
            definition = progress.workflow.step(step)
            if anslag is not None and definition is not None and not definition.appealable:
                raise Refusal(
                    f"Beslutet '{definition.label}' anslås inte och kan inte överklagas enligt kommunallagen; "
                    "--anslag gäller fullmäktiges beslut."
                )
            return self.make_event(
                seq,
                EventType.DECISION,
                party=progress.info.slug,
                step=step,
                outcome=result,
                on=on,
                body=body,
                paragraph=paragraph,
                dnr=dnr,
                fo_version=fo_version,
                anslag=anslag,
                note=note,
            )

        _, projection, event = self.record(build)
        assert event.party is not None
        return projection.parties[event.party]

    def skip(self, party: str, step: str, *, reason: str, on: date | None = None) -> PartyProgress:
        reason = clean_text(reason, "Skälet (--reason)", NOTE_MAX, multiline=True) or ""
        if not reason:
            raise Refusal("Ange varför steget inte är aktuellt med --reason TEXT.")
        if on is not None:
            self.check_not_future(on, "Datumet")

        def build(session: Session, case: CaseRow, projection: CaseProjection, seq: int) -> EventRecord:
            progress = find_party(projection, party)
            return self.make_event(seq, EventType.SKIP, party=progress.info.slug, step=step, on=on, note=reason)

        _, projection, event = self.record(build)
        assert event.party is not None
        return projection.parties[event.party]

    def set_workflow(self, party: str, path: Path) -> PartyProgress:
        """Give one party its own variant of the decision path (e.g. two nämnder in parallel)."""

        def build(session: Session, case: CaseRow, projection: CaseProjection, seq: int) -> EventRecord:
            progress = find_party(projection, party)
            variant = variant_from_file(path, progress.info.kind)
            assert case.id is not None
            row = repo.party_row(session=session, case_id=case.id, slug=progress.info.slug)
            row.workflow = workflow_to_dict(variant)
            session.add(row)
            kept = [s.id for s in variant.steps]
            session.execute(
                delete(StepRecordRow).where(
                    col(StepRecordRow.party_id) == row.id, col(StepRecordRow.step_id).not_in(kept)
                )
            )
            return self.make_event(
                seq,
                EventType.WORKFLOW_CHANGED,
                party=progress.info.slug,
                data={"workflow": workflow_to_dict(variant), "file": path.name},
            )

        _, projection, event = self.record(build)
        assert event.party is not None
        return projection.parties[event.party]

    # ---- reads ------------------------------------------------------------------------------------

    def view(self, *, as_of: date | None = None, with_texts: bool = False) -> CaseView:
        """The case as of a day: the stored projection for today, a replay for any other day."""
        today = self.clock.today()
        with unit_of_work(self.engine) as session:
            case = repo.find_case(session=session, slug=self.case_slug)
            assert case.id is not None
            if as_of is None or as_of >= today:
                projection = repo.load_projection(session=session, case=case, template=self.template)
            else:
                events = repo.load_events(session=session, case_id=case.id)
                projection = replay(events, self.template, as_of=as_of)
            texts: dict[int, str] = {}
            if with_texts:
                rows = session.exec(select(FoVersionRow).where(FoVersionRow.case_id == case.id)).all()
                texts = {r.number: r.text for r in rows}
            return CaseView(case=case, projection=projection, as_of=as_of or today, fo_texts=texts)

    def events(self) -> list[EventRecord]:
        with unit_of_work(self.engine) as session:
            case = repo.find_case(session=session, slug=self.case_slug)
            assert case.id is not None
            return repo.load_events(session=session, case_id=case.id)

    # ---- plumbing ---------------------------------------------------------------------------------

    def record(self, build: Build, after: AfterApply | None = None) -> tuple[CaseRow, CaseProjection, EventRecord]:
        """Load, build the event, apply it (a Refusal aborts the transaction), append, save."""
        try:
            with unit_of_work(self.engine) as session:
                case = repo.find_case(session=session, slug=self.case_slug)
                assert case.id is not None
                projection = repo.load_projection(session=session, case=case, template=self.template)
                seq = repo.next_seq(session=session, case_id=case.id)
                event = build(session, case, projection, seq)
                apply(projection, event, self.template)
                if after is not None:
                    after(session, case, projection, event)
                repo.append_event(session=session, case_id=case.id, event=event)
                repo.save_projection(session=session, case=case, projection=projection)
                return case, projection, event
        except IntegrityError as exc:
            raise Refusal("Någon annan ändrade ärendet samtidigt; kör kommandot igen.") from exc
        except DBAPIError as exc:
            raise Refusal(f"Databasen avvisade ändringen ({first_line(exc.orig)}); inget sparades.") from exc

    def make_event(self, seq: int, type_: EventType, *, on: date | None = None, **fields: Any) -> EventRecord:
        return EventRecord(seq=seq, type=type_, actor=self.actor, recorded_at=self.clock.now(), date=on, **fields)

    def check_not_future(self, day: date, what: str) -> None:
        if day > self.clock.today():
            raise Refusal(f"{what} {day} ligger i framtiden; registrera beslut när de är fattade.")
