"""The `formation` command line (Typer). Swedish for users; exit 0 ok, 1 a check found a problem,
2 bad input or a refused command (one sentence on stderr, nothing written)."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

try:  # Typer >= 0.2x vendors its own copy of click; its exceptions are the ones raised.
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer uses click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

from formation.errors import Refusal, first_line

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Bilda ett samordningsförbund (Finsam).")
party_app = typer.Typer(no_args_is_help=True, help="Parter i förbundet.")
fo_app = typer.Typer(no_args_is_help=True, help="Förbundsordningens versioner.")
app.add_typer(party_app, name="party")
app.add_typer(fo_app, name="fo")


class Settings:
    """Global options, resolved lazily so that `--help` never touches a database."""

    def __init__(self, db: str | None, case: str | None, actor: str | None) -> None:
        self.db, self.case, self.actor = db, case, actor

    def services(self) -> Any:
        from formation.bootstrap import make_services

        return make_services(db=self.db, case=self.case, actor=self.actor)


def settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", help="SQLAlchemy-URL eller sökväg till SQLite-fil.")] = None,
    case: Annotated[str | None, typer.Option("--case", help="Ärendets kortnamn.")] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Vem som registrerar (standard: inloggad användare).")
    ] = None,
) -> None:
    ctx.obj = Settings(db, case, actor)


def parse_date(text: str | None, option: str) -> date | None:
    """ISO date from the command line, or a refusal naming the option."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise Refusal(f"{option} '{text}' är inget giltigt datum; använd formatet ÅÅÅÅ-MM-DD.") from None


