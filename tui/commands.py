"""The command palette's entries, in Swedish: each runs an action of the current screen or the app."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

ENTRIES = (
    ("Registrera beslut", "decide", "Ett beslut för en part, med det maskinen tillåter nu"),
    ("Markera steg som ej aktuellt", "skip", "Hoppa över ett steg, med skäl"),
    ("Visa vald part", "party", "Alla steg, beslut, kontakter och styrelseplatser"),
    ("Lägg till kontaktperson", "contact", "Får påminnelserna om partens sista dagar"),
    ("Lägg till ledamot eller ersättare i styrelsen", "seat", "En styrelseplats för parten (10 §)"),
    ("Registrera överklagande eller dom", "appeal", "Överklagande av partens godkännande, domstolens avgörande"),
    ("Visa händelseloggen", "log", "Filtrera, rätta eller stryk händelser"),
    ("Visa förbundsordningens versioner", "versions", "Text, diff och kontroll mot 9 §"),
    ("Visa tidslinjen", "timeline", "Stegen per part på en månadsaxel"),
    ("Visa planen", "plan", "Kritisk linje, marginaler och vad som måste flyttas för att hålla målet"),
    ("Visa påminnelserna", "reminders", "Väntande, skickade och misslyckade påminnelser, och sista dagarna"),
    ("Sätt sista dag för hand", "set_deadline", "Den valda sista dagen (på påminnelsernas skärm)"),
    ("Byt ärende", "cases", "När databasen har flera ärenden"),
    ("Visa läget per datum", "as_of", "Historisk vy"),
    ("Läs om läget", "reload", "Läs ärendet från databasen"),
    ("Visa tangenterna", "app.help", "Hjälp"),
)


class CockpitCommands(Provider):
    """Swedish entries; an entry whose action the current screen lacks is not offered."""

    def available(self) -> list[tuple[str, str, str]]:
        found = []
        for title, action, help_text in ENTRIES:
            if action.startswith("app.") or hasattr(self.screen, f"action_{action}"):
                found.append((title, action, help_text))
        return found

    def run(self, action: str) -> None:
        if action.startswith("app."):
            self.app.call_later(self.app.run_action, action.removeprefix("app."))
        else:
            self.app.call_later(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for title, action, help_text in self.available():
            yield DiscoveryHit(title, partial(self.run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in self.available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.run, action), help=help_text)
