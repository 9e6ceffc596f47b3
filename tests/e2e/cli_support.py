"""Running the `formation` console script as a user would: a private database, a fixed today, no user config."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.e2e.in_process import Ran, run_cli

FORMATION = Path(sys.executable).with_name("formation")
TODAY = "2026-11-23"
PARTY_NAMES = ("Stockholms stad", "Stockholms läns landsting", "Försäkringskassan", "Arbetsförmedlingen")
SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(saknas|finns|inte|okänd|okänt|redan|ange|välj|kan|ingen|inget)\b", re.IGNORECASE)
STATUS_CASE_KEYS = {"name", "slug", "state", "formed_on", "final_on", "fo_version", "pending_version", "as_of"}
STATUS_PARTY_KEYS = {
    "name",
    "slug",
    "kind",
    "state",
    "approved_version",
    "approved_on",
    "appeal_ends_on",
    "next_deadline",
    "steps",
}
STATUS_STEP_KEYS = {"id", "status", "date", "outcome"}


def cli_env(db: Path, config_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMATION_")}
    env.update(
        FORMATION_DB=str(db),
        FORMATION_TODAY=TODAY,
        FORMATION_ACTOR="e2e",
        FORMATION_CONFIG=str(config_dir / "formation.toml"),  # absent: no user settings leak in
    )
    return env


def run(db: Path, *args: str, expect: int | None = 0) -> Ran:
    """`formation …` in this process (same entry point and exit codes as the console script)."""
    result = run_cli(args, cli_env(db, db.parent))
    if expect is not None:
        assert result.returncode == expect, (args, result.returncode, result.stdout, result.stderr)
    return result


def run_installed(db: Path, *args: str, expect: int | None = 0) -> subprocess.CompletedProcess[str]:
    """The installed console script as a subprocess: the smoke tests that prove the real command works."""
    result = subprocess.run(
        [str(FORMATION), *args],
        env=cli_env(db, db.parent),
        capture_output=True,
        text=True,
        timeout=60,
    )
    if expect is not None:
        assert result.returncode == expect, (args, result.returncode, result.stdout, result.stderr)
    return result


def status_json(db: Path, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(run(db, "status", "--json", *args).stdout)
    return doc
