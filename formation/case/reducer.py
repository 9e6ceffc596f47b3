"""Applies one event to the projection, enforcing the rules; a replay is a fold of this over the events.

The write pipeline applies a new event before anything is written: a Refusal here means nothing is written.
Dispatch is a `match` over the event types ending in `assert_never`, so mypy proves every type is handled.
"""

from __future__ import annotations

from datetime import date
from typing import assert_never

from formation.case import membership, scheduling
from formation.case.events import (
    UNSET,
    AppealDecided,
    AppealFiled,
    BoardSeatAdded,
    BoardSeatRemoved,
    BodyNamed,
    CaseCreated,
    ContactAdded,
    ContactRemoved,
    DeadlineSet,
    DecisionRecorded,
    DomainEvent,
    Envelope,
    EventCorrected,
    EventVoided,
    ForbundsordningAdded,
    MeetingAdded,
    MeetingRemoved,
    NoticeGiven,
    PartyAdded,
    PartyUpdated,
    StepSkipped,
    WorkflowChanged,
    WorkflowUpgraded,
)
from formation.case.fo_versions import fo_added
from formation.case.machine import fire, settle
from formation.case.projection import (
    APPROVED,
    REJECTED,
    CaseProjection,
    PartyInfo,
    PartyProgress,
    StepRecord,
    default_workflow,
)
from formation.case.reopening import reopen_approval, reopen_rejection
from formation.case.step_rules import decision_refusal, reconsideration_refusal, skip_refusal
from formation.domain.formation_rule import MemberApproval, all_approved_on
from formation.domain.membership import membership_problems
from formation.domain.outcomes import Outcome, StepStatus
from formation.errors import Refusal
from workflows.loader import legacy_template, workflow_from_dict, workflow_set_from_dict
from workflows.model import PartyWorkflow


def new_projection() -> CaseProjection:
    """The projection before the first event: a case is created by its first event."""
    return CaseProjection(template=legacy_template())


def apply(case: CaseProjection, envelope: Envelope) -> None:
    """Apply one event in place, or raise Refusal. The caller discards the projection on a refusal."""
    event = envelope.event
    if isinstance(event, EventCorrected | EventVoided):
        raise TypeError("corrections and voids are resolved before folding (history.resolve)")
    match event:
        case CaseCreated():
            _case_created(case, event)
        case PartyAdded():
            _party_added(case, event, envelope.recorded_at.date())
        case PartyUpdated():
            _party_updated(case, event)
        case ForbundsordningAdded():
            fo_added(case, event)
        case DecisionRecorded():
            _decision(case, event)
        case StepSkipped():
            _skip(case, event)
        case WorkflowChanged():
            _workflow_changed(case, event)
        case WorkflowUpgraded():
            _workflow_upgraded(case, event)
        case AppealFiled():
            membership.appeal_filed(case, event)
        case AppealDecided():
            membership.appeal_decided(case, event)
        case NoticeGiven():
            membership.notice_given(case, event)
        case BoardSeatAdded():
            membership.board_seat_added(case, event)
        case BoardSeatRemoved():
            membership.board_seat_removed(case, event)
        case MeetingAdded() | MeetingRemoved() | ContactAdded() | ContactRemoved() | DeadlineSet() | BodyNamed():
            scheduling.apply_schedule(case, event)
        case _:
            assert_never(event)
    day = envelope.effective_on
    if day is not None:
        case.first_event_on = min(day, case.first_event_on or day)
        case.last_event_on = max(day, case.last_event_on or day)
    if _may_change_formation(case, event):
        _update_formation(case)


def _may_change_formation(case: CaseProjection, event: DomainEvent) -> bool:
    """Only these can complete the approvals; skipping the others keeps a long history linear. An event about
    one party can complete them only when that party now stands approved of the current version (or is no
    member): otherwise not every member has approved it, so checking every member is left out, and a case with
    hundreds of parties stays linear too."""
    if isinstance(event, ForbundsordningAdded | PartyAdded):
        return True
    if isinstance(event, DecisionRecorded | AppealDecided | StepSkipped):
        progress = case.parties.get(event.party)
        if progress is None or not progress.is_member:
            return True
        return progress.approved and progress.approved_version == case.current_version
    return False


