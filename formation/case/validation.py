"""Field checks every event passes before it is appended, whether it comes from a command or an import:
text without control characters and within its length, dates within a sane range, numbers that fit."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from formation.case.events import BodyNamed, CaseCreated, Envelope, Event, PartyAdded
from formation.domain.membership import KOMMUNALFORBUND_REFUSAL
from formation.domain.parties import PartyKind
from formation.domain.text import BODY_MAX, EMAIL_MAX, NAME_MAX, NOTE_MAX, SHORT_MAX, SLUG_MAX, clean_text
from formation.errors import Refusal

# No real decision falls outside these; past them date arithmetic (an appeal period, a term) can overflow.
EARLIEST = date(1950, 1, 1)
LATEST = date(2199, 12, 31)

_TEXT_LIMITS: dict[str, tuple[str, int, bool]] = {
    "name": ("Namnet", NAME_MAX, False),
    "slug": ("Kortnamnet", SLUG_MAX, False),
    "seat": ("Sätet", NAME_MAX, False),
    "person": ("Personens namn", NAME_MAX, False),
    "email": ("E-postadressen", EMAIL_MAX, False),
    "body": ("Organet", BODY_MAX, False),
    "paragraph": ("Paragrafen", SHORT_MAX, False),
    "dnr": ("Diarienumret", SHORT_MAX, False),
    "note": ("Anteckningen", NOTE_MAX, True),
    "reason": ("Skälet", NOTE_MAX, True),
    "step": ("Steget", SLUG_MAX, False),
    "party": ("Parten", SLUG_MAX, False),
    "role": ("Rollen", 20, False),
    "sha256": ("Kontrollsumman", 64, False),
}
_OTHER_TEXT = ("Texten", 500, False)
# Bidi overrides and isolates make text display in another order than it is stored (a spoofed name in a log).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def check_event(event: Event) -> None:
    """Refuse an event whose fields a command would never have produced."""
    for f in dataclasses.fields(event):
        check_value(f.name, getattr(event, f.name))
    if isinstance(event, CaseCreated | PartyAdded) and not _SLUG.fullmatch(event.slug):
        raise Refusal(f"Kortnamnet '{event.slug}' får bara innehålla a–z, 0–9 och bindestreck.", code="bad_slug")
    if isinstance(event, PartyAdded):
        _check_party(event)
    if isinstance(event, BodyNamed) and not event.body.strip():
        raise Refusal("Mallens organ saknas; ange organet som stegen i beslutsgången nämner.", code="no_body")


def _check_party(event: PartyAdded) -> None:
    """The rules of § 3 and the party fields that `party add` enforces, for events that did not come from it."""
    if event.kind is PartyKind.KOMMUNALFORBUND and not event.observer:
        raise Refusal(KOMMUNALFORBUND_REFUSAL, code="kommunalforbund_member")
    if event.population is not None and event.population <= 0:
        raise Refusal(f"Befolkningstalet måste vara ett positivt heltal, inte {event.population}.", code="population")
    if event.key_percent is not None and not Decimal(0) < event.key_percent <= Decimal(100):
        raise Refusal("Fördelningsnyckeln måste vara mellan 0 och 100 procent.", code="key_percent")


def check_value(name: str, value: Any) -> None:
    if isinstance(value, str):
        what, limit, multiline = _TEXT_LIMITS.get(name, _OTHER_TEXT)
        clean_text(value, what, limit, multiline=multiline)
        if _SURROGATES.search(value):
            raise Refusal(f"{what} innehåller tecken som inte är giltig Unicode.", code="surrogates")
        if _BIDI_CONTROLS.search(value):
            raise Refusal(f"{what} innehåller tecken som vänder textens riktning; skriv vanlig text.", code="bidi")
    elif isinstance(value, date):
        check_date(value, name)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if not -(2**31) < value < 2**31:
            raise Refusal(f"Talet {value} är orimligt stort.", code="number_range", field=name)
    elif isinstance(value, Decimal) and (
        not value.is_finite() or abs(value) > 10**12 or _exponent(value) < -DECIMAL_PLACES
    ):
        raise Refusal(f"Talet {str(value)[:30]} är inte ett rimligt tal.", code="number_range", field=name)


DECIMAL_PLACES = 10


def _exponent(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def check_date(day: date, what: str = "Datumet") -> None:
    if not EARLIEST <= day <= LATEST:
        raise Refusal(
            f"Datumet {day} ligger utanför det rimliga intervallet {EARLIEST}–{LATEST}.",
            code="date_range",
            field=what,
        )


def check_envelope(envelope: Envelope) -> None:
    """Refuse an imported event whose envelope (number, actor, time) a command would never have written. The
    event itself is checked by the write pipeline, as every event is."""
    where = f"Händelse {envelope.seq}"
    if not 0 < envelope.seq < 2**31:
        raise Refusal(f"{where} har ett ogiltigt löpnummer.", code="bad_seq", seq=envelope.seq)
    clean_text(envelope.actor, f"Användarnamnet i händelse {envelope.seq}", NAME_MAX)
    check_timestamp(envelope.recorded_at, where)


def check_timestamp(moment: datetime, where: str = "Händelsen") -> None:
    """A registration time: with a time zone, and its day within the sane range."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise Refusal(f"{where} har en registreringstid utan tidszon.", code="naive_time")
    check_date(moment.date(), where)
