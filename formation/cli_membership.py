"""CLI: appeals (överklagande), notice of leaving (utträde) and the board (styrelse)."""

from __future__ import annotations

from typing import Annotated

import typer

from formation.cli import app, emit_json, parse_date, parse_int, settings

appeal_app = typer.Typer(no_args_is_help=True, help="Överklaganden av fullmäktiges beslut.")
board_app = typer.Typer(no_args_is_help=True, help="Förbundets styrelse: ledamöter och ersättare.")
app.add_typer(appeal_app, name="appeal")
app.add_typer(board_app, name="board")


@appeal_app.command("add")
def appeal_add(
    ctx: typer.Context,
    party: str,
    filed: Annotated[str, typer.Option("--filed", help="Dag då överklagandet kom in.")],
    appellant: Annotated[str | None, typer.Option("--appellant", help="Vem som överklagar.")] = None,
    court: Annotated[str | None, typer.Option("--court", help="Domstol, t.ex. Förvaltningsrätten i Stockholm.")] = None,
) -> None:
    """Registrera ett överklagande av en parts godkännande."""
    from formation.membership_commands import file_appeal
    from formation.status import party_appeal_ends_on

    filed_on = parse_date(filed, "--filed")
    assert filed_on is not None
    progress = file_appeal(settings(ctx).services(), party, filed_on=filed_on, appellant=appellant, court=court)
    typer.echo(f"Överklagandet av {progress.info.name}s beslut är registrerat; besluten vinner inte laga kraft ännu.")
    last_day = party_appeal_ends_on(progress)
    if last_day is not None and filed_on > last_day:
        typer.echo(f"Obs: överklagandetiden gick ut {last_day}; domstolen avvisar troligen ett för sent överklagande.")


@appeal_app.command("decide")
def appeal_decide(
    ctx: typer.Context,
    party: str,
    outcome: Annotated[str, typer.Option("--outcome", help="avslaget, avvisat, avskrivet eller upphavt.")],
    on: Annotated[str, typer.Option("--date", help="Domens datum.")],
) -> None:
    """Registrera domstolens avgörande."""
    from formation.membership_commands import decide_appeal

    day = parse_date(on, "--date")
    assert day is not None
    progress = decide_appeal(settings(ctx).services(), party, outcome=outcome, on=day)
    if progress.approved:
        typer.echo(f"Avgörandet är registrerat; {progress.info.name}s godkännande står fast.")
    else:
        typer.echo(f"Beslutet är upphävt; {progress.info.name} behöver besluta på nytt.")


@app.command()
def leave(
    ctx: typer.Context,
    party: str,
    notice: Annotated[str, typer.Option("--notice", help="Dag då uppsägningen lämnades.")],
    years: Annotated[str, typer.Option("--years", help="Uppsägningstid i år (förbundsordningen; högst 3).")] = "3",
) -> None:
    """Registrera en medlems uppsägning (utträde)."""
    from formation.membership_commands import give_notice

    day = parse_date(notice, "--notice")
    assert day is not None
    notice_years = parse_int(years, "--years")
    assert notice_years is not None
    progress = give_notice(settings(ctx).services(), party, on=day, years=notice_years)
    typer.echo(f"{progress.info.name} har sagt upp sitt medlemskap; utträdet sker {progress.leaves_on}.")


@board_app.command("add")
def board_add(
    ctx: typer.Context,
    party: str,
    person: str,
    role: Annotated[str, typer.Option("--role", help="ledamot eller ersattare.")] = "ledamot",
    term_start: Annotated[str | None, typer.Option("--from", help="Mandattidens början.")] = None,
    term_end: Annotated[str | None, typer.Option("--to", help="Mandattidens slut.")] = None,
    fullmaktige: Annotated[str | None, typer.Option("--fullmaktige", help="Fullmäktige där personen sitter.")] = None,
    employed: Annotated[bool, typer.Option("--employed", help="Anställd hos parten (FK/AF).")] = False,
) -> None:
    """Lägg till en ledamot eller ersättare."""
    from formation.membership_commands import add_board_seat

    services = settings(ctx).services()
    projection = add_board_seat(
        services,
        party,
        person,
        role=role,
        term_start=parse_date(term_start, "--from"),
        term_end=parse_date(term_end, "--to"),
        fullmaktige=fullmaktige,
        employed_by=party if employed else None,
    )
    seat = projection.board[-1]
    typer.echo(f"{seat.person} är {seat.role.replace('ersattare', 'ersättare')} {seat.term_start}–{seat.term_end}.")


@board_app.command("remove")
def board_remove(ctx: typer.Context, party: str, person: str) -> None:
    """Ta bort en person ur styrelsen."""
    from formation.membership_commands import remove_board_seat

    remove_board_seat(settings(ctx).services(), party, person)
    typer.echo(f"{person} är borttagen ur styrelsen.")


@board_app.command("list")
def board_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Visa styrelsen."""
    view = settings(ctx).services().view()
    names = {p.info.slug: p.info.name for p in view.projection.parties.values()}
    seats = [
        {
            "party": names.get(s.party, s.party),
            "person": s.person,
            "role": s.role,
            "term_start": s.term_start.isoformat(),
            "term_end": s.term_end.isoformat(),
            "fullmaktige": s.fullmaktige,
            "employed_by": s.employed_by,
        }
        for s in view.projection.board
    ]
    if as_json:
        emit_json(seats)
        return
    if not seats:
        typer.echo("Inga ledamöter eller ersättare registrerade.")
    for seat in seats:
        role = "ersättare" if seat["role"] == "ersattare" else "ledamot"
        typer.echo(f"{seat['party']:<28} {role:<10} {seat['person']:<28} {seat['term_start']}–{seat['term_end']}")