def _case_created(case: CaseProjection, event: CaseCreated) -> None:
    case.name, case.slug, case.seat = event.name, event.slug, event.seat
    case.target_start = event.target_start
    case.no_region = event.no_region
    if event.template is not None:
        case.template = workflow_set_from_dict(event.template)


def _party_added(case: CaseProjection, event: PartyAdded, recorded_on: date) -> None:
    if any(p.info.name.casefold() == event.name.casefold() for p in case.parties.values()):
        raise Refusal(f"Parten '{event.name}' finns redan i ärendet.", code="party_exists", party=event.slug)
    if event.slug in case.parties:
        raise Refusal(
            f"Parten '{event.name}' får samma kortnamn ({event.slug}) som {case.parties[event.slug].info.name}, "
            "som redan finns i ärendet; skilj namnen åt med fler bokstäver.",
            code="party_exists",
            party=event.slug,
        )
    info = PartyInfo(
        slug=event.slug,
        name=event.name,
        kind=event.kind,
        observer=event.observer,
        member_since=event.member_since,
        key_percent=event.key_percent,
        population=event.population,
        email=event.email,
        added_on=recorded_on,
    )
    workflow = workflow_from_dict(event.workflow) if event.workflow else default_workflow(case.template, info.kind)
    progress = PartyProgress.start(info, workflow)
    if info.member_since is not None:
        _make_existing_member(case, progress)
    case.parties[info.slug] = progress


def _party_updated(case: CaseProjection, event: PartyUpdated) -> None:
    """Funding key, population or contact changed; only the fields in the event change."""
    info = membership.party(case, event.party).info
    if event.key_percent is not UNSET:
        info.key_percent = event.key_percent
    if event.population is not UNSET:
        info.population = event.population
    if event.email is not UNSET:
        info.email = event.email


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


def _decision(case: CaseProjection, event: DecisionRecorded) -> None:
    progress = membership.party(case, event.party)
    if progress.rejected:  # a new decision after a no: the body took the matter up again
        refusal = reconsideration_refusal(progress, event.step, event.decided_on)
        if refusal is not None:
            raise refusal
        reopen_rejection(progress)
    refusal = decision_refusal(progress, event.step, event.decided_on)
    if refusal is not None:
        raise refusal
    step = progress.workflow.step(event.step)
    assert step is not None
    version = event.fo_version
    if version is not None and version not in case.versions:
        known = ", ".join(f"v{n}" for n in sorted(case.versions)) or "inga versioner ännu"
        raise Refusal(
            f"Förbundsordningen har ingen version v{version}; det finns {known}.", code="fo_unknown", version=version
        )
    if step.approves and event.outcome is Outcome.BIFALL:
        version = _approvable_version(case, progress, version, event.decided_on)
    record = StepRecord(date=event.decided_on, outcome=event.outcome, fo_version=version)
    workflow = progress.workflow
    before = progress.state
    if not fire(workflow, progress, event.outcome.value, step=step.id, on=event.decided_on):
        raise Refusal(f"Beslutet kan inte registreras för {progress.info.name} nu.", code="not_allowed")
    if event.outcome is Outcome.BIFALL:
        record.status = StepStatus.DONE
        progress.steps[step.id] = record
        if step.approves:
            progress.approved_version, progress.approved_on = version, event.decided_on
            progress.anslag_on = event.anslag
        settle(workflow, progress)
        if progress.state == APPROVED and version != case.current_version:
            reopen_approval(progress)
    elif event.outcome is Outcome.AVSLAG:
        record.status = StepStatus.REJECTED
        progress.steps[step.id] = record
        current = case.versions.get(case.current_version) if case.current_version else None
        if current is not None and current.added_on is not None and current.added_on > event.decided_on:
            # A history entered afterwards: the no was said before the current version was written, and that
            # version reopens the party as it would have, had the no been entered first (see _fo_added).
            reopen_rejection(progress)
    else:
        progress.steps[step.id] = record
        if event.outcome is Outcome.ATERREMISS and progress.state != before:
            # Back in the stage before: what was decided there must be decided again.
            for earlier in workflow.stages[workflow.stage_index(progress.state)].steps:
                previous = progress.steps[earlier.id]
                if previous.status is StepStatus.DONE:
                    progress.steps[earlier.id] = StepRecord(date=previous.date, outcome=previous.outcome)


