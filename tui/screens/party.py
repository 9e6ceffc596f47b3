"""One party in detail: every step with every decision on it, contacts, board seats, share, notice."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from formation.case.projection import is_appealable
from formation.domain.labels import STEP_MARKS, STEP_STATUS_WORDS, paragraph_ref
from formation.domain.outcomes import StepStatus
from formation.errors import Refusal
from formation.reports.cockpit import step_choices
from formation.reports.cockpit_model import StepChoice
from formation.reports.party_detail import DecisionLine, PartyDetail, StepLine, party_detail
from formation.services import Services
from tui.columns import fit
from tui.screens.base import CockpitScreen
from tui.screens.decision_form import DecisionForm
from tui.screens.skip_form import SkipForm

COLUMNS = ("Steg", "Status", "Datum", "Utfall", "Organ", "§", "Dnr", "Ver.", "Anslag", "Överkl. t.o.m.", "Anteckning")
STATUS_STYLES = {"done": "green", "rejected": "bold red", "pending": "dim", "skipped": ""}


@dataclass
class PartyLoaded(Message):
    """The party was read (None: it is not in the case as of the day shown), with what it can decide now."""

    detail: PartyDetail | None
    revision: int | None = None
    choices: tuple[StepChoice, ...] = ()
    kind: str = ""
    """The party's kind ('kommun', 'forsakringskassan'), for the board seat form."""
    appeal_pending: bool = False
    """Whether an överklagande of its approval waits for the court: the appeal key then records the ruling."""
    appealable: bool = False
    """Whether it has an approval that can be appealed (a kommun's or region's), or an appeal pending."""


NOTE_CELLS = 40
"""A note longer than this is cut in the table (the panel under it shows it whole), so that one long note does
not make every row wider than the screen."""


def _day(value: object) -> Text:
    return Text(str(value) if value else "")


def facts(detail: PartyDetail) -> Content:
    """The lines above the table: kind, address, membership, share, reminder recipients, notice, appeal, seats."""
    about = [f"e-post {detail.email}"] if detail.email else []
    if detail.member_since:
        about.append(f"medlem sedan {detail.member_since}")
    share = "ingen (adjungerad)" if detail.observer else detail.share or "kan inte beräknas ännu"
    about.append(f"finansieringsandel: {share}")
    recipients = "; ".join(detail.contacts) if detail.contacts else "ingen kontaktperson ännu"
    lines = [
        Content.assemble(
            (detail.name, "bold"), f" ({detail.kind})", " · adjungerad, ej medlem" if detail.observer else ""
        ),
        Content(" · ".join(about)),
        Content(f"Påminnelser till: {recipients}"),
    ]
    if detail.leaves_on:
        lines.append(Content.assemble(("Uppsagd: ", "bold $warning"), f"lämnar förbundet {detail.leaves_on}"))
    if detail.appeal:
        lines.append(Content.assemble(("Överklagande: ", "bold $warning"), detail.appeal))
    board = "; ".join(detail.board) if detail.board else "inga utsedda ännu"
    lines.append(Content(f"Styrelseplatser: {board}"))
    return Content("\n").join(lines)


def decision_text(step: StepLine, decision: DecisionLine | None, latest: bool) -> Content:
    """One row of the table in full, under it: at 80 columns the table shows only the step, status, date and
    outcome, and everything else the party's decision says is read here."""
    status = StepStatus(step.status)
    head = Content.assemble((step.label, "bold"), f" · {STEP_MARKS[status]} {STEP_STATUS_WORDS[status]}")
    if decision is None:
        return Content("\n").join([head, Content("Inget beslut registrerat ännu (b registrerar ett).")])
    what = [str(decision.day) if decision.day else "", decision.outcome]
    what += [decision.body or "", paragraph_ref(decision.paragraph) or ""]
    what += [f"dnr {decision.dnr}" if decision.dnr else "", f"förbundsordning v{decision.fo_version}"
             if decision.fo_version else ""]  # fmt: skip
    lines = [head, Content(" · ".join(part for part in what if part) + ("" if latest else " (ett tidigare beslut)"))]
    if decision.anslag:
        ends = f" · kan överklagas t.o.m. {decision.appeal_ends}" if decision.appeal_ends else ""
        lines.append(Content(f"Anslaget {decision.anslag}{ends}"))
    if decision.note:
        lines.append(Content(f"Anteckning: {decision.note}"))
    return Content("\n").join(lines)


