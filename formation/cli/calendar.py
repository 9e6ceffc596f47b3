"""CLI: meeting calendars, contacts, deadlines and the plan (calendar, contact, deadline, plan)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from formation.cli.common import PARTY, app, emit_json, group, required_date, revision, services
from formation.errors import Refusal

if TYPE_CHECKING:
    from datetime import date

    from formation.case.projection import CaseProjection, PartyProgress
    from formation.schedule.plan_model import StepPlan

calendar_app = group("calendar", "Sammanträdesplaner: när organen sammanträder.")
contact_app = group("contact", "Kontaktpersoner som får påminnelser.")
deadline_app = group("deadline", "Sista dag för parternas beslut.")
JSON = typer.Option("--json", help="Skriv ut som JSON.")
PARTY_OPTION = typer.Option(
    "--party", metavar="PART", help="Sammanträdena gäller den här partens organ (annars alla parters)."
)


AS_OPTION = typer.Option(
    "--as",
    metavar="MALLENS_ORGAN",
    help='Sammanträdenas organ är partens namn på detta organ i beslutsgången, t.ex. --as "Ansvarig nämnd" '
    "för Socialnämnden (kräver --party; sparar namnet som `calendar body`).",
)


def _add_meetings(
    ctx: typer.Context,
    meetings: list[tuple[str, object]],
    party: str | None,
    source: str,
    as_body: str | None = None,
) -> None:
    from formation.case.commands import AddMeetings

    svc = services(ctx)
    named_before = dict(svc.view().projection.body_names) if as_body is not None and party is not None else None
    try:
        result = svc.handle(
            AddMeetings(
                meetings=meetings,  # type: ignore[arg-type]
                party=party,
                source=source,
                as_body=as_body,
                expected_revision=revision(ctx),
            )
        )
    except Refusal as exc:
        if exc.code == "nothing_new":
            typer.echo("Alla sammanträdena fanns redan i kalendern; inget nytt sparades.")
            return
        raise
    named = named_before is not None and result.projection.body_names != named_before
    saved = len(result.seqs) - named
    what = "1 sammanträde sparat" if saved == 1 else f"{saved} sammanträden sparade"
    typer.echo(f"{what} (revision {result.revision}).")
    if as_body is not None and party is not None:
        progress = result.party()  # the meetings' party
        real = result.projection.body_name(progress.info.slug, as_body)
        what = "heter nu" if named else "heter redan"
        typer.echo(f"{progress.info.name}: {_template_body(progress, as_body)} {what} {real} i planeringen.")


@calendar_app.command("add")
def calendar_add(
    ctx: typer.Context,
    body: Annotated[str, typer.Argument(metavar="ORGAN", help="Organet, t.ex. Kommunfullmäktige.")],
    dates: Annotated[list[str], typer.Argument(metavar="DATUM...", help="Sammanträdesdagar ÅÅÅÅ-MM-DD.")],
    party: Annotated[str | None, PARTY_OPTION] = None,
    as_body: Annotated[str | None, AS_OPTION] = None,
) -> None:
    """Lägg in sammanträden för ett organ."""
    _add_meetings(ctx, [(body, required_date(d, "Datumet")) for d in dates], party, "kommandorad", as_body)


@calendar_app.command("import")
def calendar_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FIL", help="CSV (organ;datum) eller iCalendar (.ics).")],
    body: Annotated[
        str | None, typer.Option("--body", metavar="ORGAN", help="Alla sammanträden i filen gäller detta organ.")
    ] = None,
    party: Annotated[str | None, PARTY_OPTION] = None,
    as_body: Annotated[str | None, AS_OPTION] = None,
) -> None:
    """Läs in en sammanträdesplan från en fil."""
    from formation.schedule.calendars import CalendarError, read_calendar_file

    try:
        meetings = read_calendar_file(file, body=body)
    except CalendarError as exc:
        raise Refusal(str(exc), code=exc.code) from exc
    if not meetings:
        raise Refusal(f"{file.name} innehåller inga sammanträden.", code="bad_calendar")
    _add_meetings(ctx, [(m.body, m.on) for m in meetings], party, file.name, as_body)


@calendar_app.command("body")
def calendar_body(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    body: Annotated[
        str, typer.Argument(metavar="MALLENS_ORGAN", help="Organet som beslutsgången nämner, t.ex. Ansvarig nämnd.")
    ],
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAMN", help="Partens namn på organet, t.ex. Socialnämnden; - tar bort namnet (mallens gäller)."
        ),
    ],
) -> None:
    """Ange partens eget namn på ett organ i beslutsgången (stegen planeras på dess sammanträden)."""
    from formation.case.commands import NameBody

    given = None if name.strip() == "-" else name
    result = services(ctx).handle(NameBody(party=party, body=body, name=given, expected_revision=revision(ctx)))
    progress = result.party()
    shown = _template_body(progress, body)
    if given is None:
        typer.echo(f"{progress.info.name}: {shown} planeras åter med mallens namn (revision {result.revision}).")
    else:
        real = result.projection.body_name(progress.info.slug, body)
        typer.echo(
            f"{progress.info.name}: {shown} heter {real}; stegen planeras på dess sammanträden "
            f"(revision {result.revision})."
        )


def _template_body(progress: PartyProgress, body: str) -> str:
    """The body as the party's steps spell it."""
    from formation.case.projection import body_key

    key = body_key(body)
    return next((s.body for s in progress.workflow.steps if s.body and body_key(s.body) == key), body.strip())


