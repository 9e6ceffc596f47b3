"""The förbund's styrelse (§§ 10–12): every member has seats, ersättare match ledamöter, terms follow
the election cycle (4 years from 1 April after a general election year)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from formation.domain.parties import PartyKind
from formation.domain.problems import Problem

LEDAMOT = "ledamot"
ERSATTARE = "ersattare"
ROLES = (LEDAMOT, ERSATTARE)
FIRST_ELECTION_YEAR = 2014  # Swedish general elections: every fourth September since 1994


@dataclass(frozen=True)
class BoardSeat:
    """One ledamot or ersättare in the förbund's styrelse, appointed by a member (`party` is its slug)."""

    party: str
    person: str
    role: str
    term_start: date
    term_end: date
    fullmaktige: str | None = None
    employed_by: str | None = None


@dataclass(frozen=True)
class BoardMember:
    """A member of the förbund, as the board rules need it."""

    slug: str
    name: str
    kind: PartyKind


def count_ledamoter(count: int) -> str:
    """ "1 ledamot", "2 ledamöter" (ersättare is the same word in singular and plural)."""
    return f"{count} ledamot" if count == 1 else f"{count} ledamöter"


def is_election_year(year: int) -> bool:
    return (year - FIRST_ELECTION_YEAR) % 4 == 0


def term_period(day: date) -> tuple[date, date]:
    """The 4-year term that `day` falls in: 1 April after an election year to 31 March four years on."""
    year = day.year if day >= date(day.year, 4, 1) else day.year - 1
    while not is_election_year(year - 1):
        year -= 1
    return date(year, 4, 1), date(year + 4, 3, 31)


def term_problem(seat: BoardSeat, member_name: str) -> Problem | None:
    """A term must end when the election period ends; it may start later (a replacement mid-term)."""
    if seat.term_end < seat.term_start:
        return Problem(
            "board_term_invalid",
            f"Mandattiden för {seat.person} ({member_name}) slutar före den börjar.",
            party=seat.party,
        )
    start, end = term_period(seat.term_start)
    if seat.term_end != end:
        return Problem(
            "board_term_mismatch",
            f"Mandattiden för {seat.person} ({member_name}) {seat.term_start}–{seat.term_end} följer inte "
            f"mandatperioden {start}–{end} (fyra år från 1 april året efter valåret, 10 § lagen (2003:1210)).",
            party=seat.party,
            details={"expected_end": end.isoformat()},
        )
    return None


def board_problems(seats: Sequence[BoardSeat], members: Sequence[BoardMember], as_of: date) -> list[Problem]:
    """Every member needs ≥ 1 ledamot and as many ersättare as ledamöter among the seats current on `as_of`;
    kommun/region seats sit in that member's fullmäktige, FK/AF seats are held by their employees."""
    problems: list[Problem] = []
    names = {m.slug: m.name for m in members}
    current = [s for s in seats if s.term_start <= as_of <= s.term_end or s.term_start > as_of]
    for member in members:
        own = [s for s in current if s.party == member.slug]
        ledamoter = sum(1 for s in own if s.role == LEDAMOT)
        ersattare = sum(1 for s in own if s.role == ERSATTARE)
        if ledamoter == 0:
            problems.append(
                Problem(
                    "board_no_ledamot",
                    f"{member.name} har ingen ledamot i styrelsen; "
                    "varje medlem ska ha minst en (10 § lagen (2003:1210)).",
                    party=member.slug,
                )
            )
        elif ersattare < ledamoter:
            problems.append(
                Problem(
                    "board_too_few_ersattare",
                    f"{member.name} har {count_ledamoter(ledamoter)} men {ersattare} ersättare; "
                    "det ska vara lika många ersättare som ledamöter.",
                    party=member.slug,
                )
            )
        for seat in own:
            if member.kind in (PartyKind.KOMMUN, PartyKind.REGION) and not seat.fullmaktige:
                problems.append(
                    Problem(
                        "board_not_in_fullmaktige",
                        f"{seat.person} ({member.name}) ska vara ledamot eller ersättare i {member.name}s fullmäktige; "
                        "ange det med --fullmaktige.",
                        party=member.slug,
                    )
                )
            if member.kind.is_state and not seat.employed_by:
                problems.append(
                    Problem(
                        "board_not_employed",
                        f"{seat.person} ska vara anställd av {member.name}; ange det med --employed.",
                        party=member.slug,
                    )
                )
    for seat in seats:
        problem = term_problem(seat, names.get(seat.party, seat.party))
        if problem is not None:
            problems.append(problem)
    return problems
