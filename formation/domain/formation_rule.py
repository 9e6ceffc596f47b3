"""When the förbund exists: every member has approved the same version (DOMAIN.md, "When is it formed")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MemberApproval:
    """A member's latest approval that still counts, if any."""

    version: int | None
    on: date | None


def all_approved_on(approvals: Sequence[MemberApproval], version: int | None, start_date: date | None) -> date | None:
    """The day `version` took effect for all members, or None while any member has not approved it.

    That is the last approval, or the later start date the förbundsordning names.
    """
    if version is None or not approvals:
        return None
    if any(a.version != version or a.on is None for a in approvals):
        return None
    last = max(a.on for a in approvals if a.on is not None)
    return max(last, start_date) if start_date else last
