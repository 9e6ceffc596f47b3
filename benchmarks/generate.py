"""A national-scale database, written through the engine's own write pipeline (`Services.handle`).

84 förbund over 290 kommuner and 21 regioner, with Försäkringskassan and Arbetsförmedlingen in each. Every case
is a history: the förstudie, each party walking its decision path (a bordläggning or an återremiss now and then,
a nämnd skipped where KS prepares directly), the förbundsordning approved, board seats each term, the
population of each kommun updated every year, and a few new versions of the förbundsordning that reopen every
member's approval. Two länsförbund have 12 and 20 kommuner, one case has 32 parties, and one national case has
293 parties so that anything quadratic in the number of parties shows.

Deterministic (seeded): the same arguments give the same events. The database is cached: `ensure()` reuses the
file when it exists (delete it, or pass --force, to build it again).

On top of the histories, `schedule()` gives every case what deadlines and reminders need: sammanträdesplaner
for the autumn of 2026 and the spring of 2027 of every party's deciding bodies (kommunstyrelse, fullmäktige,
nämnd; regionstyrelse, regionfullmäktige, hälso- och sjukvårdsnämnd; Försäkringskassans and
Arbetsförmedlingens ledning), a contact per party, and in two cases of three (always the national one) a new
version of the förbundsordning sent out in the autumn of 2026 with a target start date around the turn of the
year, so that the members must decide again: some have by December 2026, the others have deadlines ahead or
overdue, and so reminders. `ensure()` adds it, in about a minute, to a database built before it existed (one
without rows in schedule_meetings).

Each case is written into its own scratch database (in parallel, one process per core) through
`Services.handle`, one command at a time; the finished case is then exported and imported into the national
database with the import command (itself a replay of the whole log through the write pipeline).

    python benchmarks/generate.py [--out PATH] [--force] [--jobs N] [--scale X]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = Path(__file__).resolve().parent / ".data"
DEFAULT_DB = DATA / "national.db"
SEED = 20160101
LAST_DAY = date(2026, 6, 30)
SCHEDULE_MONTHS = [(2026, m) for m in range(8, 13)] + [(2027, m) for m in range(1, 7)]
"""The sammanträdesplaner: the autumn of 2026 and the spring of 2027."""
SCHEDULE_END = date(2026, 12, 1)  # the last day of the schedule step's commands (the benchmarks' today is later)

REGIONS = [
    "Region Stockholm", "Region Uppsala", "Region Sörmland", "Region Östergötland", "Region Jönköpings län",
    "Region Kronoberg", "Region Kalmar län", "Region Gotland", "Region Blekinge", "Region Skåne",
    "Region Halland", "Västra Götalandsregionen", "Region Värmland", "Region Örebro län", "Region Västmanland",
    "Region Dalarna", "Region Gävleborg", "Region Västernorrland", "Region Jämtland Härjedalen",
    "Region Västerbotten", "Region Norrbotten",
]  # fmt: skip

_STEMS = [
    "Ale", "Alingsås", "Alvesta", "Aneby", "Arboga", "Arjeplog", "Arvidsjaur", "Arvika", "Askersund", "Avesta",
    "Bengtsfors", "Berg", "Bjurholm", "Bjuv", "Boden", "Bollnäs", "Borgholm", "Borlänge", "Borås", "Botkyrka",
    "Bollebygd", "Boxholm", "Bromölla", "Bräcke", "Burlöv", "Båstad", "Dals-Ed", "Danderyd", "Degerfors", "Dorotea",
    "Eda", "Ekerö", "Eksjö", "Emmaboda", "Enköping", "Eskilstuna", "Eslöv", "Essunga", "Fagersta", "Falkenberg",
    "Falköping", "Falun", "Filipstad", "Finspång", "Flen", "Forshaga", "Färgelanda", "Gagnef", "Gislaved",
    "Gnesta", "Gnosjö", "Gotland", "Grums", "Grästorp", "Gullspång", "Gällivare", "Gävle", "Göteborg", "Götene",
    "Habo", "Hagfors", "Hallsberg", "Hallstahammar", "Halmstad", "Hammarö", "Haninge", "Haparanda", "Heby",
    "Hedemora", "Helsingborg", "Herrljunga", "Hjo", "Hofors", "Huddinge", "Hudiksvall", "Hultsfred", "Hylte",
    "Håbo", "Hällefors", "Härjedalen", "Härnösand", "Härryda", "Hässleholm", "Höganäs", "Högsby", "Hörby", "Höör",
    "Jokkmokk", "Järfälla", "Jönköping", "Kalix", "Kalmar", "Karlsborg", "Karlshamn", "Karlskoga", "Karlskrona",
    "Karlstad", "Katrineholm", "Kil", "Kinda", "Kiruna", "Klippan", "Knivsta", "Kramfors", "Kristianstad",
    "Kristinehamn", "Krokom", "Kumla", "Kungsbacka", "Kungsör", "Kungälv", "Kävlinge", "Köping", "Laholm",
    "Landskrona", "Laxå", "Lekeberg", "Leksand", "Lerum", "Lessebo", "Lidingö", "Lidköping", "Lilla Edet",
    "Lindesberg", "Linköping", "Ljungby", "Ljusdal", "Ljusnarsberg", "Lomma", "Ludvika", "Luleå", "Lund",
    "Lycksele", "Lysekil", "Malmö", "Malung-Sälen", "Malå", "Mariestad", "Mark", "Markaryd", "Mellerud", "Mjölby",
    "Mora", "Motala", "Mullsjö", "Munkedal", "Munkfors", "Mölndal", "Mönsterås", "Mörbylånga", "Nacka", "Nora",
    "Norberg", "Nordanstig", "Nordmaling", "Norrköping", "Norrtälje", "Norsjö", "Nybro", "Nykvarn", "Nyköping",
    "Nynäshamn", "Nässjö", "Ockelbo", "Olofström", "Orsa", "Orust", "Osby", "Oskarshamn", "Ovanåker", "Oxelösund",
    "Pajala", "Partille", "Perstorp", "Piteå", "Ragunda", "Robertsfors", "Ronneby", "Rättvik", "Sala",
    "Salem", "Sandviken", "Sigtuna", "Simrishamn", "Sjöbo", "Skara", "Skellefteå", "Skinnskatteberg", "Skurup",
    "Skövde", "Smedjebacken", "Sollefteå", "Sollentuna", "Solna", "Sorsele", "Sotenäs", "Staffanstorp",
    "Stenungsund", "Stockholm", "Storfors", "Storuman", "Strängnäs", "Strömstad", "Strömsund", "Sundbyberg",
    "Sundsvall", "Sunne", "Surahammar", "Svalöv", "Svedala", "Svenljunga", "Säffle", "Säter", "Sävsjö",
    "Söderhamn", "Söderköping", "Södertälje", "Sölvesborg", "Tanum", "Tibro", "Tidaholm", "Tierp", "Timrå",
    "Tingsryd", "Tjörn", "Tomelilla", "Torsby", "Torsås", "Tranemo", "Tranås", "Trelleborg", "Trollhättan",
    "Trosa", "Tyresö", "Täby", "Töreboda", "Uddevalla", "Ulricehamn", "Umeå", "Upplands Väsby", "Upplands-Bro",
    "Uppsala", "Uppvidinge", "Vadstena", "Vaggeryd", "Valdemarsvik", "Vallentuna", "Vansbro", "Vara", "Varberg",
    "Vaxholm", "Vellinge", "Vetlanda", "Vilhelmina", "Vimmerby", "Vindeln", "Vingåker", "Vårgårda", "Vänersborg",
    "Vännäs", "Värmdö", "Värnamo", "Västervik", "Västerås", "Växjö", "Ydre", "Ystad", "Åmål", "Ånge", "Åre",
    "Årjäng", "Åsele", "Åstorp", "Åtvidaberg", "Älmhult", "Älvdalen", "Älvkarleby", "Älvsbyn", "Ängelholm",
    "Öckerö", "Ödeshög", "Örebro", "Örkelljunga", "Örnsköldsvik", "Östersund", "Österåker", "Östhammar",
    "Östra Göinge", "Överkalix", "Övertorneå",
]  # fmt: skip
KOMMUNER = [f"{stem} kommun" for stem in _STEMS]
assert len(KOMMUNER) == 290, len(KOMMUNER)


# ---- the plan: which parties each case has ---------------------------------------------------------------


@dataclass
class CasePlan:
    index: int
    name: str
    seat: str
    kommuner: list[str]
    regions: list[str]
    start_year: int
    versions: int  # förbundsordning versions after the first
    seed: int


def plan(scale: float = 1.0) -> list[CasePlan]:
    """84 cases: 83 that share the 290 kommuner (two länsförbund of 20 and 12, one of 28 kommuner, the rest
    small) and one national case with 270 kommuner, 21 regioner, FK and AF (293 parties)."""
    rng = random.Random(SEED)
    kommuner = list(KOMMUNER)
    rng.shuffle(kommuner)
    sizes = [20, 12, 28] + [0] * 80
    rest = len(kommuner) - sum(sizes)
    for i in range(rest):  # the other 230 kommuner over 80 cases: 1–6 each
        sizes[3 + (i * 7919) % 80] += 1
    sizes = [max(1, s) for s in sizes]
    cases = []
    position = 0
    for index, size in enumerate(sizes):
        members = kommuner[position : position + size] or [kommuner[index % len(kommuner)]]
        position += size
        region_count = 2 if size >= 20 else 1
        regions = rng.sample(REGIONS, region_count)
        stem = members[0].removesuffix(" kommun")
        name = f"Samordningsförbundet {stem}" + (f" med {len(members) - 1} grannar" if len(members) > 1 else "")
        cases.append(
            CasePlan(
                index=index,
                name=name,
                seat=stem,
                kommuner=members,
                regions=regions,
                start_year=rng.randint(2005, 2013),  # most förbund were formed 2005–2010
                versions=max(1, round(rng.randint(4, 10) * scale)),
                seed=rng.randrange(2**32),
            )
        )
    national = rng.sample(KOMMUNER, 270)
    cases.append(
        CasePlan(
            index=len(cases),
            name="Samordningsförbundet Sverige",
            seat="Stockholm",
            kommuner=national,
            regions=list(REGIONS),
            start_year=2012,
            versions=max(1, round(3 * scale)),
            seed=rng.randrange(2**32),
        )
    )
    return cases


# ---- one case's commands, in date order ----------------------------------------------------------------


@dataclass(order=True)
class Planned:
    day: date
    order: int
    command: Any = field(compare=False)


class SteppingClock:
    """A clock that the generator moves forward: each command is recorded on its own day."""

    def __init__(self, day: date) -> None:
        self.day = day

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime.combine(self.day, dtime(9, 0), tzinfo=UTC)


def _fo_text(plan_: CasePlan, version: int) -> str:
    return _fo_text_named(plan_.name, version)


def _fo_text_named(name: str, version: int) -> str:
    base = (ROOT / "formation" / "io" / "samples" / "forbundsordning_stockholm.md").read_text(encoding="utf-8")
    return f"{base}\n\n<!-- {name}, version {version} -->\n"


class CaseWriter:
    """Turns a plan into commands, each party's path walked with dates that only go forward."""

    def __init__(self, plan_: CasePlan) -> None:
        self.plan = plan_
        self.rng = random.Random(plan_.seed)
        self.queue: list[Planned] = []
        self.order = 0

    def at(self, day: date, command: Any) -> None:
        self.order += 1
        self.queue.append(Planned(day, self.order, command))

    def walk(
        self,
        party: str,
        steps: list[str],
        start: date,
        *,
        first: int = 0,
        text_on: date,
        fo_version: int,
        aterremiss: bool,
    ) -> date:
        """One party's decisions through `steps[first:]` from `start`, the last (approving) one on or after
        `text_on`; returns the day of the approval."""
        from formation.case.commands import RecordDecision
        from formation.domain.outcomes import Outcome

        rng = self.rng
        day = start
        i = first
        redone = False
        while i < len(steps):
            step = steps[i]
            last = i == len(steps) - 1
            if last:
                day = max(day, text_on)
            day += timedelta(days=rng.randint(7, 45))
            if rng.random() < 0.08:  # bordläggning: back at the next meeting
                self.at(day, RecordDecision(party=party, step=step, outcome=Outcome.BORDLAGD, decided_on=day))
                day += timedelta(days=rng.randint(14, 40))
            if last and aterremiss and not redone and i > 0 and rng.random() < 0.06:
                # Fullmäktige sends it back to the styrelse: the styrelse proposes again, then fullmäktige.
                self.at(day, RecordDecision(party=party, step=step, outcome=Outcome.ATERREMISS, decided_on=day))
                redone = True
                i -= 1
                continue
            anslag = day + timedelta(days=rng.randint(3, 14)) if last and aterremiss else None
            self.at(
                day,
                RecordDecision(
                    party=party,
                    step=step,
                    outcome=Outcome.BIFALL,
                    decided_on=day,
                    paragraph=f"§ {rng.randint(1, 240)}",
                    dnr=f"{day.year}/{rng.randint(10, 9999)}",
                    fo_version=fo_version if last else None,
                    anslag=anslag,
                ),
            )
            i += 1
        return day

    def build(self) -> list[Planned]:
        from formation.case.commands import (
            AddBoardSeat,
            AddForbundsordning,
            AddParty,
            RemoveBoardSeat,
            SkipStep,
            UpdateParty,
        )
        from formation.domain.names import slugify
        from formation.domain.parties import PartyKind

        p, rng = self.plan, self.rng
        begin = date(p.start_year, rng.randint(1, 6), rng.randint(1, 28))
        parties: list[tuple[str, PartyKind]] = []
        seen: set[str] = set()
        for i, name in enumerate(p.kommuner):
            if slugify(name) in seen:  # Habo and Håbo have the same slug
                name = f"{name} i Uppsala län"
            seen.add(slugify(name))
            population = rng.randint(2_000, 600_000)
            share = (Decimal(100) / len(p.kommuner)).quantize(Decimal("0.01"))
            self.at(
                begin,
                AddParty(
                    name=name,
                    kind=PartyKind.KOMMUN,
                    population=population,
                    key_percent=share,
                    email=f"samordning{i}@{slugify(name)}.se",
                ),
            )
            parties.append((slugify(name), PartyKind.KOMMUN))
        for name in p.regions:
            self.at(begin, AddParty(name=name, kind=PartyKind.REGION))
            parties.append((slugify(name), PartyKind.REGION))
        for name, kind in (
            ("Försäkringskassan", PartyKind.FORSAKRINGSKASSAN),
            ("Arbetsförmedlingen", PartyKind.ARBETSFORMEDLINGEN),
        ):
            self.at(begin, AddParty(name=name, kind=kind))
            parties.append((slugify(name), kind))

        # Version 1 and every party's path to approving it.
        fo_day = begin + timedelta(days=rng.randint(60, 200))
        self.at(fo_day, AddForbundsordning(text=_fo_text(p, 1), filename="forbundsordning-v1.pdf", added_on=fo_day))
        approved = fo_day
        for slug, kind in parties:
            if kind in (PartyKind.KOMMUN, PartyKind.REGION):
                steps = ["forstudie", "inriktningsbeslut", "namnd", "styrelse", "fullmaktige"]
                if kind is PartyKind.KOMMUN and rng.random() < 0.3:
                    self.at(begin + timedelta(days=1), SkipStep(party=slug, step="namnd", reason="KS bereder direkt"))
                    steps.remove("namnd")
                # The first steps happen before the text exists; the approval comes after it.
                day = self.walk(slug, steps, begin, text_on=fo_day, fo_version=1, aterremiss=True)
            else:
                day = self.walk(slug, ["forstudie", "beslut"], begin, text_on=fo_day, fo_version=1, aterremiss=False)
            approved = max(approved, day)

        # Later versions, each reopening every member's approval; board seats per term; yearly populations.
        end = min(LAST_DAY, approved + timedelta(days=365 * 10))
        version_days = sorted(
            approved + timedelta(days=rng.randint(300, max(301, (end - approved).days - 200)))
            for _ in range(p.versions)
        )
        day = approved
        for number, vday in enumerate(version_days, start=2):
            vday = max(vday, day + timedelta(days=30))
            if vday > LAST_DAY - timedelta(days=150):
                break
            self.at(
                vday,
                AddForbundsordning(text=_fo_text(p, number), filename=f"forbundsordning-v{number}.pdf", added_on=vday),
            )
            latest = vday
            for slug, kind in parties:
                agency = kind in (PartyKind.FORSAKRINGSKASSAN, PartyKind.ARBETSFORMEDLINGEN)
                steps = ["forstudie", "beslut"] if agency else ["styrelse", "fullmaktige"]
                approved_on = self.walk(
                    slug, steps, vday, first=1, text_on=vday, fo_version=number, aterremiss=not agency
                )
                latest = max(latest, approved_on)
            day = latest

        # The board, in date order: every member's seats renewed each term (1 April after the election year),
        # someone leaving mid-term each year (a fyllnadsval), and each kommun's population updated yearly.
        seated: dict[str, list[tuple[str, str]]] = {}
        first_term = date(approved.year + 1, 4, 1)
        for year in range(approved.year + 1, LAST_DAY.year + 1):
            renew = (year - first_term.year) % 4 == 0
            for slug, kind in parties:
                employed = kind in (PartyKind.FORSAKRINGSKASSAN, PartyKind.ARBETSFORMEDLINGEN)
                fullmaktige = None if employed else "fullmäktige"
                if kind is PartyKind.KOMMUN:
                    self.at(date(year, 2, 15), UpdateParty(party=slug, population=rng.randint(2_000, 600_000)))
                if renew:
                    term = date(year, 4, 1)
                    for person, _role in seated.pop(slug, []):
                        self.at(term, RemoveBoardSeat(party=slug, person=person))
                    seats = [
                        (f"{role.capitalize()} {rng.randint(1, 99999)} {slug[:12]}", role)
                        for role in ("ledamot", "ledamot", "ersattare", "ersattare")
                    ]
                    for person, role in seats:
                        self.at(
                            term,
                            AddBoardSeat(
                                party=slug,
                                person=person,
                                role=role,
                                term_start=term,
                                fullmaktige=fullmaktige,
                                employed=employed,
                            ),
                        )
                    seated[slug] = seats
                for month in (5, 10):
                    day = date(year, month, rng.randint(1, 28))
                    if slug not in seated or day > LAST_DAY:
                        continue
                    leaving, role = seated[slug].pop(rng.randrange(len(seated[slug])))
                    successor = f"Fyllnadsval {rng.randint(1, 99999)} {slug[:12]}"
                    self.at(day, RemoveBoardSeat(party=slug, person=leaving))
                    self.at(
                        day,
                        AddBoardSeat(
                            party=slug, person=successor, role=role, fullmaktige=fullmaktige, employed=employed
                        ),
                    )
                    seated[slug].append((successor, role))

        self.queue.sort()
        return self.queue


