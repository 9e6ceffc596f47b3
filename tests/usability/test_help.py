"""`--help` in Swedish with proper metavars everywhere (issue 7: `<bool>`, `<str>`, `{party}`, English text)."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

import formation.cli.main  # noqa: F401  (registers every command)
from formation.cli.common import app
from tests.usability.cli_support import run_cli

FORBIDDEN = (
    "<bool>",
    "<str>",
    "<int>",
    "<path>",
    "{",
    "Show this message",
    "Usage:",
    "[required]",
    "Options:",
    "Arguments:",
    "Commands:",
    "[OPTIONS]",
)


def command_paths() -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = [()]

    def walk(command: Any, path: tuple[str, ...]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            paths.append((*path, name))
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "formation")
def test_help_is_swedish_with_metavars(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run = run_cli(capsys, monkeypatch, *path, "--help")
    assert run.code == 0
    assert run.out.startswith("Användning: ")
    assert "Visa den här hjälpen och avsluta." in run.out
    for word in FORBIDDEN:
        assert word not in run.out, f"{word!r} in `formation {' '.join(path)} --help`"


def test_a_flag_takes_no_value_in_help(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    run = run_cli(capsys, monkeypatch, "party", "add", "-h")
    line = next(line for line in run.out.splitlines() if "--observer" in line)
    assert line.split()[0:2] == ["--observer", "Adjungerad"]


def test_decide_help_lists_the_step_ids(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    run = run_cli(capsys, monkeypatch, "decide", "--help")
    for step in ("forstudie", "inriktningsbeslut", "namnd", "styrelse", "fullmaktige", "beslut"):
        assert step in run.out


def test_version(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    run = run_cli(capsys, monkeypatch, "--version")
    assert run.code == 0 and run.out.startswith("formation ")
