"""The status of a case as of a day: the `status --json` document (DESIGN.md) and its problems."""

from __future__ import annotations

from datetime import date
from typing import Any

from formation.case.projection import CaseProjection, PartyProgress, is_appealable
from formation.case.step_rules import rejection
from formation.domain.appeal import anslag_days_late, appeal_ends_on, final_on
from formation.domain.board import TERM_YEARS, BoardMember, board_problems
from formation.domain.membership import membership_problems
from formation.domain.outcomes import AppealOutcome
from formation.domain.parties import PartyKind
from formation.domain.problems import Problem
from formation.services.views import CaseView


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def party_appeal_ends_on(progress: PartyProgress) -> date | None:
    """Last day to appeal the party's approval; only kommun/region fullmäktige decisions are appealable."""
    if not progress.approved or progress.anslag_on is None or not is_appealable(progress):
        return None
    return appeal_ends_on(progress.anslag_on)


def appeal_holds_back(progress: PartyProgress) -> bool:
    """Whether a pending appeal keeps the decisions from laga kraft: one that came in within the appeal period
    does. One that came in after it does not: the court dismisses (avvisar) it, and the decisions gained laga
    kraft when the period ran out (KL 13 kap. 5 §)."""
    appeal = progress.appeal
    if appeal is None or not appeal.pending:
        return False
    ends = party_appeal_ends_on(progress)
    return ends is None or appeal.filed_on is None or appeal.filed_on <= ends


def is_formed(projection: CaseProjection, as_of: date) -> bool:
    """Formed once every member approved one version and its named start date (if any) has come."""
    return projection.formed_on is not None and projection.formed_on <= as_of


def case_final_on(projection: CaseProjection) -> date | None:
    """The day after the last appeal period ends, once every kommun/region member approval has one
    and no appeal is pending."""
    members = projection.members
    if not members or not all(p.approved for p in members):
        return None
    if any(appeal_holds_back(p) for p in members):
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
        "appealable": is_appealable(progress),
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
        "late": appeal.pending and not appeal_holds_back(progress),
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
    elif (facts := view.facts.get(projection.current_version)) is not None:
        for problem in facts.checklist.problems():
            problems.append(Problem(problem.code, problem.message, details={"fo_version": projection.current_version}))
    for progress in members:
        if progress.rejected:
            problems.append(
                Problem(
                    "party_rejected",
                    f"{rejection(progress)}; förbundet kan inte bildas förrän {progress.info.name} beslutar på nytt "
                    "i det steget eller en ny version av förbundsordningen har godkänts av alla.",
                    party=progress.info.slug,
                )
            )
        if progress.appeal is not None and appeal_holds_back(progress):
            problems.append(
                Problem(
                    "appeal_pending",
                    f"{progress.info.name}s beslut är överklagat ({progress.appeal.filed_on}); besluten vinner inte "
                    "laga kraft förrän domstolen har avgjort målet.",
                    party=progress.info.slug,
                )
            )
        elif progress.appeal is not None and progress.appeal.pending:
            problems.append(
                Problem(
                    "appeal_late",
                    f"{progress.info.name}s beslut överklagades {progress.appeal.filed_on}, efter att "
                    f"överklagandetiden gick ut ({party_appeal_ends_on(progress)}); domstolen avvisar troligen ett för "
                    "sent överklagande, och det hindrar inte att besluten vinner laga kraft.",
                    party=progress.info.slug,
                )
            )
        problems.extend(_anslag_problems(progress))
    problems.extend(_newcomer_problems(projection))
    problems.extend(_likvidation_problems(view))
    problems.extend(_board_problems(view))
    return _annulled_problems(view) + problems


