"""What the easy-read report shows: only what matters most, chosen here, worded in the templates.

The easy-read report (``--style easy-read``) is for service users and carers. It says where
the unit is as "doing to", "doing for" or "doing with", how far each level has got, the few
targets closest to the next level and up to five agreed actions; with ``--since`` or
``--baseline``, what happened since the last assessment. Everything else is in the standard
report. This module only chooses and counts; every word is in ``templates/report.easy-read.md.j2``,
``templates/report.easy-read.html.j2`` and the partials they include, so the readability test
measures all of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from coprod_cli.reports.markdown_report import environment, render_template
from coprod_cli.resources import data_dir
from coprod_cli.scoring.score import Result, TargetResult

MARKDOWN_TEMPLATE = "report.easy-read.md.j2"
MOST_TARGETS = 5
"""Targets shown on the way to the next level, at most."""
MOST_ACTIONS = 5
"""Agreed actions shown, at most."""


@dataclass(frozen=True)
class EasyLevel:
    """One level, with its score as a whole number people can read at a glance."""

    number: int
    title: str
    percent: int | None
    """The score rounded down, so it never looks achieved when it is not; None if nothing counts."""
    threshold: int
    achieved: bool


@dataclass(frozen=True)
class EasyRead:
    """The few facts the easy-read report is built from."""

    rung: str
    """``doing to`` (below Level 1), ``doing for`` (Level 1) or ``doing with`` (Level 2 and above):
    the result's own ``ladder.rung``, so the easy-read and standard reports always agree."""
    levels: tuple[EasyLevel, ...]
    next_level: EasyLevel | None
    """The level to work on next; None when every level is achieved."""
    possible: bool
    """False when the next level cannot be achieved because none of its targets counts."""
    targets_needed: int
    """How many more targets must be met to achieve the next level."""
    targets: tuple[TargetResult, ...]
    """The closest of those, at most ``MOST_TARGETS``, in the order to take them."""
    actions: tuple[TargetResult, ...]
    """Gaps with an agreed action, overdue ones first, then by level; at most ``MOST_ACTIONS``."""
    actions_left: int
    """Agreed actions not shown here (they are in the standard report)."""
    gaps: int
    warnings: int
    people: int
    """How many people took part."""


def whole(value: float | None) -> int | None:
    """A percent rounded down to a whole number (79.9 → 79, never 80)."""
    return None if value is None else math.floor(value)


def facts(result: Result) -> EasyRead:
    """Choose what the easy-read report shows for ``result``."""
    levels = tuple(EasyLevel(lv.number, lv.title, whole(lv.percent), lv.threshold, lv.achieved) for lv in result.levels)
    step = result.next_step
    by_id = {t.id: t for t in result.gaps}
    closest = tuple(by_id[i] for i in step.closest if i in by_id) if step else ()
    with_action = [t for t in result.gaps if t.action is not None]
    with_action.sort(key=lambda t: (not t.overdue, t.level))
    return EasyRead(
        rung=result.ladder.rung,
        levels=levels,
        next_level=levels[step.level - 1] if step else None,
        possible=step.possible if step else True,
        targets_needed=step.targets_needed if step else 0,
        targets=closest[:MOST_TARGETS],
        actions=tuple(with_action[:MOST_ACTIONS]),
        actions_left=max(0, len(with_action) - MOST_ACTIONS),
        gaps=len(result.gaps),
        warnings=len(result.warnings),
        people=sum(result.assessors.values()),
    )


def render_markdown(
    result: Result, *, template_dir: Path | None = None, source_name: str | None = None, since: object = None
) -> str:
    """The easy-read report as markdown text (escaped as the standard markdown report is); ``since``
    (a ``compare.Comparison``, from ``--baseline`` or ``--since``) adds "Since last time"."""
    folder = template_dir or data_dir("templates")
    return render_template(
        environment,
        folder,
        MARKDOWN_TEMPLATE,
        r=result,
        e=facts(result),
        source=source_name or result.file,
        since=since,
    )