def parse_int(text: str | None, option: str) -> int | None:
    """A whole number from the command line ("680 000" allowed), or a refusal naming the option."""
    if text is None:
        return None
    try:
        return int(text.replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        raise Refusal(f"{option} '{text}' är inget heltal.") from None


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
def init(
    ctx: typer.Context,
    name: str,
    slug: Annotated[str | None, typer.Option(help="Kortnamn (a–z, 0–9, -).")] = None,
    seat: Annotated[str | None, typer.Option(help="Förbundets säte.")] = None,
    start: Annotated[str | None, typer.Option(help="Planerat startdatum ÅÅÅÅ-MM-DD.")] = None,
    no_region: Annotated[
        bool, typer.Option("--no-region", help="Kommun som inte ingår i någon region (Gotland), 3 §.")
    ] = False,
) -> None:
    """Skapa ett nytt ärende."""
    services = settings(ctx).services()
    case = services.init_case(name, slug=slug, seat=seat, start=parse_date(start, "--start"), no_region=no_region)
    typer.echo(f"Ärendet '{case.name}' skapat med kortnamnet {case.slug}.")


@party_app.command("add")
def party_add(
    ctx: typer.Context,
    name: str,
    kind: Annotated[str, typer.Option("--kind", help="kommun, region, forsakringskassan, arbetsformedlingen.")],
    key: Annotated[str | None, typer.Option("--key", help="Fördelningsnyckel i procent.")] = None,
    population: Annotated[str | None, typer.Option("--population", help="Befolkning 16–64 år.")] = None,
    member_since: Annotated[
        str | None, typer.Option("--member-since", help="Medlem sedan (befintligt förbund).")
    ] = None,
    email: Annotated[str | None, typer.Option("--email", help="Kontaktadress.")] = None,
    observer: Annotated[bool, typer.Option("--observer", help="Adjungerad utan rösträtt.")] = False,
    workflow: Annotated[Path | None, typer.Option("--workflow", help="Egen variant av beslutsgången (YAML).")] = None,
) -> None:
    """Lägg till en part."""
    services = settings(ctx).services()
    progress = services.add_party(
        name,
        kind,
        key_percent=key,
        population=parse_int(population, "--population"),
        member_since=parse_date(member_since, "--member-since"),
        email=email,
        observer=observer,
        workflow_file=workflow,
    )
    role = " som adjungerad (utan rösträtt)" if progress.info.observer else ""
    typer.echo(f"{progress.info.name} ({progress.info.kind.label.lower()}) tillagd{role}.")


@party_app.command("list")
def party_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Visa parterna."""
    from formation.status import party_json

    view = settings(ctx).services().view()
    parties = [party_json(p) for p in view.projection.parties.values()]
    if as_json:
        emit_json(parties)
        return
    for party in parties:
        role = "adjungerad" if party["observer"] else "medlem"
        typer.echo(f"{party['slug']:<28} {party['name']:<36} {party['kind']:<20} {role}")


@party_app.command("workflow")
def party_workflow(ctx: typer.Context, party: str, file: Path) -> None:
    """Ge en part en egen variant av beslutsgången (t.ex. två nämnder parallellt)."""
    progress = settings(ctx).services().set_workflow(party, file)
    steps = ", ".join(s.id for s in progress.workflow.steps)
    typer.echo(f"{progress.info.name} följer nu {file.name}: {steps}.")


@fo_app.command("add")
def fo_add(
    ctx: typer.Context,
    file: Path,
    start: Annotated[str | None, typer.Option("--start", help="Startdatum som förbundsordningen anger.")] = None,
    on: Annotated[str | None, typer.Option("--date", help="Datum för versionen (standard: i dag).")] = None,
    in_force: Annotated[bool, typer.Option("--in-force", help="Befintligt förbunds gällande förbundsordning.")] = False,
    formed_on: Annotated[str | None, typer.Option("--formed-on", help="När det befintliga förbundet bildades.")] = None,
) -> None:
    """Lägg till en ny version av förbundsordningen."""
    services = settings(ctx).services()
    number, digest, checklist = services.add_fo(
        file,
        start=parse_date(start, "--start"),
        on=parse_date(on, "--date"),
        in_force=in_force,
        formed_on=parse_date(formed_on, "--formed-on"),
    )
    typer.echo(f"v{number} sha256:{digest}")
    for item in checklist.missing_required:
        typer.echo(f"Varning: § 9 punkt {item.number} ({item.label}) saknas i texten.", err=True)


@fo_app.command("check")
def fo_check(file: Path) -> None:
    """Kontrollera att förbundsordningen har det innehåll som 9 § kräver."""
    from formation.domain.checklist import check_forbundsordning, format_checklist
    from formation.io.fo_text import ForbundsordningUnreadable, read_forbundsordning

    try:
        text = read_forbundsordning(file)
    except ForbundsordningUnreadable as exc:
        raise Refusal(str(exc)) from exc
    result = check_forbundsordning(text)
    typer.echo(format_checklist(result))
    if not result.ok:
        raise typer.Exit(1)


@app.command()
def decide(
    ctx: typer.Context,
    party: str,
    step: str,
    outcome: Annotated[str, typer.Option("--outcome", help="bifall, avslag, aterremiss eller bordlagd.")],
    on: Annotated[str, typer.Option("--date", help="Beslutsdatum ÅÅÅÅ-MM-DD.")],
    body: Annotated[str | None, typer.Option("--body", help="Beslutande organ.")] = None,
    paragraph: Annotated[str | None, typer.Option("--paragraph", help="Paragraf i protokollet.")] = None,
    dnr: Annotated[str | None, typer.Option("--dnr", help="Diarienummer.")] = None,
    fo_version: Annotated[str | None, typer.Option("--fo-version", help="Godkänd version (standard: aktuell).")] = None,
    anslag: Annotated[str | None, typer.Option("--anslag", help="Dag då justeringen anslogs.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Anteckning, t.ex. villkor i beslutet.")] = None,
) -> None:
    """Registrera ett beslut."""
    services = settings(ctx).services()
    decided_on = parse_date(on, "--date")
    assert decided_on is not None
    progress = services.decide(
        party,
        step,
        outcome=outcome,
        on=decided_on,
        body=body,
        paragraph=paragraph,
        dnr=dnr,
        fo_version=parse_int(fo_version.lstrip("vV") if fo_version else None, "--fo-version"),
        anslag=parse_date(anslag, "--anslag"),
        note=note,
    )
    typer.echo(f"Beslutet registrerat. {progress.info.name}: {_state_sentence(progress)}")


@app.command()
def skip(
    ctx: typer.Context,
    party: str,
    step: str,
    reason: Annotated[str, typer.Option("--reason", help="Varför steget inte är aktuellt.")],
    on: Annotated[str | None, typer.Option("--date", help="Datum, om det finns ett.")] = None,
) -> None:
    """Markera ett steg som ej aktuellt för en part."""
    progress = settings(ctx).services().skip(party, step, reason=reason, on=parse_date(on, "--date"))
    typer.echo(f"Steget {step} är markerat som ej aktuellt. {progress.info.name}: {_state_sentence(progress)}")


def _state_sentence(progress: Any) -> str:
    if progress.approved:
        return f"har godkänt förbundsordningen v{progress.approved_version}."
    if progress.rejected:
        return "har avslagit."
    step = progress.workflow.step(progress.display_state)
    return f"nästa steg är {step.label if step else progress.display_state}."


@app.command()
def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Läget per detta datum.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Visa läget för ärendet."""
    from formation.reports.status_text import render_status
    from formation.status import status_document

    view = settings(ctx).services().view(as_of=parse_date(as_of, "--as-of"), with_texts=True)
    doc = status_document(view)
    if as_json:
        emit_json(doc)
    else:
        typer.echo(render_status(doc))


@app.command()
def log(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Visa händelseloggen."""
    from formation.reports.status_text import event_json, render_log

    events = settings(ctx).services().events()
    if as_json:
        emit_json([event_json(e) for e in events])
    else:
        typer.echo(render_log(events))


def usage_error_sentence(exc: click_errors.UsageError) -> str:
    """Click's English usage errors as one Swedish sentence."""
    command = exc.ctx.command_path if exc.ctx else "formation"
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        name = exc.param.opts[0] if exc.param.opts and exc.param.opts[0].startswith("-") else (exc.param.name or "")
        return f"{name.upper() if not name.startswith('-') else name} saknas; se `{command} --help`."
    if isinstance(exc, click_errors.NoSuchOption):
        return f"Okänt alternativ {exc.option_name}; se `{command} --help`."
    if isinstance(exc, click_errors.BadParameter):
        return f"Ogiltigt värde: {exc.format_message()}; se `{command} --help`."
    return f"Felaktigt kommando ({exc.format_message()}); se `{command} --help`."


def main() -> None:
    """Console entry point: Typer in non-standalone mode so every error becomes Swedish and exit 2."""
    try:
        result = app(standalone_mode=False)
    except Refusal as exc:
        typer.echo(exc.message, err=True)
        sys.exit(2)
    except click_errors.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        sys.exit(2)
    except click_errors.UsageError as exc:
        typer.echo(usage_error_sentence(exc), err=True)
        sys.exit(2)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("Avbrutet.", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: one line for the user, the traceback on request
        if os.environ.get("FORMATION_DEBUG"):
            raise
        typer.echo(
            f"Internt fel ({type(exc).__name__}: {first_line(exc)}); kör med FORMATION_DEBUG=1 för detaljer.", err=True
        )
        sys.exit(70)
    sys.exit(result if isinstance(result, int) else 0)


from formation import cli_membership, cli_more, cli_setup  # noqa: E402,F401  (register the remaining commands)
