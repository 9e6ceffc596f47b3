"""The decision rules, exercised through Services on a SQLite file (the reducer is what enforces them):
order of steps, skips, återremiss, bordläggning, new versions, dates, variants, observers, as-of (avslag:
test_rejections)."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from pathlib import Path

import pytest

from formation.errors import Refusal
from formation.reports.status import status_document
from formation.services import Services
from tests.unit.case_support import AF, AGENCY_PATH, FK, KOMMUN, KOMMUN_PATH, REGION, form_all, party_doc, step_of, walk

SWEDISH = re.compile(r"[åäö]", re.IGNORECASE)


# ---- order of steps --------------------------------------------------------------------------------


def test_out_of_order_decision_is_refused_naming_the_missing_step_and_skip(case: Services) -> None:
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 2, 1))
    with pytest.raises(Refusal) as refused:
        case.decide(KOMMUN, "styrelse", outcome="bifall", on=date(2022, 3, 1))
    message = refused.value.message
    assert "Inriktningsbeslut" in message and refused.value.code == "earlier_step_open"
    from formation.cli.hints import with_hint

    assert "formation skip" in with_hint(refused.value)
    assert SWEDISH.search(message)
    assert "\n" not in message
    assert party_doc(case, "solna-stad")["state"] == "inriktningsbeslut"


def test_skip_then_proceed(case: Services) -> None:
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 2, 1))
    case.decide(KOMMUN, "inriktningsbeslut", outcome="bifall", on=date(2022, 2, 8))
    case.skip(KOMMUN, "namnd", reason="KS bereder ärendet direkt")
    party = party_doc(case, "solna-stad")
    assert party["state"] == "styrelse"
    assert step_of(party, "namnd")["status"] == "skipped"
    case.decide(KOMMUN, "styrelse", outcome="bifall", on=date(2022, 2, 15))
    assert party_doc(case, "solna-stad")["state"] == "fullmaktige"


def test_a_later_step_can_be_skipped_in_advance(case: Services) -> None:
    case.skip(KOMMUN, "namnd", reason="KS bereder ärendet direkt")
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 2, 1))
    case.decide(KOMMUN, "inriktningsbeslut", outcome="bifall", on=date(2022, 2, 8))
    assert party_doc(case, "solna-stad")["state"] == "styrelse"


def test_the_approving_step_cannot_be_skipped(case: Services) -> None:
    with pytest.raises(Refusal, match="Kommunfullmäktige antar"):
        case.skip(KOMMUN, "fullmaktige", reason="behövs inte")
    with pytest.raises(Refusal, match="beslut"):
        case.skip(FK, "beslut", reason="behövs inte")


def test_a_decided_step_cannot_be_decided_again(case: Services) -> None:
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 2, 1))
    with pytest.raises(Refusal, match="redan beslutat"):
        case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 2, 2))


# ---- outcomes --------------------------------------------------------------------------------------


def test_aterremiss_in_the_namnd_keeps_the_matter_there_and_fullmaktiges_inriktningsbeslut_stands(
    case: Services,
) -> None:
    """A nämnd sends the matter back to its förvaltning; it cannot undo fullmäktige's inriktningsbeslut."""
    walk(case, KOMMUN, ("forstudie", "inriktningsbeslut"), date(2022, 2, 1))
    case.decide(KOMMUN, "namnd", outcome="aterremiss", on=date(2022, 3, 1))
    party = party_doc(case, "solna-stad")
    assert party["state"] == "namnd"
    assert step_of(party, "inriktningsbeslut")["status"] == "done"
    assert (step_of(party, "namnd")["status"], step_of(party, "namnd")["outcome"]) == ("pending", "aterremiss")
    case.decide(KOMMUN, "namnd", outcome="bifall", on=date(2022, 3, 15))
    assert party_doc(case, "solna-stad")["state"] == "styrelse"


def test_aterremiss_at_styrelse_sends_the_matter_back_to_namnd(case: Services) -> None:
    walk(case, KOMMUN, ("forstudie", "inriktningsbeslut", "namnd"), date(2022, 2, 1))
    case.decide(KOMMUN, "styrelse", outcome="aterremiss", on=date(2022, 3, 1))
    party = party_doc(case, "solna-stad")
    assert party["state"] == "namnd"
    assert step_of(party, "namnd")["status"] == "pending"
    assert (step_of(party, "styrelse")["status"], step_of(party, "styrelse")["outcome"]) == ("pending", "aterremiss")
    assert step_of(party, "inriktningsbeslut")["status"] == "done"
    with pytest.raises(Refusal, match="Nämndbeslut"):
        case.decide(KOMMUN, "styrelse", outcome="bifall", on=date(2022, 3, 15))
    case.decide(KOMMUN, "namnd", outcome="bifall", on=date(2022, 3, 10))
    case.decide(KOMMUN, "styrelse", outcome="bifall", on=date(2022, 3, 15))
    assert party_doc(case, "solna-stad")["state"] == "fullmaktige"


