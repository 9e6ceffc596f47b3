"""What a coordinator records of one party besides its decisions: a contact person (who gets the reminders), a
seat on the förbund's board (10 §), an överklagande of its approval and the court's ruling. Opened from the
party's screen, or the dashboard's highlighted party."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select, Static

from formation.case.commands import AddBoardSeat, AddContact, CaseCommand, DecideAppeal, FileAppeal
from formation.domain.labels import APPEAL_OUTCOME_LABELS, ROLE_LABELS
from formation.domain.outcomes import AppealOutcome
from formation.services import Services
from formation.services.views import Result
from tui.screens.form import CommandForm, FormError, field_row, parse_day, text_input
from tui.widgets.select import SwedishSelect

STATE_KINDS = ("forsakringskassan", "arbetsformedlingen")
"""FK and AF appoint their employees, not members of a fullmäktige."""


class PartyForm(CommandForm):
    """A form about one party, named by the screen that opens it."""

    def __init__(self, services: Services, revision: int, party: str, name: str) -> None:
        super().__init__(services, revision)
        self.party = party
        """The party's slug, which the command names."""
        self.party_name = name
        """Its name, for the form's sentences."""


class ContactForm(PartyForm):
    """A contact person for the party: the reminders of its deadlines go to them."""

    TITLE_TEXT = "Ny kontaktperson"

    def compose_fields(self) -> ComposeResult:
        # Content, not a markup string: the party's name is the user's text ("Täby [/] kommun" crashed a screen).
        about = f"För {self.party_name}; påminnelserna om partens sista dagar går till kontaktpersonerna."
        yield Static(Content(about))
        yield field_row("Namn *", text_input("name", placeholder="för- och efternamn"))
        yield field_row("E-post *", text_input("email", placeholder="namn@kommun.se"))
        yield field_row("Roll", text_input("role", placeholder="t.ex. nämndsekreterare"))

    def build_command(self) -> CaseCommand:
        name = self.query_one("#name", Input).value.strip()
        email = self.query_one("#email", Input).value.strip()
        if not name:
            raise FormError("Skriv kontaktpersonens namn.")
        if not email:
            raise FormError("Skriv kontaktpersonens e-postadress.")
        role = self.query_one("#role", Input).value.strip() or None
        return AddContact(party=self.party, name=name, email=email, role=role, expected_revision=self.revision)

    def accepted_text(self, result: Result) -> str:
        email = self.query_one("#email", Input).value.strip()
        return f"{self.query_one('#name', Input).value.strip()} ({email}) får påminnelser för {self.party_name}."


class BoardSeatForm(PartyForm):
    """A ledamot or ersättare the party appoints to the board; the engine checks who may sit for whom."""

    TITLE_TEXT = "Ny styrelseplats"

    def __init__(self, services: Services, revision: int, party: str, name: str, kind: str) -> None:
        super().__init__(services, revision, party, name)
        self.kind = kind

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(f"För {self.party_name}; mandattiden följer förbundsordningen om inget annat anges."))
        yield field_row("Namn *", text_input("person", placeholder="ledamotens eller ersättarens namn"))
        roles = [(label, role) for role, label in ROLE_LABELS.items()]
        yield field_row("Roll", SwedishSelect(roles, value="ledamot", id="role", compact=True, allow_blank=False))
        if self.kind in STATE_KINDS:
            yield Static(Content(f"Personen ska vara anställd av {self.party_name} (10 §)."))
        else:
            yield field_row("Fullmäktige", text_input("fullmaktige", placeholder="där personen är ledamot/ersättare"))
        yield field_row("Från", text_input("from", placeholder="ÅÅÅÅ-MM-DD, mandattidens början"))
        yield field_row("Till", text_input("to", placeholder="ÅÅÅÅ-MM-DD, mandattidens slut"))

    def build_command(self) -> CaseCommand:
        person = self.query_one("#person", Input).value.strip()
        if not person:
            raise FormError("Skriv ledamotens eller ersättarens namn.")
        start = parse_day(self.query_one("#from", Input).value, "Från")
        end = parse_day(self.query_one("#to", Input).value, "Till")
        if end is None:
            # The förbundsordning's shorter term, as `formation board add` takes it (a small read).
            start, end = self.services.view().seat_term(self.services.clock.today(), start, end)
        fullmaktige = None
        if self.kind not in STATE_KINDS:
            fullmaktige = self.query_one("#fullmaktige", Input).value.strip() or None
        employed = self.kind in STATE_KINDS  # the engine requires it of FK's and AF's seats
        return AddBoardSeat(
            party=self.party,
            person=person,
            role=str(self.query_one("#role", Select).value),
            term_start=start,
            term_end=end,
            fullmaktige=fullmaktige,
            employed=employed,
            expected_revision=self.revision,
        )

    def accepted_text(self, result: Result) -> str:
        seat = result.projection.board[-1]
        role = ROLE_LABELS.get(seat.role, seat.role)
        return f"{seat.person} är {role} för {self.party_name} {seat.term_start}–{seat.term_end}."


