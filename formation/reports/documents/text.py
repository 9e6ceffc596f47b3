"""Swedish wording shared by every format: dates, amounts, labels, and removing contact data."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from formation.reports.documents.model import FoBlock, PartyRow

LOCALE = "sv_SE"
NBSP = "\u00a0"

KIND_LABELS = {
    "kommun": "kommun",
    "region": "region",
    "forsakringskassan": "statlig myndighet",
    "arbetsformedlingen": "statlig myndighet",
    "kommunalforbund": "kommunalförbund",
}
STEP_STATUS_LABELS = {"done": "beslutat", "pending": "väntar", "skipped": "ej aktuellt", "rejected": "avslag"}
OUTCOME_LABELS = {"bifall": "bifall", "avslag": "avslag", "aterremiss": "återremiss", "bordlagd": "bordläggning"}
APPEAL_OUTCOMES = {"avslaget": "överklagandet avslogs", "upphavt": "beslutet upphävdes", "avvisat": "avvisades"}
ROLE_LABELS = {"ledamot": "ledamot", "ersattare": "ersättare"}
NUMBER_WORDS = ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv")

# Contact data never leaves the engine in a document: e-mail addresses, and phone numbers written the
# Swedish way (+46 or a leading 0, at least eight digits). The look-arounds keep dates and diarienummer.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/-])(?:\+46|0)(?:[\s-]?\(?\d\)?){7,12}(?![\w/-])")
_SPACES = re.compile(r"[ \t]{2,}")


def clean(text: str | None) -> str | None:
    """The text without e-mail addresses and phone numbers (None stays None)."""
    if text is None:
        return None
    stripped = _PHONE.sub("", _EMAIL.sub("", text))
    if stripped == text:
        return text
    return _SPACES.sub(" ", stripped).strip() or None


def clean_text(text: str) -> str:
    """`clean` for text that must stay a string."""
    return clean(text) or ""


def day(value: date | None) -> str:
    """'15 februari 2016' (never the week-year pattern); empty for no date."""
    if value is None:
        return ""
    return format_date(value, format="d MMMM y", locale=LOCALE)


def month(value: date) -> str:
    """'feb. 2016', for chart axes."""
    return format_date(value, format="MMM y", locale=LOCALE)


def kr(amount: int) -> str:
    """'2 000 000 kr' with non-breaking spaces."""
    return f"{format_decimal(amount, locale=LOCALE)}{NBSP}kr"


def mnkr(amount: int) -> str:
    """'2,0 mnkr'."""
    return f"{format_decimal(amount / 1_000_000, format='#,##0.0#', locale=LOCALE)}{NBSP}mnkr"


def percent(share: float) -> str:
    """'25 %' or '12,5 %'."""
    return f"{format_decimal(share * 100, format='#,##0.##', locale=LOCALE)}{NBSP}%"


def laga_kraft(party: PartyRow) -> str:
    """When the party's approval has or gets laga kraft: a date, 'tidigast …' or 'överklagat'."""
    appeal = party.appeal
    if appeal is not None and appeal.pending and not appeal.late:
        return "överklagat" + (f" till {appeal.court}" if appeal.court else "")
    if appeal is not None and appeal.pending and party.final_on is not None:  # too late to hold it back
        when = day(party.final_on) if party.final else f"tidigast {day(party.final_on)}"
        return f"{when} (överklagat för sent)"
    if appeal is not None and appeal.outcome == "upphavt":
        return f"beslutet upphävdes {day(appeal.decided_on)}".strip()
    if appeal is not None and appeal.outcome == "avslaget":
        return f"överklagandet avslogs {day(appeal.decided_on)}".strip()
    if party.final_on is None:
        return ""
    return day(party.final_on) if party.final else f"tidigast {day(party.final_on)}"


def count_word(n: int) -> str:
    """'fyra' for 4; digits from 13 on."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def join_names(names: list[str]) -> str:
    """'A, B och C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


def parse_day(value: object) -> date | None:
    """An ISO date (or datetime) string as a date; None for anything else."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_INLINE = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])[*_](.+?)[*_](?![\w*])")


def _plain(text: str) -> str:
    """Markdown emphasis marks removed; everything else literal."""
    return _INLINE.sub(lambda m: m.group(2) or m.group(3) or "", text).strip()


def fo_blocks(text: str) -> tuple[FoBlock, ...]:
    """The förbundsordning (Markdown or plain text) as headings, paragraphs and list items."""
    blocks: list[FoBlock] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(FoBlock("p", _plain(" ".join(para))))
            para.clear()

    for raw in clean_text(text).splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif m := _HEADING.match(line):
            flush()
            level = min(len(m.group(1)), 3)
            blocks.append(FoBlock(f"h{level}", _plain(m.group(2))))
        elif m := _ITEM.match(line):
            flush()
            blocks.append(FoBlock("li", _plain(m.group(1))))
        else:
            para.append(line)
    flush()
    return tuple(blocks)
