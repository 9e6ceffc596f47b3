"""The documents' input from a case as of a day: the status document, the log, the board, the förbundsordning
with its § 9 checklist, and the financing when a budget is given. Read only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from formation.case.codec import encode
from formation.case.events import Envelope
from formation.case.history import resolve
from formation.reports.board import board_rows
from formation.reports.documents.build import snapshot_data_from_status
from formation.reports.documents.model import SnapshotData
from formation.reports.finance import finance_plan
from formation.reports.status import status_document
from formation.services.views import CaseView


def snapshot_data(
    view: CaseView,
    log: Sequence[Envelope],
    *,
    budget: str | None = None,
    plan: dict[str, Any] | None = None,
) -> SnapshotData:
    """`log` is the case's whole log; the documents show it as it now reads (corrections applied, struck
    events and the amendments themselves left out), as the status does: a reader of the snapshot must never
    see a decision that was struck as an earlier outcome, nor a corrected date as it was first entered."""
    status = status_document(view)
    wire_events = [encode(envelope) for envelope in resolve(log)]
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
