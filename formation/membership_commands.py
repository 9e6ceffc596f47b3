"""Commands for a förbund's membership after the decisions: appeals, notice of leaving, board seats."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from formation.domain.board import ERSATTARE, LEDAMOT, term_period
from formation.errors import Refusal
from formation.events import EventRecord, EventType
from formation.inputs import NAME_MAX, clean_text, find_party, required_text
from formation.projection import AppealOutcome, CaseProjection, PartyProgress
from formation.services import Services
from formation.store.tables import CaseRow


def _party_event(
    services: Services, party: str, type_: EventType, *, on: date | None, data: dict[str, object]
) -> tuple[CaseProjection, PartyProgress]:
    def build(session: Session, case: CaseRow, projection: CaseProjection, seq: int) -> EventRecord:
        progress = find_party(projection, party)
        return services.make_event(seq, type_, party=progress.info.slug, on=on, data=data)

    _, projection, event = services.record(build)
    assert event.party is not None
    return projection, projection.parties[event.party]


def file_appeal(
    services: Services, party: str, *, filed_on: date, appellant: str | None = None, court: str | None = None
) -> PartyProgress:
    """An överklagande of the party's approving decision; while pending, the decisions are not final."""
    services.check_not_future(filed_on, "Datumet för överklagandet")
    data: dict[str, object] = {
        "appellant": clean_text(appellant, "Den som överklagar (--appellant)", NAME_MAX),
        "court": clean_text(court, "Domstolen (--court)", NAME_MAX),
    }
    return _party_event(services, party, EventType.APPEAL_FILED, on=filed_on, data=data)[1]


def decide_appeal(services: Services, party: str, *, outcome: str, on: date) -> PartyProgress:
    """The court's ruling; `upphavt` annuls the approval, so the party must decide again."""
    services.check_not_future(on, "Domens datum")
    try:
        result = AppealOutcome(outcome.strip().lower().replace("ä", "a"))
    except ValueError:
        choices = ", ".join(o.value for o in AppealOutcome)
        raise Refusal(f"Okänt utfall '{outcome}' för överklagandet; välj {choices}.") from None
    return _party_event(services, party, EventType.APPEAL_DECIDED, on=on, data={"outcome": result.value})[1]


def give_notice(services: Services, party: str, *, on: date, years: int = 3) -> PartyProgress:
    """Notice of leaving: 3 years unless the förbundsordning says a shorter period; FK and AF cannot leave."""
    services.check_not_future(on, "Datumet för uppsägningen")
    if not 0 <= years <= 3:
        raise Refusal(f"Uppsägningstiden är högst 3 år enligt lagen; {years} år går inte.")
    return _party_event(services, party, EventType.NOTICE_GIVEN, on=on, data={"years": years})[1]


def add_board_seat(
    services: Services,
    party: str,
    person: str,
    *,
    role: str,
    term_start: date | None = None,
    term_end: date | None = None,
    fullmaktige: str | None = None,
    employed_by: str | None = None,
) -> CaseProjection:
    """A ledamot or ersättare appointed by a member; the term defaults to the current election period."""
    role = role.strip().lower().replace("ä", "a")
    if role not in (LEDAMOT, ERSATTARE):
        raise Refusal(f"Okänd roll '{role}'; välj ledamot eller ersattare.")
    person = required_text(person, "Personens namn", NAME_MAX)
    fullmaktige = clean_text(fullmaktige, "Fullmäktige (--fullmaktige)", NAME_MAX)
    start = term_start or term_period(services.clock.today())[0]
    data: dict[str, object] = {
        "person": person,
        "role": role,
        "term_start": start.isoformat(),
        "term_end": term_end.isoformat() if term_end else term_period(start)[1].isoformat(),
        "fullmaktige": fullmaktige,
        "employed_by": employed_by,
    }
    return _party_event(services, party, EventType.BOARD_SEAT_ADDED, on=None, data=data)[0]


def remove_board_seat(services: Services, party: str, person: str) -> CaseProjection:
    return _party_event(services, party, EventType.BOARD_SEAT_REMOVED, on=None, data={"person": person})[0]
