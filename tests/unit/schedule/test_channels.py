"""Channels without servers: TLS modes (verified contexts), password lookup, log lines, payload shapes."""

from __future__ import annotations

import json
import smtplib
import ssl
import urllib.error
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from formation.schedule.channels import DeliveryError, LogFileChannel
from formation.schedule.delivery import channels_from_settings
from formation.schedule.settings import ChannelName, Settings, SmtpSettings, TlsMode, WebhookSettings, WebhookShape
from formation.schedule.smtp_channel import SmtpChannel, password_from_env_or_keyring
from formation.schedule.webhook_channel import WebhookChannel, slack_payload, teams_payload
from tests.unit.schedule.reminder_support import CONTENT, NOW, OVERDUE

SECRET = "hemligt-lösen"


class FakeSMTP:
    """Records the conversation instead of opening a socket."""

    instances: list[FakeSMTP] = []

    def __init__(self, host: str, port: int, *, timeout: float, context: ssl.SSLContext | None = None) -> None:
        self.calls: list[tuple[str, Any]] = [("connect", (host, port, timeout))]
        self.context = context
        FakeSMTP.instances.append(self)

    def __enter__(self) -> FakeSMTP:
        return self

    def __exit__(self, *exc: object) -> None:
        self.calls.append(("quit", None))

    def ehlo(self) -> None:
        self.calls.append(("ehlo", None))

    def starttls(self, *, context: ssl.SSLContext) -> None:
        self.context = context
        self.calls.append(("starttls", None))

    def login(self, user: str, password: str) -> None:
        self.calls.append(("login", (user, password)))

    def send_message(self, message: EmailMessage) -> dict[str, Any]:
        self.calls.append(("send", message["Message-ID"]))
        return {}

    def close(self) -> None:
        self.calls.append(("close", None))


def _smtp(tls: TlsMode, user: str | None = "ascii-user@example.se") -> SmtpChannel:
    FakeSMTP.instances.clear()
    settings = SmtpSettings(host="smtp.example.se", sender=CONTENT.sender, port=587, user=user, tls=tls, timeout=7)
    return SmtpChannel(
        settings,
        password=lambda u: "ascii-secret",
        smtp_class=FakeSMTP,  # type: ignore[arg-type]
        smtp_ssl_class=FakeSMTP,  # type: ignore[arg-type]
    )


def _verifying(context: ssl.SSLContext | None) -> bool:
    return context is not None and context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname


def test_starttls_by_default_with_a_verifying_context() -> None:
    _smtp(TlsMode.STARTTLS).deliver(CONTENT, now=NOW)
    [smtp] = FakeSMTP.instances
    assert [name for name, _ in smtp.calls] == ["connect", "ehlo", "starttls", "ehlo", "login", "send", "quit"]
    assert smtp.calls[0][1] == ("smtp.example.se", 587, 7)
    assert _verifying(smtp.context)


def test_ssl_mode_connects_with_a_verifying_context() -> None:
    _smtp(TlsMode.SSL).deliver(CONTENT, now=NOW)
    [smtp] = FakeSMTP.instances
    assert "starttls" not in [name for name, _ in smtp.calls] and _verifying(smtp.context)


def test_plain_mode_without_user_does_not_log_in() -> None:
    _smtp(TlsMode.NONE, user=None).deliver(CONTENT, now=NOW)
    assert [name for name, _ in FakeSMTP.instances[0].calls] == ["connect", "send", "quit"]


def test_missing_password_says_where_to_put_it() -> None:
    channel = _smtp(TlsMode.STARTTLS)
    channel._password = lambda user: None
    with pytest.raises(DeliveryError) as excinfo:
        channel.deliver(CONTENT, now=NOW)
    assert "FORMATION_SMTP_PASSWORD" in excinfo.value.message and "nyckelringen" in excinfo.value.message


