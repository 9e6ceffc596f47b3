"""The store contract, run on every backend (SQLite file and PostgreSQL): migrations, many cases in one
database, the Stockholm demo end to end, replay equals projection, a lossless export/import, and that a
refused command writes nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine, event, inspect, text

from formation.case.history import replay
from formation.case.projection import CaseProjection
from formation.errors import Refusal
from formation.io.transfer import export_case, import_case
from formation.reports.status import status_document
from formation.services import Services
from formation.store.database import HEAD_REVISION, create_database_engine, migrate
from tests.coordinator import file_appeal, give_notice

if TYPE_CHECKING:
    from tests.conftest import DemoTemplates

Canonical = Callable[[CaseProjection], dict[str, Any]]


@pytest.fixture
def sample_fo(tmp_path: Path) -> Path:
    with as_file(files("formation.io.samples") / "forbundsordning_stockholm.md") as source:
        text_ = source.read_text(encoding="utf-8")
    path = tmp_path / "forbundsordning.md"
    path.write_text(text_, encoding="utf-8")
    return path


def add_four_parties(services: Services) -> None:
    services.add_party("Solna stad", "kommun")
    services.add_party("Region Stockholm", "region")
    services.add_party("Försäkringskassan", "forsakringskassan")
    services.add_party("Arbetsförmedlingen", "arbetsformedlingen")


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table, every table the migrations created (new ones are covered without editing this)."""
    names = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    with engine.connect() as connection:
        return {name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one() for name in names}


def stored_and_replayed(services: Services, canonical: Canonical) -> tuple[dict[str, Any], dict[str, Any]]:
    stored = canonical(services.view().projection)
    replayed = canonical(replay(services.events()))
    return stored, replayed


# ---- migrations ---------------------------------------------------------------------------------------


def test_migrations_apply_on_a_fresh_database_and_a_second_open_is_a_no_op(
    db_url: str, open_services: Callable[..., Services]
) -> None:
    services = open_services(db_url)
    names = set(inspect(services.engine).get_table_names())
    assert {"alembic_version", "cases", "parties", "fo_versions", "events", "party_progress", "step_records"} <= names
    with services.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
    services.init_case("Samordningsförbundet Solna")
    services.engine.dispose()

    # A second open checks the revision and writes nothing: no DDL, no DML, and the data is still there.
    engine = create_database_engine(db_url)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: statements.append(sql))
    try:
        migrate(engine)
    finally:
        engine.dispose()
    verbs = {"CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE"}
    writes = [s for s in statements if s.lstrip().split(None, 1)[0].upper() in verbs]
    assert writes == []
    again = open_services(db_url)
    assert again.view().case.slug == "samordningsforbundet-solna"


# ---- many cases in one database ---------------------------------------------------------------------


def test_one_database_holds_many_cases_and_case_is_required_when_several(
    db_url: str, open_services: Callable[..., Services]
) -> None:
    first = open_services(db_url)
    first.init_case("Samordningsförbundet Solna", slug="solna")
    first.add_party("Solna stad", "kommun")
    second = open_services(db_url)
    second.init_case("Samordningsförbundet Falun Borlänge", slug="falun-borlange")
    second.add_party("Falu kommun", "kommun")
    second.add_party("Borlänge kommun", "kommun")

    unnamed = open_services(db_url)
    with pytest.raises(Refusal, match=r"flera ärenden"):
        unnamed.view()
    with pytest.raises(Refusal, match=r"välj ett") as refused:
        unnamed.add_party("Region Dalarna", "region")
    assert refused.value.code == "several_cases"

    solna = open_services(db_url, case="solna")
    falun = open_services(db_url, case="falun-borlange")
    assert list(solna.view().projection.parties) == ["solna-stad"]
    assert list(falun.view().projection.parties) == ["falu-kommun", "borlange-kommun"]
    # Each case numbers its own events from 1.
    assert [e.seq for e in solna.events()] == [1, 2]
    assert [e.seq for e in falun.events()] == [1, 2, 3]

    with pytest.raises(Refusal, match="inget ärende 'nacka'"):
        open_services(db_url, case="nacka").view()
    with pytest.raises(Refusal, match="finns redan"):
        unnamed.init_case("Något annat", slug="solna")


# ---- the Stockholm demo -------------------------------------------------------------------------------


