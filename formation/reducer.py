"""Applies one event to the projection, enforcing the workflow; a replay is a fold of this over events.

Commands call `apply` before they write anything: a Refusal here means nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from formation import reducer_membership as membership
from formation.domain.formation_rule import MemberApproval, all_approved_on
from formation.domain.membership import membership_problems
from formation.domain.outcomes import Outcome, StepStatus
from formation.domain.parties import PartyKind
from formation.errors import Refusal
from formation.events import EventRecord, EventType
from formation.projection import CaseProjection, PartyInfo, PartyProgress, StepRecord, VersionInfo
from formation.reopening import reopen_approval, reopen_rejection
from formation.step_rules import check_decision_allowed, check_skip_allowed
from workflows.builder import APPROVED, REJECTED, fire, settle
from workflows.loader import workflow_from_dict
from workflows.model import PartyWorkflow, WorkflowSet


def replay(events: Iterable[EventRecord], template: WorkflowSet, *, as_of: date | None = None) -> CaseProjection:
    """Rebuild the projection from events. With `as_of`, later-dated events are left out, and events that
    no longer fit without them are passed over (history entered out of order stays readable)."""
    case = CaseProjection()
    for event in events:
        if as_of is None:
            apply(case, event, template)
        elif event.in_effect_on(as_of):
            try:
                apply(case, event, template)
            except Refusal:
                continue
    return case


def apply(case: CaseProjection, event: EventRecord, template: WorkflowSet) -> None:
    """Apply one event in place, or raise Refusal and leave the projection as it was."""
    handler = _HANDLERS[event.type]
    handler(case, event, template)
    _update_formation(case)


def _case_created(case: CaseProjection, event: EventRecord, template: WorkflowSet) -> None:
    start = event.data.get("target_start")
    case.target_start = date.fromisoformat(start) if start else None
    case.no_region = bool(event.data.get("no_region", False))


def _party_added(case: CaseProjection, event: EventRecord, template: WorkflowSet) -> None:
    data = event.data
    info = party_info_from(data)
    variant = data.get("workflow")
    workflow = workflow_from_dict(variant) if variant else default_workflow(template, info.kind)
    progress = PartyProgress.start(info, workflow)
    if info.member_since is not None:
        _make_existing_member(case, progress)
    case.parties[info.slug] = progress


def _party_updated(case: CaseProjection, event: EventRecord, template: WorkflowSet) -> None:
    """Funding key, population or contact changed; only the fields in the event change."""
    info = membership.party_of(case, event).info
    data = event.data
    if "key_percent" in data:
        info.key_percent = Decimal(str(data["key_percent"])) if data["key_percent"] is not None else None
    if "population" in data:
        info.population = int(data["population"]) if data["population"] is not None else None
    if "email" in data:
        info.email = str(data["email"]) if data["email"] else None


def default_workflow(template: WorkflowSet, kind: PartyKind) -> PartyWorkflow:
    """The template path for a kind; an observing kommunalförbund follows the kommun path for its own
    decision to take part."""
    return template.for_kind(PartyKind.KOMMUN if kind is PartyKind.KOMMUNALFORBUND else kind)


def party_info_from(data: dict[str, object]) -> PartyInfo:
    """PartyInfo from a party_added event's payload (also used by the store)."""
    since = data.get("member_since")
    key = data.get("key_percent")
    population = data.get("population")
    return PartyInfo(
        slug=str(data["slug"]),
        name=str(data["name"]),
        kind=PartyKind(str(data["kind"])),
        observer=bool(data.get("observer", False)),
        member_since=date.fromisoformat(str(since)) if since else None,
        key_percent=Decimal(str(key)) if key is not None else None,
        population=int(str(population)) if population is not None else None,
        email=str(data["email"]) if data.get("email") else None,
    )


