"""Fitting a table's text columns to the terminal's width, so that at 80 columns nothing is pushed out of
sight to the right: the long columns are cut with an ellipsis instead (the screens show the whole row below)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

LEAST = 8
"""No column is narrowed below this; a name cut shorter than that no longer says whose it is."""
FRAME = 4
"""Columns a table in a `.pane` loses to its border and padding."""
SCROLLBAR = 2
CELL_PADDING = 2
"""DataTable's padding around each cell (one column each side)."""


def shrink(widths: list[int], budget: int, least: int = LEAST) -> list[int]:
    """Narrow the widest column, one column at a time, until they fit `budget` (none below `least`): a short
    column keeps its width, the long ones share what is left."""
    widths = list(widths)
    while sum(widths) > budget and max(widths, default=0) > least:
        widths[widths.index(max(widths))] -= 1
    return widths


def flexible_widths(
    texts: Sequence[tuple[str, ...]], screen_width: int, fixed: int, columns: int, *, scrollbar: bool = True
) -> list[int]:
    """The widths of the flexible columns whose cells are `texts` (one tuple per row), when the table has
    `columns` columns in all, the others need `fixed` columns of text, and a vertical scrollbar may show."""
    longest = [max(len(t) for t in column) for column in zip(*texts, strict=True)] if texts else []
    budget = screen_width - FRAME - (SCROLLBAR if scrollbar else 0) - CELL_PADDING * columns - fixed
    return shrink(longest, budget)


def fit(text: str, width: int, style: str = "") -> Text:
    """The text in at most `width` columns, with an ellipsis where it was cut."""
    cell = Text(text, style)
    cell.truncate(max(width, 1), overflow="ellipsis")
    return cell


class FittedTable(DataTable[Text]):
    """A table that `refill` fills: its columns come with their widths, so its rows need no measuring again.

    DataTable measures every cell of every new row when idle, to widen columns that size themselves; for
    columns of a given width that only costs time (a fifth of the dashboard's first frame at 293 parties, two
    tables of them). Only the table's virtual size is computed then."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if not any(column.auto_width for column in self.columns.values()):
            new_rows = ()
        super()._update_dimensions(new_rows)


def refill(table: FittedTable, labels: Sequence[str], rows: Sequence[tuple[str | None, Sequence[Text]]]) -> None:
    """Empty `table` and fill it with `rows` (row key, cells) under columns exactly as wide as their widest cell.

    The widths are given, not left to the table to measure: a DataTable measures new rows only when idle, and a
    frame drawn before that (a reload arriving while the screen repaints) is cached at the labels' widths, with
    no key the later measuring changes (Textual 8.2), so the table stayed cut to 'Soln  kom  vänt' until the
    next reload."""
    table.clear(columns=True)
    for i, label in enumerate(labels):
        widest = max((cells[i].cell_len for _, cells in rows if i < len(cells)), default=0)
        table.add_column(label, width=max(cell_len(label), widest))
    for key, cells in rows:
        table.add_row(*cells, key=key)
