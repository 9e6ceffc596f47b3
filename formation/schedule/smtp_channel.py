"""E-mail over SMTP: STARTTLS (default) or SSL with certificate verification, or plain for a local relay.

The password is looked up at send time from FORMATION_SMTP_PASSWORD or the system keyring (service
`formation-smtp`, the SMTP user as account) and held only for the login: it is never stored, logged, or put
into an error message.
"""

from __future__ import annotations

import base64
import os
import smtplib
import socket
import ssl
from collections.abc import Callable, Mapping
from datetime import datetime
from email.message import EmailMessage

from formation.schedule.channels import DeliveryError
from formation.schedule.messages import ReminderContent, build_message
from formation.schedule.settings import SmtpSettings, TlsMode

KEYRING_SERVICE = "formation-smtp"
PASSWORD_ENV = "FORMATION_SMTP_PASSWORD"

PasswordSource = Callable[[str], str | None]


def password_from_env_or_keyring(user: str, env: Mapping[str, str] | None = None) -> str | None:
    """The SMTP password for `user`: the environment first, then the keyring; None when neither has one."""
    env = os.environ if env is None else env
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    try:
        import keyring  # imported here: it probes for a desktop backend, which costs time at import
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, user)
        except KeyringError:
            return None  # no usable backend on a headless server: treated as "no password stored"
    except ImportError:
        return None


class SmtpChannel:
    """Sends each reminder as one e-mail through the configured server."""

    name = "email"

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        password: PasswordSource = password_from_env_or_keyring,
        smtp_class: type[smtplib.SMTP] = smtplib.SMTP,
        smtp_ssl_class: type[smtplib.SMTP_SSL] = smtplib.SMTP_SSL,
    ) -> None:
        self.settings = settings
        self._password = password
        self._smtp_class = smtp_class
        self._smtp_ssl_class = smtp_ssl_class

    def deliver(self, content: ReminderContent, *, now: datetime) -> None:
        self.send(build_message(content, now=now))

    def send(self, message: EmailMessage) -> None:
        """Send one message; every failure becomes a DeliveryError with a Swedish sentence."""
        s = self.settings
        where = f"{s.host}:{s.port}"
        try:
            with self._connect() as smtp:
                if s.user:
                    secret = self._password(s.user)
                    if not secret:
                        raise DeliveryError(
                            self.name,
                            f"Lösenord för SMTP-användaren {s.user} saknas; sätt {PASSWORD_ENV} eller spara det "
                            f"i nyckelringen (tjänst {KEYRING_SERVICE}).",
                        )
                    _login(smtp, s.user, secret)
                    del secret
                refused = smtp.send_message(message)
        except DeliveryError:
            raise
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(
                self.name,
                f"SMTP-servern {where} godtog inte inloggningen för {s.user}; kontrollera användare och lösenord.",
            ) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise DeliveryError(
                self.name, f'SMTP-servern {where} erbjuder inte STARTTLS; välj tls = "ssl" eller en annan server.'
            ) from exc
        except ssl.SSLCertVerificationError as exc:
            raise DeliveryError(
                self.name, f"Certifikatet för SMTP-servern {where} kunde inte verifieras ({exc.verify_message})."
            ) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(
                self.name, f"SMTP-servern {where} vägrade alla mottagare: {', '.join(sorted(exc.recipients))}."
            ) from exc
        except smtplib.SMTPResponseException as exc:
            reason = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
            raise DeliveryError(
                self.name, f"SMTP-servern {where} avvisade meddelandet ({exc.smtp_code} {reason})."
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(self.name, f"Det gick inte att skicka e-post via {where} ({_reason(exc)}).") from exc
        if refused:
            raise DeliveryError(self.name, f"SMTP-servern {where} vägrade mottagarna {', '.join(sorted(refused))}.")

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        # The system's trusted CAs, hostname checking and TLS ≥ 1.2: never an unverified connection.
        context = ssl.create_default_context()
        if s.tls is TlsMode.SSL:
            return self._smtp_ssl_class(s.host, s.port, timeout=s.timeout, context=context)
        smtp = self._smtp_class(s.host, s.port, timeout=s.timeout)
        if s.tls is TlsMode.STARTTLS:
            try:
                smtp.ehlo()
                smtp.starttls(context=context)  # raises SMTPNotSupportedError rather than downgrade
                smtp.ehlo()
            except BaseException:
                smtp.close()
                raise
        return smtp


def _login(smtp: smtplib.SMTP, user: str, secret: str) -> None:
    """Log in; credentials with å, ä or ö go as UTF-8 AUTH PLAIN, which smtplib cannot send (it encodes ASCII)."""
    if user.isascii() and secret.isascii():
        smtp.login(user, secret)
        return
    smtp.ehlo_or_helo_if_needed()
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
    # RFC 4616: PLAIN carries authzid NUL authcid NUL passwd, each UTF-8.
    token = base64.b64encode(b"\0" + user.encode("utf-8") + b"\0" + secret.encode("utf-8")).decode("ascii")
    code, response = smtp.docmd("AUTH", "PLAIN " + token)
    if code == 235:
        return
    if code == 535:
        raise smtplib.SMTPAuthenticationError(code, response)
    raise smtplib.SMTPResponseException(code, response)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "tidsgränsen överskreds"
    if isinstance(exc, ConnectionRefusedError):
        return "anslutningen nekades"
    if isinstance(exc, socket.gaierror):
        return "servernamnet kunde inte slås upp"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
