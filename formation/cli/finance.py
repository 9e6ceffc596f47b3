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
def export_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FIL")],
    force: Annotated[bool, typer.Option("--force", help="Skriv över filen om den finns.")] = False,
    with_contacts: Annotated[
        bool, typer.Option("--with-contacts", help="Ta med kontaktuppgifter (e-postadresser).")
    ] = False,
) -> None:
    """Exportera hela ärendet som JSON (läsbar bara för dig; utan kontaktuppgifter om du inte ber om dem)."""
    from formation.io.transfer import export_case
    from formation.store.private_files import shown_path, write_private

    document = export_case(services(ctx), with_contacts=with_contacts)
    try:
        write_private(file, json.dumps(document, ensure_ascii=False, indent=2) + "\n", force=force)
    except Refusal as exc:
        if exc.code == "file_exists":
            raise Refusal(
                f"Filen {shown_path(file)} finns redan; välj ett annat namn eller lägg till --force.",
                code="file_exists",
            ) from None
        raise
    typer.echo(
        f"Ärendet {document['case']['slug']} exporterat till {shown_path(file)} ({len(document['events'])} händelser)."
    )


@app.command("import")
def import_command(ctx: typer.Context, file: Annotated[Path, typer.Argument(metavar="FIL")]) -> None:
    """Läs in ett ärende från en JSON-export."""
    from formation.io.transfer import IMPORT_MAX_BYTES, import_case
    from formation.store.private_files import shown_path

    try:
        if file.stat().st_size > IMPORT_MAX_BYTES:
            raise Refusal(
                f"Filen {shown_path(file)} är större än {IMPORT_MAX_BYTES // (1024 * 1024)} MB; "
                "ingen export är så stor.",
                code="import_limit",
            )
        document = json.loads(file.read_text(encoding="utf-8"), parse_constant=_no_constant)
    except FileNotFoundError:
        raise Refusal(f"Filen {shown_path(file)} finns inte.") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Refusal(f"Filen {shown_path(file)} är ingen läsbar JSON-fil.") from exc
    result = import_case(services(ctx), document)
    typer.echo(f"Ärendet {result.slug} inläst ({len(result.seqs)} händelser).")


def _no_constant(name: str) -> None:
    """NaN and Infinity are not JSON; an export never holds them."""
    raise ValueError(name)
