"""Checks on text and numbers that users type, shared by every command: one Swedish sentence on failure."""

from __future__ import annotations

import re

from formation.errors import Refusal

# The store's columns are declared with these lengths: PostgreSQL enforces them, SQLite would silently store
# more, so every text is checked against them before it reaches the database.
NAME_MAX, SHORT_MAX, BODY_MAX, NOTE_MAX, EMAIL_MAX, SLUG_MAX = 200, 100, 500, 5000, 320, 80


# Unicode's control characters (category Cc) are exactly U+0000–U+001F and U+007F–U+009F; one regex search
# finds them far faster than asking for each character's category (an import checks millions of them).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_TAB_AND_NEWLINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str | None, what: str, max_length: int, *, multiline: bool = False) -> str | None:
    """Trimmed text, or None for empty; refuses control characters (terminal escapes) and overlong values."""
    if value is None:
        return None
    text = value.strip()
    if (_CONTROL_BUT_TAB_AND_NEWLINE if multiline else _CONTROL).search(text):
        raise Refusal(f"{what} innehåller styrtecken; skriv vanlig text.", code="control_characters")
    if len(text) > max_length:
        raise Refusal(f"{what} har {len(text)} tecken; högst {max_length} tecken går.", code="too_long")
    return text or None


def required_text(value: str, what: str, max_length: int) -> str:
    """Like clean_text, but the value must not be empty."""
    text = clean_text(value, what, max_length)
    if not text:
        raise Refusal(f"{what} saknas.")
    return text


def check_population(population: int | None) -> None:
    """A population (16–64 år) is a positive whole number when given."""
    if population is not None and int(population) <= 0:
        raise Refusal(f"Befolkningstalet måste vara ett positivt heltal, inte {population}.")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sha256_of(text: str) -> str:
    """Hex SHA-256 of the UTF-8 text after normalising line endings to \\n (how a version is identified)."""
    import hashlib

    return hashlib.sha256(normalise_newlines(text).encode("utf-8")).hexdigest()


def shown(text: str, limit: int = 60) -> str:
    """Input quoted in a message: one printable line (control characters as "?"), cut at `limit` characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[: limit - 3] + "…"
