"""The beslutsunderlag for one party: the standard decision points for its fullmäktige or agency."""

from __future__ import annotations

from datetime import date, timedelta

from formation.domain.appeal import appeal_ends_on
from formation.errors import Refusal
from formation.reports.documents.model import DecisionPoint, FinanceRow, PartyRow, SnapshotData, UnderlagData
from formation.reports.documents.text import day, join_names, kr, mnkr, percent

LAW = "lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser"
CONDITION = "under förutsättning att övriga parter beslutar detsamma"
# KL 5 kap. 69 § and 8 kap. 12 §: minutes are justerade within 14 days and posted within 2 more.
JUSTERING_DAYS = 14 + 2
AGENCY_KINDS = ("forsakringskassan", "arbetsformedlingen")


def underlag_data(snapshot: SnapshotData, party: str) -> UnderlagData:
    """The underlag for `party` (slug or name) as of the snapshot's date."""
    row = snapshot.party(party)
    if row.observer:  # an adjungerad kommunalförbund takes part in the board's work but decides nothing
        raise Refusal(
            f"{row.name} är adjungerad utan rösträtt och beslutar inte om medlemskap; beslutsunderlag skrivs för "
            "medlemmarna.",
            code="underlag_for_observer",
            party=row.slug,
        )
    fo = snapshot.fo
    version = snapshot.pending_version or snapshot.fo_version or (fo.number if fo else None)
    step = next((s for s in row.steps if s.step_id in ("fullmaktige", "beslut")), row.steps[-1] if row.steps else None)
    meeting_on = step.planned_on if step and step.status == "pending" else None
    decider = row.decider or (step.body if step and step.body else row.name)
    finance = snapshot.finance
    contribution = next((r for r in finance.rows if r.party == row.name), None) if finance else None
    seats = [b for b in snapshot.board if b.party == row.name]
    current = [b for b in seats if not b.upcoming]
    seats = current or seats
    ledamoter = tuple(b.person for b in seats if b.role == "ledamot")
    ersattare = tuple(b.person for b in seats if b.role == "ersattare")
    immediate, reason = _immediate_justering(snapshot, row, meeting_on)
    others = [p.name for p in snapshot.members if p.slug != row.slug]
    points = _points(snapshot, row, version, contribution, others, ledamoter, ersattare, immediate)
    return UnderlagData(
        snapshot=snapshot,
        party=row,
        title=f"Beslutsunderlag: medlemskap i {snapshot.name}",
        decider=decider,
        next_step=step,
        meeting_on=meeting_on,
        contribution=contribution,
        budget_year=finance.budget_year if finance else None,
        ledamoter=ledamoter,
        ersattare=ersattare,
        immediate_justering=immediate,
        justering_reason=reason,
        decision_points=points,
        background=_background(snapshot, row, version, others),
    )


def start_date(snapshot: SnapshotData) -> date | None:
    """The day the förbund (or the amended förbundsordning) is to start."""
    fo_start = snapshot.fo.start_date if snapshot.fo is not None else None
    return snapshot.pending_effective_on or fo_start or snapshot.target_start


def _immediate_justering(snapshot: SnapshotData, party: PartyRow, meeting_on: date | None) -> tuple[bool, str | None]:
    """Whether the normal justering and three-week appeal period would run past the start date."""
    start = start_date(snapshot)
    if not party.appealable or start is None or party.approved_version == (snapshot.pending_version or
                                                                           snapshot.fo_version):
        return False, None
    decided = meeting_on or snapshot.as_of
    normal_end = appeal_ends_on(decided + timedelta(days=JUSTERING_DAYS))
    if normal_end < start:
        return False, None
    return True, (
        f"Med ordinarie justering löper överklagandetiden till och med den {day(normal_end)}, "
        f"efter förbundets planerade start den {day(start)}. Paragrafen bör därför justeras omedelbart."
    )


