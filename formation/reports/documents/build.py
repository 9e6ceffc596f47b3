"""Builds `SnapshotData` from the JSON documents the engine prints (`status --json` and its neighbours).

Only plain dicts come in, so the renderers do not depend on the engine's modules. Every string that goes
out passes `clean`, which removes e-mail addresses and phone numbers.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from formation.domain.labels import in_sentence, paragraph_ref
from formation.reports.documents.events_text import event_rows
from formation.reports.documents.model import (
    AppealInfo,
    BoardRow,
    ChecklistRow,
    FinanceData,
    FinanceRow,
    ForbundsordningData,
    PartyRow,
    PlanData,
    PlannedMeeting,
    SnapshotData,
    StepRow,
)
from formation.reports.documents.summary import summary_paragraph
from formation.reports.documents.text import (
    KIND_LABELS,
    OUTCOME_LABELS,
    ROLE_LABELS,
    STEP_STATUS_LABELS,
    clean,
    clean_text,
    day,
    fo_blocks,
    parse_day,
)

APPEALABLE_KINDS = ("kommun", "region")
# Who approves for a party on the standard path (workflows/finsam.yaml), when the events carry no path.
DEFAULT_DECIDERS = {
    "kommun": "Kommunfullmäktige",
    "region": "Regionfullmäktige",
    "forsakringskassan": "Försäkringskassan",
    "arbetsformedlingen": "Arbetsförmedlingen",
}
MAX_EVENTS = 10


def snapshot_data_from_status(
    status: dict[str, Any],
    *,
    events: list[dict[str, Any]],
    finance: dict[str, Any] | None,
    board: list[dict[str, Any]],
    fo: dict[str, Any] | None,
    plan: dict[str, Any] | None,
) -> SnapshotData:
    """The snapshot's input from `status --json`, `log --json`, `finance --json`, `board list --json`,
    the förbundsordning {number, sha256, text, checklist} and an optional plan
    {projected_formed_on, meetings: [{party, step, body, date}]}."""
    case = status["case"]
    as_of = parse_day(case.get("as_of")) or date.today()
    visible = [e for e in events if (_event_day(e) or as_of) <= as_of]
    plan_data = _plan(plan, as_of)
    formed = case.get("state") == "formed"
    formed_on = parse_day(case.get("formed_on"))
    parties = tuple(
        _party(p, as_of, visible, events, plan_data, formed_on if formed else None)
        for p in status.get("parties", [])
    )
    fo_data = _fo(fo, events)
    start = (
        parse_day(case.get("pending_effective_on"))
        or (fo_data.start_date if fo_data is not None else None)
        or parse_day(case.get("target_start"))
    )
    # The first budget year is the start year; a formed förbund budgets for the year after the as-of day.
    if (start is not None and start > as_of) or not formed:
        budget_year = (start or formed_on or date(as_of.year + 1, 1, 1)).year
    else:
        budget_year = as_of.year + 1
    data = SnapshotData(
        name=clean_text(case.get("name") or ""),
        slug=str(case.get("slug") or ""),
        seat=clean(case.get("seat")),
        as_of=as_of,
        state=str(case.get("state") or "forming"),
        formed=formed,
        formed_on=formed_on,
        final_on=parse_day(case.get("final_on")),
        target_start=parse_day(case.get("target_start")),
        fo_version=case.get("fo_version"),
        pending_version=case.get("pending_version"),
        pending_effective_on=parse_day(case.get("pending_effective_on")),
        summary="",
        parties=parties,
        fo=fo_data,
        finance=_finance(finance, budget_year),
        board=_board(board, as_of),
        events=event_rows(
            visible,
            {p.slug: p.name for p in parties},
            {(p.slug, s.step_id): s.label for p in parties for s in p.steps},
            limit=MAX_EVENTS,
        ),
        plan=plan_data,
        problems=tuple(clean_text(str(p.get("message", ""))) for p in status.get("problems", [])),
    )
    return _with_summary(data)


def _with_summary(data: SnapshotData) -> SnapshotData:
    return replace(data, summary=summary_paragraph(data))


def _event_day(event: dict[str, Any]) -> date | None:
    """The day an event took effect: its decision date, else the day it was recorded."""
    return parse_day(event.get("date")) or parse_day(event.get("recorded_at"))


def _plan(plan: dict[str, Any] | None, as_of: date) -> PlanData | None:
    if not plan:
        return None
    meetings = []
    for m in plan.get("meetings", []):
        on = parse_day(m.get("date"))
        if on is not None and on >= as_of:
            meetings.append(PlannedMeeting(party=str(m.get("party")), step=m.get("step"), body=clean(m.get("body")),
                                           date=on))
    meetings.sort(key=lambda m: (m.date, m.party))
    return PlanData(projected_formed_on=parse_day(plan.get("projected_formed_on")), meetings=tuple(meetings))


def _decisions(events: list[dict[str, Any]], slug: str) -> dict[str, list[dict[str, Any]]]:
    """The party's decision and skip events per step, oldest first."""
    by_step: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        if event.get("party") == slug and event.get("type") in ("decision", "skip") and event.get("step"):
            by_step.setdefault(str(event["step"]), []).append(event)
    return by_step


