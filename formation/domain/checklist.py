"""The § 9 checklist: does a förbundsordning state everything 9 § lagen (2003:1210) requires?

Pure text heuristics, no I/O. The text is read as sentences (checklist_text); an item is found when every
one of its parts (checklist_items) is stated by some sentence. Headings, tables of contents and the law's
own list name topics and so never count. `where` is the section heading of the first sentence that
states a part, or its line in a text without headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from formation.domain.checklist_items import CHECKLIST, ChecklistItem, ChecklistPart
from formation.domain.checklist_text import Sentence
from formation.domain.problems import Problem

__all__ = [
    "CHECKLIST",
    "LAW",
    "ChecklistItem",
    "ChecklistPart",
    "ChecklistResult",
    "ItemFinding",
    "check_forbundsordning",
    "format_checklist",
    "rules_text",
]

LAW = "9 § lagen (2003:1210)"


@dataclass(frozen=True)
class ItemFinding:
    """One point of 9 §: whether the text states it, where, and which of its parts it does not state."""

    item: ChecklistItem
    found: bool
    where: str | None
    missing_parts: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistResult:
    """The 15 findings in the order of 9 §; only required points decide `ok` and make problems."""

    findings: tuple[ItemFinding, ...]

    @property
    def missing_required(self) -> list[ChecklistItem]:
        return [f.item for f in self.findings if f.item.required and not f.found]

    @property
    def ok(self) -> bool:
        return not self.missing_required

    def finding(self, item_id: str) -> ItemFinding:
        return next(f for f in self.findings if f.item.id == item_id)

    def problems(self) -> list[Problem]:
        return [_problem(f) for f in self.findings if f.item.required and not f.found]


def _problem(finding: ItemFinding) -> Problem:
    item = finding.item
    point = f"punkt {item.number} i {LAW} om finansiell samordning av rehabiliteringsinsatser"
    all_parts = tuple(p.name for p in item.parts)
    if finding.missing_parts and finding.missing_parts != all_parts:
        message = (
            f"Förbundsordningen är ofullständig när det gäller {item.label.lower()} ({point}): "
            f"{', '.join(finding.missing_parts)} saknas."
        )
    else:
        message = f"Förbundsordningen saknar {item.label.lower()}, som ska anges enligt {point}."
    details = {"item": item.id, "number": item.number, "missing_parts": list(finding.missing_parts)}
    return Problem(code=f"fo_missing_{item.id}", message=message, details=details)


# --- matching sentences --------------------------------------------------------------------------------

# A sentence about what a förbundsordning must contain (the law's own list, quoted or paraphrased) states
# none of it: "I förbundsordningen ska anges 1. förbundets namn och säte, ...".
_ABOUT_THE_CONTENT = re.compile(
    r"\bförbundsordning(?:en)?\s+(?:ska|skall)\s+(?:ange|innehålla|reglera)\b"
    r"|\bi\s+(?:denna\s+)?förbundsordning(?:en)?\s+(?:ska|skall)\s+(?:anges|finnas)\b"
    r"|\b(?:ska|skall)\s+förbundsordningen\s+ange\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=512)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _states(sentence: Sentence, part: ChecklistPart) -> bool:
    if any(_rx(p).search(sentence.text) for p in part.statements):
        return True
    section = sentence.section
    in_section = part.section is not None and section is not None and _rx(part.section).search(section.key)
    return bool(in_section) and any(_rx(p).search(sentence.text) for p in part.values)


def _where(sentence: Sentence) -> str:
    """The section heading that states it, or the line where a text without headings states it."""
    if sentence.section is not None:
        return f'rubrik "{sentence.section.title}" (rad {sentence.section.line})'
    return f"rad {sentence.line}"


def _check_item(text: list[Sentence], item: ChecklistItem) -> ItemFinding:
    located = [(part.name, next((s for s in text if _states(s, part)), None)) for part in item.parts]
    missing = tuple(name for name, sentence in located if sentence is None)
    first = min((s for _, s in located if s is not None), key=lambda s: s.line, default=None)
    return ItemFinding(item=item, found=not missing, where=_where(first) if first else None, missing_parts=missing)


def rules_text() -> str:
    """Everything the checklist matches with, as text: what a stored reading's fingerprint is made from."""
    return f"{_ABOUT_THE_CONTENT.pattern}\n{CHECKLIST!r}"


def check_forbundsordning(text: str) -> ChecklistResult:
    """Check a förbundsordning (Markdown, plain or PDF text) against the 15 points of 9 §."""
    from formation.domain.checklist_text import sentences  # reading a text; a stored reading needs none of it

    statements = [s for s in sentences(text) if not _ABOUT_THE_CONTENT.search(s.text)]
    return ChecklistResult(tuple(_check_item(statements, item) for item in CHECKLIST))


def format_checklist(result: ChecklistResult) -> str:
    """A report for people: one line per point of 9 § and a closing verdict."""
    out = [f"Kontroll av förbundsordningen mot {LAW}:"]
    for f in result.findings:
        item = f.item
        label = item.label + ("" if item.required else " (om sådan finns)")
        if f.found:
            status = f.where or "finns"
        elif not item.required:
            # "Eventuella" in the law: a förbundsordning without such rules is complete, so no alarm.
            status = "anges inte (frivillig punkt)"
        elif f.where is None:
            status = "saknas"
        else:
            status = f"ofullständig, saknar {', '.join(f.missing_parts)}; {f.where}"
        out.append(f"[{'x' if f.found else ' '}] {item.number:>2}. {label} — {status}")
    required = [f for f in result.findings if f.item.required]
    missing = result.missing_required
    if not missing:
        out.append(f"Alla {len(required)} obligatoriska punkter finns med.")
    else:
        numbers = ", ".join(str(item.number) for item in missing)
        out.append(
            f"{len(missing)} av {len(required)} obligatoriska punkter saknas ({numbers}). "
            "Komplettera förbundsordningen innan den skickas till medlemmarna för beslut."
        )
    return "\n".join(out)
