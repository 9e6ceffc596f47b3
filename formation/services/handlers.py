"""Command handlers: check a command against the case and say which events it makes. No I/O: the pipeline
(`services.pipeline`) loads the case, calls the handler, applies and appends the events in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import assert_never

from formation.case.commands import (
    AddBoardSeat,
    AddContact,
    AddForbundsordning,
    AddMeetings,
    AddParty,
    CaseCommand,
    CorrectEvent,
    DecideAppeal,
    FileAppeal,
    GiveNotice,
    ImportCase,
    InitCase,
    NameBody,
    RecordDecision,
    RemoveBoardSeat,
    RemoveContact,
    RemoveMeeting,
    SetDeadline,
    SetPartyWorkflow,
    SkipStep,
    UpdateParty,
    UpgradeWorkflow,
    VoidEvent,
)
from formation.case.events import (
    UNSET,
    AppealDecided,
    AppealFiled,
    BoardSeatAdded,
    BoardSeatRemoved,
    CaseCreated,
    DecisionRecorded,
    Envelope,
    Event,
    ForbundsordningAdded,
    NoticeGiven,
    PartyAdded,
    PartyUpdated,
    StepSkipped,
    WorkflowChanged,
    WorkflowUpgraded,
)
from formation.case.membership import first_board_day
from formation.case.projection import CaseProjection
from formation.case.resolve import find_party, find_step
from formation.domain.board import term_period
from formation.domain.membership import KOMMUNALFORBUND_REFUSAL
from formation.domain.names import slugify
from formation.domain.outcomes import Outcome
from formation.domain.parties import PartyKind
from formation.domain.text import (
    BODY_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NOTE_MAX,
    SHORT_MAX,
    clean_text,
    required_text,
    sha256_of,
)
from formation.errors import Refusal
from formation.services.amend_handlers import correct_event, void_event
from formation.services.schedule_handlers import schedule_events
from workflows.loader import workflow_set_to_dict, workflow_to_dict
from workflows.model import WorkflowSet


@dataclass
class Context:
    """What a handler may look at: the case as it stands, its log (read on demand), today, the template."""

    projection: CaseProjection
    log: Callable[[], list[Envelope]]
    today: date
    template: WorkflowSet

    def not_future(self, day: date, what: str) -> None:
        """Refuse a day after today: what is recorded has happened."""
        if day > self.today:
            raise Refusal(f"{what} {day} ligger i framtiden; registrera beslut när de är fattade.", code="future_date")


@dataclass
class Changes:
    """What a command makes: events to append, and förbundsordning texts to store beside them."""

    events: list[Event] = field(default_factory=list)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # sha256 -> (filename, text)


def handle(ctx: Context, command: CaseCommand) -> Changes:
    match command:
        case InitCase():
            return Changes([_init(ctx, command)])
        case AddParty():
            return Changes([_add_party(ctx, command)])
        case UpdateParty():
            return Changes([_update_party(ctx, command)])
        case SetPartyWorkflow():
            party = find_party(ctx.projection, command.party)
            _check_kind(command.workflow.kind, party.info.kind, command.file)
            return Changes(
                [WorkflowChanged(party=party.info.slug, workflow=workflow_to_dict(command.workflow), file=command.file)]
            )
        case AddForbundsordning():
            return _add_fo(ctx, command)
        case RecordDecision():
            return Changes([_decision(ctx, command)])
        case SkipStep():
            return Changes([_skip(ctx, command)])
        case FileAppeal():
            ctx.not_future(command.filed_on, "Datumet för överklagandet")
            party = find_party(ctx.projection, command.party)
            return Changes(
                [
                    AppealFiled(
                        party=party.info.slug,
                        filed_on=command.filed_on,
                        appellant=clean_text(command.appellant, "Den som överklagar", NAME_MAX),
                        court=clean_text(command.court, "Domstolen", NAME_MAX),
                    )
                ]
            )
        case DecideAppeal():
            ctx.not_future(command.decided_on, "Domens datum")
            party = find_party(ctx.projection, command.party)
            return Changes(
                [AppealDecided(party=party.info.slug, decided_on=command.decided_on, outcome=command.outcome)]
            )
        case GiveNotice():
            ctx.not_future(command.given_on, "Datumet för uppsägningen")
            party = find_party(ctx.projection, command.party)
            return Changes([NoticeGiven(party=party.info.slug, given_on=command.given_on, years=command.years)])
        case AddBoardSeat():
            return Changes([_board_seat(ctx, command)])
        case RemoveBoardSeat():
            party = find_party(ctx.projection, command.party)
            person = required_text(command.person, "Personens namn", NAME_MAX)
            return Changes([BoardSeatRemoved(party=party.info.slug, person=person)])
        case CorrectEvent():
            return Changes([correct_event(ctx, command)])
        case VoidEvent():
            return Changes([void_event(ctx, command)])
        case UpgradeWorkflow():
            reason = clean_text(command.reason, "Skälet", NOTE_MAX, multiline=True)
            return Changes([WorkflowUpgraded(template=workflow_set_to_dict(command.template), reason=reason)])
        case AddMeetings() | RemoveMeeting() | AddContact() | RemoveContact() | SetDeadline() | NameBody():
            return Changes(schedule_events(ctx, command))
        case ImportCase():
            raise AssertionError("an import is handled by the pipeline as a whole")  # pragma: no cover
        case _:
            assert_never(command)


def _init(ctx: Context, command: InitCase) -> CaseCreated:
    name = required_text(command.name, "Ärendets namn", NAME_MAX)
    slug = slugify(command.slug or name)
    if not slug:
        raise Refusal(
            f"Det går inte att göra ett kortnamn av '{name}'; ange ett kortnamn med bokstäver a–z.", code="no_slug"
        )
    return CaseCreated(
        name=name,
        slug=slug,
        seat=clean_text(command.seat, "Sätet", NAME_MAX),
        target_start=command.target_start,
        no_region=command.no_region,
        template=workflow_set_to_dict(ctx.template),
    )


def _check_kind(workflow_kind: str, kind: PartyKind, file: str | None) -> None:
    expected = PartyKind.KOMMUN if kind is PartyKind.KOMMUNALFORBUND else kind
    if workflow_kind != expected.value:
        source = f" i {file}" if file else ""
        raise Refusal(
            f"Beslutsgången{source} gäller typen {workflow_kind}, men parten är {kind.value}.", code="workflow_kind"
        )


def _add_party(ctx: Context, command: AddParty) -> PartyAdded:
    if command.kind is PartyKind.KOMMUNALFORBUND and not command.observer:
        raise Refusal(KOMMUNALFORBUND_REFUSAL, code="kommunalforbund_member")
    name = required_text(command.name, "Partens namn", NAME_MAX)
    slug = slugify(name)
    if not slug:
        raise Refusal(
            f"Av namnet '{name}' går det inte att göra ett kortnamn (a–z, 0–9); skriv namnet med latinska bokstäver.",
            code="no_slug",
        )
    if command.population is not None and command.population <= 0:
        raise Refusal(f"Befolkningstalet måste vara ett positivt heltal, inte {command.population}.", code="population")
    if command.member_since is not None and command.member_since > ctx.today:
        raise Refusal(f"Medlemskapet kan inte börja i framtiden ({command.member_since}).", code="future_date")
    if command.workflow is not None:
        _check_kind(command.workflow.kind, command.kind, None)
    return PartyAdded(
        slug=slug,
        name=name,
        kind=command.kind,
        observer=command.observer,
        member_since=command.member_since,
        key_percent=command.key_percent,
        population=command.population,
        email=clean_text(command.email, "E-postadressen", EMAIL_MAX),
        workflow=workflow_to_dict(command.workflow) if command.workflow else None,
    )


def _update_party(ctx: Context, command: UpdateParty) -> PartyUpdated:
    if command.key_percent is UNSET and command.population is UNSET and command.email is UNSET:
        raise Refusal(
            "Ange minst en uppgift att ändra: fördelningsnyckel, befolkning eller e-post.", code="nothing_to_change"
        )
    party = find_party(ctx.projection, command.party)
    if isinstance(command.population, int) and command.population <= 0:
        raise Refusal(f"Befolkningstalet måste vara ett positivt heltal, inte {command.population}.", code="population")
    email = command.email
    if isinstance(email, str):
        email = clean_text(email, "E-postadressen", EMAIL_MAX)
    return PartyUpdated(
        party=party.info.slug, key_percent=command.key_percent, population=command.population, email=email
    )


def _add_fo(ctx: Context, command: AddForbundsordning) -> Changes:
    if command.added_on is not None and command.added_on > ctx.today:
        # A version counts from its date: one dated later would be hidden from every view until then, and yet
        # refuse every decision taken before it.
        raise Refusal(
            f"Förbundsordningens datum {command.added_on} ligger i framtiden; lägg till versionen när den har "
            "skickats ut till parterna.",
            code="future_date",
        )
    digest = sha256_of(command.text)
    number = max(ctx.projection.versions, default=0) + 1
    event = ForbundsordningAdded(
        number=number,
        sha256=digest,
        added_on=command.added_on,
        filename=clean_text(command.filename, "Filnamnet", 500) or "förbundsordning",
        start_date=command.start_date,
        in_force=command.in_force,
        formed_on=command.formed_on,
    )
    return Changes([event], {digest: (event.filename, command.text)})


def _decision(ctx: Context, command: RecordDecision) -> DecisionRecorded:
    ctx.not_future(command.decided_on, "Beslutsdatumet")
    if command.anslag is not None and command.anslag < command.decided_on:
        raise Refusal(
            f"Anslagsdatumet {command.anslag} ligger före beslutsdatumet {command.decided_on}.",
            code="anslag_before_decision",
        )
    if command.fo_version is not None and command.fo_version < 1:
        raise Refusal("Versionsnumret för förbundsordningen måste vara 1 eller större.", code="fo_unknown")
    party = find_party(ctx.projection, command.party)
    step = find_step(party, command.step)
    if command.anslag is not None and not step.appealable:
        raise Refusal(
            f"Beslutet '{step.label}' anslås inte och kan inte överklagas enligt kommunallagen; anslagsdatum gäller "
            "fullmäktiges beslut.",
            code="anslag_not_appealable",
        )
    if step.approves and command.outcome in (Outcome.BIFALL, Outcome.AVSLAG):
        _check_version_decided_on(ctx, party.info.name, command)
    return DecisionRecorded(
        party=party.info.slug,
        step=step.id,
        outcome=command.outcome,
        decided_on=command.decided_on,
        body=clean_text(command.body, "Organet", BODY_MAX),
        paragraph=clean_text(command.paragraph, "Paragrafen", SHORT_MAX),
        dnr=clean_text(command.dnr, "Diarienumret", SHORT_MAX),
        fo_version=command.fo_version,
        anslag=command.anslag,
        note=clean_text(command.note, "Anteckningen", NOTE_MAX, multiline=True),
    )


def _check_version_decided_on(ctx: Context, name: str, command: RecordDecision) -> None:
    """An approval or a rejection is of one version. Of a version that a newer one has replaced, it would not
    count (bifall) or would block a formation that rests on the newer one (avslag): refused, with the reason.
    A version dated after the decision is named with the event that registered it, so its date can be
    corrected (a version registered without a date never blocks an earlier decision)."""
    projection = ctx.projection
    current = projection.current_version
    number = command.fo_version if command.fo_version is not None else current
    if number is None or number not in projection.versions:
        return  # the reducer refuses: nothing to approve yet, or no such version
    word = "godkännande" if command.outcome is Outcome.BIFALL else "avslag"
    if current is not None and number != current:
        raise Refusal(
            f"Förbundsordningen v{number} är ersatt av v{current}; ett {word} av v{number} räknas inte för "
            f"bildandet. {name} behöver besluta om v{current}.",
            code="fo_replaced",
            version=number,
            current=current,
        )
    added_on = projection.versions[number].added_on
    if added_on is not None and command.decided_on < added_on:
        seq = next(
            (e.seq for e in ctx.log() if isinstance(e.event, ForbundsordningAdded) and e.event.number == number),
            None,
        )
        raise Refusal(
            f"Förbundsordningen v{number} är daterad {added_on}, efter beslutsdatumet {command.decided_on}; "
            f"är versionens datum fel, rätta det (händelse {seq} i loggen).",
            code="fo_after_decision",
            version=number,
            added_on=added_on.isoformat(),
            seq=seq,
        )


def _skip(ctx: Context, command: SkipStep) -> StepSkipped:
    reason = clean_text(command.reason, "Skälet", NOTE_MAX, multiline=True)
    if not reason:
        raise Refusal("Ange varför steget inte är aktuellt.", code="reason_missing")
    if command.on is not None:
        ctx.not_future(command.on, "Datumet")
    party = find_party(ctx.projection, command.party)
    step = find_step(party, command.step)
    return StepSkipped(party=party.info.slug, step=step.id, reason=reason, on=command.on)


def _board_seat(ctx: Context, command: AddBoardSeat) -> BoardSeatAdded:
    party = find_party(ctx.projection, command.party)
    role = command.role.strip().lower().replace("ä", "a")
    if role not in ("ledamot", "ersattare"):
        raise Refusal(f"Okänd roll '{command.role}'; välj ledamot eller ersättare.", code="unknown_role")
    start = command.term_start or term_period(first_board_day(ctx.projection, ctx.today))[0]
    return BoardSeatAdded(
        party=party.info.slug,
        person=required_text(command.person, "Personens namn", NAME_MAX),
        role=role,
        term_start=start,
        term_end=command.term_end or term_period(start)[1],
        fullmaktige=clean_text(command.fullmaktige, "Fullmäktige", NAME_MAX),
        employed_by=party.info.slug if command.employed else None,
    )
