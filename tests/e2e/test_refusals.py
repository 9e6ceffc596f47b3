"""The refusal contract: every bad command exits 2 with one Swedish sentence on stderr and changes nothing."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from formation.bootstrap import make_services
from formation.clock import FixedClock
from tests.coordinator import Coordinator
from tests.e2e.cli_support import (
    SWEDISH,
    TODAY,
    run,
    run_installed,
)

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
    services = Coordinator(make_services(db=str(path), clock=FixedClock(date.fromisoformat(TODAY)), actor="e2e"))
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
    "unknown step": ("decide", "Solna stad", "rubbet", "--outcome", "bifall", "--date", "2022-03-01"),
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
    "party with a taken kortnamn": ("party", "add", "Sölna stad", "--kind", "kommun"),
    "party name without a kortnamn": ("party", "add", "עיריית תל אביב", "--kind", "kommun"),
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
    "overlong party name": ("party", "add", "Å" * 201, "--kind", "kommun"),
    "terminal escape in a name": ("party", "add", "Solna\x1b[31m röd", "--kind", "kommun"),
    "overlong dnr": (
        "decide", "Solna stad", "inriktningsbeslut", "--outcome", "bifall", "--date", "2022-03-01", "--dnr", "1" * 101,
    ),
    "malformed population": ("party", "add", "Sundbyberg", "--kind", "kommun", "--population", "många"),
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
    """Every bad command, each on its own copy of the same base database; the tests below check each result."""
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

    return {label: attempt((label, template)) for label, template in BAD_COMMANDS.items()}


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
        "unknown step": "rubbet",
        "out of order": "formation skip",
        "bad date format": "ÅÅÅÅ-MM-DD",
        "future date": "framtiden",
        "unknown outcome": "kanske",
        "date before the previous step": "2022-01-10",
        "kommunalforbund as member": "--observer",
        "unknown kind": "stat",
        "duplicate party": "finns redan",
        "party with a taken kortnamn": "samma kortnamn (solna-stad) som Solna stad",
        "party name without a kortnamn": "latinska bokstäver",
        "fo add of a missing file": "finns inte",
        "fo add of the same text": "v1",
        "decide on an approved party": "redan godkänt",
        "skip of the approving step": "ej aktuellt",
        "anslag on an agency decision": "anslås inte",
        "missing required option": "--date",
        "unknown option": "--datum",
        "unknown case": "nacka",
        "init with a taken slug": "solna",
        "overlong party name": "högst 200 tecken",
        "terminal escape in a name": "styrtecken",
        "overlong dnr": "högst 100 tecken",
        "malformed population": "inget heltal",
    }
    assert set(expected) == set(BAD_COMMANDS)
    wrong = {label: refusals[label].stderr for label, part in expected.items() if part not in refusals[label].stderr}
    assert wrong == {}


def test_the_installed_command_refuses_the_same_way(tmp_path: Path, sample_fo: Path) -> None:
    db = tmp_path / "formation.db"
    base_case(db, sample_fo)
    before = db_digest(db)
    result = run_installed(db, "decide", "Okänd kommun", "forstudie", "--outcome", "bifall", "--date", "2022-03-01",
                           expect=2)
    assert result.stdout == "" and "Okänd kommun" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert db_digest(db) == before
