"""Amounts and names as real documents write them (issue 7)."""

from __future__ import annotations

import pytest

from formation.domain.amounts import parse_amount
from formation.domain.names import slugify
from formation.errors import Refusal


@pytest.mark.parametrize(
    ("text", "kronor"),
    [
        ("18 mkr", 18_000_000),
        ("18 MSEK", 18_000_000),
        ("1,5 miljoner", 1_500_000),
        ("1,5 miljoner kronor", 1_500_000),
        ("8,0 mnkr", 8_000_000),
        ("680 tkr", 680_000),
        ("8 000 000 kr", 8_000_000),
        ("270 000", 270_000),
    ],
)
def test_amounts_written_as_in_real_documents(text: str, kronor: int) -> None:
    assert parse_amount(text, "Budgeten") == kronor


def test_an_amount_that_is_not_one_is_refused() -> None:
    with pytest.raises(Refusal):
        parse_amount("åtta miljoner", "Budgeten")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Älvdala–Norrstrand", "alvdala-norrstrand"),
        ("Uddevalla—Orust", "uddevalla-orust"),
        ("Stockholms läns landsting", "stockholms-lans-landsting"),
        ("Falun", "falun"),
    ],
)
def test_a_dash_separates_words_in_a_slug(name: str, slug: str) -> None:
    assert slugify(name) == slug
