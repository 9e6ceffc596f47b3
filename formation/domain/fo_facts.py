"""What the engine reads out of a förbundsordning's text: the 9 § checklist and the board's term.

Reading a text takes milliseconds (hundreds of regex searches), and `status` needs it for every case it
shows, so the facts are read once, when a version is added, and stored with it. A stored reading carries a
fingerprint of the rules that made it; one made under other rules is read again from the text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from formation.domain.board import TERM_SENTENCE, term_years_in
from formation.domain.checklist import CHECKLIST, ChecklistResult, ItemFinding, check_forbundsordning, rules_text

RULES_REVISION = 1
"""Raise when the way a text is read changes (the sentence splitting, the term rule); a change to the
checklist's items or patterns changes the fingerprint by itself."""


@dataclass(frozen=True)
class TextFacts:
    """What one version's text states."""

    checklist: ChecklistResult
    term_years: int | None
    """The board's term when the text sets one shorter than four years; None otherwise."""


def read_text_facts(text: str) -> TextFacts:
    return TextFacts(check_forbundsordning(text), term_years_in(text))


@cache
def rules_fingerprint() -> str:
    rules = f"{RULES_REVISION}\n{TERM_SENTENCE.pattern}\n{rules_text()}"
    return hashlib.sha256(rules.encode()).hexdigest()[:16]


def facts_to_stored(facts: TextFacts) -> dict[str, Any]:
    findings = [[f.item.id, f.found, f.where, list(f.missing_parts)] for f in facts.checklist.findings]
    return {"rules": rules_fingerprint(), "term_years": facts.term_years, "findings": findings}


@cache
def _items() -> dict[str, Any]:
    return {item.id: item for item in CHECKLIST}


def facts_from_stored(stored: Any) -> TextFacts | None:
    """The stored reading, or None when there is none, it was made under other rules or it is malformed."""
    if not isinstance(stored, dict) or stored.get("rules") != rules_fingerprint():
        return None
    try:
        items = _items()
        findings = tuple(
            ItemFinding(item=items[item_id], found=bool(found), where=where, missing_parts=tuple(missing))
            for item_id, found, where, missing in stored["findings"]
        )
        term = stored["term_years"]
    except (KeyError, TypeError, ValueError):
        return None
    if [f.item.id for f in findings] != list(items) or not (term is None or isinstance(term, int)):
        return None
    return TextFacts(ChecklistResult(findings), term)


def is_current(stored: Any) -> bool:
    """Whether a stored reading was made under today's rules (else the text must be read again)."""
    return isinstance(stored, dict) and stored.get("rules") == rules_fingerprint()


class FactsByVersion(Mapping[int, TextFacts]):
    """The facts of each version by number, each taken from its stored form only when asked for: a status
    needs one or two versions of a case that may have dozens."""

    def __init__(self, stored: Mapping[int, Any], read: Mapping[int, TextFacts]) -> None:
        self._stored = dict(stored)
        self._read = dict(read)

    def __getitem__(self, number: int) -> TextFacts:
        found = self._read.get(number)
        if found is None:
            found = facts_from_stored(self._stored[number]) or _unreadable(number)
            self._read[number] = found
        return found

    def __iter__(self) -> Iterator[int]:
        return iter(sorted(self._stored.keys() | self._read.keys()))

    def __len__(self) -> int:
        return len(self._stored.keys() | self._read.keys())


def _unreadable(number: int) -> TextFacts:
    raise KeyError(number)
