"""The input model and its Swedish wording, for the demo at several as-of dates."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date

import pytest

from formation.reports.documents import SnapshotData, underlag_data
from formation.reports.documents.text import clean, day, kr, laga_kraft, mnkr, percent
from tests.unit.documents.support import build, contact_data, hostile, raw, snapshot


def test_dates_are_swedish_and_never_week_years() -> None:
    assert day(date(2016, 2, 15)) == "15 februari 2016"
    # 1 January 2021 lies in ISO week 53 of 2020 and 30 December 2024 in week 1 of 2025.
    assert day(date(2021, 1, 1)) == "1 januari 2021"
    assert day(date(2024, 12, 30)) == "30 december 2024"
    assert day(None) == ""


def test_amounts() -> None:
    assert kr(2_000_000) == "2\u00a0000\u00a0000\u00a0kr"
    assert mnkr(2_000_000) == "2,0\u00a0mnkr"
    assert mnkr(520_000) == "0,52\u00a0mnkr"
    assert percent(0.25) == "25\u00a0%"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maila anna.berg@stockholm.se i dag", "Maila i dag"),
        ("Ring 08-508 290 00.", "Ring ."),
        ("Ring +46 70 123 45 67 nu", "Ring nu"),
        ("dnr 111-1651/2015, den 2016-01-27, § 45", "dnr 111-1651/2015, den 2016-01-27, § 45"),
        ("KS 2017/123 och FK 2022/000123", "KS 2017/123 och FK 2022/000123"),
    ],
)
def test_clean_removes_contact_data_and_keeps_references(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_forming_summary_names_what_is_left_and_the_plan(forming: SnapshotData) -> None:
    assert not forming.formed
    assert forming.as_of == date(2016, 1, 31)
    summary = forming.summary
    assert "är ännu inte bildat" in summary
    assert "Ingen av de fyra medlemmarna har ännu godkänt förbundsordningen version 1" in summary
    assert "Stockholms stad (Kommunfullmäktige antar förbundsordningen, planerat 22 februari 2016)" in summary
    assert "Med de planerade sammanträdena kan förbundet bildas den 22 februari 2016." in summary
    assert "Planerad start är den 1 april 2016." in summary


def test_halfway_summary_counts_approvals(halfway: SnapshotData) -> None:
    summary = halfway.summary
    assert "Två av fyra medlemmar har godkänt förbundsordningen version 1" in summary
    assert "(Stockholms läns landsting och Försäkringskassan)" in summary
    assert "Kvar är beslut hos Stockholms stad" in summary
    assert halfway.party("stockholms-lans-landsting").state_text == "godkände version 1 den 9 februari 2016"


def test_formed_summary_and_laga_kraft(formed: SnapshotData) -> None:
    assert formed.formed
    assert formed.summary.startswith("Samordningsförbundet Stockholms stad är bildat sedan den 22 februari 2016.")
    assert "Samtliga fyra medlemmar har godkänt förbundsordningen version 1." in formed.summary
    assert "har vunnit laga kraft den 19 mars 2016" in formed.summary
    city = formed.party("stockholms-stad")
    assert city.appeal_ends_on == date(2016, 3, 18)
    assert city.final_on == date(2016, 3, 19)


def test_steps_carry_body_paragraph_dnr_and_history(formed: SnapshotData, falun: SnapshotData) -> None:
    ks = next(s for s in formed.party("stockholms-stad").steps if s.step_id == "styrelse")
    assert (ks.body, ks.dnr, ks.outcome) == ("Kommunstyrelsen", "111-1651/2015", "bifall")
    kf = next(s for s in falun.party("falun").steps if s.step_id == "fullmaktige")
    assert kf.earlier == ((date(2022, 5, 19), "återremiss"), (date(2022, 9, 8), "bordläggning"))
    assert kf.note is not None and "återremiss 19 maj 2022" in kf.note


def test_pending_steps_show_the_planned_meeting(forming: SnapshotData) -> None:
    kf = next(s for s in forming.party("stockholms-stad").steps if s.step_id == "fullmaktige")
    assert kf.status == "pending"
    assert kf.planned_on == date(2016, 2, 22)
    assert kf.planned_body == "Kommunfullmäktige"


def test_events_after_the_as_of_date_are_left_out(forming: SnapshotData) -> None:
    assert forming.events, "the latest events"
    assert all(e.date is not None and e.date <= forming.as_of for e in forming.events)
    assert forming.events[0].date == date(2016, 1, 27)
    days = [e.date for e in forming.events if e.date is not None]
    assert days == sorted(days, reverse=True)


def test_board_shows_running_terms_only(forming: SnapshotData, formed: SnapshotData) -> None:
    assert {b.term_start for b in forming.board} == {date(2015, 4, 1)}
    assert {b.term_start for b in formed.board} == {date(2023, 4, 1)}
    assert {b.role_label for b in formed.board} == {"ledamot", "ersättare"}


def test_finance_split(forming: SnapshotData) -> None:
    assert forming.finance is not None
    assert forming.finance.budget_year == 2016
    assert forming.finance.total == 8_000_000
    assert {r.party: r.amount for r in forming.finance.rows}["Försäkringskassan"] == 4_000_000


def test_underlag_decision_points_for_a_kommun(forming: SnapshotData) -> None:
    u = underlag_data(forming, "stockholms-stad")
    texts = [p.text for p in u.decision_points]
    assert u.decider == "Kommunfullmäktige"
    assert u.meeting_on == date(2016, 2, 22)
    assert any("version 1" in t and forming.fo is not None and forming.fo.sha256 in t for t in texts)
    assert any("budgetåret 2016 med 2\u00a0000\u00a0000\u00a0kr (2,0\u00a0mnkr)" in t for t in texts)
    assert any(t.startswith("Till ledamöter i förbundets styrelse utses Anna Berg och Sara Ek") for t in texts)
    assert any(t.startswith("Till revisor") for t in texts)
    assert texts[-1] == "Besluten gäller under förutsättning att övriga parter beslutar detsamma."
    assert not u.immediate_justering


def test_underlag_for_the_agencies(forming: SnapshotData) -> None:
    fk = [p.text for p in underlag_data(forming, "forsakringskassan").decision_points]
    af = [p.text for p in underlag_data(forming, "arbetsformedlingen").decision_points]
    assert any("4\u00a0000\u00a0000\u00a0kr" in t for t in fk)
    assert any("revisor för statens räkning" in t for t in fk)
    assert any("ingår i Försäkringskassans insats" in t for t in af)
    assert not any("revisor" in t for t in af)
    assert not any("justerad" in t for t in fk + af)


def test_immediate_justering_when_the_start_is_too_close(forming: SnapshotData) -> None:
    assert forming.plan is not None
    late = dataclasses.replace(
        forming,
        parties=tuple(
            dataclasses.replace(p, steps=tuple(
                dataclasses.replace(s, planned_on=date(2016, 3, 14)) if s.step_id == "fullmaktige" else s
                for s in p.steps
            )) if p.slug == "stockholms-stad" else p
            for p in forming.parties
        ),
    )
    u = underlag_data(late, "stockholms-stad")
    assert u.immediate_justering
    assert u.justering_reason is not None and "1 april 2016" in u.justering_reason
    assert u.decision_points[-1].text == "Paragrafen förklaras omedelbart justerad."


def test_no_contact_data_reaches_the_model() -> None:
    data = build(hostile())
    u = underlag_data(data, "stockholms-stad")
    assert contact_data(repr(data)) == []
    assert contact_data(repr(u)) == []
    assert "samordnare@stockholm.example" in str(raw("stockholm_2016-01-31")["events"]), "the fixture has e-mail"


def test_joining_an_existing_forbund() -> None:
    data = snapshot("roslagen_2017-10-25")
    assert data.formed and data.pending_version == 2
    assert "Förbundsordningen version 1 gäller." in data.summary
    assert "Den ändrade förbundsordningen tar in Norrtälje som ny medlem." in data.summary
    assert "Fem av sex medlemmar har godkänt den ändrade förbundsordningen version 2" in data.summary
    assert "Kvar är beslut hos Arbetsförmedlingen" in data.summary
    assert data.party("kson").state_text == "adjungerad, inte medlem"
    assert not data.party("kson").member
    assert data.fo is not None and data.fo.start_date == date(2018, 1, 1)
    assert data.finance is not None and data.finance.budget_year == 2018
    first = underlag_data(data, "norrtalje").decision_points[0].text
    assert first.startswith("Norrtälje träder in som medlem i Samordningsförbundet Södra Roslagen från och med den "
                            "1 januari 2018")


def test_a_member_that_has_left_is_not_counted() -> None:
    data = snapshot("roslagen_2026-11-23")
    assert data.party("osteraker").state_text == "utträdde 1 mars 2026"
    assert not data.party("osteraker").member
    assert "Samtliga fem medlemmar har godkänt förbundsordningen version 2." in data.summary


def test_appeals_show_the_court_but_not_the_appellant() -> None:
    doc = copy.deepcopy(raw("falun_2022-09-30"))
    region = next(p for p in doc["status"]["parties"] if p["slug"] == "region-dalarna")
    region["appeal"] = {"filed_on": "2022-10-12", "appellant": "Per Persson", "court": "Förvaltningsrätten i Falun",
                        "decided_on": None, "outcome": None, "pending": True}
    data = build(doc)
    assert laga_kraft(data.party("region-dalarna")) == "överklagat till Förvaltningsrätten i Falun"
    assert laga_kraft(data.party("falun")) == "tidigast 21 oktober 2022"
    assert "Per Persson" not in repr(data)


def test_the_coordinators_bookkeeping_is_not_among_the_latest_events_and_no_internal_name_shows() -> None:
    from formation.reports.documents.events_text import event_rows

    events = [
        {"seq": 1, "type": "case_created", "data": {"name": "Samordningsförbundet Norrort"}, "date": "2026-08-01"},
        {"seq": 2, "type": "contact_added", "party": "af", "data": {"email": "a@af.se"}, "date": "2026-08-02"},
        {"seq": 3, "type": "meeting_added", "party": "af", "date": "2026-08-03"},
        {"seq": 4, "type": "event_voided", "date": "2026-08-04"},
        {"seq": 5, "type": "a_type_added_later", "party": "af", "date": "2026-08-05"},
    ]
    rows = event_rows(events, {"af": "Arbetsförmedlingen"}, {}, limit=10)
    assert [r.text for r in rows] == [
        "Arbetsförmedlingen: händelse.",
        "En tidigare registrerad händelse ströks.",
        "Ärendet Samordningsförbundet Norrort skapades.",
    ]
