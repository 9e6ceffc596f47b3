"""A database written by the code of commit f50fc80 (before the core was reshaped) opens, is migrated, and
gives the same `status --json` and `log --json` as that code printed: nothing is lost.

Allowed differences, each a deliberate change: problem messages no longer quote command syntax, and later
rules add problems (none is lost); a view "as of" a day before anything happened in a case lists no parties
(they did not exist then); keys added since."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.in_process import Cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "legacy_f50fc80"
EXPECTED = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))
VIEWS = {
    "status": ["status", "--json"],
    "status_2016-01-31": ["status", "--json", "--as-of", "2016-01-31"],
    "status_2022-09-30": ["status", "--json", "--as-of", "2022-09-30"],
    "log": ["log", "--json", "--with-contacts"],
}
# (case, view): the case had not begun on that day, so the reshaped core lists no parties.
BEFORE_ANYTHING = {("falun", "status_2016-01-31"), ("gotland", "status_2016-01-31")}


def missing_or_changed(old: Any, new: Any, path: str = "") -> list[str]:
    """Every value of `old` that `new` lacks or changed (keys added in `new` are fine)."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [f"{path}: {old!r} -> {new!r}"]
        found = []
        for key, value in old.items():
            if key not in new:
                found.append(f"{path}.{key} missing")
            elif not (key == "message" and path.startswith(".problems")):
                found += missing_or_changed(value, new[key], f"{path}.{key}")
        return found
    if isinstance(old, list) and path == ".problems":
        # New rules may add problems (an annulled approval, a missing anslag); none may be lost.
        codes = [p["code"] for p in new] if isinstance(new, list) else []
        return [f"{path}: {p['code']} missing" for p in old if p["code"] not in codes]
    if isinstance(old, list):
        if not isinstance(new, list) or len(old) != len(new):
            return [f"{path}: {len(old)} items -> {new!r:.80}"]
        pairs = enumerate(zip(old, new, strict=True))
        return [d for i, (a, b) in pairs for d in missing_or_changed(a, b, f"{path}[{i}]")]
    return [] if old == new else [f"{path}: {old!r} -> {new!r}"]


@pytest.fixture(scope="module")
def legacy_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("legacy") / "legacy.db"
    shutil.copyfile(FIXTURE / "legacy.db", target)
    return target


@pytest.mark.parametrize("case", sorted(EXPECTED))
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_legacy_database_reads_the_same(legacy_db: Path, case: str, view: str) -> None:
    cli = Cli(legacy_db, today="2026-11-23")
    new = json.loads(cli("--case", case, *VIEWS[view]).stdout)
    old = EXPECTED[case][view]
    if (case, view) in BEFORE_ANYTHING:
        assert new["parties"] == [] and old["parties"]
        old = {**old, "parties": [], "problems": []}
        new = {**new, "problems": []}
    assert missing_or_changed(old, new) == []


def test_legacy_case_keeps_its_template_and_accepts_new_commands(legacy_db: Path) -> None:
    cli = Cli(legacy_db, today="2026-11-23")
    assert "finsam version 1" in cli("--case", "gotland", "workflow", "show").stdout
    cli("--case", "gotland", "decide", "FK", "forstudie", "--outcome", "bifall", "--date", "2022-02-01")
    status = json.loads(cli("--case", "gotland", "status", "--json").stdout)
    fk = next(p for p in status["parties"] if p["kind"] == "forsakringskassan")
    assert fk["state"] == "beslut"
