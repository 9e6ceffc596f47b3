"""The förbund's styrelse (§§ 10–12): every member has seats, ersättare match ledamöter, terms follow
the election cycle (4 years from 1 April after a general election year)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
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


class BoardSeats:
    """The board's seats in the order they were appointed. A person's seats for a party are found and removed at
    the cost of what that person holds, not of the whole board nor of the party's history: a länsförbund's
    history appoints and ends thousands of seats."""

    def __init__(self, seats: Iterable[BoardSeat] = ()) -> None:
        self._seats: dict[int, BoardSeat] = {}
        self._of_person: dict[tuple[str, str], list[int]] = {}
        self._next = 0
        for seat in seats:
            self.append(seat)

    def append(self, seat: BoardSeat) -> None:
        self._seats[self._next] = seat
        self._of_person.setdefault((seat.party, seat.person.casefold()), []).append(self._next)
        self._next += 1

    def of_person(self, party: str, person: str) -> list[BoardSeat]:
        """The seats `person` (compared without case) holds or held for `party`."""
        return [self._seats[key] for key in self._of_person.get((party, person.casefold()), ())]

    def remove_person(self, party: str, person: str) -> int:
        """Remove every seat `person` holds for `party`; how many there were."""
        keys = self._of_person.pop((party, person.casefold()), [])
        for key in keys:
            del self._seats[key]
        return len(keys)

    def as_list(self) -> list[BoardSeat]:
        return list(self._seats.values())

    def copy(self) -> BoardSeats:
        return BoardSeats(self._seats.values())

    def __len__(self) -> int:
        return len(self._seats)

    def __iter__(self) -> Iterator[BoardSeat]:
        return iter(list(self._seats.values()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BoardSeats):
            return self.as_list() == other.as_list()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"BoardSeats({self.as_list()!r})"


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


TERM_YEARS = 4
_NUMBER_WORDS = {"ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "1": 1, "2": 2, "3": 3, "4": 4}
TERM_SENTENCE = re.compile(r"mandattid\w*\b[^.]*?\b(ett|en|två|tre|fyra|[1-4])\s+år", re.IGNORECASE)


def term_years_in(text: str | None) -> int | None:
    """The board's term the förbundsordning sets when it is shorter than four years (9 § p. 3 lagen
    (2003:1210)): "Mandattiden är två år …". The auditors' term (revisorer) does not count."""
    if not text:
        return None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if "revisor" in sentence.lower():
            continue
        match = TERM_SENTENCE.search(sentence)
        if match:
            years = _NUMBER_WORDS[match.group(1).lower()]
            return years if years < TERM_YEARS else None
    return None


def term_period(day: date, years: int = TERM_YEARS) -> tuple[date, date]:
    """The term that `day` falls in: 4 years from 1 April after an election year to 31 March four years on,
    or, when the förbundsordning sets a shorter term of `years`, that part of the election period."""
    year = day.year if day >= date(day.year, 4, 1) else day.year - 1
    while not is_election_year(year - 1):
        year -= 1
    period_end = date(year + 4, 3, 31)
    if years >= TERM_YEARS:
        return date(year, 4, 1), period_end
    start_year = year
    while date(start_year + years, 4, 1) <= day:
        start_year += years
    return date(start_year, 4, 1), min(date(start_year + years, 3, 31), period_end)


def seat_term(years: int | None, day: date, start: date | None, end: date | None) -> tuple[date | None, date | None]:
    """A new seat's term as given; with no end and a förbundsordning setting a shorter term of `years`, that
    term (from `start`, or the one `day` falls in: see case.membership.first_board_day). Otherwise the engine's
    own default applies (None)."""
    if end is None and years is not None:
        start = start or term_period(day, years)[0]
        end = term_period(start, years)[1]
    return start, end


def term_problem(seat: BoardSeat, member_name: str, years: int = TERM_YEARS) -> Problem | None:
    """A term must end when the term (the election period, or the förbundsordning's shorter term) ends; it
    may start later (a replacement mid-term)."""
    if seat.term_end < seat.term_start:
        return Problem(
            "board_term_invalid",
            f"Mandattiden för {seat.person} ({member_name}) slutar före den börjar.",
            party=seat.party,
        )
    start, end = term_period(seat.term_start, years)
    if seat.term_end != end:
        rule = (
            "fyra år från 1 april året efter valåret, 10 § lagen (2003:1210)"
            if years >= TERM_YEARS
            else f"{years} år enligt förbundsordningen, räknat från 1 april året efter valåret"
        )
        return Problem(
            "board_term_mismatch",
            f"Mandattiden för {seat.person} ({member_name}) {seat.term_start}–{seat.term_end} följer inte "
            f"mandatperioden {start}–{end} ({rule}).",
            party=seat.party,
            details={"expected_end": end.isoformat(), "term_years": years},
        )
    return None


def board_problems(
    seats: Sequence[BoardSeat], members: Sequence[BoardMember], as_of: date, term_years: int = TERM_YEARS
) -> list[Problem]:
    """Every member needs ≥ 1 ledamot and as many ersättare as ledamöter among the seats current on `as_of`;
    kommun/region seats sit in that member's fullmäktige, FK/AF seats are held by their employees."""
    problems: list[Problem] = []
    names = {m.slug: m.name for m in members}
    current: dict[str, list[BoardSeat]] = {}
    for s in seats:
        if s.term_start <= as_of <= s.term_end or s.term_start > as_of:
            current.setdefault(s.party, []).append(s)
    for member in members:
        own = current.get(member.slug, [])
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
                        "styrelseplatsen anger inget fullmäktige.",
                        party=member.slug,
                    )
                )
            if member.kind.is_state and not seat.employed_by:
                problems.append(
                    Problem(
                        "board_not_employed",
                        f"{seat.person} ska vara anställd av {member.name}; styrelseplatsen anger inte det.",
                        party=member.slug,
                    )
                )
    for seat in seats:
        problem = term_problem(seat, names.get(seat.party, seat.party), term_years)
        if problem is not None:
            problems.append(problem)
    return problems
