"""Reminder settings: TOML sections, environment overrides, validation in Swedish."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from formation.schedule.settings import (
    ChannelName,
    Settings,
    SettingsError,
    TlsMode,
    WebhookShape,
    settings_from_mapping,
    settings_from_toml,
)

FULL = """
db = "formation.db"

[reminders]
before_days = [7, 14, 1]
overdue_every_days = 3
hour = "07:30"
channels = ["email", "log"]
log_file = "/tmp/paminnelser.jsonl"

[smtp]
host = "smtp.example.se"
user = "samordnare@example.se"
from = "Samordningsförbundet Stockholm <samordnare@example.se>"
tls = "ssl"

[webhook]
url = "https://prod.example.logic.azure.com/workflows/abc"

[styrgrupp]
emails = ["ordforande@example.se", "Processledare <pl@example.se>"]
"""


def test_defaults_without_any_section() -> None:
    settings = settings_from_mapping({}, env={})
    assert settings == Settings()
    assert settings.policy.before_days == (14, 7, 1) and settings.policy.hour == time(8, 0)
    assert settings.channels == ()


def test_full_file() -> None:
    s = settings_from_toml(FULL, env={})
    assert s.policy.before_days == (14, 7, 1) and s.policy.overdue_every_days == 3
    assert s.policy.hour == time(7, 30)
    assert s.channels == (ChannelName.EMAIL, ChannelName.LOG)
    assert s.log_file == Path("/tmp/paminnelser.jsonl")
    assert s.smtp is not None
    assert (s.smtp.host, s.smtp.port, s.smtp.tls) == ("smtp.example.se", 465, TlsMode.SSL)
    assert s.smtp.sender == "Samordningsförbundet Stockholm <samordnare@example.se>"
    assert s.webhook is not None and s.webhook.shape is WebhookShape.TEAMS
    assert s.styrgrupp == ("ordforande@example.se", "pl@example.se")


def test_environment_wins_over_the_file() -> None:
    env = {
        "FORMATION_SMTP_HOST": "relay.example.se",
        "FORMATION_SMTP_PORT": "2525",
        "FORMATION_SMTP_USER": "bot@example.se",
        "FORMATION_SMTP_FROM": "bot@example.se",
        "FORMATION_SMTP_TLS": "STARTTLS",
    }
    s = settings_from_toml(FULL, env=env)
    assert s.smtp is not None
    assert (s.smtp.host, s.smtp.port, s.smtp.user, s.smtp.sender, s.smtp.tls) == (
        "relay.example.se",
        2525,
        "bot@example.se",
        "bot@example.se",
        TlsMode.STARTTLS,
    )


def test_environment_alone_configures_email_and_channels_default_to_what_is_configured() -> None:
    s = settings_from_mapping({}, env={"FORMATION_SMTP_HOST": "localhost", "FORMATION_SMTP_FROM": "a@example.se"})
    assert s.smtp is not None and s.smtp.port == 587 and s.smtp.tls is TlsMode.STARTTLS
    assert s.channels == (ChannelName.EMAIL,)


@pytest.mark.parametrize(
    ("data", "env", "fragment"),
    [
        ({"smtp": {"host": "h", "from": "a@b.se", "password": "hemligt"}}, {}, "Lösenordet får inte stå"),
        ({"smtp": {"host": "h"}}, {}, "Avsändaradressen saknas"),
        ({"smtp": {"from": "a@b.se"}}, {}, "saknar host"),
        ({"smtp": {"host": "h", "from": "a@b.se", "tls": "tls"}}, {}, "TLS-läget 'tls' är okänt"),
        ({"smtp": {"host": "h", "from": "a@b.se", "port": 70000}}, {}, "porten 70000 finns inte"),
        ({"smtp": {"host": "h", "from": "a@b.se", "port": True}}, {}, "smtp.port har fel typ"),
        ({"smtp": {"host": "h", "from": "ingen adress"}}, {}, "ingen giltig e-postadress"),
        ({}, {"FORMATION_SMTP_HOST": "h", "FORMATION_SMTP_FROM": "a@b.se", "FORMATION_SMTP_PORT": "x"}, "portnummer"),
        ({"smtp": {"host": "h", "from": "a@b.se", "servr": 1}}, {}, "Okänd nyckel servr i [smtp]"),
        ({"webhook": {"url": "http://hooks.example.se/x"}}, {}, "https-adress"),
        ({"webhook": {"url": "https://h.se/x", "shape": "discord"}}, {}, "välj teams eller slack"),
        ({"reminders": {"before_days": [0]}}, {}, "mellan 1 och 365"),
        ({"reminders": {"hour": "åtta"}}, {}, "reminders.hour"),
        ({"reminders": {"timezone": "Europe/Göteborg"}}, {}, "tidszonen Europe/Göteborg finns inte"),
        ({"reminders": {"channels": ["sms"]}}, {}, "får bara innehålla"),
        ({"reminders": {"channels": ["webhook"]}}, {}, "Kanalen webhook är vald"),
        ({"styrgrupp": {"emails": "a@b.se"}}, {}, "emails måste vara en lista"),
        ({"smtp": "smtp.example.se"}, {}, "[smtp] i konfigurationsfilen måste vara ett avsnitt"),
    ],
)
def test_bad_settings_are_refused_in_one_swedish_sentence(
    data: dict[str, object], env: dict[str, str], fragment: str
) -> None:
    with pytest.raises(SettingsError) as excinfo:
        settings_from_mapping(data, env=env)
    message = str(excinfo.value)
    assert fragment in message and "\n" not in message
    assert "hemligt" not in message


def test_broken_toml() -> None:
    with pytest.raises(SettingsError, match="inte giltig TOML"):
        settings_from_toml("[smtp\nhost=", env={})


def test_loopback_webhook_over_http_is_allowed() -> None:
    s = settings_from_mapping({"webhook": {"url": "http://127.0.0.1:8080/hook", "shape": "slack"}}, env={})
    assert s.webhook is not None and s.webhook.shape is WebhookShape.SLACK and s.channels == (ChannelName.WEBHOOK,)
