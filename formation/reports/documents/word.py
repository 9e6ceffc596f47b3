"""DOCX through python-docx. With a user template (a .docx), its styles, headers and page set-up are used
and its body is replaced; without one, python-docx's default document with a few restyled styles.

The output is deterministic: fixed core properties (no "now") and fixed timestamps in the zip.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x5B, 0x6B, 0x7F)
TABLE_STYLES = ("Light List Accent 1", "Table Grid")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class WordWriter:
    """A thin layer over python-docx that falls back to plain styles a user template may lack."""

    def __init__(self, template: Path | None, *, title: str, header: str, day: datetime) -> None:
        self.doc: Any = Document(str(template)) if template is not None else Document()
        self.styles = {s.name for s in self.doc.styles}
        if template is None:
            self._restyle()
        else:
            body = self.doc.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
        self._core(title, day)
        self._header_footer(header)

    def _restyle(self) -> None:
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
        section.left_margin, section.right_margin = Cm(2.2), Cm(2.0)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(10)
        for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 11.5), ("Heading 3", 10.5)):
            style = self.doc.styles[name]
            style.font.name = "Arial"
            style.font.size = Pt(size)
            style.font.color.rgb = NAVY

    def _core(self, title: str, day: datetime) -> None:
        props = self.doc.core_properties
        props.title = title
        props.author = "formation"
        props.last_modified_by = "formation"
        props.comments = ""
        props.keywords = ""
        props.subject = ""
        props.category = ""
        props.revision = 1
        props.created = day
        props.modified = day
        props.last_printed = day

    def _header_footer(self, header: str) -> None:
        """The running header and "Sida X av Y", unless a user template has its own (a letterhead)."""
        section = self.doc.sections[0]
        if not _has_text(section.header):
            head = section.header.paragraphs[0] if section.header.paragraphs else section.header.add_paragraph()
            run = head.add_run(header)
            run.font.size = Pt(8)
            run.font.color.rgb = GREY
        if _has_text(section.footer):
            return
        foot = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for part in ("Sida ", "PAGE", " av ", "NUMPAGES"):
            if part in ("PAGE", "NUMPAGES"):
                _field(foot, part)
            else:
                r = foot.add_run(part)
                r.font.size = Pt(8)

    def style(self, *names: str) -> str | None:
        return next((n for n in names if n in self.styles), None)

    def heading(self, text: str, level: int) -> None:
        name = "Title" if level == 0 else f"Heading {level}"
        if name in self.styles:
            self.doc.add_heading(text, level)
        else:
            self.doc.add_paragraph().add_run(text).bold = True

    def para(self, text: str, *, italic: bool = False, small: bool = False, bold_lead: str = "") -> Any:
        p = self.doc.add_paragraph()
        if bold_lead:
            p.add_run(bold_lead).bold = True
        run = p.add_run(text)
        run.italic = italic
        if small:
            run.font.size = Pt(8)
            run.font.color.rgb = GREY
        return p

    def bullet(self, text: str) -> None:
        style = self.style("List Bullet")
        self.doc.add_paragraph(text if style else f"• {text}", style=style)

    def numbered(self, items: Sequence[str]) -> None:
        for i, text in enumerate(items, start=1):
            p = self.doc.add_paragraph(style=self.style("List Paragraph"))
            p.paragraph_format.left_indent = Cm(0.8)
            p.paragraph_format.first_line_indent = Cm(-0.6)
            p.add_run(f"{i}.\t{text}")

    def facts(self, rows: Sequence[tuple[str, str]]) -> None:
        self.table(["", ""], [list(r) for r in rows], with_header=False, widths=(4.5, 12.0), bold_first=True)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float] = (),
        right: Sequence[int] = (),
        with_header: bool = True,
        bold_first: bool = False,
        bold_last: bool = False,
        highlight: int | None = None,
    ) -> None:
        """A table in the template's list style; `right` holds right-aligned column numbers."""
        cols = len(header)
        table = self.doc.add_table(rows=0, cols=cols)
        style = self.style(*TABLE_STYLES)
        if style:
            table.style = style
        body = [list(header)] + [list(r) for r in rows] if with_header else [list(r) for r in rows]
        for index, values in enumerate(body):
            cells = table.add_row().cells
            is_header = with_header and index == 0
            row_number = index - 1 if with_header else index
            for col, value in enumerate(values):
                p = cells[col].paragraphs[0]
                run = p.add_run(value)
                run.font.size = Pt(8.5)
                is_last = bold_last and index == len(body) - 1
                run.bold = is_header or is_last or (bold_first and col == 0) or row_number == highlight
                if col in right:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if widths:
            table.autofit = False
            for row in table.rows:
                for col, width in enumerate(widths[:cols]):
                    row.cells[col].width = Cm(width)
        _look(table, header=with_header)
        if with_header:
            _repeat_header(table.rows[0])
        self.doc.add_paragraph()

    def picture(self, png: bytes, width_cm: float) -> None:
        self.doc.add_picture(io.BytesIO(png), width=Cm(width_cm))

    def page_break(self) -> None:
        self.doc.add_page_break()

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return normalize_zip(out.getvalue())


def _has_text(part: Any) -> bool:
    """Whether a header or footer already says something (fields count)."""
    if any(p.text.strip() for p in part.paragraphs):
        return True
    return bool(part._element.findall(".//" + qn("w:fldSimple")))


def _look(table: Any, *, header: bool) -> None:
    """Which parts of the table style apply: the header row only when there is one, never a bold first
    column or banded columns."""
    props = table._tbl.tblPr
    look = props.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        props.append(look)
    values = {"firstRow": header, "lastRow": False, "firstColumn": False, "lastColumn": False,
              "noHBand": False, "noVBand": True}
    for key, on in values.items():
        look.set(qn(f"w:{key}"), "1" if on else "0")
    look.set(qn("w:val"), "0420" if header else "0400")


def _repeat_header(row: Any) -> None:
    """Repeat the header row on every page the table runs over."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _field(paragraph: Any, instr: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def normalize_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so that equal documents are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def day_time(day: Any) -> datetime:
    """Midnight of the as-of day, the fixed time for core properties."""
    return datetime.combine(day, time(0, 0))
