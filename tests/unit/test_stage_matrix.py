"""The dashboard's parties × stages matrix: a stage still waiting shows no date, so no old decision's day reads
as if something were planned for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from formation.reports.cockpit import APPROVING, stage_matrix
from formation.services import Services
from tests.unit.case_support import form_all


def test_a_stage_pending_a_new_version_shows_no_date_of_the_old_approval(case: Services, fo_file_v2: Path) -> None:
    form_all(case, start=date(2022, 2, 1))
    case.add_fo(fo_file_v2, on=date(2022, 6, 1))  # every approval of v1 stops counting: Antagande is open again
    matrix = stage_matrix(case.view())
    approving = [key for key, _ in matrix.columns].index(APPROVING)
    for _, name, cells in matrix.rows:
        cell = cells[approving]
        assert cell is not None and cell.status == "pending", name
        assert cell.day is None, name
        first = cells[0]
        assert first is not None and first.status == "done" and first.day == date(2022, 2, 1), name
