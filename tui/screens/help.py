"""Key help, in Swedish, for the screen it was opened over."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GENERAL = (
    ("? / F1", "visa eller stäng den här hjälpen"),
    ("Ctrl+P", "kommandon (sök på svenska)"),
    ("Esc", "stäng hjälpen, formuläret eller skärmen"),
    ("q", "avsluta"),
)


def keys_of(screen: Screen[object] | None) -> tuple[tuple[str, str], ...]:
    """The screen's own KEY_HELP (key, what it does) followed by the keys that work everywhere."""
    own: tuple[tuple[str, str], ...] = getattr(screen, "KEY_HELP", ())
    return (*own, *GENERAL)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen below; any of Esc, ? or F1 closes it."""

    BINDINGS = [Binding("escape,question_mark,f1", "dismiss", "Stäng")]

    def __init__(self, over: Screen[object] | None = None) -> None:
        super().__init__()
        self.keys = keys_of(over)
        """What the help lists, read from the screen it was opened over."""

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in self.keys)
        with VerticalScroll(id="help"):
            yield Static(Content("\n".join(f"{key:<{width}}  {what}" for key, what in self.keys)))

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Tangenter"
        self.query_one("#help").border_subtitle = "Esc stänger"
