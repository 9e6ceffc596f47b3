"""`formation demo`: the Stockholm case 2015–16 (seed 001) with its real dates.

Dates from the sources: KF inriktningsbeslut 2015-06-15, arbetsmarknadsnämnden and socialnämnden
2015-10-20, remiss answers 2015-11-18 – 2016-01-11, KS proposal 2016-01-27 (Utlåtande 2016:13,
Dnr 111-1651/2015). The other parties' dates and KF's adoption date are illustrative, and say so.
"""

from __future__ import annotations

from datetime import date
from importlib.resources import as_file, files
from typing import Any

from formation.case.commands import (
    AddBoardSeat,
    AddForbundsordning,
    AddParty,
    InitCase,
    RecordDecision,
)
from formation.domain.outcomes import Outcome
from formation.domain.parties import PartyKind
from formation.io.fo_text import read_forbundsordning
from formation.services import Services
from workflows.loader import load_party_variant

ILLUSTRATIVE = "Datum illustrativt i demon."
CONDITION = "Under förutsättning att övriga parter beslutar om medverkan och godkänner förbundsordningen."


def create_demo(services: Services) -> str:
    """Create the demo case in the services' database; returns its slug."""
    services.handle(
        InitCase(
            name="Samordningsförbundet Stockholms stad",
            slug="stockholm",
            seat="Stockholm",
            target_start=date(2016, 4, 1),
        )
    )
    samples = files("formation.io.samples")
    with as_file(samples / "stockholms_stad_workflow.yaml") as variant_file:
        variant = load_party_variant(variant_file)
    add = services.handle
    add(AddParty(name="Stockholms stad", kind=PartyKind.KOMMUN, workflow=variant, email="samordnare@stockholm.example"))
    add(AddParty(name="Stockholms läns landsting", kind=PartyKind.REGION, email="finsam@sll.example"))
    add(AddParty(name="Försäkringskassan", kind=PartyKind.FORSAKRINGSKASSAN, email="finsam@forsakringskassan.example"))
    add(
        AddParty(
            name="Arbetsförmedlingen", kind=PartyKind.ARBETSFORMEDLINGEN, email="finsam@arbetsformedlingen.example"
        )
    )

    def d(party: str, step: str, *, outcome: str, on: date, **fields: Any) -> None:
        services.handle(RecordDecision(party=party, step=step, outcome=Outcome(outcome), decided_on=on, **fields))

    d(
        "Stockholms stad",
        "forstudie",
        outcome="bifall",
        on=date(2015, 5, 26),
        note="Förstudien 2014–15. " + ILLUSTRATIVE,
    )
    d("Stockholms läns landsting", "forstudie", outcome="bifall", on=date(2015, 5, 26), note=ILLUSTRATIVE)
    d("Försäkringskassan", "forstudie", outcome="bifall", on=date(2015, 5, 26), note=ILLUSTRATIVE)
    d("Arbetsförmedlingen", "forstudie", outcome="bifall", on=date(2015, 5, 26), note=ILLUSTRATIVE)
    d("Stockholms stad", "inriktningsbeslut", outcome="bifall", on=date(2015, 6, 15), body="Kommunfullmäktige")
    d("Stockholms stad", "namnd_amn", outcome="bifall", on=date(2015, 10, 20), body="Arbetsmarknadsnämnden")
    d("Stockholms stad", "namnd_sn", outcome="bifall", on=date(2015, 10, 20), body="Socialnämnden")
    d("Stockholms stad", "remiss_eav", outcome="bifall", on=date(2015, 11, 18), note="Tjänsteutlåtande daterat.")
    d("Stockholms stad", "remiss_rinkeby", outcome="bifall", on=date(2015, 12, 17))
    d("Stockholms stad", "remiss_slk", outcome="bifall", on=date(2015, 12, 22), note="Tjänsteutlåtande daterat.")
    d("Stockholms stad", "remiss_sodermalm", outcome="bifall", on=date(2016, 1, 11), note="Tjänsteutlåtande daterat.")
    d("Stockholms läns landsting", "inriktningsbeslut", outcome="bifall", on=date(2015, 9, 8), note=ILLUSTRATIVE)
    d(
        "Stockholms läns landsting",
        "namnd",
        outcome="bifall",
        on=date(2015, 12, 8),
        body="Hälso- och sjukvårdsnämnden",
        note=ILLUSTRATIVE,
    )

    with as_file(samples / "forbundsordning_stockholm.md") as path:
        text = read_forbundsordning(path)
        services.handle(AddForbundsordning(text=text, filename=path.name, added_on=date(2016, 1, 27)))
    d(
        "Stockholms stad",
        "styrelse",
        outcome="bifall",
        on=date(2016, 1, 27),
        body="Kommunstyrelsen",
        dnr="111-1651/2015",
        note="Utlåtande 2016:13 RI+III+V.",
    )
    d(
        "Stockholms läns landsting",
        "styrelse",
        outcome="bifall",
        on=date(2016, 1, 26),
        body="Landstingsstyrelsen",
        note=ILLUSTRATIVE,
    )
    d(
        "Stockholms läns landsting",
        "fullmaktige",
        outcome="bifall",
        on=date(2016, 2, 9),
        body="Landstingsfullmäktige",
        anslag=date(2016, 2, 12),
        note=CONDITION + " " + ILLUSTRATIVE,
    )
    d(
        "Försäkringskassan",
        "beslut",
        outcome="bifall",
        on=date(2016, 2, 15),
        body="Försäkringskassan",
        note=ILLUSTRATIVE,
    )
    d(
        "Arbetsförmedlingen",
        "beslut",
        outcome="bifall",
        on=date(2016, 2, 18),
        body="Arbetsförmedlingen",
        note=ILLUSTRATIVE,
    )
    d(
        "Stockholms stad",
        "fullmaktige",
        outcome="bifall",
        on=date(2016, 2, 22),
        body="Kommunfullmäktige",
        dnr="111-1651/2015",
        anslag=date(2016, 2, 26),
        note=CONDITION + " " + ILLUSTRATIVE,
    )
    _appoint_board(services)
    return "stockholm"


