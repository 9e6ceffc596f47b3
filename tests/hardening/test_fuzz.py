"""Hypothesis over the CLI's arguments and the import format: for every input the exit code is 0 or 2 (never 70,
never a traceback), a refusal is one line, and `doctor` finds the database sound afterwards.

The default example counts keep this to ~20 s in `make test`; FORMATION_FUZZ_EXAMPLES=N runs N of each
(e.g. 2000 for a long run)."""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formation.services.doctor import examine
from formation.store.database import create_database_engine
from tests.hardening.support import Outcome, cli, one_sentence

CORPUS = Path(__file__).parents[1] / "corpus"
LONG = os.environ.get("FORMATION_FUZZ_EXAMPLES")
CLI_EXAMPLES = int(LONG) if LONG else 30
IMPORT_EXAMPLES = int(LONG) if LONG else 25
SETTINGS = dict(
    deadline=None,
    database=None,
    derandomize=not LONG,  # the suite is reproducible; a long run explores
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

NASTY = [
    "",
    " ",
    "NaN",
    "-NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "1e5000",
    "1e-5000",
    "-1",
    "0",
    str(2**31),
    str(2**63),
    str(2**64 + 1),
    "9" * 400,
    "8,0 mnkr",
    "18 MSEK",
    "680 tkr",
    "13%",
    "0,0001",
    "9999-12-31",
    "0001-01-01",
    "2016-02-30",
    "2016-02-01",
    "2199-12-31",
    "2200-01-01",
    "1949-12-31",
    "+002016-01-01",
    "2016-W05-1",
    "\x1b[2J",
    "\x1b]0;titel\x07",
    "\x9b31m",
    "a\nb",
    "a\rb",
    "\x00",
    "\udcff",
    "\u202eabc",
    "[bold red]x[/]",
    "y[/]",
    "'; DROP TABLE events; --",
    "%s%n",
    "{}",
    "../../etc/passwd",
    "Stockholms stad",
    "stockholms-stad",
    "Försäkringskassan",
    "fullmaktige",
    "forstudie",
    "beslut",
    "bifall",
    "avslag",
    "kommun",
    "kommunalforbund",
    "1",
    "6",
    "45",
    "x" * 300,
    "å" * 6000,
]

text = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
party = st.one_of(st.sampled_from(["Stockholms stad", "Stockholms läns landsting", "Försäkringskassan"]), text)
step = st.one_of(st.sampled_from(["forstudie", "namnd", "styrelse", "fullmaktige", "beslut"]), text)
day = st.one_of(st.sampled_from(["2016-02-01", "2015-10-20", "2026-11-23", "9999-12-31", "0001-01-01"]), text)
amount = st.one_of(st.sampled_from(["8,0 mnkr", "4000000", "NaN", "1e5000", "Infinity", "-5"]), text)


def _options(*pairs: tuple[str, st.SearchStrategy[str]]) -> st.SearchStrategy[list[str]]:
    if not pairs:
        return st.just([])
    return st.lists(st.sampled_from(pairs), max_size=3, unique=True).flatmap(
        lambda chosen: st.tuples(*(s for _, s in chosen)).map(
            lambda values: [part for (flag, _), v in zip(chosen, values, strict=True) for part in (flag, v)]
        )
    )


def _command(head: list[st.SearchStrategy[str]], *pairs: tuple[str, st.SearchStrategy[str]]) -> Any:
    return st.tuples(st.tuples(*head), _options(*pairs)).map(lambda t: [*t[0], *t[1]])


COMMANDS = st.one_of(
    _command(
        [st.just("decide"), party, step],
        ("--outcome", st.one_of(st.sampled_from(["bifall", "avslag", "aterremiss", "bordlagd"]), text)),
        ("--date", day),
        ("--anslag", day),
        ("--note", text),
        ("--fo-version", text),
        ("--body", text),
    ),
    _command(
        [st.just("party"), st.just("add"), text],
        ("--kind", st.one_of(st.sampled_from(["kommun", "region", "kommunalforbund"]), text)),
        ("--key", text),
        ("--population", text),
        ("--member-since", day),
        ("--email", text),
    ),
    _command([st.just("party"), st.just("set"), party], ("--key", text), ("--population", text), ("--email", text)),
    _command([st.just("finance")], ("--total", amount), ("--offer", st.builds(lambda p, a: f"{p}={a}", party, amount))),
    _command([st.just("board"), st.just("add"), party, text], ("--from", day), ("--to", day), ("--role", text)),
    _command([st.just("appeal"), st.just("add"), party], ("--filed", day), ("--court", text)),
    _command([st.just("correct"), text], ("--date", day), ("--anslag", day), ("--reason", text), ("--body", text)),
    _command([st.just("void"), text], ("--reason", text)),
    _command([st.just("skip"), party, step], ("--reason", text)),
    _command([st.just("leave"), party], ("--notice", day), ("--years", text)),
    _command([st.just("status")], ("--as-of", day), ("--json", st.just("--json"))),
    _command([st.just("fo"), st.just("show"), text]),
    st.tuples(st.just("--actor"), text, st.sampled_from(["status", "log"])).map(list),
    st.tuples(st.just("--case"), text, st.just("status")).map(list),
    st.tuples(st.just("--if-revision"), text, st.just("void"), st.just("3"), st.just("--reason"), text).map(list),
    st.lists(text, min_size=1, max_size=5),
)
FORBIDDEN = {"tui", "demo", "restore", "--help", "-h"}  # interactive, slow or not about input handling


def contract(outcome: Outcome, what: object) -> None:
    assert outcome.traceback is None, (what, outcome.traceback)
    assert outcome.code in (0, 2), (what, outcome)
    assert "Traceback" not in outcome.stderr, (what, outcome)
    if outcome.code == 2:
        assert one_sentence(outcome), (what, outcome)


def doctor_is_clean(db: Path) -> None:
    engine = create_database_engine(f"sqlite:///{db}")
    try:
        report = examine(engine)
    finally:
        engine.dispose()
    assert report.clean, report.as_json()


@pytest.fixture
def scratch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """A folder for the examples' databases: in memory (/dev/shm) when there is one, since each example commits
    and fsync dominates the run time on a disk; also the working directory, so that an `export FILE` drawn at
    random writes there and not in the repository."""
    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else tmp_path) as folder:
        monkeypatch.chdir(folder)
        yield Path(folder)