class FileAppealForm(PartyForm):
    """An överklagande of the party's approval (laglighetsprövning): the decisions do not gain laga kraft until
    the court has ruled."""

    TITLE_TEXT = "Överklagande"

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(f"{self.party_name}s godkännande har överklagats."))
        yield field_row("Inkom *", text_input("filed", placeholder="ÅÅÅÅ-MM-DD, dagen överklagandet kom in"))
        yield field_row("Klagande", text_input("appellant", placeholder="vem som överklagar"))
        yield field_row("Domstol", text_input("court", placeholder="t.ex. Förvaltningsrätten i Falun"))

    def build_command(self) -> CaseCommand:
        filed = parse_day(self.query_one("#filed", Input).value, "Inkom")
        if filed is None:
            raise FormError("Skriv dagen då överklagandet kom in.")
        return FileAppeal(
            party=self.party,
            filed_on=filed,
            appellant=self.query_one("#appellant", Input).value.strip() or None,
            court=self.query_one("#court", Input).value.strip() or None,
            expected_revision=self.revision,
        )

    def accepted_text(self, result: Result) -> str:
        from formation.reports.status import party_appeal_ends_on

        filed = parse_day(self.query_one("#filed", Input).value, "Inkom")
        last_day = party_appeal_ends_on(result.party())
        if filed is not None and last_day is not None and filed > last_day:  # as `formation appeal add` says
            return (
                f"Överklagandet av {self.party_name}s beslut är registrerat. Obs: överklagandetiden gick ut "
                f"{last_day}; domstolen avvisar troligen ett för sent överklagande, och det hindrar inte laga kraft."
            )
        return f"Överklagandet av {self.party_name}s beslut är registrerat; besluten vinner inte laga kraft ännu."


class DecideAppealForm(PartyForm):
    """The court's ruling on the party's pending överklagande; upphävt annuls the approval."""

    TITLE_TEXT = "Domstolens avgörande"

    def compose_fields(self) -> ComposeResult:
        yield Static(Content(f"Överklagandet av {self.party_name}s godkännande."))
        outcomes = [(label, outcome.value) for outcome, label in APPEAL_OUTCOME_LABELS.items()]
        yield field_row(
            "Utfall", SwedishSelect(outcomes, value="avslaget", id="outcome", compact=True, allow_blank=False)
        )
        yield field_row("Datum *", text_input("date", placeholder="ÅÅÅÅ-MM-DD, domens datum"))

    def build_command(self) -> CaseCommand:
        on = parse_day(self.query_one("#date", Input).value, "Datum")
        if on is None:
            raise FormError("Skriv domens datum.")
        outcome = AppealOutcome(str(self.query_one("#outcome", Select).value))
        return DecideAppeal(party=self.party, outcome=outcome, decided_on=on, expected_revision=self.revision)

    def accepted_text(self, result: Result) -> str:
        if result.party().approved:
            return f"Avgörandet är registrerat; {self.party_name}s godkännande står fast."
        return f"Beslutet är upphävt; {self.party_name} behöver besluta på nytt."
