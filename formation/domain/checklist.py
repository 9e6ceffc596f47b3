"""The § 9 checklist: does a förbundsordning state everything 9 § lagen (2003:1210) requires?

Pure text heuristics, no I/O. Each item has heading patterns (they locate the item, so that `where` can
point at its § heading) and one or more parts (facts that must all be found; a part is found when any of
its patterns matches a heading or, failing that, any line). All patterns are case-insensitive regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from formation.domain.checklist_items import CHECKLIST, ChecklistItem
from formation.domain.problems import Problem

LAW = "9 § lagen (2003:1210)"


@dataclass(frozen=True)
class ItemFinding:
    item: ChecklistItem
    found: bool
    where: str | None
    missing_parts: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistResult:
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
    all_parts = tuple(p.name for p in item.effective_parts)
    if finding.missing_parts and finding.missing_parts != all_parts:
        message = (
            f"Förbundsordningen är ofullständig när det gäller {item.label.lower()} ({point}): "
            f"{', '.join(finding.missing_parts)} saknas."
        )
    else:
        message = f"Förbundsordningen saknar {item.label.lower()}, som ska anges enligt {point}."
    details = {"item": item.id, "number": item.number, "missing_parts": list(finding.missing_parts)}
    return Problem(code=f"fo_missing_{item.id}", message=message, details=details)


# --- reading lines -------------------------------------------------------------------------------------

_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$")
_BOLD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)\s*[.:]?$")
_PARAGRAPH = re.compile(r"^(?:§\s*\d+(?:\s*[a-z]\b)?|\d+(?:\s*[a-z]\b)?\s*§)(?:\s*[.:)–—-])?(?:\s+|$)", re.I)
_KEY_PREFIX = re.compile(r"^(?:§\s*\d+(?:\s*[a-z]\b)?|\d+(?:\s*[a-z]\b)?\s*§|\d+(?:\.\d+)*\.?)\s*[.:)–—-]?\s*", re.I)


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    heading: str | None  # the heading as shown, without Markdown marks
    key: str | None  # the heading without its § number, for matching


def _heading(lines: list[str], i: int) -> str | None:
    raw = lines[i].strip()
    if not raw:
        return None
    if m := _ATX.match(lines[i]):
        return m.group(1).strip("*_ ") or None
    if (m := _BOLD.match(raw)) and len(m.group(1)) <= 100:
        return m.group(1).strip()
    if len(raw) > 80 or raw[0] in "-+*|>" or raw[-1] in ".,;:!?":
        return None
    if m := _PARAGRAPH.match(raw):
        rest = raw[m.end() :]
        return raw if not rest or rest[0].isupper() else None
    key = _KEY_PREFIX.sub("", raw)
    if len(raw) > 60 or len(raw.split()) > 8 or not key or not key[0].isupper():
        return None
    prev_blank = i == 0 or not lines[i - 1].strip()
    next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
    return raw if prev_blank and (next_blank or len(raw.split()) <= 5) else None


def _lines(text: str) -> list[_Line]:
    lines = text.splitlines()
    result = []
    for i, line in enumerate(lines):
        heading = _heading(lines, i)
        key = _KEY_PREFIX.sub("", heading).strip() if heading is not None else None
        result.append(_Line(i + 1, line, heading, key))
    return result


@lru_cache(maxsize=512)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_MAX_HEADING = 60  # longer "headings" are document titles; heading-only patterns skip them


def _locate(lines: list[_Line], patterns: tuple[str, ...], headings: tuple[str, ...] = ()) -> str | None:
    """Where the first heading, or failing that the first line, matching the patterns is."""
    body = [_rx(p) for p in patterns]
    heads = [_rx(p) for p in headings]
    for line in lines:
        if line.key is None:
            continue
        short = len(line.key) <= _MAX_HEADING
        if any(rx.search(line.key) for rx in body) or (short and any(rx.search(line.key) for rx in heads)):
            return f'rubrik "{line.heading}" (rad {line.number})'
    for line in lines:
        if any(rx.search(line.text) for rx in body):
            return f"rad {line.number}"
    return None


def _check_item(lines: list[_Line], item: ChecklistItem) -> ItemFinding:
    located = [(part.name, _locate(lines, part.patterns, part.headings)) for part in item.effective_parts]
    missing = tuple(name for name, where in located if where is None)
    where = _locate(lines, (), item.patterns)
    if where is None:
        where = next((w for _, w in located if w is not None), None)
    return ItemFinding(item=item, found=not missing, where=where, missing_parts=missing)


def check_forbundsordning(text: str) -> ChecklistResult:
    """Check a förbundsordning (Markdown or plain text) against the 15 points of 9 §."""
    lines = _lines(text)
    return ChecklistResult(tuple(_check_item(lines, item) for item in CHECKLIST))


def format_checklist(result: ChecklistResult) -> str:
    """A report for people: one line per point of 9 § and a closing verdict."""
    out = [f"Kontroll av förbundsordningen mot {LAW}:"]
    for f in result.findings:
        item = f.item
        label = item.label + ("" if item.required else " (om sådan finns)")
        if f.found:
            status = f.where or "finns"
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
