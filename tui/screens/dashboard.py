"""The coordinator's cockpit: the case, the parties × steps matrix, what to decide next and what to act on."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer
from textual.worker import get_current_worker

from formation.errors import Refusal
from tui.messages import CaseLoaded, StatusRefused
from tui.screens.footer import FullFooterWhenWide
from tui.texts import LEGEND, Document
from tui.widgets.case_header import CaseHeader
from tui.widgets.next_list import NextList
from tui.widgets.party_detail import PartyDetail
from tui.widgets.party_table import PartyTable
from tui.widgets.problem_list import ProblemList

if TYPE_CHECKING:
    from formation.reports.cockpit_model import CockpitFrame, PartyHandle, StepChoice
    from formation.services import Services
    from formation.services.views import Result
    from tui.app import FormationApp
    from tui.screens.as_of import AsOf


class DashboardScreen(FullFooterWhenWide):
    """Every read runs in a worker thread and comes back as a message; writes go through the modal forms."""

    BINDINGS = [
        # The footer shows what a coordinator needs most and fits 80 columns whole (with q Avsluta, ? Hjälp and
        # ^p Kommandon); the other keys are in ? and the command palette.
        Binding("b", "decide", "Beslut"),
        Binding("s", "skip", "Ej aktuellt", show=False),
        Binding("o", "party", "Part"),
        Binding("l", "log", "Logg"),
        Binding("f", "versions", "Förbundsordning", show=False),
        Binding("t", "timeline", "Tidslinje", show=False),
        Binding("p", "plan", "Plan"),
        Binding("m", "reminders", "Påminnelser", show=False),
        Binding("a", "cases", "Ärenden", show=False),
        Binding("d", "as_of", "Per datum", show=False),
        Binding("r", "reload", "Läs om", show=False),
        # For the highlighted party, as on its own screen; without a description they stay out of the wide
        # footer too (its fourteen case-wide keys fill 170 columns): in ? and the command palette.
        Binding("k", "contact", "", show=False),
        Binding("e", "seat", "", show=False),
    ]
    KEY_HELP = (
        ("↑ ↓", "flytta mellan parterna"),
        ("Enter", "visa den valda partens steg"),
        ("Tab", "byt panel (t.ex. för att rulla stegen)"),
        ("Enter (i en lista)", "visa alla rader i Nästa att göra eller Att åtgärda (de 15 första visas)"),
        ("b", "registrera ett beslut"),
        ("s", "markera ett steg som ej aktuellt"),
        ("o", "öppna den valda parten i detalj"),
        ("l", "händelseloggen (rätta eller stryk en händelse där)"),
        ("f", "förbundsordningens versioner, diff och kontroll mot 9 §"),
        ("t", "tidslinjen"),
        ("p", "planen: kritisk linje, marginaler och vad som måste flyttas för att hålla målet"),
        ("m", "påminnelserna (väntande, skickade, misslyckade) och de sista dagarna"),
        ("a", "välj ärende när databasen har flera"),
        ("d", "visa läget per ett datum (tomt datum: i dag)"),
        ("r", "läs om läget från databasen"),
        ("k", "lägg till en kontaktperson för den valda parten (får påminnelserna)"),
        ("e", "lägg till en ledamot eller ersättare i styrelsen för den valda parten"),
    )
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(self, first_frame: CockpitFrame | None = None) -> None:
        """`first_frame`: a frame stored by an earlier run and still valid, shown instead of a first read."""
        super().__init__()
        self.first_frame = first_frame
        self.document: Document | None = None
        """The last status document read, None until the first read succeeds."""
        self.loaded: CockpitFrame | None = None
        """The last read, with the revision every write from this screen expects."""
        self.chosen_slug: str | None = None
        """The party whose steps the detail panel shows."""

    def compose(self) -> ComposeResult:
        yield CaseHeader(id="case")
        with Vertical(id="body"):
            yield PartyTable(id="parties")
            with Horizontal(id="lower"):
                yield PartyDetail(id="detail")
                with Vertical(id="side"):
                    yield NextList(id="next")
                    yield ProblemList(id="problems")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(PartyTable)
        table.border_title = "Parter × steg"
        table.border_subtitle = LEGEND
        if self.first_frame is not None:
            try:
                self.show_frame(self.first_frame)
                return
            except Exception:  # noqa: BLE001 - a stored frame this code cannot show: read the case as without one
                self.first_frame = self.document = self.loaded = None
        self.action_reload()

    @property
    def services(self) -> Services:
        """The app's, opened when first needed (a dashboard shown from a stored frame has not needed them)."""
        return self.cockpit.services

    def action_reload(self) -> None:
        """Read the case again, e.g. after decisions were recorded from the CLI."""
        if self.document is None:
            self.add_class("-loading")
            self.query_one(CaseHeader).show_notice("Läser in ärendet …")
        self.load_case()

    @work(thread=True, exclusive=True, group="status")
    def load_case(self) -> None:
        from formation.reports.cockpit import cockpit_frame

        worker = get_current_worker()
        as_of = self.cockpit.as_of
        try:
            services = self.services
            frame = cockpit_frame(services.view(as_of=as_of))
        except Refusal as exc:
            if not worker.is_cancelled:
                self.post_message(StatusRefused(exc.message, exc.code))
            return
        if worker.is_cancelled:
            return
        self.post_message(CaseLoaded(frame))
        cache = self.cockpit.frame_cache
        if cache is not None and as_of is None:
            # Stored after it is shown (the store may wait for a command's write lock), under the case the frame
            # shows: the coordinator may have chosen another case since the read began.
            from formation.reports.cockpit_model import frame_to_json

            text = frame_to_json(frame)
            key = cache.key(frame.as_of, text)
            services.keep_frame(frame.document["case"]["slug"], revision=frame.revision, key=key, frame=text)

    @property
    def cockpit(self) -> FormationApp:
        return cast("FormationApp", self.app)

    @property
    def historic(self) -> bool:
        return self.cockpit.as_of is not None

    @on(CaseLoaded)
    def show_case(self, message: CaseLoaded) -> None:
        self.show_frame(message.frame)

    def show_frame(self, frame: CockpitFrame) -> None:
        self.document, self.loaded = frame.document, frame
        if not self.historic:
            self.cockpit.seen_revision = frame.revision
        self.remove_class("-refused", "-loading")
        # Without a version the line above already says "ingen förbundsordning ännu": no progress line then.
        sentence = frame.progress.sentence if frame.progress.version is not None else None
        self.query_one(CaseHeader).show_case(frame.document["case"], sentence, historic=self.historic)
        self.query_one(PartyTable).show_parties(frame.document["parties"])
        self.query_one(ProblemList).show_problems(frame.document["problems"])
        self.query_one(NextList).show_actions(list(frame.actions), read_only=self.historic, today=frame.as_of)
        self.query_one(PartyDetail).show_matrix(frame.matrix)
        self.query_one(PartyDetail).show_party(self.find_party(self.chosen_slug))
        if self.app.screen is self and self.focused is None:
            self.query_one(PartyTable).focus()

    @on(StatusRefused)
    def show_refusal(self, message: StatusRefused) -> None:
        self.document = self.loaded = None
        self.remove_class("-loading")
        self.add_class("-refused")
        self.query_one(CaseHeader).show_notice(message.message, refused=True)
        if message.code == "several_cases" and self.app.screen is self:
            self.action_cases()

    @on(DataTable.RowSelected, "#parties")
    def choose_party(self, event: DataTable.RowSelected) -> None:
        self.chosen_slug = event.row_key.value
        self.query_one(PartyDetail).show_party(self.find_party(self.chosen_slug))

    def find_party(self, slug: str | None) -> Document | None:
        parties = self.document["parties"] if self.document else []
        return next((p for p in parties if p["slug"] == slug), None)

    # ---- writes ------------------------------------------------------------------------------------------

    def ready(self) -> bool:
        """Whether a case is loaded and the database open; otherwise say why nothing happened (a key pressed
        during the first read, a database gone since the stored frame was shown)."""
        if self.loaded is None:
            refused = self.has_class("-refused")
            self.notify("Inget ärende är inläst." if refused else "Ärendet läses fortfarande in …")
            return False
        return self.opened()

    def opened(self) -> bool:
        """Whether the database is open: opened now when the screen was shown from a stored frame and the live
        poll has not opened it yet. A refusal (the file removed since) is said, and nothing else happens."""
        try:
            self.cockpit.services  # noqa: B018 - opened on first use
        except Refusal as exc:
            self.notify(exc.message, severity="error")
            return False
        return True

    def writable_choices(self) -> dict[str, tuple[StepChoice, ...]] | None:
        """The machine's choices when a write can be made from here; otherwise tell why and return None."""
        if not self.ready() or self.loaded is None:
            return None
        if self.historic:
            self.notify("Historisk vy: gå tillbaka till i dag (d, tomt datum) för att registrera.", severity="warning")
            return None
        return self.loaded.choices

    def party_names(self) -> dict[str, str]:
        return {p["slug"]: p["name"] for p in self.document["parties"]} if self.document else {}

    # The forms are imported when opened, like the other screens: they bring the engine's commands, which the
    # first frame does not need.

    def action_decide(self) -> None:
        from tui.screens.decision_form import DecisionForm

        choices = self.writable_choices()
        if choices is None or self.loaded is None:
            return
        if not any(c.outcomes for cs in choices.values() for c in cs):
            self.notify("Ingen part har något beslut att fatta just nu.", severity="warning")
            return
        form = DecisionForm(
            self.services,
            self.loaded.revision,
            choices,
            self.party_names(),
            party=self.query_one(PartyTable).highlighted_slug,
        )
        self.app.push_screen(form, self.written)

    def action_skip(self) -> None:
        from tui.screens.skip_form import SkipForm

        choices = self.writable_choices()
        if choices is None or self.loaded is None:
            return
        skippable = {slug: tuple(c for c in cs if c.can_skip) for slug, cs in choices.items()}
        skippable = {slug: cs for slug, cs in skippable.items() if cs}
        if not skippable:
            self.notify("Inget steg kan markeras som ej aktuellt just nu.", severity="warning")
            return
        form = SkipForm(
            self.services,
            self.loaded.revision,
            skippable,
            self.party_names(),
            party=self.query_one(PartyTable).highlighted_slug,
        )
        self.app.push_screen(form, self.written)

    def written(self, result: Result | None) -> None:
        """After a form closes: read the case again whether or not it wrote (a stale form closes too)."""
        self.action_reload()

    def action_contact(self) -> None:
        from tui.screens.party_forms import ContactForm

        party = self.writable_party()
        if party is not None and self.loaded is not None:
            form = ContactForm(self.services, self.loaded.revision, party.slug, party.name)
            self.app.push_screen(form, self.written)

    def action_seat(self) -> None:
        from tui.screens.party_forms import BoardSeatForm

        party = self.writable_party()
        if party is None or self.loaded is None:
            return
        if party.observer:
            self.notify(f"{party.name} är adjungerad och utser ingen till styrelsen.", severity="warning")
            return
        form = BoardSeatForm(self.services, self.loaded.revision, party.slug, party.name, party.kind)
        self.app.push_screen(form, self.written)

    def writable_party(self) -> PartyHandle | None:
        """The highlighted party, when a write can be made from here; otherwise say why and return None."""
        if self.writable_choices() is None or self.loaded is None:
            return None
        slug = self.query_one(PartyTable).highlighted_slug
        party = self.loaded.parties.get(slug) if slug else None
        if party is None:
            self.notify("Ärendet har inga parter ännu; lägg till dem med `formation party add`.", severity="warning")
        return party

    # ---- other screens -----------------------------------------------------------------------------------

    def action_party(self) -> None:
        from tui.screens.party import PartyScreen

        if not self.ready():
            return
        slug = self.query_one(PartyTable).highlighted_slug
        if slug is None:
            self.notify("Ärendet har inga parter ännu; lägg till dem med `formation party add`.", severity="warning")
            return
        self.app.push_screen(PartyScreen(self.services, slug))

    def action_log(self) -> None:
        from tui.screens.log import LogScreen

        if self.ready():
            self.app.push_screen(LogScreen(self.services))

    def action_versions(self) -> None:
        from tui.screens.versions import VersionsScreen

        if self.ready():
            self.app.push_screen(VersionsScreen(self.services))

    def action_timeline(self) -> None:
        from tui.screens.timeline import TimelineScreen

        if self.ready():
            self.app.push_screen(TimelineScreen(self.services))

    def action_plan(self) -> None:
        from tui.screens.plan import PlanScreen

        if self.ready():
            self.app.push_screen(PlanScreen(self.services))

    def action_reminders(self) -> None:
        from tui.screens.reminders import RemindersScreen

        if self.ready():
            self.app.push_screen(RemindersScreen(self.services))

    def action_cases(self) -> None:
        from tui.screens.cases import CaseListScreen

        if self.opened():
            self.app.push_screen(CaseListScreen(self.services), self.case_chosen)

    def case_chosen(self, slug: str | None) -> None:
        if slug is not None:
            if slug != self.services.case_slug:
                self.cockpit.as_of = None  # a day in one case's history means nothing for another: today
            self.services.case_slug = slug
            self.chosen_slug = None
            self.action_reload()

    def action_as_of(self) -> None:
        from tui.screens.as_of import AsOfScreen

        # The first day the case can be shown as of is the one it was last read with (a past view keeps it).
        began = self.loaded.first_event_on if self.loaded else None
        form = AsOfScreen(self.cockpit.as_of, today=self.cockpit.clock.today(), began=began)
        self.app.push_screen(form, self.as_of_chosen)

    def as_of_chosen(self, chosen: AsOf | None) -> None:
        if chosen is None:
            return
        self.cockpit.as_of = chosen.day
        self.action_reload()
