"""Key help, in Swedish, for the screen it was opened over."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.styles import SCREENS_CSS

GENERAL = (
    ("? / F1", "visa eller stäng den här hjälpen"),
    ("Ctrl+P", "kommandon (sök på svenska)"),
    ("Esc", "stäng hjälpen, formuläret eller skärmen"),
    ("q", "avsluta"),
)

GAP = 2
"""Spaces between the key column and what the key does."""
FRAME = 2 + 2 * 2 + 2
"""Columns of the box that are not text: its border, its padding (see #help in app.tcss) and the scrollbar's
gutter, kept free so that a scrollbar (when the list is taller than the terminal) never covers a word."""
LEAST_TEXT = 20
"""The description column never wraps narrower than this; below it the box is narrower than the list anyway."""


def keys_of(screen: Screen[object] | None) -> tuple[tuple[str, str], ...]:
    """The screen's own KEY_HELP (key, what it does) followed by the keys that work everywhere, but for one the
    screen says more precisely itself (its Esc goes back to the overview, not "closes the screen" again)."""
    own: tuple[tuple[str, str], ...] = getattr(screen, "KEY_HELP", ())
    said = {key for key, _ in own}
    return (*own, *(entry for entry in GENERAL if entry[0] not in said))


def help_lines(keys: tuple[tuple[str, str], ...], width: int) -> list[str]:
    """The keys as two columns in at most `width` cells: a description too long for its column wraps at a word,
    and its further lines are indented under the description, so no line is ever cut."""
    key_width = max(cell_len(key) for key, _ in keys)
    text_width = max(width - key_width - GAP, LEAST_TEXT)
    lines: list[str] = []
    for key, what in keys:
        # "9 §" is one word: a no-break space keeps a paragraph sign from starting a line of its own.
        first, *rest = textwrap.wrap(what.replace(" §", "\u00a0§"), text_width) or [""]
        lines.append(key + " " * (key_width - cell_len(key) + GAP) + first)
        lines.extend(" " * (key_width + GAP) + line for line in rest)
    return lines


class HelpScreen(ModalScreen[None]):
    """The keys of the screen below; any of Esc, ? or F1 closes it. On a small terminal the descriptions wrap,
    and the list scrolls (↑ ↓) when it is taller than the terminal."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape,question_mark,f1", "dismiss", "Stäng")]

    def __init__(self, over: Screen[object] | None = None) -> None:
        super().__init__()
        self.keys = keys_of(over)
        """What the help lists, read from the screen it was opened over."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.text(self.app.size.width))

    def text(self, screen_width: int) -> Content:
        return Content("\n".join(help_lines(self.keys, screen_width - FRAME)))

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Tangenter"
        self.call_after_refresh(self.name_the_keys_that_close_and_scroll)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#help Static", Static).update(self.text(event.size.width))
        self.call_after_refresh(self.name_the_keys_that_close_and_scroll)

    def name_the_keys_that_close_and_scroll(self) -> None:
        """The box's subtitle: Esc, and the arrows too when the list is taller than the terminal."""
        box = self.query_one("#help", VerticalScroll)
        box.border_subtitle = "↑ ↓ rullar · Esc stänger" if box.max_scroll_y > 0 else "Esc stänger"
