"""The TUI ends when its terminal goes away, also when it was started behind another program that keeps the
hangup signal to itself (`make run` does: make gets SIGHUP and waits for its child). Before, the TUI went on
reading the dead terminal on a whole core, for hours."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import time
from pathlib import Path

from tests.conftest import DemoTemplates
from tests.e2e.cli_support import FORMATION, cli_env
from tui.app import HANGUP_EXIT


def _read_until(master: int, wanted: bytes, seconds: float) -> bytes:
    """What the terminal showed until `wanted` appeared, the program went away or `seconds` passed (a TUI that
    draws once and then waits writes nothing more, so every read waits at most until the deadline)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and (left := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select([master], [], [], left)
        if not readable:
            break
        try:
            seen += os.read(master, 65536)
        except OSError:
            break
    return seen


def test_the_tui_exits_when_its_terminal_is_closed(demo_templates: DemoTemplates, tmp_path: Path) -> None:
    db = tmp_path / "formation.db"
    shutil.copyfile(demo_templates.sqlite_file(), db)
    master, slave = pty.openpty()
    os.set_blocking(master, True)
    env = {**cli_env(db, tmp_path), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    # `; echo` keeps the shell from exec-ing the TUI: the shell stays its parent, as make does.
    shell = subprocess.Popen(
        ["sh", "-c", f'"{FORMATION}" tui; echo "tui ended: $?" > "{tmp_path / "ended"}"'],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        assert b"Stockholm" in _read_until(master, b"Stockholm", 60), "the TUI never drew the case"
        os.close(master)
        shell.wait(timeout=20)
    finally:
        if shell.poll() is None:
            os.killpg(shell.pid, 9)
            shell.wait()
    assert (tmp_path / "ended").read_text().strip() == f"tui ended: {HANGUP_EXIT}"
