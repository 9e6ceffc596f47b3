"""The cases in the database; choosing one sets `services.case_slug` for every screen."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from formation.errors import Refusal
from formation.services import Services
from tui.styles import SCREENS_CSS


@dataclass
class CasesListed(Message):
    cases: list[tuple[str, str]]
    """(slug, name) of every case."""


class CaseListScreen(ModalScreen[str | None]):
    """Dismissed with the chosen slug, or None."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "dismiss_none", "Avbryt")]
    KEY_HELP = (("↑ ↓", "välj ärende"), ("Enter", "öppna det"), ("Esc", "avbryt"))

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        with Vertical(id="cases", classes="dialog"):
            yield Static("Läser ärendena …", id="cases-note")
            yield OptionList(id="case-list")

    def on_mount(self) -> None:
        self.query_one("#cases").border_title = "Välj ärende"
        self.query_one("#cases").border_subtitle = "Enter öppnar · Esc avbryter"
        self.list_cases()

    @work(thread=True, exclusive=True)
    def list_cases(self) -> None:
        worker = get_current_worker()
        try:
            cases = self.services.case_summaries()
        except Refusal:
            cases = []
        if not worker.is_cancelled:
            self.post_message(CasesListed(cases))

    @on(CasesListed)
    def show_cases(self, message: CasesListed) -> None:
        note = self.query_one("#cases-note", Static)
        note.update("Databasen har inga ärenden." if not message.cases else f"{len(message.cases)} ärenden:")
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(Text(f"{name} ({slug})"), id=slug) for slug, name in message.cases])
        slugs = [slug for slug, _ in message.cases]
        if slugs:
            current = self.services.case_slug
            options.highlighted = slugs.index(current) if current in slugs else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
