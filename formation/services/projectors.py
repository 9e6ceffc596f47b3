"""Projectors: what runs after a command's events are appended, in the same transaction. Each keeps a read
model in step with the log: today the projection tables; deadlines and the reminder outbox plug in here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from formation.case.events import Envelope
from formation.store import projection_store
from formation.store.projection_cache import Loaded
from formation.store.uow import Session


@dataclass(frozen=True)
class Written:
    """One accepted command, as the projectors see it."""

    session: Session
    case_id: int
    loaded: Loaded
    envelopes: tuple[Envelope, ...]
    today: date


Projector = Callable[[Written], None]


def project_tables(written: Written) -> None:
    """The stored projection (parties, steps, versions, board): a cache of the replay."""
    projection_store.save(session=written.session, case_id=written.case_id, loaded=written.loaded)


PROJECTORS: list[Projector] = [project_tables]

from formation.services.scheduling import project_schedule  # noqa: E402 - after Written, which it uses

PROJECTORS.append(project_schedule)
