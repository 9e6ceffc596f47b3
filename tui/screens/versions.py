"""The förbundsordning's versions: the text, a diff between two versions, the § 9 checklist; add a version."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from formation.domain.checklist import check_forbundsordning, format_checklist
from formation.domain.labels import VERSION_ROLES
from formation.errors import Refusal
from formation.reports.cockpit import approvals_cancelled_by_new_version, version_diff
from formation.services import Services
from formation.services.views import CaseView, Result
from tui.screens.base import CockpitScreen
from tui.screens.fo_form import AddVersionForm

MODES = {"text": "Text", "diff": "Skillnad mot föregående", "check": "Kontroll mot 9 §"}


@dataclass
class VersionsLoaded(Message):
    """The case was read with its texts."""

    view: CaseView


def diff_content(lines: list[str]) -> Content:
    styles = {"+": "$text-success", "-": "$text-error", "@": "$text-accent"}
    return Content("\n").join(Content.styled(line, styles.get(line[:1], "")) for line in lines)


def version_role(number: int, was_in_force: bool, current: int | None, in_force: int | None) -> str:
    """The VERSION_ROLES key of one version."""
    if number == in_force:
        return "in_force"
    if number == current:
        return "pending" if in_force is not None else "proposed"
    return "was_in_force" if was_in_force else "superseded"


class VersionsScreen(CockpitScreen):
    """Versions on the left; the chosen one on the right as text, diff or checklist."""

    BINDINGS = [
        Binding("1", "mode('text')", "Text"),
        Binding("2", "mode('diff')", "Diff"),
        Binding("3", "mode('check')", "9 §"),
        Binding("m", "mark", "Jämför med", show=False),  # in ?: the footer fits 80 columns without it
        Binding("n", "add", "Ny version"),
    ]
    KEY_HELP = (
        ("↑ ↓", "välj version"),
        ("1 / 2 / 3", "visa text, skillnad eller kontroll mot 9 §"),
        ("r", "läs om"),
        ("m", "markera vald version att jämföra med (annars föregående)"),
        ("n", "lägg till en ny version från en fil"),
        ("Esc", "tillbaka"),
    )
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, services: Services) -> None:
        super().__init__(services)
        self.view: CaseView | None = None
        self.mode = "text"
        self.compare_with: int | None = None
        """The version the diff compares against (None: the one before the chosen)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="versions-body"):
            yield DataTable[Text](id="versions", classes="pane", cursor_type="row")
            with VerticalScroll(id="version-view", classes="pane"):
                yield Static(id="version-text")
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one("#versions", DataTable)
        table.add_columns("Ver.", "Daterad", "Start", "Läge")  # the text's own date, as `fo list` says
        table.border_title = "Versioner"
        self.action_reload()

    def action_reload(self) -> None:
        self.load_versions()

    @work(thread=True, exclusive=True, group="versions")
    def load_versions(self) -> None:
        worker = get_current_worker()
        try:
            view = self.services.view(as_of=self.as_of, with_texts=True)
        except Refusal as exc:
            self.notify(exc.message, severity="error")
            return
        if not worker.is_cancelled:
            self.post_message(VersionsLoaded(view))

    @on(VersionsLoaded)
    def show_versions(self, message: VersionsLoaded) -> None:
        self.view = message.view
        projection = message.view.projection
        table: DataTable[Text] = self.query_one("#versions", DataTable)
        table.clear()
        for number, info in sorted(projection.versions.items()):
            role = VERSION_ROLES[
                version_role(number, info.in_force, projection.current_version, projection.in_force_version)
            ]
            table.add_row(
                Text(f"v{number}"),
                Text(str(info.added_on or "")),
                Text(str(info.start_date or "")),
                Text(role),
                key=str(number),
            )
        if not projection.versions:
            add = " (n lägger till)" if self.as_of is None else ""  # a historic view cannot add one
            self.query_one("#version-text", Static).update(
                Content(f"Ingen förbundsordning är registrerad ännu{add}.")
            )
        else:
            table.move_cursor(row=table.row_count - 1)
            self.show_chosen()

    def chosen(self) -> int | None:
        table: DataTable[Text] = self.query_one("#versions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key else None

    @on(DataTable.RowHighlighted, "#versions")
    def show_chosen(self) -> None:
        number = self.chosen()
        if self.view is None or number is None:
            return
        texts = self.view.fo_texts
        text = texts.get(number, "")
        pane = self.query_one("#version-view")
        if self.mode == "text":
            pane.border_title = f"v{number} – text"
            body = Content(text or "(texten finns inte i databasen)")
        elif self.mode == "diff":
            other = self.compare_with if self.compare_with not in (None, number) else number - 1
            if other not in texts:
                pane.border_title = f"v{number} – skillnad"
                body = Content("Det finns ingen version att jämföra med (markera en med m).")
            else:
                assert other is not None
                pane.border_title = f"v{other} → v{number}"
                lines = version_diff(texts[other], text, f"v{other}", f"v{number}")
                body = diff_content(lines) if lines else Content("Texterna är lika.")
        else:
            pane.border_title = f"v{number} – kontroll mot 9 §"
            body = Content(format_checklist(check_forbundsordning(text)))
        self.query_one("#version-text", Static).update(body)

    def action_mode(self, mode: str) -> None:
        self.mode = mode
        self.show_chosen()

    def action_mark(self) -> None:
        self.compare_with = self.chosen()
        self.notify(f"Jämför med v{self.compare_with}.")
        self.show_chosen()

    def action_add(self) -> None:
        if self.view is None:
            return
        if self.as_of is not None:
            self.notify("Historisk vy: gå tillbaka till i dag för att lägga till.", severity="warning")
            return
        cancelled = approvals_cancelled_by_new_version(self.view)
        self.app.push_screen(AddVersionForm(self.services, self.view.revision, cancelled), self.written)

    def written(self, result: Result | None) -> None:
        self.action_reload()
