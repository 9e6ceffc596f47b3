"""`doctor`, `backup` and `restore`: clean on a sound database, a precise report (exit 1) on a damaged one,
consistent copies while another thread writes, and restores that refuse to overwrite a case by accident."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from formation.bootstrap import make_services
from formation.case.commands import AddParty, InitCase
from formation.clock import FixedClock
from formation.domain.parties import PartyKind
from tests.hardening.support import cli, doctor_clean, one_sentence


def _sql(db: Path, *statements: str) -> None:
    connection = sqlite3.connect(db, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def _doctor_json(db: Path | str) -> tuple[int, dict[str, object]]:
    outcome = cli(db, "doctor", "--json")
    return outcome.code, json.loads(outcome.stdout)


def test_doctor_is_clean_on_the_demo(demo_db: Path) -> None:
    outcome = doctor_clean(demo_db)
    assert "inga fel" in outcome.stdout
    code, report = _doctor_json(demo_db)
    assert code == 0
    assert report["ok"] is True and report["problems"] == []
    assert report["cases"] == ["stockholm"]
    assert set(report["checks"]) >= {  # type: ignore[arg-type]
        "integrity_check",
        "foreign_key_check",
        "sequences",
        "replay_equals_projection",
        "version_hashes",
    }


@pytest.mark.postgres
def test_doctor_is_clean_on_postgres(pg_url: str) -> None:
    assert cli(pg_url, "demo", "--only", "stockholm").code == 0
    doctor_clean(pg_url)
    outcome = cli(pg_url, "backup", "/tmp/never-written.db")
    assert outcome.code == 2 and one_sentence(outcome)
    assert "pg_dump" in outcome.stderr and "formation:formation@" not in outcome.stderr
    assert not Path("/tmp/never-written.db").exists()


@pytest.mark.postgres
def test_a_postgres_write_behind_a_held_lock_gives_up_and_says_so(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write waited for ever behind a transaction holding the case (a CLI suspended with Ctrl-Z); now it
    gives up after the lock timeout (1 s here, 30 s in use) with one sentence, and nothing is written."""
    from sqlalchemy import create_engine, text

    from formation.errors import Refusal
    from formation.store import database

    monkeypatch.setattr(database, "LOCK_WAIT_SECONDS", 1)
    services = make_services(db=pg_url, clock=FixedClock(date(2026, 11, 23)))
    holder = create_engine(pg_url)
    try:
        services.handle(InitCase(name="Samordningsförbundet A", slug="aa"))
        revision = services.revision()
        with holder.begin() as connection:
            connection.execute(text("SELECT id FROM cases WHERE slug = 'aa' FOR UPDATE"))
            with pytest.raises(Refusal, match=r"^Ärendet var låst av en annan skrivning i \d+ sekunder"):
                services.handle(AddParty(name="Solna", kind=PartyKind.KOMMUN))
        assert services.revision() == revision
        services.handle(AddParty(name="Solna", kind=PartyKind.KOMMUN))  # the lock gone, the write goes through
    finally:
        services.engine.dispose()
        holder.dispose()