def _annulled_problems(view: CaseView) -> list[Problem]:
    """A court annulled (upphävt) an approval the formation rests on: the party must decide again. First in
    the list: until it has, the förbund rests on a decision that no longer stands."""
    problems = []
    for progress in view.parties:
        appeal = progress.appeal
        if not progress.is_member or appeal is None or appeal.outcome is not AppealOutcome.UPPHAVT:
            continue
        if progress.approved:
            continue
        step = progress.workflow.approving_step
        court = appeal.court or "Domstolen"
        version = view.projection.current_version
        problems.append(
            Problem(
                "approval_annulled",
                f"{court} upphävde {progress.info.name}s beslut att godkänna förbundsordningen ({appeal.decided_on}); "
                f"{progress.info.name} måste fatta beslutet '{step.label}' på nytt"
                + (f" och godkänna v{version}." if version else "."),
                party=progress.info.slug,
                details={"step": step.id, "decided_on": _iso(appeal.decided_on)},
            )
        )
    return problems


def _anslag_problems(progress: PartyProgress) -> list[Problem]:
    """An appealable approval needs the day its justering was posted; one posted long after the decision is
    most likely a wrong date (justering within 14 days, posting within 2 more)."""
    if not progress.approved or progress.approved_on is None or not is_appealable(progress):
        return []
    if progress.info.member_since is not None and progress.approved_on == progress.info.member_since:
        return []  # an existing member's approval is history, not a decision entered here
    name = progress.info.name
    if progress.anslag_on is None:
        return [
            Problem(
                "anslag_missing",
                f"{name}s godkännande ({progress.approved_on}) saknar anslagsdatum; utan det börjar "
                "överklagandetiden inte och besluten kan inte vinna laga kraft. Registrera dagen då justeringen "
                "anslogs.",
                party=progress.info.slug,
            )
        ]
    late = anslag_days_late(progress.approved_on, progress.anslag_on)
    if late:
        return [
            Problem(
                "anslag_late",
                f"Anslagsdatumet {progress.anslag_on} för {name}s beslut {progress.approved_on} ligger "
                f"{(progress.anslag_on - progress.approved_on).days} dagar efter beslutet; protokollet ska justeras "
                "inom 14 dagar och justeringen anslås inom 2 dagar därefter. Kontrollera datumet.",
                party=progress.info.slug,
            )
        ]
    return []


def _likvidation_problems(view: CaseView) -> list[Problem]:
    """15 § lagen (2003:1210): without a kommun or without a region the förbund cannot go on and must go into
    likvidation. Warned from the notice on, once every kommun (or every region) has given notice."""
    projection = view.projection
    if projection.in_force_version is None:
        return []
    members = [p for p in view.parties if p.is_member]
    kinds = [(PartyKind.KOMMUN, "kommun", "kommuner")]
    if not projection.no_region:
        kinds.append((PartyKind.REGION, "region", "regioner"))
    problems = []
    for kind, word, plural in kinds:
        of_kind = [p for p in members if p.info.kind is kind]
        if not of_kind or any(p.leaves_on is None for p in of_kind):
            continue
        last = max(p.leaves_on for p in of_kind if p.leaves_on is not None)
        leaving = ", ".join(f"{p.info.name} {p.leaves_on}" for p in of_kind)
        problems.append(
            Problem(
                "likvidation",
                f"Ingen {word} blir kvar i förbundet: utträde {leaving}. Utan {word} kan förbundet inte fortsätta; "
                f"det ska träda i likvidation (15 § lagen (2003:1210)) senast {last}.",
                details={"kind": kind.value, "last_leaves_on": last.isoformat(), "plural": plural},
            )
        )
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
    return board_problems(projection.board, members, view.as_of, view.board_term_years or TERM_YEARS)


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
    parties, overdue = _with_next_deadlines(projection, view.as_of, [party_json(p, view.as_of) for p in view.parties])
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
        "parties": parties,
        "problems": [p.as_json() for p in [*case_problems(view), *overdue]],
    }


def _with_next_deadlines(
    projection: CaseProjection, as_of: date, parties: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The parties with their next deadlines, and the steps overdue as of `as_of`."""
    if not projection.has_schedule:
        return parties, []  # the planner is loaded only for a case with something to plan from
    from formation.schedule.case_plan import deadlines_and_overdue

    return deadlines_and_overdue(projection, as_of, parties)
