"""Building the services from settings: shared by the CLI, the TUI and the tests."""

from __future__ import annotations

import getpass
import os

from formation.clock import Clock, clock_from_env
from formation.services import Services
from formation.store.database import open_database
from workflows.loader import load_workflow_set


def default_actor() -> str:
    """FORMATION_ACTOR, else the OS user."""
    try:
        return os.environ.get("FORMATION_ACTOR") or getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


def make_services(
    *, db: str | None = None, case: str | None = None, actor: str | None = None, clock: Clock | None = None
) -> Services:
    """Services over the database named by `db` (or FORMATION_DB, or the default file)."""
    return Services(
        engine=open_database(db),
        template=load_workflow_set(),
        clock=clock or clock_from_env(),
        actor=actor or default_actor(),
        case_slug=case,
    )
