"""The plan and reminders screens over the living demo case ("norrort"), driven by Pilot against real SQLite;
a failed reminder is made by sending for real to an SMTP port nothing listens on."""

from __future__ import annotations

import re
import socket
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from formation.case.commands import AddContact, AddMeetings, AddParty, SetDeadline
from formation.domain.parties import PartyKind
from formation.schedule.plan_text import shortfall_sentence
from formation.schedule.settings import Settings, SmtpSettings, TlsMode
from formation.schedule.smtp_channel import SmtpChannel
from formation.services import Services
from formation.services.schedule_reads import outbox_list, plan
from formation.services.sending import send_due
from tests.coordinator import Coordinator
from tests.tui.conftest import TODAY, services_at
from tests.tui.helpers import settle, shown, table_rows
from tui.app import make_app
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import keys_of
from tui.screens.plan import PlanScreen
from tui.screens.reminders import RemindersScreen

SIZE = (120, 40)


def closed_port() -> int:
    """A local port nothing listens on: bound by the system, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def fail_due_reminders(services: Services) -> None:
    """Send what is due at 08:00 UTC today through an SMTP server that is not there: each one fails for real."""
    smtp = SmtpSettings(host="127.0.0.1", port=closed_port(), sender="Formation <f@localhost>", tls=TlsMode.NONE)
    settings = Settings(smtp=smtp)
    now = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) + timedelta(hours=8)
    report = send_due(services.engine, settings, [SmtpChannel(smtp)], now)
    assert report.failed == 2 and report.sent == 0


def table(app: object, selector: str) -> DataTable[Text]:
    return app.screen.query_one(selector, DataTable)  # type: ignore[attr-defined, no-any-return]


def fits(widget: DataTable[Text]) -> bool:
    """Every column is in sight: the table needs no scrolling sideways."""
    return widget.virtual_size.width <= widget.scrollable_content_region.width


# ---- the plan ------------------------------------------------------------------------------------------


async def test_plan_shows_the_projected_date_and_the_critical_meetings(living: Services) -> None:
    expected = plan(living)
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        facts = shown(app.screen.query_one("#plan-facts", Static))
        assert "kan bildas tidigast 2027-02-11" in facts and "Planerad start 2027-07-01" in facts
        assert "målet håller" in facts
        summary = shown(app.screen.query_one("#plan-summary", Static))
        assert summary.startswith("Förbundet kan bildas tidigast 2027-02-11, när Solna fattar beslut")
        rows = table_rows(table(app, "#plan-steps"))
        critical = [row for row in rows if row[0].startswith("◆")]
        assert [(row[1], row[4]) for row in critical] == [
            (s.name, s.earliest.isoformat()) for s in expected.critical_path if s.earliest
        ]
        assert critical[-1][1:2] == ["Solna"] and critical[-1][4] == "2027-02-11"
        assert len(rows) == len(expected.steps)
        first = rows[0]
        assert first[5] == "2027-01-04" and first[6] == "32 d"  # the latest meeting that keeps the target, slack
        detail = shown(app.screen.query_one("#plan-detail", Static))
        assert "Solna: Nämndbeslut i Ansvarig nämnd" in detail and "kritisk linje" in detail


async def test_plan_and_reminders_are_in_help_and_palette() -> None:
    keys = dict(keys_of(DashboardScreen(None)))  # type: ignore[arg-type]
    assert "planen" in keys["p"] and "påminnelserna" in keys["m"]
    from tui.commands import ENTRIES

    assert {"plan", "reminders"} <= {action for _, action, _ in ENTRIES}


async def test_plan_respects_the_day_the_case_is_shown_as_of(living: Services) -> None:
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.as_of = date(2026, 11, 20)
        app.push_screen(PlanScreen(living))
        await settle(pilot)
        assert "räknat från 2026-11-20" in shown(app.screen.query_one("#plan-facts", Static))


async def test_plan_without_calendars_says_so(forming_services: Services) -> None:
    app = make_app(forming_services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        facts = shown(app.screen.query_one("#plan-facts", Static))
        summary = shown(app.screen.query_one("#plan-summary", Static))
        assert "ingen planerad start" in facts and "bildandet kan inte beräknas" in facts
        assert summary.startswith("Ärendet har inga sammanträden inlagda")
        assert "Det går inte att beräkna när förbundet kan bildas." in summary


# ---- reminders -----------------------------------------------------------------------------------------


async def test_reminders_list_pending_and_filter_by_state(living: Services) -> None:
    stored = outbox_list(living)
    pending = [r for r in stored if r["state"] == "pending"]
    assert pending and any(r["state"] == "cancelled" for r in stored)
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, RemindersScreen)
        rows = table_rows(table(app, "#outbox"))
        assert len(rows) == len(stored)
        assert rows[0][:3] == ["○ väntar", "2026-11-23 08:00", "Sundbyberg"]  # Swedish time; 07:00 UTC
        await pilot.press("1")
        await settle(pilot)
        assert {row[0] for row in table_rows(table(app, "#outbox"))} == {"○ väntar"}
        assert table(app, "#outbox").row_count == len(pending)
        await pilot.press("4")
        await settle(pilot)
        assert [row[0] for row in table_rows(table(app, "#outbox"))] == ["– avbruten"]
        await pilot.press("0")
        await settle(pilot)
        assert table(app, "#outbox").row_count == len(stored)
        deadlines = table_rows(table(app, "#deadlines"))
        assert deadlines[0][:2] == ["2026-11-22 FÖRSENAT", "Sundbyberg"]


async def test_a_failed_reminder_shows_as_failed_with_its_error(living: Services) -> None:
    fail_due_reminders(living)
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        outbox = table(app, "#outbox")
        rows = table_rows(outbox)
        assert [row[0] for row in rows] == ["✗ MISSLYCKAD", "✗ MISSLYCKAD"]
        assert "red" in str(outbox.get_row_at(0)[0].style)  # colour as well as the glyph and the word
        detail = shown(app.screen.query_one("#outbox-detail", Static))
        assert "MISSLYCKAD" in detail and "1 försök" in detail and "nästa försök" in detail
        assert re.search(r"; påminnelse (\d+ dag(ar)? (före|efter) sista dagen|på sista dagen)", detail)  # the rule
        assert "127.0.0.1" in detail  # the channel's sentence saying why
        assert "2 misslyckade" in str(outbox.border_subtitle)


async def test_the_reminders_screen_follows_the_live_poll(living: Services) -> None:
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert "MISSLYCKAD" not in str(table_rows(table(app, "#outbox")))
        fail_due_reminders(living)
        living.handle(AddContact(party="Solna", name="Ny Person", email="ny@solna.example.org"))
        app.poll_revision()  # what the interval timer does every second
        await settle(pilot)
        assert isinstance(app.screen, RemindersScreen)
        assert "✗ MISSLYCKAD" in str(table_rows(table(app, "#outbox")))


# ---- user data and size --------------------------------------------------------------------------------


def add_markup_party(services: Services) -> None:
    """A party whose name looks like markup, with meetings and a deadline, so that plan and outbox show it."""
    services.case_slug = "norrort"
    services.handle(AddParty(name="[bold]x", kind=PartyKind.KOMMUN))
    services.handle(AddContact(party="[bold]x", name="[/]", email="x@example.org"))
    day = TODAY + timedelta(days=20)
    meetings = [(body, day + timedelta(days=i * 30)) for i, body in enumerate(("Kommunstyrelsen", "Kommunfullmäktige"))]
    services.handle(AddMeetings(meetings=meetings, party="[bold]x", source="test"))
    services.handle(SetDeadline(party="[bold]x", step="forstudie", on=TODAY + timedelta(days=3)))


async def test_names_with_markup_are_shown_literally(living: Services) -> None:
    add_markup_party(living)
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "[bold]x" in [row[1] for row in table_rows(table(app, "#plan-steps"))]
        await pilot.press("escape", "m")
        await settle(pilot)
        assert "[bold]x" in [row[2] for row in table_rows(table(app, "#outbox"))]
        assert "[bold]x" in [row[1] for row in table_rows(table(app, "#deadlines"))]


@pytest.mark.parametrize("key", ["p", "m"])
async def test_everything_essential_fits_at_80_by_24(living: Services, key: str) -> None:
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        tables = list(app.screen.query(DataTable))
        assert tables
        for widget in tables:
            assert fits(widget), widget.id
            assert widget.region.height >= 6 and widget.region.bottom <= 23  # a few rows each, above the footer
        detail = app.screen.query_one("#plan-detail" if key == "p" else "#outbox-detail", Static)
        assert detail.region.height >= 2 and detail.region.bottom <= 23


async def test_a_meeting_too_late_for_the_target_is_marked_and_said(tmp_path: Path) -> None:
    c = Coordinator(services_at(tmp_path))
    c.init_case("Sent förbund", slug="sent", start=date(2027, 1, 15))
    c.add_party("Falun", "kommun")
    c.decide("Falun", "forstudie", outcome="bifall", on=date(2026, 3, 2))
    c.decide("Falun", "inriktningsbeslut", outcome="bifall", on=date(2026, 6, 15))
    meetings = [("Ansvarig nämnd", date(2027, 2, 1)), ("Kommunstyrelsen", date(2027, 3, 1))]
    meetings.append(("Kommunfullmäktige", date(2027, 4, 1)))
    c.services.handle(AddMeetings(meetings=meetings, party="Falun", source="test"))
    expected = plan(c.services)
    assert expected.shortfalls
    app = make_app(c.services, poll_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "målet nås inte" in shown(app.screen.query_one("#plan-facts", Static))
        rows = table_rows(table(app, "#plan-steps"))
        assert rows[0][0].endswith("!")
        detail = shown(app.screen.query_one("#plan-detail", Static))
        assert shortfall_sentence(expected.shortfalls[0]) in detail.replace("\n", " ")


async def test_party_detail_names_who_gets_the_partys_reminders(living: Services) -> None:
    """The contacts added with `contact add` (the reminder recipients), not only the party's own address."""
    from tui.screens.party import PartyScreen

    Coordinator(living).services.handle(
        AddContact(party="Solna", name="[b]Bo[/b] Ek", email="bo.ek@solna.example.org", role="registrator")
    )
    app = make_app(living, poll_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(PartyScreen(living, "solna"))
        await settle(pilot)
        facts = shown(app.screen.query_one("#party-facts", Static))
        assert "Påminnelser till: Anna Andersson, nämndsekreterare <anna.andersson@solna.example.org>" in facts
        assert "[b]Bo[/b] Ek, registrator <bo.ek@solna.example.org>" in facts  # a name shown as typed


def test_the_plan_rows_detail_says_when_its_deadline_has_passed_or_comes_before_any_meeting() -> None:
    """At 80 columns the table has no deadline column: the line under it says FÖRSENAT, as the wide table does."""
    from formation.schedule.plan_model import StepPlan
    from tui.screens.plan import step_detail

    step = StepPlan(
        party="sundbyberg", name="Sundbyberg", step_id="namnd", label="Nämndbeslut", body="Ansvarig nämnd",
        lead_days=0, stage=0, last_stage=False, not_before=date(2026, 12, 6), earliest=date(2026, 12, 21),
        due_by=date(2027, 1, 20), latest=date(2027, 1, 20), deadline=date(2026, 12, 5), deadline_overridden=True,
    )
    said = step_detail(step, None, date(2026, 12, 6)).plain
    assert "sista dag 2026-12-05 (satt för hand) FÖRSENAT, marginal 30 dagar" in said
    said = step_detail(step, None, date(2026, 12, 1)).plain
    assert "sista dag 2026-12-05 (satt för hand) (hinns inte före första sammanträdet)" in said
    assert "FÖRSENAT" not in step_detail(step, None, date(2026, 12, 5)).plain
