"""The board (styrelse) as rows for `board list`, the snapshot and the TUI."""

from __future__ import annotations

from typing import Any

from formation.case.projection import CaseProjection


def board_rows(projection: CaseProjection) -> list[dict[str, Any]]:
    names = {p.info.slug: p.info.name for p in projection.parties.values()}
    return [
        {
            "party": names.get(s.party, s.party),
            "person": s.person,
            "role": s.role,
            "term_start": s.term_start.isoformat(),
            "term_end": s.term_end.isoformat(),
            "fullmaktige": s.fullmaktige,
            "employed_by": s.employed_by,
        }
        for s in projection.board
    ]