# ---- calendars, contacts and a new version to decide: what deadlines and reminders need ----------------

# Per kind of party: body -> the months it meets (none in July; fullmäktige not in August either).
_BODIES: dict[str, dict[str, tuple[int, ...]]] = {
    "kommun": {
        "Ansvarig nämnd": (1, 2, 3, 4, 5, 6, 9, 10, 11, 12),
        "Kommunstyrelsen": (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12),
        "Kommunfullmäktige": (1, 2, 3, 4, 5, 6, 9, 10, 11, 12),
    },
    "region": {
        "Hälso- och sjukvårdsnämnden": (1, 2, 3, 4, 5, 6, 9, 10, 11, 12),
        "Regionstyrelsen": (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12),
        "Regionfullmäktige": (2, 4, 6, 9, 10, 11, 12),
    },
    "forsakringskassan": {"Försäkringskassans ledning": (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)},
    "arbetsformedlingen": {"Arbetsförmedlingens ledning": (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)},
}
# When in the month each body meets (its week): a nämnd early, the styrelse in the middle, fullmäktige late,
# so that a styrelse's proposal reaches fullmäktige with the three weeks' lead of the workflow.
_WEEK = {"Ansvarig nämnd": 0, "Hälso- och sjukvårdsnämnden": 0, "Kommunstyrelsen": 1, "Regionstyrelsen": 1}
# The target start of a case that decides on a new version: around the benchmarks' today (2027-01-01), so that
# some deadlines are overdue, some near (reminders due in the coming month) and some further ahead.
_TARGETS = (date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1), date(2027, 4, 1))