def _approvable_version(case: CaseProjection, progress: PartyProgress, version: int | None, on: date) -> int:
    """The version an approval binds to, checked against what existed on the day of the decision."""
    if case.current_version is None:
        raise Refusal(
            f"Det finns ingen förbundsordning för {progress.info.name} att godkänna ännu.",
            code="no_forbundsordning",
            party=progress.info.slug,
        )
    number = case.current_version if version is None else version
    added_on = case.versions[number].added_on
    if added_on is not None and on < added_on:
        raise Refusal(
            f"Förbundsordningen v{number} är daterad {added_on}, efter beslutsdatumet {on}.",
            code="fo_after_decision",
            version=number,
            added_on=added_on.isoformat(),
        )
    joining = progress.approved_version is None and progress.info.member_since is None
    if joining and case.in_force_version is not None and number == case.in_force_version:
        raise Refusal(
            f"{progress.info.name} är ny i ett redan bildat förbund och kan inte godkänna den gällande "
            f"förbundsordningen v{number}; en ny medlem godkänner en ändrad version som alla medlemmar antar.",
            code="joining_needs_amendment",
            party=progress.info.slug,
        )
    return number


def _skip(case: CaseProjection, event: StepSkipped) -> None:
    progress = membership.party(case, event.party)
    refusal = skip_refusal(progress, event.step)
    if refusal is not None:
        raise refusal
    fire(progress.workflow, progress, "skip", step=event.step)
    progress.steps[event.step] = StepRecord(status=StepStatus.SKIPPED, date=event.on, reason=event.reason)
    settle(progress.workflow, progress)


def _workflow_changed(case: CaseProjection, event: WorkflowChanged) -> None:
    progress = membership.party(case, event.party)
    _move_to_workflow(progress, workflow_from_dict(event.workflow))


def _workflow_upgraded(case: CaseProjection, event: WorkflowUpgraded) -> None:
    """The case's template changes: parties on the template move to the new one, if their history fits."""
    template = workflow_set_from_dict(event.template)
    for progress in case.parties.values():
        if progress.workflow is default_workflow(case.template, progress.info.kind):
            _move_to_workflow(progress, default_workflow(template, progress.info.kind))
    case.template = template


def _move_to_workflow(progress: PartyProgress, workflow: PartyWorkflow) -> None:
    old = progress.steps
    lost = [s for s, r in old.items() if r.status is not StepStatus.PENDING and workflow.step(s) is None]
    if lost:
        labels = [step.label if (step := progress.workflow.step(s)) else s for s in lost]
        raise Refusal(
            f"Den nya beslutsgången saknar steg som redan är beslutade för {progress.info.name}: {', '.join(labels)}.",
            code="workflow_loses_steps",
            party=progress.info.slug,
        )
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
    version = case.versions[case.current_version]
    parties = case.parties.values()
    if not all(p.approved and p.approved_version == version.number for p in parties if p.is_member):
        return  # all_approved_on would find a member that has not approved this version (stops at the first)
    members = case.members
    if membership_problems([p.info.kind for p in members], gotland_exception=case.no_region):
        return
    approvals = [MemberApproval(p.approved_version if p.approved else None, p.approved_on) for p in members]
    when = all_approved_on(approvals, version.number, version.start_date)
    if when is None:
        return
    if case.in_force_version is None:
        case.formed_on = when
    case.in_force_version = version.number
    version.in_force = True
