"""Markdown and HTML: content at several dates, escaping, no contact data, determinism, user templates."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from formation.reports.documents import (
    SnapshotData,
    TemplateMismatch,
    UnknownFormat,
    render_snapshot,
    render_underlag,
    underlag_data,
)
from tests.unit.documents.support import CASES, build, contact_data, hostile, snapshot


class Outline(HTMLParser):
    """Headings, table count, images and the visible text of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.tables = 0
        self.images: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self.lang = ""
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag in ("h1", "h2", "h3"):
            self._open = tag
            self.headings.append((tag, ""))
        if tag == "table":
            self.tables += 1
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] == "style":
            return
        self.text.append(data)
        if self._open is not None:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def outline(html: bytes) -> Outline:
    parser = Outline()
    parser.feed(html.decode("utf-8"))
    return parser


def test_snapshot_html_structure(forming: SnapshotData) -> None:
    doc = outline(render_snapshot(forming, "html"))
    assert doc.lang == "sv"
    assert doc.headings[0] == ("h1", "Samordningsförbundet Stockholms stad")
    h2 = [text for tag, text in doc.headings if tag == "h2"]
    assert h2 == ["Tidslinje", "Parternas beslut", "Överklagande och laga kraft", "Finansiering 2016",
                  "Förbundsordningen", "Styrelsen", "Senaste händelser"]
    h3 = [" ".join(text.split()) for tag, text in doc.headings if tag == "h3"]
    assert h3[0] == "Stockholms stad (kommun)"
    assert doc.tables == 4 + 5  # one per party, then appeals, finance, checklist, board, events
    assert doc.images and doc.images[0].startswith("data:image/svg+xml;base64,")
    assert "Läget den 31 januari 2016" in doc.plain
    assert "planerat 22 februari 2016" in doc.plain
    assert "29712cac3a62f1dee6b15a1354bd368335c50d7e30252fed8bee14a5f22704d0" in doc.plain


@pytest.mark.parametrize("name", CASES)
def test_every_case_renders_with_its_summary(name: str) -> None:
    data = snapshot(name)
    html = outline(render_snapshot(data, "html")).plain
    md = render_snapshot(data, "md").decode("utf-8")
    assert " ".join(data.summary.split()) in html
    assert data.summary in md.replace("\\", "")
    assert f"läget den {data.as_of.day}" in md


def test_formed_html_shows_laga_kraft(formed: SnapshotData) -> None:
    text = outline(render_snapshot(formed, "html")).plain
    assert "är bildat sedan den 22 februari 2016" in text
    assert "18 mars 2016" in text and "19 mars 2016" in text  # appeal period end, laga kraft
    assert "Myndighetens beslut överklagas inte enligt kommunallagen." in text


def test_falun_shows_earlier_outcomes(falun: SnapshotData) -> None:
    md = render_snapshot(falun, "md").decode("utf-8")
    assert "Tidigare: återremiss 19 maj 2022; bordläggning 8 september 2022" in md
    assert "Tidigare: avslag 24 maj 2022" in md
    assert "| Falun | 13\u00a0% | 520\u00a0000\u00a0kr | 0,52\u00a0mnkr |" in md


def test_markdown_snapshot_content(halfway: SnapshotData) -> None:
    md = render_snapshot(halfway, "md").decode("utf-8")
    assert md.startswith("# Samordningsförbundet Stockholms stad\n\n*Lägesrapport – läget den 16 februari 2016*")
    for heading in ("## Parternas beslut", "## Överklagande och laga kraft", "## Finansiering 2016",
                    "## Förbundsordningen", "## Styrelsen", "## Senaste händelser"):
        assert heading in md
    assert "| Stockholms läns landsting | 9 februari 2016 | 12 februari 2016 | 4 mars 2016 |" in md
    # each sentence under the column it answers (a table cannot span columns in Markdown or in the docx)
    assert "| Stockholms stad | Inget beslut om förbundsordningen ännu. |   |   |   |" in md
    assert "| Försäkringskassan | 15 februari 2016 | – | Överklagas inte enligt kommunallagen. |   |" in md
    assert "| **Totalt** | 100\u00a0% | **8\u00a0000\u00a0000\u00a0kr** | **8,0\u00a0mnkr** |" in md


def test_underlag_markdown(forming: SnapshotData) -> None:
    md = render_underlag(underlag_data(forming, "stockholms-stad"), "md").decode("utf-8")
    assert "## Förslag till beslut" in md
    assert "Kommunfullmäktige föreslås fatta följande beslut:" in md
    assert "6. Besluten gäller under förutsättning att övriga parter beslutar detsamma." in md
    assert "## Bilaga 1 · Förbundsordning version 1" in md
    assert "#### § 9 Kvalificerad majoritet" in md


def test_user_data_appears_literally() -> None:
    data = build(hostile())
    html = render_snapshot(data, "html").decode("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [bold]x[/bold]" in html
    assert "<b>KS</b>" not in html and "&lt;b&gt;KS&lt;/b&gt;" in html
    assert "Samordningsförbundet <script>alert(1)</script> [bold]x[/bold]" in outline(html.encode()).plain
    md = render_snapshot(data, "md").decode("utf-8")
    assert "\\<script\\>alert(1)\\</script\\> \\[bold\\]x\\[/bold\\]" in md


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_contact_data(fmt: str) -> None:
    data = build(hostile())
    assert contact_data(render_snapshot(data, fmt).decode("utf-8")) == []
    for party in data.parties:
        assert contact_data(render_underlag(underlag_data(data, party.slug), fmt).decode("utf-8")) == []


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_byte_identical_twice(fmt: str) -> None:
    first = render_snapshot(snapshot("falun_2022-09-30"), fmt)
    again = render_snapshot(snapshot("falun_2022-09-30"), fmt)
    assert first == again
    u = underlag_data(snapshot("stockholm_2016-01-31"), "stockholms-lans-landsting")
    assert render_underlag(u, fmt) == render_underlag(u, fmt)


def test_user_html_template_extends_the_builtin(forming: SnapshotData, tmp_path: Path) -> None:
    template = tmp_path / "snapshot.html.j2"
    template.write_text(
        '{% extends "formation/snapshot.html.j2" %}'
        "{% block footer %}Kommunledningskontoret, {{ snapshot.name }}{% endblock %}",
        encoding="utf-8",
    )
    text = outline(render_snapshot(forming, "html", template=template)).plain
    assert "Kommunledningskontoret, Samordningsförbundet Stockholms stad" in text
    assert "Parternas beslut" in text


def test_wrong_format_or_template_is_refused(forming: SnapshotData, tmp_path: Path) -> None:
    with pytest.raises(UnknownFormat):
        render_snapshot(forming, "odt")
    with pytest.raises(TemplateMismatch):
        render_snapshot(forming, "html", template=tmp_path / "mall.docx")
    with pytest.raises(TemplateMismatch):
        render_snapshot(forming, "md", template=tmp_path / "mall.j2")
