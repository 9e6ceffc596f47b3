"""What a coordinator types for --db / FORMATION_DB, and what PostgreSQL answers when it cannot connect: one
Swedish sentence each, exit 2, never the password."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.hardening.support import cli, one_sentence


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://[::1",
        "postgresql://user:secret@host:notaport/db",
        "postgresql://user@host:99999/db",
        "weird+driver://x",
        "mysql://u:p@localhost/db",
        "://nothing",
        "sqlite:////no/such/folder/x.db",
        "postgresql:/formation:secret@127.0.0.1/db",  # a slash missing: was taken for a file name, password shown
        "postgres:formation:secret@127.0.0.1/db",
    ],
)
def test_malformed_database_url_is_one_sentence(url: str) -> None:
    """Was: ValueError / NoSuchModuleError, exit 70 (and the password echoed)."""
    outcome = cli(url, "status")
    assert outcome.code == 2, outcome
    assert one_sentence(outcome), outcome
    assert "secret" not in outcome.stderr


def test_a_url_without_its_slashes_says_what_is_missing() -> None:
    outcome = cli("postgresql:/formation:secret@127.0.0.1/db", "status")
    assert outcome.stderr.strip() == (
        "Databasadressen 'postgresql:…@127.0.0.1/db' saknar '//' efter 'postgresql:'; skriv till exempel "
        "postgresql://användare:lösenord@server/databas."
    )


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg2://formation:secret@127.0.0.1:1/db",  # a guide's driver: was exit 70, no module
        "postgresql+asyncpg://formation:secret@127.0.0.1:1/db",
        "POSTGRESQL://formation:secret@127.0.0.1:1/db",  # was 'a database that is not supported'
    ],
)
def test_any_postgresql_spelling_is_opened_with_the_installed_driver(url: str) -> None:
    """Port 1: nothing listens, so the answer is the sentence for a server that does not answer."""
    outcome = cli(url, "status")
    assert (outcome.code, outcome.stderr.strip()) == (2, "Ingen PostgreSQL-server svarar på 127.0.0.1:1.")


@pytest.mark.postgres
def test_what_postgresql_says_of_a_wrong_password_or_database_is_said_in_swedish(pg_url: str) -> None:
    base, database = pg_url.rsplit("/", 1)
    wrong_password = base.replace(":formation@", ":fel@")
    outcome = cli(f"{wrong_password}/{database}", "status")
    host = base.rsplit("@", 1)[1]
    assert outcome.stderr.strip() == f"Fel användarnamn eller lösenord (formation) för PostgreSQL på {host}."
    outcome = cli(f"{base}/finns_inte", "status")
    assert outcome.stderr.strip() == f"Databasen finns_inte finns inte på {host}; skapa den först (createdb)."
    outcome = cli(f"{base}/{database}?foo=bar", "status")
    assert outcome.stderr.strip() == "Databasadressen har ett okänt alternativ, 'foo'."


@pytest.mark.parametrize("name", ["q%41.db", "a?b.db", "h#x.db"])
def test_a_file_name_with_url_characters_is_the_file_opened(tmp_path: Path, name: str) -> None:
    """Was: 'q%41.db' opened (and created) 'qA.db', 'a?b.db' opened 'a': the path went into the URL as it was."""
    database = tmp_path / name
    assert cli(database, "init", "Test", "--slug", "t").code == 0
    assert cli(database, "status").code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [name]


def test_a_file_name_that_is_not_utf8_is_one_sentence(tmp_path: Path) -> None:
    """Was: UnicodeEncodeError, exit 70 (and a traceback in a TUI opened on its stored frame)."""
    outcome = cli(tmp_path / os.fsdecode(b"bad\xff.db"), "init", "Test", "--slug", "t")
    assert (outcome.code, outcome.stderr.strip()) == (
        2,
        "Sökvägen till databasen har ett tecken som inte är UTF-8; byt namn på filen eller katalogen.",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_database_of_a_newer_formation_is_said_in_swedish(tmp_path: Path) -> None:
    """Was: "Databasen kunde inte öppnas: Can't locate revision identified by '0099'" (Alembic's English)."""
    database = tmp_path / "t.db"
    assert cli(database, "init", "Test", "--slug", "t").code == 0
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    outcome = cli(database, "status")
    assert outcome.code == 2 and one_sentence(outcome), outcome
    assert "schemaversion 0099" in outcome.stderr and "nyare formation" in outcome.stderr
