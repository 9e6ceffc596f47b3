"""The status of a case as of a day: the `status --json` document (DESIGN.md) and its problems."""

from __future__ import annotations

from datetime import date
from typing import Any

from formation.case.membership import is_appealable
from formation.case.projection import CaseProjection, PartyProgress
from formation.domain.appeal import appeal_ends_on, final_on
from formation.domain.board import BoardMember, board_problems
from formation.domain.checklist import check_forbundsordning
from formation.domain.membership import membership_problems
from formation.domain.outcomes import StepStatus
from formation.domain.parties import PartyKind
from formation.domain.problems import Problem
from formation.schedule.case_plan import with_next_deadlines
from formation.services.views import CaseView


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def party_appeal_ends_on(progress: PartyProgress) -> date | None:
    """Last day to appeal the party's approval; only kommun/region fullmäktige decisions are appealable."""
    if not progress.approved or progress.anslag_on is None or not is_appealable(progress):
        return None
    return appeal_ends_on(progress.anslag_on)


def is_formed(projection: CaseProjection, as_of: date) -> bool:
    """Formed once every member approved one version and its named start date (if any) has come."""
    return projection.formed_on is not None and projection.formed_on <= as_of


def case_final_on(projection: CaseProjection) -> date | None:
    """The day after the last appeal period ends, once every kommun/region member approval has one
    and no appeal is pending."""
    members = projection.members
    if not members or not all(p.approved for p in members):
        return None
    if any(p.appeal is not None and p.appeal.pending for p in members):
        return None
    appealable = [p for p in members if is_appealable(p)]
    return final_on([party_appeal_ends_on(p) for p in appealable])


def party_json(progress: PartyProgress, as_of: date | None = None) -> dict[str, Any]:
    steps = []
    for step in progress.workflow.steps:
        record = progress.steps[step.id]
        steps.append(
            {
                "id": step.id,
                "label": step.label,
                "status": record.status.value,
                "date": _iso(record.date),
                "outcome": record.outcome.value if record.outcome else None,
                "fo_version": record.fo_version,
                "reason": record.reason,
            }
        )
    return {
        "name": progress.info.name,
        "slug": progress.info.slug,
        "kind": progress.info.kind.value,
        "observer": progress.info.observer,
        "member_since": _iso(progress.info.member_since),
        "state": party_state(progress, as_of) if as_of else progress.display_state,
        "approved_version": progress.approved_version,
        "approved_on": _iso(progress.approved_on),
        "anslag_on": _iso(progress.anslag_on),
        "appeal_ends_on": _iso(party_appeal_ends_on(progress)),
        "next_deadline": None,
        "leaves_on": _iso(progress.leaves_on),
        "appeal": _appeal_json(progress),
        "steps": steps,
    }


def _appeal_json(progress: PartyProgress) -> dict[str, Any] | None:
    appeal = progress.appeal
    if appeal is None:
        return None
    return {
        "filed_on": _iso(appeal.filed_on),
        "appellant": appeal.appellant,
        "court": appeal.court,
        "decided_on": _iso(appeal.decided_on),
        "outcome": appeal.outcome.value if appeal.outcome else None,
        "pending": appeal.pending,
    }


def has_left(progress: PartyProgress, as_of: date) -> bool:
    """Whether the party's notice period ran out before `as_of`."""
    return progress.leaves_on is not None and progress.leaves_on < as_of


def party_state(progress: PartyProgress, as_of: date) -> str:
    """`left` once a notice period has run out, otherwise the projection's state."""
    return "left" if has_left(progress, as_of) else progress.display_state