@settings(max_examples=CLI_EXAMPLES, **SETTINGS)  # type: ignore[arg-type]
@given(args=COMMANDS)
def test_fuzz_cli_arguments(demo_template: Path, scratch: Path, args: list[str]) -> None:
    if FORBIDDEN & set(args):
        return
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        db = Path(folder) / "case.db"
        shutil.copyfile(demo_template, db)
        contract(cli(db, *args), args)
        doctor_is_clean(db)


def _valid() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((CORPUS / "imports" / "valid.json").read_text(encoding="utf-8"))
    return document


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(NASTY),
        st.text(max_size=20),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


@st.composite
def damaged_documents(draw: st.DrawFn) -> dict[str, Any]:
    document = _valid()
    events: list[dict[str, Any]] = document["events"]
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        action = draw(st.sampled_from(["set", "set-data", "delete", "drop", "duplicate", "swap", "top"]))
        index = draw(st.integers(min_value=0, max_value=len(events) - 1)) if events else 0
        if not events and action != "top":
            break
        if action == "set":
            key = draw(st.sampled_from(sorted(events[index]) + ["extra"]))
            events[index][key] = draw(JSON_VALUES)
        elif action == "set-data" and isinstance(events[index].get("data"), dict):
            data = events[index]["data"]
            key = draw(st.sampled_from([*sorted(data), "extra"]))
            data[key] = draw(st.one_of(JSON_VALUES, st.sampled_from(NASTY)))
        elif action == "delete" and events[index]:
            events[index].pop(draw(st.sampled_from(sorted(events[index]))))
        elif action == "drop":
            events.pop(index)
        elif action == "duplicate":
            again = copy.deepcopy(events[index])
            again["seq"] = len(events) + 1
            events.append(again)
        elif action == "swap" and len(events) > 1:
            other = draw(st.integers(min_value=0, max_value=len(events) - 1))
            events[index]["seq"], events[other]["seq"] = events[other].get("seq"), events[index].get("seq")
        elif action == "top":
            key = draw(st.sampled_from(["format", "format_version", "events", "fo_versions", "case"]))
            document[key] = draw(JSON_VALUES)
            if key == "events":
                break
    return document


@settings(max_examples=IMPORT_EXAMPLES, **SETTINGS)  # type: ignore[arg-type]
@given(document=damaged_documents())
def test_fuzz_import_documents(scratch: Path, document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        source = Path(folder) / "import.json"
        source.write_text(json.dumps(document), encoding="ascii")  # \\u escapes: lone surrogates survive
        db = Path(folder) / "imported.db"
        outcome = cli(db, "import", str(source))
        contract(outcome, document)
        if outcome.code == 0:
            doctor_is_clean(db)
