"""The 15 items of 9 § lagen (2003:1210) as data: the facts each must state and the wordings that state them.

A part is found by a *statement*, not by its topic: "Förbundet har sitt säte i Mora" states the säte, the
word "Säte" in a heading, a table of contents or the law's own list does not. Patterns are
case-insensitive regexes searched in one sentence; `(?-i:...)` marks where case matters (a place name).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChecklistPart:
    """One fact an item needs, e.g. "ersättare".

    Found when a sentence matches one of `statements`, or when a sentence in a section whose heading
    matches `section` matches one of `values` (under "§ 2 Säte" the bare "Mora." states the seat).
    """

    name: str
    statements: tuple[str, ...]
    section: str | None = None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistItem:
    """One numbered point of 9 §; found when all its `parts` are. Optional points (`required=False`) say
    "if any" in the law and are reported for information only."""

    id: str
    number: int
    label: str
    required: bool
    parts: tuple[ChecklistPart, ...]


_NUM = r"(?:\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton)"
_SHARE = r"(?:hälften|fjärdedel\w*|\d+(?:,\d+)?\s*(?:%|procent))"
_PROPORTION = r"(?:\d+(?:,\d+)?\s*(?:%|procent)|hälften|fjärdedel|motsvara|förhållande|samma|proportion|fördelas)"
_PARTY = r"(?:försäkringskassan|arbetsförmedlingen|\bkommun|\bregion|landsting)"
# A bare word under "Säte" is the seat ("Mora"), unless it is the next topic of a list of headings.
_NOT_A_TOPIC = (
    r"(?!.*(?:namn|säte|medlem|ändamål|organisation|styrelse|uppgift|initiativ|majoritet|kungör|andel|kostnad"
    r"|borgen|lån|styrning|insyn|budget|revision|revisor|utträde|likvidation|upplösning|tvist|arkiv|innehåll))"
)
_TERM = r"(?:mandattid|mandatperiod)"
_TERM_VALUE = r"(?:är|omfattar|sammanfaller|följer|räknas|löper|\d+\s+år|(?:fyra|tre|två)\s+år)"


def _all(*patterns: str) -> str:
    """A pattern that matches a sentence containing every one of `patterns`, in any order."""
    return "^" + "".join(f"(?=.*?{p})" for p in patterns)


def _part(name: str, *statements: str, section: str | None = None, values: tuple[str, ...] = ()) -> ChecklistPart:
    return ChecklistPart(name, statements, section, values)


def _item(ident: str, number: int, label: str, *parts: ChecklistPart, required: bool = True) -> ChecklistItem:
    return ChecklistItem(ident, number, label, required, parts)


def _simple(ident: str, number: int, label: str, *statements: str, required: bool = True) -> ChecklistItem:
    """An item that is one fact."""
    return _item(ident, number, label, _part(label.lower(), *statements), required=required)


CHECKLIST: tuple[ChecklistItem, ...] = (
    _item(
        "namn_sate_medlemmar_andamal",
        1,
        "Namn, säte, medlemmar och ändamål",
        _part(
            "namn",
            r"\bnamn(?:et)?\s+(?:är|ska\s+vara)\s+\S",
            r"\b(?:benämns|heter)\s+(?-i:[A-ZÅÄÖ\"”])",
            r"\bnamn\s*:\s*(?-i:[A-ZÅÄÖ])",
            section=r"\bnamn\b",
            values=(r"(?-i:\b(?:Samordningsförbundet|Finsam|FINSAM)\s+[A-ZÅÄÖ])",),
        ),
        _part(
            "säte",
            r"\bsäte(?:t)?\s+(?:är\s+|ska\s+vara\s+)?(?:i\s+)?(?-i:[A-ZÅÄÖ])",
            r"\bsäte\s*:\s*(?-i:[A-ZÅÄÖ])",
            section=r"\bsäte\b",
            values=(rf"^{_NOT_A_TOPIC}(?-i:[A-ZÅÄÖ][\wåäö-]+)(?:\s+(?:kommun|stad))?\.?$",),
        ),
        _part(
            "medlemmar",
            r"\bmedlemmar\s+(?:i\s+(?:samordnings)?förbundet\s+)?är\b",
            r"\bförbundsmedlemmar(?:na)?\s+är\b",
            r"\bmedlemmar\s+i\s+samordningsförbundet\s+(?-i:[A-ZÅÄÖ])[^.]{0,60}\bär\b",
            r"\b(?:är|blir)\s+medlemmar\s+i\s+(?:samordnings)?förbundet",
            r"\b(?:består|bildas)\s+av\s+(?:följande\s+)?(?:medlemmar|parter)",
            r"\bmedlemmar\s*:\s*\S",
            section=r"\bmedlem",
            values=(_PARTY,),
        ),
        _part(
            "ändamål",
            r"\bändamål(?:et)?\s+(?:med\s+(?:samordnings)?förbundet\s+)?(?:är|ska\s+vara)\b",
            r"\bhar\s+till\s+ändamål\b",
            r"\bsyftet\s+(?:med\s+(?:samordnings)?förbundet\s+)?är\b",
            r"\b(?:förbundet|samordningen|verksamheten)\s+(?:ska\s+)?syfta(?:r)?\s+till\b",
            r"\bförbundet\s+(?:ska|skall)\s+(?:.{0,80}\s)?svara\s+för\s+(?:den\s+)?finansiell\w*\s+samordning",
            section=r"ändamål|syfte",
            values=(r"samordning|rehabilitering",),
        ),
    ),
    _simple(
        "organisation",
        2,
        "Organisation",
        r"\bled(?:as|s)\s+av\s+(?:en\s+)?styrelse",
        r"\b(?:är|utgör)\s+(?:förbundets\s+)?(?:högsta\s+)?beslutande\s+organ",
        r"\bbeslutande\s+organ\s+är\b",
        r"\bförbundets\s+organ\s+är\b",
        r"\bär\s+en\s+(?:egen|självständig|offentligrättslig)\s+juridisk\s+person\b",
        r"\borganisation(?:en)?\s+(?:består|utgörs)\s+av\b",
        r"\bförbundet\s+(?:ska\s+ha|har)\s+(?:en\s+)?(?:styrelse|förbundschef|kansli)",
    ),
    _item(
        "styrelse",
        3,
        "Styrelsens ledamöter och ersättare",
        _part(
            "ledamöter",
            rf"\b{_NUM}\s+(?:ordinarie\s+)?ledam(?:ot|öter)\b",
            rf"\bantal(?:et)?\s+(?:ordinarie\s+)?ledamöter\s+(?:är|ska\s+vara)\s+{_NUM}\b",
        ),
        _part(
            "ersättare",
            rf"\b{_NUM}\s+(?:personliga?\s+)?ersättare\b",
            r"\blika\s+många\s+(?:personliga\s+)?ersättare\b",
            r"\bersättare\s+för\s+(?:varje|var\s+och\s+en)\b",
        ),
    ),
    _simple(
        "uppgifter",
        4,
        "Uppgifter och beslutanderätt",
        r"\bha(?:r)?\s+till\s+uppgift\b",
        r"\b(?:har|ska\s+ha)\s+följande\s+uppgifter\b",
        r"\b(?:förbundets|styrelsens)\s+uppgift(?:er)?\s+är\b",
        r"\b(?:förbundet|styrelsen)\s+(?:ska|skall)\s+(?:besluta|ansvara|finansiera|stödja)\b",
        r"\bstyrelsen\s+beslutar\s+(?:i|om)\b",
        r"\b(?:styrelsen|förbundet)\s+(?:ansvarar|svarar)\s+för\s+(?:förbundets\s+)?(?:verksamhet|uppgifter)",
        # 7 § lists the tasks; a förbundsordning that repeats them states them.
        r"\bbesluta\s+om\s+mål\s+och\s+riktlinjer\b",
        r"\bfår\s+(?:uppdra|delegera)\b",
        r"\bbeslutanderätt\w*\s+(?:omfattar|utövas|ligger|tillkommer)\b",
    ),
    _simple(
        "initiativratt",
        5,
        "Initiativrätt",
        r"\brätt\s+att\s+väcka\s+ärende",
        r"\b(?:får|kan)\s+väcka\s+ärende",
        r"\bhar\s+initiativrätt\b",
        r"\binitiativrätt\w*\s+(?:i|hos|gäller|tillkommer)\b",
        r"\brätt\s+att\s+ta\s+initiativ\b",
    ),
    _simple(
        "kvalificerad_majoritet",
        6,
        "Kvalificerad majoritet",
        r"\bkrävs\b.{0,40}\b(?:kvalificerad|särskild)\s+majoritet",
        r"\b(?:kvalificerad|särskild)\s+majoritet\s+(?:krävs|gäller|av)\b",
        r"\binga\s+(?:regler|bestämmelser|krav)\s+om\s+(?:kvalificerad|särskild)\s+majoritet",
        r"\btvå\s+tredjedelar",
        r"\b2/3\b",
        r"\benhällig",
        r"\beniga\b",
        r"\benighet\b",
        r"\benkel\s+majoritet\b",
        required=False,
    ),
    _simple(
        "kungorelser",
        7,
        "Kungörelser och tillkännagivanden",
        r"\b(?:kungörelser|tillkännagivanden)\b.{0,80}\b(?:ska|skall)\s+(?:ske|anslås|publiceras|göras|finnas)",
        r"\b(?:kungörelser|tillkännagivanden)\b.{0,80}\b(?:anslås|publiceras|sker)\s+(?:på|i|genom)\b",
        r"\bkungörs\s+(?:på|i|genom)\b",
        r"\banslås\s+på\b",
        r"\banslagstavla\b.{0,40}\b(?:finns|är)\b",
    ),
    _item(
        "andelar",
        8,
        "Andelar i tillgångar, skulder och kostnader",
        _part(
            "andelar i tillgångar och skulder",
            _all(r"\bandel\w*\s+i\s+(?:förbundets\s+)?(?:tillgångar|skulder)", _PROPORTION),
            _all(r"\btillgångar\s+och\s+skulder\b", _PROPORTION),
            section=r"tillgångar|skulder",
            values=(_SHARE, _PROPORTION),
        ),
        _part(
            "kostnadsfördelning",
            rf"\b(?:bidrar|bidra|svarar|står|betalar|finansierar)\b.{{0,60}}{_SHARE}",
            rf"\bkostnader(?:na)?\s+(?:ska\s+)?fördelas\b.{{0,80}}(?:{_SHARE}|lika|efter|mellan)",
            r"\bkostnadsfördelning(?:en)?\s+(?:är|ska\s+vara)\b",
            section=r"kostnad|finansiering|\bmedel",
            values=(_SHARE,),
        ),
    ),
    _simple(
        "upplaning",
        9,
        "Gränser för upplåning (borgen och lån)",
        r"\bfår\s+(?:inte\s+|ej\s+|endast\s+)?(?:ta\s+upp|uppta)\s+lån",
        r"\bfår\s+(?:inte\s+|ej\s+)?(?:ingå|teckna)\s+borgen",
        r"\blån\b.{0,60}\b(?:får|endast|högst)\b",
        r"\bborgen\b.{0,60}\b(?:får\s+inte|får\s+ej|ingås\s+inte)\b",
        required=False,
    ),
    _simple(
        "styrning_insyn",
        10,
        "Styrning och insyn",
        r"\b(?:ska|skall)\s+(?:\w+\s+){0,3}informera\s+(?:förbunds)?medlemmarna\b",
        r"\bmedlemmarna\s+(?:ska|skall)\s+(?:\w+\s+){0,2}informeras\b",
        r"\b(?:rapport\w*|redovisning\w*|information)\b.{0,80}\btill\s+(?:förbunds)?medlemmarna\b",
        r"\bmedlemmarna\s+har\s+rätt\s+(?:att\s+(?:få|ta\s+del|begära)|till\s+insyn)",
        r"\bta\s+del\s+av\s+förbundets\s+handlingar\b",
        r"\bbegära\s+(?:de\s+)?upplysningar\b",
        r"\bdelårsrapport\w*\b.{0,80}\b(?:lämna|till)\b",
        r"\blämna\w*\b.{0,40}\bdelårsrapport",
    ),
    _simple(
        "budget",
        11,
        "Budgetprocessen",
        r"\bfastställ\w*\b.{0,80}\bbudget",
        r"\bbudget\w*\b.{0,80}\bfastställ",
        r"\b30\s+november\b",
        r"\bbudget\w*\s+(?:ska\s+)?(?:upprättas|beslutas|antas)\b",
    ),
    _item(
        "revisorernas_mandattid",
        12,
        "Revisorernas mandattid",
        _part(
            "mandattid",
            rf"\brevisor\w*\b.{{0,120}}\b{_TERM}\w*\b.{{0,60}}\b{_TERM_VALUE}",
            r"\brevisor\w*\b.{0,120}\b(?:väljs|utses)\s+för\b",
            rf"\brevisor\w*\b.{{0,120}}\bsamma\s+{_TERM}",
            r"\brevisor\w*\b.{0,120}\b(?:fyra|4|tre|3)\s+år\b",
            rf"\b{_TERM}\w*\b.{{0,80}}\b(?:fyra|4|tre|3)\s+år\b.{{0,80}}\brevisor",
        ),
    ),
    _item(
        "gemensamma_revisorer",
        13,
        "Gemensamma revisorer och vem som utser dem",
        _part(
            "vem som utser revisorerna",
            r"\b(?:utser|väljer)\b.{0,120}\brevisor",
            r"\brevisor\w*\b.{0,120}\b(?:utses|väljs)\s+av\b",
        ),
        required=False,
    ),
    _item(
        "uttrade_likvidation",
        14,
        "Utträde, likvidation och upplösning",
        _part(
            "utträde",
            r"\butträ(?:da|der|tt)\b",
            r"\butträde\b.{0,80}\b(?:uppsägning|skriftlig|begär|får|kan)",
            r"\bsäga\s+upp\s+sitt\s+medlemskap\b",
            r"\buppsägningstid",
        ),
        _part(
            "likvidation eller upplösning",
            r"\b(?:träda|träder|trätt|gå|går)\s+i\s+likvidation\b",
            r"\blikvidation(?:en)?\s+(?:ska\s+)?(?:verkställ|genomför|sker|ske)",
            r"\b(?:sker|genomförs|verkställs)\s+likvidation",
            r"\b(?:verkställa|verkställer|genomföra|genomför)\s+likvidation(?:en)?\b",
            r"\blikvidator\b",
            r"\bupplöst\s+när\b",
            r"\bslutredovisning",
        ),
    ),
    _simple(
        "tvister",
        15,
        "Tvister",
        r"\btvist\w*\b.{0,120}\b(?:lösas|löses|avgörs|avgöras|prövas|hänskjuts|förhandling|domstol|skiljeförfarande)",
        r"\ballmän\s+domstol\b",
        r"\bskiljeförfarande|skiljedom|skiljenämnd",
    ),
)
