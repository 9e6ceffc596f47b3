"""The `formation` console entry point: every command group registered, and every error turned into one
Swedish sentence with the exit codes of the contract (0 ok, 1 a check found a problem, 2 refused)."""

from __future__ import annotations

import os
import sys

import typer

try:  # Typer >= 0.2x vendors its own copy of click; its exceptions are the ones raised.
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer uses click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

import formation.cli.calendar  # noqa: F401 - registers calendar, contact, deadline, plan
import formation.cli.reminders  # noqa: F401 - registers remind and ics
from formation.cli import case, decisions, documents, finance, fo, membership, party, workflow  # noqa: F401
from formation.cli.common import app, close_all
from formation.cli.hints import with_hint
from formation.errors import Refusal, first_line


def usage_error_sentence(exc: click_errors.UsageError) -> str:
    """Click's English usage errors as one Swedish sentence."""
    command = exc.ctx.command_path if exc.ctx else "formation"
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        name = exc.param.opts[0] if exc.param.opts and exc.param.opts[0].startswith("-") else (exc.param.name or "")
        shown = name if name.startswith("-") else (exc.param.metavar or name.upper())
        return f"{shown} saknas; se `{command} --help`."
    if isinstance(exc, click_errors.NoSuchOption):
        return f"Okänt alternativ {exc.option_name}; se `{command} --help`."
    if isinstance(exc, click_errors.BadOptionUsage):
        return f"Alternativet {exc.option_name} behöver ett värde; se `{command} --help`."
    if isinstance(exc, click_errors.BadParameter):
        return f"Ogiltigt värde; se `{command} --help`."
    message = exc.format_message()
    if message.startswith("No such command"):
        return f"Okänt kommando {message.split(' ', 3)[-1].rstrip('.')}; se `{command} --help`."
    if "Got unexpected extra argument" in message:
        return f"För många argument; se `{command} --help`."
    return f"Felaktigt kommando; se `{command} --help`."


def main() -> None:
    """Console entry point: Typer in non-standalone mode so every error becomes Swedish and exit 2."""
    try:
        result = app(standalone_mode=False)
    except SystemExit:
        raise
    except Refusal as exc:
        typer.echo(with_hint(exc), err=True)
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
        if os.environ.get("FORMATION_DEBUG") == "1":
            raise
        typer.echo(
            f"Internt fel ({type(exc).__name__}: {first_line(exc)}); kör med FORMATION_DEBUG=1 för detaljer.", err=True
        )
        sys.exit(70)
    finally:
        close_all()
    sys.exit(result if isinstance(result, int) else 0)
