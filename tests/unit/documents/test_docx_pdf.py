"""Word and PDF: parsed back with python-docx and pypdf."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from formation.reports.documents import SnapshotData, render_snapshot, render_underlag, underlag_data
from tests.unit.documents.support import build, contact_data, hostile


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    section = document.sections[0]
    parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def pdf_pages(data: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def snapshot_pdf(forming: SnapshotData) -> list[str]:
    return pdf_pages(render_snapshot(forming, "pdf"))


@pytest.fixture(scope="module")
def underlag_pdf() -> list[str]:
    """Stockholms stad's underlag from a capture with contact data and markup planted in it."""
    return pdf_pages(render_underlag(underlag_data(build(hostile()), "stockholms-stad"), "pdf"))


def test_snapshot_docx_content(halfway: SnapshotData) -> None:
    data = render_snapshot(halfway, "docx")
    document = docx.Document(io.BytesIO(data))
    styled = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]
    headings = [text for style, text in styled if style == "Heading 1"]
    assert headings == ["Tidslinje", "Parternas beslut", "Överklagande och laga kraft", "Finansiering 2016",
                        "Förbundsordningen", "Styrelsen", "Senaste händelser"]
    assert [text for style, text in styled if style == "Title"] == ["Samordningsförbundet Stockholms stad"]
    assert len(document.inline_shapes) == 1, "the timeline chart"
    text = docx_text(data)
    assert "Två av fyra medlemmar har godkänt förbundsordningen version 1" in text
    assert "8\u00a0000\u00a0000\u00a0kr" in text
    assert "Samordningsförbundet Stockholms stad · läget den 16 februari 2016" in text
    props = document.core_properties
    assert props.created is not None and props.created.date().isoformat() == "2016-02-16"
    assert props.author == "formation"


def test_underlag_docx_content(forming: SnapshotData) -> None:
    document = docx.Document(io.BytesIO(render_underlag(underlag_data(forming, "forsakringskassan"), "docx")))
    texts = [p.text for p in document.paragraphs]
    assert "Försäkringskassan föreslås fatta följande beslut:" in texts
    points = [t for t in texts if t[:2] in {f"{i}." for i in range(1, 10)}]
    assert points[-1] == "6.\tBesluten gäller under förutsättning att övriga parter beslutar detsamma."
    assert "BILAGA 1 · FÖRBUNDSORDNING VERSION 1" in texts
    assert "§ 22 Förbundets bildande" in texts


def test_docx_is_deterministic(forming: SnapshotData) -> None:
    first = render_snapshot(forming, "docx")
    again = render_snapshot(forming, "docx")
    assert docx_text(first) == docx_text(again)
    assert first == again
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_docx_without_contact_data() -> None:
    data = build(hostile())
    assert contact_data(docx_text(render_snapshot(data, "docx"))) == []
    assert contact_data(docx_text(render_underlag(underlag_data(data, "stockholms-stad"), "docx"))) == []


def test_docx_user_template_styles_are_used(forming: SnapshotData, tmp_path: Path) -> None:
    template = docx.Document()
    template.styles["Normal"].font.name = "Georgia"
    template.add_paragraph("Mallens exempeltext som ska bort")
    template.sections[0].header.paragraphs[0].text = "Kommunledningskontoret"
    path = tmp_path / "mall.docx"
    template.save(str(path))
    document = docx.Document(io.BytesIO(render_snapshot(forming, "docx", template=path)))
    assert document.styles["Normal"].font.name == "Georgia"
    texts = [p.text for p in document.paragraphs]
    assert "Mallens exempeltext som ska bort" not in texts
    assert "Samordningsförbundet Stockholms stad" in texts
    assert [p.text for p in document.sections[0].header.paragraphs] == ["Kommunledningskontoret"], "the letterhead"
    assert "Sida" in document.sections[0].footer.paragraphs[0].text


def test_snapshot_pdf_text(snapshot_pdf: list[str]) -> None:
    first = snapshot_pdf[0]
    assert "Samordningsförbundet Stockholms stad" in first
    assert "Läget den 31 januari 2016" in first
    assert f"Sida 1 av {len(snapshot_pdf)}" in first
    everything = " ".join(snapshot_pdf)
    for heading in ("Parternas beslut", "Överklagande och laga kraft", "Finansiering 2016", "Förbundsordningen",
                    "Styrelsen", "Senaste händelser"):
        assert heading in everything
    # The running header names the förbund and the date on the following pages.
    assert all("Läget den 31 januari 2016" in page for page in snapshot_pdf[1:])
    assert contact_data(everything) == []


def test_underlag_pdf_text(underlag_pdf: list[str]) -> None:
    everything = " ".join(underlag_pdf)
    assert "Förslag till beslut" in everything
    assert "under förutsättning att övriga parter beslutar detsamma" in everything
    assert "Bilaga 1" in everything.replace("BILAGA", "Bilaga")
    assert "§ 22 Förbundets bildande" in everything
    assert f"Sida {len(underlag_pdf)} av {len(underlag_pdf)}" in underlag_pdf[-1]
    assert "Samordningsförbundet <script>alert(1)</script> [bold]x[/bold]" in everything
    assert "§ 23 Kontakt" in everything, "the planted section is there, without its address"
    assert contact_data(everything) == []

