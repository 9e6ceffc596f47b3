"""User settings from `formation.toml` in the user config dir (or FORMATION_CONFIG): db, case, actor.

Precedence everywhere: command-line option, then environment variable, then this file, then the default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_config_dir

from formation.errors import Refusal

if TYPE_CHECKING:
    from formation.schedule.settings import Settings


@dataclass(frozen=True)
class FileSettings:
    """What the config file may set."""

    db: str | None = None
    case: str | None = None
    actor: str | None = None


REMINDER_SECTIONS = ("reminders", "smtp", "webhook", "styrgrupp")


def config_path() -> Path:
    return Path(
        os.environ.get("FORMATION_CONFIG") or Path(user_config_dir("formation", appauthor=False)) / "formation.toml"
    )


def load_file_settings(path: Path | None = None) -> FileSettings:
    """The settings in the config file; an absent file means no settings, a broken one is refused."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return FileSettings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise Refusal(f"Inställningsfilen {path} går inte att läsa: {exc}.") from exc
    unknown = sorted(set(data) - {"db", "case", "actor", *REMINDER_SECTIONS})
    if unknown:
        raise Refusal(
            f"Inställningsfilen {path} har okända nycklar: {', '.join(unknown)} "
            f"(tillåtna: db, case, actor och avsnitten {', '.join(f'[{s}]' for s in REMINDER_SECTIONS)})."
        )
    values = {key: data.get(key) for key in ("db", "case", "actor")}
    for key, value in values.items():
        if value is not None and not isinstance(value, str):
            raise Refusal(f"Inställningen '{key}' i {path} måste vara en textsträng.")
    return FileSettings(db=values["db"], case=values["case"], actor=values["actor"])


def load_reminder_settings(path: Path | None = None) -> Settings:
    """The [reminders], [smtp], [webhook] and [styrgrupp] sections (with FORMATION_SMTP_* over the file)."""
    from formation.schedule.settings import SettingsError, settings_from_mapping

    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise Refusal(f"Inställningsfilen {path} går inte att läsa: {exc}.") from exc
    try:
        return settings_from_mapping(data)
    except SettingsError as exc:
        raise Refusal(f"Inställningsfilen {path}: {exc}") from exc
