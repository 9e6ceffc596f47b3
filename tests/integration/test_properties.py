"""Properties of random command sequences run through Services on a SQLite file:

(a) replaying the events gives exactly the stored projection;
(b) the förbund is formed exactly when (per DESIGN.md) every member's latest approval is of the current
    version and § 3 membership is complete — checked against a small independent model that only reads
    which commands were accepted; once formed it stays formed, and a newer version is `pending_version`;
(c) a refused command never writes: the event count and the case revision stay as they were.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from formation.bootstrap import make_services
from formation.case.commands import VoidEvent
from formation.case.history import replay
from formation.case.projection import CaseProjection
from formation.clock import FixedClock
from formation.errors import Refusal, StaleRevision
from formation.reports.status import status_document
from formation.services import Services
from tests.coordinator import Coordinator

TODAY = date(2026, 11, 23)
START = date(2015, 1, 1)
CORE = (
    ("Solna stad", "kommun"),
    ("Region Stockholm", "region"),
    ("Försäkringskassan", "forsakringskassan"),
    ("Arbetsförmedlingen", "arbetsformedlingen"),
)
# Party adds drawn during a run: a second kommun, observers, a refused kommunalförbund, a duplicate.
EXTRA = (
    ("Sundbybergs stad", "kommun", False),
    ("Region Uppsala", "region", False),
    ("KSON", "kommunalforbund", True),
    ("KSON", "kommunalforbund", False),
    ("Danderyds kommun", "kommun", True),
    ("Solna stad", "kommun", False),
    ("Arbetsförmedlingen", "arbetsformedlingen", False),
)
OUTCOMES = ("bifall",) * 7 + ("bordlagd", "aterremiss", "avslag")
ANY_STEP = ("forstudie", "inriktningsbeslut", "namnd", "styrelse", "fullmaktige", "beslut", "okant_steg")
MEMBER_KINDS = ("forsakringskassan", "arbetsformedlingen", "kommun", "region")


@dataclass
class Model:
    """What must hold, derived only from which commands were accepted (not from the engine's projection)."""

    members: dict[str, str] = field(default_factory=dict)  # name -> kind, observers excluded
    approvals: dict[str, tuple[int, date] | None] = field(default_factory=dict)  # latest approval per member
    current: int | None = None
    in_force: int | None = None
    formed_on: date | None = None
    versions: int = 0
    accepted: int = 0

    def complete(self) -> bool:
        kinds = set(self.members.values())
        return all(kind in kinds for kind in MEMBER_KINDS)

    def all_approved_current(self) -> bool:
        return self.current is not None and all(
            (a := self.approvals.get(name)) is not None and a[0] == self.current for name in self.members
        )

    def settle(self) -> None:
        """DESIGN.md: formed once every member approved the current version (§ 3 complete); stays formed."""
        if self.complete() and self.all_approved_current() and self.current != self.in_force:
            if self.in_force is None:
                self.formed_on = max(a[1] for a in self.approvals.values() if a is not None)
            self.in_force = self.current


@dataclass
class Run:
    services: Services
    model: Model
    states: dict[str, str]  # party name -> the engine's display state, to aim most commands at a legal step
    fo_text: str
    day: date = START

    def raw(self, sql: str) -> int:
        with self.services.engine.connect() as connection:
            return int(connection.execute(text(sql)).scalar_one())

    def attempt(self, command: Callable[[], Any]) -> Any | None:
        """Run one command; on a refusal, check that nothing was written (property c)."""
        before = (self.raw("SELECT count(*) FROM events"), self.raw("SELECT revision FROM cases"))
        try:
            result = command()
        except Refusal as refusal:
            assert refusal.message.strip() and "\n" not in refusal.message
            after = (self.raw("SELECT count(*) FROM events"), self.raw("SELECT revision FROM cases"))
            assert after == before, f"a refusal wrote something: {refusal.message}"
            return None
        self.model.accepted += 1
        return result

    def refresh_states(self) -> None:
        projection = self.services.view().projection
        self.states = {p.info.name: p.display_state for p in projection.parties.values()}


@dataclass(frozen=True)
class Seed:
    path: Path
    parties: tuple[tuple[str, str], ...]
    events: int


# Each example starts from a copy of one of these: which § 3 parties are in, and whether every step but
# the approving one is already decided (so that short runs reach formation and go beyond it).
SEEDS = {
    "start": (CORE, False),
    "near": (CORE, True),
    "near_without_af": (CORE[:3], True),
}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Seed], str]]:
    """Migrated SQLite files with a case, the SEEDS parties and förbundsordning v1 (2015-01-01)."""
    with as_file(files("formation.io.samples") / "forbundsordning_stockholm.md") as sample:
        fo_text = sample.read_text(encoding="utf-8")
    directory = tmp_path_factory.mktemp("properties")
    fo = directory / "forbundsordning_v1.md"
    fo.write_text(fo_text, encoding="utf-8")
    made: dict[str, Seed] = {}
    for name, (parties, near) in SEEDS.items():
        path = directory / f"{name}.db"
        services = Coordinator(make_services(db=str(path), clock=FixedClock(TODAY), actor="test"))
        services.init_case("Samordningsförbundet Egenskap", slug="egenskap")
        for party, kind in parties:
            progress = services.add_party(party, kind)
            if near:
                for step in progress.workflow.steps[:-1]:
                    services.decide(party, step.id, outcome="bifall", on=START)
        services.add_fo(fo, on=START)
        made[name] = Seed(path, parties, len(services.events()))
        services.engine.dispose()
    yield made, fo_text


