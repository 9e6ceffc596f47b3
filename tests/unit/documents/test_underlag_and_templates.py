"""The beslutsunderlag in html, immediate justering in print, the Word starting template, and that the
package stays light to import."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx

from formation.reports.documents import (
    SnapshotData,
    docx_template,
    render_snapshot,
    render_underlag,
    underlag_data,
)
from formation.reports.documents.model import PartyRow
from tests.unit.documents.test_markdown_html import outline


def with_meeting(data: SnapshotData, slug: str, on: date) -> SnapshotData:
    """The snapshot with the party's approving step planned for `on`."""

    def moved(party: PartyRow) -> PartyRow:
        steps = tuple(dataclasses.replace(s, planned_on=on) if s.step_id == "fullmaktige" else s for s in party.steps)
        return dataclasses.replace(party, steps=steps)

    return dataclasses.replace(data, parties=tuple(moved(p) if p.slug == slug else p for p in data.parties))


def test_underlag_html_structure(forming: SnapshotData) -> None:
    doc = outline(render_underlag(underlag_data(forming, "stockholms-lans-landsting"), "html"))
    assert doc.headings[0] == ("h1", "Medlemskap i Samordningsförbundet Stockholms stad")
    h2 = [text for tag, text in doc.headings if tag == "h2"]
    assert h2[:4] == ["Förslag till beslut", "Ärendet", "Beslutsgång för Stockholms läns landsting",
                      "Finansiering 2016"]
    assert "Landstingsfullmäktige föreslås fatta följande beslut:" in doc.plain
    assert "Planerat sammanträde 9 februari 2016" in doc.plain
    assert "Bilaga 1 · Förbundsordning version 1" in doc.plain
    assert "§ 22 Förbundets bildande" in doc.plain
    assert "Omedelbar justering" not in doc.plain


def test_immediate_justering_is_printed(forming: SnapshotData) -> None:
    late = with_meeting(forming, "stockholms-stad", date(2016, 3, 14))
    u = underlag_data(late, "stockholms-stad")
    html = outline(render_underlag(u, "html")).plain
    md = render_underlag(u, "md").decode("utf-8")
    assert "Omedelbar justering." in html
    assert "7. Paragrafen förklaras omedelbart justerad." in md
    assert "efter förbundets planerade start den 1 april 2016" in md


def test_docx_starting_template_round_trips(forming: SnapshotData, tmp_path: Path) -> None:
    path = tmp_path / "mall.docx"
    path.write_bytes(docx_template())
    styles = {s.name for s in docx.Document(str(path)).styles}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "Light List Accent 1"} <= styles
    rendered = docx.Document(io.BytesIO(render_snapshot(forming, "docx", template=path)))
    assert rendered.paragraphs[1].text == "Samordningsförbundet Stockholms stad"


def test_importing_the_package_loads_no_renderer() -> None:
    code = (
        "import sys, formation.reports.documents as d; "
        "print(sorted(m for m in ('matplotlib', 'docx', 'weasyprint', 'jinja2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_chart_is_deterministic_without_dates_in_metadata(falun: SnapshotData) -> None:
    from formation.reports.documents.chart import timeline_png, timeline_svg

    svg = timeline_svg(falun)
    timeline_svg.cache_clear()
    timeline_png.cache_clear()
    assert timeline_svg(falun) == svg
    assert "<dc:date>" not in svg and "Matplotlib" not in svg
    assert "Falun" in svg and "jan. 2023" in svg, "text stays text"
    png = timeline_png(falun)
    timeline_png.cache_clear()
    assert timeline_png(falun) == png
    assert b"Software" not in png and b"matplotlib" not in png.lower()


def test_a_new_case_without_parties_or_forbundsordning_renders() -> None:
    from formation.reports.documents import snapshot_data_from_status

    status = {
        "case": {"name": "Samordningsförbundet Nytt", "slug": "nytt", "seat": None, "target_start": None,
                 "state": "forming", "formed_on": None, "final_on": None, "fo_version": None,
                 "pending_version": None, "pending_effective_on": None, "as_of": "2025-03-01"},
        "parties": [],
        "problems": [{"code": "no_forbundsordning", "message": "Ingen förbundsordning är registrerad ännu."}],
    }
    data = snapshot_data_from_status(status, events=[], finance=None, board=[], fo=None, plan=None)
    assert data.summary == (
        "Samordningsförbundet Nytt är ännu inte bildat. Någon förbundsordning är ännu inte registrerad."
    )
    for fmt in ("md", "html", "docx"):
        assert render_snapshot(data, fmt)
    assert "Att åtgärda" in render_snapshot(data, "md").decode("utf-8")


def test_a_history_of_years_has_years_on_the_time_axis() -> None:
    """Eight years of history: a tick each January, labelled '2011', not nine 'jan. 2011' that run together."""
    from formation.reports.documents.chart import _tick_labels, _ticks

    ticks = _ticks(date(2010, 1, 1), date(2018, 3, 1))
    assert _tick_labels(ticks) == [str(year) for year in range(2011, 2019)]
    assert _tick_labels(_ticks(date(2026, 8, 1), date(2027, 3, 1)))[:2] == ["sep. 2026", "okt. 2026"]
