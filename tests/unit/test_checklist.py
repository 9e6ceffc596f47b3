"""The 9 § checklist, checked against the Stockholm sample förbundsordning."""

from __future__ import annotations

from pathlib import Path

import pytest

import formation.io.samples
from formation.domain.checklist import (
    CHECKLIST,
    ChecklistItem,
    check_forbundsordning,
    format_checklist,
)

SAMPLE = Path(formation.io.samples.__file__).with_name("forbundsordning_stockholm.md")


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def without_section(text: str, title: str) -> str:
    """The text with the `## § N <title>` heading and its paragraphs (up to the next heading) removed."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("## ") and line.endswith(" " + title))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def not_found(text: str) -> set[str]:
    return {f.item.id for f in check_forbundsordning(text).findings if not f.found}


def test_the_checklist_has_the_fifteen_points_of_9_paragraph() -> None:
    assert [item.number for item in CHECKLIST] == list(range(1, 16))
    assert len({item.id for item in CHECKLIST}) == 15
    optional = {item.id for item in CHECKLIST if not item.required}
    assert optional == {"kvalificerad_majoritet", "upplaning", "gemensamma_revisorer"}


def test_the_sample_states_everything_under_its_headings(sample: str) -> None:
    result = check_forbundsordning(sample)
    assert result.ok
    assert result.missing_required == []
    assert result.problems() == []
    for finding in result.findings:
        assert finding.found, finding.item.id
        assert finding.missing_parts == ()
        assert finding.where is not None and finding.where.startswith('rubrik "§ '), finding


def test_where_names_the_heading_and_its_line(sample: str) -> None:
    result = check_forbundsordning(sample)
    assert result.finding("namn_sate_medlemmar_andamal").where == 'rubrik "§ 1 Namn" (rad 3)'
    lines = sample.splitlines()
    line_no = lines.index("## § 6 Styrelsens sammansättning") + 1
    assert result.finding("styrelse").where == f'rubrik "§ 6 Styrelsens sammansättning" (rad {line_no})'
    assert result.finding("tvister").where is not None
    assert "§ 20 Tvister" in (result.finding("tvister").where or "")


@pytest.mark.parametrize(
    ("title", "item_id", "missing_parts"),
    [
        ("Namn", "namn_sate_medlemmar_andamal", ("namn",)),
        ("Säte", "namn_sate_medlemmar_andamal", ("säte",)),
        ("Medlemmar", "namn_sate_medlemmar_andamal", ("medlemmar",)),
        ("Ändamål", "namn_sate_medlemmar_andamal", ("ändamål",)),
        ("Organisation", "organisation", ("organisation",)),
        ("Styrelsens sammansättning", "styrelse", ("ledamöter", "ersättare")),
        ("Uppgifter och beslutanderätt", "uppgifter", ("uppgifter och beslutanderätt",)),
        ("Initiativrätt", "initiativratt", ("initiativrätt",)),
        ("Kungörelser och tillkännagivanden", "kungorelser", ("kungörelser och tillkännagivanden",)),
        ("Andelar i tillgångar och skulder", "andelar", ("andelar i tillgångar och skulder",)),
        ("Kostnadsfördelning", "andelar", ("kostnadsfördelning",)),
        ("Styrning och insyn", "styrning_insyn", ("styrning och insyn",)),
        ("Budget och verksamhetsplan", "budget", ("budgetprocessen",)),
        ("Utträde", "uttrade_likvidation", ("utträde",)),
        ("Likvidation och upplösning", "uttrade_likvidation", ("likvidation eller upplösning",)),
        ("Tvister", "tvister", ("tvister",)),
    ],
)
def test_removing_one_section_reports_exactly_that_item(
    sample: str, title: str, item_id: str, missing_parts: tuple[str, ...]
) -> None:
    text = without_section(sample, title)
    assert text != sample
    result = check_forbundsordning(text)
    assert not_found(text) == {item_id}
    assert [item.id for item in result.missing_required] == [item_id]
    assert not result.ok
    assert result.finding(item_id).missing_parts == missing_parts
    [problem] = result.problems()
    assert problem.code == f"fo_missing_{item_id}"
    assert "9 § lagen (2003:1210)" in problem.message
    assert problem.details["missing_parts"] == list(missing_parts)


def test_a_partly_missing_item_keeps_its_heading_and_names_the_missing_part(sample: str) -> None:
    result = check_forbundsordning(without_section(sample, "Säte"))
    finding = result.finding("namn_sate_medlemmar_andamal")
    assert finding.where == 'rubrik "§ 1 Namn" (rad 3)'
    [problem] = result.problems()
    assert "säte saknas" in problem.message
    assert "ofullständig, saknar säte" in format_checklist(result)


def test_removing_the_auditors_misses_the_term_and_the_optional_appointment(sample: str) -> None:
    text = without_section(sample, "Revisorer")
    assert not_found(text) == {"revisorernas_mandattid", "gemensamma_revisorer"}
    result = check_forbundsordning(text)
    assert [item.id for item in result.missing_required] == ["revisorernas_mandattid"]
    assert [p.code for p in result.problems()] == ["fo_missing_revisorernas_mandattid"]


@pytest.mark.parametrize(
    ("title", "item_id"), [("Kvalificerad majoritet", "kvalificerad_majoritet"), ("Borgen och lån", "upplaning")]
)
def test_an_optional_item_missing_is_no_problem(sample: str, title: str, item_id: str) -> None:
    text = without_section(sample, title)
    assert not_found(text) == {item_id}
    result = check_forbundsordning(text)
    assert result.ok
    assert result.problems() == []


def test_a_text_without_anything_misses_all_twelve_required_items() -> None:
    result = check_forbundsordning("Protokoll\n\nMötet öppnades och avslutades utan beslut.\n")
    assert len(result.missing_required) == 12
    assert all(isinstance(item, ChecklistItem) and item.required for item in result.missing_required)
    assert not result.ok
    problems = result.problems()
    assert len(problems) == 12
    assert {p.code for p in problems} == {f"fo_missing_{item.id}" for item in CHECKLIST if item.required}
    assert all("9 § lagen (2003:1210)" in p.message for p in problems)
    assert all(f.where is None for f in result.findings)


def test_plain_text_headings_without_markdown_are_recognised() -> None:
    text = (
        "FÖRBUNDSORDNING\n\n"
        "§ 1 Namn och säte\n"
        "Förbundets namn är Samordningsförbundet Test. Förbundet har sitt säte i Falun.\n\n"
        "Medlemmar\n\n"
        "Falu kommun, Borlänge kommun, Region Dalarna, Försäkringskassan och Arbetsförmedlingen.\n\n"
        "**Ändamål**\n\n"
        "Förbundets ändamål är finansiell samordning inom rehabiliteringsområdet.\n\n"
        "6 § Styrelse\n"
        "Styrelsen består av fem ledamöter och lika många ersättare.\n"
    )
    result = check_forbundsordning(text)
    assert result.finding("namn_sate_medlemmar_andamal").found
    assert result.finding("namn_sate_medlemmar_andamal").where == 'rubrik "§ 1 Namn och säte" (rad 3)'
    assert result.finding("styrelse").where == 'rubrik "6 § Styrelse" (rad 14)'
    assert result.finding("styrelse").found


def test_a_heading_alone_does_not_satisfy_the_board_item() -> None:
    result = check_forbundsordning("## § 6 Styrelsens sammansättning\n\nStyrelsen har fyra ledamöter.\n")
    finding = result.finding("styrelse")
    assert not finding.found
    assert finding.missing_parts == ("ersättare",)
    assert finding.where == 'rubrik "§ 6 Styrelsens sammansättning" (rad 1)'


def test_format_checklist_lists_every_item_by_number(sample: str) -> None:
    report = format_checklist(check_forbundsordning(sample))
    lines = report.splitlines()
    for item in CHECKLIST:
        assert any(f"{item.number:>2}. {item.label}" in line for line in lines)
    assert '[x]  1. Namn, säte, medlemmar och ändamål — rubrik "§ 1 Namn" (rad 3)' in lines
    assert "(om sådan finns)" in report
    assert "Alla 12 obligatoriska punkter finns med." in lines[-1]

    missing_report = format_checklist(check_forbundsordning(without_section(sample, "Revisorer")))
    assert "[ ] 12. Revisorernas mandattid — saknas" in missing_report.splitlines()
    assert "1 av 12 obligatoriska punkter saknas (12)" in missing_report.splitlines()[-1]