def test_bordlagd_keeps_the_step_pending(case: Services) -> None:
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 2, 1))
    case.decide(KOMMUN, "inriktningsbeslut", outcome="bordlagd", on=date(2022, 2, 8))
    party = party_doc(case, "solna-stad")
    assert party["state"] == "inriktningsbeslut"
    record = step_of(party, "inriktningsbeslut")
    assert (record["status"], record["outcome"], record["date"]) == ("pending", "bordlagd", "2022-02-08")
    case.decide(KOMMUN, "inriktningsbeslut", outcome="bordlagd", on=date(2022, 3, 8))
    case.decide(KOMMUN, "inriktningsbeslut", outcome="bifall", on=date(2022, 4, 5))
    assert party_doc(case, "solna-stad")["state"] == "namnd"


def test_a_new_version_makes_earlier_approvals_not_count(case: Services, fo_file_v2: Path) -> None:
    walk(case, KOMMUN, KOMMUN_PATH, date(2022, 2, 1), anslag=date(2022, 3, 4))
    party = party_doc(case, "solna-stad")
    assert (party["state"], party["approved_version"], party["appeal_ends_on"]) == ("approved", 1, "2022-03-25")

    case.add_fo(fo_file_v2, on=date(2022, 4, 1))
    party = party_doc(case, "solna-stad")
    assert party["state"] == "fullmaktige"
    assert party["approved_version"] == 1  # the history stays visible ...
    assert party["appeal_ends_on"] is None  # ... but it no longer counts
    assert step_of(party, "fullmaktige")["status"] == "pending"
    assert step_of(party, "styrelse")["status"] == "done"  # only the approving step must be taken again

    case.decide(KOMMUN, "fullmaktige", outcome="bifall", on=date(2022, 4, 20))
    party = party_doc(case, "solna-stad")
    assert (party["state"], party["approved_version"], party["approved_on"]) == ("approved", 2, "2022-04-20")


def test_an_approval_of_an_older_version_is_refused_with_the_reason(case: Services, fo_file_v2: Path) -> None:
    """Issue 7: a bifall on a replaced version used to be accepted and silently not count."""
    case.add_fo(fo_file_v2, on=date(2022, 1, 20))
    case.decide(FK, "forstudie", outcome="bifall", on=date(2022, 2, 1))
    with pytest.raises(Refusal, match="v1 är ersatt av v2") as refused:
        case.decide(FK, "beslut", outcome="bifall", on=date(2022, 2, 1), fo_version=1)
    assert refused.value.code == "fo_replaced"
    assert party_doc(case, "forsakringskassan")["state"] == "beslut"
    case.decide(FK, "beslut", outcome="bifall", on=date(2022, 3, 1), fo_version=2)
    assert party_doc(case, "forsakringskassan")["state"] == "approved"
    case.decide(AF, "forstudie", outcome="bifall", on=date(2022, 2, 1))
    with pytest.raises(Refusal, match="v3"):
        case.decide(AF, "beslut", outcome="bifall", on=date(2022, 3, 1), fo_version=3)


def test_approval_needs_a_forbundsordning(sqlite_services: Services) -> None:
    sqlite_services.init_case("Utan text")
    sqlite_services.add_party(FK, "forsakringskassan")
    sqlite_services.decide(FK, "forstudie", outcome="bifall", on=date(2022, 1, 5))
    with pytest.raises(Refusal, match="ingen förbundsordning"):
        sqlite_services.decide(FK, "beslut", outcome="bifall", on=date(2022, 2, 1))


# ---- dates -----------------------------------------------------------------------------------------


def test_a_decision_dated_before_the_previous_step_is_refused(case: Services) -> None:
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 5, 1))
    with pytest.raises(Refusal, match=r"före föregående steg.*2022-05-01"):
        case.decide(KOMMUN, "inriktningsbeslut", outcome="bifall", on=date(2022, 4, 30))
    case.decide(KOMMUN, "inriktningsbeslut", outcome="bifall", on=date(2022, 5, 1))  # the same day is fine


def test_a_future_date_is_refused(case: Services) -> None:
    with pytest.raises(Refusal, match="framtiden"):
        case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2026, 11, 24))
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2026, 11, 23))  # today is fine


