"""Seed 002: Norrtälje joins the existing Samordningsförbundet Södra Roslagen from 2018-01-01,
with KSON (a kommunalförbund) only as an observer. Run through the CLI as a coordinator would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.in_process import Ran, run_cli

SAMPLE = Path(__file__).resolve().parents[2] / "formation" / "io" / "samples" / "forbundsordning_stockholm.md"


class Cli:
    def __init__(self, tmp_path: Path) -> None:
        self.env = {
            "FORMATION_DB": str(tmp_path / "roslagen.db"),
            "FORMATION_TODAY": "2018-02-15",
            "FORMATION_CONFIG": str(tmp_path / "absent.toml"),
        }

    def __call__(self, *args: str, expect: int = 0) -> Ran:
        result = run_cli(args, self.env)
        assert result.returncode == expect, (args, result.stdout, result.stderr)
        return result

    def status(self, *args: str) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self(*args, "status", "--json").stdout)
        return document


@pytest.fixture()
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def _party(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in doc["parties"] if p["name"] == name)


def test_norrtalje_joins_sodra_roslagen(cli: Cli, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("Stockholms stad", "Södra Roslagen")
    current, amended = tmp_path / "fo_2008.md", tmp_path / "fo_2018.md"
    current.write_text(text, encoding="utf-8")
    amended.write_text(text.replace("Södra Roslagen", "Södra Roslagen (med Norrtälje kommun)"), encoding="utf-8")

    cli("init", "Samordningsförbundet Södra Roslagen", "--slug", "roslagen", "--seat", "Täby")
    for name, kind in [
        ("Täby", "kommun"),
        ("Österåker", "kommun"),
        ("Region Stockholm", "region"),
        ("Försäkringskassan", "forsakringskassan"),
        ("Arbetsförmedlingen", "arbetsformedlingen"),
    ]:
        cli("party", "add", name, "--kind", kind, "--member-since", "2008-01-01")
    cli("fo", "add", str(current), "--in-force", "--date", "2008-01-01")
    before = cli.status()
    assert before["case"]["state"] == "formed" and before["case"]["formed_on"] == "2008-01-01"

    refused = cli("party", "add", "KSON", "--kind", "kommunalforbund", expect=2)
    assert "adjungerad" in refused.stderr and refused.stdout == ""
    cli("party", "add", "KSON", "--kind", "kommunalforbund", "--observer")
    cli("party", "add", "Norrtälje", "--kind", "kommun")
    assert cli("fo", "add", str(amended), "--start", "2018-01-01", "--date", "2017-03-01").stdout.startswith("v2 ")
    versions = cli("fo", "list").stdout.splitlines()
    assert versions[0].startswith("v1  daterad 2008-01-01") and versions[1].startswith("v2  daterad 2017-03-01")

    pending = cli.status()
    assert pending["case"]["state"] == "formed"
    assert (pending["case"]["fo_version"], pending["case"]["pending_version"]) == (1, 2)
    assert _party(pending, "Täby")["state"] == "fullmaktige"
    assert _party(pending, "Norrtälje")["state"] == "forstudie"

    cli("decide", "Norrtälje", "forstudie", "--outcome", "bifall", "--date", "2016-06-01")
    cli("decide", "Norrtälje", "inriktningsbeslut", "--outcome", "bifall", "--date", "2016-11-14")
    cli("skip", "Norrtälje", "namnd", "--reason", "Kommunstyrelsen bereder ärendet direkt")
    cli("decide", "Norrtälje", "styrelse", "--outcome", "bifall", "--date", "2017-09-04")
    cli("decide", "Norrtälje", "fullmaktige", "--outcome", "bifall", "--date", "2017-09-25", "--anslag", "2017-09-28")
    for name in ("Täby", "Österåker"):
        cli("decide", name, "fullmaktige", "--outcome", "bifall", "--date", "2017-10-16", "--anslag", "2017-10-19")
    cli(
        "decide",
        "Region Stockholm",
        "fullmaktige",
        "--outcome",
        "bifall",
        "--date",
        "2017-10-10",
        "--anslag",
        "2017-10-13",
    )
    cli("decide", "Försäkringskassan", "beslut", "--outcome", "bifall", "--date", "2017-10-20")
    almost = cli.status()
    assert almost["case"]["pending_version"] == 2 and _party(almost, "Arbetsförmedlingen")["state"] == "beslut"
    cli("decide", "Arbetsförmedlingen", "beslut", "--outcome", "bifall", "--date", "2017-10-30")

    before_start = json.loads(cli("status", "--as-of", "2017-12-01", "--json").stdout)
    assert (before_start["case"]["fo_version"], before_start["case"]["pending_version"]) == (1, 2)
    assert before_start["case"]["pending_effective_on"] == "2018-01-01"

    joined = cli.status()
    assert joined["case"]["state"] == "formed" and joined["case"]["formed_on"] == "2008-01-01"
    assert (joined["case"]["fo_version"], joined["case"]["pending_version"]) == (2, None)
    assert all(p["state"] == "approved" and p["approved_version"] == 2 for p in joined["parties"] if not p["observer"])
    assert _party(joined, "KSON")["observer"] is True
    # Appeal periods: anslag 2017-10-19 + 21 days = 2017-11-09 (Thursday); final the day after the last one.
    assert _party(joined, "Täby")["appeal_ends_on"] == "2017-11-09"
    assert joined["case"]["final_on"] == "2017-11-10"
    assert not [p for p in joined["problems"] if p["code"].startswith("missing_")]

    human = cli("status").stdout
    assert "BILDAT sedan 2008-01-01 (förbundsordning v2)" in human and "adjungerad" in human
    assert "Besluten har vunnit laga kraft 2017-11-10." in human  # past, as the snapshot says it
    before = cli("status", "--as-of", "2017-11-01").stdout
    assert "Besluten vinner laga kraft 2017-11-10 (om inget överklagande kommer in)." in before
    # The last approval (2017-10-30) makes v2 apply from the start it names, not from that day.
    assert "→ Förbundsordningen v2 är godkänd av alla medlemmar och gäller från 2018-01-01." in cli("log").stdout


def test_state_parties_cannot_leave_and_a_kommun_gets_three_years(cli: Cli, tmp_path: Path) -> None:
    cli("init", "Förbundet", "--slug", "f")
    for name, kind in [
        ("Täby", "kommun"),
        ("Region Stockholm", "region"),
        ("Försäkringskassan", "forsakringskassan"),
        ("Arbetsförmedlingen", "arbetsformedlingen"),
    ]:
        cli("party", "add", name, "--kind", kind, "--member-since", "2008-01-01")
    cli("fo", "add", str(SAMPLE), "--in-force", "--date", "2008-01-01")
    refused = cli("leave", "Försäkringskassan", "--notice", "2018-01-10", expect=2)
    assert "kan inte utträda" in refused.stderr
    out = cli("leave", "Täby", "--notice", "2018-01-10").stdout
    assert "2021-01-10" in out
    assert next(p for p in cli.status()["parties"] if p["name"] == "Täby")["leaves_on"] == "2021-01-10"


def test_an_in_force_text_without_a_date_is_listed_by_the_day_the_forbund_was_formed(cli: Cli) -> None:
    cli("init", "Samordningsförbundet Södra Roslagen", "--slug", "roslagen")
    for name, kind in [("Täby", "kommun"), ("Region Stockholm", "region"), ("Försäkringskassan", "forsakringskassan"),
                       ("Arbetsförmedlingen", "arbetsformedlingen")]:
        cli("party", "add", name, "--kind", kind, "--member-since", "2010-01-01")
    cli("fo", "add", str(SAMPLE), "--in-force", "--formed-on", "2010-01-01")
    assert cli("fo", "list").stdout.startswith("v1  förbundet bildat 2010-01-01  sha256:")
