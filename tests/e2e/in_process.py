"""Running the `formation` command in this process, as the console script would (same entry point, same exit
codes, same output), with a private database, a fixed today and no user settings: fast enough to use freely.
A few tests in each command group still run the installed console script as a subprocess (cli_support.run)."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formation.cli.main import main


@dataclass(frozen=True)
class Ran:
    """What one command printed and how it exited."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Exactly these FORMATION_* variables for the duration (the user's own are hidden)."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("FORMATION_")}
    wanted = {k: v for k, v in values.items() if k.startswith("FORMATION_")}
    for key in saved:
        del os.environ[key]
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key in wanted:
            os.environ.pop(key, None)
        os.environ.update(saved)


def run_cli(args: tuple[str, ...] | list[str], env: dict[str, str]) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["formation", *args]
    code: Any = 0
    try:
        with environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code
    finally:
        sys.argv = argv
    return Ran(tuple(args), int(code or 0) if not isinstance(code, str) else 1, out.getvalue(), err.getvalue())


class Cli:
    """`formation …` on one database, asserting the exit code (0 unless `expect=` says otherwise)."""

    def __init__(self, db: Path | str, *, today: str = "2026-11-23", actor: str = "e2e", **extra: str) -> None:
        config = Path(db).parent / "absent-formation.toml" if not str(db).startswith(("postgresql", "sqlite")) else None
        self.env = {"FORMATION_DB": str(db), "FORMATION_TODAY": today, "FORMATION_ACTOR": actor}
        self.env["FORMATION_CONFIG"] = str(config) if config else "/nonexistent/formation.toml"
        self.env.update(extra)

    def __call__(self, *args: str, expect: int | None = 0) -> Ran:
        ran = run_cli(args, self.env)
        if expect is not None:
            assert ran.returncode == expect, (args, ran.returncode, ran.stdout, ran.stderr)
        return ran
