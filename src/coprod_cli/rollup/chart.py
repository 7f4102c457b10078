"""What a chart shows: categories along the bottom, percentages up the side.

The roll-ups decide what each chart holds; :mod:`coprod_cli.reports.charts` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chart:
    """One vertical chart: categories along the bottom, percentages up the side."""

    title: str
    labels: tuple[str, ...]
    """One per category, in order."""
    bars: tuple[float | None, ...] = ()
    """Drawn as bars; None (nothing to score) is drawn as 0."""
    line: tuple[float | None, ...] = ()
    """Drawn as a line over the bars (a threshold, or a second series)."""
    y_title: str = "Percent"
    y_max: int = 100