def test_a_sqlite_write_behind_a_held_lock_gives_up_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on PostgreSQL: one sentence (it said 'Databasen avvisade ändringen (database is locked)'), nothing written."""
    from formation.errors import Refusal
    from formation.store import database

    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 200)
    db = tmp_path / "l.db"
    services = make_services(db=str(db), clock=FixedClock(date(2026, 11, 23)))
    try:
        services.handle(InitCase(name="Samordningsförbundet A", slug="aa"))
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(Refusal, match=r"^Ärendet var låst av en annan skrivning i \d+ sekunder"):
                services.handle(AddParty(name="Solna", kind=PartyKind.KOMMUN))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert services.view().projection.parties == {}
    finally:
        services.engine.dispose()


@pytest.mark.postgres
def test_processes_opening_a_new_postgres_database_at_once_all_get_the_schema(pg_url: str) -> None:
    """Two coordinators' first commands on an empty database both created the schema, and one failed on
    PostgreSQL's catalogue; the migration now takes a lock, and the later ones find the schema made."""
    codes: list[str] = []

    def first_command(n: int) -> None:
        services = make_services(db=pg_url, clock=FixedClock(date(2026, 11, 23)))
        try:
            codes.append(services.handle(InitCase(name=f"Förbund {n}", slug=f"f{n}")).slug)
        finally:
            services.engine.dispose()

    threads = [threading.Thread(target=first_command, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(codes) == ["f0", "f1", "f2"]
    doctor_clean(pg_url)


DAMAGE = {
    "gap": ("DELETE FROM events WHERE seq = 7", "sequence", "händelse 7 saknas"),
    "projection": (
        "UPDATE party_progress SET state = 'rejected'",
        "projection",
        "skiljer sig",
    ),
    "party-name": ("UPDATE parties SET name = 'Falsk' WHERE position = 0", "projection", "parties."),
    "version-text": ("UPDATE fo_versions SET text = text || 'x' WHERE number = 1", "version_hash", "v1"),
    "version-missing": ("DELETE FROM fo_versions WHERE number = 1", "version_text", "v1"),
    "revision": ("UPDATE cases SET revision = -1", "revision", "revision"),
    "undecodable": ("UPDATE events SET type = 'nonsense' WHERE seq = 3", "codec", "okänd typ"),
    "foreign-key": ("INSERT INTO party_progress (party_id, state) VALUES (99999, 'forstudie')", "foreign_keys", ""),
}


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_doctor_reports_damage_precisely(demo_db: Path, name: str) -> None:
    statement, code, words = DAMAGE[name]
    try:
        _sql(demo_db, statement)
    except sqlite3.DatabaseError as exc:  # a schema that forbids the damage is even better
        pytest.skip(f"the schema refuses it: {exc}")
    outcome = cli(demo_db, "doctor")
    assert outcome.code == 1, outcome
    assert words in outcome.stdout, outcome
    status, report = _doctor_json(demo_db)
    assert status == 1
    codes = [p["code"] for p in report["problems"]]  # type: ignore[union-attr, index]
    assert code in codes, report


def test_a_projection_doctor_flags_is_rebuilt_by_export_and_import_as_it_says(demo_db: Path, tmp_path: Path) -> None:
    """The stored state can differ from the replay after damage, or after a rule changed (a database written
    before the change): the remedy the report names works."""
    _sql(demo_db, "UPDATE party_progress SET state = 'rejected'")
    outcome = cli(demo_db, "doctor")
    assert outcome.code == 1 and "exportera ärendet och läs in det i en ny databas" in outcome.stdout
    assert cli(demo_db, "export", str(tmp_path / "case.json")).code == 0
    rebuilt = tmp_path / "rebuilt.db"
    assert cli(rebuilt, "import", str(tmp_path / "case.json")).code == 0
    doctor_clean(rebuilt)
    assert "Förbundet är BILDAT sedan 2016-02-22" in cli(rebuilt, "status").stdout


def test_doctor_refuses_a_missing_database(tmp_path: Path) -> None:
    outcome = cli(tmp_path / "none.db", "doctor")
    assert outcome.code == 2 and one_sentence(outcome)
    assert not (tmp_path / "none.db").exists()


# ---- backup and restore ------------------------------------------------------------------------------------------


# Between two writes the writers pause a moment, as every real writer does (a coordinator, the reminder runner):
# SQLite hands its write lock to whoever polls first, and a writer that takes it back at once would keep a restore
# waiting until it gives up (tested below).
PAUSE = 0.005


@pytest.fixture
def writer(demo_db: Path) -> Iterator[threading.Event]:
    """Another thread adding parties to the case (one event each, many a second) until told to stop."""
    stop = threading.Event()
    services = make_services(db=str(demo_db), clock=FixedClock(date(2026, 11, 23)), actor="writer")
    errors: list[BaseException] = []

    def run() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            try:
                services.handle(AddParty(name=f"Kommun {number}", kind=PartyKind.KOMMUN))
            except BaseException as exc:  # noqa: BLE001 - reported after the test
                errors.append(exc)
                return
            stop.wait(PAUSE)

    thread = threading.Thread(target=run)
    thread.start()
    yield stop
    stop.set()
    thread.join()
    services.engine.dispose()
    assert not errors, errors


def test_backup_while_another_thread_writes(demo_db: Path, tmp_path: Path, writer: threading.Event) -> None:
    copies = []
    for index in range(5):
        copy = tmp_path / f"backup-{index}.db"
        outcome = cli(demo_db, "backup", str(copy))
        assert outcome.code == 0, outcome
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert not copy.with_name(copy.name + "-wal").exists()
        copies.append(copy)
    writer.set()
    counts = set()
    for copy in copies:
        doctor_clean(copy)
        connection = sqlite3.connect(copy)
        counts.add(connection.execute("SELECT count(*) FROM events").fetchone()[0])
        connection.close()
    assert min(counts) >= 45


def test_backup_refuses_to_overwrite_and_symlinks(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "backup.db"
    assert cli(demo_db, "backup", str(copy)).code == 0
    outcome = cli(demo_db, "backup", str(copy))
    assert outcome.code == 2 and one_sentence(outcome)
    assert cli(demo_db, "backup", str(copy), "--force").code == 0
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "elsewhere.db")
    assert cli(demo_db, "backup", str(link), "--force").code == 2
    assert not (tmp_path / "elsewhere.db").exists()


def test_restore_into_a_new_database_and_over_a_case(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "backup.db"
    assert cli(demo_db, "backup", str(copy)).code == 0
    fresh = tmp_path / "fresh.db"
    outcome = cli(fresh, "restore", str(copy))
    assert outcome.code == 0, outcome
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    doctor_clean(fresh)
    assert json.loads(cli(fresh, "status", "--json").stdout) == json.loads(cli(demo_db, "status", "--json").stdout)
    # a database that holds a case is not overwritten without --force
    assert cli(demo_db, "party", "add", "Solna stad", "--kind", "kommun").code == 0
    outcome = cli(demo_db, "restore", str(copy))
    assert outcome.code == 2 and one_sentence(outcome) and "--force" in outcome.stderr
    assert "Solna stad" in cli(demo_db, "party", "list").stdout
    outcome = cli(demo_db, "restore", str(copy), "--force")
    assert outcome.code == 0, outcome
    assert "Solna stad" not in cli(demo_db, "party", "list").stdout
    doctor_clean(demo_db)


def test_restore_while_another_thread_writes(demo_db: Path, tmp_path: Path, writer: threading.Event) -> None:
    copy = tmp_path / "backup.db"
    assert cli(demo_db, "backup", str(copy)).code == 0
    outcome = cli(demo_db, "restore", str(copy), "--force")
    assert outcome.code == 0, outcome
    writer.set()


def test_a_restore_gives_up_on_a_database_others_keep_locked(demo_db: Path, tmp_path: Path) -> None:
    from formation.errors import Refusal
    from formation.store.backup import restore_sqlite

    copy = tmp_path / "backup.db"
    assert cli(demo_db, "backup", str(copy)).code == 0
    assert cli(demo_db, "party", "add", "Solna stad", "--kind", "kommun").code == 0
    holder = sqlite3.connect(demo_db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer, in the middle of its transaction
        with pytest.raises(Refusal) as refused:
            restore_sqlite(copy, demo_db, force=True, wait_seconds=0.5)
    finally:
        holder.close()
    assert "låst av andra" in str(refused.value) and "ingenting återställdes" in str(refused.value)
    assert "Solna stad" in cli(demo_db, "party", "list").stdout
    doctor_clean(demo_db)


def test_restore_after_a_concurrent_write_leaves_a_sound_database(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "backup.db"
    assert cli(demo_db, "backup", str(copy)).code == 0
    stop = threading.Event()
    services = make_services(db=str(demo_db), clock=FixedClock(date(2026, 11, 23)), actor="writer")
    failures: list[BaseException] = []

    def run() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            try:
                services.handle(AddParty(name=f"Ort {number}", kind=PartyKind.KOMMUN))
            except Exception as exc:  # noqa: BLE001 - a refusal (stale revision) is fine; a crash is not
                from formation.errors import Refusal

                if not isinstance(exc, Refusal):
                    failures.append(exc)
                    return
            stop.wait(PAUSE)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert cli(demo_db, "restore", str(copy), "--force").code == 0
    finally:
        stop.set()
        thread.join()
        services.engine.dispose()
    assert not failures, failures
    doctor_clean(demo_db)


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200])
def test_restore_refuses_a_file_that_is_not_a_formation_database(tmp_path: Path, content: bytes) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(content)
    target = tmp_path / "target.db"
    outcome = cli(target, "restore", str(bogus))
    assert outcome.code == 2 and one_sentence(outcome), outcome
    assert not target.exists() or target.stat().st_size == 0


def test_restore_refuses_another_sqlite_database(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    outcome = cli(tmp_path / "target.db", "restore", str(other))
    assert outcome.code == 2 and "formation" in outcome.stderr, outcome


def test_restore_migrates_an_old_backup(tmp_path: Path) -> None:
    legacy = Path(__file__).parents[1] / "fixtures" / "legacy_f50fc80" / "legacy.db"
    target = tmp_path / "restored.db"
    outcome = cli(target, "restore", str(legacy))
    assert outcome.code == 0, outcome
    doctor_clean(target)
    assert os.path.getsize(legacy) > 0
