"""One party in detail, as the TUI's party screen shows it: every step with every decision the log holds on it
(corrections applied), its board seats, contacts, financing share, notice and appeal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from formation.case.events import DecisionRecorded, Envelope, StepSkipped
from formation.case.history import resolve
from formation.case.projection import is_appealable
from formation.domain.appeal import appeal_ends_on
from formation.domain.finance import FinanceError, FundingParty, compute_financing
from formation.domain.labels import KIND_SHORT, OUTCOME_LABELS, role_label
from formation.services.views import CaseView


@dataclass(frozen=True)
class DecisionLine:
    """One recorded decision or skip on a step, as the log now reads (corrections applied)."""

    seq: int
    day: date | None
    outcome: str
    body: str | None = None
    paragraph: str | None = None
    dnr: str | None = None
    fo_version: int | None = None
    anslag: date | None = None
    appeal_ends: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class StepLine:
    """A step of a party's path with every decision taken on it, oldest first."""

    step: str
    label: str
    status: str
    decisions: tuple[DecisionLine, ...]


@dataclass(frozen=True)
class PartyDetail:
    """Everything the party screen shows."""

    slug: str
    name: str
    kind: str
    observer: bool
    email: str | None
    member_since: date | None
    steps: tuple[StepLine, ...]
    board: tuple[str, ...]
    share: str | None
    leaves_on: date | None
    appeal: str | None
    contacts: tuple[str, ...] = ()
    """The people who receive the party's reminders: 'Anna Andersson, nämndsekreterare <anna@solna.se>'."""


def _decision_lines(log: Sequence[Envelope], slug: str, appealable: bool) -> dict[str, list[DecisionLine]]:
    by_step: dict[str, list[DecisionLine]] = {}
    for envelope in resolve(log):
        event = envelope.event
        if isinstance(event, DecisionRecorded) and event.party == slug:
            ends = appeal_ends_on(event.anslag) if event.anslag and appealable else None
            line = DecisionLine(
                envelope.seq,
                event.decided_on,
                OUTCOME_LABELS[event.outcome],
                event.body,
                event.paragraph,
                event.dnr,
                event.fo_version,
                event.anslag,
                ends,
                event.note,
            )
            by_step.setdefault(event.step, []).append(line)
        elif isinstance(event, StepSkipped) and event.party == slug:
            by_step.setdefault(event.step, []).append(
                DecisionLine(envelope.seq, event.on, "ej aktuellt", note=event.reason)
            )
    return by_step


def financing_shares(view: CaseView) -> dict[str, str]:
    """Party name → its § 5 share as a percentage, when the members make a computable plan."""
    members = [p for p in view.parties if p.is_member]
    parties = [FundingParty(p.info.name, p.info.kind, p.info.key_percent, p.info.population) for p in members]
    try:
        plan = compute_financing(parties, total=1_000_000, no_region=view.projection.no_region)
    except (FinanceError, ValueError, ZeroDivisionError):
        return {}
    return {p.name: f"{float(p.share) * 100:.2f} %".replace(".", ",") for p in plan.parties}


def party_detail(view: CaseView, log: Sequence[Envelope], slug: str) -> PartyDetail | None:
    """The party `slug` in detail, or None when it is not in the view."""
    progress = next((p for p in view.parties if p.info.slug == slug), None)
    if progress is None:
        return None
    lines = _decision_lines(log, slug, is_appealable(progress))
    steps = []
    for s in progress.workflow.steps:
        record, decided = progress.steps[s.id], list(lines.get(s.id, []))
        if decided and decided[-1].fo_version is None and record.fo_version is not None:
            # A decision recorded without a version approved the one current then; the projection knows which.
            decided[-1] = replace(decided[-1], fo_version=record.fo_version)
        steps.append(StepLine(s.id, s.label, record.status.value, tuple(decided)))
    board = tuple(
        f"{seat.person}, {role_label(seat.role)} {seat.term_start}–{seat.term_end}"
        for seat in view.projection.board
        if seat.party == slug
    )
    appeal = None
    if progress.appeal is not None:
        appeal = f"överklagat {progress.appeal.filed_on}" + (
            f", avgjort {progress.appeal.decided_on}" if progress.appeal.decided_on else ", väntar på dom"
        )
    info = progress.info
    return PartyDetail(
        slug,
        info.name,
        KIND_SHORT[info.kind],
        info.observer,
        info.email,
        info.member_since,
        tuple(steps),
        board,
        financing_shares(view).get(info.name),
        progress.leaves_on,
        appeal,
        tuple(
            f"{c.name}{', ' + c.role if c.role else ''} <{c.email}>"
            for c in view.projection.contacts.values()
            if c.party == slug
        ),
    )