@calendar_app.command("remove")
def calendar_remove(
    ctx: typer.Context,
    body: Annotated[str, typer.Argument(metavar="ORGAN")],
    day: Annotated[str, typer.Argument(metavar="DATUM")],
    party: Annotated[str | None, PARTY_OPTION] = None,
) -> None:
    """Ta bort ett sammanträde ur kalendern."""
    from formation.case.commands import RemoveMeeting

    result = services(ctx).handle(
        RemoveMeeting(body=body, on=required_date(day, "Datumet"), party=party, expected_revision=revision(ctx))
    )
    typer.echo(f"Sammanträdet borttaget (revision {result.revision}).")


@calendar_app.command("list")
def calendar_list(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    """Visa sammanträdena i kalendern och parternas egna namn på organen."""
    projection = services(ctx).view().projection
    meetings = sorted(projection.meetings.values(), key=lambda m: (m.party or "", m.body.casefold(), m.on))
    if as_json:
        emit_json([{"party": m.party, "body": m.body, "date": m.on.isoformat(), "source": m.source} for m in meetings])
        return
    if not meetings:
        typer.echo("Inga sammanträden i kalendern; lägg in dem med `calendar add` eller `calendar import`.")
    for m in meetings:
        whose = projection.parties[m.party].info.name if m.party in projection.parties else "alla parter"
        typer.echo(f"{m.on.isoformat()}  {m.body}  ({whose})")
    names = _body_names(projection)
    if names:
        typer.echo("\nParternas egna namn på organen (`calendar body`):")
        for line in names:
            typer.echo(f"  {line}")


def _body_names(projection: CaseProjection) -> list[str]:
    """'Sundbyberg: Ansvarig nämnd heter Socialnämnden', party by party, in the order of their steps."""
    from formation.case.projection import body_key

    lines = []
    for slug, progress in projection.parties.items():
        shown: set[str] = set()
        for step in progress.workflow.steps:
            key = body_key(step.body) if step.body else ""
            name = projection.body_names.get((slug, key))
            if name is not None and key not in shown:
                shown.add(key)
                lines.append(f"{progress.info.name}: {step.body} heter {name}")
    return lines


@contact_app.command("add")
def contact_add(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    name: Annotated[str, typer.Argument(metavar="NAMN")],
    email: Annotated[str, typer.Option("--email", metavar="ADRESS", help="E-postadress.")],
    role: Annotated[str | None, typer.Option("--role", metavar="ROLL", help="T.ex. nämndsekreterare.")] = None,
) -> None:
    """Lägg till en kontaktperson för en part."""
    from formation.case.commands import AddContact

    result = services(ctx).handle(
        AddContact(party=party, name=name, email=email, role=role, expected_revision=revision(ctx))
    )
    typer.echo(f"{name} får påminnelser för {result.party().info.name} (revision {result.revision}).")


@contact_app.command("remove")
def contact_remove(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    email: Annotated[str, typer.Argument(metavar="ADRESS")],
) -> None:
    """Ta bort en kontaktperson."""
    from formation.case.commands import RemoveContact

    result = services(ctx).handle(RemoveContact(party=party, email=email, expected_revision=revision(ctx)))
    typer.echo(f"Kontakten borttagen (revision {result.revision}).")


@contact_app.command("list")
def contact_list(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    """Visa kontaktpersonerna."""
    projection = services(ctx).view().projection
    contacts = list(projection.contacts.values())
    if as_json:
        emit_json([{"party": c.party, "name": c.name, "email": c.email, "role": c.role} for c in contacts])
        return
    if not contacts:
        typer.echo("Inga kontaktpersoner; lägg till med `contact add PART NAMN --email ADRESS`.")
    for c in contacts:
        role = f", {c.role}" if c.role else ""
        typer.echo(f"{projection.parties[c.party].info.name}: {c.name} <{c.email}>{role}")


@deadline_app.command("set")
def deadline_set(
    ctx: typer.Context,
    party: Annotated[str, PARTY],
    step: Annotated[str, typer.Argument(metavar="STEG")],
    day: Annotated[str, typer.Argument(metavar="DATUM", help="Sista dag ÅÅÅÅ-MM-DD, eller - för planens.")],
) -> None:
    """Sätt sista dag för en parts steg (går före planen)."""
    from formation.case.commands import SetDeadline

    on = None if day.strip() == "-" else required_date(day, "Datumet")
    result = services(ctx).handle(SetDeadline(party=party, step=step, on=on, expected_revision=revision(ctx)))
    shown = on.isoformat() if on else "enligt planen"
    typer.echo(f"Sista dag {shown} för {result.party().info.name} (revision {result.revision}).")


@deadline_app.command("list")
def deadline_list(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    """Visa sista dag för varje steg som väntar på beslut."""
    from formation.services.schedule_reads import deadline_list as read

    svc = services(ctx)
    rows = read(svc)
    if as_json:
        emit_json(
            [
                {
                    "party": d.party,
                    "step": d.step,
                    "label": d.label,
                    "body": d.body,
                    "deadline": d.deadline_on.isoformat(),
                    "overridden": d.overridden,
                    "meeting": d.meeting_on.isoformat() if d.meeting_on else None,
                    "critical": d.critical,
                }
                for d in rows
            ]
        )
        return
    if not rows:
        typer.echo("Inga sista dagar: lägg in sammanträdesplaner (`calendar import`) eller `deadline set`.")
    today = svc.clock.today()
    names = {p.info.slug: p.info.name for p in svc.view().projection.parties.values()}
    for d in rows:
        flags = [f for f, on in (("satt för hand", d.overridden), ("kritisk linje", d.critical)) if on]
        late = " FÖRSENAT" if d.deadline_on < today else ""
        extra = f" ({', '.join(flags)})" if flags else ""
        typer.echo(f"{d.deadline_on.isoformat()}{late}  {names.get(d.party, d.party)}: {d.label} – {d.body}{extra}")


def plan_line(s: StepPlan, today: date) -> str:
    """One pending step: its earliest meeting, the latest that keeps the target (the TUI's Tidigast and Senast),
    and its deadline when that is another day (set by hand, or no meeting keeps the target)."""
    mark = "*" if s.critical else " "
    meeting = s.earliest.isoformat() if s.earliest else "inget sammanträde"
    line = f"{mark} {s.name}: {s.label} ({s.body}) tidigast {meeting}"
    if s.latest is not None:
        line += f", senast {s.latest}"
    if s.deadline is not None and (s.deadline != s.latest or s.deadline_overridden):
        line += f", sista dag {s.deadline}" + (" (satt för hand)" if s.deadline_overridden else "")
    if s.deadline is not None and s.deadline < today:
        line += " FÖRSENAT"  # as `deadline list` and the TUI mark it
    elif s.deadline is not None and s.earliest is not None and s.deadline < s.earliest:
        line += " (hinns inte före första sammanträdet)"
    return line


@app.command()
def plan(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    """Planera bakåt från målet och framåt från i dag: kritisk linje och vad som måste flyttas."""
    from formation.schedule.plan_text import plan_to_dict, summarize
    from formation.services.schedule_reads import plan as make_plan

    result = make_plan(services(ctx))
    if as_json:
        emit_json(plan_to_dict(result))
        return
    typer.echo(summarize(result))
    if result.steps:
        typer.echo("")
    for s in result.steps:
        typer.echo(plan_line(s, result.today))
    missing = [p for p in result.problems if p.code in ("no_calendar", "step_without_body")]
    if missing:
        typer.echo("\nSteg utan sammanträdesplan:")
        for p in missing:
            typer.echo(f"  {p.message}")
