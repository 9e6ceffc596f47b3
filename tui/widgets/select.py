"""Textual's Select with its open list's footer key in Swedish.

Textual's list of options (`SelectOverlay`) binds Esc with the English description "Dismiss menu", which the
footer shows while a list is open. `Select` composes that overlay itself, so the Swedish description needs a
subclass of each: the overlay with its own binding, and a Select that composes it. `SelectOverlay` and
`SelectCurrent` live in Textual's private module `textual.widgets._select`; `compose` below mirrors
`Select.compose` (Textual 8.2), and `tests/tui/test_layout_80.py` notices if a newer Textual changes it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay, SelectType


class SwedishSelectOverlay(SelectOverlay):
    """The open list: Esc closes it, and the footer says so in Swedish."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Stäng listan")]


class SwedishSelect(Select[SelectType]):
    """A Select whose open list is the Swedish overlay; otherwise Textual's Select."""

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield SwedishSelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