def test_a_version_dated_in_the_future_is_refused_and_nothing_is_written(
    case: Services, fo_file: Path, tmp_path: Path
) -> None:
    second = tmp_path / "fo-v2.md"
    second.write_text(fo_file.read_text(encoding="utf-8") + "\nEn ny mening.\n", encoding="utf-8")
    before = case.view().revision
    with pytest.raises(Refusal, match=r"Förbundsordningens datum 2026-11-24 ligger i framtiden"):
        case.add_fo(second, on=date(2026, 11, 24))
    assert case.view().revision == before
    assert sorted(case.view().projection.versions) == [1]
    case.add_fo(second, on=date(2026, 11, 23))  # today is fine
    assert sorted(case.view().projection.versions) == [1, 2]


def test_anslag_on_an_agency_decision_is_refused(case: Services) -> None:
    case.decide(FK, "forstudie", outcome="bifall", on=date(2022, 2, 1))
    with pytest.raises(Refusal, match="anslås inte"):
        case.decide(FK, "beslut", outcome="bifall", on=date(2022, 3, 1), anslag=date(2022, 3, 3))
    with pytest.raises(Refusal, match="före beslutsdatumet"):
        case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 3, 1), anslag=date(2022, 2, 1))


# ---- variants, observers, membership ----------------------------------------------------------------

TWO_NAMNDER = textwrap.dedent(
    """\
    kind: kommun
    label: Två nämnder parallellt
    decider: Kommunfullmäktige
    steps:
      - id: forstudie
        label: Förstudie
      - id: inriktningsbeslut
        label: Inriktningsbeslut
      - parallel:
          - id: namnd_amn
            label: Arbetsmarknadsnämnden
          - id: namnd_sn
            label: Socialnämnden
        id: namnd
      - id: styrelse
        label: Kommunstyrelsens förslag
      - id: fullmaktige
        label: Kommunfullmäktige antar förbundsordningen
        approves: true
        appealable: true
        skippable: false
    """
)

ONE_NAMND_TAIL = (
    "  - id: namnd\n"
    "    label: Nämndbeslut\n"
    "  - id: styrelse\n"
    "    label: Kommunstyrelsens förslag\n"
    "  - id: fullmaktige\n"
    "    label: Kommunfullmäktige antar förbundsordningen\n"
    "    approves: true\n"
    "    appealable: true\n"
    "    skippable: false\n"
)


def test_two_parallel_namnder_are_both_needed_before_styrelse(case: Services, tmp_path: Path) -> None:
    variant = tmp_path / "tva_namnder.yaml"
    variant.write_text(TWO_NAMNDER, encoding="utf-8")
    case.add_party("Sundbybergs stad", "kommun", workflow_file=variant)
    walk(case, "Sundbybergs stad", ("forstudie", "inriktningsbeslut"), date(2022, 2, 1))
    case.decide("Sundbybergs stad", "namnd_sn", outcome="bifall", on=date(2022, 3, 1))
    party = party_doc(case, "sundbybergs-stad")
    assert party["state"] == "namnd_amn"
    with pytest.raises(Refusal, match="Arbetsmarknadsnämnden"):
        case.decide("Sundbybergs stad", "styrelse", outcome="bifall", on=date(2022, 3, 2))
    case.decide("Sundbybergs stad", "namnd_amn", outcome="bifall", on=date(2022, 3, 1))
    case.decide("Sundbybergs stad", "styrelse", outcome="bifall", on=date(2022, 3, 2))
    assert party_doc(case, "sundbybergs-stad")["state"] == "fullmaktige"


def test_a_variant_given_later_keeps_decisions_and_refuses_to_lose_one(case: Services, tmp_path: Path) -> None:
    variant = tmp_path / "tva_namnder.yaml"
    variant.write_text(TWO_NAMNDER, encoding="utf-8")
    case.decide(KOMMUN, "forstudie", outcome="bifall", on=date(2022, 2, 1))
    case.set_workflow(KOMMUN, variant)
    party = party_doc(case, "solna-stad")
    assert [s["id"] for s in party["steps"]] == [
        "forstudie",
        "inriktningsbeslut",
        "namnd_amn",
        "namnd_sn",
        "styrelse",
        "fullmaktige",
    ]
    assert party["state"] == "inriktningsbeslut"
    # A variant that would lose a decided step is refused.
    case.decide(KOMMUN, "inriktningsbeslut", outcome="bifall", on=date(2022, 2, 8))
    case.decide(KOMMUN, "namnd_amn", outcome="bifall", on=date(2022, 2, 15))
    standard = tmp_path / "en_namnd.yaml"
    standard.write_text(TWO_NAMNDER.split("  - parallel:")[0] + ONE_NAMND_TAIL, encoding="utf-8")
    with pytest.raises(Refusal, match="Arbetsmarknadsnämnden"):
        case.set_workflow(KOMMUN, standard)


