"""The `formation` command line the way a coordinator runs it (in process; the demo and status also as the
installed console script): the demo, a whole case built
command by command, `fo check`, export/import and the log. The refusal contract is in test_refusals.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.e2e.cli_support import (
    PARTY_NAMES,
    STATUS_CASE_KEYS,
    STATUS_PARTY_KEYS,
    STATUS_STEP_KEYS,
    TODAY,
    run,
    run_installed,
    status_json,
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`formation demo` run once; the tests using it only read (status, log, export)."""
    db = tmp_path_factory.mktemp("demo") / "formation.db"
    out = run_installed(db, "demo").stdout
    assert "stockholm" in out and "--case norrort" in out
    # The demo makes two cases; these tests read the historical one.
    (db.parent / "formation.toml").write_text('case = "stockholm"\n', encoding="utf-8")
    return db


# ---- the demo ----------------------------------------------------------------------------------------


def test_demo_status_text(demo_db: Path) -> None:
    out = run_installed(demo_db, "status").stdout
    assert "BILDAT" in out
    assert "2016-02-22" in out
    for name in PARTY_NAMES:
        assert name in out


def test_demo_status_json_has_the_designed_shape(demo_db: Path) -> None:
    doc = status_json(demo_db)
    assert {"case", "parties", "problems"} <= set(doc)
    assert set(doc["case"]) >= STATUS_CASE_KEYS
    case = doc["case"]
    assert (case["state"], case["formed_on"], case["final_on"], case["fo_version"], case["as_of"]) == (
        "formed",
        "2016-02-22",
        "2016-03-19",
        1,
        TODAY,
    )
    assert case["pending_version"] is None
    assert [p["name"] for p in doc["parties"]] == list(PARTY_NAMES)
    for party in doc["parties"]:
        assert set(party) >= STATUS_PARTY_KEYS
        assert party["state"] == "approved"
        assert party["approved_version"] == 1
        for step in party["steps"]:
            assert set(step) >= STATUS_STEP_KEYS
            assert step["status"] in ("done", "skipped", "pending", "rejected")
    for problem in doc["problems"]:
        assert {"code", "message"} <= set(problem)


def test_demo_status_as_of_an_earlier_day_is_forming(demo_db: Path) -> None:
    doc = status_json(demo_db, "--as-of", "2016-01-31")
    case = doc["case"]
    assert (case["state"], case["formed_on"], case["final_on"], case["as_of"]) == (
        "forming",
        None,
        None,
        "2016-01-31",
    )
    states = {p["name"]: p["state"] for p in doc["parties"]}
    assert states["Stockholms stad"] == "fullmaktige"  # KS proposal 2016-01-27, KF not yet
    assert states["Försäkringskassan"] == "beslut"
    assert "BILDAT" not in run(demo_db, "status", "--as-of", "2016-01-31").stdout


def test_log_text_and_json(demo_db: Path) -> None:
    text = run(demo_db, "log").stdout
    entries = json.loads(run(demo_db, "log", "--json").stdout)
    assert isinstance(entries, list) and entries
    assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0]["type"] == "case_created"
    assert {"seq", "type", "actor", "recorded_at", "party", "step", "outcome", "date", "data"} <= set(entries[0])
    decisions = [e for e in entries if e["type"] == "decision"]
    last = decisions[-1]
    assert (last["party"], last["step"], last["outcome"], last["date"]) == (
        "stockholms-stad",
        "fullmaktige",
        "bifall",
        "2016-02-22",
    )
    events = [line for line in text.strip().splitlines() if not line.strip().startswith("→")]
    assert len(events) == len(entries)
    assert "→ Förbundet är bildat 2016-" in text  # issue 7: the log says when the förbund is formed
    assert "2016-02-22" in text and "bifall" in text


def test_export_import_round_trip(demo_db: Path, tmp_path: Path) -> None:
    exported, again = tmp_path / "stockholm.json", tmp_path / "stockholm_igen.json"
    other = tmp_path / "annan.db"
    assert "exporterat" in run(demo_db, "export", str(exported)).stdout
    assert "inläst" in run(other, "import", str(exported)).stdout
    run(other, "export", str(again))
    assert json.loads(exported.read_text(encoding="utf-8")) == json.loads(again.read_text(encoding="utf-8"))
    assert status_json(other) == status_json(demo_db)
    # A second import of the same case is refused.
    refused = run(other, "import", str(exported), expect=2)
    assert refused.stdout == "" and "finns redan" in refused.stderr


# ---- a case from scratch -----------------------------------------------------------------------------

