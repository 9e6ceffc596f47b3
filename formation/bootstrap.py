"""Building the services from settings: shared by the CLI, the TUI and the tests."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from formation.clock import Clock, clock_from_env
from formation.io.config import load_file_settings, load_reminder_settings
from formation.services import Services
from formation.services.scheduling import configure_policy
from formation.store.database import open_database
from workflows.loader import load_workflow_set


def default_actor(configured: str | None = None) -> str:
    """FORMATION_ACTOR, else the config file's actor, else the OS user."""
    try:
        return os.environ.get("FORMATION_ACTOR") or configured or getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


def make_services(
    *,
    db: str | None = None,
    case: str | None = None,
    actor: str | None = None,
    clock: Clock | None = None,
    config: Path | None = None,
) -> Services:
    """Services over the database named by `db` (or FORMATION_DB, the config file, or the default file)."""
    settings = load_file_settings(config)
    configure_policy(load_reminder_settings(config).policy)
    return Services(
        engine=open_database(db or os.environ.get("FORMATION_DB") or settings.db),
        template=load_workflow_set(),
        clock=clock or clock_from_env(),
        actor=actor or default_actor(settings.actor),
        case_slug=case or os.environ.get("FORMATION_CASE") or settings.case,
    )
