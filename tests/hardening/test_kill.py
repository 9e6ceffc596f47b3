"""The kill test, short: SIGKILL the importer and the decision stream at random points, doctor clean after each.
`python -m tests.hardening.kill_test --kills 100` is the long run; FORMATION_KILLS=N changes the count here."""

from __future__ import annotations

import os
from pathlib import Path

from tests.hardening.kill_test import run


def test_sigkill_during_import_and_decisions_leaves_a_sound_database(tmp_path: Path) -> None:
    kills = int(os.environ.get("FORMATION_KILLS", "3"))
    tally = run(kills, seed=7, folder=tmp_path, verbose=False)
    assert tally.kills == kills
    assert not tally.problems, tally.problems
    assert tally.clean == kills
