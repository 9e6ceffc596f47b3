"""The built-in Word styles as an empty document, for users to restyle and pass back as a template."""

from __future__ import annotations


def docx_template() -> bytes:
    """An empty .docx with the styles the documents use (Title, Heading 1–3, Normal, List Bullet,
    List Paragraph and the table style), ready to restyle in Word and pass back as `template`."""
    from datetime import datetime

    from formation.reports.documents.word import WordWriter

    return WordWriter(None, title="Mall för formation", header="", day=datetime(2000, 1, 1)).save()
