"""Benchmarks of the terminal UI on the largest case of the national database; run by `benchmarks/run`.

Each measurement runs in a new Python process, so that imports count, headless (`App.run_test`, no terminal):

  tui_first_frame  CPU seconds of a process that opens the TUI on the largest case at 160×48, as `formation tui`
                   does (`open_app`: on the dashboard frame stored by the last read, when still valid), and waits
                   until the parties × steps table is filled (the first frame a coordinator can use), vs a process
                   that shows a bare Textual `DataTable` of the same rows and columns, filled with short
                   strings. Target: ratio ≤ 1.5. The first run, untimed, reads the case and stores its frame.
  tui_first_frame_read  The same, with the stored frame deleted before each run (untimed): the start after a
                   change to the case or on a new day. No target; the cost of a read kept in sight.
  tui_rss          Peak resident memory (VmHWM, MB) of a process that opens the dashboard of the largest case,
                   then the first party's screen, then the event log. Reported with the MB in the seconds
                   column and a fixed 150 MB in the baseline column, so that the ratio is the share of the budget
                   used and the target is 1.0 (ok when the peak is at most 150 MB).

Where the first frame goes (2 cores, CPU seconds, 6 December 2026; benchmarks/README.md has the details): the
bare app ~0.33 s (Python, Textual's imports, one table). The TUI from a stored frame ~0.46 s: the bare app's
part, ~0.03 s of the TUI's own modules, ~0.01 s to find and decode the frame, and Textual drawing two 293-row
tables, two side panels and a footer of seven keys. Reading the case instead costs ~0.35 s more: SQLAlchemy's
import (0.25 s with SQLModel) and the read (the view, the status document, the cockpit's lists). The child
starts the app as `formation tui` does, with the cycle collector tuned before the imports and what they built
frozen after them (at Python's default the collector walked the case's parties ~200 times during the first
frame). The event log used to fill a 30,781-row table (4.6 s, 65 MB); it shows the newest 1,000 rows.

Run as a script, this file is also the child process: `tui_bench.py first-frame SLUG`, `tui_bench.py bare ROWS
COLUMNS` and `tui_bench.py rss SLUG`; each prints one line (what it showed, or the peak MB). The database and
today come from the environment `benchmarks/run` sets (FORMATION_DB, FORMATION_TODAY).
"""

from __future__ import annotations

import asyncio
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Best = Callable[..., float]
"""`benchmarks/run`'s best-of-N timer, passed in: it reads the clock `run` was told to use (CPU or wall)."""

HERE = Path(__file__).resolve()
SIZE = (160, 48)
RSS_BUDGET_MB = 150.0
FIRST_FRAME_TARGET = 1.5


# ---- in the benchmark process --------------------------------------------------------------------------


def child(args: list[str], bench: Any) -> str:
    """Run this file as a child with `args`; returns what it printed."""
    command = [sys.executable, str(HERE), *args]
    # Bytecode is cached, as on a coordinator's machine after the first start; an environment that turned the
    # cache off would charge the TUI, not the bare app, for compiling the project's modules on every run.
    env = {k: v for k, v in bench.env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(command, env=env, cwd=bench.scratch, capture_output=True, check=False, text=True)
    if done.returncode != 0:
        raise SystemExit(f"tui_bench {' '.join(args)} failed ({done.returncode}): {done.stderr[-3000:]}")
    return done.stdout.strip()


def tui_first_frame(bench: Any, best: Best) -> None:
    """The dashboard's first usable frame vs a bare DataTable of the same size, each in a new process: as the
    TUI opens a case it showed before (the stored frame), and, for the record, with no stored frame."""
    shape = child(["first-frame", bench.largest], bench)  # stores the frame; also warms the file cache for both
    rows, columns = shape.split()
    seconds = best(lambda: child(["first-frame", bench.largest], bench), bench.repeat)
    baseline = best(lambda: child(["bare", rows, columns], bench), bench.repeat)
    bench.add("tui_first_frame", seconds, baseline, FIRST_FRAME_TARGET, f"case {bench.largest}, {rows}×{columns}")
    database = bench.env["FORMATION_DB"]
    read = best(lambda: child(["first-frame", bench.largest], bench), bench.repeat, lambda: forget(database))
    bench.add("tui_first_frame_read", read, baseline, float("inf"), "no target: no stored frame, the case is read")


def forget(database: str) -> None:
    """Remove the stored frames (untimed), so that the next start reads the case."""
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM cockpit_frames")


def tui_rss(bench: Any, best: Best) -> None:
    """The highest peak of `repeat` runs (memory hardly varies; the worst is what a user's machine must hold)."""
    peaks = [float(child(["rss", bench.largest], bench)) for _ in range(bench.repeat)]
    bench.add("tui_rss", max(peaks), RSS_BUDGET_MB, 1.0, f"peak MB (of {RSS_BUDGET_MB:.0f}): dashboard, party, log")


# ---- in the child process ------------------------------------------------------------------------------


async def settle(pilot: Any) -> None:
    """Until every worker has finished and what it posted has been shown (as the TUI tests settle)."""
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def launch(slug: str) -> Any:
    """The app over the case, started as `formation tui` starts it: the cycle collector tuned before the
    imports, what was loaded frozen after them, and `open_app` (the first frame from the stored one when it is
    still valid). The user's TUI, not a default Python's."""
    from formation.memory import collect_cycles_less_often, keep_what_is_loaded

    collect_cycles_less_often()
    from formation.bootstrap import prepare_services
    from tui.app import open_app

    app = open_app(prepare_services(case=slug, create=False), poll_seconds=None)
    keep_what_is_loaded()
    return app


async def first_frame(slug: str) -> str:
    from tui.widgets.party_table import PartyTable

    app = launch(slug)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(PartyTable)
        if not table.row_count:
            raise SystemExit("the dashboard showed no parties")
        return f"{table.row_count} {len(table.columns)}"


async def bare(rows: int, columns: int) -> str:
    """What Textual costs by itself: an app that shows one DataTable of short strings."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table: DataTable[str] = self.query_one(DataTable)
            table.add_columns(*(f"k{c}" for c in range(columns)))
            table.add_rows([[f"r{r}c{c}" for c in range(columns)] for r in range(rows)])

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        return f"{app.query_one(DataTable).row_count} {columns}"


async def screens(slug: str) -> str:
    """Dashboard, then the first party in detail, then the event log; the peak resident set in MB."""
    from tui.screens.log import LogScreen
    from tui.screens.party import PartyScreen

    app = launch(slug)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PartyScreen), app.screen
        await pilot.press("escape", "l")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen), app.screen
    return f"{peak_rss_kb() / 1024:.1f}"


def peak_rss_kb() -> int:
    """This process's peak resident set in kB: VmHWM, which starts anew at exec. (ru_maxrss does not: a child
    forked from `benchmarks/run` after the big benchmarks reported the parent's peak, 220 MB, as its own.)"""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:  # not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(HERE.parent.parent))
    match argv:
        case ["first-frame", slug]:
            shown = asyncio.run(first_frame(slug))
        case ["bare", rows, columns]:
            shown = asyncio.run(bare(int(rows), int(columns)))
        case ["rss", slug]:
            shown = asyncio.run(screens(slug))
        case _:
            raise SystemExit(__doc__)
    sys.stdout.write(shown + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
