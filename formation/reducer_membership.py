"""Events around membership once decisions are taken: appeals, notice of leaving, board seats."""

from __future__ import annotations

from datetime import date

from formation.domain.board import ROLES, BoardSeat, term_period
from formation.domain.membership import can_leave, notice_ends_on
from formation.domain.parties import PartyKind
from formation.errors import Refusal
from formation.events import EventRecord
from formation.projection import AppealInfo, AppealOutcome, CaseProjection, PartyProgress
from formation.reopening import reopen_approval

APPEALABLE = (PartyKind.KOMMUN, PartyKind.REGION)


def party_of(case: CaseProjection, event: EventRecord) -> PartyProgress:
    """The party an event concerns (commands resolve it before building the event)."""
    assert event.party is not None
    return case.parties[event.party]


def appeal_filed(case: CaseProjection, event: EventRecord) -> None:
    progress = party_of(case, event)
    name = progress.info.name
    assert event.date is not None
    if progress.info.kind not in APPEALABLE:
        raise Refusal(f"{name}s beslut kan inte överklagas enligt kommunallagen; bara kommuners och regioners.")
    if not progress.approved or progress.approved_on is None:
        raise Refusal(f"{name} har inget gällande godkännande att överklaga.")
    if progress.appeal is not None and progress.appeal.pending:
        raise Refusal(f"Ett överklagande av {name}s beslut är redan anmält ({progress.appeal.filed_on}).")
    if event.date < progress.approved_on:
        raise Refusal(f"Överklagandet ({event.date}) kan inte komma in före beslutet ({progress.approved_on}).")
    progress.appeal = AppealInfo(
        filed_on=event.date, appellant=event.data.get("appellant"), court=event.data.get("court")
    )


def appeal_decided(case: CaseProjection, event: EventRecord) -> None:
    progress = party_of(case, event)
    assert event.date is not None
    appeal = progress.appeal
    if appeal is None or not appeal.pending:
        raise Refusal(f"Det finns inget pågående överklagande av {progress.info.name}s beslut.")
    if event.date < appeal.filed_on:
        raise Refusal(f"Domen ({event.date}) kan inte komma före överklagandet ({appeal.filed_on}).")
    outcome = AppealOutcome(str(event.data["outcome"]))
    decided = AppealInfo(appeal.filed_on, appeal.appellant, appeal.court, event.date, outcome)
    if outcome is AppealOutcome.UPPHAVT:
        # The court annulled the approval: the party must decide again.
        reopen_approval(progress)
    progress.appeal = decided


def notice_given(case: CaseProjection, event: EventRecord) -> None:
    progress = party_of(case, event)
    name = progress.info.name
    assert event.date is not None
    if not can_leave(progress.info.kind):
        raise Refusal(f"{name} kan inte utträda ur ett samordningsförbund (staten är alltid medlem).")
    if not progress.is_member:
        raise Refusal(f"{name} är adjungerad och inte medlem; det finns inget medlemskap att säga upp.")
    if case.in_force_version is None:
        raise Refusal(f"Förbundet är inte bildat ännu; vill {name} inte delta registreras det som avslag i stället.")
    if progress.leaves_on is not None:
        raise Refusal(f"{name} har redan sagt upp sitt medlemskap (utträde {progress.leaves_on}).")
    years = int(event.data.get("years", 3))
    progress.leaves_on = notice_ends_on(event.date, years)


def board_seat_added(case: CaseProjection, event: EventRecord) -> None:
    progress = party_of(case, event)
    data = event.data
    if not progress.is_member:
        raise Refusal(f"{progress.info.name} är adjungerad utan rösträtt och har inga platser i styrelsen.")
    role = str(data["role"])
    if role not in ROLES:
        raise Refusal(f"Okänd roll '{role}'; välj ledamot eller ersattare.")
    start = date.fromisoformat(str(data["term_start"]))
    end = date.fromisoformat(str(data["term_end"])) if data.get("term_end") else term_period(start)[1]
    if end < start:
        raise Refusal(f"Mandattiden slutar ({end}) före den börjar ({start}).")
    person = str(data["person"]).strip()
    for seat in case.board:
        same_seat = seat.party == progress.info.slug and seat.person.casefold() == person.casefold()
        if same_seat and seat.role == role and seat.term_start <= end and start <= seat.term_end:
            raise Refusal(f"{person} är redan {role} för {progress.info.name} {seat.term_start}–{seat.term_end}.")
    case.board.append(
        BoardSeat(
            party=progress.info.slug,
            person=person,
            role=role,
            term_start=start,
            term_end=end,
            fullmaktige=data.get("fullmaktige"),
            employed_by=data.get("employed_by"),
        )
    )


def board_seat_removed(case: CaseProjection, event: EventRecord) -> None:
    progress = party_of(case, event)
    person = str(event.data["person"]).strip().casefold()
    kept = [s for s in case.board if not (s.party == progress.info.slug and s.person.casefold() == person)]
    if len(kept) == len(case.board):
        raise Refusal(f"{event.data['person']} har ingen plats i styrelsen för {progress.info.name}.")
    case.board = kept
