"""Appeals, notice of leaving and board seats, through the services on a real SQLite file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from formation.bootstrap import make_services
from formation.clock import FixedClock
from formation.errors import Refusal
from formation.io.demo import create_demo
from formation.reports.status import status_document
from formation.services import Services
from tests.coordinator import Coordinator, add_board_seat, decide_appeal, file_appeal, give_notice, remove_board_seat


@pytest.fixture()
def demo(tmp_path: Path) -> Services:
    clock = FixedClock(date(2026, 11, 23))
    services = Coordinator(make_services(db=str(tmp_path / "demo.db"), clock=clock, actor="test"))
    create_demo(services)
    return services


def _codes(services: Services) -> list[str]:
    return [p["code"] for p in status_document(services.view(with_texts=True))["problems"]]


def test_demo_is_formed_final_and_has_no_problems(demo: Services) -> None:
    doc = status_document(demo.view(with_texts=True))
    assert doc["case"]["final_on"] == "2016-03-19"
    assert doc["problems"] == []


def test_pending_appeal_keeps_final_on_null_until_decided(demo: Services) -> None:
    file_appeal(
        demo,
        "Stockholms stad",
        filed_on=date(2016, 3, 10),
        appellant="En kommunmedlem",
        court="Förvaltningsrätten i Stockholm",
    )
    doc = status_document(demo.view())
    assert doc["case"]["final_on"] is None
    assert "appeal_pending" in _codes(demo)
    assert doc["case"]["state"] == "formed"
    decide_appeal(demo, "Stockholms stad", outcome="avslaget", on=date(2016, 6, 1))
    doc = status_document(demo.view())
    assert doc["case"]["final_on"] == "2016-03-19"
    assert "appeal_pending" not in _codes(demo)


def test_a_late_appeal_does_not_hold_back_laga_kraft_and_says_why(demo: Services) -> None:
    """Stockholms stad's appeal period ended 2016-03-18: one that came in on 2016-04-15 is dismissed by the
    court (KL 13 kap. 5 §) and does not take back the laga kraft the decisions gained on 2016-03-19."""
    file_appeal(demo, "Stockholms stad", filed_on=date(2016, 4, 15))
    doc = status_document(demo.view())
    assert doc["case"]["final_on"] == "2016-03-19"
    assert "appeal_pending" not in _codes(demo)
    [late] = [p for p in doc["problems"] if p["code"] == "appeal_late"]
    assert late["message"].startswith("Stockholms stads beslut överklagades 2016-04-15, efter att överklagandetiden")
    party = next(p for p in doc["parties"] if p["name"] == "Stockholms stad")
    assert party["appeal"]["pending"] and party["appeal"]["late"]


def test_annulled_approval_sends_the_party_back_to_fullmaktige(demo: Services) -> None:
    file_appeal(demo, "Stockholms stad", filed_on=date(2016, 3, 10))
    progress = decide_appeal(demo, "Stockholms stad", outcome="upphävt", on=date(2016, 9, 1))
    assert not progress.approved and progress.display_state == "fullmaktige"
    party = next(p for p in status_document(demo.view())["parties"] if p["name"] == "Stockholms stad")
    assert party["appeal"]["outcome"] == "upphavt"


@pytest.mark.parametrize(
    ("party", "message"),
    [("Försäkringskassan", "kan inte överklagas"), ("Stockholms stad", "före beslutet")],
)
def test_appeal_refusals(demo: Services, party: str, message: str) -> None:
    before = len(demo.events())
    with pytest.raises(Refusal, match=message):
        file_appeal(demo, party, filed_on=date(2016, 2, 1))
    assert len(demo.events()) == before


def test_board_rules_flag_missing_ersattare_and_wrong_term(demo: Services) -> None:
    remove_board_seat(demo, "Arbetsförmedlingen", "Ali Hassan")
    assert "board_too_few_ersattare" in _codes(demo)
    add_board_seat(
        demo,
        "Arbetsförmedlingen",
        "Ali Hassan",
        role="ersattare",
        term_start=date(2023, 4, 1),
        employed_by="Arbetsförmedlingen",
    )
    assert _codes(demo) == []
    add_board_seat(
        demo,
        "Försäkringskassan",
        "Nils Berg",
        role="ledamot",
        term_start=date(2023, 4, 1),
        term_end=date(2026, 12, 31),
        employed_by="Försäkringskassan",
    )
    assert "board_term_mismatch" in _codes(demo)
    add_board_seat(demo, "Stockholms stad", "Utan Mandat", role="ledamot", term_start=date(2023, 4, 1))
    assert "board_not_in_fullmaktige" in _codes(demo)


def test_board_seat_duplicates_and_observers_refused(demo: Services) -> None:
    with pytest.raises(Refusal, match="redan ledamot"):
        add_board_seat(demo, "Stockholms stad", "Anna Berg", role="ledamot", term_start=date(2024, 1, 1))
    demo.add_party("KSON", "kommunalforbund", observer=True)
    with pytest.raises(Refusal, match="adjungerad"):
        add_board_seat(demo, "KSON", "Någon", role="ledamot")


def test_notice_three_years_and_state_parties_cannot_leave(demo: Services) -> None:
    with pytest.raises(Refusal, match="kan inte utträda"):
        give_notice(demo, "Arbetsförmedlingen", on=date(2020, 1, 1))
    progress = give_notice(demo, "Stockholms stad", on=date(2024, 2, 29))
    assert progress.leaves_on == date(2027, 2, 28)
    with pytest.raises(Refusal, match="redan sagt upp"):
        give_notice(demo, "Stockholms stad", on=date(2024, 3, 1))
    later = status_document(demo.view())
    assert next(p for p in later["parties"] if p["name"] == "Stockholms stad")["leaves_on"] == "2027-02-28"