def _workflow(events: list[dict[str, Any]], slug: str) -> dict[str, Any]:
    """The party's decision path as registered (the last party_added or workflow_changed with one)."""
    found: dict[str, Any] = {}
    for event in events:
        if event.get("party") == slug and isinstance(event.get("data"), dict):
            workflow = event["data"].get("workflow")
            if isinstance(workflow, dict):
                found = workflow
    return found


def _step_bodies(workflow: dict[str, Any]) -> dict[str, str]:
    bodies: dict[str, str] = {}
    for step in workflow.get("steps", []):
        for sub in step.get("parallel", [step]):
            if sub.get("id") and sub.get("body"):
                bodies[str(sub["id"])] = str(sub["body"])
    return bodies


def _party(
    raw: dict[str, Any],
    as_of: date,
    events: list[dict[str, Any]],
    all_events: list[dict[str, Any]],
    plan: PlanData | None,
    formed_on: date | None,
) -> PartyRow:
    slug = str(raw.get("slug") or "")
    kind = str(raw.get("kind") or "")
    decisions = _decisions(events, slug)
    workflow = _workflow(all_events, slug)
    bodies = _step_bodies(workflow)
    steps = tuple(_step(s, decisions.get(str(s.get("id")), []), bodies, slug, plan, raw) for s in raw.get("steps", []))
    if raw.get("observer") and not any(s.date for s in steps):
        steps = ()  # an adjungerad party decides nothing: no row of steps "väntar" for it
    appeal_ends_on = parse_day(raw.get("appeal_ends_on"))
    appeal = _appeal(raw.get("appeal"))
    final_on = None
    holds_back = appeal is not None and appeal.pending and not appeal.late
    if appeal_ends_on is not None and (appeal is None or not holds_back and appeal.outcome != "upphavt"):
        final_on = appeal_ends_on + timedelta(days=1)
    state = str(raw.get("state") or "")
    observer = bool(raw.get("observer"))
    member_since = parse_day(raw.get("member_since"))
    approved_on = parse_day(raw.get("approved_on"))
    joining = (
        formed_on is not None and not observer and member_since is None
        and (approved_on is None or approved_on > formed_on)
    )
    approving = next((s for s in steps if s.step_id in ("fullmaktige", "beslut")), steps[-1] if steps else None)
    decider = (
        clean(workflow.get("decider"))
        or (approving.body or approving.planned_body if approving else None)
        or DEFAULT_DECIDERS.get(kind)
    )
    party = PartyRow(
        name=clean_text(str(raw.get("name") or slug)),
        slug=slug,
        kind=kind,
        kind_label=KIND_LABELS.get(kind, kind),
        observer=observer,
        member=not observer and state != "left",
        member_since=member_since,
        joining=joining,
        state=state,
        state_text="",
        approved_version=raw.get("approved_version"),
        approved_on=approved_on,
        anslag_on=parse_day(raw.get("anslag_on")),
        appeal_ends_on=appeal_ends_on,
        final_on=final_on,
        final=final_on is not None and final_on <= as_of,
        appealable=kind in APPEALABLE_KINDS,
        leaves_on=parse_day(raw.get("leaves_on")),
        next_deadline=parse_day(raw.get("next_deadline")),
        appeal=appeal,
        decider=decider,
        steps=steps,
    )
    return replace(party, state_text=state_text(party))


def _step(
    raw: dict[str, Any],
    history: list[dict[str, Any]],
    bodies: dict[str, str],
    slug: str,
    plan: PlanData | None,
    party: dict[str, Any],
) -> StepRow:
    step_id = str(raw.get("id") or "")
    status = str(raw.get("status") or "pending")
    on = parse_day(raw.get("date"))
    # The event behind the step's current state: the latest one on its date; earlier ones are history.
    current = next((e for e in reversed(history) if parse_day(e.get("date")) == on), None) if on else None
    earlier = [e for e in history if e is not current and e.get("type") == "decision"]
    notes = []
    if raw.get("reason"):
        notes.append(str(raw["reason"]))
    if earlier:
        notes.append("Tidigare: " + "; ".join(
            f"{OUTCOME_LABELS.get(str(e.get('outcome')), str(e.get('outcome')))} {day(parse_day(e.get('date')))}"
            for e in earlier
        ))
    if current is not None and current.get("note") and status != "skipped":
        notes.append(str(current["note"]))
    planned = None
    if status == "pending" and plan is not None:
        planned = next((m for m in plan.meetings if m.party == slug and m.step in (step_id, None)), None)
    deadline = parse_day(party.get("next_deadline")) if status == "pending" else None
    outcome = raw.get("outcome")
    body = current.get("body") if current else None
    return StepRow(
        step_id=step_id,
        label=clean_text(str(raw.get("label") or step_id)),
        status=status,
        status_label=STEP_STATUS_LABELS.get(status, status),
        date=on,
        body=clean(body or bodies.get(step_id)),
        paragraph=clean(paragraph_ref(current.get("paragraph") if current else None)),
        dnr=clean(current.get("dnr") if current else None),
        outcome=OUTCOME_LABELS.get(str(outcome), str(outcome)) if outcome else None,
        fo_version=raw.get("fo_version"),
        note=clean(" ".join(notes)) if notes else None,
        earlier=tuple(
            (d, OUTCOME_LABELS.get(str(e.get("outcome")), str(e.get("outcome"))))
            for e in earlier
            if (d := parse_day(e.get("date"))) is not None
        ),
        planned_on=planned.date if planned else None,
        planned_body=planned.body if planned else None,
        deadline=deadline,
    )


