"""Building the services from settings: shared by the CLI, the TUI and the tests."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from formation.clock import Clock, clock_from_env
from formation.domain.text import NAME_MAX, clean_text
from formation.errors import Refusal
from formation.io.config import config_path, load_file_settings, load_reminder_settings
from formation.schedule.policy import configure_policy

if TYPE_CHECKING:
    from formation.services import Services


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


@dataclass(frozen=True)
class Opening:
    """What the settings say about the services, resolved and checked, before the database is opened: the TUI
    shows its first frame from this alone (`tui.frame_cache`) and opens the database after."""

    db: str | None
    """--db, else FORMATION_DB, else the config file's; None for the default file."""
    case: str | None
    actor: str
    clock: Clock
    config_file: Path
    """The settings file that was read (it may not exist)."""
    create: bool


def prepare_services(
    *,
    db: str | None = None,
    case: str | None = None,
    actor: str | None = None,
    clock: Clock | None = None,
    config: Path | None = None,
    create: bool = True,
) -> Opening:
    """Read and check every setting (a bad one is refused here, in Swedish); the database is not touched."""
    settings = load_file_settings(config)
    configure_policy(load_reminder_settings(config).policy)
    return Opening(
        db=db or os.environ.get("FORMATION_DB") or settings.db,
        case=case or os.environ.get("FORMATION_CASE") or settings.case,
        actor=checked_actor(actor or default_actor(settings.actor)),
        clock=clock or clock_from_env(),
        config_file=config or config_path(),
        create=create,
    )


def open_services(opening: Opening) -> Services:
    """Open (and migrate) the database the settings name; this is where SQLAlchemy is imported."""
    from formation.services import Services
    from formation.store.database import open_database

    return Services(
        engine=open_database(opening.db, create=opening.create),
        clock=opening.clock,
        actor=opening.actor,
        case_slug=opening.case,
    )


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
    opening = prepare_services(db=db, case=case, actor=actor, clock=clock, config=config, create=create)
    return open_services(opening)
