"""The README's walkthrough works verbatim, in order, from a fresh clone (issue 7).

The commands are the lines of the README's ```sh blocks; `scripts/readme_walkthrough.sh` holds the same lines.
They run in one bash session (so `export` and `source` carry over) in a temporary directory that looks like the
top of a clone (`.venv` and `formation/io/samples` reachable), with FORMATION_* cleared and a fixed today.
A command is expected to exit 0 unless its line ends with `# exit N`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SCRIPT = ROOT / "scripts" / "readme_walkthrough.sh"
EXPECTED_EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")


def readme_commands(text: str) -> list[str]:
    """The lines of every ```sh block, in order, without blank lines and comment lines."""
    commands: list[str] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside and line.strip() == "```sh"
            continue
        if inside and line.strip() and not line.lstrip().startswith("#"):
            commands.append(line.rstrip())
    return commands


def script_commands(text: str) -> list[str]:
    """The script's command lines: everything after the `# --- walkthrough ---` marker."""
    body = text.split("# --- walkthrough ---", 1)[1]
    return [line.rstrip() for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def expected_exit(command: str) -> int:
    match = EXPECTED_EXIT.search(command)
    return int(match.group(1)) if match else 0


def test_readme_starts_with_the_two_set_up_lines() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert lines[3].startswith("make run ")
    assert lines[4].startswith("make test ")


def test_readme_stands_alone() -> None:
    text = README.read_text(encoding="utf-8")
    assert "../shared" not in text
    for path in re.findall(r"formation/io/samples/[\w.]+", text):
        assert (ROOT / path).is_file(), path


def test_the_script_runs_the_readme_commands() -> None:
    assert script_commands(SCRIPT.read_text(encoding="utf-8")) == readme_commands(README.read_text(encoding="utf-8"))


def test_the_readme_walkthrough_works_verbatim(tmp_path: Path) -> None:
    commands = readme_commands(README.read_text(encoding="utf-8"))
    assert len(commands) > 20
    # The top of a clone: the virtual environment running these tests, and the samples.
    (tmp_path / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    (tmp_path / "formation").symlink_to(ROOT / "formation", target_is_directory=True)
    if not (tmp_path / ".venv" / "bin" / "activate").exists():  # pragma: no cover - tests run outside a venv
        pytest.skip("the tests do not run in a virtual environment with bin/activate")
    lines = ["set +e"]
    for number, command in enumerate(commands):
        lines.append(command)
        lines.append(f"echo {number} $? >> .exit-codes")
    (tmp_path / "walkthrough.sh").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMATION_") and k != "VIRTUAL_ENV"}
    env.update(FORMATION_TODAY="2026-11-23", XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run(
        ["bash", "walkthrough.sh"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    results = dict(line.split() for line in (tmp_path / ".exit-codes").read_text().splitlines())
    for number, command in enumerate(commands):
        code = int(results.get(str(number), "-1"))
        assert code == expected_exit(command), f"`{command}` exited {code}\n{done.stdout[-3000:]}"
