"""§ 5 for a förbund without a region (Gotland): the kommuner share the half that is not the state's."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from formation.domain.finance import FinanceError, FundingParty, compute_financing
from formation.domain.parties import PartyKind

STATE = [
    FundingParty("Försäkringskassan", PartyKind.FORSAKRINGSKASSAN),
    FundingParty("Arbetsförmedlingen", PartyKind.ARBETSFORMEDLINGEN),
]


def test_the_kommun_carries_both_quarters() -> None:
    plan = compute_financing(
        [FundingParty("Region Gotland", PartyKind.KOMMUN), *STATE], total=3_000_001, no_region=True
    )
    assert [(p.name, p.share, p.amount) for p in plan.parties] == [
        ("Region Gotland", Fraction(1, 2), 1_500_001),
        ("Försäkringskassan", Fraction(1, 2), 1_500_000),
        ("Arbetsförmedlingen", Fraction(0), 0),
    ]


def test_keys_then_count_against_the_half() -> None:
    parties = [
        FundingParty("A", PartyKind.KOMMUN, key_percent=Decimal(30)),
        FundingParty("B", PartyKind.KOMMUN, key_percent=Decimal(20)),
        *STATE,
    ]
    plan = compute_financing(parties, total=1_000_000, no_region=True)
    assert [p.amount for p in plan.parties][:2] == [300_000, 200_000]
    with pytest.raises(FinanceError, match="halva"):
        compute_financing(
            [*parties[:1], FundingParty("B", PartyKind.KOMMUN, key_percent=Decimal(10)), *STATE],
            total=1_000_000,
            no_region=True,
        )


def test_a_region_contradicts_the_exception() -> None:
    with pytest.raises(FinanceError, match="utan region"):
        compute_financing(
            [FundingParty("K", PartyKind.KOMMUN), FundingParty("R", PartyKind.REGION), *STATE],
            total=1_000_000,
            no_region=True,
        )
