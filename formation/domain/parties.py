"""Kinds of party under FINSAM § 3 and their legal share of the funding under § 5."""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction


class PartyKind(StrEnum):
    """Who can take part. A kommunalförbund is named so that we can refuse it with the reason."""

    KOMMUN = "kommun"
    REGION = "region"
    FORSAKRINGSKASSAN = "forsakringskassan"
    ARBETSFORMEDLINGEN = "arbetsformedlingen"
    KOMMUNALFORBUND = "kommunalforbund"

    @property
    def is_state(self) -> bool:
        return self in (PartyKind.FORSAKRINGSKASSAN, PartyKind.ARBETSFORMEDLINGEN)


# § 5: FK pays the whole state half (AF's part included); kommuner and regioner a quarter each.
LEGAL_SHARE: dict[PartyKind, Fraction] = {
    PartyKind.FORSAKRINGSKASSAN: Fraction(1, 2),
    PartyKind.ARBETSFORMEDLINGEN: Fraction(0),
    PartyKind.REGION: Fraction(1, 4),
    PartyKind.KOMMUN: Fraction(1, 4),
}

MEMBER_KINDS: tuple[PartyKind, ...] = (
    PartyKind.KOMMUN,
    PartyKind.REGION,
    PartyKind.FORSAKRINGSKASSAN,
    PartyKind.ARBETSFORMEDLINGEN,
)


# The words users write for a kind of party (as slugs): names, abbreviations, the old "landsting".
KIND_WORDS: dict[str, PartyKind] = {
    "fk": PartyKind.FORSAKRINGSKASSAN,
    "forsakringskassan": PartyKind.FORSAKRINGSKASSAN,
    "af": PartyKind.ARBETSFORMEDLINGEN,
    "arbetsformedlingen": PartyKind.ARBETSFORMEDLINGEN,
    "kommun": PartyKind.KOMMUN,
    "kommunen": PartyKind.KOMMUN,
    "region": PartyKind.REGION,
    "regionen": PartyKind.REGION,
    "landsting": PartyKind.REGION,
    "landstinget": PartyKind.REGION,
}
