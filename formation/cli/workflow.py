"""CLI: decision paths (workflow check, show, upgrade)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from formation.cli.common import group, revision, services
from formation.errors import Refusal

workflow_app = group("workflow", "Beslutsgångar: mallen och parternas egna varianter.")


@workflow_app.command("check")
def workflow_check(file: Annotated[Path, typer.Argument(metavar="FIL", help="Mall eller variant (YAML).")]) -> None:
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
        typer.echo(describe(workflow))
    typer.echo(f"{file.name} är korrekt.")


@workflow_app.command("show")
def workflow_show(
    ctx: typer.Context,
    party: Annotated[str | None, typer.Argument(metavar="PART", help="Visa en parts beslutsgång.")] = None,
) -> None:
    """Visa beslutsgången för en part, eller ärendets mall för alla typer av parter."""
    from formation.case.resolve import find_party

    projection = services(ctx).view().projection
    if party is None:
        template = projection.template
        typer.echo(f"Mallen {template.name} version {template.version}:")
        for workflow in template.kinds.values():
            typer.echo(describe(workflow))
        return
    typer.echo(describe(find_party(projection, party).workflow))


@workflow_app.command("upgrade")
def workflow_upgrade(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(metavar="FIL", help="Ny mall (standard: den som följer med programmet).")
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", metavar="TEXT", help="Varför.")] = None,
) -> None:
    """Flytta ärendet till en ny version av mallen; vägras om historiken inte passar."""
    from formation.case.commands import UpgradeWorkflow
    from workflows.loader import load_workflow_set
    from workflows.model import WorkflowDefinitionInvalid

    try:
        template = load_workflow_set(file)
    except WorkflowDefinitionInvalid as exc:
        raise Refusal(f"Mallen är felaktig: {exc.errors[0]}") from exc
    svc = services(ctx)
    svc.handle(UpgradeWorkflow(template=template, reason=reason, expected_revision=revision(ctx)))
    typer.echo(f"Ärendet följer nu mallen {template.name} version {template.version}.")


def describe(workflow: Any) -> str:
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
