"""CLI: reminders (remind once, list, run) and the iCalendar export of deadlines and meetings (ics)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from formation.cli.common import app, emit_json, group, services, settings
from formation.errors import Refusal

remind_app = group("remind", "Påminnelser om sista dag för beslut (e-post, webhook, loggfil).")
JSON = typer.Option("--json", help="Skriv ut som JSON.")
STATE_WORDS = {
    "pending": "väntar",
    "claimed": "skickas",
    "sent": "skickad",
    "failed": "misslyckad",
    "cancelled": "avbruten",
}


def parse_now(text: str | None, zone: str) -> datetime:
    """--now: an ISO date-time; without a zone it is local time in the reminder time zone."""
    from zoneinfo import ZoneInfo

    if text is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise Refusal(f"--now '{text}' är ingen tidpunkt; använd formatet ÅÅÅÅ-MM-DDTHH:MM.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def _settings_and_channels(ctx: typer.Context, required: bool) -> tuple[object, list[object]]:
    from formation.io.config import load_reminder_settings
    from formation.schedule.delivery import channels_from_settings

    reminder_settings = load_reminder_settings(settings(ctx).config)
    channels = channels_from_settings(reminder_settings)
    if required and not channels:
        raise Refusal(
            "Ingen kanal för påminnelser är konfigurerad; lägg till [smtp], [webhook] eller log_file i "
            "[reminders] i inställningsfilen (se docs/deploy.md)."
        )
    return reminder_settings, list(channels)


@remind_app.command("once")
def remind_once(
    ctx: typer.Context,
    now: Annotated[
        str | None, typer.Option("--now", metavar="TIDPUNKT", help="Som om klockan vore detta (ÅÅÅÅ-MM-DDTHH:MM).")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Visa vad som skulle skickas, skicka inget.")] = False,
) -> None:
    """Skicka de påminnelser som är på tur (för cron), i alla ärenden i databasen."""
    from formation.schedule.settings import Settings
    from formation.services.sending import send_due

    reminder_settings, channels = _settings_and_channels(ctx, required=not dry_run)
    assert isinstance(reminder_settings, Settings)
    engine = services(ctx).engine
    report = send_due(
        engine,
        reminder_settings,
        channels,  # type: ignore[arg-type]
        parse_now(now, reminder_settings.policy.timezone),
        dry_run=dry_run,
    )
    for line in report.lines:
        typer.echo(line)
    if dry_run:
        if not report.lines:
            typer.echo("Ingen påminnelse är på tur nu; `remind list` visar när de väntande skickas.")
        return
    summary = f"{report.sent} skickade"
    if report.late:
        summary += f" (varav {report.late} sent)"
    if report.superseded:
        summary += f", {report.superseded} ersatta av senare påminnelser"
    if report.failed:
        summary += f", {report.failed} misslyckade (försöker igen senare; se `remind list`)"
    typer.echo(summary + ".")
    if report.failed:
        raise typer.Exit(1)


@remind_app.command("list")
def remind_list(
    ctx: typer.Context,
    state: Annotated[
        str | None, typer.Option("--state", metavar="LÄGE", help="pending, sent, failed, cancelled.")
    ] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """Visa påminnelserna: väntande, skickade, misslyckade och avbrutna."""
    from formation.services.schedule_reads import outbox_list

    if state is not None and state not in STATE_WORDS:
        raise Refusal(f"Okänt läge '{state}'; välj {', '.join(STATE_WORDS)}.")
    svc = services(ctx)
    rows = outbox_list(svc, [state] if state else None)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        typer.echo("Inga påminnelser.")
        return
    from formation.schedule.policy import current_policy, local_moment, zone_name

    zone = current_policy().zone  # the times the mails go out at: the configured zone, as the TUI shows them
    typer.echo(f"Tider i {zone_name(zone)}.")
    parties = svc.view().projection.parties  # names and step labels, as the TUI shows them

    def named(r: dict[str, Any]) -> str:
        party = parties.get(r["party"])
        step = party.workflow.step(r["step"]) if party is not None else None
        return f"{party.info.name if party else r['party']}, {step.label if step else r['step']}"

    for r in rows:
        local = local_moment(r["sent_at"] or r["due_at"], zone)
        extra = " (sent)" if r["late"] else ""
        if r["last_error"]:
            extra += f" – {r['last_error']}"
        offset = r["offset_days"]
        typer.echo(
            f"{STATE_WORDS.get(r['state'], r['state']):10} {local}  "
            f"{named(r)}, sista dag {r['deadline']} ({offset:+d} d){extra}"
        )


@remind_app.command("run")
def remind_run(
    ctx: typer.Context,
    interval: Annotated[
        int, typer.Option("--interval", metavar="SEKUNDER", help="Hur ofta utkorgen läses om (standard 300).")
    ] = 300,
) -> None:
    """Kör påminnelserna som en tjänst (systemd) tills den stoppas."""
    import logging

    from formation.schedule.runner import run
    from formation.schedule.settings import Settings
    from formation.services.sending import worker_name

    if interval < 1:
        raise Refusal("--interval måste vara minst 1 sekund.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    reminder_settings, channels = _settings_and_channels(ctx, required=True)
    assert isinstance(reminder_settings, Settings)
    run(services(ctx).engine, reminder_settings, channels, interval=interval, worker=worker_name())  # type: ignore[arg-type]


@app.command()
def ics(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FIL", help="iCalendar-filen att skriva.")],
) -> None:
    """Exportera sista dagar och sammanträden som iCalendar (heldagshändelser)."""
    from formation.schedule.ical import case_calendar
    from formation.services.schedule_reads import deadline_list

    svc = services(ctx)
    view = svc.view()
    data = case_calendar(view.projection, deadline_list(svc))
    output.write_bytes(data)
    typer.echo(f"Kalendern skriven till {output}.")
