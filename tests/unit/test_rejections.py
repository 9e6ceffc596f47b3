"""A party that says no (avslag): it stops the formation until its body decides anew in the same step, on a
later day, or a new version of the förbundsordning reopens it; a no entered afterwards counts by its date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from formation.domain.outcomes import Outcome
from formation.errors import Refusal
from formation.reports.cockpit import step_choices
from formation.reports.status import status_document
from formation.services import Services
from tests.unit.case_support import KOMMUN, REGION, party_doc, step_of, walk


def test_avslag_rejects_the_party_and_a_new_version_reopens_it(case: Services, fo_file_v2: Path) -> None:
    walk(case, REGION, ("forstudie", "inriktningsbeslut"), date(2022, 2, 1))
    case.decide(REGION, "namnd", outcome="avslag", on=date(2022, 3, 1))
    party = party_doc(case, "region-stockholm")
    assert party["state"] == "rejected"
    assert step_of(party, "namnd")["status"] == "rejected"
    doc = status_document(case.view())
    assert any(p["code"] == "party_rejected" for p in doc["problems"])
    with pytest.raises(Refusal, match="senare datum än avslaget"):
        case.decide(REGION, "namnd", outcome="bifall", on=date(2022, 3, 1))
    with pytest.raises(Refusal, match="avslog i steget 'Nämndbeslut' 2022-03-01; andra steg kan registreras först när"):
        case.decide(REGION, "styrelse", outcome="bifall", on=date(2022, 3, 2))
    assert party_doc(case, "region-stockholm")["state"] == "rejected"  # the refusals changed nothing

    case.add_fo(fo_file_v2, on=date(2022, 4, 1))
    party = party_doc(case, "region-stockholm")
    assert party["state"] == "namnd"
    assert step_of(party, "namnd")["status"] == "pending"
    assert step_of(party, "inriktningsbeslut")["status"] == "done"
    walk(case, REGION, ("namnd", "styrelse", "fullmaktige"), date(2022, 4, 5))
    party = party_doc(case, "region-stockholm")
    assert (party["state"], party["approved_version"]) == ("approved", 2)


def test_a_body_that_said_no_may_decide_anew_on_a_later_day(case: Services) -> None:
    """Österåker's fullmäktige says no in June and yes to the same text in September: a body is not bound by
    its no. The no stays in the history; the yes counts, for the same version, and the others keep theirs."""
    walk(case, REGION, ("forstudie", "inriktningsbeslut", "namnd", "styrelse"), date(2022, 2, 1))
    case.decide(REGION, "fullmaktige", outcome="avslag", on=date(2022, 6, 12))
    doc = status_document(case.view())
    [problem] = [p for p in doc["problems"] if p["code"] == "party_rejected"]
    assert "förrän Region Stockholm beslutar på nytt i det steget" in problem["message"]
    [choice] = step_choices(case.view().projection.parties["region-stockholm"])
    assert (choice.step, Outcome.BIFALL in choice.outcomes, choice.can_skip) == ("fullmaktige", True, False)

    case.decide(REGION, "fullmaktige", outcome="bifall", on=date(2022, 9, 18))
    party = party_doc(case, "region-stockholm")
    assert (party["state"], party["approved_version"]) == ("approved", 1)
    assert not any(p["code"] == "party_rejected" for p in status_document(case.view())["problems"])
    assert party_doc(case, "region-stockholm", as_of=date(2022, 7, 1))["state"] == "rejected"
    outcomes = [e.event.outcome.value for e in case.events() if getattr(e.event, "step", None) == "fullmaktige"]
    assert outcomes == ["avslag", "bifall"]


def test_a_no_entered_afterwards_but_said_before_the_current_version_does_not_block(case: Services) -> None:
    """A coordinator adopting the tool mid-process enters v1 (dated 2022-01-10) first, then the history: the
    region said no to the förstudie in 2021 and yes a month later. v1 came after the no, so it reopened the
    region, as it does when the no is entered first; only a no to the current version waits for a new one."""
    case.decide(REGION, "forstudie", outcome="avslag", on=date(2021, 11, 1))
    party = party_doc(case, "region-stockholm")
    assert party["state"] == "forstudie"
    assert (step_of(party, "forstudie")["status"], step_of(party, "forstudie")["outcome"]) == ("pending", "avslag")
    assert not any(p["code"] == "party_rejected" for p in status_document(case.view())["problems"])
    case.decide(REGION, "forstudie", outcome="bifall", on=date(2021, 12, 1))
    assert party_doc(case, "region-stockholm")["state"] == "inriktningsbeslut"
    case.decide(KOMMUN, "forstudie", outcome="avslag", on=date(2022, 1, 10))  # the day of v1: a no to v1
    assert party_doc(case, "solna-stad")["state"] == "rejected"
