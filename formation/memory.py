"""Memory management: how the cycle collector is run for a command, and paused for bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

LONG_RUN_THRESHOLDS = (50_000, 50, 100)
"""Allocations before a young collection, and young (then middle) collections before an older one."""


def collect_cycles_less_often() -> None:
    """For a command or the TUI, set before the imports: a command builds tens of thousands of small objects
    (a long log, a case's parties) that live until it ends, and at Python's default threshold (700) the cycle
    collector runs hundreds of times over them, a tenth of the run. Collected less often, the memory it frees
    later is a few megabytes at most."""
    gc.set_threshold(*LONG_RUN_THRESHOLDS)


def keep_what_is_loaded() -> None:
    """After the imports (and the TUI's widgets): what they built lives as long as the process, so no later
    collection need walk it again. Not for a test process, which would keep every earlier test's garbage."""
    gc.freeze()


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a long log is decoded, replayed or imported: that makes hundreds of
    thousands of small objects and not one reference cycle, and the collector would otherwise walk them all
    again and again for nothing (a fifth of an import of 40,000 events)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
