"""A party's own names for the template's bodies, through the CLI on SQLite and PostgreSQL: Sundbyberg publishes
its sammanträdesplan as "Socialnämnden", the workflow's nämnd step says "Ansvarig nämnd". After `calendar body`
(or `calendar import --as`) the Socialnämnden meetings are the nämnd step's planned meetings, in `plan`,
`deadline list` and `calendar list`; wrong requests are refused in one sentence and write nothing; an export
carries the names to another database, and `doctor` finds the stored projection equal to the replay."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.in_process import Cli

SUNDBYBERG = "Sundbyberg"


def _case(db_url: str, tmp_path: Path) -> Cli:
    cli = Cli(db_url, today="2026-11-23", FORMATION_CONFIG=str(tmp_path / "absent.toml"))
    cli("init", "Samordningsförbundet Norr", "--slug", "norr", "--start", "2027-06-01")
    cli("party", "add", SUNDBYBERG, "--kind", "kommun")
    cli("decide", SUNDBYBERG, "forstudie", "--outcome", "bifall", "--date", "2026-09-01")
    cli("decide", SUNDBYBERG, "inriktningsbeslut", "--outcome", "bifall", "--date", "2026-10-01")
    cli("calendar", "add", "Kommunstyrelsen", "2027-01-13", "2027-02-10", "--party", SUNDBYBERG)
    cli("calendar", "add", "Kommunfullmäktige", "2027-02-15", "2027-03-15", "--party", SUNDBYBERG)
    return cli


def _nämnd(cli: Cli) -> dict[str, object]:
    steps = json.loads(cli("plan", "--json").stdout)["steps"]
    return next(s for s in steps if s["party"] == "sundbyberg" and s["step"] == "namnd")


def _events(cli: Cli) -> int:
    return len(json.loads(cli("log", "--json").stdout))


def test_calendar_body_plans_the_nämnd_step_on_the_socialnämnden_meetings(db_url: str, tmp_path: Path) -> None:
    cli = _case(db_url, tmp_path)
    cli("calendar", "add", "Socialnämnden", "2026-12-10", "2027-01-21", "--party", SUNDBYBERG)
    before = _nämnd(cli)
    assert before["body"] == "Ansvarig nämnd" and before["earliest"] is None

    said = cli("calendar", "body", SUNDBYBERG, "ansvarig nämnd", "Socialnämnden").stdout
    assert "Sundbyberg: Ansvarig nämnd heter Socialnämnden" in said
    after = _nämnd(cli)
    assert after["body"] == "Socialnämnden" and after["earliest"] == "2026-12-10"
    assert "Sundbyberg: Nämndbeslut (Socialnämnden) tidigast 2026-12-10" in cli("plan").stdout
    deadlines = json.loads(cli("deadline", "list", "--json").stdout)
    assert {d["body"] for d in deadlines if d["step"] == "namnd"} == {"Socialnämnden"}
    assert "Sundbyberg: Ansvarig nämnd heter Socialnämnden" in cli("calendar", "list").stdout
    assert "Sundbyberg: Ansvarig nämnd heter Socialnämnden" in cli("log").stdout

    cli("calendar", "body", SUNDBYBERG, "Ansvarig nämnd", "-")
    assert _nämnd(cli)["body"] == "Ansvarig nämnd"
    assert "egna namn" not in cli("calendar", "list").stdout
    assert "inga fel" in cli("doctor").stdout


def test_calendar_import_as_names_the_body_and_adds_its_meetings_in_one_command(db_url: str, tmp_path: Path) -> None:
    cli = _case(db_url, tmp_path)
    plan = tmp_path / "socialnamnden.csv"
    plan.write_text("organ;datum\nSocialnämnden;2026-12-10\nSocialnämnden;2027-01-21\n", encoding="utf-8")
    events = _events(cli)
    said = cli("calendar", "import", str(plan), "--party", SUNDBYBERG, "--as", "Ansvarig nämnd").stdout
    assert "2 sammanträden sparade" in said and "Ansvarig nämnd heter nu Socialnämnden" in said
    assert _events(cli) == events + 3  # the name and the two meetings, one command
    assert _nämnd(cli)["earliest"] == "2026-12-10"
    # Again with a new meeting: the name is already set, only the meeting is added.
    said = cli("calendar", "add", "Socialnämnden", "2027-02-18", "--party", SUNDBYBERG, "--as", "Ansvarig nämnd")
    assert said.stdout.startswith("1 sammanträde sparat (revision")
    assert _events(cli) == events + 4
    assert "inga fel" in cli("doctor").stdout


def test_wrong_names_are_refused_in_one_sentence_and_write_nothing(db_url: str, tmp_path: Path) -> None:
    cli = _case(db_url, tmp_path)
    mixed = tmp_path / "blandat.csv"
    mixed.write_text("organ;datum\nSocialnämnden;2026-12-10\nKommunstyrelsen;2026-12-15\n", encoding="utf-8")
    events = _events(cli)
    refusals = [
        (("calendar", "body", "Täby", "Ansvarig nämnd", "Socialnämnden"), "Det finns ingen part 'Täby'"),
        (
            ("calendar", "body", SUNDBYBERG, "Socialnämnden", "X"),
            "Inget steg för Sundbyberg beslutas av Socialnämnden; stegen beslutas av Kommunstyrelsen, "
            "Kommunfullmäktige, Ansvarig nämnd.",
        ),
        (("calendar", "body", SUNDBYBERG, "Ansvarig nämnd", "-"), "Sundbyberg har inget eget namn för Ansvarig nämnd"),
        (
            ("calendar", "add", "Socialnämnden", "2026-12-10", "--as", "Ansvarig nämnd"),
            "Ange --party PART tillsammans med --as.",
        ),
        (("calendar", "import", str(mixed), "--party", SUNDBYBERG, "--as", "Ansvarig nämnd"), "gäller 2 organ"),
        (
            ("calendar", "add", "Socialnämnden", "2026-12-10", "--party", SUNDBYBERG, "--as", "Regionstyrelsen"),
            "Inget steg för Sundbyberg beslutas av Regionstyrelsen",
        ),
    ]
    for args, message in refusals:
        ran = cli(*args, expect=2)
        assert message in ran.stderr, (args, ran.stderr)
        assert ran.stderr.count("\n") <= 2, ran.stderr
    cli("calendar", "body", SUNDBYBERG, "Ansvarig nämnd", "Socialnämnden")
    again = cli("calendar", "body", SUNDBYBERG, "ansvarig  nämnd", "Socialnämnden ", expect=2).stderr
    assert "Sundbyberg kallar redan Ansvarig nämnd Socialnämnden." in again
    assert _events(cli) == events + 1


def test_export_and_import_carry_the_names(db_url: str, another_db_url: str, tmp_path: Path) -> None:
    cli = _case(db_url, tmp_path)
    cli("calendar", "add", "Socialnämnden", "2026-12-10", "--party", SUNDBYBERG, "--as", "Ansvarig nämnd")
    cli("export", str(tmp_path / "norr.json"))
    other = Cli(another_db_url, today="2026-11-23", FORMATION_CONFIG=str(tmp_path / "absent.toml"))
    other("import", str(tmp_path / "norr.json"))
    for command in (("calendar", "list"), ("plan", "--json"), ("deadline", "list", "--json")):
        assert other(*command).stdout == cli(*command).stdout, command
    assert _nämnd(other)["body"] == "Socialnämnden"
    assert "inga fel" in other("doctor").stdout


def test_an_ics_event_without_a_body_asks_for_one_in_the_commands_own_terms(tmp_path: Path) -> None:
    """The calendar reader's sentence names the problem; the command line adds how to give the body."""
    cli = _case(f"sqlite:///{tmp_path / 'n.db'}", tmp_path)
    plan = tmp_path / "plan.ics"
    plan.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//SV\r\nBEGIN:VEVENT\r\nUID:1@x\r\n"
        "DTSTART;VALUE=DATE:20270120\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    refused = cli("calendar", "import", str(plan), "--party", SUNDBYBERG, expect=2).stderr
    assert "saknar SUMMARY, organets namn; ange vilket organ sammanträdena gäller. Ange organet med --body ORGAN." in (
        refused
    )
    said = cli("calendar", "import", str(plan), "--party", SUNDBYBERG, "--body", "Socialnämnden").stdout
    assert said.startswith("1 sammanträde sparat")
