"""CLI: financing (5 §) and moving whole cases (export, import)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from formation.cli.common import app, emit_json, services
from formation.errors import Refusal


@app.command()
def finance(
    ctx: typer.Context,
    total: Annotated[
        str | None, typer.Option("--total", metavar="BELOPP", help="Total budget, t.ex. '8,0 mnkr'.")
    ] = None,
    offer: Annotated[
        list[str] | None, typer.Option("--offer", metavar="PART=BELOPP", help="Erbjudande från en part (upprepas).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False,
) -> None:
    """Fördela finansieringen enligt 5 §."""
    from formation.reports.finance import finance_plan, render_finance

    if (total is None) == (not offer):
        raise Refusal("Ange antingen --total BELOPP eller ett --offer PART=BELOPP per part.")
    plan = finance_plan(services(ctx).view(), total=total, offers=offer or [])
    if as_json:
        emit_json(plan.as_json())
    else:
        typer.echo(render_finance(plan))


@app.command("export")
def export_command(ctx: typer.Context, file: Annotated[Path, typer.Argument(metavar="FIL")]) -> None:
    """Exportera hela ärendet som JSON."""
    from formation.io.transfer import export_case

    document = export_case(services(ctx))
    try:
        file.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise Refusal(f"Filen {file} kunde inte skrivas: {exc.strerror}.") from exc
    typer.echo(f"Ärendet {document['case']['slug']} exporterat till {file} ({len(document['events'])} händelser).")


@app.command("import")
def import_command(ctx: typer.Context, file: Annotated[Path, typer.Argument(metavar="FIL")]) -> None:
    """Läs in ett ärende från en JSON-export."""
    from formation.io.transfer import import_case

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Refusal(f"Filen {file} finns inte.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise Refusal(f"Filen {file} är ingen läsbar JSON-fil.") from exc
    result = import_case(services(ctx), document)
    typer.echo(f"Ärendet {result.slug} inläst ({len(result.seqs)} händelser).")
