"""`plan` on a Stockholm-shaped case with real-shaped 2015–16 calendars: it names the critical meeting, says
plainly that the target cannot be met and which meeting would have to move, and moving one fullmäktige meeting
moves the projected formation date. A party's own calendar wins over a global one of the same body name."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.in_process import Cli

STAD = "Stockholms stad"
REGION = "Region Stockholm"


def _stockholm(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "f.db", today="2015-10-01", FORMATION_CONFIG=str(tmp_path / "absent.toml"))
    cli("init", "Samordningsförbundet Stockholms stad", "--slug", "sthlm", "--start", "2015-12-01")
    cli("party", "add", STAD, "--kind", "kommun")
    cli("party", "add", REGION, "--kind", "region")
    cli("party", "add", "Försäkringskassan", "--kind", "fk")
    cli("party", "add", "Arbetsförmedlingen", "--kind", "af")
    for party in (STAD, REGION):
        cli("decide", party, "forstudie", "--outcome", "bifall", "--date", "2015-03-10")
        cli("decide", party, "inriktningsbeslut", "--outcome", "bifall", "--date", "2015-06-15")
    for party in ("Försäkringskassan", "Arbetsförmedlingen"):
        cli("decide", party, "forstudie", "--outcome", "bifall", "--date", "2015-03-20")
    calendar = tmp_path / "stad.csv"
    calendar.write_text(
        "organ;datum\n"
        "Ansvarig nämnd;2015-10-20\nAnsvarig nämnd;2015-11-24\n"
        "Kommunstyrelsen;2015-11-11\nKommunstyrelsen;2015-12-09\nKommunstyrelsen;2016-01-27\n"
        "Kommunfullmäktige;2015-12-14\nKommunfullmäktige;2016-02-15\nKommunfullmäktige;2016-03-14\n",
        encoding="utf-8",
    )
    cli("calendar", "import", str(calendar), "--party", STAD)
    # Another kommun's fullmäktige, entered without a party: it must not stand in for the stad's own.
    cli("calendar", "add", "Kommunfullmäktige", "2015-11-30")
    cli("calendar", "add", "Hälso- och sjukvårdsnämnden", "2015-10-27", "2015-11-24", "--party", REGION)
    cli("calendar", "add", "Regionstyrelsen", "2015-11-10", "2015-12-01", "2016-01-19", "--party", REGION)
    cli("calendar", "add", "Regionfullmäktige", "2015-12-08", "2016-02-09", "--party", REGION)
    cli("calendar", "add", "Försäkringskassans ledning", "2015-11-13")
    cli("calendar", "add", "Arbetsförmedlingens ledning", "2015-11-18")
    return cli


def test_plan_names_the_critical_meeting_and_what_must_move(tmp_path: Path) -> None:
    cli = _stockholm(tmp_path)
    text = cli("plan").stdout
    assert "Förbundet kan bildas tidigast 2015-12-14, när Stockholms stad fattar beslut i kommunfullmäktige." in text
    assert "Målet 2015-12-01 nås inte; bildandet blir 13 dagar senare." in text
    # What would have to move: the stad's kommunstyrelse meets one day too late for the target.
    assert (
        "Kommunstyrelsen (Stockholms stad, kommunstyrelsens förslag) sammanträder tidigast 2015-11-11 men måste "
        "besluta senast 2015-11-10; det sammanträdet måste flyttas 1 dag tidigare" in text
    )
    # The global Kommunfullmäktige meeting of 2015-11-30 belongs to no party: the stad plans on its own calendar.
    own = "* Stockholms stad: Kommunfullmäktige antar förbundsordningen (Kommunfullmäktige) tidigast 2015-12-14"
    assert own in text
    plan = json.loads(cli("plan", "--json").stdout)
    assert plan["formation_on"] == "2015-12-14" and plan["target_met"] is False
    assert plan["critical_path"][-1] == {"party": "stockholms-stad", "step": "fullmaktige", "meeting": "2015-12-14"}
    status = json.loads(cli("status", "--json").stdout)
    assert {p["slug"]: p["next_deadline"] for p in status["parties"]}["stockholms-stad"] is not None

    # The stad's fullmäktige moves its December meeting a week later: so does the formation.
    cli("calendar", "remove", "Kommunfullmäktige", "2015-12-14", "--party", STAD)
    cli("calendar", "add", "Kommunfullmäktige", "2015-12-21", "--party", STAD)
    moved = json.loads(cli("plan", "--json").stdout)
    assert moved["formation_on"] == "2015-12-21"
    assert moved["critical_path"][-1]["meeting"] == "2015-12-21"


def test_plan_says_which_steps_have_no_calendar(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "f.db", today="2015-10-01", FORMATION_CONFIG=str(tmp_path / "absent.toml"))
    cli("init", "Samordningsförbundet Norr", "--start", "2016-06-01")
    cli("party", "add", "Solna", "--kind", "kommun")
    cli("calendar", "add", "Kommunstyrelsen", "2015-10-12", "2015-11-09", "--party", "Solna")
    text = cli("plan").stdout
    assert "Steg utan sammanträdesplan:" in text
    assert 'Kommunfullmäktige har inga sammanträden i kalendern, så steget "Inriktningsbeslut" för Solna' in text
