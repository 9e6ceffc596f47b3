"""Shared fixtures: a database per test on every backend, services on a fixed day, and a comparable
form of the projection (for "replay equals projection").

PostgreSQL runs when FORMATION_TEST_PG_URL names a server (`eval "$(bash scripts/postgres.sh --no-install)"`);
each test gets its own freshly created database, dropped afterwards. Without the URL those tests are skipped,
unless FORMATION_REQUIRE_PG=1 (CI), where a missing or unreachable server fails them instead.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from formation.bootstrap import make_services
from formation.case.projection import CaseProjection
from formation.clock import FixedClock
from formation.services import Services
from tests.coordinator import Coordinator

TODAY = date(2026, 11, 23)
PG_URL_ENV = "FORMATION_TEST_PG_URL"
REQUIRE_PG_ENV = "FORMATION_REQUIRE_PG"

OpenServices = Callable[..., Services]


def _pg_unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_PG_ENV) == "1":
        pytest.fail(f"{reason}, and {REQUIRE_PG_ENV}=1 requires the PostgreSQL tests to run")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_maintenance() -> Iterator[Engine]:
    """An AUTOCOMMIT connection to the server in FORMATION_TEST_PG_URL, for CREATE/DROP DATABASE."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        _pg_unavailable(f"{PG_URL_ENV} is not set")
    assert url is not None
    engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        # The URL was given on purpose: a server that does not answer is a failure, not a skip.
        pytest.fail(f"PostgreSQL at {PG_URL_ENV} does not answer: {str(exc).splitlines()[0]}")
    yield engine
    engine.dispose()


OBJECT_IN_USE = "55006"


def _with_retries(maintenance: Engine, sql: str, again: Callable[[DBAPIError], bool]) -> None:
    """Run `sql` on the maintenance connection; an error `again` accepts is tried again a second later, up to five
    times in all (then raised): the server's own waits for autovacuum are on the wall clock too."""
    for attempt in range(5):
        try:
            with maintenance.connect() as connection:
                connection.execute(text(sql))
            return
        except DBAPIError as exc:
            if not again(exc) or attempt == 4:
                raise
            time.sleep(1)


def _create_pg_database(maintenance: Engine, name: str, template: str | None) -> None:
    """CREATE DATABASE, as a copy of `template` when given. PostgreSQL refuses to copy a database someone is
    connected to; autovacuum visits every database now and then, and the server waits only five seconds for it to
    leave, which a loaded machine can exceed. Such a refusal is tried again; any other error is not."""
    copy = f' TEMPLATE "{template}"' if template else ""
    _with_retries(
        maintenance, f'CREATE DATABASE "{name}"{copy}', lambda exc: getattr(exc.orig, "sqlstate", None) == OBJECT_IN_USE
    )


def _fresh_pg_database(maintenance: Engine, *, template: str | None = None) -> Iterator[str]:
    name = f"formation_t_{uuid.uuid4().hex[:16]}"
    _create_pg_database(maintenance, name, template)
    try:
        yield maintenance.url.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_pg_database(maintenance, name)


