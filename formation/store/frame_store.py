"""The TUI dashboard's stored frame of each case (`cockpit_frames`): kept here, read by `tui.frame_cache`.

A cache beside the engine's tables: written after a read, never by a command, and only while the case is still
at the revision the frame was read at (checked in the same write transaction, so a command that committed in
between is never hidden). The frame is opaque text to the store.
"""

from __future__ import annotations

from sqlalchemy import Engine, bindparam, delete, insert, select

from formation.errors import Refusal
from formation.store import case_store, schema
from formation.store.uow import reading, writing

_FRAMES = schema.cockpit_frames
_STORED = select(_FRAMES.c.revision, _FRAMES.c.frame_key, _FRAMES.c.frame).where(
    _FRAMES.c.case_id == bindparam("case_id")
)


def keep(engine: Engine, slug: str, *, revision: int, key: str, frame: str) -> bool:
    """Store `frame` as the case's last one if the case is still at `revision`; whether it is stored now. The
    same frame stored already (a reload that changed nothing) takes no write lock."""
    with reading(engine) as session:
        try:
            case = case_store.find_case(session=session, slug=slug)
        except Refusal:
            return False
        if session.connection().execute(_STORED, {"case_id": case.id}).first() == (revision, key, frame):
            return True
    with writing(engine, wait=False) as session:  # a command writing: skip, never keep the TUI waiting
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
