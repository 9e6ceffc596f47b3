"""Who must, who may and who cannot be a member of a samordningsförbund (3 § lagen 2003:1210), and leaving."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

from formation.domain.parties import PartyKind
from formation.domain.problems import Problem

KOMMUNALFORBUND_REFUSAL: str = (
    "Ett kommunalförbund kan inte vara medlem i ett samordningsförbund, eftersom 3 § lagen (2003:1210) "
    "bara räknar upp Försäkringskassan, Arbetsförmedlingen, regioner och kommuner, men det kan delta "
    "som adjungerad observatör utan rösträtt (ange --observer)."
)

# Order matters: it is the order in which the coordinator sees the problems.
_MISSING: tuple[tuple[PartyKind, str, str], ...] = (
    (
        PartyKind.FORSAKRINGSKASSAN,
        "missing_forsakringskassan",
        "Försäkringskassan saknas bland medlemmarna; enligt 3 § lagen (2003:1210) måste den vara medlem.",
    ),
    (
        PartyKind.ARBETSFORMEDLINGEN,
        "missing_arbetsformedlingen",
        "Arbetsförmedlingen saknas bland medlemmarna; enligt 3 § lagen (2003:1210) måste den vara medlem.",
    ),
    (
        PartyKind.KOMMUN,
        "missing_kommun",
        "Ingen kommun finns bland medlemmarna; enligt 3 § lagen (2003:1210) måste minst en kommun vara medlem.",
    ),
    (
        PartyKind.REGION,
        "missing_region",
        "Ingen region finns bland medlemmarna; enligt 3 § lagen (2003:1210) måste minst en region vara "
        "medlem, utom när kommunen inte ingår i någon region (som Gotland).",
    ),
)


def membership_problems(members: Sequence[PartyKind], *, gotland_exception: bool = False) -> list[Problem]:
    """One Problem per kind of party that 3 § requires but `members` lacks."""
    present = set(members)
    problems: list[Problem] = []
    for kind, code, message in _MISSING:
        # 3 § andra stycket: a kommun outside every region (Gotland) may form one with FK and AF only.
        if kind is PartyKind.REGION and gotland_exception:
            continue
        if kind not in present:
            problems.append(Problem(code=code, message=message, details={"kind": kind.value}))
    # The CLI should already refuse this; reporting it here keeps a bad member list from passing silently.
    if PartyKind.KOMMUNALFORBUND in present:
        problems.append(
            Problem(
                code="kommunalforbund_member",
                message=KOMMUNALFORBUND_REFUSAL,
                details={"kind": PartyKind.KOMMUNALFORBUND.value},
            )
        )
    return problems


def can_leave(kind: PartyKind) -> bool:
    """Whether a member of this kind may give notice: kommuner and regioner may, FK and AF may not."""
    # A kommunalförbund is never a member, so it has nothing to leave.
    return kind in (PartyKind.KOMMUN, PartyKind.REGION)


def notice_ends_on(notice_given: date, years: int = 3) -> date:
    """Last day of membership: the same date `years` later (28 Feb when given on 29 Feb and none exists)."""
    if years < 0:
        raise ValueError(f"Uppsägningstiden kan inte vara negativ ({years} år).")
    year = notice_given.year + years
    # Lag (1930:173) 1 §: a period of years ends on the corresponding day of the last month, or on the last
    # day of that month when it has no such day — which only happens for 29 February.
    last_day = calendar.monthrange(year, notice_given.month)[1]
    return date(year, notice_given.month, min(notice_given.day, last_day))
