"""Amounts as real documents write them: "8000000", "8 000 000 kr", "8,0 mnkr", "18 mkr", "18 MSEK",
"1,5 miljoner", "680 tkr"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from formation.errors import Refusal

# Longest first: "miljonerkronor" before "miljoner", "mnkr" before "kr".
_SUFFIXES = tuple(
    sorted(
        {
            "miljonerkronor": 1_000_000,
            "miljonkronor": 1_000_000,
            "miljoner": 1_000_000,
            "miljon": 1_000_000,
            "milj.": 1_000_000,
            "milj": 1_000_000,
            "mnkr": 1_000_000,
            "mkr": 1_000_000,
            "msek": 1_000_000,
            "mn": 1_000_000,
            "tusenkronor": 1_000,
            "tusen": 1_000,
            "tkr": 1_000,
            "tsek": 1_000,
            "kronor": 1,
            "kr.": 1,
            "kr": 1,
            "sek": 1,
            ":-": 1,
        }.items(),
        key=lambda item: -len(item[0]),
    )
)


def parse_amount(text: str, what: str) -> int:
    """Whole kronor, or a refusal naming `what`."""
    cleaned = re.sub(r"\s+", "", text.strip().lower()).replace(",", ".")
    factor = 1
    for suffix, scale in _SUFFIXES:
        if cleaned.endswith(suffix):
            cleaned, factor = cleaned[: -len(suffix)], scale
            break
    if factor == 1 and cleaned.count(".") > 1:  # "8.000.000": dots as thousands separators
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned) * factor
    except (InvalidOperation, ArithmeticError):
        raise Refusal(
            f"{what} är inget belopp; ange kronor, t.ex. 8000000, 8,0 mnkr, 18 MSEK eller 1,5 miljoner."
        ) from None
    if not value.is_finite() or value < 0 or value != value.to_integral_value() or value > 10**12:
        raise Refusal(f"{what} måste vara ett positivt belopp i hela kronor.")
    return int(value)
