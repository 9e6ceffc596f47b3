"""CLI: the förbundsordning's versions (fo add, check, list, show)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from formation.cli.common import emit_json, group, parse_date, parse_int, revision, services
from formation.domain.labels import VERSION_ROLES
from formation.errors import Refusal

fo_app = group("fo", "Förbundsordningens versioner.")
FILE = typer.Argument(metavar="FIL", help="Förbundsordningen (.md, .txt, .docx eller .pdf med textlager).")


def read_text(path: Path) -> str:
    from formation.io.fo_text import ForbundsordningUnreadable, read_forbundsordning

    try:
        return read_forbundsordning(path)
    except ForbundsordningUnreadable as exc:
        raise Refusal(str(exc)) from exc


@fo_app.command("add")
def fo_add(
    ctx: typer.Context,
    file: Annotated[Path, FILE],
    start: Annotated[
        str | None, typer.Option("--start", metavar="DATUM", help="Startdatum som förbundsordningen anger.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", metavar="DATUM", help="Dag då texten fastställdes (om den är känd).")
    ] = None,
    in_force: Annotated[bool, typer.Option("--in-force", help="Befintligt förbunds gällande förbundsordning.")] = False,
    formed_on: Annotated[
        str | None, typer.Option("--formed-on", metavar="DATUM", help="När det befintliga förbundet bildades.")
    ] = None,
) -> None:
    """Lägg till en ny version av förbundsordningen."""
    from formation.case.commands import AddForbundsordning
    from formation.domain.checklist import check_forbundsordning

    text = read_text(file)
    result = services(ctx).handle(
        AddForbundsordning(
            text=text,
            filename=file.name,
            added_on=parse_date(on, "--date"),
            start_date=parse_date(start, "--start"),
            in_force=in_force,
            formed_on=parse_date(formed_on, "--formed-on"),
            expected_revision=revision(ctx),
        )
    )
    number = result.projection.current_version
    assert number is not None
    typer.echo(f"v{number} sha256:{result.projection.versions[number].sha256}")
    for item in check_forbundsordning(text).missing_required:
        typer.echo(f"Varning: 9 § punkt {item.number} ({item.label}) saknas i texten.", err=True)


@fo_app.command("check")
def fo_check(file: Annotated[Path, FILE]) -> None:
    """Kontrollera att förbundsordningen har det innehåll som 9 § kräver."""
    from formation.domain.checklist import check_forbundsordning, format_checklist

    result = check_forbundsordning(read_text(file))
    typer.echo(format_checklist(result))
    if not result.ok:
        raise typer.Exit(1)


@fo_app.command("list")
def fo_list(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False
) -> None:
    """Visa förbundsordningens versioner."""
    from formation.reports.status import versions_in_view

    view = services(ctx).view()
    projection = view.projection
    active, pending = versions_in_view(projection, view.as_of)
    formed = projection.in_force_version is not None

    def role(number: int, was_in_force: bool) -> str:
        if formed and number == active:
            return "in_force"
        if number == pending or (not formed and number == active):
            return "pending" if formed else "proposed"
        return "was_in_force" if was_in_force else "superseded"

    rows: list[dict[str, Any]] = [
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
        typer.echo("Ingen förbundsordning ännu.")
    registered_in_force = {v.number for v in projection.versions.values() if v.in_force}
    for row in rows:
        added = f"daterad {row['added_on']}" if row["added_on"] else "utan datum"
        if not row["added_on"] and row["number"] in registered_in_force and projection.formed_on:
            added = f"förbundet bildat {projection.formed_on}"  # an existing förbund's text, entered as in force
        start = f", start {row['start_date']}" if row["start_date"] else ""
        typer.echo(f"v{row['number']}  {added}{start}  sha256:{row['sha256'][:16]}…  {VERSION_ROLES[row['role']]}")


@fo_app.command("show")
def fo_show(
    ctx: typer.Context,
    version: Annotated[str, typer.Argument(metavar="VERSION", help="Versionsnummer, t.ex. 2 eller v2.")],
) -> None:
    """Skriv ut texten i en version av förbundsordningen."""
    number = parse_int(version.strip().lstrip("vV"), "VERSION")
    texts = services(ctx).view(with_texts=True).fo_texts
    if number not in texts:
        known = ", ".join(f"v{n}" for n in sorted(texts)) or "inga"
        raise Refusal(f"Förbundsordningen har ingen version v{number}; det finns {known}.")
    typer.echo(texts[number], nl=not texts[number].endswith("\n"))