def _meeting_days(rng: random.Random, body: str, months: tuple[int, ...]) -> list[date]:
    from formation.schedule.workdays import next_working_day

    week = _WEEK.get(body, 3 if "fullmäktige" in body.casefold() else 2)
    weekday = rng.randint(0, 3)  # the body's fixed day of the week, Monday–Thursday
    days = []
    for year, month in SCHEDULE_MONTHS:
        if month in months:
            first = date(year, month, 1)
            day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * week)
            days.append(next_working_day(day))
    return days


def _party_email(slug: str, kind: str) -> str:
    return f"registrator@{slug}.se" if kind in ("kommun", "region") else f"samordning@{slug}.se"


def schedule_case(services: Any, slug: str, *, reopen: bool, seed: int) -> dict[str, int]:
    """Give one case its calendars and contacts and (when `reopen`) a new version its members must decide on;
    every change through `services.handle`. Returns the counts of what was added."""
    from formation.case.commands import AddContact, AddForbundsordning, AddMeetings, CorrectEvent, RecordDecision
    from formation.domain.outcomes import Outcome

    rng = random.Random(seed)
    clock = services.clock
    services.case_slug = slug
    projection = services.view().projection
    members = [p for p in projection.parties.values() if p.is_member and p.leaves_on is None]
    # The autumn of 2026: the new version is sent out 3–4 months before the target start.
    target = _TARGETS[rng.randrange(len(_TARGETS))] if slug != "samordningsforbundet-sverige" else date(2027, 2, 1)
    sent_out = target - timedelta(days=rng.randint(100, 130))
    clock.day = sent_out - timedelta(days=rng.randint(7, 30))
    counts = {"meetings": 0, "contacts": 0, "decisions": 0, "reopened": int(reopen)}
    calendars: dict[str, list[tuple[str, date]]] = {}
    for progress in members:
        info = progress.info
        kind = info.kind.value
        services.handle(
            AddContact(party=info.slug, name=f"Registrator {info.name}", email=_party_email(info.slug, kind),
                       role="registrator")
        )  # fmt: skip
        counts["contacts"] += 1
        calendars[info.slug] = [
            (body, day) for body, months in _BODIES[kind].items() for day in _meeting_days(rng, body, months)
        ]
    for party, meetings in calendars.items():
        services.handle(AddMeetings(meetings=meetings, party=party, source="sammanträdesplan 2026–2027"))  # fmt: skip
        counts["meetings"] += len(meetings)
    if not reopen:
        return counts
    created = services.events()[0]
    services.handle(CorrectEvent(seq=created.seq, changes={"target_start": target}, reason="Ny planerad start"))
    clock.day = sent_out
    number = len(projection.versions) + 1
    services.handle(
        AddForbundsordning(
            text=_fo_text_named(projection.name, number),
            filename=f"forbundsordning-v{number}.pdf",
            added_on=sent_out,
            start_date=target,
        )
    )
    # Some members have decided by SCHEDULE_END, at a meeting of their approving body; the rest have not.
    reopened = services.view().projection
    decisions: list[tuple[date, str, str]] = []
    for progress in reopened.members:
        step = progress.first_open_step
        if step is None or rng.random() < 0.6:
            continue
        body = progress.workflow.step(step).body if progress.workflow.step(step) else ""
        days = [d for b, d in calendars.get(progress.info.slug, []) if b == body and sent_out + timedelta(days=20) <= d]
        days = [d for d in days if d <= SCHEDULE_END]
        if days:
            decisions.append((rng.choice(days), progress.info.slug, step))
    for day, party, step in sorted(decisions):
        clock.day = day
        services.handle(
            RecordDecision(party=party, step=step, outcome=Outcome.BIFALL, decided_on=day, fo_version=number,
                           paragraph=f"§ {rng.randint(1, 240)}", dnr=f"{day.year}/{rng.randint(10, 9999)}")
        )  # fmt: skip
        counts["decisions"] += 1
    clock.day = SCHEDULE_END
    return counts


