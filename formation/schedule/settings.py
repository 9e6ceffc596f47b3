"""Reminder, SMTP, webhook and styrgrupp settings from the config file's TOML sections and the environment.

Sections: `[reminders]`, `[smtp]`, `[webhook]`, `[styrgrupp]`. FORMATION_SMTP_HOST, _PORT, _USER, _FROM and _TLS
win over the file. The SMTP password is deliberately not a setting: it comes only from FORMATION_SMTP_PASSWORD
or the keyring when a message is sent (see channels), so a config file can be shared or backed up safely.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from email.utils import parseaddr
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from formation.schedule.policy import ReminderPolicy


class SettingsError(ValueError):
    """A setting that cannot be used; the message is one Swedish sentence saying which and why."""


class TlsMode(StrEnum):
    STARTTLS = "starttls"
    SSL = "ssl"
    NONE = "none"


class WebhookShape(StrEnum):
    TEAMS = "teams"  # a Teams Workflows ("When a Teams webhook request is received") Adaptive Card
    SLACK = "slack"  # a Slack incoming-webhook message


class ChannelName(StrEnum):
    EMAIL = "email"
    WEBHOOK = "webhook"
    LOG = "log"


DEFAULT_PORTS = {TlsMode.STARTTLS: 587, TlsMode.SSL: 465, TlsMode.NONE: 25}
_LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send e-mail. No password here, by design."""

    host: str
    sender: str
    port: int = 587
    user: str | None = None
    tls: TlsMode = TlsMode.STARTTLS
    timeout: float = 30.0


@dataclass(frozen=True)
class WebhookSettings:
    url: str
    shape: WebhookShape = WebhookShape.TEAMS
    timeout: float = 10.0


@dataclass(frozen=True)
class Settings:
    """All reminder settings; a section left out of the file is None (that channel is off)."""

    policy: ReminderPolicy = field(default_factory=ReminderPolicy)
    channels: tuple[ChannelName, ...] = ()
    log_file: Path | None = None
    smtp: SmtpSettings | None = None
    webhook: WebhookSettings | None = None
    styrgrupp: tuple[str, ...] = ()  # the styrgrupp's own addresses, copied on every reminder


_SECTIONS = ("reminders", "smtp", "webhook", "styrgrupp")
_KEYS = {
    "reminders": ("before_days", "overdue_every_days", "hour", "timezone", "working_days_only", "channels", "log_file"),
    "smtp": ("host", "port", "user", "from", "tls", "timeout"),
    "webhook": ("url", "shape", "timeout"),
    "styrgrupp": ("emails",),
}


def settings_from_toml(text: str, env: Mapping[str, str] | None = None) -> Settings:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"Konfigurationsfilen är inte giltig TOML: {exc}.") from exc
    return settings_from_mapping(data, os.environ if env is None else env)


def settings_from_mapping(data: Mapping[str, Any], env: Mapping[str, str] | None = None) -> Settings:
    """Validated settings; other sections of the file (db, case, actor) are ignored here."""
    env = os.environ if env is None else env
    sections = {name: _section(data, name) for name in _SECTIONS}
    policy, channels, log_file = _reminders(sections["reminders"])
    smtp = _smtp(sections["smtp"], env)
    webhook = _webhook(sections["webhook"])
    styrgrupp = tuple(_address(a, "styrgrupp.emails") for a in _list(sections["styrgrupp"], "emails", str, []))
    configured = {ChannelName.EMAIL: smtp is not None, ChannelName.WEBHOOK: webhook is not None}
    configured[ChannelName.LOG] = log_file is not None
    if channels is None:
        channels = tuple(name for name in ChannelName if configured[name])
    for name in channels:
        if not configured[name]:
            raise SettingsError(
                f"Kanalen {name.value} är vald i [reminders] channels men är inte konfigurerad; {_MISSING[name]}."
            )
    return Settings(policy, channels, log_file, smtp, webhook, styrgrupp)


_MISSING = {
    ChannelName.EMAIL: "lägg till avsnittet [smtp] eller sätt FORMATION_SMTP_HOST",
    ChannelName.WEBHOOK: "lägg till avsnittet [webhook] med url",
    ChannelName.LOG: "ange log_file i [reminders]",
}


