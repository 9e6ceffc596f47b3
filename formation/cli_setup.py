"""CLI: changing a party's details and checking workflow definitions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from formation.cli import app, emit_json, fo_app, parse_int, party_app, settings
from formation.errors import Refusal

workflow_app = typer.Typer(no_args_is_help=True, help="Beslutsgångar: mallen och parternas egna varianter.")
app.add_typer(workflow_app, name="workflow")

CLEAR = "-"


@party_app.command("set")
def party_set(
    ctx: typer.Context,
    party: str,
    key: Annotated[str | None, typer.Option("--key", help="Fördelningsnyckel i procent ('-' tar bort).")] = None,
    population: Annotated[str | None, typer.Option("--population", help="Befolkning 16–64 år ('-' tar bort).")] = None,
    email: Annotated[str | None, typer.Option("--email", help="Kontaktadress ('-' tar bort).")] = None,
) -> None:
    """Ändra en parts fördelningsnyckel, befolkningstal eller kontaktadress."""
    changes: dict[str, Any] = {}
    if key is not None:
        changes["key_percent"] = None if key == CLEAR else key
    if population is not None:
        changes["population"] = None if population == CLEAR else parse_int(population, "--population")
    if email is not None:
        changes["email"] = None if email == CLEAR else email.strip()
    progress = settings(ctx).services().update_party(party, changes)
    typer.echo(f"{progress.info.name} är uppdaterad.")


@workflow_app.command("check")
def workflow_check(file: Path) -> None:
    """Kontrollera en beslutsgång (mall eller en parts variant); visar alla fel med rad och nyckel."""
    from workflows.loader import parse_party_variant, parse_workflow_set
    from workflows.model import WorkflowDefinitionInvalid

    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Refusal(f"Filen {file} finns inte.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise Refusal(f"Filen {file} kunde inte läsas ({exc}).") from exc
    parse = parse_workflow_set if "\nkinds:" in f"\n{text}" else parse_party_variant
    try:
        parsed = parse(text, file.name)
    except WorkflowDefinitionInvalid as exc:
        for error in exc.errors:
            typer.echo(str(error), err=True)
        count = len(exc.errors)
        typer.echo(f"{file.name}: {count} fel; beslutsgången kan inte användas förrän de är rättade.", err=True)
        raise typer.Exit(2) from None
    workflows = list(parsed.kinds.values()) if hasattr(parsed, "kinds") else [parsed]
    for workflow in workflows:
        typer.echo(_describe(workflow))
    typer.echo(f"{file.name} är korrekt.")


@workflow_app.command("show")
def workflow_show(ctx: typer.Context, party: Annotated[str | None, typer.Argument()] = None) -> None:
    """Visa beslutsgången för en part, eller standardmallen för alla typer av parter."""
    from formation.inputs import find_party
    from workflows.loader import load_workflow_set

    if party is None:
        for workflow in load_workflow_set().kinds.values():
            typer.echo(_describe(workflow))
        return
    progress = find_party(settings(ctx).services().view().projection, party)
    typer.echo(_describe(progress.workflow))


def _describe(workflow: Any) -> str:
    lines = [f"{workflow.label} ({workflow.kind}):"]
    for number, stage in enumerate(workflow.stages, start=1):
        together = " (parallellt)" if len(stage.steps) > 1 else ""
        for step in stage.steps:
            marks = [
                m
                for m, on in (
                    ("godkänner förbundsordningen", step.approves),
                    ("kan överklagas", step.appealable),
                    ("kan vara ej aktuellt", step.skippable),
                )
                if on
            ]
            lines.append(f"  {number}. {step.id:<20} {step.label}{together} — {step.body or '–'}; {', '.join(marks)}")
    return "\n".join(lines)


VERSION_ROLES = {
    "in_force": "gäller",
    "pending": "väntar på godkännande",
    "proposed": "under beslut",
    "was_in_force": "gällde tidigare",
    "superseded": "ersatt",
}


@fo_app.command("list")
def fo_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Visa förbundsordningens versioner."""
    from formation.status import versions_in_view

    view = settings(ctx).services().view()
    projection = view.projection
    active, pending = versions_in_view(projection, view.as_of)
    formed = projection.in_force_version is not None

    def role(number: int, was_in_force: bool) -> str:
        if formed and number == active:
            return "in_force"
        if number == pending or (not formed and number == active):
            return "pending" if formed else "proposed"
        return "was_in_force" if was_in_force else "superseded"

    rows = [
        {
            "number": v.number,
            "sha256": v.sha256,
            "added_on": v.added_on.isoformat() if v.added_on else None,
            "start_date": v.start_date.isoformat() if v.start_date else None,
            "role": role(v.number, v.in_force),
        }
        for v in projection.versions.values()
    ]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        typer.echo("Ingen förbundsordning ännu; lägg till den med `formation fo add FIL`.")
    for row in rows:
        start = f" start {row['start_date']}" if row["start_date"] else ""
        typer.echo(
            f"v{row['number']}  {row['added_on'] or '':<10}  sha256:{row['sha256'][:16]}…{start}  "
            f"{VERSION_ROLES[row['role']]}"
        )


@fo_app.command("show")
def fo_show(
    ctx: typer.Context, version: Annotated[str, typer.Argument(help="Versionsnummer, t.ex. 2 eller v2.")]
) -> None:
    """Skriv ut texten i en version av förbundsordningen."""
    number = parse_int(version.lstrip("vV"), "VERSION")
    texts = settings(ctx).services().view(with_texts=True).fo_texts
    if number not in texts:
        known = ", ".join(f"v{n}" for n in sorted(texts)) or "inga"
        raise Refusal(f"Förbundsordningen har ingen version v{number}; det finns {known}.")
    typer.echo(texts[number], nl=not texts[number].endswith("\n"))
