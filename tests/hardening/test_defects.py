"""One test (or one parametrized family) per defect in issue 8, run in-process through `formation.cli.main.main`
so that the exit-code mapping is what is tested. Each fails on e35752b and passes on this branch unless its
docstring says the core reshaping had already fixed it (then it guards against a relapse)."""

from __future__ import annotations

import copy
import json
import sqlite3
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.hardening.support import cli, doctor_clean, file_state, one_sentence

P = "Stockholms stad"
DECIDE = ("decide", P, "fullmaktige", "--outcome", "bifall", "--date", "2016-02-01")


def refused(db: Path, *args: str, env: dict[str, str] | None = None) -> None:
    """The command exits 2 with one Swedish sentence and leaves the database exactly as it was."""
    before = file_state(db)
    outcome = cli(db, *args, env=env)
    assert outcome.code == 2, outcome
    assert one_sentence(outcome), outcome
    assert outcome.traceback is None
    assert file_state(db) == before


# ---- far dates: accepted input that broke a case for good ----------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        (*DECIDE[:-1], "2016-02-01", "--anslag", "9999-12-31"),
        ("board", "add", P, "Anna Andersson", "--from", "9999-12-31"),
        ("board", "add", P, "Anna Andersson", "--from", "2023-04-01", "--to", "9999-12-31"),
        ("appeal", "add", P, "--filed", "9999-12-31"),
        ("decide", P, "fullmaktige", "--outcome", "bifall", "--date", "9999-12-31"),
        ("fo", "add", "FILE", "--start", "9999-12-31"),
        ("status", "--as-of", "9999-12-31"),
        ("leave", P, "--notice", "9999-12-31"),
    ],
    ids=["anslag", "board-from", "board-to", "appeal-filed", "decide-date", "fo-start", "as-of", "leave-notice"],
)
def test_far_date_is_refused_and_the_case_stays_readable(demo_db: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    """Was: `board add --from 9999-12-31` exit 70 (OverflowError); decide/appeal far dates already refused."""
    sample = tmp_path / "fo.md"
    sample.write_text("# Förbundsordning\n\n§ 1 Namn\n\nNågot nytt.\n", encoding="utf-8")
    args = tuple(str(sample) if a == "FILE" else a for a in args)
    refused(demo_db, *args)
    for read in (("status",), ("status", "--json"), ("party", "list"), ("log",), ("board", "list")):
        assert cli(demo_db, *read).code == 0, read
    doctor_clean(demo_db)


# ---- import trusts the file ------------------------------------------------------------------------------------


def _export(db: Path, tmp_path: Path) -> dict[str, object]:
    out = tmp_path / f"export-{len(list(tmp_path.glob('export-*')))}.json"
    assert cli(db, "export", str(out)).code == 0
    document: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return document


def _events(doc: dict[str, object]) -> list[dict[str, object]]:
    events = doc["events"]
    assert isinstance(events, list)
    return events


def _mutate_first(event_type: str, **changes: object) -> object:
    def mutate(doc: dict[str, object]) -> None:
        event = next(e for e in _events(doc) if e["type"] == event_type)
        data = event["data"]
        assert isinstance(data, dict)
        for key, value in changes.items():
            (data if key in data else event)[key] = value

    return mutate


def _duplicate_party(doc: dict[str, object]) -> None:
    events = _events(doc)
    again = copy.deepcopy(next(e for e in events if e["type"] == "party_added"))
    again["seq"] = len(events) + 1
    events.append(again)


def _swap(doc: dict[str, object]) -> None:
    events = _events(doc)
    events[3]["seq"], events[4]["seq"] = events[4]["seq"], events[3]["seq"]


def _set(index: int, key: str, value: object) -> object:
    def mutate(doc: dict[str, object]) -> None:
        _events(doc)[index][key] = value

    return mutate


def _bad_text(doc: dict[str, object]) -> None:
    versions = doc["fo_versions"]
    assert isinstance(versions, list)
    versions[0]["text"] += "\nEn mening som inte fanns."


def _huge_text(doc: dict[str, object]) -> None:
    versions = doc["fo_versions"]
    assert isinstance(versions, list)
    versions[0]["text"] = "x" * 2_000_001


def _nest(doc: dict[str, object]) -> None:
    deep: object = []
    for _ in range(200):
        deep = [deep]
    _events(doc)[1]["data"]["workflow"] = deep  # type: ignore[index]


IMPORT_CORRUPTIONS = {
    "gap": lambda doc: _events(doc).pop(2),
    "negative-seq": _set(2, "seq", -1),
    "zero-seq": _set(0, "seq", 0),
    "swapped": _swap,
    "duplicate-party": _duplicate_party,
    "sha-mismatch": _bad_text,
    "long-name": _mutate_first("party_added", name="N" * 500),
    "long-note": _mutate_first("decision", note="x" * 6000),
    "name-with-newline": _mutate_first("party_added", name="Falun\nBorlänge"),
    "esc-actor": _set(1, "actor", "\x1b[2Jroot"),
    "long-actor": _set(1, "actor", "a" * 5000),
    "naive-recorded-at": _set(1, "recorded_at", "2016-01-01T12:00:00"),
    "far-recorded-at": _set(1, "recorded_at", "9999-12-31T23:59:59+00:00"),
    "far-decision-date": _mutate_first("decision", date="9999-12-31"),
    "far-anslag": _mutate_first("decision", anslag="9999-12-31"),
    "missing-data": lambda doc: _events(doc)[1].pop("data"),
    "data-list": _set(1, "data", [[1, 2, 3]]),
    "name-number": _mutate_first("party_added", name=5),
    "seq-string": _set(1, "seq", "2"),
    "seq-bool": _set(1, "seq", True),
    "unknown-type": _set(1, "type", "party_added\x1b[31m"),
    "format-version-string": lambda doc: doc.update(format_version="1"),
    "format-version-2": lambda doc: doc.update(format_version=2),
    "events-dict": lambda doc: doc.update(events={"a": 1}),
    "version-text-missing": lambda doc: doc.update(fo_versions=[]),
    "huge-version-text": _huge_text,
    "deeply-nested": _nest,
    "key-nan": _mutate_first("party_added", key_percent="NaN"),
    "population-huge": _mutate_first("party_added", population=2**70),
    "lone-surrogate-actor": _set(1, "actor", "\udcff"),
    "lone-surrogate-name": _mutate_first("party_added", name="Kommun \udcff"),
    "lone-surrogate-text": lambda doc: doc["fo_versions"][0].update(text="§ 1 \ud800"),  # type: ignore[index]
    "kommunalforbund-member": _mutate_first("party_added", kind="kommunalforbund"),
    "bidi-name": _mutate_first("party_added", name="Kommun \u202enuq"),
}


@pytest.mark.parametrize("name", sorted(IMPORT_CORRUPTIONS))
def test_import_refuses_a_file_that_does_not_fit(demo_db: Path, tmp_path: Path, name: str) -> None:
    """Was: several of these imported (projection differing from replay) or exited 70 (naive recorded_at)."""
    document = _export(demo_db, tmp_path)
    IMPORT_CORRUPTIONS[name](document)  # type: ignore[operator]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="ascii")  # \u escapes, as JSON allows (lone surrogates too)
    target = tmp_path / "new.db"
    outcome = cli(target, "import", str(bad))
    assert outcome.code == 2, outcome
    assert one_sentence(outcome), outcome
    assert not target.exists() or cli(target, "status").code == 2  # no case was created


def test_import_recomputes_everything_and_doctor_agrees(demo_db: Path, tmp_path: Path) -> None:
    """Derived fields of the file (parties[], fo_versions[] besides text) are ignored: replay decides."""
    document = _export(demo_db, tmp_path)
    document["parties"] = [{"slug": "stockholms-stad", "state": "approved", "approved_version": 9}]
    versions = document["fo_versions"]
    assert isinstance(versions, list)
    versions[0]["start_date"] = "2199-01-01"
    versions[0]["number"] = 7
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "imported.db"
    assert cli(target, "import", str(good)).code == 0
    doctor_clean(target)
    a, b = cli(demo_db, "status", "--json"), cli(target, "status", "--json")
    assert json.loads(a.stdout) == json.loads(b.stdout)


def test_import_file_limits(tmp_path: Path) -> None:
    """Was: nesting 20 000 deep exited 70 through the decoder; NaN was read as a number."""
    target = tmp_path / "new.db"
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "formation-case", "format_version": 1, "events": ' + "[" * 20000 + "]" * 20000 + "}")
    nan = tmp_path / "nan.json"
    nan.write_text('{"format": "formation-case", "format_version": NaN, "events": []}')
    for path in (deep, nan):
        outcome = cli(target, "import", str(path))
        assert outcome.code == 2 and one_sentence(outcome), outcome


# ---- actor -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["option-esc", "env-esc", "option-long", "env-c1", "config-esc", "option-newline"])
def test_actor_is_validated(demo_db: Path, tmp_path: Path, how: str) -> None:
    """Writes refused an ESC actor already (core); now every source is checked before anything is opened."""
    env: dict[str, str] = {}
    args: tuple[str, ...] = DECIDE
    if how == "option-esc":
        args = ("--actor", "x\x1b[2J\x1b[1;1Hforged", *DECIDE)
    elif how == "option-long":
        args = ("--actor", "a" * 5000, *DECIDE)
    elif how == "option-newline":
        args = ("--actor", "kalle\n2016-02-01 forged line", *DECIDE)
    elif how == "env-esc":
        env["FORMATION_ACTOR"] = "x\x1b[2J"
    elif how == "env-c1":
        env["FORMATION_ACTOR"] = "x\x9b2J"
    else:
        config = tmp_path / "formation.toml"
        config.write_text('actor = "x\\u001b[2J"\n', encoding="utf-8")
        env["FORMATION_CONFIG"] = str(config)
        env["FORMATION_ACTOR"] = ""
    refused(demo_db, *args, env=env)
    log = cli(demo_db, "log")
    assert "\x1b" not in log.stdout and "forged" not in log.stdout


# ---- bad inputs that exited 70 ---------------------------------------------------------------------------------


BAD_ARGUMENTS = [
    ("finance", "--total", "NaN"),
    ("finance", "--total", "Infinity"),
    ("finance", "--total", "-Infinity"),
    ("finance", "--total", "1e5000"),
    ("finance", "--total", "1e-5000"),
    ("finance", "--total", "sNaN"),
    ("finance", "--offer", "Försäkringskassan=NaN"),
    ("finance", "--offer", "Försäkringskassan=1e5000"),
    ("finance", "--offer", "Försäkringskassan=Infinity mnkr"),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--key", "NaN"),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--key", "Infinity"),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--key", "1e5000"),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--key", "1e-5000"),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--population", str(2**63)),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--population", str(2**64 + 1)),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--population", "9" * 5000),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--population", "1e5000"),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--population", "-5"),
    ("party", "set", P, "--population", str(2**63)),
    ("party", "set", P, "--key", "NaN"),
    ("--if-revision", "9" * 5000, "status"),
    ("decide", P, "fullmaktige", "--outcome", "bifall", "--date", "99999-01-01"),
    ("decide", P, "fullmaktige", "--outcome", "bifall", "--date", "0001-01-01"),
    ("decide", P, "fullmaktige", "--outcome", "bifall", "--date", "9999-12-31"),
    ("decide", P, "fullmaktige", "--outcome", "bifall", "--date", "2016-02-30"),
    ("board", "add", P, "Anna", "--from", "9999-12-31"),
    ("board", "add", P, "Anna", "--to", "0001-01-01"),
    ("party", "add", "Ny kommun", "--kind", "kommun", "--member-since", "9999-12-31"),
    ("leave", P, "--notice", "9999-12-31", "--years", "3"),
    ("leave", P, "--notice", "2020-01-01", "--years", "9" * 100),
    ("init", "Nytt", "--slug", "nytt", "--start", "9999-12-31"),
    ("status", "--as-of", "0001-01-01"),
    ("correct", "6", "--date", "9999-12-31", "--reason", "fel"),
    ("correct", "9" * 40, "--reason", "fel"),
    ("void", "-1", "--reason", "fel"),
]