def start_run(seed: Seed, fo_text: str, workdir: Path) -> Run:
    target = workdir / "formation.db"
    shutil.copyfile(seed.path, target)
    services = Coordinator(make_services(db=str(target), clock=FixedClock(TODAY), actor="test"))
    model = Model(current=1, versions=1)
    for name, kind in seed.parties:
        model.members[name] = kind
        model.approvals[name] = None
    run = Run(services=services, model=model, states={}, fo_text=fo_text)
    run.refresh_states()
    return run


def step_once(run: Run, data: st.DataObject, workdir: Path) -> None:
    model = run.model
    run.day = min(TODAY, run.day + timedelta(days=data.draw(st.integers(-3, 25), label="days")))
    names = list(run.states) + ["Okänd part"]
    waiting = [n for n in model.members if run.states.get(n) not in ("approved", "rejected")]
    kind = data.draw(
        st.sampled_from(("next",) * 14 + ("skip_next",) * 3 + ("any_step", "skip_any", "fo_add", "party_add")),
        label="command",
    )
    if kind in ("next", "any_step", "skip_next", "skip_any"):
        aim_at_waiting = bool(waiting) and data.draw(st.integers(0, 4), label="aim") > 0
        likely = waiting if aim_at_waiting else names
        name = data.draw(st.sampled_from(likely), label="party")
        aimed = kind in ("next", "skip_next")
        step = run.states.get(name, "forstudie") if aimed else data.draw(st.sampled_from(ANY_STEP), label="step")
        if kind.startswith("skip"):
            progress = run.attempt(lambda: run.services.skip(name, step, reason="Ej aktuellt här", on=run.day))
        else:
            outcome = data.draw(st.sampled_from(OUTCOMES), label="outcome")
            version = data.draw(st.sampled_from([None] * 8 + list(range(1, model.versions + 1))), label="fo_version")
            progress = run.attempt(
                lambda: run.services.decide(name, step, outcome=outcome, on=run.day, fo_version=version)
            )
            if progress is not None and name in model.members:
                approving = progress.workflow.approving_step.id == step
                if outcome == "avslag":
                    model.approvals[name] = None
                elif approving and outcome == "bifall":
                    approved = version or model.current
                    assert approved is not None  # an approval without any version is refused
                    model.approvals[name] = (approved, run.day)
        if progress is not None:
            run.states[progress.info.name] = progress.display_state
    elif kind == "fo_add":
        path = workdir / f"fo_{model.versions + 1}.md"
        path.write_text(run.fo_text + f"\nÄndring nummer {model.versions + 1}.\n", encoding="utf-8")
        if run.attempt(lambda: run.services.add_fo(path, on=run.day)) is not None:
            model.versions += 1
            model.current = model.versions
            run.refresh_states()
    else:
        name, party_kind, observer = data.draw(st.sampled_from(EXTRA), label="new party")
        progress = run.attempt(lambda: run.services.add_party(name, party_kind, observer=observer))
        if progress is not None:
            run.states[name] = progress.display_state
            if not observer:
                model.members[name] = party_kind
                model.approvals[name] = None
    model.settle()


