"""Writes the committed corpus of nasty inputs (from the repository root: python -m tests.corpus.make_corpus).

files/      förbundsordning files for `fo add` / `fo check`
imports/    documents for `import` (a small valid export, then one damage per file)
yaml/       workflow definitions for `workflow check` / `party add --workflow`
arguments/  argument lists, one JSON array per line, run against the Stockholm demo
The expected result of every input is the same: exit 0 or 2, never 70, never a traceback, doctor clean after.
"""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def small_export() -> dict[str, object]:
    """A small real case exported by the CLI (made in a temporary database)."""
    import tempfile

    from tests.hardening.support import cli

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "small.db"
        fo = Path(folder) / "fo.md"
        fo.write_text("# Förbundsordning\n\n## § 1 Namn\n\nSamordningsförbundet Liten.\n", encoding="utf-8")
        for args in (
            ("init", "Samordningsförbundet Liten", "--slug", "liten", "--start", "2027-01-01"),
            ("party", "add", "Liten kommun", "--kind", "kommun", "--email", "kontakt@liten.example"),
            ("party", "add", "Region Liten", "--kind", "region"),
            ("party", "add", "Försäkringskassan", "--kind", "forsakringskassan"),
            ("party", "add", "Arbetsförmedlingen", "--kind", "arbetsformedlingen"),
            ("fo", "add", str(fo), "--date", "2026-01-15"),
            ("decide", "Liten kommun", "forstudie", "--outcome", "bifall", "--date", "2026-02-01", "--note", "Ok."),
            ("decide", "Försäkringskassan", "forstudie", "--outcome", "bifall", "--date", "2026-02-03"),
            ("export", str(Path(folder) / "out.json"), "--with-contacts"),
        ):
            outcome = cli(db, *args)
            assert outcome.code == 0, (args, outcome)
        document: dict[str, object] = json.loads((Path(folder) / "out.json").read_text(encoding="utf-8"))
    return document


def import_damages(base: dict[str, object]) -> dict[str, object]:
    events = base["events"]
    assert isinstance(events, list)
    out: dict[str, object] = {}

    def damaged(name: str, change: object) -> None:
        doc = copy.deepcopy(base)
        change(doc)  # type: ignore[operator]
        out[name] = doc

    def event(doc: dict[str, object], index: int) -> dict[str, object]:
        found = doc["events"][index]  # type: ignore[index]
        assert isinstance(found, dict)
        return found

    damaged("valid", lambda d: None)
    damaged("gap", lambda d: d["events"].pop(2))  # type: ignore[union-attr]
    damaged("negative-seq", lambda d: event(d, 2).update(seq=-3))
    damaged("huge-seq", lambda d: event(d, 2).update(seq=2**80))
    damaged("float-seq", lambda d: event(d, 2).update(seq=3.0))
    damaged("duplicate-create", lambda d: d["events"].append({**event(d, 0), "seq": len(events) + 1}))  # type: ignore[union-attr]
    damaged("duplicate-party", lambda d: d["events"].append({**event(d, 1), "seq": len(events) + 1}))  # type: ignore[union-attr]
    damaged("sha-mismatch", lambda d: d["fo_versions"][0].update(text="Annan text"))  # type: ignore[index]
    damaged("no-texts", lambda d: d.update(fo_versions=[]))
    damaged("long-name", lambda d: event(d, 1)["data"].update(name="N" * 5000))  # type: ignore[union-attr]
    damaged("esc-name", lambda d: event(d, 1)["data"].update(name="Liten\x1b[2J kommun"))  # type: ignore[union-attr]
    damaged("bidi-name", lambda d: event(d, 1)["data"].update(name="Liten \u202ekommun"))  # type: ignore[union-attr]
    damaged("esc-actor", lambda d: event(d, 1).update(actor="\x1b]0;owned\x07"))
    damaged("naive-time", lambda d: event(d, 1).update(recorded_at="2026-01-01T10:00:00"))
    damaged("far-time", lambda d: event(d, 1).update(recorded_at="9999-12-31T23:59:59+00:00"))
    damaged("far-date", lambda d: event(d, 6).update(date="9999-12-31"))
    damaged("nan-key", lambda d: event(d, 1)["data"].update(key_percent="NaN"))  # type: ignore[union-attr]
    damaged("tiny-key", lambda d: event(d, 1)["data"].update(key_percent="1E-5000"))  # type: ignore[union-attr]
    damaged("huge-population", lambda d: event(d, 1)["data"].update(population=2**70))  # type: ignore[union-attr]
    damaged("missing-data", lambda d: event(d, 1).pop("data"))
    damaged("data-list", lambda d: event(d, 1).update(data=[["a", 1]]))
    damaged("wrong-kind", lambda d: event(d, 1)["data"].update(kind="kommunalforbund"))  # type: ignore[union-attr]
    damaged("unknown-field", lambda d: event(d, 1)["data"].update(secret=1))  # type: ignore[union-attr]
    damaged("unknown-type", lambda d: event(d, 1).update(type="drop_table"))
    damaged("format-string", lambda d: d.update(format_version="1"))
    damaged("format-2", lambda d: d.update(format_version=2))
    damaged("not-formation", lambda d: d.update(format="something-else"))
    damaged("events-null", lambda d: d.update(events=None))
    damaged("events-empty", lambda d: d.update(events=[]))
    damaged("first-not-create", lambda d: d.update(events=d["events"][1:]))  # type: ignore[index]
    damaged("outcome-unknown", lambda d: event(d, 6).update(outcome="kanske"))
    damaged("step-unknown", lambda d: event(d, 6).update(step="nope"))
    damaged("party-unknown", lambda d: event(d, 6).update(party="nobody"))
    damaged("workflow-garbage", lambda d: event(d, 1)["data"].update(workflow={"steps": "x"}))  # type: ignore[union-attr]
    damaged("template-garbage", lambda d: event(d, 0)["data"].update(template={"kinds": []}))  # type: ignore[union-attr]
    return out