def _drop_pg_database(maintenance: Engine, name: str) -> None:
    """DROP DATABASE WITH (FORCE): a test that failed halfway may still hold a connection. Autovacuum may be in
    the database too; without the right to signal it (scripts/postgres.sh grants it) the drop is refused, and
    tried again once the worker is done. A database that still cannot be dropped is left, with a warning: the
    test's outcome is its own, not its cleanup's."""
    try:
        _with_retries(maintenance, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', lambda exc: True)
    except DBAPIError as exc:
        warnings.warn(f"the test database {name} was left: {str(exc).splitlines()[0]}", stacklevel=1)


@pytest.fixture(autouse=True, scope="session")
def _isolated_from_the_users_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No FORMATION_* variable or formation.toml of the person running the tests leaks in."""
    kept = (PG_URL_ENV, REQUIRE_PG_ENV)
    saved = {k: v for k, v in os.environ.items() if k.startswith("FORMATION_") and k not in kept}
    for key in saved:
        del os.environ[key]
    os.environ["FORMATION_CONFIG"] = str(tmp_path_factory.mktemp("config") / "absent-formation.toml")
    yield
    os.environ.pop("FORMATION_CONFIG", None)
    os.environ.update(saved)


@pytest.fixture(autouse=True)
def _default_reminder_policy() -> Iterator[None]:
    """Each test starts from the default reminder policy: `make_services` sets the process's policy from the
    config file, and a test with its own [reminders] would otherwise change the reminders of the tests that run
    after it in the same worker, whichever they are in that run's order."""
    from formation.schedule.policy import ReminderPolicy, configure_policy

    configure_policy(ReminderPolicy())
    yield
    configure_policy(ReminderPolicy())


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend, "sqlite" or "postgres"; every database fixture of a test uses the same one."""
    return str(request.param)


def _new_database(request: pytest.FixtureRequest, backend: str, path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{path}"
        return
    yield from _fresh_pg_database(request.getfixturevalue("pg_maintenance"))


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file in tmp_path, or a new PostgreSQL database."""
    yield from _new_database(request, backend, tmp_path / "formation.db")


@pytest.fixture
def another_db_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[str]:
    """A second fresh database on the same backend (e.g. to import an export into)."""
    yield from _new_database(request, backend, tmp_path / "other.db")


@pytest.fixture
def pg_url(pg_maintenance: Engine) -> Iterator[str]:
    """A fresh PostgreSQL database, for tests that move data between the backends (mark them postgres)."""
    yield from _fresh_pg_database(pg_maintenance)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file database only, for tests of the rules (the backends are covered by the contract test)."""
    return f"sqlite:///{tmp_path / 'formation.db'}"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def open_services(clock: FixedClock) -> Iterator[OpenServices]:
    """Opens Services on a database URL (each open runs the migration check); all engines are disposed
    at teardown, before the database itself is dropped."""
    opened: list[Services] = []

    def _open(url: str, *, case: str | None = None, actor: str = "test") -> Services:
        services = make_services(db=url, case=case, clock=clock, actor=actor)
        opened.append(services)
        return Coordinator(services)  # type: ignore[return-value]

    yield _open
    for services in opened:
        services.engine.dispose()


@pytest.fixture
def services(db_url: str, open_services: OpenServices) -> Services:
    """Services on the parametrized backend, today fixed at 2026-11-23."""
    return open_services(db_url)


@pytest.fixture
def sqlite_services(sqlite_url: str, open_services: OpenServices) -> Services:
    """Services on a SQLite file, today fixed at 2026-11-23."""
    return open_services(sqlite_url)


def canonical_projection(projection: CaseProjection) -> dict[str, Any]:
    """A projection as plain, comparable data: everything `status` reads, nothing transient."""

    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    def appeal(progress: Any) -> dict[str, Any] | None:
        info = getattr(progress, "appeal", None)
        if info is None:
            return None
        return {
            "filed_on": iso(info.filed_on),
            "appellant": info.appellant,
            "court": info.court,
            "decided_on": iso(info.decided_on),
            "outcome": info.outcome.value if info.outcome else None,
        }

    return {
        "current_version": projection.current_version,
        "in_force_version": projection.in_force_version,
        "formed_on": iso(projection.formed_on),
        "target_start": iso(projection.target_start),
        "versions": {
            number: {
                "sha256": v.sha256,
                "added_on": iso(v.added_on),
                "start_date": iso(v.start_date),
                "in_force": v.in_force,
            }
            for number, v in sorted(projection.versions.items())
        },
        "parties": {
            slug: {
                "name": p.info.name,
                "kind": p.info.kind.value,
                "observer": p.info.observer,
                "member_since": iso(p.info.member_since),
                "workflow": [s.id for s in p.workflow.steps],
                "state": p.state,
                "display_state": p.display_state,
                "approved_version": p.approved_version,
                "approved_on": iso(p.approved_on),
                "anslag_on": iso(p.anslag_on),
                "leaves_on": iso(getattr(p, "leaves_on", None)),
                "appeal": appeal(p),
                "steps": {
                    step_id: {
                        "status": r.status.value,
                        "date": iso(r.date),
                        "outcome": r.outcome.value if r.outcome else None,
                        "fo_version": r.fo_version,
                        "reason": r.reason,
                    }
                    for step_id, r in p.steps.items()
                },
            }
            for slug, p in projection.parties.items()
        },
        "board": [
            {
                "party": s.party,
                "person": s.person,
                "role": s.role,
                "term_start": iso(s.term_start),
                "term_end": iso(s.term_end),
                "fullmaktige": s.fullmaktige,
                "employed_by": s.employed_by,
            }
            for s in getattr(projection, "board", [])
        ],
    }


@pytest.fixture
def canonical() -> Callable[[CaseProjection], dict[str, Any]]:
    """`canonical_projection`, as a fixture so test modules need not import conftest."""
    return canonical_projection


class DemoTemplates:
    """The Stockholm demo, created once per backend and copied for each test that starts from it
    (running the demo takes ~40 commands)."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._sqlite: Path | None = None
        self._pg: tuple[Engine, str] | None = None

    @staticmethod
    def _create(url: str) -> None:
        from formation.io.demo import create_demo

        services = make_services(db=url, clock=FixedClock(TODAY), actor="test")
        try:
            create_demo(services)
        finally:
            services.engine.dispose()  # checkpoints SQLite's WAL into the file; frees a PG template

    def sqlite_file(self) -> Path:
        if self._sqlite is None:
            path = self._directory / "demo.db"
            self._create(f"sqlite:///{path}")
            self._sqlite = path
        return self._sqlite

    def pg_template(self, maintenance: Engine) -> str:
        if self._pg is None:
            name = f"formation_demo_{uuid.uuid4().hex[:12]}"
            with maintenance.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            self._pg = (maintenance, name)
            self._create(maintenance.url.set(database=name).render_as_string(hide_password=False))
        return self._pg[1]

    def drop(self) -> None:
        if self._pg is not None:
            maintenance, name = self._pg
            _drop_pg_database(maintenance, name)
            maintenance.dispose()


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoTemplates]:
    templates = DemoTemplates(tmp_path_factory.mktemp("demo"))
    yield templates
    templates.drop()


