"""The timeline chart: each party's decisions on one line, planned meetings, the start and the as-of day.

Drawn with matplotlib's object API (no pyplot state). Output is deterministic: a fixed SVG hash salt,
no dates or software names in the metadata. Text stays text (DejaVu Sans, then any sans-serif), which
keeps the SVG small and quick for WeasyPrint.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from formation.reports.documents.model import SnapshotData
from formation.reports.documents.text import day, month

OUTCOME_COLORS = {"bifall": "#2e7d32", "avslag": "#c62828", "återremiss": "#e08600", "bordläggning": "#e08600"}
SKIPPED = "#9e9e9e"
PLANNED = "#1f5fa8"
AS_OF = "#1f3a5f"
FONT = "DejaVu Sans"
RC: Any = {  # typed Any: matplotlib types rc keys as a closed Literal
    "svg.hashsalt": "formation-documents",
    "svg.fonttype": "none",
    "font.family": FONT,
    "font.size": 8,
    "axes.edgecolor": "#666666",
    "axes.linewidth": 0.6,
    "xtick.color": "#333333",
    "ytick.color": "#222222",
}
SVG_METADATA: dict[str, Any] = {"Date": None, "Creator": None, "Format": None, "Type": None}
PNG_METADATA: dict[str, Any] = {"Software": None}


EPOCH = date(1970, 1, 1)


def _num(on: date) -> float:
    """A day as matplotlib's default date number (days since 1970-01-01)."""
    return float((on - EPOCH).days)