def test_password_lookup_env_then_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    assert password_from_env_or_keyring("u", env={"FORMATION_SMTP_PASSWORD": SECRET}) == SECRET
    import keyring
    from keyring.errors import NoKeyringError

    calls: list[tuple[str, str]] = []

    def stored(service: str, user: str) -> str:
        calls.append((service, user))
        return SECRET

    monkeypatch.setattr(keyring, "get_password", stored)
    assert password_from_env_or_keyring("u@example.se", env={}) == SECRET
    assert calls == [("formation-smtp", "u@example.se")]

    def broken(service: str, user: str) -> str:
        raise NoKeyringError("no backend")

    monkeypatch.setattr(keyring, "get_password", broken)
    assert password_from_env_or_keyring("u@example.se", env={}) is None


def test_log_file_channel_appends_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "logg" / "paminnelser.jsonl"
    channel = LogFileChannel(path)
    channel.deliver(CONTENT, now=NOW)
    channel.deliver(OVERDUE, now=NOW)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["key"] == "sfs/stockholms-stad/fullmaktige/2016-02-15/-7" and first["days_left"] == 7
    assert first["body"] == "Kommunfullmäktige" and "Kommunfullmäktige" in lines[0]  # not \\u-escaped
    assert second["kind"] == "overdue" and second["days_left"] == -3
    assert first["sent_at"] == "2016-02-08T07:00:00+00:00"


def test_log_file_failure_is_a_delivery_error(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match="kunde inte skrivas till loggfilen"):
        LogFileChannel(tmp_path).deliver(CONTENT, now=NOW)  # a directory, not a file


def test_teams_and_slack_shapes() -> None:
    card = teams_payload(OVERDUE)["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["body"][0]["color"] == "Attention"
    slack = slack_payload(replace(CONTENT, party="A & B <kommun>"))
    assert "A &amp; B &lt;kommun&gt;" in slack["text"]
    assert any(f["text"] == "*Part*\nA &amp; B &lt;kommun&gt;" for f in slack["blocks"][1]["fields"])


class _Response:
    def __init__(self, status: int) -> None:
        self.status = status

    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def test_webhook_status_and_errors_without_the_url() -> None:
    settings = WebhookSettings("https://hooks.example.se/services/T0/B0/hemlig", WebhookShape.SLACK, 3)
    seen: list[float] = []

    def ok(request: Any, *, timeout: float) -> _Response:
        seen.append(timeout)
        return _Response(204)

    WebhookChannel(settings, opener=ok).deliver(CONTENT, now=NOW)
    assert seen == [3]
    with pytest.raises(DeliveryError, match="svarade 302, inte 2xx"):
        WebhookChannel(settings, opener=lambda r, timeout: _Response(302)).deliver(CONTENT, now=NOW)

    def timeout(request: Any, *, timeout: float) -> _Response:
        raise urllib.error.URLError(TimeoutError("timed out"))

    with pytest.raises(DeliveryError) as excinfo:
        WebhookChannel(settings, opener=timeout).deliver(CONTENT, now=NOW)
    assert excinfo.value.message == "Webhooken på hooks.example.se kunde inte nås (tidsgränsen överskreds)."


def test_channels_from_settings_in_configured_order(tmp_path: Path) -> None:
    settings = Settings(
        channels=(ChannelName.LOG, ChannelName.EMAIL, ChannelName.WEBHOOK),
        log_file=tmp_path / "x.jsonl",
        smtp=SmtpSettings(host="h", sender="a@example.se"),
        webhook=WebhookSettings("https://h.example.se/x"),
    )
    assert [c.name for c in channels_from_settings(settings)] == ["log", "email", "webhook"]
    assert channels_from_settings(Settings()) == []


def test_smtp_protocol_error_is_swedish() -> None:
    channel = _smtp(TlsMode.NONE, user=None)

    class Refusing(FakeSMTP):
        def send_message(self, message: EmailMessage) -> dict[str, Any]:
            raise smtplib.SMTPSenderRefused(550, b"5.7.1 Avs\xc3\xa4ndaren nekas", "a@example.se")

    channel._smtp_class = Refusing  # type: ignore[assignment]
    with pytest.raises(DeliveryError) as excinfo:
        channel.deliver(CONTENT, now=NOW)
    assert (
        excinfo.value.message == "SMTP-servern smtp.example.se:587 avvisade meddelandet (550 5.7.1 Avsändaren nekas)."
    )
