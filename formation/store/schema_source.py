"""Writes `schema.py`, the SQLAlchemy Core tables the engine runs on, from the SQLModel classes in `tables.py`.

The SQLModel classes declare the schema (and are Alembic's target metadata); every query runs on plain Core
tables, so that a read such as `formation status` need not import SQLModel and pydantic or build the model
classes (about a third of its start). `tests/unit/test_schema_generated.py` fails when `schema.py` is not what
this module writes, and compares the DDL of both on SQLite and PostgreSQL.

    python -m formation.store.schema_source   # rewrites formation/store/schema.py
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, Table, UniqueConstraint
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

import formation.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

TARGET = Path(__file__).with_name("schema.py")

HEADER = '''"""The tables as SQLAlchemy Core objects: what every query of the engine runs on.

GENERATED from the SQLModel classes in `tables.py` by `python -m formation.store.schema_source`; do not edit.
A test fails when this file and `tables.py` disagree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from formation.store.column_types import UTCDateTime

metadata = MetaData()
'''


def _q(name: str) -> str:
    """A name as the formatter writes a string."""
    return f'"{name}"'


def _type(column: Column) -> str:  # type: ignore[type-arg]
    kind = column.type
    if isinstance(kind, AutoString):
        return f"String({kind.length})" if kind.length is not None else "String()"
    if isinstance(kind, UTCDateTime):
        return "UTCDateTime()"  # formation.store.column_types: the same type, without importing SQLModel
    return repr(kind)


def _column(column: Column) -> str:  # type: ignore[type-arg]
    parts = [_q(column.name), _type(column)]
    parts += [f"ForeignKey({_q(fk.target_fullname)})" for fk in column.foreign_keys]
    if column.primary_key:
        parts.append("primary_key=True")
    parts.append(f"nullable={column.nullable}")
    if column.unique:
        parts.append("unique=True")
    if column.index:
        parts.append("index=True")
    if column.default is not None:
        if not column.default.is_scalar:
            raise ValueError(f"{column}: only a constant default can be written to schema.py")
        parts.append(f"default={column.default.arg!r}")  # type: ignore[attr-defined]
    return f"    Column({', '.join(parts)}),"


def _table(table: Table) -> list[str]:
    lines = [f"{table.name} = Table(", f"    {_q(table.name)},", "    metadata,"]
    lines += [_column(column) for column in table.columns]
    for constraint in sorted(table.constraints, key=lambda c: [col.name for col in c.columns]):  # type: ignore[attr-defined]
        if isinstance(constraint, UniqueConstraint) and len(constraint.columns) > 1:
            names = ", ".join(_q(col.name) for col in constraint.columns)
            lines.append(f"    UniqueConstraint({names}),")
    lines.append(")")
    return lines


def source() -> str:
    lines = HEADER.splitlines()
    for table in sorted(SQLModel.metadata.tables.values(), key=lambda t: t.name):
        lines += ["", *_table(table)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(source(), encoding="utf-8")
