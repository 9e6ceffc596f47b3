"""The root Typer app, the global options, and parsing of command-line values into domain types.
Every command group module registers on `app`; `formation.cli.main` imports them all."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.models import CommandFunctionType

from formation.cli.helptext import FormationCommand, FormationGroup
from formation.domain.text import shown
from formation.errors import Refusal

if TYPE_CHECKING:
    from formation.bootstrap import Opening
    from formation.services import Services
    from formation.services.views import Result

CONTEXT = {"help_option_names": ["-h", "--help"]}
OPTIONS_METAVAR = "[ALTERNATIV]"
PARTY = typer.Argument(metavar="PART", help="Partens namn, kortnamn eller en entydig början av namnet.")
"""The party a command is about, as every command names it."""


class FormationApp(typer.Typer):
    """A Typer app whose commands print their help in plain Swedish (`formation.cli.helptext`)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", FormationCommand)
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        return super().command(*args, **kwargs)


def _typer(help_text: str) -> FormationApp:
    return FormationApp(
        cls=FormationGroup,
        add_completion=False,
        no_args_is_help=True,
        context_settings=CONTEXT,
        rich_markup_mode=None,
        options_metavar=OPTIONS_METAVAR,
        subcommand_metavar="KOMMANDO [ARGUMENT]...",
        help=help_text,
    )


app = _typer("Bilda ett samordningsförbund (Finsam).")


def group(name: str, help_text: str) -> FormationApp:
    """A command group (`formation party …`) registered on the root app."""
    sub = _typer(help_text)
    app.add_typer(sub, name=name)
    return sub


@dataclass
class Settings:
    """Global options, resolved lazily so that `--help` never touches a database."""

    db: str | None
    case: str | None
    actor: str | None
    if_revision: int | None
    config: Path | None = None
    """The settings file named by --config (else FORMATION_CONFIG or the default file)."""
    create: bool = False
    """Whether the command may create the database (init, import and demo only)."""

    def services(self) -> Services:
        from formation.bootstrap import open_services

        services = open_services(self.opening())
        OPENED.append(services)
        return services

    def opening(self) -> Opening:
        """The settings resolved and checked, the database not yet opened (the TUI opens it when it needs it)."""
        from formation.bootstrap import prepare_services

        return prepare_services(db=self.db, case=self.case, actor=self.actor, config=self.config, create=self.create)


CREATING_COMMANDS = frozenset({"init", "import", "demo", "restore"})
OPENED: list[Services] = []
"""Services opened by this invocation; `close_all` releases their connections when the command ends."""


def close_all() -> None:
    while OPENED:
        OPENED.pop().engine.dispose()


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
    config: Annotated[
        str | None,
        typer.Option(
            "--config", metavar="FIL", help="Inställningsfilen (standard: FORMATION_CONFIG eller formation.toml)."
        ),
    ] = None,
) -> None:
    ctx.obj = Settings(
        db,
        case,
        actor,
        _revision_option(if_revision),
        Path(config).expanduser() if config else None,
        create=ctx.invoked_subcommand in CREATING_COMMANDS,
    )


def _revision_option(text: str | None) -> int | None:
    """--if-revision N: a revision is counted from 0 (a new case) upwards."""
    number = parse_int(text, "--if-revision")
    if number is not None and number < 0:
        raise Refusal(f"--if-revision {number} är ingen revision; revisioner räknas från 0.", code="bad_revision")
    return number


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


def parse_as_of(text: str | None, today: date) -> date | None:
    """`--as-of`: a day that has been (the case's future is not known; the TUI refuses it too)."""
    from formation.services.views import after_today

    day = parse_date(text, "--as-of")
    problem = after_today(day, today) if day is not None else None
    if problem is not None:
        raise Refusal(f"--as-of {problem}")
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
    return shown(text, 60)


def emit_json(data: Any) -> None:
    """Indented JSON, UTF-8 as is. orjson writes the same text as json.dumps(ensure_ascii=False, indent=2)
    about ten times faster (json's C encoder does not indent), which a log of 40,000 events notices; its
    UTF-8 bytes go to stdout as they are (a long log is tens of megabytes, not worth decoding to encode again)."""
    import orjson

    try:
        encoded = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # a value orjson does not take (an integer past 64 bits): the standard library's way
        encoded = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (no bytes underneath)
        stream.write(encoded.decode("utf-8"))
        return
    stream.flush()
    buffer.write(encoded)
    buffer.flush()


def state_sentence(result: Result) -> str:
    """Where the command's party stands after it: 'nästa steg är Kommunstyrelsens förslag.'"""
    progress = result.party()
    if progress.approved:
        return f"har godkänt förbundsordningen v{progress.approved_version}."
    if progress.rejected:
        return "har avslagit."
    step = progress.workflow.step(progress.display_state)
    return f"nästa steg är {step.label if step else progress.display_state}."