def test_an_observer_never_blocks_formation(case: Services) -> None:
    case.add_party("Kommunalförbundet Sjukvård och omsorg i Norrtälje", "kommunalforbund", observer=True)
    form_all(case)
    doc = status_document(case.view())
    assert doc["case"]["state"] == "formed"
    observer = next(p for p in doc["parties"] if p["kind"] == "kommunalforbund")
    assert observer["observer"] is True
    assert observer["state"] == "forstudie"
    assert not any(p["code"] == "kommunalforbund_member" for p in doc["problems"])


def test_a_kommunalforbund_as_member_is_refused(case: Services) -> None:
    with pytest.raises(Refusal, match="3 §") as refused:
        case.add_party("KSON", "kommunalforbund")
    assert "--observer" in refused.value.message
    assert "kson" not in case.view().projection.parties


def test_formation_needs_complete_membership(sqlite_services: Services, fo_file: Path) -> None:
    s = sqlite_services
    s.init_case("Utan region")
    s.add_party(KOMMUN, "kommun")
    s.add_party(FK, "forsakringskassan")
    s.add_party(AF, "arbetsformedlingen")
    s.add_fo(fo_file, on=date(2022, 1, 10))
    walk(s, KOMMUN, KOMMUN_PATH, date(2022, 2, 1), anslag=date(2022, 3, 3))
    walk(s, FK, AGENCY_PATH, date(2022, 2, 1))
    walk(s, AF, AGENCY_PATH, date(2022, 2, 1))
    doc = status_document(s.view())
    assert doc["case"]["state"] == "forming"
    assert [p["code"] for p in doc["problems"]] == ["missing_region"]
    s.add_party(REGION, "region")
    walk(s, REGION, KOMMUN_PATH, date(2022, 3, 1), anslag=date(2022, 3, 31))
    doc = status_document(s.view())
    assert (doc["case"]["state"], doc["case"]["formed_on"]) == ("formed", "2022-03-29")


# ---- formation and as-of -----------------------------------------------------------------------------


def test_formed_on_the_last_approval_and_a_new_version_is_pending(case: Services, fo_file_v2: Path) -> None:
    form_all(case)
    doc = status_document(case.view())["case"]
    assert (doc["state"], doc["formed_on"], doc["fo_version"], doc["pending_version"]) == (
        "formed",
        "2022-03-01",
        1,
        None,
    )
    case.add_fo(fo_file_v2, on=date(2023, 1, 10))
    doc = status_document(case.view())["case"]
    assert (doc["state"], doc["formed_on"], doc["fo_version"], doc["pending_version"]) == ("formed", "2022-03-01", 1, 2)
    for party, path in ((KOMMUN, "fullmaktige"), (REGION, "fullmaktige"), (FK, "beslut"), (AF, "beslut")):
        case.decide(party, path, outcome="bifall", on=date(2023, 2, 1))
    doc = status_document(case.view())["case"]
    assert (doc["state"], doc["formed_on"], doc["fo_version"], doc["pending_version"]) == (
        "formed",
        "2022-03-01",
        2,
        None,
    )


def test_status_as_of_an_earlier_day_is_a_replay(case: Services) -> None:
    form_all(case)
    now = status_document(case.view())
    before = status_document(case.view(as_of=date(2022, 2, 10)))
    assert now["case"]["state"] == "formed"
    assert before["case"]["state"] == "forming"
    assert before["case"]["formed_on"] is None
    assert before["case"]["as_of"] == "2022-02-10"
    kommun = next(p for p in before["parties"] if p["slug"] == "solna-stad")
    assert kommun["state"] == "namnd"  # forstudie 02-01 and inriktningsbeslut 02-08 were taken by then
    assert step_of(kommun, "namnd")["status"] == "pending"
    fk = next(p for p in before["parties"] if p["slug"] == "forsakringskassan")
    assert (fk["state"], fk["approved_version"]) == ("approved", 1)  # beslut 02-08
    # The day before the förbundsordning was added, nothing could approve it.
    earliest = status_document(case.view(as_of=date(2022, 1, 9)))
    assert earliest["case"]["fo_version"] is None
    assert all(p["state"] == "forstudie" for p in earliest["parties"])
