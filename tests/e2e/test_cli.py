"""The `formation` command line as a subprocess, the way a coordinator runs it: the demo, a whole case built
command by command, `fo check`, export/import, the log, and the refusal contract (exit 2, one Swedish
sentence on stderr, nothing on stdout, the database file byte-for-byte unchanged)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest

from formation.bootstrap import make_services
from formation.clock import FixedClock

FORMATION = Path(sys.executable).with_name("formation")
TODAY = "2026-11-23"
PARTY_NAMES = ("Stockholms stad", "Stockholms läns landsting", "Försäkringskassan", "Arbetsförmedlingen")
SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(saknas|finns|inte|okänd|okänt|redan|ange|välj|kan|ingen|inget)\b", re.IGNORECASE)
STATUS_CASE_KEYS = {"name", "slug", "state", "formed_on", "final_on", "fo_version", "pending_version", "as_of"}
STATUS_PARTY_KEYS = {
    "name",
    "slug",
    "kind",
    "state",
    "approved_version",
    "approved_on",
    "appeal_ends_on",
    "next_deadline",
    "steps",
}
STATUS_STEP_KEYS = {"id", "status", "date", "outcome"}


@pytest.fixture(scope="module")
def sample_fo() -> Iterator[Path]:
    with as_file(files("formation.samples") / "forbundsordning_stockholm.md") as path:
        yield path


def cli_env(db: Path, config_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMATION_")}
    env.update(
        FORMATION_DB=str(db),
        FORMATION_TODAY=TODAY,
        FORMATION_ACTOR="e2e",
        FORMATION_CONFIG=str(config_dir / "formation.toml"),  # absent: no user settings leak in
    )
    return env


def run(db: Path, *args: str, expect: int | None = 0) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(FORMATION), *args],
        env=cli_env(db, db.parent),
        capture_output=True,
        text=True,
        timeout=60,
    )
    if expect is not None:
        assert result.returncode == expect, (args, result.returncode, result.stdout, result.stderr)
    return result


def status_json(db: Path, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(run(db, "status", "--json", *args).stdout)
    return doc


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`formation demo` run once; the tests using it only read (status, log, export)."""
    db = tmp_path_factory.mktemp("demo") / "formation.db"
    out = run(db, "demo").stdout
    assert "stockholm" in out
    return db


# ---- the demo ----------------------------------------------------------------------------------------


def test_demo_status_text(demo_db: Path) -> None:
    out = run(demo_db, "status").stdout
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
    assert len(text.strip().splitlines()) == len(entries)
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

    with ThreadPoolExecutor(max_workers=4) as pool:
        outputs = dict(zip(CHAINS, pool.map(decide_chain, CHAINS), strict=True))
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


# ---- the refusal contract ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """One refused command's result and the database around it."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    before: str
    after: str
    wal_bytes: int


def base_case(path: Path, fo: Path) -> None:
    """A forming case: four parties, v1, Försäkringskassan approved, Solna at förstudie."""
    services = make_services(db=str(path), clock=FixedClock(date.fromisoformat(TODAY)), actor="e2e")
    try:
        services.init_case("Samordningsförbundet Solna", slug="solna")
        for name, kind in (
            ("Solna stad", "kommun"),
            ("Region Stockholm", "region"),
            ("Försäkringskassan", "forsakringskassan"),
            ("Arbetsförmedlingen", "arbetsformedlingen"),
        ):
            services.add_party(name, kind)
        services.add_fo(fo, on=date(2022, 2, 1))
        services.decide("Försäkringskassan", "forstudie", outcome="bifall", on=date(2022, 1, 10))
        services.decide("Försäkringskassan", "beslut", outcome="bifall", on=date(2022, 3, 1))
        services.decide("Solna stad", "forstudie", outcome="bifall", on=date(2022, 1, 10))
    finally:
        services.engine.dispose()  # checkpoints the WAL into the main file