@pytest.mark.parametrize("args", BAD_ARGUMENTS, ids=lambda a: " ".join(a)[:60])
def test_bad_argument_is_one_sentence_exit_2(demo_db: Path, args: tuple[str, ...]) -> None:
    """Was: exit 70 for board far dates (and NaN/overflow inputs on main before the core issue)."""
    refused(demo_db, *args)


def test_non_utf8_argument_is_refused(demo_db: Path) -> None:
    """Was: UnicodeEncodeError, exit 70. Python keeps undecodable bytes as lone surrogates."""
    refused(demo_db, "party", "add", "Kommun\udcff\udcfe", "--kind", "kommun")
    refused(demo_db, "decide", "Stockholms stad\udce4", "fullmaktige", "--outcome", "bifall", "--date", "2016-02-01")


def test_deeply_nested_and_huge_workflow_yaml_is_refused(demo_db: Path, tmp_path: Path) -> None:
    """Was: RecursionError, exit 70 (deep YAML); a 20 001-step workflow was accepted and made decide take 28 s."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("kind: kommun\nsteps: " + "[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
    indented = tmp_path / "indented.yaml"
    indented.write_text("kind: kommun\nsteps:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)))
    steps = "".join(f"  - id: s{i}\n    label: S{i}\n" for i in range(20000))
    huge = tmp_path / "huge.yaml"
    huge.write_text(
        "kind: kommun\nlabel: Kommun\ndecider: KF\nsteps:\n" + steps + "  - id: kf\n    label: KF\n    approves: true\n"
    )
    laughs = tmp_path / "laughs.yaml"
    laughs.write_text(
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    )
    for path in (deep, indented, huge, laughs):
        started = time.monotonic()
        for args in (
            ("workflow", "check", str(path)),
            ("party", "add", "Ny kommun", "--kind", "kommun", "--workflow", str(path)),
        ):
            outcome = cli(demo_db, *args)
            assert outcome.code == 2, (path.name, outcome)
            assert outcome.traceback is None
        assert time.monotonic() - started < 10, path.name


# ---- reads take the write lock -----------------------------------------------------------------------------------


def test_reads_do_not_wait_for_a_writer(demo_db: Path, tmp_path: Path) -> None:
    """Fixed by the core reshaping (reads BEGIN DEFERRED); kept as a guard: status, log and export answer
    at once while another connection holds the write lock."""
    writer = sqlite3.connect(demo_db, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE cases SET name = name")
    try:
        started = time.monotonic()
        for args in (("status",), ("log",), ("export", str(tmp_path / "e.json")), ("party", "list")):
            outcome = cli(demo_db, *args)
            assert outcome.code == 0, (args, outcome)
        assert time.monotonic() - started < 8
    finally:
        writer.execute("ROLLBACK")
        writer.close()


# ---- a refused command creates a database ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("log",),
        ("party", "list"),
        ("fo", "list"),
        ("decide", P, "forstudie", "--outcome", "bifall", "--date", "2015-01-01"),
        ("export", "out.json"),
        ("doctor",),
        ("backup", "b.db"),
        ("finance", "--total", "8 mnkr"),
    ],
)
def test_refused_command_creates_no_database(tmp_path: Path, args: tuple[str, ...]) -> None:
    """Was: `FORMATION_DB=ny.db formation status` left a migrated file. Only init, import, demo create one."""
    db = tmp_path / "ny.db"
    args = tuple(str(tmp_path / a) if a.endswith((".json", ".db")) else a for a in args)
    outcome = cli(db, *args)
    assert outcome.code == 2, outcome
    assert one_sentence(outcome)
    assert not db.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_init_still_creates_a_database(tmp_path: Path) -> None:
    db = tmp_path / "ny.db"
    assert cli(db, "init", "Samordningsförbundet Ny").code == 0
    assert cli(db, "status").code == 0


@pytest.mark.postgres
def test_refused_command_leaves_an_empty_postgres_database_empty(pg_url: str) -> None:
    from sqlalchemy import create_engine, inspect

    outcome = cli(pg_url, "status")
    assert outcome.code == 2 and one_sentence(outcome), outcome
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            assert inspect(connection).get_table_names() == []
    finally:
        engine.dispose()


# ---- privacy ---------------------------------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_database_and_folder_are_private(tmp_path: Path) -> None:
    """Was: 0644 file in a 0755 folder."""
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    outcome = cli(None, "init", "Samordningsförbundet Privat", env=env)
    assert outcome.code == 0, outcome
    folder = tmp_path / "data" / "formation"
    assert _mode(folder) == 0o700
    assert _mode(folder / "formation.db") == 0o600
    for extra in folder.glob("formation.db-*"):
        assert _mode(extra) & 0o077 == 0, extra


def test_database_given_by_path_is_private(tmp_path: Path) -> None:
    db = tmp_path / "case.db"
    assert cli(db, "init", "Samordningsförbundet Privat").code == 0
    assert _mode(db) == 0o600


def test_export_is_private_without_contacts_and_never_overwrites(demo_db: Path, tmp_path: Path) -> None:
    """Was: 0644, e-mail addresses (even cleared ones) in the export, silent overwrite, symlinks followed."""
    assert cli(demo_db, "party", "set", P, "--email", "-").code == 0  # cleared: must not linger in the export
    out = tmp_path / "export.json"
    assert cli(demo_db, "export", str(out)).code == 0
    assert _mode(out) == 0o600
    text = out.read_text(encoding="utf-8")
    assert "@" not in text
    assert "samordnare@stockholm.example" not in text
    refused(demo_db, "export", str(out))
    assert cli(demo_db, "export", str(out), "--force", "--with-contacts").code == 0
    assert "finsam@sll.example" in out.read_text(encoding="utf-8")
    # the round trip without contacts still imports and replays cleanly
    assert cli(demo_db, "export", str(out), "--force").code == 0
    assert cli(tmp_path / "copy.db", "import", str(out)).code == 0
    doctor_clean(tmp_path / "copy.db")


def test_export_never_follows_a_symlink(demo_db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch\n")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    for force in ((), ("--force",)):
        refused(demo_db, "export", str(link), *force)
    assert victim.read_text() == "do not touch\n"
    assert link.is_symlink()


# ---- size limits -----------------------------------------------------------------------------------------------


def test_text_sanity_refuses_huge_nul_and_utf16(tmp_path: Path) -> None:
    """The checks `fo_text` calls (wired in at the merge; see test_fo_add_refuses_nul_and_utf16)."""
    from formation.errors import Refusal
    from formation.io import text_sanity

    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB without writing them
    started = time.monotonic()
    with pytest.raises(Refusal):
        text_sanity.check_file(big)
    assert time.monotonic() - started < 1
    for data in (b"\x00" * 1000, "§ 1 Namn".encode("utf-16"), "§ 1 Namn".encode("utf-16-le")):
        with pytest.raises(Refusal):
            text_sanity.check_bytes(data, "fo.txt")
    for text in (
        "\x00" * 1000,
        "§ 1 Namn".encode("utf-16").decode("cp1252"),
        "ÿþ§\x00 \x001\x00",
        "x" * (text_sanity.TEXT_MAX_CHARS + 1),
        "Rubrik\x1b[2J",
    ):
        with pytest.raises(Refusal) as refusal:
            text_sanity.check_text(text, "fo.txt")
        assert "\n" not in refusal.value.message
    text_sanity.check_text("# Förbundsordning\n\n§ 1 Namn\r\n\tÄndamål\f", "fo.md")
    text_sanity.check_bytes("# Förbundsordning\n§ 1".encode(), "fo.md")


def test_zip_bomb_docx_is_refused_before_unpacking(tmp_path: Path) -> None:
    from formation.errors import Refusal
    from formation.io import text_sanity

    bomb = tmp_path / "bomb.docx"
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        chunk = b"\x00" * (1024 * 1024)
        for _ in range(100):
            member.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(Refusal):
        text_sanity.check_docx_archive(bomb)


def test_fo_add_refuses_nul_and_utf16(demo_db: Path, tmp_path: Path) -> None:
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"\x00" * 1000)
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Förbundsordning\n§ 1 Namn\n".encode("utf-16"))
    for path in (nul, utf16):
        refused(demo_db, "fo", "add", str(path))


def test_import_with_a_huge_version_text_is_refused_early(demo_db: Path, tmp_path: Path) -> None:
    document = _export(demo_db, tmp_path)
    _huge_text(document)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    outcome = cli(tmp_path / "new.db", "import", str(path))
    assert outcome.code == 2 and one_sentence(outcome)


# ---- refusals that were not one Swedish sentence ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("decide", "Ny\nrad\x1b[2J\x9bparten", "forstudie", "--outcome", "bifall", "--date", "2015-01-01"),
        ("decide", P, "steg\x1b]0;titel\x07", "--outcome", "bifall", "--date", "2015-01-01"),
        ("decide", P, "fullmaktige", "--outcome", "ja\nnej", "--date", "2016-02-01"),
        ("decide", P, "fullmaktige", "--outcome", "bifall", "--date", "2016\n02\x1b01"),
        ("party", "add", "X", "--kind", "kommun\x1b[31m"),
        ("party", "add", "Ny\x85kommun", "--kind", "kommun"),
        ("--case", "ärende\x1b[2J", "status"),
        ("fo", "show", "v1\x1b[2J"),
        ("finance", "--offer", "Okänd\x1b[2J=8 mnkr"),
    ],
    ids=lambda a: repr(a)[:50],
)
def test_user_input_in_a_refusal_is_one_line_without_escapes(demo_db: Path, args: tuple[str, ...]) -> None:
    refused(demo_db, *args)


ENGLISH = ("cannot", "invalid", "error", "unsupported", "sequence", "dictionary", "expected", "object")


def test_import_refusals_are_swedish_and_consistent(demo_db: Path, tmp_path: Path) -> None:
    """Was: "cannot convert dictionary update sequence…", "version 1 stöds inte; bara 1"."""
    for name in ("data-list", "format-version-string", "missing-data", "name-number"):
        document = _export(demo_db, tmp_path)
        IMPORT_CORRUPTIONS[name](document)  # type: ignore[operator]
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        outcome = cli(tmp_path / "n.db", "import", str(path))
        assert outcome.code == 2, outcome
        lowered = outcome.stderr.lower()
        assert not any(word in lowered for word in ENGLISH), outcome
    document = _export(demo_db, tmp_path)
    document["format_version"] = "1"
    path = tmp_path / "v.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    message = cli(tmp_path / "n.db", "import", str(path)).stderr
    assert "format 1" not in message.split(";")[0] or "'1'" not in message  # never "format '1' … bara format 1"


# ---- FORMATION_DEBUG ---------------------------------------------------------------------------------------------


def _crash(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("boom")


@pytest.mark.parametrize("debug", ["1", "0", "", "yes", "true"])
def test_a_crash_exits_70_and_only_debug_1_shows_the_traceback(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, debug: str
) -> None:
    """Was: FORMATION_DEBUG=1 re-raised (exit 1, "a check found a problem"); FORMATION_DEBUG=0 also turned it on."""
    import formation.reports.status as status_module

    monkeypatch.setattr(status_module, "status_document", _crash)
    outcome = cli(demo_db, "status", env={"FORMATION_DEBUG": debug})
    assert outcome.code == 70, outcome
    assert outcome.traceback is None
    assert ("Traceback" in outcome.stderr) == (debug == "1"), outcome
    assert "Internt fel (RuntimeError: boom)" in outcome.stderr


# ---- real processes ----------------------------------------------------------------------------------------------

FORMATION = Path(sys.executable).with_name("formation")


def _run(db: Path, *args: str | bytes, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    from tests.hardening.support import base_env

    env = base_env(db)
    env.update(extra or {})
    return subprocess.run([str(FORMATION), *args], env=env, capture_output=True, timeout=60, check=False)


def test_subprocess_non_utf8_argument_and_crash_code(demo_db: Path) -> None:
    result = _run(demo_db, "party", "add", b"Kommun\xff\xfe", "--kind", "kommun")
    assert result.returncode == 2, result
    assert b"Traceback" not in result.stderr and result.stderr.count(b"\n") == 1
    result = _run(demo_db, "status", "--as-of", "9999-12-31")
    assert result.returncode == 2, result
    result = _run(demo_db, "doctor")
    assert result.returncode == 0, result


def test_subprocess_refused_command_creates_nothing(tmp_path: Path) -> None:
    result = _run(tmp_path / "ny.db", "status")
    assert result.returncode == 2
    assert not (tmp_path / "ny.db").exists()
