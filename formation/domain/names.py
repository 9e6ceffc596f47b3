"""Slugs: stable ASCII identifiers made from Swedish names."""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", "é": "e", "ü": "u"})


def slugify(name: str) -> str:
    """ "Stockholms läns landsting" -> "stockholms-lans-landsting"."""
    ascii_text = unicodedata.normalize("NFKD", name.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]
