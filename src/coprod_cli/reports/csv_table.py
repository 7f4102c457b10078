"""Tables for spreadsheets: ``--format csv`` of ``summary`` and ``report`` (docs/spreadsheets.md).

Each table is one header row of stable English column names (a file format: never translated)
and one row per unit, gap or action.  Every cell goes through :func:`cell`, which writes dates
as ``YYYY-MM-DD``, yes/no for a flag, nothing for a missing value, and puts a ``'`` before text
a spreadsheet would run as a formula (docs/spreadsheets.md, 'Cells a spreadsheet would run').
The file is UTF-8 with a byte-order mark, comma-separated, quoted only where needed, each line
ending in CR LF (docs/spreadsheets.md, 'The file').  Nothing is counted or ordered here: the
scorer and :mod:`coprod_cli.rollup.summary` did that.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from coprod_cli.rollup.rows import TargetStatus, UnitRow
from coprod_cli.rollup.summary import Summary
from coprod_cli.scoring.score import Result, TargetResult

BOM = "\ufeff"
"""The byte-order mark that makes a spreadsheet read the file as UTF-8 (Welsh letters ŵ and ŷ)."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a cell a spreadsheet would run as a formula begins (OWASP, 'CSV Injection')."""
GUARD = "'"
"""Put before such a cell, so a spreadsheet shows it as text."""

SUMMARY_TABLES = ("levels", "targets")
REPORT_TABLES = ("gaps", "actions")

_UNIT = ("unit", "organisation", "file", "framework", "framework_version", "framework_sha256", "assessed_on")
GAP_COLUMNS = ("level", "target_id", "target", "status", "action", "owner", "due", "overdue")
ACTION_COLUMNS = (
    "level",
    "target_id",
    "target",
    "description",
    "owner",
    "due",
    "status",
    "changed_on",
    "reason",
    "overdue",
)

Cell = str | int | float | bool | date | None


def cell(value: Cell) -> str:
    """One cell as written: text in the language spoken now, with a ``'`` before it if it begins
    like a formula; a date as ``YYYY-MM-DD``; a flag as ``yes`` or ``no``; None as nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)  # a framework's Wording gives its text in the language spoken now
    return GUARD + text if text.startswith(FORMULA_STARTS) else text


def table(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """The CSV file's text: the byte-order mark, the header, then each row, every cell through :func:`cell`."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(map(cell, header))  # a column may be named by a framework's target ID
    writer.writerows([cell(value) for value in row] for row in rows)
    return BOM + out.getvalue()


# ---- summary: units × levels, units × targets ----------------------------------------------------


def _rows_in_order(s: Summary) -> list[UnitRow]:
    """Every unit at its latest assessment: a framework's units together, each group by file."""
    return [u for g in s.groups for u in g.units]


def _unit_cells(u: UnitRow) -> list[Cell]:
    fw = u.framework
    return [u.unit_name, u.unit_organisation, u.file, fw.id, fw.version, fw.sha256, u.assessed_on]


def summary_levels(s: Summary) -> str:
    """Units × levels: one row per unit, its attained level, then each level's percent and whether
    it is achieved; as many levels as the largest framework has (the others' cells left empty)."""
    top = max((len(g.levels) for g in s.groups), default=0)
    header = [*_UNIT, "attained_level"]
    for n in range(1, top + 1):
        header += [f"level_{n}_percent", f"level_{n}_achieved"]
    rows = []
    for u in _rows_in_order(s):
        row: list[Cell] = [*_unit_cells(u), u.attained_level]
        for level in u.levels:
            row += [level.percent, level.achieved]
        rows.append(row + [None] * (len(header) - len(row)))
    return table(header, rows)


def summary_targets(s: Summary) -> str:
    """Units × targets: one row per unit, one column per target then enabler ID with its status code;
    a cell is empty where the unit's framework has no such target."""
    ids: dict[str, None] = {}
    for g in s.groups:
        first = g.units[0]
        ids.update(dict.fromkeys(t.id for level in first.levels for t in level.targets))
        ids.update(dict.fromkeys(e.id for e in first.enablers))
    rows = []
    for u in _rows_in_order(s):
        found: dict[str, TargetStatus] = {t.id: t for level in u.levels for t in level.targets}
        found.update((e.id, e) for e in u.enablers)
        rows.append([*_unit_cells(u), *(found[i].status if i in found else None for i in ids)])
    return table([*_UNIT, *ids], rows)


# ---- one unit's report: gaps, actions ----------------------------------------------------------


def report_gaps(r: Result) -> str:
    """One row per gap (docs/scoring.md, 'Gaps': applicable targets below met, in level and framework
    order), with the action being worked on now (its first open one), and whether one is overdue."""
    rows: list[list[Cell]] = []
    for t in r.gaps:
        a = t.action
        rows.append(
            [
                t.level,
                t.id,
                t.text,
                t.status,
                a.description if a else None,
                a.owner if a else None,
                a.due if a else None,
                t.overdue,
            ]
        )
    return table(GAP_COLUMNS, rows)


def report_actions(r: Result) -> str:
    """Every action of every target, then of every enabler, in framework order, each target's in the
    order the file gives them (docs/evidence-file.md, 'Actions')."""
    targets: list[TargetResult] = [t for level in r.levels for t in level.targets]
    rows: list[list[Cell]] = [
        [
            t.level or None,
            t.id,
            t.text,
            a.description,
            a.owner,
            a.due,
            a.status,
            a.changed_on,
            a.reason,
            t.status != "met" and a.overdue_on(r.assessed_on),
        ]
        for t in (*targets, *r.enablers)
        for a in t.actions
    ]
    return table(ACTION_COLUMNS, rows)


def summary_table(s: Summary, name: str) -> str:
    """The summary's table called ``name`` (one of ``SUMMARY_TABLES``)."""
    return summary_targets(s) if name == "targets" else summary_levels(s)


def report_table(r: Result, name: str) -> str:
    """The report's table called ``name`` (one of ``REPORT_TABLES``)."""
    return report_actions(r) if name == "actions" else report_gaps(r)
