"""SIGKILL at random points while an import and a stream of decisions write to one SQLite database (two
processes), then `doctor`: the database must be sound after every kill (nothing half-written, replay equals
projection, sequences contiguous, texts matching their hashes).

    python -m tests.hardening.kill_test [--kills 100] [--seed N] [--keep DIR]

Prints one line per kill and a summary; exits 1 when any doctor run found a problem. The pytest version
(test_kill.py) runs a few kills of the same loop."""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

FORMATION = Path(sys.executable).with_name("formation")
TODAY = "2026-11-23"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMATION_")}
    env.update(
        FORMATION_DB=str(db),
        FORMATION_TODAY=TODAY,
        FORMATION_ACTOR="kill-test",
        FORMATION_CONFIG=str(db.parent / "absent.toml"),
    )
    return env


def worker(db: Path, slug: str) -> None:
    """The stream of decisions: add a kommun, decide its steps one by one, then the next kommun; forever."""
    from formation.bootstrap import make_services
    from formation.case.commands import AddParty, RecordDecision
    from formation.clock import FixedClock
    from formation.domain.outcomes import Outcome
    from formation.domain.parties import PartyKind
    from formation.errors import Refusal

    services = make_services(db=str(db), case=slug, actor="stream", clock=FixedClock(date.fromisoformat(TODAY)))
    steps = ("forstudie", "inriktningsbeslut", "namnd", "styrelse")
    number = int(time.time() * 1000) % 1_000_000
    while True:
        number += 1
        name = f"Kommun {number}"
        try:
            result = services.handle(AddParty(name=name, kind=PartyKind.KOMMUN))
        except Refusal:
            continue
        slug_of_party = result.party().info.slug
        day = date(2016, 1, 4)
        for step in steps:
            day += timedelta(days=7)
            try:
                services.handle(
                    RecordDecision(party=slug_of_party, step=step, outcome=Outcome.BIFALL, decided_on=day, note="ström")
                )
            except Refusal:
                break


@dataclass
class Tally:
    kills: int = 0
    clean: int = 0
    stream_events: int = 0
    imports_done: int = 0
    problems: list[str] = field(default_factory=list)


def doctor(db: Path) -> list[str]:
    from formation.services.doctor import examine
    from formation.store.database import open_database

    engine = open_database(f"sqlite:///{db}", create=False)
    try:
        report = examine(engine)
    finally:
        engine.dispose()
    return [f"{f.code}: {f.message}" for f in report.findings]


def prepare(folder: Path) -> tuple[Path, dict[str, object]]:
    """A database with the demo case, and the demo's export to import again under new slugs."""
    db = folder / "kill.db"
    subprocess.run([str(FORMATION), "demo", "--only", "stockholm"], env=_env(db), check=True, capture_output=True)
    export = folder / "demo.json"
    subprocess.run([str(FORMATION), "export", str(export)], env=_env(db), check=True, capture_output=True)
    document: dict[str, object] = json.loads(export.read_text(encoding="utf-8"))
    return db, document


def renamed(document: dict[str, object], slug: str) -> dict[str, object]:
    events = json.loads(json.dumps(document["events"]))
    events[0]["data"]["slug"] = slug
    events[0]["data"]["name"] = f"Samordningsförbundet {slug}"
    return {**document, "events": events, "case": {**document["case"], "slug": slug}}  # type: ignore[dict-item]


def run(kills: int, seed: int, folder: Path, *, verbose: bool = True) -> Tally:
    rng = random.Random(seed)
    db, document = prepare(folder)
    tally = Tally()
    for index in range(kills):
        slug = f"kopia-{index}"
        source = folder / f"import-{index}.json"
        source.write_text(json.dumps(renamed(document, slug), ensure_ascii=False), encoding="utf-8")
        stream = subprocess.Popen(
            [sys.executable, "-m", "tests.hardening.kill_test", "--worker", str(db), "--case", "stockholm"],
            env=_env(db),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=Path(__file__).resolve().parents[2],
        )
        _wait_for_stream(db, stream)  # the stream is committing decisions before the import starts
        importer = subprocess.Popen(
            [str(FORMATION), "import", str(source)], env=_env(db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        delay = rng.uniform(0.05, 2.5)
        time.sleep(delay)
        victims = rng.choice(["both", "import", "stream"])
        for name, process in (("import", importer), ("stream", stream)):
            if victims in ("both", name):
                process.send_signal(signal.SIGKILL)
        for process in (importer, stream):
            if process.poll() is None and process is stream:
                process.send_signal(signal.SIGKILL)  # the stream never ends on its own
            process.wait(timeout=60)
        for name, process in (("import", importer), ("stream", stream)):
            error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            if process.returncode not in (0, 2, -signal.SIGKILL) or "Traceback" in error:
                tally.problems.append(f"kill {index}: {name} exited {process.returncode}: {error.strip()[-300:]}")
        if importer.returncode == 0:
            tally.imports_done += 1
        tally.kills += 1
        found = doctor(db)
        if found:
            tally.problems.extend(f"kill {index}: {p}" for p in found)
        else:
            tally.clean += 1
        if verbose:
            say(
                f"kill {index + 1:3d}/{kills} after {delay:.2f}s ({victims}): import exit {importer.returncode}, "
                f"doctor {'clean' if not found else '; '.join(found)}"
            )
    tally.stream_events = _stream_events(db)
    return tally


def _stream_events(db: Path) -> int:
    import sqlite3

    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return int(connection.execute("SELECT count(*) FROM events WHERE actor = 'stream'").fetchone()[0])
    finally:
        connection.close()


def _wait_for_stream(db: Path, stream: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    before = _stream_events(db)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and stream.poll() is None:
        if _stream_events(db) > before:
            return
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--worker", type=Path)
    parser.add_argument("--case", default="stockholm")
    options = parser.parse_args()
    if options.worker:
        worker(options.worker, options.case)
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        folder = options.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        tally = run(options.kills, options.seed, folder)
    say(
        f"{tally.kills} SIGKILLs in {time.monotonic() - started:.0f} s, {tally.imports_done} imports completed, "
        f"{tally.stream_events} decisions and parties committed by the stream, "
        f"doctor clean after {tally.clean} of {tally.kills}."
    )
    for problem in tally.problems:
        say(f"PROBLEM {problem}")
    return 1 if tally.problems else 0


if __name__ == "__main__":
    sys.exit(main())
