"""What a förbundsordning states is read once and stored; the stored reading must be the reading itself, and
one made under other rules (or lost) is read again from the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from formation.domain.checklist import check_forbundsordning
from formation.domain.fo_facts import facts_from_stored, facts_to_stored, read_text_facts, rules_fingerprint
from formation.reports.status import status_document
from formation.services import Services
from formation.store import schema
from tests.coordinator import Coordinator

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "forbundsordningar"
TEXTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_a_stored_reading_is_the_reading(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    facts = read_text_facts(text)
    assert facts_from_stored(facts_to_stored(facts)) == facts
    assert facts.checklist == check_forbundsordning(text)


def test_a_reading_under_other_rules_or_malformed_is_not_used(fo_text: str) -> None:
    stored = facts_to_stored(read_text_facts(fo_text))
    assert facts_from_stored({**stored, "rules": "0" * 16}) is None
    assert facts_from_stored({**stored, "findings": stored["findings"][:-1]}) is None
    assert facts_from_stored({**stored, "findings": [["x", True, None, []]]}) is None
    assert facts_from_stored({**stored, "term_years": "två"}) is None
    assert facts_from_stored(None) is None
    assert stored["rules"] == rules_fingerprint()


def _problems(services: Services) -> list[dict[str, object]]:
    return status_document(services.view())["problems"]


@pytest.mark.parametrize("stored", [None, {"rules": "stale", "findings": []}])
def test_status_reads_the_text_again_when_the_stored_reading_is_missing_or_stale(
    sqlite_services: Services, tmp_path: Path, stored: object
) -> None:
    coordinator = Coordinator(sqlite_services)
    coordinator.init_case("Test", slug="t")
    text = "# Förbundsordning\n\n§ 1 Namn\n\nFörbundets namn är Samordningsförbundet Test.\n"
    path = tmp_path / "fo.md"
    path.write_text(text, encoding="utf-8")
    coordinator.add_fo(path)
    before = _problems(sqlite_services)
    assert any(str(p["code"]).startswith("fo_missing_") for p in before)

    with sqlite_services.engine.begin() as connection:
        connection.execute(update(schema.fo_versions).values(facts=stored))

    assert _problems(sqlite_services) == before
