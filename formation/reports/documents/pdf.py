"""PDF through WeasyPrint from the HTML (print CSS: A4, running header, "Sida X av Y")."""

from __future__ import annotations

from typing import cast


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads pango through cffi, which only the pdf format needs.
    from weasyprint import HTML

    return cast(bytes, HTML(string=html, base_url=".").write_pdf())