def _appeal(raw: Any) -> AppealInfo | None:
    if not isinstance(raw, dict):
        return None
    return AppealInfo(
        filed_on=parse_day(raw.get("filed_on")),
        court=clean(raw.get("court")),
        decided_on=parse_day(raw.get("decided_on")),
        outcome=clean(raw.get("outcome")),
        pending=bool(raw.get("pending")),
        late=bool(raw.get("late")),
    )


def state_text(party: PartyRow) -> str:
    """Where the party stands, in a sentence fragment."""
    if party.observer:
        return "adjungerad, inte medlem"
    if party.state == "left":
        return f"utträdde {day(party.leaves_on)}"
    if party.state == "approved":
        text = f"godkände version {party.approved_version} den {day(party.approved_on)}"
        return text + (f"; utträder {day(party.leaves_on)}" if party.leaves_on else "")
    if party.state == "rejected":
        step = next((s for s in party.steps if s.status == "rejected"), None)
        return f"avslag i {in_sentence(step.label)} den {day(step.date)}" if step and step.date else "avslag"
    step = next((s for s in party.steps if s.step_id == party.state), None)
    if step is None:
        return f"väntar ({party.state})"
    text = f"väntar: {step.label}"
    if step.outcome in ("återremiss", "bordläggning"):
        text += f" ({step.outcome} {day(step.date)})"
    return text


def _fo(raw: dict[str, Any] | None, events: list[dict[str, Any]]) -> ForbundsordningData | None:
    if not raw:
        return None
    number = int(raw.get("number", 0))
    start = parse_day(raw.get("start_date"))
    for event in events:
        data = event.get("data")
        if event.get("type") == "fo_added" and isinstance(data, dict) and data.get("number") == number:
            start = start or parse_day(data.get("start_date"))
    text = str(raw.get("text") or "")
    checklist = tuple(
        ChecklistRow(number=int(c.get("number", 0)), label=clean_text(str(c.get("label", ""))),
                     found=bool(c.get("found")), where=clean(c.get("where")))
        for c in raw.get("checklist", [])
    )
    return ForbundsordningData(number=number, sha256=str(raw.get("sha256") or ""), start_date=start,
                               text=clean_text(text), blocks=fo_blocks(text), checklist=checklist)


def _finance(raw: dict[str, Any] | None, budget_year: int) -> FinanceData | None:
    if not raw:
        return None
    rows = tuple(
        FinanceRow(party=clean_text(str(p.get("name", ""))), kind=str(p.get("kind", "")),
                   share=float(p.get("share") or 0), amount=int(p.get("amount") or 0))
        for p in raw.get("parties", [])
    )
    year = int(raw.get("budget_year") or budget_year)
    return FinanceData(total=int(raw.get("total") or 0), budget_year=year, limited_by=clean(raw.get("limited_by")),
                       rows=rows)


def _board(raw: list[dict[str, Any]], as_of: date) -> tuple[BoardRow, ...]:
    """Appointments whose term covers `as_of`, and those of the next term; ended terms are left out."""
    rows = []
    for seat in raw:
        role = str(seat.get("role") or "")
        start = parse_day(seat.get("term_start"))
        end = parse_day(seat.get("term_end"))
        if end is not None and end < as_of:
            continue
        rows.append(BoardRow(
            party=clean_text(str(seat.get("party") or "")),
            person=clean_text(str(seat.get("person") or "")),
            role=role,
            role_label=ROLE_LABELS.get(role, role),
            term_start=start,
            term_end=end,
            fullmaktige=clean(seat.get("fullmaktige")),
            employed_by=clean(seat.get("employed_by")),
            upcoming=start is not None and start > as_of,
        ))
    # The next term is shown when it starts within a year, or when no term is running.
    running = any(not r.upcoming for r in rows)
    upcoming_starts = [r.term_start for r in rows if r.upcoming and r.term_start is not None]
    first = min(upcoming_starts, default=None)
    if running and first is not None and first > as_of + timedelta(days=366):
        first = None
    return tuple(r for r in rows if not r.upcoming or r.term_start == first)
