"""Slugs: stable ASCII identifiers made from Swedish names."""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", "é": "e", "ü": "u"})


def _separator_or_char(ch: str) -> str:
    """Any punctuation, dash or space (en dash in "Älvdala–Norrstrand", a no-break space) separates words."""
    return " " if unicodedata.category(ch)[0] in "PZSC" else ch


def slugify(name: str) -> str:
    """ "Stockholms läns landsting" -> "stockholms-lans-landsting"; "Älvdala–Norrstrand" -> "alvdala-norrstrand"."""
    spaced = "".join(_separator_or_char(ch) for ch in name.translate(_TRANSLIT))
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]
