"""Swedish wording of the plan and of the reminders' outbox for the screens, as styled cells and lines; every
mark has a glyph or a word besides its colour, so the screens read without colour."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.content import Content

from formation.schedule.plan_model import Plan
from formation.schedule.plan_text import offset_words
from formation.schedule.policy import local_moment, zone_name

Document = dict[str, Any]


# ---- the plan ------------------------------------------------------------------------------------------

CRITICAL_MARK = "◆"
"""Marks a step on the critical path, so that it reads without colour."""
SHORTFALL_MARK = "!"
"""Marks a step whose meeting comes too late for the target."""
PLAN_COLUMNS = ("", "Part", "Steg", "Organ", "Tidigast", "Senast", "Marginal", "Sista dag")
"""Tidigast: the first meeting that can decide the step; Senast: the last one that keeps the target."""
PLAN_LEGEND = f"{CRITICAL_MARK} kritisk linje  {SHORTFALL_MARK} håller inte målet"
NO_CALENDARS = (
    "Ärendet har inga sammanträden inlagda för de steg som återstår; lägg in organens sammanträdesplaner "
    "(formation calendar import) så kan planen räknas ut."
)


def plan_facts(plan: Plan) -> Content:
    """One line above the plan: the target start, whether it holds, the earliest formation, the day planned from."""
    parts: list[tuple[str, str] | str] = []
    if plan.target is None:
        parts.append(("ingen planerad start", "$text-muted"))
    else:
        parts += ["Planerad start ", (plan.target.isoformat(), "bold")]
        if plan.target_met is True:
            parts += [" · ", ("✓ målet håller", "bold $text-success")]
        elif plan.target_met is False:
            parts += [" · ", ("✗ målet nås inte", "bold $text-error")]
    parts.append(" · ")
    if plan.formation_on is None:
        parts.append(("bildandet kan inte beräknas", "bold $text-warning"))
    elif not plan.steps:  # every member has decided: the day is set, not a projection
        parts += ["bildat " if plan.formation_on <= plan.today else "bildas ", (plan.formation_on.isoformat(), "bold")]
    else:
        parts += ["kan bildas tidigast ", (plan.formation_on.isoformat(), "bold")]
    parts.append((f" · räknat från {plan.today}", "$text-muted"))
    return Content.assemble(*parts)


def slack_text(slack: int | None) -> Text:
    """'32 d'; negative (too late) in red with a minus sign that needs no colour; '–' when unknown."""
    if slack is None:
        return Text("–")
    return Text(f"{slack} d", "bold red" if slack < 0 else "")


# ---- reminders -------------------------------------------------------------------------------------------

REMINDER_STATES = {
    "pending": ("○", "väntar", ""),
    "claimed": ("→", "skickas", "yellow"),
    "sent": ("✓", "skickad", "green"),
    "failed": ("✗", "MISSLYCKAD", "bold red"),
    "cancelled": ("–", "avbruten", "dim"),
}
"""Per outbox state: a glyph and a word (readable without colour) and a colour. The words are those of
`formation remind list`; failed in capitals, as FÖRSENAT is, since it needs someone to act."""
REMINDER_COUNT_WORDS = {
    "pending": ("väntar", "väntar"),
    "claimed": ("skickas", "skickas"),
    "sent": ("skickad", "skickade"),
    "failed": ("misslyckad", "misslyckade"),
    "cancelled": ("avbruten", "avbrutna"),
}
"""Per state, the word after a count of one and of several: '1 avbruten', '2 avbrutna'."""
REMINDER_FILTERS = ("pending", "failed", "sent", "cancelled")
"""The states the filter offers, on keys 1–4, most wanted first (claimed is a moment inside a send)."""
MOMENT_WIDTH = len("2026-11-23 08:00")
OVERRIDDEN_MARK = "✎"
"""Marks a deadline set by hand (`deadline set`) rather than by the plan."""
DEADLINE_COLUMNS = ("Sista dag", "Part", "Steg", "Organ", "Möte", "")
DEADLINE_LEGEND = f"{CRITICAL_MARK} kritisk linje  {OVERRIDDEN_MARK} satt för hand"


def reminder_columns(zone: ZoneInfo) -> tuple[str, ...]:
    """The outbox's columns; the time column names the zone its times are in."""
    return ("Läge", f"Tid ({zone_name(zone)})", "Part", "Steg", "Sista dag", "Regel")


def reminder_state(state: str) -> Text:
    glyph, word, style = REMINDER_STATES.get(state, ("?", state, ""))
    return Text(f"{glyph} {word}", style)


def reminder_count(state: str, n: int) -> str:
    one, several = REMINDER_COUNT_WORDS.get(state, (state, state))
    return f"{n} {one if n == 1 else several}"


def reminder_filter_label(state: str) -> str:
    glyph, word, _ = REMINDER_STATES[state]
    return f"{glyph} {word.lower()}"


def reminder_when(reminder: Document, zone: ZoneInfo) -> str:
    """When it was sent, else when it is due: 'ÅÅÅÅ-MM-DD HH:MM' in `zone` (the reminder policy's time zone,
    the one the reminders are planned in), not in UTC as they are stored."""
    return local_moment(reminder["sent_at"] or reminder["due_at"], zone)


def offset_text(offset_days: int) -> str:
    """The reminder's rule, in days relative to the deadline: '−7 d' before it, '+1 d' after it (an overdue
    reminder). The time it is sent may differ: a weekend or holiday moves it to a weekday."""
    return f"{offset_days:+d} d".replace("-", "−")


def rule_sentence(offset_days: int) -> str:
    """'7 dagar före sista dagen', 'på sista dagen', '1 dag efter sista dagen': the rule in words."""
    words = offset_words(offset_days)
    return words if offset_days == 0 else f"{words} sista dagen"