def case_problems(view: CaseView) -> list[Problem]:
    """What the coordinator must act on: § 3 membership, § 9 content, rejections, nothing to approve."""
    projection = view.projection
    members = [p for p in view.parties if p.is_member]
    kinds = [p.info.kind for p in members]
    problems = list(membership_problems(kinds, gotland_exception=projection.no_region))
    if projection.no_region and PartyKind.REGION in kinds:
        problems.append(
            Problem(
                "region_in_case_without_region",
                "Ärendet är registrerat som ett förbund utan region (en kommun utanför regionerna), "
                "men en region finns bland medlemmarna.",
            )
        )
    if projection.current_version is None:
        problems.append(
            Problem(
                "no_forbundsordning",
                "Ingen förbundsordning är registrerad ännu.",
            )
        )
    elif view.fo_texts.get(projection.current_version):
        for problem in check_forbundsordning(view.fo_texts[projection.current_version]).problems():
            problems.append(Problem(problem.code, problem.message, details={"fo_version": projection.current_version}))
    for progress in members:
        if progress.rejected:
            step = next(s for s in progress.workflow.steps if progress.steps[s.id].status is StepStatus.REJECTED)
            record = progress.steps[step.id]
            problems.append(
                Problem(
                    "party_rejected",
                    f"{progress.info.name} avslog i steget '{step.label}' {record.date}; förbundet kan inte bildas "
                    "förrän en ny version av förbundsordningen har godkänts av alla.",
                    party=progress.info.slug,
                )
            )
        if progress.appeal is not None and progress.appeal.pending:
            problems.append(
                Problem(
                    "appeal_pending",
                    f"{progress.info.name}s beslut är överklagat ({progress.appeal.filed_on}); besluten vinner inte "
                    "laga kraft förrän domstolen har avgjort målet.",
                    party=progress.info.slug,
                )
            )
    problems.extend(_newcomer_problems(projection))
    problems.extend(_board_problems(view))
    return problems


def _newcomer_problems(projection: CaseProjection) -> list[Problem]:
    """A party added to a formed förbund joins only through an amendment that every member approves."""
    if projection.in_force_version is None or projection.current_version != projection.in_force_version:
        return []
    return [
        Problem(
            "joining_needs_amendment",
            f"{p.info.name} är inte medlem ännu; för att ansluta behövs en ändrad förbundsordning som alla "
            "medlemmar och den nya godkänner.",
            party=p.info.slug,
        )
        for p in projection.members
        if p.info.member_since is None and p.approved_version is None
    ]


def _board_problems(view: CaseView) -> list[Problem]:
    """Board rules apply once seats are being appointed or the förbund is formed."""
    projection = view.projection
    if not projection.board and projection.in_force_version is None:
        return []
    members = [
        BoardMember(p.info.slug, p.info.name, p.info.kind) for p in projection.members if not has_left(p, view.as_of)
    ]
    return board_problems(projection.board, members, view.as_of)


def _pending_effective_on(projection: CaseProjection, pending: int | None) -> str | None:
    """When a pending amendment approved by all takes effect (its start date)."""
    if pending is None or pending != projection.in_force_version:
        return None
    return _iso(projection.versions[pending].start_date)


def versions_in_view(projection: CaseProjection, as_of: date) -> tuple[int | None, int | None]:
    """(fo_version, pending_version) per DESIGN.md. An amendment approved by all but whose start date has
    not come yet is still pending; the version before it stays in force until then."""
    current, in_force = projection.current_version, projection.in_force_version
    if in_force is None:
        return current, None
    version = projection.versions.get(in_force)
    if version is not None and version.start_date and version.start_date > as_of:
        earlier = [n for n, v in projection.versions.items() if v.in_force and n < in_force]
        if earlier:
            return max(earlier), current
    return in_force, (current if current != in_force else None)


def status_document(view: CaseView) -> dict[str, Any]:
    """The `status --json` document."""
    projection = view.projection
    fo_version, pending = versions_in_view(projection, view.as_of)
    return {
        "case": {
            "name": view.case.name,
            "slug": view.case.slug,
            "seat": view.case.seat,
            "revision": view.revision,
            "target_start": _iso(view.case.target_start),
            "no_region": projection.no_region,
            "state": "formed" if is_formed(projection, view.as_of) else "forming",
            "formed_on": _iso(projection.formed_on),
            "final_on": _iso(case_final_on(projection)),
            "fo_version": fo_version,
            "pending_version": pending,
            "pending_effective_on": _pending_effective_on(projection, pending),
            "as_of": view.as_of.isoformat(),
        },
        "parties": with_next_deadlines(projection, view.as_of, [party_json(p, view.as_of) for p in view.parties]),
        "problems": [p.as_json() for p in case_problems(view)],
    }
