"""`doctor`: is the database sound? Storage integrity (SQLite's integrity and foreign-key checks), and for every
case: the event log numbered 1, 2, 3 … without gaps, every event readable by the codec, the stored projection
equal to a strict replay of the log, and every förbundsordning text matching its sha256 and its event.

Read-only: one read transaction, nothing is ever repaired here. Each finding is one Swedish sentence with
the facts a developer needs (case, seq, field) in `facts`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Engine, inspect, select, text

from formation.case.events import ForbundsordningAdded
from formation.case.history import replay, resolve
from formation.domain.text import sha256_of
from formation.errors import Refusal, first_line
from formation.store import event_store, fo_text_store, projection_store, schema
from formation.store.basics import HEAD_REVISION
from formation.store.database import current_revision
from formation.store.uow import reading

_EVENTS = schema.events
_CASES = schema.cases
MAX_DIFFERENCES = 5


@dataclass(frozen=True)
class Finding:
    """One problem: a stable code, one Swedish sentence, and where it is."""

    code: str
    message: str
    case: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "case": self.case, **self.facts}


@dataclass
class Report:
    backend: str
    cases: list[str] = field(default_factory=list)
    events: int = 0
    checks: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.clean,
            "backend": self.backend,
            "cases": self.cases,
            "events": self.events,
            "checks": self.checks,
            "problems": [f.as_json() for f in self.findings],
        }


def canonical(value: Any) -> Any:
    """Plain, comparable data from a projection (dataclasses, enums, dates, decimals, dicts, lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize()) if value.is_finite() else str(value)
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


def differences(stored: Any, replayed: Any, path: str = "") -> list[str]:
    """Dotted paths where two canonical values differ (first ones first)."""
    if isinstance(stored, dict) and isinstance(replayed, dict):
        found: list[str] = []
        for key in sorted(set(stored) | set(replayed)):
            where = f"{path}.{key}" if path else key
            if key not in stored or key not in replayed:
                found.append(where)
            else:
                found.extend(differences(stored[key], replayed[key], where))
        return found
    if isinstance(stored, list) and isinstance(replayed, list) and len(stored) == len(replayed):
        found = []
        for index, (a, b) in enumerate(zip(stored, replayed, strict=True)):
            found.extend(differences(a, b, f"{path}[{index}]"))
        return found
    return [] if stored == replayed else [path or "(allt)"]


def examine(engine: Engine) -> Report:
    """Every check, on one consistent snapshot; never raises for what it finds."""
    report = Report(backend=engine.dialect.name)
    try:
        revision = current_revision(engine)
    except Exception as exc:  # noqa: BLE001 - a database doctor must report, not crash
        report.findings.append(Finding("unreadable", f"Databasen kan inte läsas: {_line(first_line(exc))}"))
        return report
    if revision != HEAD_REVISION:
        report.findings.append(
            Finding(
                "schema",
                f"Databasens schema har version {revision}, väntad {HEAD_REVISION}.",
                facts={"revision": revision},
            )
        )
        return report
    if engine.dialect.name == "sqlite":
        _sqlite_checks(engine, report)
    try:
        _case_checks(engine, report)
    except Exception as exc:  # noqa: BLE001
        report.findings.append(Finding("unreadable", f"Ärendena kunde inte läsas: {_line(first_line(exc))}"))
    return report


