"""Issue 7: an item of 9 § counts when its content is stated, wherever and however the text is laid out."""

from __future__ import annotations

import unicodedata

import pytest

from formation.domain.checklist import CHECKLIST, check_forbundsordning, format_checklist


def found(text: str, item_id: str) -> bool:
    return check_forbundsordning(text).finding(item_id).found


@pytest.mark.parametrize(
    ("text", "item_id", "missing_parts"),
    [
        (
            "Förbundets namn är Samordningsförbundet Väst. Förbundet har sitt säte i Uddevalla. "
            "Förbundets medlemmar är Uddevalla kommun, Västra Götalandsregionen, Försäkringskassan och "
            "Arbetsförmedlingen. Förbundets ändamål är finansiell samordning inom rehabiliteringsområdet.",
            "namn_sate_medlemmar_andamal",
            (),
        ),
        ("Förbundet ska ledas av en styrelse.", "organisation", ()),
        (
            "Försäkringskassan och Arbetsförmedlingen svarar gemensamt för hälften av kostnaderna.",
            "andelar",
            ("andelar i tillgångar och skulder",),  # the costs are stated; the assets and debts are not
        ),
    ],
)
def test_real_wordings_are_found(text: str, item_id: str, missing_parts: tuple[str, ...]) -> None:
    assert check_forbundsordning(text).finding(item_id).missing_parts == missing_parts


TOPICS = "\n".join(
    [
        "Namn och säte",
        "Medlemmar",
        "Ändamål",
        "Organisation",
        "Styrelsens ledamöter och ersättare",
        "Uppgifter och beslutanderätt",
        "Initiativrätt",
        "Kungörelser och tillkännagivanden",
        "Andelar i tillgångar och skulder",
        "Kostnadsfördelning",
        "Borgen och lån",
        "Styrning och insyn",
        "Budgetprocessen",
        "Revisorernas mandattid",
        "Gemensamma revisorer",
        "Utträde",
        "Likvidation och upplösning",
        "Tvister",
    ]
)


@pytest.mark.parametrize(
    "text",
    [
        TOPICS,
        TOPICS.replace("\n", "\n\n"),
        "\n\n".join(f"## § {n} {line}" for n, line in enumerate(TOPICS.splitlines(), start=1)),
        "Innehåll\n" + "\n".join(f"{n} § {t} ........ {n // 4 + 2}" for n, t in enumerate(TOPICS.splitlines(), 1)),
        "Förbundsordningen innehåller bestämmelser om " + ", ".join(TOPICS.lower().splitlines()) + ".",
    ],
    ids=["topic-lines", "topic-paragraphs", "headings-only", "table-of-contents", "topics-in-a-sentence"],
)
def test_naming_the_topics_states_nothing(text: str) -> None:
    result = check_forbundsordning(text)
    assert [f.item.id for f in result.findings if f.found] == []
    assert not result.ok


def test_the_law_text_of_9_paragraph_states_nothing() -> None:
    text = (
        "9 § I förbundsordningen ska anges\n"
        "1. förbundets namn och säte, förbundsmedlemmarna samt ändamålet med förbundet,\n"
        "5. om förbundsmedlemmarna ska ha rätt att väcka ärenden i styrelsen,\n"
        "7. var kungörelser och tillkännagivanden ska anslås,\n"
        "9. eventuella begränsningar i rätten att ta upp lån, ingå borgen eller liknande förbindelser,\n"
        "15. hur tvister mellan förbundet och förbundsmedlemmarna ska lösas.\n"
    )
    assert [f.item.id for f in check_forbundsordning(text).findings if f.found] == []


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_the_law_text_with_capitalised_points_states_nothing(separator: str) -> None:
    text = separator.join(
        [
            "9 § I förbundsordningen ska anges",
            "1) Förbundets namn och säte, förbundsmedlemmarna samt ändamålet med förbundet,",
            "5) Om förbundsmedlemmarna ska ha rätt att väcka ärenden i styrelsen,",
            "6) Om det krävs kvalificerad majoritet för beslut i styrelsen,",
            "7) Var kungörelser och tillkännagivanden ska anslås,",
            "15) Hur tvister mellan förbundet och förbundsmedlemmarna ska lösas.",
        ]
    )
    assert [f.item.id for f in check_forbundsordning(text).findings if f.found] == []


