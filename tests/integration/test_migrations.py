"""Upgrading a database that already holds a case: from the first schema to the newest, on each backend.

SQLite alters tables by copying them, which a referenced table (cases) only survives when foreign keys
are off during the migration; this holds that the data comes through whole and consistent."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from formation.bootstrap import make_services
from formation.clock import FixedClock
from formation.reports.status import status_document
from formation.store.database import HEAD_REVISION, MIGRATIONS, create_database_engine, current_revision, migrate
from tests.coordinator import Coordinator


def _at_first_revision_with_a_case(url: str) -> None:
    engine = create_database_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            connection.execute(
                text("INSERT INTO cases (id, slug, name, created_at, revision) VALUES (1, 'gammal', 'Gammalt', :t, 2)"),
                {"t": datetime(2015, 5, 1, tzinfo=UTC)},
            )
            connection.execute(
                text(
                    "INSERT INTO parties (id, case_id, position, slug, name, kind, observer) "
                    "VALUES (1, 1, 0, 'solna', 'Solna', 'kommun', false)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO events (case_id, seq, type, actor, recorded_at, party, data) VALUES "
                    "(1, 1, 'case_created', 'a', :t, NULL, :created), (1, 2, 'party_added', 'a', :t, 'solna', :party)"
                ),
                {
                    "t": datetime(2015, 5, 1, tzinfo=UTC),
                    "created": '{"name": "Gammalt", "slug": "gammal"}',
                    "party": '{"slug": "solna", "name": "Solna", "kind": "kommun"}',
                },
            )
            connection.execute(text("INSERT INTO party_progress (party_id, state) VALUES (1, 'forstudie')"))
            for step in ("forstudie", "inriktningsbeslut", "namnd", "styrelse", "fullmaktige"):
                connection.execute(
                    text("INSERT INTO step_records (party_id, step_id, status) VALUES (1, :s, 'pending')"), {"s": step}
                )
    finally:
        engine.dispose()


def test_a_database_with_data_upgrades_to_the_newest_schema(db_url: str) -> None:
    _at_first_revision_with_a_case(db_url)
    engine = create_database_engine(db_url)
    try:
        migrate(engine)
        assert current_revision(engine) == HEAD_REVISION
        with engine.connect() as connection:
            assert connection.execute(text("SELECT no_region FROM cases")).scalar() in (False, 0)
    finally:
        engine.dispose()
    services = Coordinator(make_services(db=db_url, clock=FixedClock(date(2026, 11, 23)), actor="test"))
    try:
        services.decide("Solna", "forstudie", outcome="bifall", on=date(2015, 6, 1))
        doc = status_document(services.view())
        assert [(p["name"], p["state"]) for p in doc["parties"]] == [("Solna", "inriktningsbeslut")]
        assert len(services.events()) == 3
    finally:
        services.engine.dispose()
