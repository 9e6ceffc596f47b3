"""Rules that disagreed with the law or with real documents (issue 7), each with the reason the user gets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from formation.case.events import DecisionRecorded, Envelope
from formation.case.history import replay
from formation.cli.hints import with_hint
from formation.errors import Refusal
from formation.reports.log import render_log
from formation.reports.status import status_document
from formation.reports.status_text import render_status
from formation.services import Services
from tests.unit.case_support import AF, AGENCY_PATH, FK, KOMMUN, KOMMUN_PATH, REGION, party_doc, walk


def problems(services: Services, as_of: date | None = None) -> list[dict[str, object]]:
    return list(status_document(services.view(as_of=as_of))["problems"])


def form(services: Services) -> None:
    """Every member approves v1 (added 2022-01-10); the kommun and the region with an anslag date."""
    walk(services, KOMMUN, KOMMUN_PATH, date(2022, 2, 1), anslag=date(2022, 3, 3))
    walk(services, REGION, KOMMUN_PATH, date(2022, 2, 1), anslag=date(2022, 3, 3))
    walk(services, FK, AGENCY_PATH, date(2022, 2, 1))
    walk(services, AF, AGENCY_PATH, date(2022, 2, 1))
    assert status_document(services.view())["case"]["state"] == "formed"


# ---- a decision on a replaced version ------------------------------------------------------------------


def test_an_avslag_on_a_replaced_version_is_refused(case: Services, fo_file_v2: Path) -> None:
    case.add_fo(fo_file_v2, on=date(2022, 1, 20))
    walk(case, FK, ("forstudie",), date(2022, 2, 1))
    with pytest.raises(Refusal, match="v1 är ersatt av v2; ett avslag av v1 räknas inte") as refused:
        case.decide(FK, "beslut", outcome="avslag", on=date(2022, 2, 8), fo_version=1)
    assert "--fo-version" in with_hint(refused.value)
    assert party_doc(case, "forsakringskassan")["state"] == "beslut"


def test_a_stored_approval_of_a_replaced_version_still_replays(case: Services, fo_file_v2: Path) -> None:
    """The handler refuses it now; history recorded before must still replay (as history that does not count)."""
    case.add_fo(fo_file_v2, on=date(2022, 1, 20))
    walk(case, FK, ("forstudie",), date(2022, 2, 1))
    log = case.events()
    last = log[-1]
    old = DecisionRecorded(
        party="forsakringskassan", step="beslut", outcome=last.event.outcome, decided_on=date(2022, 2, 8), fo_version=1
    )
    projection = replay(
        [*log, Envelope(seq=last.seq + 1, actor="t", recorded_at=last.recorded_at, event=old)], strict=True
    )
    progress = projection.parties["forsakringskassan"]
    assert progress.steps["beslut"].fo_version == 1
    assert not progress.approved


# ---- backfilling ---------------------------------------------------------------------------------------


def test_a_version_added_without_a_date_never_blocks_earlier_decisions(
    sqlite_services: Services, fo_file: Path
) -> None:
    s = sqlite_services
    s.init_case("Efterregistrering")
    s.add_party(FK, "forsakringskassan")
    s.add_fo(fo_file)
    walk(s, FK, AGENCY_PATH, date(2015, 3, 2))
    assert party_doc(s, "forsakringskassan")["state"] == "approved"


def test_a_version_dated_after_the_decision_names_the_correction(case: Services) -> None:
    walk(case, FK, ("forstudie",), date(2021, 12, 1))
    with pytest.raises(Refusal) as refused:
        case.decide(FK, "beslut", outcome="bifall", on=date(2021, 12, 20))
    seq = next(e.seq for e in case.events() if e.type == "fo_added")
    hint = with_hint(refused.value)
    assert f"formation correct {seq} --date" in hint
    assert "fo add" not in hint


# ---- an appeal that annuls an approval ---------------------------------------------------------------------


def test_an_annulled_approval_is_the_first_problem(case: Services) -> None:
    form(case)
    case.file_appeal(KOMMUN, filed_on=date(2022, 3, 10), court="Förvaltningsrätten i Stockholm")
    case.decide_appeal(KOMMUN, outcome="upphavt", on=date(2022, 6, 1))
    first = problems(case)[0]
    assert first["code"] == "approval_annulled"
    assert KOMMUN in str(first["message"]) and "Kommunfullmäktige antar förbundsordningen" in str(first["message"])
    text = render_status(status_document(case.view()))
    assert "beslutet upphävt 2022-06-01" in text
    assert text.index("Att åtgärda:") < text.index("upphävde")


# ---- leaving: likvidation ------------------------------------------------------------------------------


def test_the_last_kommun_giving_notice_warns_of_likvidation(case: Services) -> None:
    form(case)
    assert "likvidation" not in [p["code"] for p in problems(case)]
    case.give_notice(KOMMUN, on=date(2023, 1, 15))
    found = [p for p in problems(case) if p["code"] == "likvidation"]
    assert found and "15 §" in str(found[0]["message"]) and KOMMUN in str(found[0]["message"])
    assert "utträder 2026-01-15" in render_status(status_document(case.view(as_of=date(2023, 2, 1))))


# ---- anslag ---------------------------------------------------------------------------------------------


def test_an_anslag_long_after_the_decision_warns(case: Services) -> None:
    walk(case, KOMMUN, KOMMUN_PATH, date(2022, 2, 1), anslag=date(2022, 4, 20))
    assert "anslag_late" in [p["code"] for p in problems(case)]


def test_an_anslag_on_time_does_not_warn(case: Services) -> None:
    walk(case, KOMMUN, KOMMUN_PATH, date(2022, 2, 1), anslag=date(2022, 3, 17))
    codes = [p["code"] for p in problems(case)]
    assert "anslag_late" not in codes and "anslag_missing" not in codes


def test_a_missing_anslag_is_shown_where_the_party_is(case: Services) -> None:
    walk(case, KOMMUN, KOMMUN_PATH, date(2022, 2, 1))
    assert "anslag_missing" in [p["code"] for p in problems(case)]
    assert "anslagsdatum saknas" in render_status(status_document(case.view()))


# ---- status and log text ---------------------------------------------------------------------------------


def test_a_pending_appeal_is_shown_where_the_party_is(case: Services) -> None:
    form(case)
    case.file_appeal(KOMMUN, filed_on=date(2022, 3, 10))
    line = next(line for line in render_status(status_document(case.view())).splitlines() if line.startswith(KOMMUN))
    assert "överklagat 2022-03-10" in line


def test_the_log_says_when_the_forbund_is_formed_and_when_approvals_stop_counting(
    case: Services, fo_file_v2: Path
) -> None:
    form(case)
    case.add_fo(fo_file_v2, on=date(2022, 6, 1))
    text = render_log(case.events(), case.view().projection)
    assert "Förbundet är bildat" in text
    assert "Godkännanden som inte längre räknas" in text and KOMMUN in text


def test_the_log_says_the_forbund_will_be_formed_on_the_start_its_forbundsordning_names(
    case: Services, fo_file_v2: Path
) -> None:
    """v2 names 1 January 2023 as its start; the last approval in February 2022 does not form the förbund that
    day: the log says it is formed from the start ('bildas'), not that it is formed ('är bildat')."""
    case.add_fo(fo_file_v2, start=date(2023, 1, 1), on=date(2022, 1, 20))  # type: ignore[attr-defined]
    form(case)
    text = render_log(case.events(), case.view().projection)
    said = "→ Förbundet bildas 2023-01-01, den start som förbundsordningen anger: alla medlemmar har godkänt"
    assert f"{said} förbundsordningen v2." in text
    assert "Förbundet är bildat" not in text
