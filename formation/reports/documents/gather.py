"""The documents' input from a case as of a day: the status document, the log, the board, the förbundsordning
with its § 9 checklist, and the financing when a budget is given. Read only."""

from __future__ import annotations

from typing import Any

from formation.reports.board import board_rows
from formation.reports.documents.build import snapshot_data_from_status
from formation.reports.documents.model import SnapshotData
from formation.reports.finance import finance_plan
from formation.reports.status import status_document
from formation.services.views import CaseView


def snapshot_data(
    view: CaseView,
    wire_events: list[dict[str, Any]],
    *,
    budget: str | None = None,
    plan: dict[str, Any] | None = None,
) -> SnapshotData:
    status = status_document(view)
    number = status["case"]["pending_version"] or status["case"]["fo_version"]
    fo = None
    if number and number in view.fo_texts and number in view.facts:
        text = view.fo_texts[number]
        checklist = [
            {"number": f.item.number, "label": f.item.label, "found": f.found, "where": f.where}
            for f in view.facts[number].checklist.findings
        ]
        fo = {"number": number, "sha256": view.projection.versions[number].sha256, "text": text, "checklist": checklist}
    finance = finance_plan(view, total=budget, offers=[]).as_json() if budget else None
    return snapshot_data_from_status(
        status, events=wire_events, finance=finance, board=board_rows(view.projection), fo=fo, plan=plan
    )
