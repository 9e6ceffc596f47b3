"""Every item of every förbundsordning in tests/corpus/forbundsordningar against its expected verdict."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from formation.domain.checklist import CHECKLIST, ChecklistResult, check_forbundsordning
from formation.io.fo_text import SUPPORTED_SUFFIXES, read_forbundsordning

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "forbundsordningar"
EXPECTED: dict[str, Any] = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
ITEM_IDS = [item.id for item in CHECKLIST]


def verdicts() -> list[tuple[str, str, str]]:
    return [(name, item_id, entry["items"][item_id]) for name, entry in EXPECTED.items() for item_id in ITEM_IDS]


def wheres() -> list[tuple[str, str, str]]:
    return [(name, item, where) for name, entry in EXPECTED.items() for item, where in entry.get("where", {}).items()]


def test_every_document_in_the_corpus_has_a_verdict_for_every_item() -> None:
    documents = {p.name for p in CORPUS.iterdir() if p.suffix in SUPPORTED_SUFFIXES}
    assert documents == set(EXPECTED)
    for name, entry in EXPECTED.items():
        assert set(entry["items"]) == set(ITEM_IDS), name
        assert set(entry["items"].values()) <= {"present", "missing"}, name


def test_the_corpus_has_a_pdf_and_documents_that_must_fail() -> None:
    assert any(name.endswith(".pdf") for name in EXPECTED)
    failing = [name for name, entry in EXPECTED.items() if set(entry["items"].values()) == {"missing"}]
    assert len(failing) >= 3


@cache
def result(name: str) -> ChecklistResult:
    return check_forbundsordning(read_forbundsordning(CORPUS / name))


@pytest.mark.parametrize(("name", "item_id", "expected"), verdicts())
def test_item_verdict(name: str, item_id: str, expected: str) -> None:
    finding = result(name).finding(item_id)
    assert ("present" if finding.found else "missing") == expected, (finding.where, finding.missing_parts)


@pytest.mark.parametrize(("name", "item_id", "expected"), wheres())
def test_where_points_at_the_section_that_states_it(
    name: str, item_id: str, expected: str
) -> None:
    where = result(name).finding(item_id).where
    assert where == expected or (where or "").startswith(expected + " ("), where


@pytest.mark.parametrize("name", list(EXPECTED))
def test_ok_follows_the_required_items(name: str) -> None:
    required = {item.id for item in CHECKLIST if item.required}
    expected_ok = all(EXPECTED[name]["items"][i] == "present" for i in required)
    assert result(name).ok == expected_ok
