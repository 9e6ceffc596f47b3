"""The 15 items of 9 § lagen (2003:1210) as data: what each must state and the patterns that find it.

All patterns are case-insensitive regexes over Markdown or plain text; see checklist.py for the matching.
"""

from __future__ import annotations

from dataclasses import dataclass


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
