"""Charts that GitHub and GitLab draw from markdown: mermaid ``xychart-beta`` blocks.

The roll-ups decide what a chart shows (a :class:`~coprod_cli.rollup.chart.Chart`);
:func:`mermaid` writes it. Labels come from user text, so they are cleaned here: inside a
fenced block markdown escaping does not apply, and a quote, bracket or backtick could break
the chart or the fence.
"""

from __future__ import annotations

from collections.abc import Sequence

from coprod_cli.reports.markdown import Md
from coprod_cli.rollup.chart import Chart

_UNSAFE = frozenset('"[]{}<>#;`\\|&')
LABEL_CHARS = 24
"""Longest x-axis label; longer names are cut with '…' (the table beside the chart has them whole)."""


def label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` safe inside a quoted mermaid label: no quotes, brackets, backticks or line breaks."""
    kept = "".join(" " if ch in _UNSAFE or not ch.isprintable() else ch for ch in text)
    kept = " ".join(kept.split()) or "?"
    return kept if len(kept) <= limit else kept[: limit - 1].rstrip() + "…"


def distinct_labels(texts: Sequence[str], limit: int = LABEL_CHARS) -> tuple[str, ...]:
    """Each text as a :func:`label`, no two the same: mermaid draws every category with one
    label at one place, so two units named alike (or alike once cut short) would share a bar.
    A repeat is numbered in order, ``Ward A (2)``, and stays within ``limit``."""
    made: list[str] = []
    seen: set[str] = set()
    for text in texts:
        candidate, n = label(text, limit), 1
        while candidate in seen:
            n += 1
            tail = f" ({n})"
            candidate = label(text, max(1, limit - len(tail))) + tail
        seen.add(candidate)
        made.append(candidate)
    return tuple(made)


def _numbers(values: Sequence[float | None]) -> str:
    return ", ".join("0" if v is None else f"{v:g}" for v in values)


def mermaid(chart: Chart) -> Md:
    """The fenced ``mermaid`` block for ``chart``."""
    lines = [
        "```mermaid",
        "xychart-beta",
        f'    title "{label(chart.title, 80)}"',
        "    x-axis [" + ", ".join(f'"{x}"' for x in distinct_labels(chart.labels)) + "]",
        f'    y-axis "{label(chart.y_title, 40)}" 0 --> {chart.y_max}',
    ]
    if chart.bars:
        lines.append(f"    bar [{_numbers(chart.bars)}]")
    if chart.line:
        lines.append(f"    line [{_numbers(chart.line)}]")
    lines.append("```")
    return Md("\n".join(lines))
