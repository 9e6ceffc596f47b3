"""CLI: recording decisions and skipped steps, and correcting or striking what was recorded."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from formation.cli.common import PARTY, app, parse_date, parse_int, required_date, revision, services, state_sentence
from formation.domain.appeal import anslag_days_late
from formation.domain.outcomes import Outcome
from formation.errors import Refusal

STEP = typer.Argument(
    metavar="STEG",
    help="Steg-id eller steget som det heter: forstudie, inriktningsbeslut, namnd, styrelse, fullmaktige "
    "(kommun och region); forstudie, beslut (FK och AF).",
)


def parse_outcome(text: str) -> Outcome:
    cleaned = text.strip().lower().replace("å", "a").replace("ä", "a")
    cleaned = {"bordlaggning": "bordlagd", "bordlagt": "bordlagd"}.get(cleaned, cleaned)
    try:
        return Outcome(cleaned)
    except ValueError:
        raise Refusal(f"Okänt utfall '{text}'; välj bifall, avslag, aterremiss eller bordlagd.") from None


@app.command()
def decide(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    step: Annotated[str, STEP],
    outcome: Annotated[
        str, typer.Option("--outcome", metavar="UTFALL", help="bifall, avslag, aterremiss eller bordlagd.")
    ],
    on: Annotated[str, typer.Option("--date", metavar="DATUM", help="Beslutsdatum ÅÅÅÅ-MM-DD.")],
    body: Annotated[str | None, typer.Option("--body", metavar="ORGAN", help="Beslutande organ.")] = None,
    paragraph: Annotated[str | None, typer.Option("--paragraph", metavar="§", help="Paragraf i protokollet.")] = None,
    dnr: Annotated[str | None, typer.Option("--dnr", metavar="DNR", help="Diarienummer.")] = None,
    fo_version: Annotated[
        str | None, typer.Option("--fo-version", metavar="N", help="Godkänd version (standard: aktuell).")
    ] = None,
    anslag: Annotated[
        str | None, typer.Option("--anslag", metavar="DATUM", help="Dag då justeringen anslogs (fullmäktige).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Anteckning, t.ex. villkor.")] = None,
) -> None:
    """Registrera ett beslut."""
    from formation.case.commands import RecordDecision

    result = services(ctx).handle(
        RecordDecision(
            party=party,
            step=step,
            outcome=parse_outcome(outcome),
            decided_on=required_date(on, "--date"),
            body=body,
            paragraph=paragraph,
            dnr=dnr,
            fo_version=parse_int(fo_version.strip().lstrip("vV") if fo_version else None, "--fo-version"),
            anslag=parse_date(anslag, "--anslag"),
            note=note,
            expected_revision=revision(ctx),
        )
    )
    typer.echo(f"Beslutet registrerat. {result.party().info.name}: {state_sentence(result)}")
    decided_on, posted_on = required_date(on, "--date"), parse_date(anslag, "--anslag")
    if posted_on is not None and anslag_days_late(decided_on, posted_on):
        typer.echo(
            f"Varning: anslagsdatumet {posted_on} ligger {(posted_on - decided_on).days} dagar efter beslutet; "
            "protokollet ska justeras inom 14 dagar och justeringen anslås inom 2 dagar därefter. "
            "Kontrollera datumet (rätta med `formation correct N --anslag DATUM --reason TEXT`).",
            err=True,
        )


@app.command()
def skip(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    step: Annotated[str, STEP],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Varför steget inte är aktuellt.")],
    on: Annotated[str | None, typer.Option("--date", metavar="DATUM", help="Datum, om det finns ett.")] = None,
) -> None:
    """Markera ett steg som ej aktuellt för en part."""
    from formation.case.commands import SkipStep

    svc = services(ctx)
    result = svc.handle(
        SkipStep(party=party, step=step, reason=reason, on=parse_date(on, "--date"), expected_revision=revision(ctx))
    )
    typer.echo(f"Steget är markerat som ej aktuellt. {result.party().info.name}: {state_sentence(result)}")


CLEAR = "-"


@app.command()
def correct(
    ctx: typer.Context,
    seq: Annotated[str, typer.Argument(metavar="N", help="Händelsens nummer i loggen.")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Varför rättelsen görs.")],
    on: Annotated[str | None, typer.Option("--date", metavar="DATUM", help="Rätt datum.")] = None,
    anslag: Annotated[
        str | None, typer.Option("--anslag", metavar="DATUM", help="Rätt anslagsdatum ('-' tar bort).")
    ] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", metavar="UTFALL", help="Rätt utfall.")] = None,
    body: Annotated[str | None, typer.Option("--body", metavar="ORGAN", help="Rätt organ ('-' tar bort).")] = None,
    paragraph: Annotated[
        str | None, typer.Option("--paragraph", metavar="§", help="Rätt paragraf ('-' tar bort).")
    ] = None,
    dnr: Annotated[str | None, typer.Option("--dnr", metavar="DNR", help="Rätt diarienummer ('-' tar bort).")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Rätt anteckning ('-' tar bort).")] = None,
    fo_version: Annotated[str | None, typer.Option("--fo-version", metavar="N", help="Rätt version.")] = None,
    start: Annotated[
        str | None, typer.Option("--start", metavar="DATUM", help="Rätt startdatum (förbundsordning).")
    ] = None,
) -> None:
    """Rätta en registrerad händelse (en ny händelse; originalet finns kvar i loggen)."""
    from formation.case.commands import CorrectEvent

    changes: dict[str, Any] = {}
    if on is not None:
        changes["date"] = required_date(on, "--date")
    if anslag is not None:
        changes["anslag"] = None if anslag == CLEAR else parse_date(anslag, "--anslag")
    if outcome is not None:
        changes["outcome"] = parse_outcome(outcome)
    for key, value in (("body", body), ("paragraph", paragraph), ("dnr", dnr), ("note", note)):
        if value is not None:
            changes[key] = None if value == CLEAR else value
    if fo_version is not None:
        changes["fo_version"] = parse_int(fo_version.strip().lstrip("vV"), "--fo-version")
    if start is not None:
        changes["start_date"] = None if start == CLEAR else parse_date(start, "--start")
    number = parse_int(seq, "N")
    assert number is not None
    services(ctx).handle(CorrectEvent(seq=number, changes=changes, reason=reason, expected_revision=revision(ctx)))
    typer.echo(f"Händelse {number} är rättad; originalet och rättelsen finns i loggen.")


@app.command()
def void(
    ctx: typer.Context,
    seq: Annotated[str, typer.Argument(metavar="N", help="Händelsens nummer i loggen.")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Varför händelsen stryks.")],
) -> None:
    """Stryk en registrerad händelse (en ny händelse; originalet finns kvar i loggen)."""
    from formation.case.commands import VoidEvent

    number = parse_int(seq, "N")
    assert number is not None
    services(ctx).handle(VoidEvent(seq=number, reason=reason, expected_revision=revision(ctx)))
    typer.echo(f"Händelse {number} är struken; den finns kvar i loggen men räknas inte.")
