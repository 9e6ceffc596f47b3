"""Where the screens' stylesheet is: every screen class but the dashboard names it as its CSS_PATH."""

from __future__ import annotations

from pathlib import Path

SCREENS_CSS = Path(__file__).with_name("screens.tcss")
"""Read by Textual when the first screen naming it opens (the dashboard's first frame does not parse it)."""
