"""Calendars, contacts and deadlines are events through the one pipeline: refused when wrong, replayed into the
same projection as the stored tables, exported and imported, voidable like any event; `ics` is stable."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from formation.case.commands import AddContact, AddMeetings, RemoveContact, RemoveMeeting, SetDeadline, VoidEvent
from formation.case.history import replay
from formation.errors import Refusal
from formation.schedule.ical import case_calendar
from formation.services import Services
from formation.services.schedule_reads import deadline_list, outbox_list
from tests.e2e.in_process import Cli


def _case(services: Services) -> Services:
    services.init_case("Samordningsförbundet Norr", start=date(2027, 6, 1))  # type: ignore[attr-defined]
    services.add_party("Solna", "kommun")  # type: ignore[attr-defined]
    services.add_party("Sundbyberg", "kommun")  # type: ignore[attr-defined]
    return services


def test_schedule_events_replay_to_the_stored_projection(services: Services) -> None:
    _case(services)
    services.handle(AddMeetings(meetings=[("Kommunfullmäktige", date(2026, 12, 14))], party="Solna", source="x"))
    services.handle(AddMeetings(meetings=[("kommunfullmäktige ", date(2026, 12, 15))]))
    services.handle(AddContact(party="Solna", name="Anna", email="anna@example.org", role="sekreterare"))
    services.handle(SetDeadline(party="Sundbyberg", step="forstudie", on=date(2026, 12, 1)))
    stored = services.view().projection
    replayed = replay(services.events())
    assert stored.meetings == replayed.meetings and len(stored.meetings) == 2
    assert stored.contacts == replayed.contacts
    assert stored.deadline_overrides == replayed.deadline_overrides == {("sundbyberg", "forstudie"): date(2026, 12, 1)}
    [(party, _, _)] = [k for k in stored.meetings if k[0] is not None]
    assert party == "solna"
    assert {(d.party, d.step) for d in deadline_list(services)} >= {("sundbyberg", "forstudie")}
    assert any(r["party"] == "sundbyberg" for r in outbox_list(services))


def test_wrong_schedule_commands_are_refused_and_write_nothing(services: Services) -> None:
    _case(services)
    services.handle(AddMeetings(meetings=[("Kommunstyrelsen", date(2026, 12, 7))]))
    services.handle(AddContact(party="Solna", name="Anna", email="anna@example.org"))
    revision = services.view().revision
    for command, code in [
        (AddMeetings(meetings=[("KOMMUNSTYRELSEN", date(2026, 12, 7))]), "nothing_new"),
        (AddMeetings(meetings=[("Kommunstyrelsen", date(2026, 12, 8))], party="Täby"), "unknown_party"),
        (RemoveMeeting(body="Kommunstyrelsen", on=date(2026, 12, 9)), "unknown_meeting"),
        (AddContact(party="Solna", name="Anna", email="ANNA@example.org"), "contact_exists"),
        (AddContact(party="Solna", name="Bo", email="inte en adress"), "bad_email"),
        (RemoveContact(party="Solna", email="bo@example.org"), "unknown_contact"),
        (SetDeadline(party="Solna", step="finns-inte", on=date(2026, 12, 1)), "unknown_step"),
    ]:
        with pytest.raises(Refusal) as refused:
            services.handle(command)
        assert refused.value.code == code, command
    assert services.view().revision == revision


def test_a_voided_deadline_takes_its_reminders_with_it(services: Services) -> None:
    _case(services)
    result = services.handle(SetDeadline(party="Solna", step="forstudie", on=date(2026, 12, 7)))
    assert {r["state"] for r in outbox_list(services)} == {"pending"}
    services.handle(VoidEvent(seq=result.seqs[0], reason="fel dag"))
    assert services.view().projection.deadline_overrides == {}
    assert {r["state"] for r in outbox_list(services)} == {"cancelled"}


def test_ics_is_stable_and_has_a_timezone(sqlite_services: Services, tmp_path: Path) -> None:
    services = _case(sqlite_services)
    services.handle(AddMeetings(meetings=[("Kommunfullmäktige", date(2026, 12, 14))], party="Solna"))
    services.handle(SetDeadline(party="Sundbyberg", step="forstudie", on=date(2026, 12, 1)))
    first = case_calendar(services.view().projection, deadline_list(services))
    again = case_calendar(services.view().projection, deadline_list(services))
    assert first == again
    text = first.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Stockholm" in text
    assert "DTSTART;VALUE=DATE:20261201" in text and "Sista dag: Sundbyberg – Förstudie" in text
    assert "Kommunfullmäktige (Solna) sammanträder" in text


def test_ics_command_writes_the_same_file_twice(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "f.db", today="2026-11-23", FORMATION_CONFIG=str(tmp_path / "absent.toml"))
    cli("init", "Samordningsförbundet Norr", "--start", "2027-06-01")
    cli("party", "add", "Solna", "--kind", "kommun")
    cli("deadline", "set", "Solna", "forstudie", "2026-12-07")
    cli("ics", "-o", str(tmp_path / "a.ics"))
    cli("ics", "-o", str(tmp_path / "b.ics"))
    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()
    assert b"UID:" in (tmp_path / "a.ics").read_bytes()


def test_export_and_import_carry_calendars_contacts_and_deadlines(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "a.db", today="2026-11-23", FORMATION_CONFIG=str(tmp_path / "absent.toml"))
    cli("init", "Samordningsförbundet Norr", "--slug", "norr", "--start", "2027-06-01")
    cli("party", "add", "Solna", "--kind", "kommun")
    cli("calendar", "add", "Kommunstyrelsen", "2026-12-07", "2027-01-18", "--party", "Solna")
    cli("contact", "add", "Solna", "Anna Andersson", "--email", "anna@example.org")
    cli("deadline", "set", "Solna", "forstudie", "2026-12-07")
    cli("export", "--with-contacts", str(tmp_path / "norr.json"))
    other = Cli(tmp_path / "b.db", today="2026-11-23", FORMATION_CONFIG=str(tmp_path / "absent.toml"))
    other("import", str(tmp_path / "norr.json"))
    for command in (("calendar", "list", "--json"), ("contact", "list", "--json"), ("deadline", "list", "--json")):
        assert other(*command).stdout == cli(*command).stdout, command
    keys = [r["key"] for r in json.loads(other("remind", "list", "--json").stdout)]
    assert keys == [r["key"] for r in json.loads(cli("remind", "list", "--json").stdout)] and keys


def test_an_export_without_contacts_still_imports_and_hides_every_address(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "norr.db")
    cli("init", "Samordningsförbundet Norr", "--slug", "norr")
    cli("party", "add", "Solna", "--kind", "kommun")
    cli("contact", "add", "Solna", "Anna Andersson", "--email", "anna@example.org")
    cli("export", str(tmp_path / "norr.json"))
    text = (tmp_path / "norr.json").read_text(encoding="utf-8")
    assert "anna@example.org" not in text
    other = Cli(tmp_path / "other.db")
    other("import", str(tmp_path / "norr.json"))
    assert "anna@example.org" not in other("contact", "list").stdout
