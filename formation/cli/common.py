"""The root Typer app, the global options, and parsing of command-line values into domain types.
Every command group module registers on `app`; `formation.cli.main` imports them all."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any

import typer

from formation.errors import Refusal

if TYPE_CHECKING:
    from formation.services import Services
    from formation.services.views import Result

CONTEXT = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    add_completion=False, no_args_is_help=True, context_settings=CONTEXT, help="Bilda ett samordningsförbund (Finsam)."
)


def group(name: str, help_text: str) -> typer.Typer:
    """A command group (`formation party …`) registered on the root app."""
    sub = typer.Typer(no_args_is_help=True, context_settings=CONTEXT, help=help_text)
    app.add_typer(sub, name=name)
    return sub


@dataclass
class Settings:
    """Global options, resolved lazily so that `--help` never touches a database."""

    db: str | None
    case: str | None
    actor: str | None
    if_revision: int | None
    create: bool = False
    """Whether the command may create the database (init, import and demo only)."""

    def services(self) -> Services:
        from formation.bootstrap import make_services

        return make_services(db=self.db, case=self.case, actor=self.actor, create=self.create)


CREATING_COMMANDS = frozenset({"init", "import", "demo", "restore"})


def settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings)
    return obj


def services(ctx: typer.Context) -> Services:
    return settings(ctx).services()


def revision(ctx: typer.Context) -> int | None:
    """The revision a write must find (--if-revision), or None: the revision read in the same transaction."""
    return settings(ctx).if_revision


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"formation {version('formation')}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="URL|FIL", help="Databasen: SQLAlchemy-URL eller sökväg till SQLite-fil."),
    ] = None,
    case: Annotated[
        str | None, typer.Option("--case", metavar="KORTNAMN", help="Ärendet (om databasen har flera).")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", metavar="NAMN", help="Vem som registrerar (standard: inloggad användare).")
    ] = None,
    if_revision: Annotated[
        str | None,
        typer.Option("--if-revision", metavar="N", help="Skriv bara om ärendet fortfarande har revision N."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Visa versionen.")
    ] = False,
) -> None:
    ctx.obj = Settings(
        db, case, actor, parse_int(if_revision, "--if-revision"), create=ctx.invoked_subcommand in CREATING_COMMANDS
    )


def parse_date(text: str | None, option: str) -> date | None:
    """ISO date from the command line, or a refusal naming the option."""
    if text is None:
        return None
    from formation.case.validation import check_date

    try:
        day = date.fromisoformat(text.strip())
    except (ValueError, OverflowError):
        raise Refusal(f"{option} '{_shown(text)}' är inget giltigt datum; använd formatet ÅÅÅÅ-MM-DD.") from None
    check_date(day)  # the one sane range every stored date keeps (date arithmetic past it overflows)
    return day


def required_date(text: str, option: str) -> date:
    day = parse_date(text, option)
    assert day is not None
    return day


def parse_int(text: str | None, option: str) -> int | None:
    """A whole number from the command line ("680 000" allowed), or a refusal naming the option."""
    if text is None:
        return None
    digits = text.replace(" ", "").replace("\u00a0", "")
    if len(digits) > 30:
        raise Refusal(f"{option} '{_shown(text)}' är orimligt stort.")
    try:
        value = int(digits)
    except ValueError:
        raise Refusal(f"{option} '{_shown(text)}' är inget heltal.") from None
    if abs(value) >= 2**31:
        raise Refusal(f"{option} {value} är orimligt stort.")
    return value


KEY_DECIMALS = 6


def parse_percent(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().rstrip("%").replace(",", "."))
    except (InvalidOperation, ValueError, ArithmeticError):
        raise Refusal(f"Fördelningsnyckeln '{_shown(text)}' är inget tal; ange procent, t.ex. 13.") from None
    if not value.is_finite() or not Decimal(0) < value <= Decimal(100):
        raise Refusal(f"Fördelningsnyckeln måste vara mellan 0 och 100 procent, inte {_shown(text)}.")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -KEY_DECIMALS:
        raise Refusal(f"Fördelningsnyckeln får ha högst {KEY_DECIMALS} decimaler, inte {_shown(text)}.")
    return value


def _shown(text: str) -> str:
    """User input quoted in a message: one line, no control characters, not too long."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= 60 else clean[:57] + "…"


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def state_sentence(result: Result) -> str:
    """Where the command's party stands after it: 'nästa steg är Kommunstyrelsens förslag.'"""
    progress = result.party()
    if progress.approved:
        return f"har godkänt förbundsordningen v{progress.approved_version}."
    if progress.rejected:
        return "har avslagit."
    step = progress.workflow.step(progress.display_state)
    return f"nästa steg är {step.label if step else progress.display_state}."
