"""What reads return: typed read models, never database rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from formation.domain.outcomes import StepStatus

if TYPE_CHECKING:  # annotations only: reading a log needs neither the projection nor the § 9 reader
    from formation.case.projection import CaseProjection, PartyProgress
    from formation.domain.fo_facts import TextFacts


@dataclass(frozen=True)
class CaseInfo:
    """A case's identity as stored."""

    slug: str
    name: str
    seat: str | None
    target_start: date | None
    created_at: datetime
    revision: int


@dataclass(frozen=True)
class CaseView:
    """A case as of a day: its identity, the projection (a replay up to that day), what each version's text
    states and, on request, the texts."""

    case: CaseInfo
    projection: CaseProjection
    as_of: date
    fo_texts: dict[int, str] = field(default_factory=dict)
    facts: Mapping[int, TextFacts] = field(default_factory=dict)
    """What each version's text states (the 9 § checklist, the board's term), by version number."""

    @property
    def revision(self) -> int:
        return self.case.revision

    @property
    def board_term_years(self) -> int | None:
        """The board's term set by the förbundsordning in force (or else the current one), when it is shorter
        than four years."""
        projection = self.projection
        version = projection.in_force_version or projection.current_version
        facts = self.facts.get(version) if version is not None else None
        return facts.term_years if facts is not None else None

    def seat_term(self, today: date, start: date | None, end: date | None) -> tuple[date | None, date | None]:
        """A new board seat's term as given, or the förbundsordning's shorter term counted from the förbund's
        first board day (`formation board add` and the TUI's form alike; otherwise the engine's default)."""
        from formation.case.membership import first_board_day
        from formation.domain.board import seat_term

        return seat_term(self.board_term_years, first_board_day(self.projection, today), start, end)

    @property
    def parties(self) -> list[PartyProgress]:
        """The parties that existed on `as_of` (a backfilled party exists from its first decision)."""
        start = self.projection.first_event_on
        return [p for p in self.projection.parties.values() if existed_on(p, self.as_of, start)]


def after_today(day: date, today: date) -> str | None:
    """Why the case cannot be shown as of `day` (the CLI's --as-of, the TUI's as-of form), or None when it can:
    a view is a replay of what has happened, and a day after today has not."""
    if day > today:
        return f"{day} ligger efter i dag ({today}); läget kan visas per i dag eller ett tidigare datum."
    return None


def existed_on(progress: PartyProgress, day: date, case_began: date | None) -> bool:
    """A party exists from its membership or its own first dated decision; one with no dated history of its
    own (entered while backfilling) is taken to have been part of the case from the case's first event."""
    info = progress.info
    own = [r.date for r in progress.steps.values() if r.date is not None and r.status is not StepStatus.SKIPPED]
    if info.member_since is not None:
        own.append(info.member_since)
    if own:
        return min(own) <= day
    entered = [d for d in (info.added_on, case_began) if d is not None]
    return not entered or min(entered) <= day


@dataclass(frozen=True)
class Result:
    """What an accepted command returns: the case's new revision and projection, and the events it made."""

    slug: str
    revision: int
    projection: CaseProjection
    seqs: tuple[int, ...]
    party_slug: str | None = None
    """The party the command concerned, if any."""

    def party(self, slug: str | None = None) -> PartyProgress:
        """The command's party (or the one named)."""
        key = slug or self.party_slug
        assert key is not None
        return self.projection.parties[key]
