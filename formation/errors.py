"""Errors that reach the user as one Swedish sentence."""

from __future__ import annotations


class Refusal(Exception):
    """A command the rules do not allow, or bad input. Nothing has been written when this is raised."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def first_line(error: BaseException | None) -> str:
    """The first line of an error's message, for one-sentence reports of driver errors."""
    text = str(error or "").strip()
    return text.splitlines()[0] if text else type(error).__name__ if error else "okänt fel"
