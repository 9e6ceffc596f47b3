"""Reminder e-mails: Swedish content, both parts, stable Message-ID, escaping, no secrets."""

from __future__ import annotations

import email
from dataclasses import replace
from datetime import date
from email import policy
from email.message import EmailMessage

import pytest

from formation.schedule.messages import build_message, message_id, render_html, render_text
from tests.unit.schedule.reminder_support import CONTENT, KEY, NOW, OVERDUE


def _parsed(message: EmailMessage) -> EmailMessage:
    """What a recipient's client sees: the message serialised and parsed back."""
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_headers() -> None:
    m = _parsed(build_message(CONTENT, now=NOW))
    assert m["Subject"] == (
        "Påminnelse: Stockholms stad – Kommunfullmäktige antar förbundsordningen, senast 2016-02-15 (7 dagar kvar)"
    )
    assert m["From"] == "Styrgruppen Åsa Öberg <samordnare@example.se>"
    assert m["To"] == "Kommunstyrelsens kansli <ks@stockholm.example.se>"
    assert m["Cc"] == "processledare@example.se"
    assert m["Date"] == "Mon, 08 Feb 2016 08:00:00 +0100"
    assert m["Message-ID"] == f"<{KEY.digest}.paminnelse@example.se>"
    assert m["Auto-Submitted"] == "auto-generated"
    assert m.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in m.iter_parts()] == ["text/plain", "text/html"]


def test_message_id_is_stable_and_per_reminder() -> None:
    assert (
        build_message(CONTENT, now=NOW)["Message-ID"] == build_message(CONTENT, now=NOW.replace(hour=9))["Message-ID"]
    )
    assert message_id(KEY, "x@example.se") != message_id(replace(KEY, offset_days=-1), "x@example.se")
    assert message_id(KEY, "no-address").endswith("@formation.invalid>")


def test_text_part_says_what_is_awaited() -> None:
    text = render_text(CONTENT)
    for expected in (
        "Part:                  Stockholms stad",
        "Organ:                 Kommunfullmäktige",
        "Planerat sammanträde:  2016-02-15",
        "Sista dag:             2016-02-15 (7 dagar kvar)",
        'Förbundet väntar på beslutet "Kommunfullmäktige antar förbundsordningen" i kommunfullmäktige.',
        "kan förbundet bildas tidigast 2016-02-15 (målet är 2016-04-01)",
        "Se till att ärendet kommer med på dagordningen",
    ):
        assert expected in text
    assert "\n\n\n" not in text


@pytest.mark.parametrize(
    ("body", "read"),
    [
        ("Försäkringskassans ledning", "i Försäkringskassans ledning."),  # an agency's name keeps its capital
        ("Socialnämnden i Solna stad", "i socialnämnden i Solna stad."),  # only the first letter changes
    ],
)
def test_a_body_named_in_a_sentence_keeps_its_proper_names(body: str, read: str) -> None:
    assert read in render_text(replace(CONTENT, body=body))


def test_what_to_do_follows_the_meeting_none_today_or_ahead() -> None:
    none = render_text(replace(CONTENT, meeting_on=None))
    assert "Planerat sammanträde:  inget sammanträde planerat" in none
    assert "Inget sammanträde är planerat före sista dagen" in none and "dagordningen för" not in none
    today = render_text(replace(CONTENT, meeting_on=CONTENT.today))
    assert "Sammanträdet är i dag" in today and "Se till att ärendet kommer med" not in today
    assert "Inget sammanträde är planerat" in render_html(replace(CONTENT, meeting_on=None))


def test_overdue_reminder() -> None:
    m = _parsed(build_message(OVERDUE, now=NOW))
    assert m["Subject"].startswith("Försenat beslut: Stockholms stad")
    assert "(3 dagar försenat)" in m["Subject"]
    text = render_text(OVERDUE)
    assert "väntar fortfarande på ett beslut som skulle ha fattats senast 2016-02-15" in text
    assert "dagordningen" not in text


@pytest.mark.parametrize(
    ("today", "when"),
    [(date(2016, 2, 14), "1 dag kvar, sista dag i morgon"), (date(2016, 2, 15), "sista dag i dag")],
)
def test_last_days(today: date, when: str) -> None:
    assert replace(CONTENT, today=today).when == when


def test_html_escapes_user_text_and_text_does_not() -> None:
    tricky = replace(CONTENT, party="Stad <script>alert(1)</script> & Co", waiting_for="R&D")
    html = render_html(tricky)
    assert "<script>" not in html and "&lt;script&gt;" in html and "R&amp;D" in html
    assert "Stad <script>alert(1)</script> & Co" in render_text(tricky)


def test_no_recipients_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        build_message(replace(CONTENT, recipients=()), now=NOW)


def test_both_parts_decode_with_swedish_characters() -> None:
    m = _parsed(build_message(CONTENT, now=NOW))
    plain = m.get_body(("plain",))
    html = m.get_body(("html",))
    assert plain is not None and html is not None
    assert "påminnelse från Samordningsförbundet" in plain.get_content()
    assert '<html lang="sv">' in html.get_content() and "Förbundet väntar på" in html.get_content()
