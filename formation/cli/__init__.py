"""The `formation` command line (Typer): one module per command group; `main` is the console entry point."""

from __future__ import annotations


def main() -> None:
    from formation.memory import collect_cycles_less_often, keep_what_is_loaded

    collect_cycles_less_often()
    from formation.cli.main import main as run

    keep_what_is_loaded()
    run()
