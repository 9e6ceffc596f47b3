"""A screen whose footer lists every one of its keys once the terminal is wide enough to show them whole.

At 80 columns a footer shows the few keys a coordinator needs most, so that none is cut mid-word; the others
are in `?` and the command palette. On a wide terminal there is room for all of them, and nothing to look up.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from textual import events, on
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

FULL_FOOTER_COLUMNS = 170
"""From this width on, the keys left out at 80 columns are shown too: the dashboard's fourteen and the command
palette's take 164 columns; the other screens have fewer."""


@cache
def own_hidden_keys(screen_class: type[Screen[None]]) -> frozenset[tuple[str, str]]:
    """(key, action) of the bindings the screen's own class declares with show=False. Not those it inherits:
    Textual's (its English 'Focus Next' and the like) nor the ones every cockpit screen has (r, which a screen
    does by itself when the case changes, and q, one Esc and a q away)."""
    found: set[tuple[str, str]] = set()
    for binding in screen_class.__dict__.get("BINDINGS", []):
        if isinstance(binding, Binding) and not binding.show and binding.description:
            found.update((key.strip(), binding.action) for key in binding.key.split(","))
    return frozenset(found)


class FullFooterWhenWide(Screen[None]):
    """Shows its hidden keys in the footer from FULL_FOOTER_COLUMNS on, and hides them again below."""

    _footer_wide: bool | None = None
    """Whether the footer was last refreshed for a wide terminal (None: not yet)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = super().active_bindings
        if self.app.size.width < FULL_FOOTER_COLUMNS:
            return active
        hidden = own_hidden_keys(type(self))
        return {
            key: (
                bound._replace(binding=replace(bound.binding, show=True))
                if bound.node is self and (key, bound.binding.action) in hidden
                else bound
            )
            for key, bound in active.items()
        }

    @on(events.Mount)
    def classes_for_width(self) -> None:
        """The width's breakpoint class and footer from the start. Textual sets the class on the first Resize,
        after the screen was laid out and drawn without it: the dashboard was drawn twice, a tenth of its first
        frame. (No screen of ours has vertical breakpoints.)"""
        width = self.app.size.width
        own = self.HORIZONTAL_BREAKPOINTS
        breakpoints = (own if own is not None else self.app.HORIZONTAL_BREAKPOINTS) or []
        reached = [(least, name) for least, name in breakpoints if width >= least]
        chosen = max(reached)[1] if reached else None
        self.update_classes({name: name == chosen for _, name in breakpoints}, animate=False)
        self._footer_wide = width >= FULL_FOOTER_COLUMNS  # the footer composed its keys for this width

    @on(events.Resize)
    def footer_for_width(self, event: events.Resize) -> None:
        wide = self.app.size.width >= FULL_FOOTER_COLUMNS
        if wide != self._footer_wide:  # the footer builds its keys anew on each refresh: only when it changes
            self._footer_wide = wide
            self.refresh_bindings()
