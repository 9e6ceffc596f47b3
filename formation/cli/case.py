"""CLI: creating a case and reading it (init, status, log, demo, tui)."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from formation.cli.common import app, emit_json, parse_date, services, settings

JSON = typer.Option("--json", help="Skriv ut som JSON.")


@app.command()
def init(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAMN", help="Förbundets namn.")],
    slug: Annotated[str | None, typer.Option(metavar="KORTNAMN", help="Kortnamn (a–z, 0–9, -).")] = None,
    seat: Annotated[str | None, typer.Option(metavar="ORT", help="Förbundets säte.")] = None,
    start: Annotated[str | None, typer.Option(metavar="DATUM", help="Planerat startdatum ÅÅÅÅ-MM-DD.")] = None,
    no_region: Annotated[
        bool, typer.Option("--no-region", help="Kommun som inte ingår i någon region (Gotland), 3 §.")
    ] = False,
) -> None:
    """Skapa ett nytt ärende."""
    from formation.case.commands import InitCase

    svc = services(ctx)
    others = svc.case_slugs()
    result = svc.handle(
        InitCase(name=name, slug=slug, seat=seat, target_start=parse_date(start, "--start"), no_region=no_region)
    )
    typer.echo(f"Ärendet '{result.projection.name}' skapat med kortnamnet {result.slug}.")
    if others:
        typer.echo(f"Databasen har nu flera ärenden; ange --case {result.slug} (eller FORMATION_CASE={result.slug}).")


@app.command()
def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATUM", help="Läget per detta datum.")] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """Visa läget för ärendet."""
    from formation.reports.status import status_document
    from formation.reports.status_text import render_status

    view = services(ctx).view(as_of=parse_date(as_of, "--as-of"), with_texts=True)
    doc = status_document(view)
    if as_json:
        emit_json(doc)
    else:
        typer.echo(render_status(doc))


@app.command()
def log(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    """Visa händelseloggen."""
    svc = services(ctx)
    if as_json:
        emit_json(svc.wire_events())
        return
    from formation.reports.log import render_log

    typer.echo(render_log(svc.events(), svc.view().projection))


@app.command()
def demo(ctx: typer.Context) -> None:
    """Skapa två demoärenden: Stockholm 2015–16 (historiskt) och Norrort (pågår, datum från i dag)."""
    from formation.io.demo import create_demo, create_living_demo

    svc = services(ctx)
    slug = create_demo(svc)
    living = create_living_demo(svc)
    typer.echo(f"Demoärendet '{slug}' är skapat. Visa det med `formation --case {slug} status`.")
    typer.echo(
        f"Demoärendet '{living}' pågår, med sammanträden, kontakter och påminnelser: välj det med --case {living}, "
        f"t.ex. `formation --case {living} plan` eller `formation --case {living} remind list`."
    )


@app.command()
def tui(ctx: typer.Context) -> None:
    """Öppna terminalgränssnittet."""
    # Loaded by name: the engine package must not depend on the UI (import-linter contract); only this
    # launcher needs it, and only when the TUI is asked for.
    tui_app = importlib.import_module("tui.app")
    tui_app.make_app(settings(ctx).services()).run()