def has_schedule(db: Path) -> bool:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT 1 FROM schedule_meetings LIMIT 1").fetchone() is not None


def schedule(db: Path, *, quiet: bool = False) -> dict[str, int]:
    """Add calendars, contacts, target start dates and new versions to every case of `db` (see the module's
    docstring); deterministic. Meant for a database without them."""
    from formation.services import Services
    from formation.store.database import open_database
    from workflows.loader import load_workflow_set

    clock = SteppingClock(SCHEDULE_END)
    services = Services(engine=open_database(str(db)), template=load_workflow_set(), clock=clock, actor="samordnare")
    totals = {"meetings": 0, "contacts": 0, "decisions": 0, "reopened": 0}
    started = time.perf_counter()
    rng = random.Random(SEED ^ 0xCA1E)
    for slug in sorted(services.case_slugs()):
        reopen = slug == "samordningsforbundet-sverige" or rng.random() < 2 / 3
        began = time.perf_counter()
        counts = schedule_case(services, slug, reopen=reopen, seed=rng.randrange(2**32))
        for key, value in counts.items():
            totals[key] += value
        if not quiet:
            sys.stderr.write(f"  {slug}: {counts} in {time.perf_counter() - began:.1f} s\n")
    services.engine.dispose()
    totals["seconds"] = round(time.perf_counter() - started, 1)
    return totals


