"""Amounts as real documents write them: "8000000", "8 000 000 kr", "8,0 mnkr", "680 tkr"."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from formation.errors import Refusal

_SUFFIXES = (("mnkr", 1_000_000), ("tkr", 1_000), ("kr", 1))


def parse_amount(text: str, what: str) -> int:
    """Whole kronor, or a refusal naming `what`."""
    cleaned = text.strip().lower().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    factor = 1
    for suffix, scale in _SUFFIXES:
        if cleaned.endswith(suffix):
            cleaned, factor = cleaned[: -len(suffix)], scale
            break
    try:
        value = Decimal(cleaned) * factor
    except (InvalidOperation, ArithmeticError):
        raise Refusal(f"{what} är inget belopp; ange kronor, t.ex. 8000000 eller 8,0 mnkr.") from None
    if not value.is_finite() or value < 0 or value != value.to_integral_value() or value > 10**12:
        raise Refusal(f"{what} måste vara ett positivt belopp i hela kronor.")
    return int(value)
