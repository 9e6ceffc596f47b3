"""CLI: the parties of a case (party add, list, set, workflow)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from formation.cli.common import PARTY, emit_json, group, parse_date, parse_int, parse_percent, revision, services
from formation.domain.labels import KIND_SHORT
from formation.domain.parties import KIND_WORDS, PartyKind
from formation.errors import Refusal

party_app = group("party", "Parter i förbundet.")
CLEAR = "-"
# The domain's words, and "kf", which in `party add --kind` can only mean a kommunalförbund (refused with the
# reason unless it is an observer).
KIND_OPTION_WORDS = {**KIND_WORDS, "kf": PartyKind.KOMMUNALFORBUND}


def parse_kind(text: str) -> PartyKind:
    from formation.domain.names import slugify

    word = slugify(text).replace("-", "")
    try:
        return KIND_OPTION_WORDS.get(word) or PartyKind(word)
    except ValueError:
        kinds = ", ".join(k.value for k in PartyKind if k is not PartyKind.KOMMUNALFORBUND)
        raise Refusal(f"Okänd typ av part '{text}'; välj en av {kinds}.") from None


def load_variant(path: Path) -> Any:
    from workflows.loader import load_party_variant
    from workflows.model import WorkflowDefinitionInvalid

    try:
        return load_party_variant(path)
    except WorkflowDefinitionInvalid as exc:
        raise Refusal(f"Beslutsgången i {path.name} är felaktig: {exc.errors[0]}") from exc


@party_app.command("add")
def party_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAMN", help="Partens namn.")],
    kind: Annotated[
        str,
        typer.Option("--kind", metavar="TYP", help="kommun, region, forsakringskassan (FK), arbetsformedlingen (AF)."),
    ],
    key: Annotated[str | None, typer.Option("--key", metavar="PROCENT", help="Fördelningsnyckel i procent.")] = None,
    population: Annotated[
        str | None, typer.Option("--population", metavar="ANTAL", help="Befolkning 16–64 år.")
    ] = None,
    member_since: Annotated[
        str | None, typer.Option("--member-since", metavar="DATUM", help="Medlem sedan (befintligt förbund).")
    ] = None,
    email: Annotated[str | None, typer.Option("--email", metavar="ADRESS", help="Kontaktadress.")] = None,
    observer: Annotated[bool, typer.Option("--observer", help="Adjungerad utan rösträtt.")] = False,
    workflow: Annotated[
        Path | None, typer.Option("--workflow", metavar="FIL", help="Egen variant av beslutsgången (YAML).")
    ] = None,
) -> None:
    """Lägg till en part."""
    from formation.case.commands import AddParty

    result = services(ctx).handle(
        AddParty(
            name=name,
            kind=parse_kind(kind),
            key_percent=parse_percent(key),
            population=parse_int(population, "--population"),
            member_since=parse_date(member_since, "--member-since"),
            email=email,
            observer=observer,
            workflow=load_variant(workflow) if workflow else None,
            expected_revision=revision(ctx),
        )
    )
    progress = result.party()
    role = " som adjungerad (utan rösträtt)" if progress.info.observer else ""
    typer.echo(f"{progress.info.name} ({KIND_SHORT[progress.info.kind]}) tillagd{role}.")


@party_app.command("list")
def party_list(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False
) -> None:
    """Visa parterna."""
    from formation.reports.status import party_json

    view = services(ctx).view()
    parties = [party_json(p) for p in view.parties]
    if as_json:
        emit_json(parties)
        return
    if not parties:
        typer.echo("Inga parter ännu.")
        return
    for line in party_table(view.parties):
        typer.echo(line)


def party_table(parties: Any) -> list[str]:
    """One line per party: name, kind, role, funding key, population 16–64 and contact address."""
    from formation.domain.labels import KIND_SHORT

    rows = [("Part", "Kortnamn", "Typ", "Roll", "Nyckel", "Befolkning", "Kontakt")]
    for progress in parties:
        info = progress.info
        key = f"{info.key_percent:n} %".replace(".", ",") if info.key_percent is not None else "–"
        population = f"{info.population:,}".replace(",", " ") if info.population is not None else "–"
        role = "adjungerad" if info.observer else "medlem"
        rows.append((info.name, info.slug, KIND_SHORT[info.kind], role, key, population, info.email or "–"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "-" * len(lines[0]))
    return lines


@party_app.command("set")
def party_set(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    key: Annotated[
        str | None, typer.Option("--key", metavar="PROCENT", help="Fördelningsnyckel ('-' tar bort).")
    ] = None,
    population: Annotated[
        str | None, typer.Option("--population", metavar="ANTAL", help="Befolkning 16–64 år ('-' tar bort).")
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", metavar="ADRESS", help="Kontaktadress ('-' tar bort).")
    ] = None,
) -> None:
    """Ändra en parts fördelningsnyckel, befolkningstal eller kontaktadress."""
    from formation.case.commands import UpdateParty
    from formation.case.events import UNSET

    command = UpdateParty(
        party=party,
        key_percent=UNSET if key is None else None if key == CLEAR else parse_percent(key),
        population=UNSET
        if population is None
        else None
        if population == CLEAR
        else parse_int(population, "--population"),
        email=UNSET if email is None else None if email == CLEAR else email.strip(),
        expected_revision=revision(ctx),
    )
    result = services(ctx).handle(command)
    typer.echo(f"{result.party().info.name} är uppdaterad.")


@party_app.command("workflow")
def party_workflow(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    file: Annotated[Path, typer.Argument(metavar="FIL", help="Beslutsgången som YAML.")],
) -> None:
    """Ge en part en egen variant av beslutsgången (t.ex. två nämnder parallellt)."""
    from formation.case.commands import SetPartyWorkflow

    result = services(ctx).handle(
        SetPartyWorkflow(party=party, workflow=load_variant(file), file=file.name, expected_revision=revision(ctx))
    )
    progress = result.party()
    steps = ", ".join(s.id for s in progress.workflow.steps)
    typer.echo(f"{progress.info.name} följer nu {file.name}: {steps}.")
