"""A compact way for tests to drive a case: each call builds the typed command a coordinator's CLI call would
and sends it through `Services.handle`. Reads are passed through to the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from formation.case.commands import (
    AddBoardSeat,
    AddForbundsordning,
    AddParty,
    CorrectEvent,
    DecideAppeal,
    FileAppeal,
    GiveNotice,
    InitCase,
    RecordDecision,
    RemoveBoardSeat,
    SetPartyWorkflow,
    SkipStep,
    UpdateParty,
    VoidEvent,
)
from formation.case.events import UNSET
from formation.case.projection import CaseProjection, PartyProgress
from formation.domain.outcomes import AppealOutcome, Outcome
from formation.domain.parties import PartyKind
from formation.errors import Refusal
from formation.io.fo_text import read_forbundsordning
from formation.services import Services
from formation.services.views import Result
from workflows.loader import load_party_variant


def _kind(kind: str) -> PartyKind:
    try:
        return PartyKind(kind)
    except ValueError:
        raise Refusal(f"Okänd typ av part '{kind}'.") from None


def _outcome(outcome: str) -> Outcome:
    try:
        return Outcome(outcome)
    except ValueError:
        raise Refusal(f"Okänt utfall '{outcome}'.") from None


class Coordinator:
    """Services plus the commands a coordinator gives, in the old keyword style."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def __getattr__(self, name: str) -> Any:  # reads, engine, clock, case_slug …
        return getattr(self.services, name)

    @property
    def case_slug(self) -> str | None:
        return self.services.case_slug

    @case_slug.setter
    def case_slug(self, value: str | None) -> None:
        self.services.case_slug = value

    def init_case(
        self, name: str, *, slug: str | None = None, seat: str | None = None, start: date | None = None,
        no_region: bool = False,
    ) -> Result:
        return self.services.handle(InitCase(name=name, slug=slug, seat=seat, target_start=start, no_region=no_region))

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
        result = self.services.handle(
            AddParty(
                name=name,
                kind=_kind(kind),
                key_percent=Decimal(key_percent) if key_percent is not None else None,
                population=population,
                member_since=member_since,
                email=email,
                observer=observer,
                workflow=load_party_variant(workflow_file) if workflow_file else None,
            )
        )
        return result.party()

    def update_party(self, party: str, changes: dict[str, Any]) -> PartyProgress:
        key = changes.get("key_percent", UNSET)
        result = self.services.handle(
            UpdateParty(
                party=party,
                key_percent=Decimal(str(key)) if key not in (UNSET, None) else key,
                population=changes.get("population", UNSET),
                email=changes.get("email", UNSET),
            )
        )
        return result.party()

    def set_workflow(self, party: str, path: Path) -> PartyProgress:
        result = self.services.handle(SetPartyWorkflow(party=party, workflow=load_party_variant(path), file=path.name))
        return result.party()

    def add_fo(
        self,
        path: Path,
        *,
        start: date | None = None,
        on: date | None = None,
        in_force: bool = False,
        formed_on: date | None = None,
    ) -> tuple[int, str]:
        result = self.services.handle(
            AddForbundsordning(
                text=read_forbundsordning(path),
                filename=path.name,
                added_on=on,
                start_date=start,
                in_force=in_force,
                formed_on=formed_on,
            )
        )
        number = result.projection.current_version
        assert number is not None
        return number, result.projection.versions[number].sha256

    def decide(self, party: str, step: str, *, outcome: str, on: date, **fields: Any) -> PartyProgress:
        result = self.services.handle(
            RecordDecision(party=party, step=step, outcome=_outcome(outcome), decided_on=on, **fields)
        )
        return result.party()

    def skip(self, party: str, step: str, *, reason: str, on: date | None = None) -> PartyProgress:
        return self.services.handle(SkipStep(party=party, step=step, reason=reason, on=on)).party()

    def file_appeal(self, party: str, *, filed_on: date, appellant: str | None = None,
                    court: str | None = None) -> PartyProgress:
        return self.services.handle(FileAppeal(party=party, filed_on=filed_on, appellant=appellant,
                                               court=court)).party()

    def decide_appeal(self, party: str, *, outcome: str, on: date) -> PartyProgress:
        return self.services.handle(
            DecideAppeal(party=party, outcome=AppealOutcome(outcome.replace("ä", "a")), decided_on=on)
        ).party()

    def give_notice(self, party: str, *, on: date, years: int = 3) -> PartyProgress:
        return self.services.handle(GiveNotice(party=party, given_on=on, years=years)).party()

    def add_board_seat(
        self,
        party: str,
        person: str,
        *,
        role: str,
        term_start: date | None = None,
        term_end: date | None = None,
        fullmaktige: str | None = None,
        employed_by: str | None = None,
    ) -> CaseProjection:
        result = self.services.handle(
            AddBoardSeat(
                party=party,
                person=person,
                role=role,
                term_start=term_start,
                term_end=term_end,
                fullmaktige=fullmaktige,
                employed=employed_by is not None,
            )
        )
        return result.projection

    def remove_board_seat(self, party: str, person: str) -> CaseProjection:
        return self.services.handle(RemoveBoardSeat(party=party, person=person)).projection

    def correct(self, seq: int, *, reason: str, **changes: Any) -> Result:
        return self.services.handle(CorrectEvent(seq=seq, changes=changes, reason=reason))

    def void(self, seq: int, *, reason: str) -> Result:
        return self.services.handle(VoidEvent(seq=seq, reason=reason))


# Module-level forms of the membership commands, as the older tests call them.
def file_appeal(services: Any, party: str, **kw: Any) -> PartyProgress:
    return _c(services).file_appeal(party, **kw)


def decide_appeal(services: Any, party: str, **kw: Any) -> PartyProgress:
    return _c(services).decide_appeal(party, **kw)


def give_notice(services: Any, party: str, **kw: Any) -> PartyProgress:
    return _c(services).give_notice(party, **kw)


def add_board_seat(services: Any, party: str, person: str, **kw: Any) -> CaseProjection:
    return _c(services).add_board_seat(party, person, **kw)


def remove_board_seat(services: Any, party: str, person: str) -> CaseProjection:
    return _c(services).remove_board_seat(party, person)


def _c(services: Any) -> Coordinator:
    return services if isinstance(services, Coordinator) else Coordinator(services)