# Fictional people: the demo shows the board rules, not real office holders.
BOARD = (
    ("Stockholms stad", "Kommunfullmäktige i Stockholm", ("Anna Berg", "Johan Lind"), ("Sara Ek", "Omar Nilsson")),
    ("Stockholms läns landsting", "Landstingsfullmäktige", ("Eva Holm", "Karin Sjö")),
    ("Försäkringskassan", None, ("Lena Strand", "Per Dahl")),
    ("Arbetsförmedlingen", None, ("Maria Ström", "Ali Hassan")),
)


def _appoint_board(services: Services) -> None:
    for term_start in (date(2015, 4, 1), date(2023, 4, 1)):
        for party, fullmaktige, *pairs in BOARD:
            for ledamot, ersattare in pairs:
                for person, role in ((ledamot, "ledamot"), (ersattare, "ersattare")):
                    services.handle(
                        AddBoardSeat(
                            party=party,
                            person=person,
                            role=role,
                            term_start=term_start,
                            fullmaktige=fullmaktige,
                            employed=fullmaktige is None,
                        )
                    )


# ------------------------------------------------------------------------------------ the living demo

LIVING_SLUG = "norrort"


def create_living_demo(services: Services) -> str:
    """A second demo case, in progress, with every date relative to today: calendars, contacts, deadlines,
    one overdue step and reminders due, so that `plan`, `deadline list`, `remind` and `ics` have something
    to show. Returns its slug."""
    from datetime import timedelta

    from formation.case.commands import AddContact, AddMeetings, SetDeadline
    from formation.schedule.workdays import next_working_day, previous_working_day

    today = services.clock.today()

    def day(offset: int) -> date:
        return next_working_day(today + timedelta(days=offset))

    start = date(today.year + (today.month + 8 > 12), (today.month + 8 - 1) % 12 + 1, 1)
    previous = services.case_slug
    services.handle(InitCase(name="Samordningsförbundet Norrort", slug=LIVING_SLUG, seat="Solna", target_start=start))
    add = services.handle
    parties = (
        ("Solna", PartyKind.KOMMUN, "Anna Andersson", "anna.andersson@solna.example.org", "nämndsekreterare"),
        ("Sundbyberg", PartyKind.KOMMUN, "Bo Berg", "bo.berg@sundbyberg.example.org", "kommunsekreterare"),
        ("Region Stockholm", PartyKind.REGION, "Cecilia Ek", "cecilia.ek@regionstockholm.example.org", "handläggare"),
        ("Försäkringskassan", PartyKind.FORSAKRINGSKASSAN, "David Falk", "david.falk@fk.example.org", None),
        ("Arbetsförmedlingen", PartyKind.ARBETSFORMEDLINGEN, "Eva Gran", "eva.gran@af.example.org", None),
    )
    for name, kind, *_ in parties:
        add(AddParty(name=name, kind=kind))
    for name, _, person, address, role in parties:
        add(AddContact(party=name, name=person, email=address, role=role))
    for name, kind, *_ in parties:
        decided = previous_working_day(today - timedelta(days=120))
        add(RecordDecision(party=name, step="forstudie", outcome=Outcome.BIFALL, decided_on=decided))
        if kind in (PartyKind.KOMMUN, PartyKind.REGION):
            decided = previous_working_day(today - timedelta(days=60))
            add(RecordDecision(party=name, step="inriktningsbeslut", outcome=Outcome.BIFALL, decided_on=decided))
    calendars = {
        "Solna": {
            "Ansvarig nämnd": (10, 40),
            "Kommunstyrelsen": (30, 60, 95),
            "Kommunfullmäktige": (50, 80, 120, 150),
        },
        "Sundbyberg": {
            "Ansvarig nämnd": (15, 45),
            "Kommunstyrelsen": (33, 64, 100),
            "Kommunfullmäktige": (55, 90, 125, 160),
        },
        "Region Stockholm": {
            "Hälso- och sjukvårdsnämnden": (12, 45),
            "Regionstyrelsen": (35, 70, 105),
            "Regionfullmäktige": (60, 100, 140),
        },
    }
    for party, bodies in calendars.items():
        meetings = [(body, day(offset)) for body, offsets in bodies.items() for offset in offsets]
        add(AddMeetings(meetings=meetings, party=party, source="sammanträdesplan (demo)"))
    fk_meeting = previous_working_day(today + timedelta(days=7))
    add(AddMeetings(meetings=[("Försäkringskassans ledning", fk_meeting), ("Försäkringskassans ledning", day(50))]))
    add(AddMeetings(meetings=[("Arbetsförmedlingens ledning", day(25)), ("Arbetsförmedlingens ledning", day(55))]))
    # Sundbyberg's nämnd should have decided yesterday: the overdue step, with a reminder due today.
    add(SetDeadline(party="Sundbyberg", step="namnd", on=today - timedelta(days=1)))
    # Försäkringskassan's ledning meets within a week, its deadline set to that week: the 7-day reminder is due today.
    add(SetDeadline(party="Försäkringskassan", step="beslut", on=today + timedelta(days=7)))
    services.case_slug = previous if previous is not None else services.case_slug
    return LIVING_SLUG
