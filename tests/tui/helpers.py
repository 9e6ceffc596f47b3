"""Pilot helpers shared by the TUI tests: settle without sleeping, read what a widget shows."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Static


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish and its message reach the screen (twice: a message may start another read), and
    every table measure its new rows (DataTable does that when idle; a busy machine may not have been yet)."""
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    for _ in range(50):
        if not any(getattr(t, "_require_update_dimensions", False) for t in pilot.app.screen.query(DataTable)):
            break
        await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press the keys, then settle: what they started (a form, a read, a write) has reached the screen."""
    await pilot.press(*keys)
    await settle(pilot)


def shown(widget: Widget) -> str:
    """The plain text a Static (or any widget) renders."""
    if isinstance(widget, Static):
        return str(widget.render())
    return str(widget.render())


def table_rows(table: DataTable[Text]) -> list[list[str]]:
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Focus a field, clear it and enter `text`: all but its last character pasted, the last one typed, so the
    field sees both ways a user fills it in (Pilot waits for idle after every key pressed: typed key by key,
    the forms' dates and reasons cost the TUI tests a fifth of their time)."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    widget.value = ""  # type: ignore[attr-defined]
    await pilot.pause()  # focused first: an Input selects its text on focus, and a key typed replaces a selection
    if len(text) > 1:
        widget.post_message(events.Paste(text[:-1]))
        await pilot.pause()
    if text:
        await pilot.press(text[-1])
    await pilot.pause()


async def paste_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Focus a field, clear it and paste, as a user enters a file's path (typed key by key, a temporary
    directory's long path cost a test seconds of Pilot waiting for idle after each key)."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    widget.value = ""  # type: ignore[attr-defined]
    widget.post_message(events.Paste(text))
    await pilot.pause()
