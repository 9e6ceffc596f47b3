"""`deadline set` moves the party's following steps in every read: `plan`, `deadline list`, `status --json`'s
next_deadline and the reminder outbox agree; and a deadline returned to the plan gets its reminders back."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.in_process import Cli


def _solna(tmp_path: Path, *, start: str) -> Cli:
    cli = Cli(tmp_path / "f.db", today="2026-03-02")
    cli("init", "Samordningsförbundet Solna", "--slug", "solna", "--start", start)
    cli("party", "add", "Solna", "--kind", "kommun")
    cli("decide", "Solna", "forstudie", "--outcome", "bifall", "--date", "2025-10-01")
    cli("decide", "Solna", "inriktningsbeslut", "--outcome", "bifall", "--date", "2025-12-01")
    cli("calendar", "add", "Ansvarig nämnd", "2026-03-12", "2026-04-09", "--party", "Solna")
    cli("calendar", "add", "Kommunstyrelsen", "2026-03-31", "2026-04-21", "2026-05-05", "--party", "Solna")
    cli("calendar", "add", "Kommunfullmäktige", "2026-04-13", "2026-05-18", "2026-06-15", "--party", "Solna")
    return cli


def _reads(cli: Cli) -> tuple[dict[str, str], dict[str, str], str, set[tuple[str, str]]]:
    plan = {s["step"]: s["deadline"] for s in json.loads(cli("plan", "--json").stdout)["steps"]}
    listed = {d["step"]: d["deadline"] for d in json.loads(cli("deadline", "list", "--json").stdout)}
    [party] = json.loads(cli("status", "--json").stdout)["parties"]
    outbox = {
        (r["step"], r["deadline"]) for r in json.loads(cli("remind", "list", "--json", "--state", "pending").stdout)
    }
    return plan, listed, party["next_deadline"], outbox


def test_a_later_hand_set_deadline_moves_the_following_steps_everywhere(tmp_path: Path) -> None:
    cli = _solna(tmp_path, start="2026-06-01")
    plan, listed, next_deadline, outbox = _reads(cli)
    assert plan == listed == {"namnd": "2026-03-12", "styrelse": "2026-04-21", "fullmaktige": "2026-05-18"}
    assert next_deadline == "2026-03-12" and {d for _, d in outbox} == {"2026-03-12"}

    cli("deadline", "set", "Solna", "namnd", "2026-04-09")
    plan, listed, next_deadline, outbox = _reads(cli)
    # Kommunstyrelsen needs the nämnd's decision 14 days ahead, kommunfullmäktige kommunstyrelsen's 21 days ahead.
    assert plan == listed == {"namnd": "2026-04-09", "styrelse": "2026-05-05", "fullmaktige": "2026-06-15"}
    assert next_deadline == "2026-04-09"
    assert outbox == {("namnd", "2026-04-09")}  # the coming month's reminders: the nämnd's, for the new day
    text = cli("plan").stdout
    assert "Målet 2026-06-01 nås inte" in text
    # The latest meeting that keeps the target, as the TUI's Senast, and the deadline that follows the nämnd.
    said = "Solna: Kommunstyrelsens förslag (Kommunstyrelsen) tidigast 2026-05-05, senast 2026-04-21, sista dag " \
        "2026-05-05"
    assert said in text
    rows = {d["step"]: d for d in json.loads(cli("deadline", "list", "--json").stdout)}
    assert rows["styrelse"]["meeting"] == "2026-05-05" and rows["namnd"]["overridden"]

    # Seen a month later, the moved steps' own reminders are there and none for the days they left.
    later = Cli(tmp_path / "f.db", today="2026-04-24")
    later("contact", "add", "Solna", "Anna", "--email", "anna@solna.se")  # any command re-plans as of its day
    due = {
        (r["step"], r["deadline"]) for r in json.loads(later("remind", "list", "--json", "--state", "pending").stdout)
    }
    assert ("styrelse", "2026-05-05") in due and not {d for s, d in due if s == "styrelse"} - {"2026-05-05"}


def test_a_deadline_returned_to_the_plan_gets_its_reminders_back(tmp_path: Path) -> None:
    cli = _solna(tmp_path, start="2026-06-01")
    before = json.loads(cli("remind", "list", "--json", "--state", "pending").stdout)
    cli("deadline", "set", "Solna", "namnd", "2026-04-09")
    cli("deadline", "set", "Solna", "namnd", "-")
    after = json.loads(cli("remind", "list", "--json", "--state", "pending").stdout)
    assert [r["key"] for r in after] == [r["key"] for r in before] and after
    # And back to the hand-set day again: its reminders, cancelled a moment ago, come back too.
    cli("deadline", "set", "Solna", "namnd", "2026-04-09")
    again = json.loads(cli("remind", "list", "--json", "--state", "pending").stdout)
    assert {r["deadline"] for r in again} == {"2026-04-09"} and len(again) == 2
