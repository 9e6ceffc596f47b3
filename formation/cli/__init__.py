"""The `formation` command line (Typer): one module per command group; `main` is the console entry point."""

from __future__ import annotations


def main() -> None:
    import gc

    # A command builds tens of thousands of small objects (a long log, a case's parties) that live until it
    # ends; at Python's default threshold the cycle collector runs hundreds of times over them and takes a
    # tenth of the run. Collected less often, the memory it frees later is a few megabytes at most.
    gc.set_threshold(50_000, 50, 100)
    from formation.cli.main import main as run

    gc.freeze()  # what the imports built lives as long as the process: no collection need look at it again
    run()