@pytest.fixture
def demo_db_url(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path, demo_templates: DemoTemplates
) -> Iterator[str]:
    """A fresh database holding a copy of the Stockholm demo case (`formation demo`)."""
    if backend == "sqlite":
        target = tmp_path / "formation.db"
        shutil.copyfile(demo_templates.sqlite_file(), target)
        yield f"sqlite:///{target}"
        return
    maintenance = request.getfixturevalue("pg_maintenance")
    yield from _fresh_pg_database(maintenance, template=demo_templates.pg_template(maintenance))


@pytest.fixture
def demo_services(demo_db_url: str, open_services: OpenServices) -> Services:
    """Services on a copy of the Stockholm demo case."""
    return open_services(demo_db_url)


# ---- the sample förbundsordning ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_fo() -> Iterator[Path]:
    with as_file(files("formation.io.samples") / "forbundsordning_stockholm.md") as path:
        yield path


@pytest.fixture
def fo_text() -> str:
    with as_file(files("formation.io.samples") / "forbundsordning_stockholm.md") as source:
        return source.read_text(encoding="utf-8")


@pytest.fixture
def fo_file(tmp_path: Path, fo_text: str) -> Path:
    path = tmp_path / "forbundsordning_v1.md"
    path.write_text(fo_text, encoding="utf-8")
    return path


@pytest.fixture
def fo_file_v2(tmp_path: Path, fo_text: str) -> Path:
    path = tmp_path / "forbundsordning_v2.md"
    path.write_text(fo_text + "\n## § 23 Ändring\n\nTillagd 2023.\n", encoding="utf-8")
    return path
