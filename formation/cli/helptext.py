"""`--help` in Swedish, as a coordinator reads it: plain text (no Rich boxes), every value named by its
metavar (DATUM, BELOPP, PART, STEG), flags shown without a value, headings and the help option in Swedish.

Typer renders a type after every parameter (`<str>`, `<bool>`) and braces around required arguments in the
usage line (`{PART}`); these command classes render the plain click layout instead. Commands and groups are
made with them by `formation.cli.common` (`app.command()` and `group()` pass `cls=`)."""

from __future__ import annotations

from typing import Any

import typer.core

try:  # Typer >= 0.2x vendors its own copy of click; help is formatted by that copy.
    from typer import _click as click
except ImportError:  # pragma: no cover - older Typer uses click itself
    import click  # type: ignore[no-redef]

HELP_TEXT = "Visa den här hjälpen och avsluta."
HEADINGS = {"Usage": "Användning", "Arguments": "Argument", "Options": "Alternativ", "Commands": "Kommandon"}
WORDS = (("[required]", "[krävs]"), ("required", "krävs"), ("default:", "standard:"), ("env var:", "miljövariabel:"))


def _swedish(text: str) -> str:
    for english, swedish in WORDS:
        text = text.replace(english, swedish)
    return text


class SwedishFormatter(click.HelpFormatter):
    """Click's formatter with Swedish headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=f"{HEADINGS['Usage']}: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))


class SwedishContext(click.Context):
    formatter_class = SwedishFormatter


class PlainArgument(typer.core.TyperArgument):
    """An argument shown by its metavar alone: `PART`, not `PART <str>` or `{PART}`."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def display_type(self, ctx: Any) -> str:
        return ""

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    def get_help_record(self, ctx: Any) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        return None if record is None else (record[0], _swedish(record[1]))


class PlainOption(typer.core.TyperOption):
    """An option shown with its metavar, a flag with none."""

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar if self.metavar is not None else "VÄRDE"

    def get_help_record(self, ctx: Any) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        names, help_text = record
        if self.is_flag and " <" in names:
            names = names.split(" <", 1)[0]
        return names, _swedish(help_text)


def _plain_params(params: list[Any]) -> None:
    for param in params:
        if type(param) is typer.core.TyperArgument:
            param.__class__ = PlainArgument
        elif type(param) is typer.core.TyperOption:
            param.__class__ = PlainOption


def _swedish_help_option(option: Any) -> Any:
    if option is not None:
        option.help = HELP_TEXT
        if type(option) is typer.core.TyperOption:
            option.__class__ = PlainOption
    return option


class FormationCommand(typer.core.TyperCommand):
    context_class = SwedishContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["rich_markup_mode"] = None
        super().__init__(*args, **kwargs)
        _plain_params(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        return _swedish_help_option(super().get_help_option(ctx))


class FormationGroup(typer.core.TyperGroup):
    context_class = SwedishContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["rich_markup_mode"] = None
        super().__init__(*args, **kwargs)
        _plain_params(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        return _swedish_help_option(super().get_help_option(ctx))
