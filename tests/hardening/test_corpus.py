"""Every input in tests/corpus/ (files, import documents, YAML, argument lists): exit 0 or 2, never 70, never a
traceback, a refusal is one line, and `doctor` is clean afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hardening.support import Outcome, cli, doctor_clean, one_sentence

CORPUS = Path(__file__).parents[1] / "corpus"


def _names(folder: str) -> list[str]:
    return sorted(p.name for p in (CORPUS / folder).iterdir())


def contract(outcome: Outcome) -> None:
    assert outcome.traceback is None, outcome.traceback
    assert outcome.code in (0, 2), outcome
    assert "Traceback" not in outcome.stderr, outcome
    if outcome.code == 2:
        assert one_sentence(outcome), outcome


@pytest.mark.parametrize("name", _names("files"))
def test_forbundsordning_files(demo_db: Path, name: str) -> None:
    path = CORPUS / "files" / name
    for args in (("fo", "check", str(path)), ("fo", "add", str(path), "--date", "2016-01-10")):
        outcome = cli(demo_db, *args)
        assert outcome.traceback is None and outcome.code in (0, 1, 2), (args, outcome)  # fo check: 1 = missing § 9
    doctor_clean(demo_db)


@pytest.mark.parametrize("name", _names("imports"))
def test_import_documents(tmp_path: Path, name: str) -> None:
    target = tmp_path / "imported.db"
    outcome = cli(target, "import", str(CORPUS / "imports" / name))
    contract(outcome)
    if name == "valid.json":
        assert outcome.code == 0, outcome
    elif outcome.code == 0:
        pytest.fail(f"{name} was imported: {outcome.stdout}")
    if target.exists() and target.stat().st_size:
        doctor_clean(target)


@pytest.mark.parametrize("name", _names("yaml"))
def test_workflow_files(demo_db: Path, name: str) -> None:
    path = CORPUS / "yaml" / name
    outcome = cli(demo_db, "workflow", "check", str(path))
    assert outcome.traceback is None and outcome.code in (0, 2), outcome
    contract(cli(demo_db, "party", "add", "Ny kommun", "--kind", "kommun", "--workflow", str(path)))
    doctor_clean(demo_db)


ARGUMENT_LISTS = [
    json.loads(line) for line in (CORPUS / "arguments" / "against-demo.jsonl").read_text().splitlines() if line
]


@pytest.mark.parametrize("args", ARGUMENT_LISTS, ids=lambda a: repr(a)[:50])
def test_argument_lists(demo_db: Path, args: list[str]) -> None:
    contract(cli(demo_db, *args))
    doctor_clean(demo_db)
