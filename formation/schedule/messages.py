"""Reminder e-mails in Swedish: the content of one reminder, rendered as plain text and HTML.

The Message-ID is derived from the reminder's idempotency key, so a message sent twice after a crash is
recognisably the same message (mail clients and servers de-duplicate on it). Nothing secret is ever part of
the content: the password lives only in the SMTP channel, for the length of one login.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, parseaddr
from zoneinfo import ZoneInfo

from jinja2 import DictLoader, Environment, StrictUndefined, select_autoescape

from formation.domain.labels import in_sentence
from formation.schedule import message_templates
from formation.schedule.plan_text import days
from formation.schedule.policy import ReminderKey, ReminderKind

_ENV = Environment(
    loader=DictLoader({"reminder.txt": message_templates.TEXT, "reminder.html": message_templates.HTML}),
    # Escape in HTML only: body and party names come from users and may contain <, > or &.
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class ReminderContent:
    """Everything one reminder says; the caller fills it from the case, the plan and the policy."""

    key: ReminderKey
    kind: ReminderKind
    forbund: str  # the förbund's (working) name
    party: str  # the party's name as users read it
    step: str  # the step's label
    body: str  # the deciding body
    meeting_on: date | None  # the planned meeting, when there is one
    deadline: date
    today: date  # the local day the reminder goes out
    sender: str
    recipients: tuple[str, ...]
    cc: tuple[str, ...] = ()  # usually the styrgrupp's own addresses
    formation_on: date | None = None  # the projected formation date
    target: date | None = None
    waiting_for: str | None = None  # overrides the default 'beslutet "<step>" i <body>'
    late_from: date | None = None  # set when the reminder goes out late (after downtime): the day it was due

    @property
    def days_left(self) -> int:
        """Days to the deadline; negative when overdue."""
        return (self.deadline - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def when(self) -> str:
        """'7 dagar kvar', 'i dag', '3 dagar försenat'."""
        left = self.days_left
        if left > 1:
            return f"{days(left)} kvar"
        if left == 1:
            return "1 dag kvar, sista dag i morgon"
        if left == 0:
            return "sista dag i dag"
        return f"{days(-left)} försenat"

    @property
    def subject(self) -> str:
        prefix = "Försenat beslut" if self.overdue else "Påminnelse"
        if self.late_from is not None:
            prefix += f" (sent utskick, skulle ha kommit {self.late_from.isoformat()})"
        return f"{prefix}: {self.party} – {self.step}, senast {self.deadline.isoformat()} ({self.when})"


def advice(content: ReminderContent) -> str | None:
    """What the recipient should do about the meeting: none planned, one today, or one ahead."""
    if content.meeting_on is None:
        return (
            "Inget sammanträde är planerat före sista dagen; se till att ett läggs in, eller meddela styrgruppen "
            "när organet sammanträder."
        )
    if content.meeting_on == content.today:
        return "Sammanträdet är i dag; ärendet ska vara med på dagordningen."
    if content.overdue:
        return None
    return "Se till att ärendet kommer med på dagordningen för sammanträdet."


def _context(content: ReminderContent) -> dict[str, object]:
    waiting = content.waiting_for or f'beslutet "{content.step}" i {in_sentence(content.body)}'
    return {
        "subject": content.subject,
        "forbund": content.forbund,
        "party": content.party,
        "step": content.step,
        "body": content.body,
        "meeting": content.meeting_on.isoformat() if content.meeting_on else None,
        "deadline": content.deadline.isoformat(),
        "when": content.when,
        "overdue": content.overdue,
        "waiting_for": waiting,
        "formation_on": content.formation_on.isoformat() if content.formation_on else None,
        "target": content.target.isoformat() if content.target else None,
        "reference": content.key.text,
        "late_from": content.late_from.isoformat() if content.late_from else None,
        "advice": advice(content),
    }


def render_text(content: ReminderContent) -> str:
    return _ENV.get_template("reminder.txt").render(_context(content))


def render_html(content: ReminderContent) -> str:
    return _ENV.get_template("reminder.html").render(_context(content))


def message_id(key: ReminderKey, sender: str) -> str:
    """A stable Message-ID: the same reminder always gets the same one."""
    _, at, domain = parseaddr(sender)[1].rpartition("@")
    domain = domain if at and domain else "formation.invalid"
    return f"<{key.digest}.paminnelse@{domain}>"


def build_message(content: ReminderContent, *, now: datetime, zone: str = "Europe/Stockholm") -> EmailMessage:
    """The reminder as a multipart/alternative e-mail (text first, then HTML); `now` (aware) is the Date."""
    if not content.recipients:
        raise ValueError("a reminder needs at least one recipient")
    message = EmailMessage()
    message["Subject"] = content.subject
    message["From"] = _addresses([content.sender])
    message["To"] = _addresses(content.recipients)
    if content.cc:
        message["Cc"] = _addresses(content.cc)
    # Local time in the Date header, so recipients' clients and the raw message agree on "08:00".
    message["Date"] = format_datetime(now.astimezone(ZoneInfo(zone)))
    message["Message-ID"] = message_id(content.key, content.sender)
    # RFC 3834: tells autoresponders (out-of-office) not to answer an automatic message.
    message["Auto-Submitted"] = "auto-generated"
    message["X-Formation-Reminder"] = content.key.text
    message.set_content(render_text(content), charset="utf-8")
    message.add_alternative(render_html(content), subtype="html", charset="utf-8")
    return message


def _addresses(values: tuple[str, ...] | list[str]) -> tuple[Address, ...]:
    """Parsed addresses, so display names with å/ä/ö are encoded per RFC 2047 by the email package."""
    parsed = []
    for name, address in getaddresses(list(values)):
        username, _, domain = address.rpartition("@")
        parsed.append(Address(display_name=name, username=username, domain=domain))
    return tuple(parsed)
