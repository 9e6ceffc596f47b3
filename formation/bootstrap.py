"""Building the services from settings: shared by the CLI, the TUI and the tests."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from formation.clock import Clock, clock_from_env
from formation.domain.text import NAME_MAX, clean_text
from formation.errors import Refusal
from formation.io.config import load_file_settings, load_reminder_settings
from formation.schedule.policy import configure_policy
from formation.services import Services
from formation.store.database import open_database


def default_actor(configured: str | None = None) -> str:
    """FORMATION_ACTOR, else the config file's actor, else the OS user."""
    try:
        return os.environ.get("FORMATION_ACTOR") or configured or getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


def checked_actor(actor: str) -> str:
    """Who is recorded as having made a change: plain text on one line, at most NAME_MAX characters, so that
    no log or screen ever prints an escape sequence or a forged line from it."""
    try:
        clean = clean_text(actor, "Användarnamnet (--actor)", NAME_MAX)
    except Refusal as exc:
        raise Refusal(exc.message, code="bad_actor") from None
    if not clean or not clean.isprintable():
        raise Refusal("Användarnamnet (--actor) måste vara vanlig text på en rad.", code="bad_actor")
    return clean


def make_services(
    *,
    db: str | None = None,
    case: str | None = None,
    actor: str | None = None,
    clock: Clock | None = None,
    config: Path | None = None,
    create: bool = True,
) -> Services:
    """Services over the database named by `db` (or FORMATION_DB, the config file, or the default file).
    `create=False` refuses a database that does not exist yet (only init, import and demo create one)."""
    settings = load_file_settings(config)
    configure_policy(load_reminder_settings(config).policy)
    who = checked_actor(actor or default_actor(settings.actor))
    return Services(
        engine=open_database(db or os.environ.get("FORMATION_DB") or settings.db, create=create),
        clock=clock or clock_from_env(),
        actor=who,
        case_slug=case or os.environ.get("FORMATION_CASE") or settings.case,
    )
