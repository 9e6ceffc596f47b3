"""Running the CLI in-process through `formation.cli.main.main` (its exit-code mapping included), and the
database checks the hardening tests share."""

from __future__ import annotations

import io
import os
import sys
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

TODAY = "2026-11-23"


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    traceback: str | None = None

    def __repr__(self) -> str:  # shown by a failing assert
        return f"Outcome(code={self.code}, stdout={self.stdout[-400:]!r}, stderr={self.stderr[-800:]!r})"


def base_env(db: Path | str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMATION_")}
    env.update(FORMATION_TODAY=TODAY, FORMATION_ACTOR="hardening", FORMATION_CONFIG="/nonexistent/formation.toml")
    if db is not None:
        env["FORMATION_DB"] = str(db)
    return env


@contextmanager
def _environ(env: Mapping[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


_COMMAND: list[Any] = []


def _click_command() -> Any:
    """The Click command Typer builds from the app, built once: `app(...)` rebuilds it on every call (0.3 s of
    annotation evaluation), and calling the built command is exactly what `Typer.__call__` does."""
    if not _COMMAND:
        import importlib

        import typer.main

        main_module = importlib.import_module("formation.cli.main")  # the package re-exports main() itself
        _COMMAND.append(typer.main.get_command(main_module.app))
    return _COMMAND[0]


def cli(db: Path | str | None, *args: str, env: Mapping[str, str] | None = None) -> Outcome:
    """`formation ARGS` in this process, as the console script runs it: exit code, stdout, stderr."""
    import importlib

    main_module = importlib.import_module("formation.cli.main")
    main = main_module.main

    out, err = io.StringIO(), io.StringIO()
    code: int = 0
    tb: str | None = None
    full_env = base_env(db)
    full_env.update(env or {})
    with (
        _environ(full_env),
        mock.patch.object(sys, "argv", ["formation", *args]),
        mock.patch.object(main_module, "app", _click_command()),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:  # noqa: BLE001 - an escaped exception is what these tests look for
            tb = traceback.format_exc()
            code = -1
    return Outcome(code, out.getvalue(), err.getvalue(), tb)


def one_sentence(outcome: Outcome) -> bool:
    """A refusal's stderr: one line, no escape or control characters, no traceback."""
    text = outcome.stderr.strip()
    return (
        bool(text)
        and "\n" not in text
        and "Traceback" not in text
        and not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text)
    )


def file_state(path: Path) -> tuple[bool, str]:
    """Whether a SQLite database exists and everything it holds, to show that nothing was written."""
    import sqlite3

    if not path.exists():
        return False, ""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return True, "\n".join(connection.iterdump())
    finally:
        connection.close()


def doctor_clean(db: Path | str) -> Outcome:
    outcome = cli(db, "doctor")
    assert outcome.code == 0, outcome
    return outcome
