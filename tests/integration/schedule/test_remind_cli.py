"""Reminders end to end: the CLI writes calendars, contacts and deadlines; `remind once --now` at a series of
instants sends exactly the expected mails to a real SMTP server on 127.0.0.1; decisions cancel reminders;
downtime gives one late mail per missed reminder; the clock changes keep the local hour; two senders on one
database send each reminder once."""

from __future__ import annotations

import email
import json
import threading
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

from formation.schedule.channels import LogFileChannel
from formation.schedule.settings import settings_from_mapping
from formation.services.sending import send_due
from tests.e2e.in_process import Cli
from tests.integration.schedule.conftest import SmtpServer


def _config(tmp_path: Path, port: int, **reminders: object) -> Path:
    lines = ["[reminders]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in reminders.items()]
    lines += [
        "[smtp]",
        'host = "127.0.0.1"',
        f"port = {port}",
        'tls = "none"',
        'from = "Styrgruppen <styrgrupp@example.org>"',
        "[styrgrupp]",
        'emails = ["processledare@example.org"]',
    ]
    path = tmp_path / "formation.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _mails(server: SmtpServer) -> list[EmailMessage]:
    out = []
    for _, _, raw in server.inbox.messages:
        message = email.message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        out.append(message)
    return out


def _keys(server: SmtpServer, since: int = 0) -> list[str]:
    return [str(m["X-Formation-Reminder"]) for m in _mails(server)[since:]]


def _case(tmp_path: Path, port: int, today: str = "2026-01-05", **reminders: object) -> Cli:
    cli = Cli(tmp_path / "f.db", today=today, FORMATION_CONFIG=str(_config(tmp_path, port, **reminders)))
    # A target a year and a half ahead: only the deadlines set below fall inside the weeks these tests look at.
    cli("init", "Samordningsförbundet Norr", "--slug", "norr", "--start", "2027-06-01")
    cli("party", "add", "Solna", "--kind", "kommun")
    cli("party", "add", "Sundbyberg", "--kind", "kommun")
    cli("contact", "add", "Solna", "Anna Andersson", "--email", "anna@example.org", "--role", "nämndsekreterare")
    cli("contact", "add", "Sundbyberg", "Bo Berg", "--email", "bo@example.org")
    return cli


def test_remind_once_sends_exactly_the_expected_mails_and_a_decision_stops_them(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    cli = _case(tmp_path, smtp_server.port)
    cli("deadline", "set", "Solna", "forstudie", "2026-01-26")  # a Monday
    expected = [
        ("2026-01-12T07:59", []),
        ("2026-01-12T08:00", ["norr/solna/forstudie/2026-01-26/-14"]),
        ("2026-01-12T08:30", []),
        ("2026-01-18T12:00", []),
        ("2026-01-19T08:05", ["norr/solna/forstudie/2026-01-26/-7"]),
        # -1 is a Sunday: it goes out on the Friday before.
        ("2026-01-23T08:00", ["norr/solna/forstudie/2026-01-26/-1"]),
        ("2026-01-23T17:00", []),
        ("2026-01-27T08:00", ["norr/solna/forstudie/2026-01-26/+1"]),
    ]
    for now, keys in expected:
        before = len(smtp_server.inbox.messages)
        cli("remind", "once", "--now", now)
        assert _keys(smtp_server, before) == keys, now
    assert len(smtp_server.inbox.messages) == 4
    overdue = _mails(smtp_server)[-1]
    assert str(overdue["Subject"]).startswith("Försenat beslut: Solna – Förstudie, senast 2026-01-26")
    assert overdue["To"] == "Anna Andersson <anna@example.org>" and overdue["Cc"] == "processledare@example.org"

    # Solna decides: the weekly overdue reminder of 2026-02-03 is cancelled and nothing more goes out.
    Cli(cli.env["FORMATION_DB"], today="2026-01-28", FORMATION_CONFIG=cli.env["FORMATION_CONFIG"])(
        "decide", "Solna", "forstudie", "--outcome", "bifall", "--date", "2026-01-28"
    )
    cli("remind", "once", "--now", "2026-02-03T09:00")
    cli("remind", "once", "--now", "2026-02-10T09:00")
    assert len(smtp_server.inbox.messages) == 4
    rows = json.loads(cli("remind", "list", "--json").stdout)
    states = {r["key"]: r["state"] for r in rows if r["step"] == "forstudie" and r["party"] == "solna"}
    assert states["norr/solna/forstudie/2026-01-26/+8"] == "cancelled"
    assert sorted(k for k, s in states.items() if s == "sent") == sorted(k for _, ks in expected for k in ks)


def test_a_moved_deadline_cancels_the_old_reminders_and_plans_new_ones(tmp_path: Path, smtp_server: SmtpServer) -> None:
    cli = _case(tmp_path, smtp_server.port)
    cli("deadline", "set", "Solna", "forstudie", "2026-01-26")
    cli("deadline", "set", "Solna", "forstudie", "2026-02-09")
    cli("remind", "once", "--now", "2026-01-12T09:00")  # the old -14: cancelled, not sent
    cli("remind", "once", "--now", "2026-01-26T09:00")  # the new -14
    assert _keys(smtp_server) == ["norr/solna/forstudie/2026-02-09/-14"]
    cancelled = json.loads(cli("remind", "list", "--state", "cancelled", "--json").stdout)
    assert {r["deadline"] for r in cancelled} == {"2026-01-26"}


def test_after_a_long_weekend_each_missed_reminder_goes_out_once_marked_late(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    cli = _case(tmp_path, smtp_server.port)
    cli("deadline", "set", "Solna", "forstudie", "2026-01-26")  # -14 on Monday 2026-01-12
    cli("deadline", "set", "Sundbyberg", "forstudie", "2026-01-19")  # -7 on Monday 2026-01-12
    cli("remind", "once", "--now", "2026-01-09T09:00")  # Friday: Sundbyberg's -14 (due on the 5th) goes out
    assert _keys(smtp_server) == ["norr/sundbyberg/forstudie/2026-01-19/-14"]
    # Stopped from Friday evening until Tuesday morning.
    ran = cli("remind", "once", "--now", "2026-01-13T10:00")
    assert "2 skickade (varav 2 sent)" in ran.stdout
    mails = _mails(smtp_server)[1:]
    assert sorted(_keys(smtp_server, 1)) == [
        "norr/solna/forstudie/2026-01-26/-14",
        "norr/sundbyberg/forstudie/2026-01-19/-7",
    ]
    assert all("sent utskick, skulle ha kommit 2026-01-12" in str(m["Subject"]) for m in mails)
    cli("remind", "once", "--now", "2026-01-13T10:05")
    cli("remind", "once", "--now", "2026-01-13T11:00")
    assert len(smtp_server.inbox.messages) == 3


def test_a_stop_of_several_weeks_sends_the_newest_reminder_of_a_deadline_not_a_burst(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    cli = _case(tmp_path, smtp_server.port)
    cli("deadline", "set", "Solna", "forstudie", "2026-01-26")
    cli("remind", "once", "--now", "2026-02-11T09:00")  # -14, -7, -1, +1, +8 and +15 were all missed
    assert _keys(smtp_server) == ["norr/solna/forstudie/2026-01-26/+15"]
    superseded = json.loads(cli("remind", "list", "--state", "cancelled", "--json").stdout)
    assert len(superseded) == 5 and all("Ersatt" in r["last_error"] for r in superseded)


def test_reminders_keep_the_local_hour_across_the_clock_changes(tmp_path: Path, smtp_server: SmtpServer) -> None:
    cli = _case(tmp_path, smtp_server.port, today="2026-03-01", before_days=[3, 1])
    cli("deadline", "set", "Solna", "forstudie", "2026-03-31")  # -3 Sat → Fri 27 (CET), -1 Mon 30 (CEST)
    cli("deadline", "set", "Sundbyberg", "forstudie", "2026-10-27")  # -3 Sat → Fri 23 (CEST), -1 Mon 26 (CET)
    due = {r["key"]: r["due_at"] for r in json.loads(cli("remind", "list", "--json").stdout)}
    assert due["norr/solna/forstudie/2026-03-31/-3"] == "2026-03-27T07:00:00+00:00"
    assert due["norr/solna/forstudie/2026-03-31/-1"] == "2026-03-30T06:00:00+00:00"
    for now, count in [
        ("2026-03-27T07:59", 0),
        ("2026-03-27T08:00", 1),
        ("2026-03-30T07:59", 1),
        ("2026-03-30T08:00", 2),
    ]:
        cli("remind", "once", "--now", now)
        assert len(smtp_server.inbox.messages) == count, now
    assert _mails(smtp_server)[-1]["Date"] == "Mon, 30 Mar 2026 08:00:00 +0200"
    # Solna decides (recorded in October); that command also plans Sundbyberg's October reminders.
    Cli(cli.env["FORMATION_DB"], today="2026-10-01", FORMATION_CONFIG=cli.env["FORMATION_CONFIG"])(
        "decide", "Solna", "forstudie", "--outcome", "bifall", "--date", "2026-04-01"
    )
    due = {r["key"]: r["due_at"] for r in json.loads(cli("remind", "list", "--json").stdout)}
    assert due["norr/sundbyberg/forstudie/2026-10-27/-3"] == "2026-10-23T06:00:00+00:00"
    assert due["norr/sundbyberg/forstudie/2026-10-27/-1"] == "2026-10-26T07:00:00+00:00"
    cli("remind", "once", "--now", "2026-10-26T07:59+01:00")
    assert len(smtp_server.inbox.messages) == 3  # the Friday 23rd one, late (the instants above skipped it)
    cli("remind", "once", "--now", "2026-10-26T08:00")
    assert len(smtp_server.inbox.messages) == 4
    assert _mails(smtp_server)[-1]["Date"] == "Mon, 26 Oct 2026 08:00:00 +0100"


def test_two_senders_on_one_database_send_each_reminder_once(db_url: str, tmp_path: Path) -> None:
    cli = Cli(db_url, today="2026-01-05", FORMATION_CONFIG=str(tmp_path / "absent.toml"))
    cli("init", "Samordningsförbundet Norr", "--slug", "norr", "--start", "2027-06-01")
    parties = [f"Kommun {n}" for n in range(6)]
    for name in parties:
        cli("party", "add", name, "--kind", "kommun")
        cli("contact", "add", name, "Kontakt", "--email", f"k{name[-1]}@example.org")
        cli("deadline", "set", name, "forstudie", "2026-01-26")
    log = tmp_path / "sent.jsonl"
    settings = settings_from_mapping({"reminders": {"log_file": str(log)}}, env={})
    from formation.store.database import open_database

    engines = [open_database(db_url), open_database(db_url)]
    instants = [datetime(2026, 1, 12, 7, 0, tzinfo=UTC), datetime(2026, 1, 19, 7, 0, tzinfo=UTC)]
    errors: list[BaseException] = []

    def sender(index: int) -> None:
        try:
            for now in instants:
                for _ in range(3):
                    send_due(engines[index], settings, [LogFileChannel(log)], now, worker=f"runner-{index}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=sender, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for engine in engines:
        engine.dispose()
    assert errors == []
    keys = [json.loads(line)["key"] for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(keys) == len(set(keys)) == 12
    assert date(2026, 1, 26).isoformat() in keys[0]


def test_the_global_config_option_names_the_settings_file(tmp_path: Path, smtp_server: SmtpServer) -> None:
    cli = _case(tmp_path, smtp_server.port)
    cli("deadline", "set", "Solna", "forstudie", "2026-01-26")
    config = cli.env["FORMATION_CONFIG"]
    bare = Cli(cli.env["FORMATION_DB"], today="2026-01-05", FORMATION_CONFIG=str(tmp_path / "absent.toml"))
    refused = bare("remind", "once", "--now", "2026-01-12T09:00", expect=2)
    assert "Ingen kanal för påminnelser är konfigurerad" in refused.stderr
    bare("--config", config, "remind", "once", "--now", "2026-01-12T09:00")
    assert _keys(smtp_server) == ["norr/solna/forstudie/2026-01-26/-14"]
    broken = tmp_path / "broken.toml"
    broken.write_text('[smtp]\nhost = "127.0.0.1"\npassword = "hemligt"\n', encoding="utf-8")
    said = bare("--config", str(broken), "remind", "once", expect=2).stderr
    assert "Lösenordet får inte stå i konfigurationsfilen" in said and "hemligt" not in said


def test_an_overdue_reminder_without_a_meeting_ahead_says_so_and_what_to_do(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    """Kommunstyrelsen's one meeting in the calendar is 2026-01-20; on 2026-02-11 Solna's förstudie is overdue
    and no meeting lies ahead: the mail says so, and asks for a meeting, not for a place on an agenda."""
    cli = _case(tmp_path, smtp_server.port)
    cli("calendar", "add", "Kommunstyrelsen", "2026-01-20", "--party", "Solna")
    cli("remind", "once", "--now", "2026-02-11T09:00")
    [mail] = [m for m in _mails(smtp_server) if "Solna – Förstudie" in str(m["Subject"])]
    text = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Planerat sammanträde:  inget sammanträde planerat" in text and "2026-01-20" not in text, text
    assert "Inget sammanträde är planerat före sista dagen" in text and "dagordningen för" not in text


def test_the_meeting_a_reminder_names_is_never_one_already_past() -> None:
    """The plan may place an overdue step at a meeting that has passed (its latest, worked back from the
    target): the mail names the next meeting ahead, or none."""
    from types import SimpleNamespace

    from formation.services.sending import _next_meeting

    today = date(2027, 2, 11)
    past, ahead = date(2027, 1, 20), date(2027, 3, 16)
    assert _next_meeting(SimpleNamespace(earliest=None, latest=past), today) is None  # type: ignore[arg-type]
    assert _next_meeting(SimpleNamespace(earliest=past, latest=ahead), today) == ahead  # type: ignore[arg-type]
    assert _next_meeting(SimpleNamespace(earliest=today, latest=ahead), today) == today  # type: ignore[arg-type]
    assert _next_meeting(None, today) is None


def test_status_and_the_snapshot_name_a_decision_whose_deadline_has_passed(tmp_path: Path) -> None:
    """What `deadline list` marks FÖRSENAT and the reminders call overdue is among the things to act on."""
    cli = _case(tmp_path, 2525)
    cli("deadline", "set", "Solna", "forstudie", "2026-01-26")
    later = Cli(tmp_path / "f.db", today="2026-02-11", FORMATION_CONFIG=str(tmp_path / "formation.toml"))
    problems = json.loads(later("status", "--json").stdout)["problems"]
    [late] = [p for p in problems if p["code"] == "deadline_passed"]
    assert late == {
        "code": "deadline_passed",
        "message": "Solna: Förstudie skulle ha beslutats senast 2026-01-26 (16 dagar försenat).",
        "party": "solna",
        "step": "forstudie",
        "deadline": "2026-01-26",
    }
    assert "! Solna: Förstudie skulle ha beslutats senast 2026-01-26" in later("status").stdout
    assert "- Solna: Förstudie skulle ha beslutats senast 2026-01-26" in later("snapshot").stdout
    assert not [p for p in json.loads(cli("status", "--json").stdout)["problems"] if p["code"] == "deadline_passed"]
    # the plan's line for the step says it too, beside the first meeting still ahead
    line = next(line for line in later("plan").stdout.splitlines() if "Solna: Förstudie" in line)
    assert line.endswith(
        "Solna: Förstudie (Kommunstyrelsen) tidigast inget sammanträde, sista dag 2026-01-26 (satt för hand) FÖRSENAT"
    )


def test_a_reminder_is_addressed_to_the_contact_by_name(tmp_path: Path, smtp_server: SmtpServer) -> None:
    cli = _case(tmp_path, smtp_server.port)
    cli("contact", "add", "Solna", "Öberg, Åsa", "--email", "asa@example.org")
    cli("deadline", "set", "Solna", "forstudie", "2026-01-26")
    cli("remind", "once", "--now", "2026-01-12T09:00")
    [mail] = _mails(smtp_server)
    assert [(a.display_name, a.addr_spec) for a in mail["To"].addresses] == [
        ("Anna Andersson", "anna@example.org"),
        ("Öberg, Åsa", "asa@example.org"),
    ]


def test_remind_list_shows_the_times_the_mails_go_out_at_in_the_configured_zone(tmp_path: Path) -> None:
    """08:00 Swedish time, as the TUI shows it, not 07:00 UTC."""
    cli = _case(tmp_path, 2525)
    cli("deadline", "set", "Solna", "forstudie", "2026-01-26")
    lines = cli("remind", "list").stdout.splitlines()
    assert lines[0] == "Tider i svensk tid."
    assert lines[1].startswith("väntar     2026-01-12 08:00  Solna, Förstudie, sista dag 2026-01-26 (-14 d)"), lines
    due = cli("remind", "once", "--dry-run", "--now", "2026-01-12T09:00").stdout.splitlines()
    assert due[0].endswith(": Solna, Förstudie, sista dag 2026-01-26 (14 dagar före)"), due
    assert due[0].startswith("skulle skickas: ")
    nothing = cli("remind", "once", "--dry-run", "--now", "2026-01-05T09:00").stdout
    assert nothing.strip() == "Ingen påminnelse är på tur nu; `remind list` visar när de väntande skickas."
