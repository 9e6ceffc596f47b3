"""Key help, in Swedish, over the current screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = (
    ("↑ ↓", "flytta mellan parterna"),
    ("Enter", "visa den valda partens steg"),
    ("Tab", "byt panel (t.ex. för att rulla stegen)"),
    ("r", "läs om läget från databasen"),
    ("? / F1", "visa eller stäng den här hjälpen"),
    ("Esc", "stäng hjälpen"),
    ("q", "avsluta"),
)


class HelpScreen(ModalScreen[None]):
    """The keys of the dashboard; any of Esc, ? or F1 closes it."""

    BINDINGS = [Binding("escape,question_mark,f1", "dismiss", "Stäng")]

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in KEYS)
        with Vertical(id="help"):
            yield Static("\n".join(f"{key:<{width}}  {what}" for key, what in KEYS), markup=False)

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Tangenter"
        self.query_one("#help").border_subtitle = "Esc stänger"