def _section(data: Mapping[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise SettingsError(f"[{name}] i konfigurationsfilen måste vara ett avsnitt med nycklar.")
    if name == "smtp" and "password" in value:
        raise SettingsError(
            "Lösenordet får inte stå i konfigurationsfilen; ange det i FORMATION_SMTP_PASSWORD eller i nyckelringen."
        )
    unknown = sorted(set(value) - set(_KEYS[name]))
    if unknown:
        raise SettingsError(f"Okänd nyckel {unknown[0]} i [{name}]; tillåtna nycklar är {', '.join(_KEYS[name])}.")
    return value


def _get(section: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any, where: str) -> Any:
    value = section.get(key, default)
    # bool is an int in Python; a port of `true` is a mistake, not 1.
    if value is not default and (not isinstance(value, kind) or (kind is not bool and isinstance(value, bool))):
        raise SettingsError(f"{where}.{key} har fel typ: {value!r}.")
    return value


def _list(section: dict[str, Any], key: str, kind: type, default: list[Any]) -> list[Any]:
    value = section.get(key, default)
    if not isinstance(value, list) or any(not isinstance(v, kind) or isinstance(v, bool) for v in value):
        raise SettingsError(f"{key} måste vara en lista, till exempel {key} = {default or ['...']!r}.")
    return value


def _reminders(section: dict[str, Any]) -> tuple[ReminderPolicy, tuple[ChannelName, ...] | None, Path | None]:
    before = _list(section, "before_days", int, [14, 7, 1])
    if not before or any(not 1 <= d <= 365 for d in before):
        raise SettingsError("reminders.before_days måste vara en lista med antal dagar mellan 1 och 365.")
    every = _get(section, "overdue_every_days", int, 7, "reminders")
    if not 0 <= every <= 365:
        raise SettingsError("reminders.overdue_every_days måste vara mellan 0 (bara en påminnelse) och 365.")
    zone = _get(section, "timezone", str, "Europe/Stockholm", "reminders")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(f"reminders.timezone: tidszonen {zone} finns inte.") from exc
    policy = ReminderPolicy(
        before_days=tuple(sorted(set(before), reverse=True)),
        overdue_every_days=every,
        hour=_hour(section.get("hour", "08:00")),
        timezone=zone,
        working_days_only=_get(section, "working_days_only", bool, True, "reminders"),
    )
    channels = None
    if "channels" in section:
        names = _list(section, "channels", str, ["email"])
        try:
            channels = tuple(ChannelName(n) for n in names)
        except ValueError as exc:
            raise SettingsError(
                f"reminders.channels får bara innehålla {', '.join(c.value for c in ChannelName)}."
            ) from exc
    log_file = _get(section, "log_file", str, None, "reminders")
    return policy, channels, Path(log_file).expanduser() if log_file else None


def _hour(value: object) -> time:
    """An hour as 8 or "08:00"."""
    try:
        if isinstance(value, int) and not isinstance(value, bool):
            return time(value, 0)
        if isinstance(value, str):
            return time.fromisoformat(value)
    except ValueError:
        pass
    raise SettingsError(f'reminders.hour måste vara en tid som "08:00", men är {value!r}.')


def _smtp(section: dict[str, Any], env: Mapping[str, str]) -> SmtpSettings | None:
    host = env.get("FORMATION_SMTP_HOST") or _get(section, "host", str, None, "smtp")
    if not host:
        if section:
            raise SettingsError("[smtp] saknar host; ange servern där eller i FORMATION_SMTP_HOST.")
        return None
    raw_tls = env.get("FORMATION_SMTP_TLS") or _get(section, "tls", str, "starttls", "smtp")
    try:
        tls = TlsMode(raw_tls.strip().lower())
    except ValueError as exc:
        raise SettingsError(f"TLS-läget {raw_tls!r} är okänt; välj starttls, ssl eller none.") from exc
    port: int = DEFAULT_PORTS[tls]
    if env.get("FORMATION_SMTP_PORT"):
        if not env["FORMATION_SMTP_PORT"].strip().isdigit():
            raise SettingsError(
                f"FORMATION_SMTP_PORT måste vara ett portnummer, men är {env['FORMATION_SMTP_PORT']!r}."
            )
        port = int(env["FORMATION_SMTP_PORT"])
    else:
        port = _get(section, "port", int, port, "smtp")
    if not 1 <= port <= 65535:
        raise SettingsError(f"SMTP-porten {port} finns inte; den måste vara mellan 1 och 65535.")
    sender = env.get("FORMATION_SMTP_FROM") or _get(section, "from", str, None, "smtp")
    if not sender:
        raise SettingsError("Avsändaradressen saknas; ange from i [smtp] eller FORMATION_SMTP_FROM.")
    timeout = _get(section, "timeout", (int, float), 30.0, "smtp")
    if not 0 < timeout <= 600:
        raise SettingsError("smtp.timeout måste vara mellan 0 och 600 sekunder.")
    user = env.get("FORMATION_SMTP_USER") or _get(section, "user", str, None, "smtp")
    return SmtpSettings(
        host=host.strip(),
        sender=_address(sender, "smtp.from", keep_name=True),
        port=port,
        user=user or None,
        tls=tls,
        timeout=float(timeout),
    )


def _webhook(section: dict[str, Any]) -> WebhookSettings | None:
    if not section:
        return None
    url = _get(section, "url", str, None, "webhook")
    if not url:
        raise SettingsError("[webhook] saknar url.")
    parts = urlsplit(url)
    # A webhook URL is itself a secret token: only send it over TLS, except to this machine (tests, a relay).
    if not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)):
        raise SettingsError("webhook.url måste vara en https-adress (http tillåts bara till den egna datorn).")
    raw_shape = _get(section, "shape", str, "teams", "webhook")
    try:
        shape = WebhookShape(raw_shape)
    except ValueError as exc:
        raise SettingsError(f"webhook.shape {raw_shape!r} är okänd; välj teams eller slack.") from exc
    timeout = _get(section, "timeout", (int, float), 10.0, "webhook")
    if not 0 < timeout <= 120:
        raise SettingsError("webhook.timeout måste vara mellan 0 och 120 sekunder.")
    return WebhookSettings(url, shape, float(timeout))


def _address(value: str, where: str, *, keep_name: bool = False) -> str:
    name, address = parseaddr(value)
    local, _, domain = address.partition("@")
    if not local or "." not in domain or any(c.isspace() for c in address):
        raise SettingsError(f"{where}: {value!r} är ingen giltig e-postadress.")
    return value.strip() if keep_name and name else address
