"""The stored projection is cached per process after each commit, and every `load` hands out its own copy: the
write pipeline changes what it loads before the transaction commits, and a transaction that then fails must
leave the cache as it was (the TUI reads from the same process after a refused save)."""

from __future__ import annotations

from datetime import date

from formation.case.commands import AddContact, AddMeetings, SetDeadline
from formation.case.projection import Contact, ScheduledMeeting
from formation.io.demo import create_living_demo
from formation.services import Services
from formation.store import case_store, projection_cache, projection_store
from formation.store.uow import reading


def _load(services: Services) -> projection_cache.Loaded:
    with reading(services.engine) as session:
        case = case_store.find_case(session=session, slug="norrort")
        return projection_store.load(session=session, case_id=case.id)


def test_a_loaded_projection_shares_no_mutable_schedule_with_the_cache(sqlite_services: Services) -> None:
    create_living_demo(sqlite_services)
    sqlite_services.case_slug = "norrort"
    sqlite_services.handle(AddContact(party="Solna", name="Ny", email="ny@solna.example.org"))  # cached now
    first = _load(sqlite_services)
    before = (len(first.projection.meetings), len(first.projection.contacts), dict(first.projection.deadline_overrides))
    # What a command does to its copy before the transaction commits, then the transaction fails.
    first.projection.meetings[("solna", "x", date(2027, 1, 1))] = ScheduledMeeting("X", date(2027, 1, 1), "solna")
    first.projection.contacts[("solna", "z@x.se")] = Contact("solna", "Z", "z@x.se")
    first.projection.deadline_overrides[("solna", "namnd")] = date(2027, 1, 1)
    first.projection.body_names[("solna", "x")] = "Y"
    again = _load(sqlite_services).projection
    after = (len(again.meetings), len(again.contacts), dict(again.deadline_overrides))
    assert after == before and not again.body_names
    # And a command after that still sees what was committed.
    sqlite_services.handle(AddMeetings(party="Solna", meetings=[("Kommunstyrelsen", date(2027, 3, 1))]))
    sqlite_services.handle(SetDeadline(party="Solna", step="styrelse", on=date(2027, 3, 1)))
    assert ("solna", "namnd") not in sqlite_services.view().projection.deadline_overrides
