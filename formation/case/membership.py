"""Events around membership once decisions are taken: appeals, notice of leaving, board seats."""

from __future__ import annotations

from datetime import date

from formation.case.events import (
    AppealDecided,
    AppealFiled,
    BoardSeatAdded,
    BoardSeatRemoved,
    NoticeGiven,
)
from formation.case.projection import AppealInfo, CaseProjection, PartyProgress, is_appealable
from formation.case.reopening import reopen_approval
from formation.domain.board import ROLES, BoardSeat
from formation.domain.labels import role_label
from formation.domain.membership import can_leave, notice_ends_on
from formation.domain.outcomes import AppealOutcome
from formation.errors import Refusal


def party(case: CaseProjection, slug: str) -> PartyProgress:
    """The party an event concerns; an event naming no party of the case does not fit the history."""
    progress = case.parties.get(slug)
    if progress is None:
        raise Refusal(f"Det finns ingen part '{slug}' i ärendet.", code="unknown_party", party=slug)
    return progress


def appeal_filed(case: CaseProjection, event: AppealFiled) -> None:
    progress = party(case, event.party)
    name = progress.info.name
    if not is_appealable(progress):
        raise Refusal(
            f"{name}s beslut kan inte överklagas enligt kommunallagen; bara kommuners och regioners.",
            code="not_appealable",
            party=progress.info.slug,
        )
    if not progress.approved or progress.approved_on is None:
        raise Refusal(f"{name} har inget gällande godkännande att överklaga.", code="nothing_to_appeal")
    if progress.appeal is not None and progress.appeal.pending:
        raise Refusal(
            f"Ett överklagande av {name}s beslut är redan anmält ({progress.appeal.filed_on}).", code="appeal_pending"
        )
    if event.filed_on < progress.approved_on:
        raise Refusal(
            f"Överklagandet ({event.filed_on}) kan inte komma in före beslutet ({progress.approved_on}).",
            code="appeal_before_decision",
        )
    progress.appeal = AppealInfo(filed_on=event.filed_on, appellant=event.appellant, court=event.court)


def appeal_decided(case: CaseProjection, event: AppealDecided) -> None:
    progress = party(case, event.party)
    appeal = progress.appeal
    if appeal is None or not appeal.pending:
        raise Refusal(f"Det finns inget pågående överklagande av {progress.info.name}s beslut.", code="no_appeal")
    if event.decided_on < appeal.filed_on:
        raise Refusal(
            f"Domen ({event.decided_on}) kan inte komma före överklagandet ({appeal.filed_on}).",
            code="ruling_before_appeal",
        )
    decided = AppealInfo(appeal.filed_on, appeal.appellant, appeal.court, event.decided_on, event.outcome)
    if event.outcome is AppealOutcome.UPPHAVT:
        # The court annulled the approval: the party must decide again.
        reopen_approval(progress)
    progress.appeal = decided


def notice_given(case: CaseProjection, event: NoticeGiven) -> None:
    progress = party(case, event.party)
    name = progress.info.name
    if not can_leave(progress.info.kind):
        raise Refusal(
            f"{name} kan inte utträda ur ett samordningsförbund (staten är alltid medlem).", code="cannot_leave"
        )
    if not progress.is_member:
        raise Refusal(
            f"{name} är adjungerad och inte medlem; det finns inget medlemskap att säga upp.", code="not_member"
        )
    if case.in_force_version is None:
        raise Refusal(
            f"Förbundet är inte bildat ännu; vill {name} inte delta registreras det som avslag i stället.",
            code="not_formed",
        )
    if progress.leaves_on is not None:
        raise Refusal(f"{name} har redan sagt upp sitt medlemskap (utträde {progress.leaves_on}).", code="notice_given")
    if not 0 <= event.years <= 3:
        raise Refusal(f"Uppsägningstiden är högst 3 år enligt lagen; {event.years} år går inte.", code="notice_years")
    progress.leaves_on = notice_ends_on(event.given_on, event.years)


def first_board_day(case: CaseProjection, today: date) -> date:
    """The day a new seat's default term is counted from: today, or the förbund's start while that lies ahead
    (a board appointed in November for a förbund starting in August sits from August, in that term)."""
    if case.formed_on is not None and case.formed_on <= today:
        return today
    version = case.versions.get(case.current_version) if case.current_version is not None else None
    start = (version.start_date if version is not None else None) or case.target_start
    return start if start is not None and start > today else today


def board_seat_added(case: CaseProjection, event: BoardSeatAdded) -> None:
    progress = party(case, event.party)
    if not progress.is_member:
        raise Refusal(
            f"{progress.info.name} är adjungerad utan rösträtt och har inga platser i styrelsen.", code="not_member"
        )
    if event.role not in ROLES:
        raise Refusal(f"Okänd roll '{event.role}'; välj ledamot eller ersättare.", code="unknown_role")
    if event.term_end < event.term_start:
        raise Refusal(
            f"Mandattiden slutar ({event.term_end}) före den börjar ({event.term_start}).", code="term_reversed"
        )
    person = event.person.strip()
    for seat in case.seats.of_person(progress.info.slug, person):
        overlaps = seat.term_start <= event.term_end and event.term_start <= seat.term_end
        if seat.role == event.role and overlaps:
            raise Refusal(
                f"{person} är redan {role_label(event.role)} för {progress.info.name} "
                f"{seat.term_start}–{seat.term_end}.",
                code="seat_exists",
            )
    case.seats.append(
        BoardSeat(
            party=progress.info.slug,
            person=person,
            role=event.role,
            term_start=event.term_start,
            term_end=event.term_end,
            fullmaktige=event.fullmaktige,
            employed_by=event.employed_by,
        )
    )


def board_seat_removed(case: CaseProjection, event: BoardSeatRemoved) -> None:
    progress = party(case, event.party)
    if not case.seats.remove_person(progress.info.slug, event.person.strip()):
        raise Refusal(f"{event.person} har ingen plats i styrelsen för {progress.info.name}.", code="no_seat")
