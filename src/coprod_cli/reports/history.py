"""How ``coprod history`` (every committed version of a unit) is laid out: text for the terminal
(rich), a JSON-ready dict, and markdown from ``templates/history.md.j2`` (the gap report's
escaping environment). Nothing is counted or ordered here: :mod:`coprod_cli.rollup.history` did that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from coprod_cli.i18n import N_, _, n_
from coprod_cli.reports.tables import level_cell, plain_table, signed, styled
from coprod_cli.resources import data_dir
from coprod_cli.rollup.rows import UnitRow
from coprod_cli.rollup.timeline import History, Point

HISTORY_TEMPLATE = "history.md.j2"
ACTIONS_LEGEND = N_(
    "Each version against the one before it, as {command} lists them; every action of the oldest version is new."
)


def _framework_cell(p: Point) -> str:
    fw = p.result.framework
    if p.framework_committed:
        cell = _("{framework} {version} (as committed)", framework=fw.id, version=fw.version)
    else:
        cell = _("{framework} {version} (as today)", framework=fw.id, version=fw.version)
    return cell + (" *" if p.framework_changed else "")


def history_text(h: History, console: Console) -> None:
    count = len(h.points)
    if h.broken:
        head = n_(
            "History of {file}: {count} committed version, and {broken} that could not be read",
            "History of {file}: {count} committed versions, and {broken} that could not be read",
            count,
            file=h.file,
            broken=len(h.broken),
        )
    else:
        head = n_(
            "History of {file}: {count} committed version",
            "History of {file}: {count} committed versions",
            count,
            file=h.file,
        )
    console.print(styled(head, "bold"))
    if h.today_framework is not None:
        fw = h.today_framework
        console.print(
            styled(
                _(
                    "Today's framework: {framework} {version} ({sha})",
                    framework=fw.id,
                    version=fw.version,
                    sha=fw.sha256[:12],
                ),
                "dim",
            )
        )
    elif h.today_problem:
        console.print(styled(_("Today's framework could not be read: {problem}", problem=h.today_problem), "yellow"))
    console.print()
    numbers = [t.number for t in h.trends]
    table = plain_table(
        (_("Commit"), "left"),
        (_("Date"), "left"),
        (_("Assessed"), "left"),
        (_("Framework"), "left"),
        (_("Level"), "right"),
    )
    for n in numbers:
        table.add_column(_("L{number}", number=n), justify="right")
    for p in h.points:
        cells = [level_cell(*_level_of(p.result, n)) for n in numbers]
        table.add_row(
            styled(p.short),
            styled(p.day),
            styled(str(p.result.assessed_on)),
            styled(_framework_cell(p)),
            styled(str(p.result.attained_level)),
            *cells,
        )
    console.print(table)
    legend = [_("✓ achieved")]
    if any(p.framework_changed for p in h.points):
        legend.append(_("* the framework changed since the version above"))
    if not all(p.framework_committed for p in h.points):
        legend.append(_("'as today': a built-in framework (or one named by id) is read as installed today"))
    console.print(styled("; ".join(legend) + ".", "dim"))
    if h.framework_changed and h.today_framework is not None:
        console.print()
        console.print(styled(_("Against today's framework (the change in the unit alone)"), "bold"))
        again = plain_table(
            (_("Commit"), "left"), (_("Level"), "right"), *((_("L{number}", number=n), "right") for n in numbers)
        )
        for p in h.points:
            if p.today is None:  # pragma: no cover - a version that fits neither framework is broken anyway
                again.add_row(
                    styled(p.short),
                    styled("—"),
                    *(styled(_("does not fit")) if i == 0 else styled("") for i in range(len(numbers))),
                )
                continue
            today = p.today
            again.add_row(
                styled(p.short), styled(str(today.attained_level)), *(level_cell(*_level_of(today, n)) for n in numbers)
            )
        console.print(again)
    console.print()
    console.print(styled(_("Trend, oldest to newest"), "bold"))
    trend = plain_table((_("Level"), "left"), (_("As at the time"), "left"))
    if h.framework_changed and h.today_framework is not None:
        trend.add_column(_("Against today's framework"), justify="left")
    trend.add_column(_("Change"), justify="right")
    for t in h.trends:
        row = [styled(f"{t.number}. {t.title}"), styled(t.spark_then)]
        if h.framework_changed and h.today_framework is not None:
            row.append(styled(t.spark_today))
        trend.add_row(*row, styled(signed(t.change)))
    console.print(trend)
    if h.followed_up:
        console.print()
        _actions_text(h, console)


def _actions_text(h: History, console: Console) -> None:
    """Each version's actions against the one before it (docs/many-units.md, 'What happened to the actions')."""
    console.print(styled(_("Actions, version by version"), "bold"))
    table = plain_table(
        (_("Commit"), "left"),
        (_("Assessed"), "left"),
        (_("Completed"), "right"),
        (_("Dropped"), "right"),
        (_("New"), "right"),
        (_("Still open"), "right"),
        (_("No longer in the file"), "right"),
    )
    for p in h.points:
        a = p.actions
        table.add_row(
            styled(p.short),
            styled(str(p.result.assessed_on)),
            *(styled(str(n)) for n in (a.completed, a.dropped, a.new, a.still_open, a.gone)),
        )
    console.print(table)
    console.print(styled(_(ACTIONS_LEGEND, command="coprod compare"), "dim"))


def _level_of(r: UnitRow, number: int) -> tuple[float | None, bool]:
    for lv in r.levels:
        if lv.number == number:
            return lv.percent, lv.achieved
    return None, False


def _levels(r: UnitRow) -> list[dict[str, Any]]:
    return [{"number": lv.number, "title": lv.title, "percent": lv.percent, "achieved": lv.achieved} for lv in r.levels]


def history_list(h: History) -> list[dict[str, Any]]:
    """The JSON of ``coprod history``: one entry per version that could be scored, oldest first."""
    return [
        {
            "commit": p.commit,
            "date": p.date,
            "path": p.path,
            "assessed_on": p.result.assessed_on.isoformat(),
            "framework": {
                "id": p.result.framework.id,
                "version": p.result.framework.version,
                "sha256": p.result.framework.sha256,
                "as_committed": p.framework_committed,
                "changed": p.framework_changed,
            },
            "attained_level": p.result.attained_level,
            "levels": _levels(p.result),
            "actions": {
                "completed": p.actions.completed,
                "dropped": p.actions.dropped,
                "new": p.actions.new,
                "still_open": p.actions.still_open,
                "no_longer_in_file": p.actions.gone,
            },
            "today": None
            if p.today is None
            else {
                "framework": {"id": p.today.framework.id, "version": p.today.framework.version},
                "attained_level": p.today.attained_level,
                "levels": _levels(p.today),
            },
        }
        for p in h.points
    ]


def history_markdown(h: History, *, template_dir: Path | None = None) -> str:
    from coprod_cli.reports.markdown_report import environment, render_template  # noqa: PLC0415 - jinja for markdown only

    return render_template(environment, template_dir or data_dir("templates"), HISTORY_TEMPLATE, h=h)