KOMMUN_STEPS = ("forstudie", "inriktningsbeslut", "namnd", "styrelse", "fullmaktige")
AGENCY_STEPS = ("forstudie", "beslut")
CHAINS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    # party: [(step, date, extra options)], in the order the bodies decided
    "Solna stad": [
        ("forstudie", "2021-10-05", ()),
        ("inriktningsbeslut", "2021-12-13", ("--body", "Kommunfullmäktige", "--paragraph", "§ 212")),
        ("namnd", "2022-03-15", ("--body", "Socialnämnden")),
        ("styrelse", "2022-05-02", ("--body", "Kommunstyrelsen", "--dnr", "KS/2022:77")),
        ("fullmaktige", "2022-06-13", ("--body", "Kommunfullmäktige", "--anslag", "2022-06-17")),
    ],
    "Region Stockholm": [
        ("forstudie", "2021-10-12", ()),
        ("inriktningsbeslut", "2021-12-07", ()),
        ("namnd", "2022-03-22", ("--body", "Hälso- och sjukvårdsnämnden")),
        ("styrelse", "2022-05-10", ()),
        ("fullmaktige", "2022-06-14", ("--anslag", "2022-06-20", "--note", "Under förutsättning att övriga parter")),
    ],
    "Försäkringskassan": [("forstudie", "2021-10-20", ()), ("beslut", "2022-05-30", ())],
    "Arbetsförmedlingen": [("forstudie", "2021-10-21", ()), ("beslut", "2022-06-01", ())],
}


def test_a_whole_case_command_by_command(tmp_path: Path, sample_fo: Path) -> None:
    db = tmp_path / "solna.db"
    assert "solna" in run(db, "init", "Samordningsförbundet Solna", "--slug", "solna", "--seat", "Solna").stdout
    run(db, "party", "add", "Solna stad", "--kind", "kommun", "--population", "52000")
    run(db, "party", "add", "Region Stockholm", "--kind", "region")
    run(db, "party", "add", "Försäkringskassan", "--kind", "forsakringskassan")
    run(db, "party", "add", "Arbetsförmedlingen", "--kind", "arbetsformedlingen")
    listed = run(db, "party", "list").stdout
    assert all(name in listed for name in CHAINS)

    added = run(db, "fo", "add", str(sample_fo), "--date", "2022-02-01")
    assert re.fullmatch(r"v1 sha256:[0-9a-f]{64}", added.stdout.strip()), added.stdout
    assert added.stderr == ""  # the sample meets § 9, so no warnings

    # Each party's chain in order; the four parties in parallel, as four coordinators might (SQLite queues
    # the writers, so the outcome cannot depend on the interleaving).
    def decide_chain(party: str) -> list[str]:
        outputs = []
        for step, day, extra in CHAINS[party]:
            result = run(db, "decide", party, step, "--outcome", "bifall", "--date", day, *extra)
            outputs.append(result.stdout)
        return outputs

    outputs = {party: decide_chain(party) for party in CHAINS}
    assert "godkänt förbundsordningen v1" in outputs["Solna stad"][-1]
    assert "nästa steg är Inriktningsbeslut" in outputs["Solna stad"][0]

    text = run(db, "status").stdout
    assert "BILDAT" in text and "2022-06-14" in text
    doc = status_json(db)
    case = doc["case"]
    assert (case["state"], case["formed_on"], case["fo_version"], case["pending_version"]) == (
        "formed",
        "2022-06-14",
        1,
        None,
    )
    # Appeal periods: anslag + 3 weeks → 2022-07-08 (Solna) and 2022-07-11 (region); final the day after.
    assert case["final_on"] == "2022-07-12"
    assert {p["name"]: p["appeal_ends_on"] for p in doc["parties"]} == {
        "Solna stad": "2022-07-08",
        "Region Stockholm": "2022-07-11",
        "Försäkringskassan": None,
        "Arbetsförmedlingen": None,
    }
    assert all(p["state"] == "approved" and p["approved_version"] == 1 for p in doc["parties"])
    events = json.loads(run(db, "log", "--json").stdout)
    assert len(events) == 1 + 4 + 1 + 14
    assert {e["actor"] for e in events} == {"e2e"}


# ---- fo check ----------------------------------------------------------------------------------------


def test_fo_check(tmp_path: Path, sample_fo: Path) -> None:
    ok = run(tmp_path / "unused.db", "fo", "check", str(sample_fo))
    assert ok.stdout.strip()
    text = sample_fo.read_text(encoding="utf-8")
    start = text.index("## § 20 Tvister")
    end = text.index("## ", start + 3)
    without = tmp_path / "utan_tvister.md"
    without.write_text(text[:start] + text[end:], encoding="utf-8")
    missing = run(tmp_path / "unused.db", "fo", "check", str(without), expect=1)
    assert re.search(r"tvist", missing.stdout, re.IGNORECASE)
    assert not (tmp_path / "unused.db").exists()  # a check never touches a database
