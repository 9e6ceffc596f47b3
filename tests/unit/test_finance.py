"""Funding under 5 § lagen (2003:1210), checked against real förbund figures."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formation.domain.finance import (
    FinanceError,
    FinancePlan,
    FundingParty,
    compute_financing,
)
from formation.domain.parties import PartyKind

K = PartyKind
FK = FundingParty("Försäkringskassan", K.FORSAKRINGSKASSAN)
AF = FundingParty("Arbetsförmedlingen", K.ARBETSFORMEDLINGEN)
STOCKHOLM = [
    FundingParty("Stockholms stad", K.KOMMUN),
    FundingParty("Stockholms läns landsting", K.REGION),
    FK,
    AF,
]

# Kalmar län, population 16–64: plausible round figures for illustration, not official statistics.
KALMAR_16_64 = {
    "Kalmar": 44_000,
    "Västervik": 19_800,
    "Oskarshamn": 15_600,
    "Nybro": 11_300,
    "Vimmerby": 8_700,
    "Mörbylånga": 8_300,
    "Hultsfred": 7_600,
    "Mönsterås": 7_400,
    "Borgholm": 5_500,
    "Emmaboda": 5_100,
    "Torsås": 3_900,
}


def amounts(plan: FinancePlan) -> dict[str, int]:
    return {p.name: p.amount for p in plan.parties}


def test_stockholm_2016() -> None:
    plan = compute_financing(STOCKHOLM, total=8_000_000)
    assert plan.total == 8_000_000
    assert plan.limited_by is None
    assert amounts(plan) == {
        "Stockholms stad": 2_000_000,
        "Stockholms läns landsting": 2_000_000,
        "Försäkringskassan": 4_000_000,
        "Arbetsförmedlingen": 0,
    }


def test_stockholm_2017() -> None:
    plan = compute_financing(STOCKHOLM, total=16_000_000)
    assert [p.amount for p in plan.parties] == [4_000_000, 4_000_000, 8_000_000, 0]
    assert [p.share for p in plan.parties] == [Fraction(1, 4), Fraction(1, 4), Fraction(1, 2), 0]


def test_the_least_offer_sets_the_budget() -> None:
    offers = {
        "Stockholms stad": 2_000_000,
        "Stockholms läns landsting": 2_500_000,
        "Försäkringskassan": 5_000_000,
    }
    plan = compute_financing(STOCKHOLM, offers=offers)
    assert plan.total == 8_000_000
    assert plan.limited_by == "Stockholms stad"
    assert amounts(plan) == {
        "Stockholms stad": 2_000_000,
        "Stockholms läns landsting": 2_000_000,
        "Försäkringskassan": 4_000_000,
        "Arbetsförmedlingen": 0,
    }


def test_as_json() -> None:
    plan = compute_financing(STOCKHOLM, total=8_000_000)
    data = plan.as_json()
    assert data["total"] == 8_000_000
    assert data["limited_by"] is None
    assert data["parties"][0] == {
        "name": "Stockholms stad",
        "kind": "kommun",
        "share": 0.25,
        "amount": 2_000_000,
    }
    assert data["parties"][3]["share"] == 0.0


def falun_borlange(key_falun: str, key_borlange: str) -> list[FundingParty]:
    return [
        FundingParty("Falu kommun", K.KOMMUN, key_percent=Decimal(key_falun)),
        FundingParty("Borlänge kommun", K.KOMMUN, key_percent=Decimal(key_borlange)),
        FundingParty("Region Dalarna", K.REGION),
        FK,
        AF,
    ]


def test_falun_borlange_keys_as_percent_of_total() -> None:
    plan = compute_financing(falun_borlange("13", "12"), total=1_000_000)
    assert amounts(plan) == {
        "Falu kommun": 130_000,
        "Borlänge kommun": 120_000,
        "Region Dalarna": 250_000,
        "Försäkringskassan": 500_000,
        "Arbetsförmedlingen": 0,
    }
    assert plan.parties[0].share == Fraction(13, 100)


def test_falun_borlange_keys_as_percent_of_the_quarter() -> None:
    by_quarter = compute_financing(falun_borlange("52", "48"), total=1_000_000)
    by_total = compute_financing(falun_borlange("13", "12"), total=1_000_000)
    assert by_quarter == by_total


def test_keys_summing_to_95_are_refused() -> None:
    with pytest.raises(FinanceError, match="95") as info:
        compute_financing(falun_borlange("50", "45"), total=1_000_000)
    assert str(info.value) == (
        "Fördelningsnyckeln för kommunerna summerar till 95 %; den måste bli 100 % av kommunernas "
        "fjärdedel (eller 25 % av totalen)."
    )
    assert isinstance(info.value, ValueError)


def test_decimal_keys_are_shown_with_a_comma() -> None:
    with pytest.raises(FinanceError, match="24,5 %"):
        compute_financing(falun_borlange("12.5", "12.0"), total=1_000_000)


def test_mixed_keys_are_refused() -> None:
    parties = [
        FundingParty("Falu kommun", K.KOMMUN, key_percent=Decimal(13)),
        FundingParty("Borlänge kommun", K.KOMMUN),
        FundingParty("Region Dalarna", K.REGION),
        FK,
        AF,
    ]
    with pytest.raises(FinanceError, match="Borlänge kommun"):
        compute_financing(parties, total=1_000_000)


def kalmar(*, with_population: bool) -> list[FundingParty]:
    kommuner = [
        FundingParty(name, K.KOMMUN, population=pop if with_population else None) for name, pop in KALMAR_16_64.items()
    ]
    return [*kommuner, FundingParty("Region Kalmar län", K.REGION), FK, AF]


def test_lansforbund_equal_split_adds_up_exactly() -> None:
    # 250 000 / 11 = 22 727,27…: three kommuner get one krona more so the quarter is exact.
    plan = compute_financing(kalmar(with_population=False), total=1_000_000)
    kommun_amounts = [p.amount for p in plan.parties if p.kind is K.KOMMUN]
    assert sum(kommun_amounts) == 250_000
    assert sorted(set(kommun_amounts)) == [22_727, 22_728]
    assert kommun_amounts.count(22_728) == 3
    assert amounts(plan)["Region Kalmar län"] == 250_000
    assert amounts(plan)["Försäkringskassan"] == 500_000
    assert sum(p.amount for p in plan.parties) == 1_000_000


def test_lansforbund_split_by_population() -> None:
    total = 9_000_000
    plan = compute_financing(kalmar(with_population=True), total=total)
    kommuner = [p for p in plan.parties if p.kind is K.KOMMUN]
    assert sum(p.amount for p in kommuner) == total // 4
    population = sum(KALMAR_16_64.values())
    for p in kommuner:
        exact = Fraction(total, 4) * KALMAR_16_64[p.name] / population
        assert p.share == Fraction(1, 4) * Fraction(KALMAR_16_64[p.name], population)
        assert abs(p.amount - exact) < 1
    assert max(kommuner, key=lambda p: p.amount).name == "Kalmar"


def test_offer_from_arbetsformedlingen_is_refused() -> None:
    offers = {
        "Stockholms stad": 2_000_000,
        "Stockholms läns landsting": 2_000_000,
        "Försäkringskassan": 4_000_000,
        "Arbetsförmedlingen": 0,
    }
    with pytest.raises(FinanceError, match="Arbetsförmedlingen"):
        compute_financing(STOCKHOLM, offers=offers)


def test_offer_from_an_unknown_party_is_refused() -> None:
    offers = {
        "Stockholms stad": 2_000_000,
        "Stockholms läns landsting": 2_000_000,
        "Försäkringskassan": 4_000_000,
    }
    with pytest.raises(FinanceError, match="Solna stad"):
        compute_financing(STOCKHOLM, offers={**offers, "Solna stad": 1})


def test_a_paying_party_without_an_offer_is_named() -> None:
    with pytest.raises(FinanceError, match="Stockholms läns landsting"):
        compute_financing(STOCKHOLM, offers={"Stockholms stad": 2_000_000, "Försäkringskassan": 4_000_000})


def test_offers_never_exceeded_and_total_floored() -> None:
    # Illustrative figures around Norrtälje's 270 000 kr fee; the odd offer forces rounding.
    parties = [
        FundingParty("Norrtälje kommun", K.KOMMUN, key_percent=Decimal("33.3")),
        FundingParty("Vallentuna kommun", K.KOMMUN, key_percent=Decimal("33.3")),
        FundingParty("Österåkers kommun", K.KOMMUN, key_percent=Decimal("33.4")),
        FundingParty("Region Stockholm", K.REGION),
        FK,
        AF,
    ]
    offers = {
        "Norrtälje kommun": 270_001,
        "Vallentuna kommun": 300_000,
        "Österåkers kommun": 300_000,
        "Region Stockholm": 900_000,
        "Försäkringskassan": 1_800_000,
    }
    plan = compute_financing(parties, offers=offers)
    assert plan.limited_by == "Norrtälje kommun"
    # 270 001 / (0.25 × 0.333) = 3 243 255,25… → floored.
    assert plan.total == 3_243_255
    assert sum(p.amount for p in plan.parties) == plan.total
    for p in plan.parties:
        assert p.amount <= offers.get(p.name, 0)


def test_exactly_one_of_total_and_offers() -> None:
    with pytest.raises(FinanceError):
        compute_financing(STOCKHOLM)
    with pytest.raises(FinanceError):
        compute_financing(STOCKHOLM, total=1, offers={"Stockholms stad": 1})
    with pytest.raises(FinanceError):
        compute_financing(STOCKHOLM, total=-1)


def test_missing_kinds_are_named_but_the_rest_is_computed() -> None:
    parties = [FundingParty("Stockholms stad", K.KOMMUN), AF]
    with pytest.raises(FinanceError, match="Försäkringskassan") as info:
        compute_financing(parties, total=8_000_000)
    assert "region" in str(info.value)
    assert info.value.missing == (K.FORSAKRINGSKASSAN, K.REGION)
    assert info.value.plan is not None
    assert amounts(info.value.plan) == {"Stockholms stad": 2_000_000, "Arbetsförmedlingen": 0}


def test_missing_arbetsformedlingen_is_not_a_finance_error() -> None:
    # AF pays nothing directly; whether it is a member is membership.py's question.
    plan = compute_financing(STOCKHOLM[:3], total=8_000_000)
    assert sum(p.amount for p in plan.parties) == 8_000_000


def test_kommunalforbund_cannot_be_funded() -> None:
    parties = [*STOCKHOLM, FundingParty("KSON", K.KOMMUNALFORBUND)]
    with pytest.raises(FinanceError, match="adjungerad"):
        compute_financing(parties, total=8_000_000)


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(FinanceError, match="Stockholms stad"):
        compute_financing([*STOCKHOLM, FundingParty("Stockholms stad", K.KOMMUN)], total=8_000_000)


@st.composite
def keyed_group(draw: st.DrawFn, kind: PartyKind, prefix: str) -> list[FundingParty]:
    """1–12 parties of one kind with an equal, population or key (of total or of the quarter) split."""
    n = draw(st.integers(1, 12))
    names = [f"{prefix} {i}" for i in range(n)]
    mode = draw(st.sampled_from(["equal", "population", "key_total", "key_part"]))
    if mode == "equal":
        return [FundingParty(name, kind) for name in names]
    if mode == "population":
        pops = draw(st.lists(st.integers(0, 1_000_000), min_size=n, max_size=n))
        return [FundingParty(name, kind, population=pop) for name, pop in zip(names, pops, strict=True)]
    # Keys in hundredths of a percent, cut so that they sum exactly to 25 % or 100 %.
    whole = 2_500 if mode == "key_total" else 10_000
    cuts = sorted(draw(st.lists(st.integers(0, whole), min_size=n - 1, max_size=n - 1)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, whole], strict=True)]
    return [FundingParty(name, kind, key_percent=Decimal(part) / 100) for name, part in zip(names, parts, strict=True)]


@given(
    kommuner=keyed_group(K.KOMMUN, "Kommun"),
    regioner=keyed_group(K.REGION, "Region"),
    total=st.integers(0, 10**11),
)
def test_amounts_always_add_up(kommuner: list[FundingParty], regioner: list[FundingParty], total: int) -> None:
    plan = compute_financing([*kommuner, *regioner, FK, AF], total=total)
    assert plan.total == total
    assert sum(p.amount for p in plan.parties) == total
    assert all(p.amount >= 0 for p in plan.parties)
    assert sum(p.share for p in plan.parties) == 1


@given(
    kommuner=keyed_group(K.KOMMUN, "Kommun"),
    regioner=keyed_group(K.REGION, "Region"),
    data=st.data(),
)
def test_offers_always_respected(
    kommuner: list[FundingParty], regioner: list[FundingParty], data: st.DataObject
) -> None:
    parties = [*kommuner, *regioner, FK, AF]
    shares = {p.name: p.share for p in compute_financing(parties, total=0).parties}
    offers = {name: data.draw(st.integers(0, 10**9)) for name, share in shares.items() if share > 0}
    plan = compute_financing(parties, offers=offers)
    assert sum(p.amount for p in plan.parties) == plan.total
    for p in plan.parties:
        assert 0 <= p.amount <= offers.get(p.name, 0)
    assert plan.limited_by in offers