def test_a_list_after_a_colon_belongs_to_its_lead_in() -> None:
    text = "Medlemmar i förbundet är:\n\n- Falu kommun\n- Region Dalarna\n- Försäkringskassan\n"
    finding = check_forbundsordning(text).finding("namn_sate_medlemmar_andamal")
    assert finding.missing_parts == ("namn", "säte", "ändamål")


def test_where_is_the_section_not_the_table_of_contents() -> None:
    text = (
        "Innehåll\n\n1 § Namn och säte\n2 § Tvister\n\n"
        "## 1 § Namn och säte\n\nFörbundets namn är Samordningsförbundet Test. Förbundet har sitt säte i Mora.\n\n"
        "## 2 § Tvister\n\nTvister mellan förbundet och medlemmarna avgörs av allmän domstol.\n"
    )
    result = check_forbundsordning(text)
    assert result.finding("tvister").where == 'rubrik "2 § Tvister" (rad 10)'


def test_a_value_under_its_heading_is_a_statement() -> None:
    text = (
        "## § 1 Namn\n\nSamordningsförbundet Mitt i Dalarna\n\n## § 2 Säte\n\nMora\n\n"
        "## § 3 Medlemmar\n\nMora kommun, Orsa kommun, Region Dalarna, Försäkringskassan och Arbetsförmedlingen.\n\n"
        "## § 4 Ändamål\n\nFinansiell samordning inom rehabiliteringsområdet.\n"
    )
    finding = check_forbundsordning(text).finding("namn_sate_medlemmar_andamal")
    assert finding.found, finding.missing_parts
    assert finding.where == 'rubrik "§ 1 Namn" (rad 1)'


def test_borrowing_limits_are_optional() -> None:
    item = next(item for item in CHECKLIST if item.id == "upplaning")
    assert not item.required
    result = check_forbundsordning("Styrelsen har fem ledamöter och fem ersättare.\n")
    assert "fo_missing_upplaning" not in {p.code for p in result.problems()}
    line = next(line for line in format_checklist(result).splitlines() if " 9. " in line)
    assert line == "[ ]  9. Gränser för upplåning (borgen och lån) (om sådan finns) — anges inte (frivillig punkt)"


PDF_PASTE = (
    "Förbundsordning Samordningsförbundet Test\n"
    "Förbundets medlemmar är Mora kommun, Region Dalarna, Försäkringskassan och Arbets-\n"
    "förmedlingen. Förbundet har sitt säte i\n"
    "Sida 1 av 3\n"
    "Förbundsordning Samordningsförbundet Test\n"
    "Mora. Förbundets kun-\n"
    "görelser anslås på förbundets anslagstavla. Tvister\n"
    "- 2 -\n"
    "Förbundsordning Samordningsförbundet Test\n"
    "mellan förbundet och medlemmarna avgörs av allmän domstol. Hälso- och sjukvården ingår.\n"
    "3\n"
    "Förbundsordning Samordningsförbundet Test\n"
)


def test_text_pasted_from_a_pdf_is_read_across_line_ends_and_page_breaks() -> None:
    result = check_forbundsordning(PDF_PASTE)
    assert result.finding("kungorelser").found
    assert result.finding("kungorelser").where == "rad 6"
    assert result.finding("tvister").found
    assert result.finding("tvister").where == "rad 7"
    assert result.finding("namn_sate_medlemmar_andamal").missing_parts == ("namn", "ändamål")
    assert result.finding("namn_sate_medlemmar_andamal").where == "rad 2"