def _make_existing_member(case: CaseProjection, progress: PartyProgress) -> None:
    """A member of a förbund that already exists: its path is history; it stands approved of the
    version in force (if one is registered yet)."""
    for step in progress.workflow.steps:
        if step.approves:
            progress.steps[step.id] = StepRecord(
                status=StepStatus.DONE, date=progress.info.member_since, outcome=Outcome.BIFALL
            )
        else:
            progress.steps[step.id] = StepRecord(status=StepStatus.SKIPPED, reason="medlem sedan tidigare")
    progress.state = APPROVED
    progress.approved_on = progress.info.member_since
    progress.approved_version = case.in_force_version
    if case.current_version is not None and case.current_version != case.in_force_version:
        reopen_approval(progress)


def _fo_added(case: CaseProjection, event: EventRecord, template: WorkflowSet) -> None:
    number = int(event.data["number"])
    start = event.data.get("start_date")
    in_force = bool(event.data.get("in_force", False))
    if in_force:
        _check_in_force_allowed(case)
    case.versions[number] = VersionInfo(
        number=number,
        sha256=str(event.data["sha256"]),
        added_on=event.date,
        start_date=date.fromisoformat(str(start)) if start else None,
        in_force=in_force,
    )
    case.current_version = number
    if in_force:
        _register_in_force(case, number, event)
        return
    for progress in case.parties.values():
        if progress.state == APPROVED and progress.approved_version != number:
            reopen_approval(progress)
        elif progress.state == REJECTED:
            reopen_rejection(progress)


def _check_in_force_allowed(case: CaseProjection) -> None:
    existing = [p for p in case.members if p.info.member_since is not None]
    if case.in_force_version is not None:
        raise Refusal(
            f"Förbundet har redan en gällande förbundsordning (v{case.in_force_version}); "
            "lägg till en ändrad version utan --in-force."
        )
    if not existing:
        raise Refusal(
            "En gällande förbundsordning kräver att förbundets nuvarande medlemmar först läggs till "
            "med `formation party add NAMN --kind TYP --member-since DATUM`."
        )
    newcomers = [p.info.name for p in case.members if p.info.member_since is None]
    if newcomers:
        raise Refusal(
            f"{', '.join(newcomers)} är inte medlem sedan tidigare; lägg till den gällande "
            "förbundsordningen innan nya medlemmar läggs till."
        )


def _register_in_force(case: CaseProjection, number: int, event: EventRecord) -> None:
    """An existing förbund's current förbundsordning: its members count as having approved it."""
    existing = [p for p in case.members if p.info.member_since is not None]
    for progress in existing:
        progress.approved_version = number
    formed = event.data.get("formed_on")
    case.in_force_version = number
    case.formed_on = (
        date.fromisoformat(str(formed))
        if formed
        else min(p.info.member_since for p in existing if p.info.member_since is not None)
    )


def _decision(case: CaseProjection, event: EventRecord, template: WorkflowSet) -> None:
    progress = membership.party_of(case, event)
    assert event.step is not None and event.outcome is not None and event.date is not None
    step = check_decision_allowed(case, progress, event.step, event.date)
    version = event.fo_version
    if version is not None and version not in case.versions:
        known = ", ".join(f"v{n}" for n in sorted(case.versions)) or "inga versioner ännu"
        raise Refusal(f"Förbundsordningen har ingen version v{version}; det finns {known}.")
    if step.approves and event.outcome is Outcome.BIFALL:
        version = _approvable_version(case, progress, version, event.date)
    record = StepRecord(date=event.date, outcome=event.outcome, fo_version=version)
    workflow = progress.workflow
    if event.outcome is Outcome.BIFALL:
        record.status = StepStatus.DONE
        progress.steps[step.id] = record
        if step.approves:
            progress.approved_version, progress.approved_on = version, event.date
            progress.anslag_on = event.anslag
        settle(workflow, progress)
        if progress.state == APPROVED and version != case.current_version:
            reopen_approval(progress)
    elif event.outcome is Outcome.AVSLAG:
        record.status = StepStatus.REJECTED
        progress.steps[step.id] = record
        fire(workflow, progress, "reject")
    elif event.outcome is Outcome.ATERREMISS:
        progress.steps[step.id] = record
        if fire(workflow, progress, "send_back"):
            for earlier in workflow.stages[workflow.stage_index(progress.state)].steps:
                if progress.steps[earlier.id].status is StepStatus.DONE:
                    previous = progress.steps[earlier.id]
                    progress.steps[earlier.id] = StepRecord(date=previous.date, outcome=previous.outcome)
    else:
        progress.steps[step.id] = record


