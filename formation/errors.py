"""Errors that reach the user as one Swedish sentence."""

from __future__ import annotations


class Refusal(Exception):
    """A command the rules do not allow, or bad input. Nothing has been written when this is raised."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)
