"""The TUI dashboard's stored frame of each case (`cockpit_frames`): kept here, read by `tui.frame_cache`.

A cache beside the engine's tables: written after a read, never by a command, and only while the case is still
at the revision the frame was read at (checked in the same write transaction, so a command that committed in
between is never hidden). The frame is opaque text to the store.
"""

from __future__ import annotations

from sqlalchemy import Engine, delete, insert

from formation.errors import Refusal
from formation.store import case_store, schema
from formation.store.uow import writing

_FRAMES = schema.cockpit_frames


def keep(engine: Engine, slug: str | None, *, revision: int, key: str, frame: str) -> bool:
    """Store `frame` of the case as its last one, if the case is still at `revision`; whether it was stored."""
    with writing(engine) as session:
        try:
            case = case_store.find_case(session=session, slug=slug)
        except Refusal:
            return False
        if case.revision != revision:
            return False  # written since the read: the next read stores its own
        connection = session.connection()
        connection.execute(delete(_FRAMES).where(_FRAMES.c.case_id == case.id))
        connection.execute(insert(_FRAMES).values(case_id=case.id, revision=revision, frame_key=key, frame=frame))
        return True