def check_formation(run: Run) -> dict[str, Any]:
    model = run.model
    view = run.services.view()
    doc: dict[str, Any] = status_document(view)["case"]
    projection = view.projection
    # (b) against the model: formed once all members approved the current version with § 3 complete.
    assert doc["state"] == ("formed" if model.in_force is not None else "forming")
    assert doc["formed_on"] == (model.formed_on.isoformat() if model.formed_on else None)
    assert projection.in_force_version == model.in_force
    if model.in_force is None:
        assert (doc["fo_version"], doc["pending_version"]) == (model.current, None)
    else:
        pending = model.current if model.current != model.in_force else None
        assert (doc["fo_version"], doc["pending_version"]) == (model.in_force, pending)
    # The engine's approvals agree with the model's: a member is `approved` iff its latest approval is of
    # the current version.
    for name in model.members:
        progress = next(p for p in projection.parties.values() if p.info.name == name)
        approval = model.approvals[name]
        counts = approval is not None and approval[0] == model.current
        assert progress.approved == counts, (name, progress.state, approval, model.current)
        if counts:
            assert approval is not None and (progress.approved_version, progress.approved_on) == approval
    # Stated plainly for the simple case: with one version only, "formed" is exactly the conjunction,
    # as long as no member joined after formation (a joiner needs an amended förbundsordning).
    if model.versions == 1 and (model.in_force is None or model.all_approved_current()):
        assert (doc["state"] == "formed") == (model.complete() and model.all_approved_current())
    return doc


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_command_sequences(
    seeds: tuple[dict[str, Seed], str], canonical: Callable[[CaseProjection], dict[str, Any]], data: st.DataObject
) -> None:
    by_name, fo_text = seeds
    seed = by_name[data.draw(st.sampled_from(("start", "near", "near", "near_without_af")), label="seed")]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        run = start_run(seed, fo_text, workdir)
        try:
            for _ in range(data.draw(st.integers(3, 20), label="length")):
                step_once(run, data, workdir)
            events = run.services.events()
            # (c) again, over the whole run: exactly one event per accepted command.
            assert len(events) == seed.events + run.model.accepted
            # (a) replay equals the stored projection.
            assert canonical(replay(events)) == canonical(run.services.view().projection)
            doc = check_formation(run)
            event(f"{doc['state']}, {run.model.versions} version(s), § 3 complete: {run.model.complete()}")

            if doc["state"] == "formed":
                # Once formed, a new version waits for everyone and the förbund stays formed.
                path = workdir / "amended.md"
                path.write_text(fo_text + "\nNy medlem ansluter.\n", encoding="utf-8")
                number, _ = run.services.add_fo(path, on=run.day)
                after = status_document(run.services.view())["case"]
                assert (after["state"], after["formed_on"]) == ("formed", doc["formed_on"])
                assert (after["fo_version"], after["pending_version"]) == (run.model.in_force, number)
                events = run.services.events()
                assert canonical(replay(events)) == canonical(run.services.view().projection)
        finally:
            run.services.engine.dispose()


def correct_or_void_once(run: Run, data: st.DataObject) -> None:
    """A coordinator's mistake fixed: a decision's date or anslag amended, or an event struck."""
    events = run.services.events()
    decisions = [e for e in events if e.type == "decision"]
    if not decisions:
        return
    target = data.draw(st.sampled_from(decisions), label="target")
    what = data.draw(st.sampled_from(("date", "anslag", "void", "stale")), label="correction")
    shift = timedelta(days=data.draw(st.integers(-40, 40), label="shift"))
    if what == "stale":
        revision = run.services.view().revision
        before = len(events)
        with pytest.raises(StaleRevision):
            run.services.handle(VoidEvent(seq=target.seq, reason="gammal skärm", expected_revision=revision - 1))
        assert len(run.services.events()) == before
        return
    if what == "void":
        run.attempt(lambda: run.services.void(target.seq, reason="felregistrerat"))
        return
    day = min(TODAY, target.event.decided_on + shift)  # type: ignore[union-attr]
    run.attempt(lambda: run.services.correct(target.seq, reason="fel datum", **{what: day}))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_replay_with_corrections_equals_the_projection_and_as_of_is_one_path(
    seeds: tuple[dict[str, Seed], str], canonical: Callable[[CaseProjection], dict[str, Any]], data: st.DataObject
) -> None:
    by_name, fo_text = seeds
    seed = by_name[data.draw(st.sampled_from(("start", "near")), label="seed")]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        run = start_run(seed, fo_text, workdir)
        try:
            for _ in range(data.draw(st.integers(3, 12), label="length")):
                step_once(run, data, workdir)
            for _ in range(data.draw(st.integers(1, 5), label="corrections")):
                correct_or_void_once(run, data)
                events = run.services.events()
                assert canonical(replay(events)) == canonical(run.services.view().projection)
            # "As of" is one path: whatever the day, the view equals a replay up to that day.
            events = run.services.events()
            for day in (START - timedelta(days=1), START, run.day, TODAY):
                viewed = run.services.view(as_of=day).projection
                assert canonical(viewed) == canonical(replay(events, as_of=day)), day
        finally:
            run.services.engine.dispose()
