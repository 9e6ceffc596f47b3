"""The Core tables the engine runs on (`formation/store/schema.py`) are generated from the SQLModel classes:
the file must be what the generator writes, and both must give the same DDL on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import MetaData
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import SQLModel

import formation.store.tables  # noqa: F401
from formation.store import schema, schema_source


def test_schema_py_is_what_the_generator_writes() -> None:
    assert schema_source.TARGET.read_text(encoding="utf-8") == schema_source.source(), (
        "formation/store/schema.py is out of date: run python -m formation.store.schema_source"
    )


def _ddl(metadata: MetaData, dialect: object) -> dict[str, list[str]]:
    out = {}
    for name, table in metadata.tables.items():
        statements = [str(CreateTable(table).compile(dialect=dialect))]  # type: ignore[arg-type]
        statements += sorted(str(CreateIndex(i).compile(dialect=dialect)) for i in table.indexes)  # type: ignore[arg-type]
        out[name] = statements
    return out


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()], ids=["sqlite", "postgresql"])
def test_core_tables_give_the_same_ddl_as_the_sqlmodel_classes(dialect: object) -> None:
    assert _ddl(schema.metadata, dialect) == _ddl(SQLModel.metadata, dialect)


def test_defaults_agree() -> None:
    for name, table in SQLModel.metadata.tables.items():
        for column in table.columns:
            ours = schema.metadata.tables[name].c[column.name].default
            theirs = column.default
            assert (ours.arg if ours else None) == (theirs.arg if theirs else None), f"{name}.{column.name}"  # type: ignore[attr-defined]
