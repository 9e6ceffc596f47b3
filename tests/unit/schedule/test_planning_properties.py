"""Properties of planning over random calendars and lead times."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from formation.schedule.calendars import Meeting, MeetingCalendar
from formation.schedule.plan_model import PartyPending, PendingStep, PlanInput
from formation.schedule.planning import group_stages, lead_gap, plan_case

TODAY = date(2025, 1, 1)
BODIES = ("Nämnden", "Styrelsen", "Fullmäktige", "Ledningen")

meetings = st.lists(
    st.builds(
        Meeting,
        on=st.integers(0, 400).map(lambda n: TODAY + timedelta(days=n)),
        body=st.sampled_from(BODIES),
    ),
    max_size=40,
)
steps = st.lists(
    st.tuples(st.sampled_from(BODIES), st.integers(0, 60), st.booleans()),
    min_size=1,
    max_size=5,
)


def _party(slug: str, spec: list[tuple[str, int, bool]]) -> PartyPending:
    pending = tuple(
        PendingStep(f"s{i}", f"Steg {i}", body, lead, group="g" if parallel and 0 < i < len(spec) - 1 else None)
        for i, (body, lead, parallel) in enumerate(spec)
    )
    return PartyPending(slug, slug.upper(), pending)


@settings(max_examples=150, deadline=None)
@given(meetings, steps, steps, st.integers(30, 500))
def test_plan_invariants(
    found: list[Meeting], first: list[tuple[str, int, bool]], second: list[tuple[str, int, bool]], horizon: int
) -> None:
    calendar = MeetingCalendar(found)
    parties = (_party("a", first), _party("b", second))
    target = TODAY + timedelta(days=horizon)
    plan = plan_case(PlanInput(parties, calendar, TODAY, target=target))

    for party in parties:
        own = {s.step_id: s for s in plan.steps if s.party == party.party}
        stages = group_stages(party.steps)
        for stage in stages:
            for step in stage:
                planned = own[step.step_id]
                if planned.earliest is not None:
                    assert planned.earliest >= TODAY and planned.earliest in calendar.dates_of(step.body)
                if planned.latest is not None:
                    assert planned.due_by is not None and planned.latest <= planned.due_by
                    assert planned.latest in calendar.dates_of(step.body)
        # Lead times hold forwards: every step of a stage is followed by every step of the next one in time.
        for before, after in zip(stages, stages[1:], strict=False):
            for prev in before:
                for nxt in after:
                    p, n = own[prev.step_id].earliest, own[nxt.step_id].earliest
                    if p is not None and n is not None:
                        assert n >= p + lead_gap(prev.lead_days)

    if plan.formation_on is not None and plan.formation_on <= target:
        assert not plan.shortfalls and plan.target_met
        assert all(s.slack_days is not None and s.slack_days >= 0 for s in plan.steps)


@settings(max_examples=100, deadline=None)
@given(meetings, steps, st.integers(0, 400), st.sampled_from(BODIES))
def test_an_extra_meeting_never_delays_formation(
    found: list[Meeting], spec: list[tuple[str, int, bool]], extra_day: int, body: str
) -> None:
    party = (_party("a", spec),)
    before = plan_case(PlanInput(party, MeetingCalendar(found), TODAY)).formation_on
    extra = Meeting(body, TODAY + timedelta(days=extra_day))
    after = plan_case(PlanInput(party, MeetingCalendar([*found, extra]), TODAY)).formation_on
    if before is not None:
        assert after is not None and after <= before
