"""A förbundsordning version added to the case: the rules it must meet (its number, its date, an existing
förbund's version in force) and what it does to the parties (approvals of an older version stop counting, a no
is reopened)."""

from __future__ import annotations

from formation.case.events import ForbundsordningAdded
from formation.case.projection import APPROVED, REJECTED, CaseProjection, VersionInfo
from formation.case.reopening import reopen_approval, reopen_rejection
from formation.errors import Refusal


def fo_added(case: CaseProjection, event: ForbundsordningAdded) -> None:
    """The version checked and added; it becomes the current one, and the parties decide on it."""
    if any(v.sha256 == event.sha256 for v in case.versions.values()):
        same = next(v.number for v in case.versions.values() if v.sha256 == event.sha256)
        raise Refusal(f"Texten är identisk med v{same}; ingen ny version behövs.", code="fo_identical", version=same)
    expected = max(case.versions, default=0) + 1
    if event.number != expected:
        raise Refusal(f"Nästa version av förbundsordningen är v{expected}, inte v{event.number}.", code="fo_number")
    _check_dated_after_the_versions_it_replaces(case, event)
    if event.in_force:
        _check_in_force_allowed(case)
    case.versions[event.number] = VersionInfo(
        number=event.number,
        sha256=event.sha256,
        added_on=event.added_on,
        start_date=event.start_date,
        in_force=event.in_force,
    )
    case.current_version = event.number
    if event.in_force:
        _register_in_force(case, event)
        return
    for progress in case.parties.values():
        if progress.state == APPROVED and progress.approved_version != event.number:
            reopen_approval(progress)
        elif progress.state == REJECTED:
            reopen_rejection(progress)


def _check_dated_after_the_versions_it_replaces(case: CaseProjection, event: ForbundsordningAdded) -> None:
    """A new version replaces the earlier ones, so it cannot be dated before them: a view as of a day between
    the two dates would have the later version without the one it replaces."""
    if event.added_on is None:
        return
    later = [v for v in case.versions.values() if v.added_on is not None and v.added_on > event.added_on]
    if later:
        latest = max(later, key=lambda v: v.number)
        raise Refusal(
            f"v{event.number} kan inte vara daterad {event.added_on}, före v{latest.number} som den ersätter "
            f"(daterad {latest.added_on}).",
            code="fo_dated_before_previous",
            version=latest.number,
        )


def _check_in_force_allowed(case: CaseProjection) -> None:
    existing = [p for p in case.members if p.info.member_since is not None]
    if case.in_force_version is not None:
        raise Refusal(
            f"Förbundet har redan en gällande förbundsordning (v{case.in_force_version}); en ändrad version "
            "läggs till utan att markeras som gällande.",
            code="fo_in_force_exists",
        )
    if not existing:
        raise Refusal(
            "En gällande förbundsordning kräver att förbundets nuvarande medlemmar först läggs till med det datum "
            "de blev medlemmar.",
            code="fo_in_force_needs_members",
        )
    newcomers = [p.info.name for p in case.members if p.info.member_since is None]
    if newcomers:
        raise Refusal(
            f"{', '.join(newcomers)} är inte medlem sedan tidigare; lägg till den gällande "
            "förbundsordningen innan nya medlemmar läggs till.",
            code="fo_in_force_newcomers",
        )


def _register_in_force(case: CaseProjection, event: ForbundsordningAdded) -> None:
    """An existing förbund's current förbundsordning: its members count as having approved it."""
    existing = [p for p in case.members if p.info.member_since is not None]
    for progress in existing:
        progress.approved_version = event.number
    case.in_force_version = event.number
    case.formed_on = event.formed_on or min(p.info.member_since for p in existing if p.info.member_since)
