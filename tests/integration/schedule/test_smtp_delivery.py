"""A reminder sent through a real SMTP server on 127.0.0.1 and read back as the recipient gets it."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage

import pytest

from formation.schedule.channels import DeliveryError
from formation.schedule.settings import SmtpSettings, TlsMode
from formation.schedule.smtp_channel import SmtpChannel
from tests.integration.schedule.conftest import ASCII_PASSWORD, SMTP_PASSWORD, SMTP_USER, SmtpServer, free_port
from tests.unit.schedule.reminder_support import CONTENT, KEY, NOW


def _settings(port: int, *, user: str | None = SMTP_USER, tls: TlsMode = TlsMode.NONE) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, user=user, sender=CONTENT.sender, tls=tls, timeout=5)


def test_reminder_arrives_intact(smtp_server: SmtpServer) -> None:
    channel = SmtpChannel(_settings(smtp_server.port), password=lambda user: SMTP_PASSWORD)
    channel.deliver(CONTENT, now=NOW)

    assert smtp_server.inbox.logins == [SMTP_USER]
    [(mail_from, rcpt_tos, raw)] = smtp_server.inbox.messages
    assert mail_from == "samordnare@example.se"
    assert rcpt_tos == ["ks@stockholm.example.se", "processledare@example.se"]
    assert SMTP_PASSWORD.encode() not in raw and b"FORMATION_SMTP_PASSWORD" not in raw

    received = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(received, EmailMessage)
    assert received["Subject"].startswith("Påminnelse: Stockholms stad – Kommunfullmäktige antar förbundsordningen")
    assert received["From"] == "Styrgruppen Åsa Öberg <samordnare@example.se>"
    assert received["Message-ID"] == f"<{KEY.digest}.paminnelse@example.se>"
    assert received["Date"] == "Mon, 08 Feb 2016 08:00:00 +0100"
    assert received.get_content_type() == "multipart/alternative"
    plain, html = received.get_body(("plain",)), received.get_body(("html",))
    assert plain is not None and html is not None
    assert "Sista dag:             2016-02-15 (7 dagar kvar)" in plain.get_content()
    assert "Förbundet väntar på" in plain.get_content() and "åäö" not in plain.get_content()
    assert "<td>Kommunfullmäktige</td>" in html.get_content()


@pytest.mark.parametrize("secret", [SMTP_PASSWORD, ASCII_PASSWORD])
def test_password_from_the_environment(smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch, secret: str) -> None:
    monkeypatch.setenv("FORMATION_SMTP_PASSWORD", secret)
    SmtpChannel(_settings(smtp_server.port)).deliver(CONTENT, now=NOW)
    assert len(smtp_server.inbox.messages) == 1 and smtp_server.inbox.logins == [SMTP_USER]


def test_wrong_ascii_password(smtp_server: SmtpServer) -> None:
    channel = SmtpChannel(_settings(smtp_server.port), password=lambda user: "wrong")
    with pytest.raises(DeliveryError, match="godtog inte inloggningen"):
        channel.deliver(CONTENT, now=NOW)


def test_wrong_password_is_one_swedish_sentence_without_the_password(smtp_server: SmtpServer) -> None:
    channel = SmtpChannel(_settings(smtp_server.port), password=lambda user: "fel-lösenord")
    with pytest.raises(DeliveryError) as excinfo:
        channel.deliver(CONTENT, now=NOW)
    assert "godtog inte inloggningen för samordnare@example.se" in excinfo.value.message
    assert "fel-lösenord" not in str(excinfo.value) and not smtp_server.inbox.messages


def test_starttls_is_never_silently_skipped(smtp_server: SmtpServer) -> None:
    channel = SmtpChannel(_settings(smtp_server.port, tls=TlsMode.STARTTLS), password=lambda user: SMTP_PASSWORD)
    with pytest.raises(DeliveryError, match="erbjuder inte STARTTLS"):
        channel.deliver(CONTENT, now=NOW)
    assert not smtp_server.inbox.messages


def test_no_server_is_one_swedish_sentence() -> None:
    channel = SmtpChannel(_settings(free_port(), user=None))
    with pytest.raises(DeliveryError) as excinfo:
        channel.deliver(CONTENT, now=NOW)
    assert excinfo.value.message.startswith("Det gick inte att skicka e-post via 127.0.0.1:")
    assert "anslutningen nekades" in excinfo.value.message
