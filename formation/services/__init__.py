"""The engine's one entry point for the CLI, the TUI and the tests: `handle(command)` for every change,
and typed reads. Built by `formation.bootstrap.make_services` (or by a test, on its own database and clock)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from formation.clock import Clock, SystemClock
from formation.services import queries
from formation.services.views import CaseView, Result
from workflows.model import WorkflowSet

if TYPE_CHECKING:
    from formation.case.commands import CaseCommand
    from formation.case.events import Envelope


@dataclass
class Services:
    """Commands and reads over one database."""

    engine: Engine
    template: WorkflowSet | None = None
    """The workflow template new cases are created with (each case keeps its own copy); None: the packaged
    FINSAM template, read by the first command that needs it (a read never does)."""
    clock: Clock = field(default_factory=SystemClock)
    actor: str = "okänd"
    case_slug: str | None = None
    """The case commands and reads apply to (None: the only case in the database)."""

    def handle(self, command: CaseCommand) -> Result:
        """Run one command in one transaction; a Refusal means nothing was written."""
        # The write path (handlers, reducer, projectors) is imported by the first write: a read command such
        # as `status` starts in a fraction of the time without it.
        from formation.case.commands import ImportCase, InitCase
        from formation.services import pipeline

        writer = pipeline.Writer(
            engine=self.engine,
            template=self.new_case_template(),
            actor=self.actor,
            now=self.clock.now(),
            today=self.clock.today(),
            case_slug=self.case_slug,
        )
        result = pipeline.run(writer, command)
        if isinstance(command, InitCase | ImportCase):
            self.case_slug = result.slug
        return result

    def new_case_template(self) -> WorkflowSet:
        """The template a case created now is pinned to."""
        if self.template is None:
            from workflows.loader import load_workflow_set

            self.template = load_workflow_set()
        return self.template

    def view(self, *, as_of: date | None = None, with_texts: bool = False) -> CaseView:
        """The case as it stood at the end of `as_of` (default: today)."""
        return queries.case_view(self.engine, self.case_slug, as_of=as_of or self.clock.today(), with_texts=with_texts)

    def events(self, *, party: str | None = None) -> list[Envelope]:
        """The log; with `party` (a slug), that party's events and every correction and striking."""
        return queries.events(self.engine, self.case_slug, party=party)

    def wire_events(self) -> list[dict[str, Any]]:
        """The log in its stored form (what `log --json` and `export` write)."""
        return queries.wire_events(self.engine, self.case_slug)

    def fo_versions(self) -> list[dict[str, Any]]:
        return queries.fo_text_rows(self.engine, self.case_slug)

    def case_slugs(self) -> list[str]:
        return queries.case_slugs(self.engine)

    def case_summaries(self) -> list[tuple[str, str]]:
        """(slug, name) of every case in the database."""
        return queries.case_summaries(self.engine)

    def keep_frame(self, slug: str, *, revision: int, key: str, frame: str) -> bool:
        """Store the TUI dashboard's frame of case `slug`, read at `revision` (see `tui.frame_cache`); False when
        the case has moved on since, or the database is busy: a cache, never worth waiting or failing for."""
        from sqlalchemy.exc import SQLAlchemyError

        from formation.store import frame_store

        try:
            return frame_store.keep(self.engine, slug, revision=revision, key=key, frame=frame)
        except SQLAlchemyError:  # busy past the timeout, a read-only file: the next start reads the case
            return False

    def revision(self) -> int:
        """The case's current revision, read cheaply (a live screen polls it)."""
        return queries.revision(self.engine, self.case_slug)