def write_case(plan_: CasePlan, db_path: str) -> dict[str, Any]:
    """Write one case into `db_path` through the services; returns its export and counts."""
    from formation.case.commands import CorrectEvent, InitCase, RecordDecision
    from formation.io.transfer import export_case
    from formation.services import Services
    from formation.store.database import open_database
    from workflows.loader import load_workflow_set

    writer = CaseWriter(plan_)
    queue = writer.build()
    first = queue[0].day - timedelta(days=30)
    clock = SteppingClock(first)
    services = Services(engine=open_database(db_path), template=load_workflow_set(), clock=clock, actor="samordnare")
    services.handle(InitCase(name=plan_.name, seat=plan_.seat, target_start=date(first.year + 1, 1, 1)))
    rng = random.Random(plan_.seed ^ 0x5EED)
    decisions: list[int] = []
    corrections = 0
    started = time.perf_counter()
    for item in queue:
        clock.day = max(clock.day, item.day)
        result = services.handle(item.command)
        if isinstance(item.command, RecordDecision):
            decisions.extend(result.seqs)
        if decisions and corrections < 12 and rng.random() < 0.01:  # now and then: a wrong dnr corrected
            corrections += 1
            seq = rng.choice(decisions)
            services.handle(
                CorrectEvent(
                    seq=seq, changes={"dnr": f"{clock.day.year}/{rng.randint(10, 9999)}"}, reason="Fel diarienummer"
                )
            )
    seconds = time.perf_counter() - started
    document = export_case(services)
    services.engine.dispose()
    return {"document": document, "events": len(document["events"]), "seconds": seconds, "slug": services.case_slug}