def test_stockholm_demo_is_formed_with_every_party_approving_v1(demo_services: Services) -> None:
    # demo_services is a copy of a database in which `create_demo` ran (once per backend per session).
    doc = status_document(demo_services.view())
    case = doc["case"]
    assert case["state"] == "formed"
    assert case["formed_on"] == "2016-02-22"
    assert case["final_on"] == "2016-03-19"
    assert case["fo_version"] == 1
    assert case["pending_version"] is None
    assert case["as_of"] == "2026-11-23"
    assert [p["name"] for p in doc["parties"]] == [
        "Stockholms stad",
        "Stockholms läns landsting",
        "Försäkringskassan",
        "Arbetsförmedlingen",
    ]
    for party in doc["parties"]:
        assert (party["state"], party["approved_version"]) == ("approved", 1), party["name"]
        assert all(step["status"] == "done" for step in party["steps"]), party["name"]
    assert doc["problems"] == []


def test_stored_projection_equals_replay(
    demo_services: Services,
    demo_db_url: str,
    open_services: Callable[..., Services],
    canonical: Canonical,
    sample_fo: Path,
) -> None:
    services = demo_services
    stored, replayed = stored_and_replayed(services, canonical)
    assert stored == replayed

    # A second case in the same database, with every kind of event, replays on its own.
    services.init_case("Samordningsförbundet Solna", slug="solna")
    add_four_parties(services)
    services.add_party("Kommunalförbundet Sjukvård och omsorg i Norrtälje", "kommunalforbund", observer=True)
    d = services.decide
    d("Solna stad", "forstudie", outcome="bifall", on=date(2021, 10, 5))
    d("Solna stad", "inriktningsbeslut", outcome="bordlagd", on=date(2021, 11, 1))
    d("Solna stad", "inriktningsbeslut", outcome="bifall", on=date(2021, 12, 6))
    services.skip("Solna stad", "namnd", reason="KS bereder ärendet direkt")
    services.add_fo(sample_fo, on=date(2022, 1, 10))
    d("Solna stad", "styrelse", outcome="aterremiss", on=date(2022, 2, 1))
    d("Region Stockholm", "forstudie", outcome="avslag", on=date(2022, 2, 2))
    d("Försäkringskassan", "forstudie", outcome="bifall", on=date(2022, 2, 3))
    d("Försäkringskassan", "beslut", outcome="bifall", on=date(2022, 3, 1))
    sample_fo.write_text(sample_fo.read_text(encoding="utf-8") + "\nÄndrad 2022.\n", encoding="utf-8")
    services.add_fo(sample_fo, on=date(2022, 4, 1))
    with pytest.raises(Refusal, match="ersatt"):  # issue 7: an approval of a replaced version is refused
        d("Försäkringskassan", "beslut", outcome="bifall", on=date(2022, 4, 5), fo_version=1)

    stored, replayed = stored_and_replayed(services, canonical)
    assert stored == replayed
    solna = stored["parties"]
    # Återremiss after a skipped nämnd: the matter stays with KS, back in preparation; KF does not re-decide.
    assert solna["solna-stad"]["display_state"] == "styrelse"
    assert solna["region-stockholm"]["display_state"] == "forstudie"  # reopened by v2
    assert (solna["forsakringskassan"]["state"], solna["forsakringskassan"]["approved_version"]) == ("beslut", 1)
    assert solna["forsakringskassan"]["steps"]["beslut"]["status"] == "pending"
    # The demo case is untouched by the second one.
    demo = open_services(demo_db_url, case="stockholm")
    assert canonical(demo.view().projection) == canonical(replay(demo.events()))
    assert status_document(demo.view())["case"]["state"] == "formed"


# ---- export / import ----------------------------------------------------------------------------------


def test_export_import_export_is_lossless(
    demo_services: Services, another_db_url: str, open_services: Callable[..., Services], canonical: Canonical
) -> None:
    services = demo_services
    exported = export_case(services)

    target = open_services(another_db_url)
    case = import_case(target, exported)
    assert case.slug == "stockholm"
    assert export_case(target) == exported
    assert canonical(target.view().projection) == canonical(services.view().projection)
    assert status_document(target.view(with_texts=True)) == status_document(services.view(with_texts=True))

    # Importing the same case again is refused and writes nothing.
    before = row_counts(target.engine)
    with pytest.raises(Refusal, match="finns redan"):
        import_case(target, exported)
    assert row_counts(target.engine) == before


