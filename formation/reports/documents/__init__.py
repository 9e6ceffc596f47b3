"""Documents for politicians and officials: the status snapshot and each party's beslutsunderlag.

Input is plain data (`model`), built from the engine's JSON documents by `snapshot_data_from_status` and
`underlag_data`; output is md, html, docx or pdf bytes.

Restyling: for html and pdf, a user template is a Jinja2 file that extends the built-in one and overrides
its blocks (`style`, `body`, `footer`, `title`), e.g. `{% extends "formation/snapshot.html.j2" %}`
`{% block style %}{{ super() }} h1 { color: #006400; }{% endblock %}`. For docx, a .docx whose styles
(Title, Heading 1–3, Normal, List Bullet, List Paragraph, "Light List Accent 1" or "Table Grid"), page
set-up and headers are used; `docx_template()` gives a starting point to restyle in Word.
"""

from formation.reports.documents.build import snapshot_data_from_status
from formation.reports.documents.model import SnapshotData, UnderlagData
from formation.reports.documents.render import (
    SNAPSHOT_FORMATS,
    UNDERLAG_FORMATS,
    TemplateMismatch,
    UnknownFormat,
    render_snapshot,
    render_underlag,
)
from formation.reports.documents.underlag import underlag_data
from formation.reports.documents.word_template import docx_template

__all__ = [
    "SNAPSHOT_FORMATS",
    "UNDERLAG_FORMATS",
    "SnapshotData",
    "TemplateMismatch",
    "UnderlagData",
    "UnknownFormat",
    "docx_template",
    "render_snapshot",
    "render_underlag",
    "snapshot_data_from_status",
    "underlag_data",
]
