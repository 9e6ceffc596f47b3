"""The § 9 checklist: does a förbundsordning state everything 9 § lagen (2003:1210) requires?

Pure text heuristics, no I/O. Each item has heading patterns (they locate the item, so that `where` can
point at its § heading) and one or more parts (facts that must all be found; a part is found when any of
its patterns matches a heading or, failing that, any line). All patterns are case-insensitive regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from formation.domain.problems import Problem

LAW = "9 § lagen (2003:1210)"


@dataclass(frozen=True)
class ChecklistPart:
    """One fact an item needs, e.g. "ersättare".

    Found when one of `patterns` matches a heading or any line, or one of `headings` matches a heading.
    """

    name: str
    patterns: tuple[str, ...]
    headings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistItem:
    """One numbered point of 9 §. `patterns` match headings; `parts` must all be found in the text.

    An item without parts is found when one of its `patterns` matches a heading or any line.
    """

    id: str
    number: int
    label: str
    required: bool
    patterns: tuple[str, ...]
    parts: tuple[ChecklistPart, ...] = ()

    @property
    def effective_parts(self) -> tuple[ChecklistPart, ...]:
        return self.parts or (ChecklistPart(self.label.lower(), self.patterns),)


_NUM = r"(?:\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton)"
_BIDRAR = r"\b(?:bidrar|bidra|svarar|står)\s+(?:med|för)\b.{0,40}(?:hälften|fjärdedel|\d+\s*(?:%|procent))"
_REVISOR_HEADING = r"revisor|revision"


def _part(name: str, *patterns: str, headings: tuple[str, ...] = ()) -> ChecklistPart:
    return ChecklistPart(name, patterns, headings)


def _simple(ident: str, number: int, label: str, heads: str, *body: str, required: bool = True) -> ChecklistItem:
    """An item that is one fact: a heading matching `heads`, or a line matching one of `body`."""
    return ChecklistItem(ident, number, label, required, (heads,), (_part(label.lower(), *body, headings=(heads,)),))


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "namn_sate_medlemmar_andamal",
        1,
        "Namn, säte, medlemmar och ändamål",
        True,
        (r"^(?:förbundets\s+)?(?:namn|säte|medlemmar|ändamål)\b",),
        (
            _part(
                "namn",
                r"\b(?:förbundets|samordningsförbundets)\s+namn\b",
                r"\bnamn\s+är\b",
                r"\bbenämns\b",
                headings=(r"^(?:förbundets\s+)?namn\b",),
            ),
            _part("säte", r"\bsäte\b"),
            _part(
                "medlemmar",
                r"\bmedlemmar\s+i\s+(?:samordnings)?förbundet\s+är\b",
                r"\bförbunds\s*medlemmar\s+är\b",
                headings=(r"^(?:förbundets\s+)?medlemmar\b",),
            ),
            _part(
                "ändamål",
                r"\b(?:förbundets|samordningsförbundets)\s+ändamål\b",
                r"\bändamålet\s+med\b",
                r"\btill\s+ändamål\b",
                headings=(r"^(?:förbundets\s+)?ändamål\b",),
            ),
        ),
    ),
    _simple(
        "organisation",
        2,
        "Organisation",
        r"^(?:förbundets\s+)?organisation\b",
        r"\bbeslutande\s+organ\b",
        r"\begen\s+juridisk\s+person\b",
        r"\borganisation(?:en)?\s+(?:består|utgörs)\b",
    ),
    ChecklistItem(
        "styrelse",
        3,
        "Styrelsens ledamöter och ersättare",
        True,
        (r"styrelsens\s+sammansättning|^(?:förbunds)?styrelsen?$|^ledamöter\b|\bersättare\b",),
        (
            _part("ledamöter", rf"\b{_NUM}\s+(?:ordinarie\s+)?ledam(?:ot|öter)\b"),
            _part(
                "ersättare",
                rf"\b{_NUM}\s+(?:personliga\s+)?ersättare\b",
                r"\blika\s+många\s+ersättare\b",
                r"\bpersonlig(?:a)?\s+ersättare\b",
                r"\bersättare\s+för\s+(?:varje|var\s+och\s+en)\b",
            ),
        ),
    ),
    _simple(
        "uppgifter",
        4,
        "Uppgifter och beslutanderätt",
        r"uppgifter|beslutanderätt|befogenheter",
        r"\bha\s+till\s+uppgift\b",
        r"\bstyrelsen\s+(?:ska|skall)\s+(?:besluta|ansvara)\b",
        r"\bförbundets\s+uppgifter\b",
        r"\bbeslutanderätt\b",
    ),
    _simple(
        "initiativratt",
        5,
        "Initiativrätt",
        r"initiativ",
        r"initiativrätt",
        r"\bväcka\s+(?:ärenden|ärende|frågor)\b",
        r"\brätt\s+att\s+ta\s+initiativ\b",
    ),
    _simple(
        "kvalificerad_majoritet",
        6,
        "Kvalificerad majoritet",
        r"majoritet|beslutsregler|omröstning",
        r"\bkvalificerad\s+majoritet\b",
        r"\btvå\s+tredjedelar\b",
        r"\b2/3\b",
        r"\benhällig",
        r"\bsärskild\s+majoritet\b",
        required=False,
    ),
    _simple(
        "kungorelser",
        7,
        "Kungörelser och tillkännagivanden",
        r"kungör|tillkännagiv|^anslag",
        r"kungör",
        r"tillkännagiv",
        r"anslagstavla",
        r"\banslås\b",
    ),
    ChecklistItem(
        "andelar",
        8,
        "Andelar i tillgångar, skulder och kostnader",
        True,
        (r"andel(?:ar)?\s+i\s+(?:förbundets\s+)?tillgångar|tillgångar\s+och\s+skulder|kostnad|finansiering",),
        (
            _part(
                "andelar i tillgångar och skulder",
                r"tillgångar\s+och\s+skulder",
                r"\bandel(?:ar)?\s+i\s+(?:förbundets\s+)?(?:tillgångar|skulder)",
            ),
            _part(
                "kostnadsfördelning",
                r"kostnadsfördelning",
                r"\bfördelning(?:en)?\s+av\s+(?:förbundets\s+)?kostnader",
                r"\bkostnader(?:na)?\s+(?:ska\s+)?fördelas\b",
                _BIDRAR,
            ),
        ),
    ),
    _simple(
        "upplaning",
        9,
        "Gränser för upplåning (borgen och lån)",
        r"borgen|\blån\b|upplåning",
        r"\blån(?:et|en)?\b",
        r"\blåna\b(?!\s+ut)",
        r"upplåning",
        r"\bborgen",
        r"ansvarsförbindelse",
    ),
    _simple(
        "styrning_insyn",
        10,
        "Styrning och insyn",
        r"styrning|insyn",
        r"\binsyn\b",
        r"\binformera\s+(?:förbunds)?medlemmarna\b",
        r"\bta\s+del\s+av\s+förbundets\s+handlingar\b",
        r"\bbegära\s+upplysningar\b",
    ),
    _simple(
        "budget",
        11,
        "Budgetprocessen",
        r"budget",
        r"fastställ\w*\b.{0,80}\bbudget",
        r"\bbudget\w*\b.{0,80}\bfastställ",
        r"\b30\s+november\b",
        r"\bbudgetprocess",
    ),
    ChecklistItem(
        "revisorernas_mandattid",
        12,
        "Revisorernas mandattid",
        True,
        (_REVISOR_HEADING,),
        (
            _part(
                "mandattid",
                r"^revisorernas\s+(?:mandattid|mandatperiod)",
                r"\brevisor\w*\b.{0,120}\b(?:mandattid|mandatperiod|väljs\s+för|utses\s+för|(?:fyra|4|tre|3)\s+år)",
                r"\b(?:mandattid|mandatperiod)\w*\b.{0,120}\brevisor",
            ),
        ),
    ),
    ChecklistItem(
        "gemensamma_revisorer",
        13,
        "Gemensamma revisorer och vem som utser dem",
        False,
        (_REVISOR_HEADING,),
        (
            _part(
                "vem som utser revisorerna",
                r"\bgemensamm?a?\s+revisor",
                r"\b(?:utser|väljer|utse|välja)\b.{0,120}\brevisor",
                r"\brevisor\w*\b.{0,120}\b(?:utses|väljs)\s+av\b",
            ),
        ),
    ),
    ChecklistItem(
        "uttrade_likvidation",
        14,
        "Utträde, likvidation och upplösning",
        True,
        (r"utträde|likvidation|upplösning",),
        (
            _part("utträde", r"\butträ(?:de|da|der|tt)", r"\bsäga\s+upp\s+sitt\s+medlemskap\b", r"\buppsägning"),
            _part("likvidation eller upplösning", r"\blikvid(?:ation|ator|eras)", r"\bupplös(?:ning|t|as|es)\b"),
        ),
    ),
    _simple(
        "tvister",
        15,
        "Tvister",
        r"tvist",
        r"\btvist",
        r"skiljeförfarande|skiljedom|skiljenämnd",
        r"\ballmän\s+domstol\b",
    ),
)


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
