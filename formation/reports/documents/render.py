"""The public entry points: one function per document, one format argument."""

from __future__ import annotations

from pathlib import Path

from formation.reports.documents.model import SnapshotData, UnderlagData

SNAPSHOT_FORMATS = ("md", "html", "docx", "pdf")
UNDERLAG_FORMATS = ("md", "html", "docx", "pdf")


TEMPLATE_SUFFIXES = {"html": (".j2", ".html"), "pdf": (".j2", ".html"), "docx": (".docx",)}


class UnknownFormat(ValueError):
    """A format the document cannot be rendered in."""


class TemplateMismatch(ValueError):
    """A user template that does not fit the format (a .docx for html, a .j2 for docx, any for md)."""


def render_snapshot(data: SnapshotData, fmt: str, *, template: Path | None = None) -> bytes:
    """The status snapshot as md, html, docx or pdf. `template` is a .j2 file for html/pdf or a .docx
    whose styles are used for docx; md takes none."""
    return _render(data, fmt, template, SNAPSHOT_FORMATS)


def render_underlag(data: UnderlagData, fmt: str, *, template: Path | None = None) -> bytes:
    """One party's beslutsunderlag as md, html, docx or pdf (template as for `render_snapshot`)."""
    return _render(data, fmt, template, UNDERLAG_FORMATS)


def _render(data: SnapshotData | UnderlagData, fmt: str, template: Path | None, formats: tuple[str, ...]) -> bytes:
    if fmt not in formats:
        raise UnknownFormat(f"Okänt format {fmt!r}; välj ett av {', '.join(formats)}.")
    if template is not None:
        wanted = TEMPLATE_SUFFIXES.get(fmt, ())
        if template.suffix.lower() not in wanted:
            raise TemplateMismatch(
                f"Mallen {template.name} passar inte formatet {fmt}"
                + (f"; ange en fil som slutar på {' eller '.join(wanted)}." if wanted else "; det tar ingen mall.")
            )
    # Each backend is imported on use: matplotlib, python-docx and WeasyPrint are heavy.
    if fmt == "md":
        from formation.reports.documents.markdown import snapshot_markdown, underlag_markdown

        text = snapshot_markdown(data) if isinstance(data, SnapshotData) else underlag_markdown(data)
        return text.encode("utf-8")
    if fmt == "docx":
        from formation.reports.documents.docx_documents import snapshot_docx, underlag_docx

        return snapshot_docx(data, template) if isinstance(data, SnapshotData) else underlag_docx(data, template)
    from formation.reports.documents.html import snapshot_html, underlag_html

    html = snapshot_html(data, template) if isinstance(data, SnapshotData) else underlag_html(data, template)
    if fmt == "html":
        return html.encode("utf-8")
    from formation.reports.documents.pdf import html_to_pdf

    return html_to_pdf(html)