def _sqlite_checks(engine: Engine, report: Report) -> None:
    with engine.connect() as connection:
        report.checks.append("integrity_check")
        rows = [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            report.findings.append(
                Finding("integrity", f"SQLite integrity_check: {_line(rows[0])}", facts={"details": rows[:20]})
            )
        report.checks.append("foreign_key_check")
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            table, rowid, parent = broken[0][0], broken[0][1], broken[0][2]
            report.findings.append(
                Finding(
                    "foreign_keys",
                    f"{len(broken)} rader pekar på rader som saknas (först {table} rad {rowid} → {parent}).",
                    facts={"rows": [list(map(str, r)) for r in broken[:20]]},
                )
            )


def _case_checks(engine: Engine, report: Report) -> None:
    report.checks += ["sequences", "codec", "replay_equals_projection", "version_hashes"]
    with reading(engine) as session:
        connection = session.connection()
        if not inspect(connection).has_table("cases"):
            return
        cases = connection.execute(select(_CASES.c.id, _CASES.c.slug, _CASES.c.revision).order_by(_CASES.c.id)).all()
        for case_id, slug, revision in cases:
            report.cases.append(slug)
            before = len(report.findings)
            seqs = [
                r[0]
                for r in connection.execute(
                    select(_EVENTS.c.seq).where(_EVENTS.c.case_id == case_id).order_by(_EVENTS.c.seq)
                )
            ]
            report.events += len(seqs)
            _check_sequence(report, slug, seqs, revision)
            try:
                log = event_store.load(session=session, case_id=case_id)
            except Refusal as exc:
                report.findings.append(Finding("codec", f"En händelse kan inte läsas: {exc.message}", slug))
                continue
            if len(report.findings) == before:
                _check_replay(report, slug, log, session, case_id)
            _check_texts(report, slug, log, fo_text_store.text_rows(session=session, case_id=case_id))
        orphans = connection.execute(
            text("SELECT count(*) FROM events WHERE case_id NOT IN (SELECT id FROM cases)")
        ).scalar()
        if orphans:
            report.findings.append(Finding("orphans", f"{orphans} händelser hör inte till något ärende."))


def _check_sequence(report: Report, slug: str, seqs: list[int], revision: int) -> None:
    if not seqs:
        report.findings.append(Finding("empty_log", f"Ärendet {slug} har inga händelser.", slug))
        return
    for expected, seq in enumerate(seqs, start=1):
        if seq != expected:
            report.findings.append(
                Finding(
                    "sequence",
                    f"Ärendet {slug}: händelse {expected} saknas eller ligger fel (fann {seq}); "
                    "löpnumren ska gå 1, 2, 3 …",
                    slug,
                    {"expected": expected, "found": seq},
                )
            )
            return
    if revision < 0:
        report.findings.append(Finding("revision", f"Ärendet {slug} har en negativ revision ({revision}).", slug))


def _check_replay(report: Report, slug: str, log: list[Any], session: Any, case_id: int) -> None:
    try:
        replayed = replay(log, strict=True)
    except Refusal as exc:
        report.findings.append(
            Finding(
                "replay", f"Ärendet {slug}: historiken går inte att spela upp: {exc.message}", slug, dict(exc.facts)
            )
        )
        return
    try:
        stored = projection_store.load(session=session, case_id=case_id).projection
    except Exception as exc:  # noqa: BLE001
        report.findings.append(
            Finding(
                "projection",
                f"Ärendet {slug}: den sparade projektionen kan inte läsas ({_line(first_line(exc))}).",
                slug,
            )
        )
        return
    diff = differences(canonical(stored), canonical(replayed))
    if diff:
        shown = ", ".join(diff[:MAX_DIFFERENCES]) + (" …" if len(diff) > MAX_DIFFERENCES else "")
        report.findings.append(
            Finding(
                "projection",
                f"Ärendet {slug}: den sparade projektionen skiljer sig från en omspelning av händelserna ({shown}); "
                "exportera ärendet och läs in det i en ny databas, så byggs den om från händelserna.",
                slug,
                {"fields": diff[:50]},
            )
        )


def _check_texts(report: Report, slug: str, log: list[Any], rows: list[dict[str, Any]]) -> None:
    # As the log now reads: a struck version's text is not kept (and its number may be the next version's).
    added = {e.event.number: e.event for e in resolve(log) if isinstance(e.event, ForbundsordningAdded)}
    stored = {row["number"]: row for row in rows}
    for number, row in sorted(stored.items()):
        actual = sha256_of(row["text"] or "")
        if actual != row["sha256"]:
            report.findings.append(
                Finding(
                    "version_hash",
                    f"Ärendet {slug}: texten till förbundsordningen v{number} stämmer inte med sin kontrollsumma.",
                    slug,
                    {"version": number, "stored": row["sha256"], "actual": actual},
                )
            )
        event = added.get(number)
        if event is None:
            report.findings.append(
                Finding("version_event", f"Ärendet {slug}: förbundsordningen v{number} saknar sin händelse.", slug)
            )
        elif event.sha256 != row["sha256"]:
            report.findings.append(
                Finding(
                    "version_hash",
                    f"Ärendet {slug}: förbundsordningen v{number} har en annan kontrollsumma än händelsen "
                    "som lade till den.",
                    slug,
                    {"version": number},
                )
            )
    for number in sorted(set(added) - set(stored)):
        report.findings.append(
            Finding("version_text", f"Ärendet {slug}: texten till förbundsordningen v{number} saknas.", slug)
        )


def _line(text_: str) -> str:
    clean = "".join(ch if ch.isprintable() else "?" for ch in text_)
    return clean[:200]