class PartyScreen(CockpitScreen):
    """Read-only; the dashboard's forms write."""

    BINDINGS = [
        Binding("b", "decide", "Beslut"),
        Binding("s", "skip", "Ej aktuellt"),
        # Not in the footer, which 80 columns fill with the ones above: in ? and the command palette.
        Binding("k", "contact", "Kontaktperson", show=False),
        Binding("e", "seat", "Styrelseplats", show=False),
        Binding("a", "appeal", "Överklagande", show=False),
    ]
    KEY_HELP = (
        ("↑ ↓", "rulla bland stegen"),
        ("b", "registrera ett beslut för parten"),
        ("s", "markera ett av partens steg som ej aktuellt"),
        ("k", "lägg till en kontaktperson (får påminnelserna)"),
        ("e", "lägg till en ledamot eller ersättare i styrelsen"),
        ("a", "registrera ett överklagande av partens godkännande, eller domstolens avgörande"),
        ("r", "läs om"),
        ("Esc", "tillbaka till översikten"),
    )

    def __init__(self, services: Services, slug: str) -> None:
        super().__init__(services)
        self.slug = slug
        """The party shown."""
        self.loaded: PartyLoaded | None = None
        """The last read, with the revision a write from this screen expects."""
        self.rows: list[tuple[StepLine, DecisionLine | None, bool]] = []
        """What each row of the table shows: the step, the decision (None: none yet), whether it is the latest."""

    def compose(self) -> ComposeResult:
        # The facts scroll on their own (a party may hold many board seats), so that the table keeps its rows in
        # view as the cursor moves, and the highlighted decision's whole text stays under it.
        with VerticalScroll(id="party-body"):
            yield Static(id="party-facts")
        yield DataTable[Text](id="party-steps", classes="pane", cursor_type="row", zebra_stripes=True)
        yield Static(id="party-decision")
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one("#party-steps", DataTable)
        table.add_columns(*COLUMNS)
        table.border_title = "Steg och beslut"
        table.focus()  # the arrow keys move between the decisions, whose whole text shows below
        self.action_reload()

    def action_reload(self) -> None:
        self.load_party()

    @work(thread=True, exclusive=True, group="party")
    def load_party(self) -> None:
        worker = get_current_worker()
        try:
            view = self.services.view(as_of=self.as_of)
            detail = party_detail(view, self.services.events(party=self.slug), self.slug)
            party = view.projection.parties.get(self.slug)
            choices = step_choices(party) if party is not None else ()
            kind = party.info.kind.value if party is not None else ""
            pending = party is not None and party.appeal is not None and party.appeal.pending
            appealable = party is not None and (pending or (party.approved and is_appealable(party)))
            message = PartyLoaded(detail, view.revision, choices, kind, pending, appealable)
        except Refusal:
            message = PartyLoaded(None)
        if not worker.is_cancelled:
            self.post_message(message)

    @on(PartyLoaded)
    def show_party(self, message: PartyLoaded) -> None:
        self.loaded = message
        detail = message.detail
        facts_widget = self.query_one("#party-facts", Static)
        table: DataTable[Text] = self.query_one("#party-steps", DataTable)
        row = table.cursor_row
        table.clear()
        self.rows = []
        if detail is None:
            facts_widget.update(Content("Parten finns inte i ärendet den här dagen."))
            self.query_one("#party-decision", Static).update("")
            return
        facts_widget.update(facts(detail))
        for step in detail.steps:
            status = StepStatus(step.status)
            mark = Text(f"{STEP_MARKS[status]} {STEP_STATUS_WORDS[status]}", STATUS_STYLES.get(step.status, ""))
            if not step.decisions:
                table.add_row(Text(step.label), mark, *(Text("") for _ in COLUMNS[2:]))
                self.rows.append((step, None, True))
                continue
            for index, d in enumerate(step.decisions):
                self.rows.append((step, d, index == len(step.decisions) - 1))
                table.add_row(
                    Text(step.label if index == 0 else ""),
                    mark if index == len(step.decisions) - 1 else Text("(tidigare)", "dim"),
                    _day(d.day),
                    Text(d.outcome),
                    Text(d.body or ""),
                    Text(d.paragraph or ""),
                    Text(d.dnr or ""),
                    Text(f"v{d.fo_version}" if d.fo_version else ""),
                    _day(d.anslag),
                    _day(d.appeal_ends),
                    fit(d.note or "", NOTE_CELLS),
                )
        table.move_cursor(row=min(row, len(self.rows) - 1))
        self.show_decision(table.cursor_row)

    @on(DataTable.RowHighlighted, "#party-steps")
    def decision_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_decision(event.cursor_row)

    def show_decision(self, row: int) -> None:
        panel = self.query_one("#party-decision", Static)
        if 0 <= row < len(self.rows):
            panel.update(decision_text(*self.rows[row]))

    def writable(self) -> PartyLoaded | None:
        """The last read when a write can be made from here; otherwise None (and why, for a historic view)."""
        loaded = self.loaded
        if loaded is None or loaded.detail is None or loaded.revision is None:
            return None
        if self.as_of is not None:
            self.notify("Historisk vy: gå tillbaka till i dag för att registrera.", severity="warning")
            return None
        return loaded

    def open_form(self, *, skip: bool) -> None:
        loaded = self.writable()
        if loaded is None or loaded.detail is None or loaded.revision is None:
            return
        choices = tuple(c for c in loaded.choices if (c.can_skip if skip else c.outcomes))
        if not choices:
            self.notify(f"{loaded.detail.name} har inget steg att {'hoppa över' if skip else 'besluta om'} nu.")
            return
        names = {self.slug: loaded.detail.name}
        form_class = SkipForm if skip else DecisionForm
        form = form_class(self.services, loaded.revision, {self.slug: choices}, names, party=self.slug)
        self.app.push_screen(form, lambda _: self.action_reload())

    def action_decide(self) -> None:
        self.open_form(skip=False)

    def action_skip(self) -> None:
        self.open_form(skip=True)

    def action_contact(self) -> None:
        from tui.screens.party_forms import ContactForm

        loaded = self.writable()
        if loaded is None or loaded.detail is None or loaded.revision is None:
            return
        form = ContactForm(self.services, loaded.revision, self.slug, loaded.detail.name)
        self.app.push_screen(form, lambda _: self.action_reload())

    def action_seat(self) -> None:
        from tui.screens.party_forms import BoardSeatForm

        loaded = self.writable()
        if loaded is None or loaded.detail is None or loaded.revision is None:
            return
        if loaded.detail.observer:
            self.notify(f"{loaded.detail.name} är adjungerad och utser ingen till styrelsen.", severity="warning")
            return
        form = BoardSeatForm(self.services, loaded.revision, self.slug, loaded.detail.name, loaded.kind)
        self.app.push_screen(form, lambda _: self.action_reload())

    def action_appeal(self) -> None:
        from tui.screens.party_forms import DecideAppealForm, FileAppealForm

        loaded = self.writable()
        if loaded is None or loaded.detail is None or loaded.revision is None:
            return
        if not loaded.appealable:
            self.notify(
                f"{loaded.detail.name} har inget godkännande som kan överklagas (bara kommuners och regioners "
                "fullmäktigebeslut kan laglighetsprövas).",
                severity="warning",
            )
            return
        form_class = DecideAppealForm if loaded.appeal_pending else FileAppealForm
        form = form_class(self.services, loaded.revision, self.slug, loaded.detail.name)
        self.app.push_screen(form, lambda _: self.action_reload())
