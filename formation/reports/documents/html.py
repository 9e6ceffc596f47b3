"""HTML through Jinja2 with autoescape: user data (names, notes, `<script>`, `[bold]`) appears literally."""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, StrictUndefined

from formation.reports.documents.chart import timeline_svg
from formation.reports.documents.model import SnapshotData, UnderlagData
from formation.reports.documents.text import day, kr, laga_kraft, mnkr, percent

SNAPSHOT_TEMPLATE = "snapshot.html.j2"
UNDERLAG_TEMPLATE = "underlag.html.j2"


def environment(template: Path | None = None) -> Environment:
    """Built-in templates by name (also as "formation/<name>", so that a user template called
    snapshot.html.j2 can still extend the built-in one), the user template's folder first."""
    builtin = PackageLoader("formation.reports.documents", "templates")
    loaders: list[BaseLoader] = [FileSystemLoader(str(template.parent))] if template is not None else []
    loaders += [PrefixLoader({"formation": builtin}), builtin]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters.update(day=day, kr=kr, mnkr=mnkr, percent=percent, laga_kraft=laga_kraft)
    return env


def chart_base64(data: SnapshotData) -> str:
    return base64.b64encode(timeline_svg(data).encode("utf-8")).decode("ascii")


def snapshot_html(data: SnapshotData, template: Path | None = None) -> str:
    env = environment(template)
    name = template.name if template is not None else SNAPSHOT_TEMPLATE
    return env.get_template(name).render(snapshot=data, chart=chart_base64(data))


def underlag_html(data: UnderlagData, template: Path | None = None) -> str:
    env = environment(template)
    name = template.name if template is not None else UNDERLAG_TEMPLATE
    return env.get_template(name).render(snapshot=data.snapshot, underlag=data)