def _ticks(start: date, end: date) -> list[date]:
    """First days of months, every 1, 2, 3, 6 or 12 months, at most nine of them."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= 9), 120)
    ticks: list[date] = []
    index = start.year * 12 + start.month  # the month after start's month
    while True:
        year, month0 = divmod(index, 12)
        tick = date(year, month0 + 1, 1)
        if tick > end:
            return ticks
        if (step < 12 and month0 % step == 0) or (month0 == 0 and year % (step // 12 or 1) == 0):
            ticks.append(tick)
        index += 1


def _tick_labels(ticks: list[date]) -> list[str]:
    """'feb. 2016' for ticks months apart; '2016' for ticks a year or more apart (nine 'jan. 2011' labels
    ran into each other on a history of eight years)."""
    yearly = len(ticks) > 1 and all(t.month == 1 for t in ticks)
    return [str(t.year) if yearly else month(t) for t in ticks]


def _points(data: SnapshotData) -> list[tuple[int, date, str, bool]]:
    """(row, day, colour, planned) for every dated step and every planned meeting."""
    points = []
    for row, party in enumerate(data.parties):
        for step in party.steps:
            for on, outcome in step.earlier:
                points.append((row, on, OUTCOME_COLORS.get(outcome, "#2e7d32"), False))
            if step.date is not None:
                color = SKIPPED if step.status == "skipped" else OUTCOME_COLORS.get(step.outcome or "", "#2e7d32")
                points.append((row, step.date, color, False))
            if step.planned_on is not None:
                points.append((row, step.planned_on, PLANNED, True))
    return points


def _span(data: SnapshotData, points: list[tuple[int, date, str, bool]]) -> tuple[date, date]:
    days = [p[1] for p in points]
    days += [d for d in (data.target_start, data.formed_on, data.pending_effective_on) if d is not None]
    if data.plan is not None and data.plan.projected_formed_on is not None:
        days.append(data.plan.projected_formed_on)
    first = min(days, default=data.as_of)
    last = max(days, default=data.as_of)
    if data.as_of <= last + timedelta(days=120):
        last = max(last, data.as_of)
    pad = max(timedelta(days=20), (last - first) / 25)
    return first - pad, last + pad


def timeline_figure(data: SnapshotData) -> Figure:
    """The chart as a matplotlib figure, about 17 cm wide."""
    points = _points(data)
    n = max(len(data.parties), 1)
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(6.9, 1.35 + 0.38 * n), dpi=100)
        ax = fig.add_subplot()
        start, end = _span(data, points)
        for row in range(len(data.parties)):
            done = sorted(p[1] for p in points if p[0] == row and not p[3])
            if done:
                ax.plot([_num(done[0]), _num(done[-1])], [row, row], color="#b0bec5", linewidth=2.2, zorder=1,
                        solid_capstyle="round")
        for row, on, color, planned in points:
            if planned:
                ax.scatter([_num(on)], [row], s=34, facecolors="white", edgecolors=color, linewidths=1.4, zorder=3)
            else:
                ax.scatter([_num(on)], [row], s=30, color=color, edgecolors="white", linewidths=0.6, zorder=2)
        _markers(ax, data, start, end)
        ax.set_xlim(_num(start), _num(end))
        ax.set_ylim(len(data.parties) - 0.3, -0.85)
        ax.set_yticks(range(len(data.parties)), [p.name for p in data.parties])
        ticks = _ticks(start, end)
        ax.set_xticks([_num(t) for t in ticks], _tick_labels(ticks))
        ax.tick_params(axis="both", length=0, pad=4)
        ax.grid(axis="x", color="#e0e0e0", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.legend(handles=_legend(), loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.2 / n), ncol=5,
                  frameon=False, fontsize=7.5, handletextpad=0.3, columnspacing=1.0)
        fig.tight_layout(pad=0.4)
    return fig


def _markers(ax: Any, data: SnapshotData, start: date, end: date) -> None:
    """The as-of day, the formation day and the planned start as vertical lines; their labels go to the
    top or the bottom of the chart, whichever keeps them apart."""
    lines = [
        (data.as_of, f"Läget {day(data.as_of)}", AS_OF, "--"),
        (data.formed_on, "Bildat", "#2e7d32", "-"),
        (data.target_start, "Planerad start", "#7b1fa2", ":"),
    ]
    slots: dict[float, list[date]] = {-0.6: [], len(data.parties) - 0.55: []}
    near = (end - start) * 0.22
    for on, label, color, style in lines:
        if on is None or not start <= on <= end:
            continue
        y = next((y for y, taken in slots.items() if all(abs(on - t) > near for t in taken)), -0.6)
        slots[y].append(on)
        _vline(ax, on, label, color, start, end, style, y)


def _vline(
    ax: Any, on: date | None, label: str, color: str, start: date, end: date, style: str, y: float
) -> None:
    if on is None or not start <= on <= end:
        return
    x = _num(on)
    ax.axvline(x, color=color, linestyle=style, linewidth=1.0, zorder=0)
    # Labels in the right half sit left of their line, so that they stay inside the chart.
    right_half = (on - start) > (end - start) / 2
    text = f"{label} " if right_half else f" {label}"
    ax.text(x, y, text, color=color, fontsize=7, va="center", ha="right" if right_half else "left",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})


def _legend() -> list[Line2D]:
    def dot(color: str, label: str, hollow: bool = False) -> Line2D:
        face = "white" if hollow else color
        return Line2D([], [], linestyle="", marker="o", markersize=6, markerfacecolor=face, markeredgecolor=color,
                      label=label)

    return [
        dot(OUTCOME_COLORS["bifall"], "Bifall"),
        dot(OUTCOME_COLORS["återremiss"], "Återremiss / bordläggning"),
        dot(OUTCOME_COLORS["avslag"], "Avslag"),
        dot(SKIPPED, "Ej aktuellt"),
        dot(PLANNED, "Planerat sammanträde", hollow=True),
    ]


@lru_cache(maxsize=8)
def timeline_svg(data: SnapshotData) -> str:
    """The chart as an SVG document (text drawn as paths)."""
    fig = timeline_figure(data)
    out = io.StringIO()
    with matplotlib.rc_context(RC):
        fig.savefig(out, format="svg", metadata=SVG_METADATA, bbox_inches="tight", pad_inches=0.04)
    return out.getvalue()


@lru_cache(maxsize=8)
def timeline_png(data: SnapshotData, dpi: int = 200) -> bytes:
    """The chart as a PNG, for Word."""
    fig = timeline_figure(data)
    out = io.BytesIO()
    with matplotlib.rc_context(RC):
        fig.savefig(out, format="png", dpi=dpi, metadata=PNG_METADATA, bbox_inches="tight", pad_inches=0.04)
    return out.getvalue()