@pytest.mark.parametrize(
    ("text", "item_id"),
    [
        (
            "Medlemmar i Samordningsförbundet Östra Skaraborg är Försäkringskassan, Arbetsförmedlingen, "
            "Västra Götalandsregionen och Skövde kommun. Förbundets namn är Samordningsförbundet Östra "
            "Skaraborg. Förbundet har sitt säte i Skövde. Förbundets ändamål är finansiell samordning.",
            "namn_sate_medlemmar_andamal",
        ),
        (
            "## § 12 Kostnadsfördelning\n\n| Medlem | Andel |\n|---|---|\n| Försäkringskassan | 50 % |\n"
            "| Region Dalarna | 25 % |\n| Mora kommun | 25 % |\n\n"
            "## § 13 Andelar i tillgångar och skulder\n\n"
            "Försäkringskassan 50 %, Region Dalarna 25 %, Mora kommun 25 %.\n",
            "andelar",
        ),
        ("Mandattiden för revisorerna är fyra år.", "revisorernas_mandattid"),
        ("Revisorernas mandatperiod sammanfaller med styrelsens.", "revisorernas_mandattid"),
        ("Förbundets anslagstavla finns på förbundets webbplats.", "kungorelser"),
        ("Förbundet ska ha följande uppgifter: att besluta om mål och riktlinjer.", "uppgifter"),
        ("Medlemmarna har rätt att väcka ärenden i styrelsen.", "initiativratt"),
        ("Samordningen ska syfta till att fler når egen försörjning. Förbundets säte är i Skövde.", None),
        ("Förbundets organ är styrelsen.", "organisation"),
        ("Förbundet är en offentligrättslig juridisk person.", "organisation"),
        ("Antalet ledamöter är åtta. Varje ledamot har en personlig ersättare.", "styrelse"),
        ("Kungörelser sker genom anslag på förbundets webbplats.", "kungorelser"),
        ("Medlemmarna ska fortlöpande informeras om verksamheten.", "styrning_insyn"),
        ("Revisorerna har samma mandattid som styrelsens ledamöter.", "revisorernas_mandattid"),
        ("Vid upplösning ska styrelsen genomföra likvidation. En medlem kan utträda.", "uttrade_likvidation"),
        ("Beslut om förbundschefens anställning kräver enighet.", "kvalificerad_majoritet"),
    ],
)
def test_more_real_wordings_are_found(text: str, item_id: str | None) -> None:
    if item_id is None:  # parts of point 1
        missing = check_forbundsordning(text).finding("namn_sate_medlemmar_andamal").missing_parts
        assert missing == ("namn", "medlemmar")
        return
    finding = check_forbundsordning(text).finding(item_id)
    assert finding.found, finding.missing_parts


def test_decomposed_letters_ligatures_and_soft_hyphens_are_read() -> None:
    # Text pasted on a Mac arrives decomposed (a + ring), PDFs carry "ﬁ" ligatures and soft hyphens.
    text = unicodedata.normalize("NFD", "Förbundet har sitt säte i Mora. Förbundets ändamål är ﬁnansiell samordning.")
    text += "\nFörbundets medlemmar är Mora kommun och Arbets\u00ad\nförmedlingen. Förbundets namn är Finsam Mora.\n"
    finding = check_forbundsordning(text).finding("namn_sate_medlemmar_andamal")
    assert finding.found, finding.missing_parts
    assert check_forbundsordning("Förbundet ska\u00a0ledas av en styrelse.").finding("organisation").found


def test_table_cells_that_repeat_are_text_not_running_headers() -> None:
    # A board table read from a PDF comes out one cell a line; its repeats are content.
    rows = ["Borlänge kommun", "Falu kommun", "Region Dalarna", "Försäkringskassan", "Arbetsförmedlingen"]
    text = "Styrelsens sammansättning\n" + "\n".join(f"{row}\n1 ledamot\n1 ersättare" for row in rows) + "\n"
    assert check_forbundsordning(text).finding("styrelse").found
