"""Membership rules of 3 § lagen (2003:1210) and the notice period for leaving."""

from __future__ import annotations

from datetime import date

import pytest

from formation.domain.membership import (
    KOMMUNALFORBUND_REFUSAL,
    can_leave,
    membership_problems,
    notice_ends_on,
)
from formation.domain.parties import PartyKind

K = PartyKind


def codes(members: list[PartyKind], *, gotland_exception: bool = False) -> list[str]:
    return [p.code for p in membership_problems(members, gotland_exception=gotland_exception)]


def test_stockholm_is_complete() -> None:
    # Stockholms stad, Stockholms läns landsting, FK, AF.
    assert membership_problems([K.KOMMUN, K.REGION, K.FORSAKRINGSKASSAN, K.ARBETSFORMEDLINGEN]) == []


def test_several_kommuner_and_regions_are_fine() -> None:
    members = [K.KOMMUN] * 11 + [K.REGION, K.FORSAKRINGSKASSAN, K.ARBETSFORMEDLINGEN]
    assert membership_problems(members) == []


def test_each_missing_kind_is_one_problem() -> None:
    assert codes([]) == [
        "missing_forsakringskassan",
        "missing_arbetsformedlingen",
        "missing_kommun",
        "missing_region",
    ]
    assert codes([K.KOMMUN, K.REGION, K.ARBETSFORMEDLINGEN]) == ["missing_forsakringskassan"]
    assert codes([K.KOMMUN, K.REGION, K.FORSAKRINGSKASSAN]) == ["missing_arbetsformedlingen"]
    assert codes([K.REGION, K.FORSAKRINGSKASSAN, K.ARBETSFORMEDLINGEN]) == ["missing_kommun"]
    assert codes([K.KOMMUN, K.FORSAKRINGSKASSAN, K.ARBETSFORMEDLINGEN]) == ["missing_region"]


def test_messages_are_swedish_and_cite_the_law() -> None:
    (fk,) = membership_problems([K.KOMMUN, K.REGION, K.ARBETSFORMEDLINGEN])
    assert fk.message == (
        "Försäkringskassan saknas bland medlemmarna; enligt 3 § lagen (2003:1210) måste den vara medlem."
    )
    for problem in membership_problems([]):
        assert "3 § lagen (2003:1210)" in problem.message
        assert problem.as_json()["code"] == problem.code


def test_gotland_needs_no_region() -> None:
    assert codes([K.KOMMUN, K.FORSAKRINGSKASSAN, K.ARBETSFORMEDLINGEN], gotland_exception=True) == []
    # The exception only concerns the region; the state parties and the kommun are still required.
    assert codes([K.KOMMUN], gotland_exception=True) == [
        "missing_forsakringskassan",
        "missing_arbetsformedlingen",
    ]


def test_kommunalforbund_in_the_member_list_is_reported() -> None:
    # KSON in Norrtälje (seed 002): it may only sit in as an observer.
    members = [K.KOMMUN, K.REGION, K.FORSAKRINGSKASSAN, K.ARBETSFORMEDLINGEN, K.KOMMUNALFORBUND]
    (problem,) = membership_problems(members)
    assert problem.code == "kommunalforbund_member"
    assert problem.message == KOMMUNALFORBUND_REFUSAL


def test_kommunalforbund_refusal_explains_the_way_out() -> None:
    text = KOMMUNALFORBUND_REFUSAL
    assert "kommunalförbund" in text.lower()
    assert "3 § lagen (2003:1210)" in text
    assert "adjungerad" in text
    assert "--observer" in text
    assert text.endswith(".") and text.count(". ") == 0  # one sentence


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (K.KOMMUN, True),
        (K.REGION, True),
        (K.FORSAKRINGSKASSAN, False),
        (K.ARBETSFORMEDLINGEN, False),
        (K.KOMMUNALFORBUND, False),
    ],
)
def test_can_leave(kind: PartyKind, expected: bool) -> None:
    assert can_leave(kind) is expected


def test_notice_is_three_years_by_default() -> None:
    assert notice_ends_on(date(2017, 6, 30)) == date(2020, 6, 30)


def test_shorter_notice_from_the_forbundsordning() -> None:
    assert notice_ends_on(date(2017, 6, 30), years=2) == date(2019, 6, 30)
    assert notice_ends_on(date(2017, 6, 30), years=0) == date(2017, 6, 30)


def test_notice_given_on_leap_day() -> None:
    # Lag (1930:173) 1 §: no 29 February in the final year → the last day of February.
    assert notice_ends_on(date(2024, 2, 29)) == date(2027, 2, 28)
    # Four years on, 29 February exists again.
    assert notice_ends_on(date(2024, 2, 29), years=4) == date(2028, 2, 29)


def test_negative_notice_is_refused() -> None:
    with pytest.raises(ValueError):
        notice_ends_on(date(2017, 6, 30), years=-1)