def _approvable_version(case: CaseProjection, progress: PartyProgress, version: int | None, on: date) -> int:
    """The version an approval binds to, checked against what existed on the day of the decision."""
    if case.current_version is None:
        raise Refusal(
            f"Det finns ingen förbundsordning för {progress.info.name} att godkänna ännu; "
            "lägg till den med `formation fo add FIL`."
        )
    number = case.current_version if version is None else version
    added_on = case.versions[number].added_on
    if added_on is not None and on < added_on:
        raise Refusal(
            f"Förbundsordningen v{number} är registrerad {added_on}, efter beslutsdatumet {on}; ange den dag "
            "texten fastställdes med `formation fo add FIL --date ÅÅÅÅ-MM-DD`."
        )
    joining = progress.approved_version is None and progress.info.member_since is None
    if joining and case.in_force_version is not None and number == case.in_force_version:
        raise Refusal(
            f"{progress.info.name} är ny i ett redan bildat förbund och kan inte godkänna den gällande "
            f"förbundsordningen v{number}; en ny medlem godkänner en ändrad version som alla medlemmar "
            "antar (`formation fo add FIL`)."
        )
    return number


def _skip(case: CaseProjection, event: EventRecord, template: WorkflowSet) -> None:
    progress = membership.party_of(case, event)
    assert event.step is not None
    step = check_skip_allowed(progress, event.step)
    progress.steps[step.id] = StepRecord(status=StepStatus.SKIPPED, date=event.date, reason=event.note)
    settle(progress.workflow, progress)


def _workflow_changed(case: CaseProjection, event: EventRecord, template: WorkflowSet) -> None:
    progress = membership.party_of(case, event)
    workflow: PartyWorkflow = workflow_from_dict(event.data["workflow"])
    old = progress.steps
    lost = [s for s, r in old.items() if r.status is not StepStatus.PENDING and workflow.step(s) is None]
    if lost:
        raise Refusal(f"Varianten saknar steg som redan är beslutade för {progress.info.name}: {', '.join(lost)}.")
    progress.workflow = workflow
    progress.steps = {s.id: old.get(s.id, StepRecord()) for s in workflow.steps}
    if progress.state not in (APPROVED, REJECTED):
        progress.state = workflow.stages[0].id
        settle(workflow, progress)


def _update_formation(case: CaseProjection) -> None:
    """Formed once every member approved the current version and § 3 membership is complete.
    A formed förbund stays formed; a later version comes into force the same way."""
    if case.current_version is None or case.current_version == case.in_force_version:
        return
    members = case.members
    if membership_problems([p.info.kind for p in members], gotland_exception=case.no_region):
        return
    version = case.versions[case.current_version]
    approvals = [MemberApproval(p.approved_version if p.approved else None, p.approved_on) for p in members]
    when = all_approved_on(approvals, version.number, version.start_date)
    if when is None:
        return
    if case.in_force_version is None:
        case.formed_on = when
    case.in_force_version = version.number
    version.in_force = True


Handler = Callable[[CaseProjection, EventRecord, WorkflowSet], None]

_HANDLERS: dict[EventType, Handler] = {
    EventType.CASE_CREATED: _case_created,
    EventType.PARTY_ADDED: _party_added,
    EventType.PARTY_UPDATED: _party_updated,
    EventType.FO_ADDED: _fo_added,
    EventType.DECISION: _decision,
    EventType.SKIP: _skip,
    EventType.WORKFLOW_CHANGED: _workflow_changed,
    EventType.APPEAL_FILED: lambda case, event, _template: membership.appeal_filed(case, event),
    EventType.APPEAL_DECIDED: lambda case, event, _template: membership.appeal_decided(case, event),
    EventType.NOTICE_GIVEN: lambda case, event, _template: membership.notice_given(case, event),
    EventType.BOARD_SEAT_ADDED: lambda case, event, _template: membership.board_seat_added(case, event),
    EventType.BOARD_SEAT_REMOVED: lambda case, event, _template: membership.board_seat_removed(case, event),
}
