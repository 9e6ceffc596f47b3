"""A real SMTP server (aiosmtpd) and a real HTTP server on 127.0.0.1, each on a free port."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

SMTP_USER = "samordnare@example.se"
SMTP_PASSWORD = "rätt-lösenord-123"  # non-ASCII on purpose: smtplib alone cannot send it
ASCII_PASSWORD = "correct-horse-battery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Inbox:
    """What the SMTP server received: the raw bytes of each message, with its envelope."""

    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        assert envelope.mail_from is not None and isinstance(envelope.original_content, bytes)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    def authenticate(
        self, server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == SMTP_USER
            and auth_data.password.decode("utf-8") in (SMTP_PASSWORD, ASCII_PASSWORD)
        )
        if ok:
            self.logins.append(SMTP_USER)
        # handled=False: let the server answer 535 itself (handled=True means "I already replied").
        return AuthResult(success=ok, handled=False)


@dataclass
class SmtpServer:
    port: int
    inbox: Inbox


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    inbox = Inbox()
    port = free_port()
    # auth_require_tls=False: the test server has no certificate; TLS itself is covered by the unit tests.
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=inbox.authenticate, auth_require_tls=False
    )
    controller.start()
    try:
        yield SmtpServer(port, inbox)
    finally:
        controller.stop()


@dataclass
class Hook:
    url: str
    requests: list[tuple[str, dict[str, str], bytes]]


@pytest.fixture
def webhook_server() -> Iterator[Hook]:
    """Answers 200 on /ok, 202 on /accepted, 500 on /fail, 302 to /ok on /moved, else 404; records requests."""
    received: list[tuple[str, dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            received.append((self.path, dict(self.headers.items()), self.rfile.read(length)))
            status = {"/ok": 200, "/accepted": 202, "/fail": 500, "/moved": 302}.get(self.path.partition("?")[0], 404)
            self.send_response(status)
            if status == 302:
                self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Hook(f"http://127.0.0.1:{server.server_address[1]}", received)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
