"""The `formation` command line (Typer): one module per command group; `main` is the console entry point."""

from __future__ import annotations


def main() -> None:
    from formation.cli.main import main as run

    run()
