"""The coordinator's overview: the case, one row per party, the chosen party's steps and what to act on."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer
from textual.worker import get_current_worker

from formation.errors import Refusal
from formation.reports.status import status_document
from formation.services import Services
from tui.messages import StatusLoaded, StatusRefused
from tui.texts import LEGEND, Document
from tui.widgets.case_header import CaseHeader
from tui.widgets.party_detail import PartyDetail
from tui.widgets.party_table import PartyTable
from tui.widgets.problem_list import ProblemList


class DashboardScreen(Screen[None]):
    """Read-only; every read runs in a worker thread and comes back as a message."""

    BINDINGS = [Binding("r", "reload", "Läs om")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        """Where the status is read from; injected, never built here."""
        self.document: Document | None = None
        """The last status document read, None until the first read succeeds."""
        self.chosen_slug: str | None = None
        """The party whose steps the detail panel shows."""

    def compose(self) -> ComposeResult:
        yield CaseHeader(id="case")
        with Vertical(id="body"):
            yield PartyTable(id="parties")
            with Horizontal(id="lower"):
                yield PartyDetail(id="detail")
                yield ProblemList(id="problems")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(PartyTable)
        table.border_title = "Parter"
        table.border_subtitle = LEGEND
        self.action_reload()

    def action_reload(self) -> None:
        """Read the status again, e.g. after decisions were recorded from the CLI."""
        if self.document is None:
            self.query_one(CaseHeader).show_notice("Läser in ärendet …")
        self.load_status()

    @work(thread=True, exclusive=True, group="status")
    def load_status(self) -> None:
        worker = get_current_worker()
        message: StatusLoaded | StatusRefused
        try:
            message = StatusLoaded(status_document(self.services.view(with_texts=True)))
        except Refusal as exc:
            message = StatusRefused(exc.message)
        if not worker.is_cancelled:
            self.post_message(message)

    @on(StatusLoaded)
    def show_status(self, message: StatusLoaded) -> None:
        self.document = message.document
        self.remove_class("-refused")
        self.query_one(CaseHeader).show_case(message.document["case"])
        self.query_one(PartyTable).show_parties(message.document["parties"])
        self.query_one(ProblemList).show_problems(message.document["problems"])
        self.query_one(PartyDetail).show_party(self.find_party(self.chosen_slug))
        self.query_one(PartyTable).focus()

    @on(StatusRefused)
    def show_refusal(self, message: StatusRefused) -> None:
        self.document = None
        self.add_class("-refused")
        self.query_one(CaseHeader).show_notice(message.message, refused=True)

    @on(DataTable.RowSelected, "#parties")
    def choose_party(self, event: DataTable.RowSelected) -> None:
        self.chosen_slug = event.row_key.value
        self.query_one(PartyDetail).show_party(self.find_party(self.chosen_slug))

    def find_party(self, slug: str | None) -> Document | None:
        parties = self.document["parties"] if self.document else []
        return next((p for p in parties if p["slug"] == slug), None)
