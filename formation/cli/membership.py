"""CLI: appeals (överklagande), notice of leaving (utträde) and the board (styrelse)."""

from __future__ import annotations

from typing import Annotated

import typer

from formation.cli.common import PARTY, app, emit_json, group, parse_date, parse_int, required_date, revision, services
from formation.domain.labels import ROLE_LABELS
from formation.domain.outcomes import AppealOutcome
from formation.errors import Refusal

appeal_app = group("appeal", "Överklaganden av fullmäktiges beslut.")
board_app = group("board", "Förbundets styrelse: ledamöter och ersättare.")


@appeal_app.command("add")
def appeal_add(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    filed: Annotated[str, typer.Option("--filed", metavar="DATUM", help="Dag då överklagandet kom in.")],
    appellant: Annotated[str | None, typer.Option("--appellant", metavar="NAMN", help="Vem som överklagar.")] = None,
    court: Annotated[
        str | None, typer.Option("--court", metavar="DOMSTOL", help="T.ex. Förvaltningsrätten i Stockholm.")
    ] = None,
) -> None:
    """Registrera ett överklagande av en parts godkännande."""
    from formation.case.commands import FileAppeal
    from formation.reports.status import party_appeal_ends_on

    filed_on = required_date(filed, "--filed")
    result = services(ctx).handle(
        FileAppeal(party=party, filed_on=filed_on, appellant=appellant, court=court, expected_revision=revision(ctx))
    )
    progress = result.party()
    last_day = party_appeal_ends_on(progress)
    if last_day is not None and filed_on > last_day:
        typer.echo(f"Överklagandet av {progress.info.name}s beslut är registrerat.")
        typer.echo(
            f"Obs: överklagandetiden gick ut {last_day}; domstolen avvisar troligen ett för sent överklagande, och det "
            "hindrar inte laga kraft."
        )
        return
    typer.echo(f"Överklagandet av {progress.info.name}s beslut är registrerat; besluten vinner inte laga kraft ännu.")


@appeal_app.command("decide")
def appeal_decide(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    outcome: Annotated[
        str, typer.Option("--outcome", metavar="UTFALL", help="avslaget, avvisat, avskrivet eller upphavt.")
    ],
    on: Annotated[str, typer.Option("--date", metavar="DATUM", help="Domens datum.")],
) -> None:
    """Registrera domstolens avgörande."""
    from formation.case.commands import DecideAppeal

    try:
        result_outcome = AppealOutcome(outcome.strip().lower().replace("ä", "a"))
    except ValueError:
        choices = ", ".join(o.value for o in AppealOutcome)
        raise Refusal(f"Okänt utfall '{outcome}' för överklagandet; välj {choices}.") from None
    result = services(ctx).handle(
        DecideAppeal(
            party=party, outcome=result_outcome, decided_on=required_date(on, "--date"), expected_revision=revision(ctx)
        )
    )
    progress = result.party()
    if progress.approved:
        typer.echo(f"Avgörandet är registrerat; {progress.info.name}s godkännande står fast.")
    else:
        typer.echo(f"Beslutet är upphävt; {progress.info.name} behöver besluta på nytt.")


@app.command()
def leave(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    notice: Annotated[str, typer.Option("--notice", metavar="DATUM", help="Dag då uppsägningen lämnades.")],
    years: Annotated[
        str, typer.Option("--years", metavar="ÅR", help="Uppsägningstid i år (förbundsordningen; högst 3).")
    ] = "3",
) -> None:
    """Registrera en medlems uppsägning (utträde)."""
    from formation.case.commands import GiveNotice

    notice_years = parse_int(years, "--years")
    assert notice_years is not None
    result = services(ctx).handle(
        GiveNotice(
            party=party, given_on=required_date(notice, "--notice"), years=notice_years, expected_revision=revision(ctx)
        )
    )
    progress = result.party()
    typer.echo(f"{progress.info.name} har sagt upp sitt medlemskap; utträdet sker {progress.leaves_on}.")


@board_app.command("add")
def board_add(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    person: Annotated[str, typer.Argument(metavar="NAMN", help="Ledamotens eller ersättarens namn.")],
    role: Annotated[str, typer.Option("--role", metavar="ROLL", help="ledamot eller ersattare.")] = "ledamot",
    term_start: Annotated[str | None, typer.Option("--from", metavar="DATUM", help="Mandattidens början.")] = None,
    term_end: Annotated[str | None, typer.Option("--to", metavar="DATUM", help="Mandattidens slut.")] = None,
    fullmaktige: Annotated[
        str | None, typer.Option("--fullmaktige", metavar="ORGAN", help="Fullmäktige där personen sitter.")
    ] = None,
    employed: Annotated[bool, typer.Option("--employed", help="Anställd hos parten (FK/AF).")] = False,
) -> None:
    """Lägg till en ledamot eller ersättare. Mandattiden är fyra år från 1 april året efter valåret, eller den
    kortare tid som förbundsordningen anger ("Mandattiden är två år …")."""
    from formation.case.commands import AddBoardSeat

    svc = services(ctx)
    start, end = parse_date(term_start, "--from"), parse_date(term_end, "--to")
    if end is None:
        start, end = svc.view().seat_term(svc.clock.today(), start, end)
    result = svc.handle(
        AddBoardSeat(
            party=party,
            person=person,
            role=role,
            term_start=start,
            term_end=end,
            fullmaktige=fullmaktige,
            employed=employed,
            expected_revision=revision(ctx),
        )
    )
    seat = result.projection.board[-1]
    typer.echo(f"{seat.person} är {ROLE_LABELS.get(seat.role, seat.role)} {seat.term_start}–{seat.term_end}.")


@board_app.command("remove")
def board_remove(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    person: Annotated[str, typer.Argument(metavar="NAMN", help="Personens namn.")],
) -> None:
    """Ta bort en person ur styrelsen."""
    from formation.case.commands import RemoveBoardSeat

    services(ctx).handle(RemoveBoardSeat(party=party, person=person, expected_revision=revision(ctx)))
    typer.echo(f"{person} är borttagen ur styrelsen.")


@board_app.command("list")
def board_list(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False
) -> None:
    """Visa styrelsen."""
    from formation.reports.board import board_rows

    seats = board_rows(services(ctx).view().projection)
    if as_json:
        emit_json(seats)
        return
    if not seats:
        typer.echo("Inga ledamöter eller ersättare registrerade.")
    for seat in seats:
        role = ROLE_LABELS.get(str(seat["role"]), str(seat["role"]))
        typer.echo(f"{seat['party']:<28} {role:<10} {seat['person']:<28} {seat['term_start']}–{seat['term_end']}")
