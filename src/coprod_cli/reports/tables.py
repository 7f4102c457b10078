"""Laying out the roll-ups for the terminal with rich: ``summary``, ``compare`` and ``history``.

User text always goes in as ``Text``, so it is shown as written and never read as markup.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment, Segments
from rich.style import Style
from rich.table import Table
from rich.text import Text

from coprod_cli.reports.words import percent


def signed(value: float | None) -> str:
    """A change in percentage points: '+12.5', '-3.2', '+0.0' (as templates write it), or '—'."""
    if value is None:
        return "—"
    return f"{value:+.1f}"


def styled(text: str, style: str = "") -> Text:
    return Text(str(text), style=style)  # str(): a framework's Wording in the language spoken


def plain_table(*columns: tuple[str, str]) -> Table:
    """A table without borders whose columns are (header, justification)."""
    made = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    for name, justify in columns:
        made.add_column(name, justify=justify)  # type: ignore[arg-type]
    return made


def grid(
    console: Console, header: list[str], rows: list[tuple[list[str], str]], right: frozenset[int] = frozenset()
) -> None:
    """A table with one row per unit, laid out directly: rich's Table is too slow for thousands of rows.

    Each row is its cells and a style; columns are two spaces apart, widths counted in terminal
    cells, and lines are never wrapped (a terminal narrower than the table wraps them itself).
    """
    widths = [max(cell_len(c) for c in column) for column in zip(header, *(cells for cells, _ in rows), strict=True)]

    def line(cells: list[str]) -> str:
        padded = []
        for n, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            gap = " " * (width - cell_len(cell))
            padded.append(gap + cell if n in right else cell + gap)
        return "  ".join(padded).rstrip()

    # Handed to rich as segments, one a line: a Text of thousands of lines costs rich a copy of
    # each line, and more, while it splits it up to render it.
    segments = [Segment(line(header), Style.parse("bold"))]
    for cells, style in rows:
        segments += (Segment.line(), Segment(line(cells), Style.parse(style)))
    segments.append(Segment.line())
    console.print(Segments(segments), soft_wrap=True)


def level_text(percent_value: float | None, achieved: bool) -> str:
    """A level's percent and whether it is achieved: '85.0% ✓'."""
    return f"{percent(percent_value)} {'✓' if achieved else '✗'}"


def level_cell(percent_value: float | None, achieved: bool) -> Text:
    return styled(level_text(percent_value, achieved))