YAML = {
    "deep-flow.yaml": "kind: kommun\nsteps: " + "[" * 20000 + "]" * 20000 + "\n",
    "deep-block.yaml": "kind: kommun\nsteps:\n" + "".join("  " * i + "- \n" for i in range(1, 200)),
    "many-steps.yaml": "kind: kommun\nlabel: Kommun\ndecider: KF\nsteps:\n"
    + "".join(f"  - id: s{i}\n    label: S{i}\n" for i in range(20001))
    + "  - id: kf\n    label: KF\n    approves: true\n",
    "101-steps.yaml": "kind: kommun\nlabel: Kommun\ndecider: KF\nsteps:\n"
    + "".join(f"  - id: s{i}\n    label: S{i}\n" for i in range(100))
    + "  - id: kf\n    label: KF\n    approves: true\n",
    "laughs.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)),
    "python-tag.yaml": "kind: !!python/object/apply:os.system ['echo owned']\nsteps: []\n",
    "binary.yaml": "kind: !!binary AAAA\nsteps: []\n",
    "tabs.yaml": "kind: kommun\nsteps:\n\t- id: a\n",
    "duplicate-keys.yaml": "kind: kommun\nkind: region\nsteps:\n  - id: a\n    label: A\n    approves: true\n",
    "esc-label.yaml": 'kind: kommun\nsteps:\n  - id: a\n    label: "A\\e[2J"\n    approves: true\n',
    "markup-label.yaml": 'kind: kommun\nsteps:\n  - id: a\n    label: "[bold red]x[/] y[/]"\n    approves: true\n',
    "empty.yaml": "",
    "scalar.yaml": "42\n",
    "nul.yaml": "kind: kommun\x00\n",
}


def files() -> dict[str, bytes]:
    text = "# Förbundsordning\n\n## § 1 Namn\n\nSamordningsförbundet Test.\n"
    return {
        "nul.txt": b"\x00" * 4096,
        "utf16.txt": text.encode("utf-16"),
        "utf16le-nobom.txt": text.encode("utf-16-le"),
        "utf16-as-cp1252.txt": text.encode("utf-16").decode("cp1252", errors="replace").encode("utf-8"),
        "empty.md": b"",
        "whitespace.md": b" \n\t\n",
        "escapes.md": ("# Förbundsordning\x1b[2J\n\n§ 1 Namn\x9b\n").encode(),
        "bidi.md": "# Förbundsordning \u202e\n\n§ 1 Namn\n".encode(),
        "latin1.txt": text.encode("cp1252"),
        "binary.md": bytes(range(256)) * 16,
        "not-a-docx.docx": b"PK\x03\x04 not really a zip",
        "markup.md": b"# [bold red]x[/] y[/]\n\n\xc2\xa7 1 Namn [link=file:///etc/passwd]x[/link]\n",
    }


