"""Documents for politicians and officials: the status snapshot and each party's beslutsunderlag.

Input is plain data (`model`), built from the engine's JSON documents by `snapshot_data_from_status` and
`underlag_data`; output is md, html, docx or pdf bytes.
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

__all__ = [
    "SNAPSHOT_FORMATS",
    "UNDERLAG_FORMATS",
    "SnapshotData",
    "TemplateMismatch",
    "UnderlagData",
    "UnknownFormat",
    "render_snapshot",
    "render_underlag",
    "snapshot_data_from_status",
    "underlag_data",
]