def _points(
    snapshot: SnapshotData,
    party: PartyRow,
    version: int | None,
    contribution: FinanceRow | None,
    others: list[str],
    ledamoter: tuple[str, ...],
    ersattare: tuple[str, ...],
    immediate: bool,
) -> tuple[DecisionPoint, ...]:
    fo = snapshot.fo
    start = start_date(snapshot)
    if party.joining:
        when = f" från och med den {day(start)}" if start else ""
        points = [f"{party.name} träder in som medlem i {snapshot.name}{when} enligt {LAW}."]
    elif others:
        points = [f"{party.name} deltar tillsammans med {join_names(others)} i {snapshot.name} enligt {LAW}."]
    else:
        points = [f"{party.name} deltar i {snapshot.name} enligt {LAW}."]
    if version is not None:
        digest = f" (kontrollsumma SHA-256 {fo.sha256})" if fo is not None and fo.number == version else ""
        points.append(f"Förbundsordningen för {snapshot.name}, version {version}{digest}, godkänns enligt bilaga 1.")
    finance = snapshot.finance
    if contribution is not None and finance is not None:
        if party.kind == "arbetsformedlingen":
            points.append(
                f"Arbetsförmedlingens andel av statens bidrag ingår i Försäkringskassans insats på "
                f"{kr(_state_amount(snapshot))} för budgetåret {finance.budget_year} (5 § {LAW})."
            )
        else:
            state = " som statens andel, där Arbetsförmedlingens del ingår" if party.kind == "forsakringskassan" else ""
            points.append(
                f"{party.name} bidrar till förbundets verksamhet budgetåret {finance.budget_year} med "
                f"{kr(contribution.amount)} ({mnkr(contribution.amount)}){state}, {percent(contribution.share)} av "
                f"förbundets totala budget på {mnkr(finance.total)}."
            )
    points.append(_board_point(party, ledamoter, ersattare))
    if party.kind in ("kommun", "region"):
        points.append("Till revisor för granskning av förbundets verksamhet utses ……………………………………")
    elif party.kind == "forsakringskassan":
        points.append(
            "Försäkringskassan utser efter samråd med Arbetsförmedlingen en revisor för statens räkning: "
            "……………………………………"
        )
    points.append(f"Besluten gäller {CONDITION}.")
    if immediate:
        points.append("Paragrafen förklaras omedelbart justerad.")
    return tuple(DecisionPoint(p) for p in points)


def _state_amount(snapshot: SnapshotData) -> int:
    finance = snapshot.finance
    if finance is None:
        return 0
    return sum(r.amount for r in finance.rows if r.kind == "forsakringskassan")


def _board_point(party: PartyRow, ledamoter: tuple[str, ...], ersattare: tuple[str, ...]) -> str:
    blank = "……………………………………"
    who = join_names(list(ledamoter)) if ledamoter else blank
    subs = join_names(list(ersattare)) if ersattare else blank
    noun = "ledamöter" if len(ledamoter) > 1 else "ledamot"
    sub_noun = "ersättare"
    if party.kind in AGENCY_KINDS:
        return (
            f"Till {noun} i förbundets styrelse utses {who} och till {sub_noun} {subs}, "
            f"anställda hos {party.name}."
        )
    return (
        f"Till {noun} i förbundets styrelse utses {who} och till {sub_noun} {subs}, "
        f"för mandattiden enligt förbundsordningen."
    )


def _background(snapshot: SnapshotData, party: PartyRow, version: int | None, others: list[str]) -> tuple[str, ...]:
    paragraphs = [
        f"Enligt {LAW} kan Försäkringskassan, Arbetsförmedlingen, regioner och kommuner samverka i ett "
        f"samordningsförbund. Förbundet bildas när samtliga medlemmar har godkänt samma förbundsordning.",
        snapshot.summary,
    ]
    fo = snapshot.fo
    if fo is not None and fo.checklist:
        if fo.missing:
            missing = join_names([f"punkt {r.number} ({r.label.lower()})" for r in fo.missing])
            paragraphs.append(
                f"Förbundsordningen version {fo.number} saknar uppgifter som ska finnas enligt 9 § lagen: {missing}."
            )
        else:
            paragraphs.append(
                f"Förbundsordningen version {fo.number} innehåller samtliga uppgifter som 9 § lagen kräver."
            )
    if party.approved_version is not None and party.approved_version == version:
        paragraphs.append(f"{party.name} godkände förbundsordningen version {version} den {day(party.approved_on)}.")
    return tuple(p for p in paragraphs if p)