BAD_COMMANDS: dict[str, tuple[str, ...]] = {
    "unknown party": ("decide", "Okänd kommun", "inriktningsbeslut", "--outcome", "bifall", "--date", "2022-03-01"),
    "unknown step": ("decide", "Solna stad", "kf", "--outcome", "bifall", "--date", "2022-03-01"),
    "out of order": ("decide", "Solna stad", "styrelse", "--outcome", "bifall", "--date", "2022-03-01"),
    "bad date format": ("decide", "Solna stad", "inriktningsbeslut", "--outcome", "bifall", "--date", "1/3/2022"),
    "future date": ("decide", "Solna stad", "inriktningsbeslut", "--outcome", "bifall", "--date", "2026-11-24"),
    "unknown outcome": ("decide", "Solna stad", "inriktningsbeslut", "--outcome", "kanske", "--date", "2022-03-01"),
    "date before the previous step": (
        "decide", "Solna stad", "inriktningsbeslut", "--outcome", "bifall", "--date", "2022-01-09",
    ),
    "kommunalforbund as member": ("party", "add", "KSON", "--kind", "kommunalforbund"),
    "unknown kind": ("party", "add", "Staten", "--kind", "stat"),
    "duplicate party": ("party", "add", "solna STAD", "--kind", "kommun"),
    "fo add of a missing file": ("fo", "add", "/finns/inte/forbundsordning.md"),
    "fo add of the same text": ("fo", "add", "{sample}"),
    "decide on an approved party": (
        "decide", "Försäkringskassan", "beslut", "--outcome", "bifall", "--date", "2022-04-01",
    ),
    "skip of the approving step": ("skip", "Solna stad", "fullmaktige", "--reason", "behövs inte"),
    "anslag on an agency decision": (
        "decide", "Arbetsförmedlingen", "forstudie", "--outcome", "bifall", "--date", "2022-03-01",
        "--anslag", "2022-03-03",
    ),
    "missing required option": ("decide", "Solna stad", "inriktningsbeslut", "--outcome", "bifall"),
    "unknown option": ("decide", "Solna stad", "inriktningsbeslut", "--outcome", "bifall", "--date", "2022-03-01",
                       "--datum", "x"),
    "unknown case": ("--case", "nacka", "status"),
    "init with a taken slug": ("init", "Samordningsförbundet Solna igen", "--slug", "solna"),
}  # fmt: skip


def db_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sql_dump(path: Path, workdir: Path) -> str:
    """The logical content, read from a copy (with its WAL) so the original is not checkpointed."""
    copy = workdir / f"dump_{path.name}"
    shutil.copyfile(path, copy)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    connection = sqlite3.connect(copy)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def refusals(tmp_path_factory: pytest.TempPathFactory, sample_fo: Path) -> dict[str, Refused]:
    """Every bad command, each on its own copy of the same base database, run in parallel to keep the
    suite fast; the tests below check each result."""
    workdir = tmp_path_factory.mktemp("refusals")
    base = workdir / "base.db"
    base_case(base, sample_fo)
    assert not base.with_name("base.db-wal").exists() or base.with_name("base.db-wal").stat().st_size == 0

    def attempt(item: tuple[str, tuple[str, ...]]) -> Refused:
        label, template = item
        folder = workdir / re.sub(r"\W+", "_", label)
        folder.mkdir()
        db = folder / "formation.db"
        shutil.copyfile(base, db)
        args = tuple(a.replace("{sample}", str(sample_fo)) for a in template)
        before = db_digest(db)
        result = run(db, *args, expect=None)
        wal = db.with_name(db.name + "-wal")
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        # With the WAL left non-empty the main file alone says little: compare the logical content instead.
        after = db_digest(db) if wal_bytes == 0 else sql_dump(db, folder)
        if wal_bytes:
            before = sql_dump(base, folder)
        return Refused(args, result.returncode, result.stdout, result.stderr, before, after, wal_bytes)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip(BAD_COMMANDS, pool.map(attempt, BAD_COMMANDS.items()), strict=True))


@pytest.mark.parametrize("label", list(BAD_COMMANDS))
def test_a_bad_command_is_refused_in_one_swedish_sentence_and_writes_nothing(
    refusals: dict[str, Refused], label: str
) -> None:
    result = refusals[label]
    assert result.returncode == 2, result
    assert result.stdout == "", result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), result.stderr
    assert SWEDISH.search(lines[0]), lines[0]
    assert "Traceback" not in result.stderr
    assert result.wal_bytes == 0, f"{label}: the WAL was left with {result.wal_bytes} bytes"
    assert result.after == result.before, f"{label}: the database changed"


def test_refusal_messages_say_what_is_wrong(refusals: dict[str, Refused]) -> None:
    expected = {
        "unknown party": "Okänd kommun",
        "unknown step": "kf",
        "out of order": "formation skip",
        "bad date format": "ÅÅÅÅ-MM-DD",
        "future date": "framtiden",
        "unknown outcome": "kanske",
        "date before the previous step": "2022-01-10",
        "kommunalforbund as member": "--observer",
        "unknown kind": "stat",
        "duplicate party": "finns redan",
        "fo add of a missing file": "finns inte",
        "fo add of the same text": "v1",
        "decide on an approved party": "redan godkänt",
        "skip of the approving step": "ej aktuellt",
        "anslag on an agency decision": "--anslag",
        "missing required option": "--date",
        "unknown option": "--datum",
        "unknown case": "nacka",
        "init with a taken slug": "solna",
    }
    assert set(expected) == set(BAD_COMMANDS)
    wrong = {label: refusals[label].stderr for label, part in expected.items() if part not in refusals[label].stderr}
    assert wrong == {}