def _write_case_job(args: tuple[CasePlan, str]) -> dict[str, Any]:
    plan_, scratch = args
    path = os.path.join(scratch, f"case{plan_.index}.db")
    try:
        return write_case(plan_, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)


def generate(out: Path, *, jobs: int, scale: float = 1.0, quiet: bool = False) -> dict[str, Any]:
    """Build the database at `out` (replacing it); returns a summary."""
    import concurrent.futures

    from formation.io.transfer import import_case
    from formation.services import Services
    from formation.store.database import open_database
    from workflows.loader import load_workflow_set

    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.parent == DATA:  # the cache stays out of git (*.db is ignored already; the summary is not)
        (DATA / ".gitignore").write_text("*\n", encoding="utf-8")
    tmp = out.with_suffix(".tmp.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    plans = plan(scale)
    # The big case first, so that it does not finish last on its own core.
    plans.sort(key=lambda c: -len(c.kommuner))
    scratch_root = "/dev/shm" if os.path.isdir("/dev/shm") else None
    national = Services(
        engine=open_database(str(tmp)), template=load_workflow_set(), clock=SteppingClock(LAST_DAY), actor="import"
    )
    per_case: dict[str, int] = {}
    with tempfile.TemporaryDirectory(dir=scratch_root) as scratch:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(_write_case_job, [(c, scratch) for c in plans])
            done: list[dict[str, Any]] = []
            for result in results:
                done.append(result)
                if not quiet:
                    sys.stderr.write(f"  {result['slug']}: {result['events']} events in {result['seconds']:.1f} s\n")
        for result in sorted(done, key=lambda r: r["slug"]):
            national.case_slug = None
            import_case(national, json.loads(json.dumps(result["document"])))
            per_case[result["slug"]] = result["events"]
    national.engine.dispose()
    scheduled = schedule(tmp, quiet=quiet)
    os.replace(tmp, out)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    largest = max(per_case, key=lambda s: per_case[s])
    summary = {
        "path": str(out),
        "cases": len(per_case),
        "events": _count_events(out),  # with the calendars and decisions schedule() added
        "largest": largest,
        "largest_events": _count_events(out, largest),
        "seconds": round(time.perf_counter() - started, 1),
        "schedule": scheduled,
    }
    out.with_suffix(".json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


def ensure(out: Path = DEFAULT_DB, *, jobs: int | None = None, quiet: bool = False) -> dict[str, Any]:
    """The cached database's summary, generating it first if it is missing (and adding the calendars,
    contacts and new versions of `schedule()` to one built before they existed)."""
    meta = out.with_suffix(".json")
    if out.exists() and meta.exists():
        summary: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8"))
        if not has_schedule(out):
            if out.parent == DATA:  # a database copied here without the .gitignore that generate() writes
                (DATA / ".gitignore").write_text("*\n", encoding="utf-8")
            if not quiet:
                sys.stderr.write(f"Adding calendars, contacts and new versions to {out} (once; takes minutes)…\n")
            summary["schedule"] = schedule(out, quiet=quiet)
            summary["events"] = _count_events(out)
            summary["largest_events"] = _count_events(out, summary["largest"])
            meta.write_text(json.dumps(summary, indent=2), encoding="utf-8")
        return summary
    return generate(out, jobs=jobs or os.cpu_count() or 1, quiet=quiet)


def _count_events(db: Path, slug: str | None = None) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        if slug is None:
            return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
        query = "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id WHERE c.slug = ?"
        return int(conn.execute(query, (slug,)).fetchone()[0])


def iter_lines(summary: dict[str, Any]) -> Iterator[str]:
    yield f"{summary['cases']} cases, {summary['events']} events in {summary['path']}"
    yield f"largest case: {summary['largest']} ({summary['largest_events']} events); built in {summary['seconds']} s"
    if "schedule" in summary:
        s = summary["schedule"]
        yield (
            f"schedule: {s['meetings']} meetings, {s['contacts']} contacts, {s['reopened']} cases deciding a new "
            f"version ({s['decisions']} decided so far); added in {s['seconds']} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_DB)
    parser.add_argument("--force", action="store_true", help="build again even when the file exists")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--scale", type=float, default=1.0, help="more or fewer förbundsordning versions")
    args = parser.parse_args()
    if args.force or not args.out.exists():
        summary = generate(args.out, jobs=args.jobs, scale=args.scale)
    else:
        summary = ensure(args.out)
    for line in iter_lines(summary):
        sys.stdout.write(line + "\n")


if __name__ == "__main__":
    main()
