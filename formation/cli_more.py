"""CLI commands beyond the core decision flow: finance, export/import, demo, tui."""

from __future__ import annotations

import importlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from formation.cli import app, emit_json, settings
from formation.errors import Refusal


@app.command()
def finance(
    ctx: typer.Context,
    total: Annotated[str | None, typer.Option("--total", help="Total budget i kronor.")] = None,
    offer: Annotated[list[str] | None, typer.Option("--offer", help="PART=BELOPP, en per part.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Fördela finansieringen enligt 5 §."""
    from formation.finance_view import finance_plan, render_finance

    if (total is None) == (not offer):
        raise Refusal("Ange antingen --total BELOPP eller ett --offer PART=BELOPP per part.")
    plan = finance_plan(settings(ctx).services(), total=total, offers=offer or [])
    if as_json:
        emit_json(plan.as_json())
    else:
        typer.echo(render_finance(plan))


@app.command("export")
def export_command(ctx: typer.Context, file: Path) -> None:
    """Exportera hela ärendet som JSON."""
    from formation.transfer import export_case

    document = export_case(settings(ctx).services())
    try:
        file.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise Refusal(f"Filen {file} kunde inte skrivas: {exc.strerror}.") from exc
    typer.echo(f"Ärendet {document['case']['slug']} exporterat till {file} ({len(document['events'])} händelser).")


@app.command("import")
def import_command(ctx: typer.Context, file: Path) -> None:
    """Läs in ett ärende från en JSON-export."""
    from formation.transfer import import_case

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Refusal(f"Filen {file} finns inte.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refusal(f"Filen {file} är ingen läsbar JSON-fil ({exc}).") from exc
    case = import_case(settings(ctx).services(), document)
    typer.echo(f"Ärendet {case.slug} inläst.")


@app.command()
def demo(ctx: typer.Context) -> None:
    """Skapa ett demoärende: Stockholm 2015–16."""
    from formation.demo import create_demo

    services = settings(ctx).services()
    slug = create_demo(services)
    typer.echo(f"Demoärendet '{slug}' är skapat. Visa det med `formation --case {slug} status`.")


@app.command()
def tui(ctx: typer.Context) -> None:
    """Öppna terminalgränssnittet."""
    # Loaded by name: the engine package must not depend on the UI (import-linter contract); only this
    # launcher needs it, and only when the TUI is asked for.
    tui_app = importlib.import_module("tui.app")
    tui_app.make_app(settings(ctx).services()).run()


def parse_amount(text: str, what: str) -> int:
    """Whole kronor from "8000000", "8 000 000" or "8,0 mnkr"."""
    cleaned = text.strip().lower().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    factor = 1
    for suffix, scale in (("mnkr", 1_000_000), ("tkr", 1_000), ("kr", 1)):
        if cleaned.endswith(suffix):
            cleaned, factor = cleaned[: -len(suffix)], scale
            break
    try:
        value = Decimal(cleaned) * factor
    except ArithmeticError:
        raise Refusal(f"{what} '{text}' är inget belopp; ange kronor, t.ex. 8000000 eller 8,0mnkr.") from None
    if value < 0 or value != value.to_integral_value():
        raise Refusal(f"{what} '{text}' måste vara ett positivt belopp i hela kronor.")
    return int(value)
