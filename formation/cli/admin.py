"""CLI: looking after the database (doctor, backup, restore)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from formation.cli.common import app, emit_json, settings
from formation.errors import Refusal


def _url(ctx: typer.Context, *, create: bool) -> str:
    import os

    from formation.io.config import load_file_settings
    from formation.store.database import database_url

    chosen = settings(ctx).db or os.environ.get("FORMATION_DB") or load_file_settings().db
    return database_url(chosen, create=create)


@app.command()
def doctor(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False
) -> int:
    """Kontrollera databasen: lagringen, löpnumren, projektionen mot händelserna, texternas kontrollsummor."""
    from formation.services.doctor import examine
    from formation.store.database import open_database

    engine = open_database(_url(ctx, create=False), create=False)  # migrated like every command; else read-only
    try:
        report = examine(engine)
    finally:
        engine.dispose()
    if as_json:
        emit_json(report.as_json())
    else:
        for finding in report.findings:
            typer.echo(f"Fel: {finding.message}")
        cases = ", ".join(report.cases) or "inga ärenden"
        verdict = "inga fel" if report.clean else f"{len(report.findings)} fel"
        counted = "1 ärende" if len(report.cases) == 1 else f"{len(report.cases)} ärenden"
        events = "1 händelse" if report.events == 1 else f"{report.events} händelser"
        typer.echo(f"Kontrollerat {counted} ({cases}), {events}: {verdict}.")
    return 0 if report.clean else 1


@app.command()
def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FIL", help="Säkerhetskopians fil (skapas, läsbar bara för dig).")],
    force: Annotated[bool, typer.Option("--force", help="Skriv över filen om den finns.")] = False,
) -> None:
    """Gör en säkerhetskopia av databasen medan andra kan fortsätta skriva (SQLite)."""
    from formation.store.backup import backup_sqlite, pg_dump_command, sqlite_path
    from formation.store.private_files import shown_path

    url = _url(ctx, create=False)
    source = sqlite_path(url)
    if source is None:
        raise Refusal(
            f"Databasen är PostgreSQL och säkerhetskopieras med dess egna verktyg: {pg_dump_command(url)}.",
            code="use_pg_dump",
        )
    try:
        pages = backup_sqlite(source, file, force=force)
    except Refusal as exc:
        if exc.code == "file_exists":
            raise Refusal(
                f"Filen {shown_path(file)} finns redan; välj ett annat namn eller lägg till --force."
            ) from None
        raise
    typer.echo(f"Säkerhetskopia sparad i {shown_path(file)} ({pages} sidor).")


@app.command()
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FIL", help="En säkerhetskopia gjord med `formation backup`.")],
    force: Annotated[bool, typer.Option("--force", help="Ersätt en databas som redan har ärenden.")] = False,
) -> None:
    """Återställ databasen från en säkerhetskopia (vägras över en databas med ärenden utan --force)."""
    from formation.store.backup import pg_restore_command, restore_sqlite, sqlite_path
    from formation.store.private_files import shown_path

    if not file.is_file():
        raise Refusal(f"Filen {shown_path(file)} finns inte.", code="no_file")
    url = _url(ctx, create=True)
    target = sqlite_path(url)
    if target is None:
        raise Refusal(
            f"Databasen är PostgreSQL och återställs med dess egna verktyg: {pg_restore_command(url)}.",
            code="use_pg_dump",
        )
    try:
        restore_sqlite(file, target, force=force)
    except Refusal as exc:
        if exc.code == "not_empty":
            raise Refusal(
                f"Databasen {shown_path(target)} har redan ärenden; lägg till --force för att ersätta dem.",
                code="not_empty",
            ) from None
        raise
    typer.echo(f"Databasen {shown_path(target)} återställd från {shown_path(file)}.")
