"""The `formation` console entry point: every command group registered, and every error turned into one
Swedish sentence with the exit codes of the contract (0 ok, 1 a check found a problem, 2 refused)."""

from __future__ import annotations

import os
import re
import sys
import unicodedata

import typer

try:  # Typer >= 0.2x vendors its own copy of click; its exceptions are the ones raised.
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer uses click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

import formation.cli.calendar  # noqa: F401 - registers calendar, contact, deadline, plan
import formation.cli.reminders  # noqa: F401 - registers remind and ics
from formation.cli import admin, case, decisions, documents, finance, fo, membership, party, workflow  # noqa: F401
from formation.cli.common import app, close_all
from formation.cli.hints import with_hint
from formation.domain.text import shown
from formation.errors import Refusal, first_line

GLOBAL_OPTIONS = frozenset({"--db", "--case", "--actor", "--if-revision", "--config"})
"""Options of `formation` itself, written before the command."""


def usage_error_sentence(exc: click_errors.UsageError) -> str:
    """Click's English usage errors as one Swedish sentence."""
    command = exc.ctx.command_path if exc.ctx else "formation"
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        name = exc.param.opts[0] if exc.param.opts and exc.param.opts[0].startswith("-") else (exc.param.name or "")
        shown = name if name.startswith("-") else (exc.param.metavar or name.upper())
        return f"{shown} saknas; se `{command} --help`."
    if isinstance(exc, click_errors.NoSuchOption):
        if exc.option_name in GLOBAL_OPTIONS and command != "formation":
            # `formation status --case x`: the option exists, but before the command.
            sub = command.split(" ", 1)[1] if " " in command else command
            return f"{exc.option_name} anges före kommandot: formation {exc.option_name} … {sub}."
        return f"Okänt alternativ {exc.option_name}; se `{command} --help`."
    if isinstance(exc, click_errors.BadOptionUsage):
        return f"Alternativet {exc.option_name} behöver ett värde; se `{command} --help`."
    if isinstance(exc, click_errors.BadParameter):
        return f"Ogiltigt värde; se `{command} --help`."
    message = exc.format_message()
    if message.startswith("No such command"):
        # "No such command 'decid'. Did you mean 'decide'?" -> the name, and the suggestion in Swedish.
        names = re.findall(r"'([^']*)'", message)
        wrong = _shown(names[0]) if names else "?"
        hint = f" Menade du {_shown(names[1])}?" if len(names) > 1 else ""
        return f"Okänt kommando '{wrong}'; se `{command} --help`.{hint}"
    if message.startswith("Option") and "requires an argument" in message:
        option = re.findall(r"'([^']*)'", message)
        return f"Alternativet {option[0] if option else ''} behöver ett värde; se `{command} --help`."
    if "Got unexpected extra argument" in message:
        return f"För många argument; se `{command} --help`."
    return f"Felaktigt kommando; se `{command} --help`."


def _shown(text: str) -> str:
    return shown(text, 40)


INTERNAL_ERROR = 70  # EX_SOFTWARE: never 1, which means "a check found a problem"


def debugging() -> bool:
    """FORMATION_DEBUG=1 (and only that) shows the traceback of an internal error."""
    return os.environ.get("FORMATION_DEBUG", "").strip() == "1"


def undecodable_argument(argv: list[str]) -> int | None:
    """The position of the first argument that is not valid UTF-8 (Python keeps its bytes as surrogates)."""
    for index, arg in enumerate(argv):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return index
    return None


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(message: str) -> str:
    """A message for the terminal: user input inside it may carry newlines, ESC/C1 sequences or bidi overrides;
    shown as '?', so that a refusal is always one line that cannot move the cursor or forge output."""
    return "".join(
        "?" if unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI_CONTROLS else ch for ch in message.strip()
    )


def main() -> None:
    """Console entry point: Typer in non-standalone mode so every error becomes Swedish and exit 2."""
    bad = undecodable_argument(sys.argv[1:])
    if bad is not None:
        typer.echo(f"Argument {bad + 1} är inte giltig UTF-8-text; skriv det med vanliga tecken.", err=True)
        sys.exit(2)
    try:
        result = app(prog_name="formation", standalone_mode=False)
    except SystemExit:
        raise
    except Refusal as exc:
        typer.echo(one_line(with_hint(exc)), err=True)
        sys.exit(2)
    except click_errors.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        sys.exit(2)
    except click_errors.UsageError as exc:
        typer.echo(one_line(usage_error_sentence(exc)), err=True)
        sys.exit(2)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("Avbrutet.", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: one line for the user, the traceback on request
        if debugging():
            import traceback

            traceback.print_exc()
        shown = one_line(first_line(exc))[:200]
        typer.echo(
            f"Internt fel ({type(exc).__name__}: {shown}); kör med FORMATION_DEBUG=1 för detaljer.", err=True
        )
        sys.exit(INTERNAL_ERROR)
    finally:
        close_all()
    sys.exit(result if isinstance(result, int) else 0)
