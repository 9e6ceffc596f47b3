"""CLI: creating a case and reading it (init, status, log, demo, tui)."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from formation.cli.common import OPENED, app, emit_json, parse_as_of, parse_date, services, settings
from formation.memory import keep_what_is_loaded

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

    svc = services(ctx)
    view = svc.view(as_of=parse_as_of(as_of, svc.clock.today()))
    doc = status_document(view)
    if as_json:
        emit_json(doc)
    else:
        typer.echo(render_status(doc))


@app.command()
def log(
    ctx: typer.Context,
    as_json: Annotated[bool, JSON] = False,
    party: Annotated[
        str | None, typer.Option("--party", metavar="PART", help="Bara händelser som gäller den här parten.")
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            metavar="TYP",
            help="Bara den här typen av händelse (upprepas): beslut, ej aktuellt, förbundsordning, part tillagd, "
            "överklagande, dom, uppsägning, styrelseplats, rättelse, struken …",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATUM",
            help="Bara händelser från och med detta datum (en händelse utan datum räknas från den dag den "
            "registrerades).",
        ),
    ] = None,
    with_contacts: Annotated[
        bool, typer.Option("--with-contacts", help="Ta med e-postadresser i JSON (utelämnas annars).")
    ] = False,
) -> None:
    """Visa händelseloggen, med följderna (förbundet bildat, godkännanden som inte längre räknas)."""
    from formation.reports.log_wire import without_contacts

    svc = services(ctx)
    since_day = parse_date(since, "--since")
    if as_json and not (party or types or since_day):  # the whole log as stored: no need to read it as events
        wire = svc.wire_events()
        emit_json(wire if with_contacts else without_contacts(wire))
        return
    from formation.case.resolve import find_party
    from formation.reports.log import event_types, filter_log, render_log

    wanted_types = set().union(*(event_types(word) for word in types)) if types else None
    projection = svc.view().projection if party or not as_json else None
    party_slug = find_party(projection, party).info.slug if projection is not None and party else None
    envelopes = svc.events()
    shown = filter_log(envelopes, party=party_slug, types=wanted_types, since=since_day)
    if as_json:
        seqs = {e.seq for e in shown}
        wire = [row for row in svc.wire_events() if row["seq"] in seqs]
        emit_json(wire if with_contacts else without_contacts(wire))
        return
    assert projection is not None
    typer.echo(render_log(envelopes, projection, shown=shown))


@app.command()
def demo(
    ctx: typer.Context,
    only: Annotated[
        str | None, typer.Option("--only", metavar="ÄRENDE", help="Bara ett av demoärendena: stockholm eller norrort.")
    ] = None,
) -> None:
    """Skapa två demoärenden: Stockholm 2015–16 (historiskt) och Norrort (pågår, datum från i dag)."""
    from formation.errors import Refusal
    from formation.io.demo import create_demo, create_living_demo

    if only not in (None, "stockholm", "norrort"):
        raise Refusal(f"Det finns inget demoärende '{only}'; välj stockholm eller norrort.")
    svc = services(ctx)
    if only != "norrort":
        slug = create_demo(svc)
        typer.echo(f"Demoärendet '{slug}' är skapat. Visa det med `formation --case {slug} status`.")
    if only == "stockholm":
        return
    living = create_living_demo(svc)
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
    app = tui_app.open_app(settings(ctx).opening())
    keep_what_is_loaded()  # Textual and the screens' modules, imported just now
    try:
        app.run()
    finally:
        if app.opened is not None:
            OPENED.append(app.opened)  # closed with the others when the command ends
    if app.return_code:  # Textual printed the traceback; the launcher must not exit 0 after a crash
        raise typer.Exit(app.return_code)
