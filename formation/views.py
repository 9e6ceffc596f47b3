"""What reads return: a case as of a day, for status, the TUI and reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from formation.projection import CaseProjection
from formation.store.tables import CaseRow


@dataclass(frozen=True)
class CaseView:
    """A case's stored identity plus its projection, as of a day."""

    case: CaseRow
    projection: CaseProjection
    as_of: date
    fo_texts: dict[int, str] = field(default_factory=dict)