@pytest.mark.postgres
def test_a_case_moves_from_sqlite_to_postgresql_and_back_losslessly(
    demo_templates: DemoTemplates, pg_url: str, tmp_path: Path, open_services: Callable[..., Services]
) -> None:
    """Moving to a shared PostgreSQL server is an export from SQLite and an import there."""
    sqlite = tmp_path / "demo.db"
    shutil.copyfile(demo_templates.sqlite_file(), sqlite)
    exported = export_case(open_services(f"sqlite:///{sqlite}"))
    on_pg = open_services(pg_url)
    import_case(on_pg, exported)
    assert export_case(on_pg) == exported
    back = open_services(f"sqlite:///{tmp_path / 'back.db'}")
    import_case(back, export_case(on_pg))
    assert export_case(back) == exported


def test_import_of_inconsistent_events_is_refused(
    demo_services: Services, another_db_url: str, open_services: Callable[..., Services]
) -> None:
    exported = export_case(demo_services)
    # Drop the first decision: later steps of that party no longer follow the workflow.
    first_decision = next(i for i, e in enumerate(exported["events"]) if e["type"] == "decision")
    del exported["events"][first_decision]
    target = open_services(another_db_url)
    with pytest.raises(Refusal, match="saknas eller kommer i fel ordning"):
        import_case(target, exported)
    for seq, wire in enumerate(exported["events"], start=1):
        wire["seq"] = seq
    with pytest.raises(Refusal, match="passar inte i historiken"):
        import_case(target, exported)
    assert set(row_counts(target.engine).values()) == {0}


# ---- a refusal writes nothing -------------------------------------------------------------------------


def test_a_refused_command_leaves_events_and_projection_unchanged(
    services: Services, canonical: Canonical, sample_fo: Path
) -> None:
    services.init_case("Samordningsförbundet Solna", slug="solna")
    add_four_parties(services)
    services.decide("Försäkringskassan", "forstudie", outcome="bifall", on=date(2022, 1, 3))
    services.add_fo(sample_fo, on=date(2022, 1, 10))
    services.decide("Försäkringskassan", "beslut", outcome="bifall", on=date(2022, 2, 1))

    refused: list[Callable[[], object]] = [
        lambda: services.decide("Solna stad", "styrelse", outcome="bifall", on=date(2022, 2, 1)),
        lambda: services.decide("Okänd kommun", "forstudie", outcome="bifall", on=date(2022, 2, 1)),
        lambda: services.decide("Solna stad", "forstudie", outcome="kanske", on=date(2022, 2, 1)),
        lambda: services.decide("Solna stad", "forstudie", outcome="bifall", on=date(2027, 1, 1)),
        lambda: services.decide("Försäkringskassan", "beslut", outcome="bifall", on=date(2022, 3, 1)),
        lambda: services.decide("Försäkringskassan", "forstudie", outcome="bifall", on=date(2022, 3, 1)),
        lambda: services.skip("Solna stad", "fullmaktige", reason="vill inte"),
        lambda: services.add_party("Solna stad", "kommun"),
        lambda: services.add_party("KSON", "kommunalforbund"),
        lambda: services.add_fo(sample_fo),  # identical text
        lambda: file_appeal(services, "Försäkringskassan", filed_on=date(2022, 2, 10)),  # not appealable
        lambda: give_notice(services, "Försäkringskassan", on=date(2022, 2, 10)),  # FK cannot leave
        # Refused by the reducer after the version row was added: the transaction must roll it back.
        lambda: services.add_fo(sample_fo.with_name("annan.md"), in_force=True),
    ]
    sample_fo.with_name("annan.md").write_text(sample_fo.read_text(encoding="utf-8") + "\nÄndrad.\n", "utf-8")
    counts = row_counts(services.engine)
    events = services.events()
    projection = canonical(services.view().projection)
    for command in refused:
        with pytest.raises(Refusal):
            command()
        assert services.events() == events
        assert canonical(services.view().projection) == projection
        assert row_counts(services.engine) == counts
    # The rolled-back version number is free again.
    number, _ = services.add_fo(sample_fo.with_name("annan.md"), on=date(2022, 3, 1))
    assert number == 2


def test_the_stored_log_is_plain_json_data_that_orjson_writes(demo_services: Services) -> None:
    """`log --json` and `export` write the stored log with orjson; a key that is a str subclass (a column name
    as SQLAlchemy keeps it) made it fall back to the standard library's encoder, ten times slower."""
    import json

    import orjson

    wire = demo_services.wire_events()
    assert wire and all(type(key) is str for row in wire for key in row)
    assert orjson.dumps(wire, option=orjson.OPT_INDENT_2).decode() == json.dumps(wire, ensure_ascii=False, indent=2)
