"""Guards added after review: återremiss after a skipped step, dates of re-decisions and versions,
unknown versions, and a newcomer trying to approve the förbundsordning already in force."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from formation.errors import Refusal
from formation.reports.status import status_document
from formation.services import Services
from tests.unit.case_support import AF, FK, KOMMUN, form_all, party_doc, step_of, walk


def test_aterremiss_after_a_skipped_namnd_stays_with_styrelse(case: Services) -> None:
    walk(case, KOMMUN, ("forstudie", "inriktningsbeslut"), date(2022, 2, 1))
    case.skip(KOMMUN, "namnd", reason="KS bereder direkt")
    case.decide(KOMMUN, "styrelse", outcome="aterremiss", on=date(2022, 3, 1))
    party = party_doc(case, "solna-stad")
    assert party["state"] == "styrelse"
    assert step_of(party, "inriktningsbeslut")["status"] == "done"
    case.decide(KOMMUN, "styrelse", outcome="bifall", on=date(2022, 3, 20))
    assert party_doc(case, "solna-stad")["state"] == "fullmaktige"


def test_a_new_treatment_cannot_predate_the_bordlaggning(case: Services) -> None:
    walk(case, KOMMUN, ("forstudie", "inriktningsbeslut", "namnd"), date(2022, 2, 1))
    case.decide(KOMMUN, "styrelse", outcome="bordlagd", on=date(2022, 3, 1))
    with pytest.raises(Refusal, match="före förra behandlingen"):
        case.decide(KOMMUN, "styrelse", outcome="bifall", on=date(2022, 2, 25))
    case.decide(KOMMUN, "styrelse", outcome="bifall", on=date(2022, 3, 8))


def test_approval_before_the_version_existed_is_refused(case: Services) -> None:
    walk(case, FK, ("forstudie",), date(2021, 12, 1))
    events = len(case.events())
    with pytest.raises(Refusal, match="efter beslutsdatumet"):
        case.decide(FK, "beslut", outcome="bifall", on=date(2022, 1, 5))
    assert len(case.events()) == events


def test_unknown_version_refused_on_any_step(case: Services) -> None:
    with pytest.raises(Refusal, match="ingen version v9"):
        case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 2, 1), fo_version=9)


def test_newcomer_after_formation_needs_an_amendment(case: Services, fo_file_v2: Path) -> None:
    form_all(case)
    assert status_document(case.view())["case"]["state"] == "formed"
    case.add_party("Sundbyberg", "kommun")
    walk(case, "Sundbyberg", ("forstudie", "inriktningsbeslut", "namnd", "styrelse"), date(2023, 1, 2))
    with pytest.raises(Refusal, match="ändrad version"):
        case.decide("Sundbyberg", "fullmaktige", outcome="bifall", on=date(2023, 2, 6))
    codes = [p["code"] for p in status_document(case.view())["problems"]]
    assert "joining_needs_amendment" in codes
    case.add_fo(fo_file_v2, on=date(2023, 2, 1))
    case.decide("Sundbyberg", "fullmaktige", outcome="bifall", on=date(2023, 2, 6))
    doc = status_document(case.view())["case"]
    assert (doc["fo_version"], doc["pending_version"]) == (1, 2)
    assert "joining_needs_amendment" not in [p["code"] for p in status_document(case.view())["problems"]]
    assert AF and FK  # the other members must still approve v2
