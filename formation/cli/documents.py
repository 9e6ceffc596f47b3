"""CLI: the documents for politicians (snapshot) and each party's beslutsunderlag (underlag)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from formation.cli.common import app, parse_as_of, services
from formation.errors import Refusal

if TYPE_CHECKING:
    from formation.reports.documents.model import SnapshotData
    from formation.services.views import CaseView

FORMAT = typer.Option("--format", "-f", metavar="FORMAT", help="md, html, docx eller pdf.")
OUT = typer.Option("--output", "-o", metavar="FIL", help="Filen att skriva (standard: skärmen för md och html).")
TEMPLATE = typer.Option("--template", metavar="FIL", help="Egen mall: .j2 för html/pdf, .docx för docx.")
AS_OF = typer.Option("--as-of", metavar="DATUM", help="Läget per detta datum.")
BUDGET = typer.Option("--budget", metavar="BELOPP", help="Total budget för första året, t.ex. '8,0 mnkr'.")


def _write(content: bytes, fmt: str, output: Path | None) -> None:
    if output is None:
        if fmt in ("docx", "pdf"):
            raise Refusal(f"Ett {fmt}-dokument skrivs till en fil; ange -o FIL.")
        sys.stdout.write(content.decode("utf-8"))
        sys.stdout.flush()
        return
    try:
        output.write_bytes(content)
    except OSError as exc:
        raise Refusal(f"Filen {output} kunde inte skrivas: {exc.strerror}.") from exc
    typer.echo(f"Skrev {output} ({len(content):,} byte).".replace(",", " "), err=True)


def _data(ctx: typer.Context, as_of: str | None, budget: str | None) -> SnapshotData:
    from formation.reports.documents.gather import snapshot_data

    svc = services(ctx)
    view = svc.view(as_of=parse_as_of(as_of, svc.clock.today()), with_texts=True)
    return snapshot_data(view, svc.events(), budget=budget, plan=_planned(view))


def _planned(view: CaseView) -> dict[str, object] | None:
    """Planned meetings and the projected formation date, when the case has calendars to plan with."""
    from formation.schedule.case_plan import has_schedule, plan_for

    projection = view.projection
    if projection.in_force_version is not None or not has_schedule(projection):
        return None
    plan = plan_for(projection, view.as_of)
    meetings = [
        {"party": s.party, "step": s.step_id, "body": s.body, "date": s.earliest.isoformat()}
        for s in plan.steps
        if s.earliest is not None
    ]
    projected = plan.formation_on.isoformat() if plan.formation_on else None
    return {"projected_formed_on": projected, "meetings": meetings} if meetings or projected else None


def _render(render: Callable[..., bytes], data: object, fmt: str, template: Path | None) -> bytes:
    from formation.reports.documents import TemplateMismatch, UnknownFormat

    try:
        content: bytes = render(data, fmt, template=template)
    except (UnknownFormat, TemplateMismatch) as exc:
        raise Refusal(str(exc)) from exc
    return content


@app.command()
def snapshot(
    ctx: typer.Context,
    fmt: Annotated[str, FORMAT] = "md",
    output: Annotated[Path | None, OUT] = None,
    template: Annotated[Path | None, TEMPLATE] = None,
    as_of: Annotated[str | None, AS_OF] = None,
    budget: Annotated[str | None, BUDGET] = None,
) -> None:
    """Lägesrapporten för fullmäktige: läget, parternas beslut, förbundsordningen, finansieringen."""
    from formation.reports.documents import render_snapshot

    _write(_render(render_snapshot, _data(ctx, as_of, budget), fmt, template), fmt, output)


@app.command()
def underlag(
    ctx: typer.Context,
    party: Annotated[str, typer.Argument(metavar="PART", help="Parten som ska besluta.")],
    fmt: Annotated[str, FORMAT] = "md",
    output: Annotated[Path | None, OUT] = None,
    template: Annotated[Path | None, TEMPLATE] = None,
    as_of: Annotated[str | None, AS_OF] = None,
    budget: Annotated[str | None, BUDGET] = None,
) -> None:
    """Beslutsunderlag för en parts nästa beslut, med förbundsordningen som bilaga."""
    from formation.case.resolve import find_party
    from formation.reports.documents import render_underlag, underlag_data

    data = _data(ctx, as_of, budget)
    slug = find_party(services(ctx).view().projection, party).info.slug
    _write(_render(render_underlag, underlag_data(data, slug), fmt, template), fmt, output)
