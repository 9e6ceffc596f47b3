"""A party's own name for a body of the template (`BodyNamed`): Sundbyberg's "Ansvarig nämnd" is its
"Socialnämnden", so the nämnd step is planned on the Socialnämnden meetings and named so; removing the name
returns the step to the template's body. Pure: the reducer and the planner, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime

from formation.case.events import BodyNamed, CaseCreated, DecisionRecorded, Envelope, Event, MeetingAdded, PartyAdded
from formation.case.projection import CaseProjection
from formation.case.reducer import apply, new_projection
from formation.domain.outcomes import Outcome
from formation.domain.parties import PartyKind
from formation.schedule.case_plan import party_bodies, plan_for
from workflows.loader import load_workflow_set, workflow_set_to_dict

D = date.fromisoformat
TODAY = D("2026-11-23")


def _case(*more: Event) -> CaseProjection:
    events: list[Event] = [
        CaseCreated(name="Samordningsförbundet Norr", slug="norr", template=workflow_set_to_dict(load_workflow_set())),
        PartyAdded(slug="sundbyberg", name="Sundbyberg", kind=PartyKind.KOMMUN),
        DecisionRecorded(party="sundbyberg", step="forstudie", outcome=Outcome.BIFALL, decided_on=D("2026-09-01")),
        DecisionRecorded(
            party="sundbyberg", step="inriktningsbeslut", outcome=Outcome.BIFALL, decided_on=D("2026-10-01")
        ),
        MeetingAdded(body="Socialnämnden", on=D("2026-12-10"), party="sundbyberg"),
        MeetingAdded(body="Kommunstyrelsen", on=D("2027-01-13"), party="sundbyberg"),
        MeetingAdded(body="Kommunfullmäktige", on=D("2027-02-15"), party="sundbyberg"),
        *more,
    ]
    case = new_projection()
    at = datetime(2026, 11, 1, tzinfo=UTC)
    for seq, event in enumerate(events, start=1):
        apply(case, Envelope(seq=seq, actor="test", recorded_at=at, event=event))
    return case


def _nämnd(case: CaseProjection) -> tuple[str, date | None]:
    step = plan_for(case, TODAY).step("sundbyberg", "namnd")
    assert step is not None
    return str(step.body), step.earliest


def test_without_a_name_the_nämnd_step_finds_no_meeting() -> None:
    assert _nämnd(_case()) == ("Ansvarig nämnd", None)


def test_the_partys_name_for_the_body_plans_the_step_on_its_meetings() -> None:
    case = _case(BodyNamed(party="sundbyberg", body="ansvarig  NÄMND", name="Socialnämnden"))
    assert case.body_names == {("sundbyberg", "ansvarig nämnd"): "Socialnämnden"}
    assert party_bodies(case, case.parties["sundbyberg"]) == {"namnd": "Socialnämnden"}
    assert _nämnd(case) == ("Socialnämnden", D("2026-12-10"))
    plan = plan_for(case, TODAY)
    assert plan.formation_on == D("2027-02-15")
    assert [s.body for s in plan.critical_path] == ["Socialnämnden", "Kommunstyrelsen", "Kommunfullmäktige"]


def test_a_name_for_a_body_used_by_two_steps_renames_both() -> None:
    case = _case(BodyNamed(party="sundbyberg", body="Kommunstyrelsen", name="KS Sundbyberg"))
    assert party_bodies(case, case.parties["sundbyberg"]) == {"forstudie": "KS Sundbyberg", "styrelse": "KS Sundbyberg"}


def test_an_empty_name_removes_the_partys_name() -> None:
    named = BodyNamed(party="sundbyberg", body="Ansvarig nämnd", name="Socialnämnden")
    for removal in (None, "", "  "):
        case = _case(named, BodyNamed(party="sundbyberg", body="Ansvarig nämnd", name=removal))
        assert case.body_names == {}
        assert _nämnd(case) == ("Ansvarig nämnd", None)


def test_another_partys_name_does_not_apply() -> None:
    case = _case(BodyNamed(party="solna", body="Ansvarig nämnd", name="Socialnämnden"))
    assert _nämnd(case) == ("Ansvarig nämnd", None)


def test_meetings_entered_under_the_templates_name_stay_the_bodys_once_it_is_named() -> None:
    """The living demo enters Solna's nämnd meetings as "Ansvarig nämnd"; naming the body "Socialnämnden i
    Solna stad" afterwards (as the README shows) left them orphaned, and the plan said the nämnd, and so
    kommunstyrelsen and fullmäktige after it, had no meeting."""
    case = _case(
        MeetingAdded(body="Ansvarig nämnd", on=D("2026-12-03"), party="sundbyberg"),
        BodyNamed(party="sundbyberg", body="Ansvarig nämnd", name="Socialnämnden i Sundbyberg"),
    )
    assert _nämnd(case) == ("Socialnämnden i Sundbyberg", D("2026-12-03"))
    assert plan_for(case, TODAY).formation_on == D("2027-02-15")
