"""Errors that reach the user as one Swedish sentence."""

from __future__ import annotations

from typing import Any


class Refusal(Exception):
    """A command the rules do not allow, or bad input. Nothing has been written when this is raised.

    `message` is the engine's sentence, free of any user interface's syntax; `code` and `facts` let the CLI
    and the TUI each add a hint in their own terms (see `formation.cli.hints`)."""

    def __init__(self, message: str, *, code: str = "refused", **facts: Any) -> None:
        self.message = message
        self.code = code
        self.facts = facts
        super().__init__(message)


class StaleRevision(Refusal):
    """The case changed after the writer read it; the write was not made."""

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(
            f"Ärendet har ändrats sedan du läste det (revision {expected}, nu {actual}); läs om och försök igen.",
            code="stale_revision",
            expected=expected,
            actual=actual,
        )


def first_line(error: BaseException | None) -> str:
    """The first line of an error's message, for one-sentence reports of driver errors."""
    text = str(error or "").strip()
    return text.splitlines()[0] if text else type(error).__name__ if error else "okänt fel"