def zip_bomb(path: Path) -> None:
    """A .docx whose document part unpacks to 256 MB of zeros (about 250 kB on disk)."""
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        chunk = b"\x00" * (1024 * 1024)
        for _ in range(256):
            member.write(chunk)


ARGUMENTS = [
    [
        "decide",
        "Stockholms stad",
        "fullmaktige",
        "--outcome",
        "bifall",
        "--date",
        "2016-02-01",
        "--anslag",
        "9999-12-31",
    ],
    ["board", "add", "Stockholms stad", "Anna", "--from", "9999-12-31"],
    ["appeal", "add", "Stockholms stad", "--filed", "9999-12-31"],
    ["finance", "--total", "NaN"],
    ["finance", "--total", "1e5000"],
    ["finance", "--offer", "Försäkringskassan=Infinity"],
    ["party", "add", "X", "--kind", "kommun", "--key", "1e-5000"],
    ["party", "add", "X", "--kind", "kommun", "--population", "99999999999999999999999"],
    ["party", "add", "X", "--kind", "kommunalforbund"],
    ["party", "add", "[bold red]x[/] y[/]", "--kind", "kommun"],
    ["party", "add", "Ny\nrad", "--kind", "kommun"],
    ["party", "add", "Ny\u202ekommun", "--kind", "kommun"],
    ["party", "add", "N" * 5000, "--kind", "kommun"],
    ["party", "set", "Stockholms stad", "--email", "a\x1b[2J@b.se"],
    ["--actor", "x\x1b[2Jy", "decide", "Försäkringskassan", "beslut", "--outcome", "bifall", "--date", "2016-01-01"],
    ["--actor", "a" * 5000, "status"],
    ["--db", "postgresql://[::1", "status"],
    ["--db", "postgresql://u:p@h:notaport/db", "status"],
    ["--db", "weird+driver://x", "status"],
    ["--case", "\x1b[2J", "status"],
    ["--if-revision", "1e5000", "status"],
    ["status", "--as-of", "0001-01-01"],
    ["correct", "99999999999999999999", "--reason", "x"],
    ["void", "1", "--reason", "x\x00y"],
    ["decide", "Stockholms stad", "fullmaktige", "--outcome", "bifall", "--date", "2016-02-01", "--note", "x" * 6000],
    ["log", "--json"],
    ["status", "--json"],
    ["doctor", "--json"],
]


def main() -> None:
    for folder in ("files", "imports", "yaml", "arguments"):
        (HERE / folder).mkdir(exist_ok=True)
    for name, data in files().items():
        (HERE / "files" / name).write_bytes(data)
    zip_bomb(HERE / "files" / "zip-bomb.docx")
    for name, text in YAML.items():
        (HERE / "yaml" / name).write_text(text, encoding="utf-8")
    for name, doc in import_damages(small_export()).items():
        (HERE / "imports" / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    (HERE / "imports" / "deep.json").write_text(
        '{"format": "formation-case", "events": ' + "[" * 20000 + "]" * 20000 + "}"
    )
    (HERE / "imports" / "nan.json").write_text('{"format": "formation-case", "format_version": NaN}')
    (HERE / "imports" / "not-json.json").write_bytes(b"\xff\xfe\x00garbage")
    (HERE / "imports" / "array.json").write_text("[1, 2, 3]")
    surrogate = small_export()
    surrogate["events"][1]["actor"] = "\udcff"  # type: ignore[index]
    (HERE / "imports" / "lone-surrogate.json").write_text(json.dumps(surrogate, indent=1), encoding="ascii")
    lines = [json.dumps(args, ensure_ascii=True) for args in ARGUMENTS]
    (HERE / "arguments" / "against-demo.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
