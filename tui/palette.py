"""Textual's command palette with its own words in Swedish: the search field's placeholder and the line shown
when nothing matches (the entries themselves are in `tui.commands`)."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "Sök bland kommandona …"
NO_MATCHES = "Inget kommando matchar"


class SwedishCommandPalette(CommandPalette):
    def __init__(self) -> None:
        super().__init__(id="--command-palette", placeholder=PLACEHOLDER)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, with the one line of English it shows replaced; Textual builds that line inside this
        # method, so there is no smaller place to change it.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty search lists what can be discovered; "no match" would be wrong there
                no_match = Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES)
                self.query_one(CommandList).add_option(no_match)
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
