"""Renderers for the views across units and over time: ``summary``, ``compare`` and ``history``.

Each result is laid out three ways: text for the terminal (rich, user text always as
``Text`` so it is never read as markup), a JSON-ready dict, and markdown from the Jinja
templates in ``templates/`` (the gap report's escaping environment). Nothing is counted or
ordered here: the core did that.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from coprod_cli.reports.charts import mermaid
from coprod_cli.reports.json_result import result_dict, warning_dict
from coprod_cli.reports.words import ROLE_WORDS, STATUS_WORDS, percent
from coprod_cli.resources import data_dir
from coprod_cli.rollup.compare import ActionNote, Comparison, StatusChange
from coprod_cli.rollup.history import History, Point
from coprod_cli.rollup.summary import Group, Summary
from coprod_cli.scoring.score import SCHEMA_VERSION, Result

if TYPE_CHECKING:
    import jinja2

SUMMARY_TEMPLATE = "summary.md.j2"
COMPARE_TEMPLATE = "compare.md.j2"
HISTORY_TEMPLATE = "history.md.j2"


def signed(value: float | None) -> str:
    """A change in percentage points: '+12.5', '-3.2', '+0.0' (as templates write it), or '—'."""
    if value is None:
        return "—"
    return f"{value:+.1f}"


def _t(text: str, style: str = "") -> Text:
    return Text(text, style=style)


def _table(*columns: tuple[str, str]) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    for name, justify in columns:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    return table


def _grid(
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

    text = Text(line(header), style="bold")
    for cells, style in rows:
        text.append("\n")
        text.append(line(cells), style=style)
    console.print(text, soft_wrap=True)


def _level_text(percent_value: float | None, achieved: bool) -> str:
    return f"{percent(percent_value)} {'✓' if achieved else '✗'}"


def _level_cell(percent_value: float | None, achieved: bool) -> Text:
    return _t(_level_text(percent_value, achieved))


# ---- summary -------------------------------------------------------------------------------


def summary_text(s: Summary, console: Console) -> None:
    units = len(s.units)
    groups = f" on {len(s.groups)} frameworks, shown apart" if len(s.groups) > 1 else ""
    head = f"Service summary: {units} unit{'s' if units != 1 else ''}{groups}"
    if s.invalid:
        head += f"; {len(s.invalid)} file{'s' if len(s.invalid) != 1 else ''} could not be read"
    console.print(_t(head, "bold"))
    for g in s.groups:
        _group_text(g, console)
    if s.invalid:
        console.print()
        console.print(_t(f"Files that could not be read ({len(s.invalid)})", "bold"))
        for bad in s.invalid:
            console.print(_t(f"  {bad.file}: {len(bad.problems)} problem{'s' if len(bad.problems) != 1 else ''}"))


def _group_text(g: Group, console: Console) -> None:
    console.print()
    fw = g.framework
    console.print(_t(f"{g.label} — {fw.title} ({len(g.units)} unit{'s' if len(g.units) != 1 else ''})", "bold"))
    console.print(_t(f"sha256 {fw.sha256}", "dim"))
    console.print()
    header = ["Unit (file)", "Assessed", "Level", *(f"L{n}" for n, _, _ in g.levels), "Warnings"]
    rows: list[tuple[list[str], str]] = []
    for u in g.units:
        cells = [_level_text(lv.percent, lv.achieved) for lv in u.levels]
        rows.append(([u.unit_name, str(u.assessed_on), str(u.attained_level), *cells, str(len(u.warnings))], ""))
        rows.append(([u.file, *([""] * (len(header) - 1))], "dim"))
    _grid(console, header, rows, frozenset(range(2, len(header))))
    needs = ", ".join(f"L{n} {title} {threshold}%" for n, title, threshold in g.levels)
    console.print(_t(f"✓ achieved. To achieve: {needs}.", "dim"))
    console.print()
    if g.priorities:
        console.print(_t("Service-wide priorities: the targets that are gaps in the most units of this group", "bold"))
        gaps = _table(("Units", "right"), ("Level", "right"), ("Target", "left"), ("", "left"))
        for gap in g.priorities:
            gaps.add_row(_t(f"{gap.units} of {gap.applies}"), _t(str(gap.level)), _t(gap.id), _t(gap.text))
        console.print(gaps)
        more = len(g.shared_gaps) - len(g.priorities)
        if more:
            console.print(
                _t(f"{more} more target{'s are' if more != 1 else ' is'} a gap somewhere (--format json lists all)")
            )
    else:
        console.print(_t("No gaps: every target that applies is met in every unit of this group."))
    console.print()
    console.print(_t("Enablers across units", "bold"))
    enablers = _table(("Enabler", "left"), *((STATUS_WORDS[s], "right") for s in STATUS_WORDS))
    for e in g.enablers:
        enablers.add_row(_t(e.id), *(_t(str(e.counts[s])) for s in STATUS_WORDS))
    console.print(enablers)
    console.print()
    console.print(_t("Who took part", "bold"))
    people = [([u.unit_name, *(str(u.assessors[role]) for role in ROLE_WORDS)], "") for u in g.units]
    people.append((["All units", *(str(g.assessors[role]) for role in ROLE_WORDS)], "bold"))
    _grid(console, ["Unit", *ROLE_WORDS.values()], people, frozenset(range(1, len(ROLE_WORDS) + 1)))
    for file in g.without_user_voice:
        console.print(_t(f"No service user or carer took part in {file}: nothing about us without us.", "yellow"))
    if g.warning_count:
        console.print()
        console.print(_t(f"Warnings ({g.warning_count})", "bold"))
        console.print(_t("\n".join(f"  {w.render(warning=True)}" for u in g.units for w in u.warnings)))


def _unit_dict(u: Result) -> dict[str, Any]:
    return {
        "name": u.unit_name,
        "file": u.file,
        "framework": {"id": u.framework.id, "version": u.framework.version, "sha256": u.framework.sha256},
        "assessed_on": u.assessed_on.isoformat(),
        "attained_level": u.attained_level,
        "levels": [
            {"number": lv.number, "title": lv.title, "percent": lv.percent, "achieved": lv.achieved} for lv in u.levels
        ],
        "enablers": [{"id": e.id, "status": e.status} for e in u.enablers],
        "assessors": dict(u.assessors),
        "warnings": [warning_dict(w) for w in u.warnings],
    }


def summary_dict(s: Summary) -> dict[str, Any]:
    """The JSON of ``coprod summary``: ``units``, ``common_gaps`` (counted within a framework), ``invalid``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "units": [_unit_dict(u) for u in s.units],
        "common_gaps": [
            {
                "id": gap.id,
                "units": gap.units,
                "applies": gap.applies,
                "level": gap.level,
                "text": gap.text,
                "framework": {"id": g.framework.id, "version": g.framework.version, "sha256": g.framework.sha256},
                "files": list(gap.files),
            }
            for g in s.groups
            for gap in g.shared_gaps
        ],
        "groups": [
            {
                "framework": {
                    "id": g.framework.id,
                    "version": g.framework.version,
                    "sha256": g.framework.sha256,
                    "title": g.framework.title,
                },
                "files": [u.file for u in g.units],
                "enablers": [{"id": e.id, "text": e.text, "counts": dict(e.counts)} for e in g.enablers],
                "assessors": dict(g.assessors),
                "without_user_voice": list(g.without_user_voice),
            }
            for g in s.groups
        ],
        "invalid": [{"file": bad.file, "errors": [warning_dict(p) for p in bad.problems]} for bad in s.invalid],
    }


# ---- markdown -------------------------------------------------------------------------------


def _render(template: str, template_dir: Path | None, **context: Any) -> str:
    from coprod_cli.reports.markdown_report import environment, render_template  # noqa: PLC0415

    def make(folder: Path) -> jinja2.Environment:
        env = environment(folder)
        env.filters.update(mermaid=mermaid)
        return env

    return render_template(make, template_dir or data_dir("templates"), template, **context)


def summary_markdown(s: Summary, *, template_dir: Path | None = None) -> str:
    return _render(SUMMARY_TEMPLATE, template_dir, s=s)


# ---- compare ------------------------------------------------------------------------------


def _change_rows(title: str, changes: tuple[StatusChange, ...], console: Console) -> None:
    if not changes:
        return
    console.print(_t(f"{title} ({len(changes)})", "bold"))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("change", no_wrap=True)
    table.add_column("text")
    for c in changes:
        table.add_row(_t(c.id), _t(f"{STATUS_WORDS[c.before]} → {STATUS_WORDS[c.after]}"), _t(c.text))
    console.print(table)
    console.print()


def _action_rows(title: str, notes: tuple[ActionNote, ...], console: Console) -> None:
    if not notes:
        return
    console.print(_t(f"{title} ({len(notes)})", "bold"))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("action")
    table.add_column("due", no_wrap=True)
    for n in notes:
        owner = f" — {n.owner}" if n.owner else ""
        table.add_row(_t(n.id), _t(f"{n.description}{owner}"), _t(f"due {n.due}" if n.due else ""))
    console.print(table)
    console.print()


def compare_text(c: Comparison, console: Console) -> None:
    b, a = c.before, c.after
    days = f"{c.days} day{'' if abs(c.days) == 1 else 's'}"
    console.print(_t(f"{a.unit_name}: {b.assessed_on} → {a.assessed_on} ({days})", "bold"))
    console.print(_t(f"Before: {b.file} · after: {a.file}", "dim"))
    fb, fa = b.framework, a.framework
    if c.same_framework:
        console.print(_t(f"Both against {fa.id} {fa.version}", "dim"))
    else:
        console.print(_t(f"Framework {fb.id} {fb.version} → {fa.version}: targets are matched by ID", "dim"))
    if c.days < 0:
        console.print(_t("The second file is dated before the first: give the older file first.", "yellow"))
    if not c.same_unit:
        console.print(
            _t(
                f"The files name different units ({b.unit_name}, {a.unit_name}): check they are the same unit.",
                "yellow",
            )
        )
    console.print()
    table = _table(("Level", "left"), ("Before", "right"), ("After", "right"), ("Change", "right"))
    for lv in c.levels:
        table.add_row(
            _t(f"{lv.number}. {lv.title}"),
            _level_cell(lv.before, lv.achieved_before),
            _level_cell(lv.after, lv.achieved_after),
            _t(signed(lv.change)),
        )
    console.print(table)
    console.print(_t(f"Attained level: {b.attained_level} → {a.attained_level}", "bold"))
    console.print()
    _change_rows("Improved", c.improved, console)
    _change_rows("Regressed", c.regressed, console)
    _change_rows("Newly not applicable", c.newly_not_applicable, console)
    _change_rows("Applies again", c.applies_again, console)
    _change_rows("Enablers", c.enablers, console)
    if not (c.improved or c.regressed or c.newly_not_applicable or c.applies_again or c.enablers):
        console.print(_t("No target or enabler changed status."))
        console.print()
    _action_rows("Actions completed", c.completed, console)
    _action_rows("Actions now overdue", c.now_overdue, console)
    _action_rows("Actions still overdue", c.still_overdue, console)
    if c.new_targets:
        console.print(_t(f"New in the framework (not assessed before): {', '.join(c.new_targets)}"))
    if c.dropped_targets:
        console.print(_t(f"No longer in the framework: {', '.join(c.dropped_targets)}"))


def _change_dict(c: StatusChange) -> dict[str, Any]:
    return {"id": c.id, "level": c.level, "before": c.before, "after": c.after, "kind": c.kind}


def _action_dict(n: ActionNote) -> dict[str, Any]:
    return {
        "id": n.id,
        "level": n.level,
        "description": n.description,
        "owner": n.owner,
        "due": n.due.isoformat() if n.due else None,
    }


def compare_dict(c: Comparison) -> dict[str, Any]:
    """The JSON of ``coprod compare``: ``before`` and ``after`` are each the contract's result."""
    return {
        "schema_version": SCHEMA_VERSION,
        "before": result_dict(c.before),
        "after": result_dict(c.after),
        "same_framework": c.same_framework,
        "days": c.days,
        "attained_level": {"before": c.before.attained_level, "after": c.after.attained_level},
        "levels": [
            {
                "number": lv.number,
                "title": lv.title,
                "before": lv.before,
                "after": lv.after,
                "change": lv.change,
                "achieved_before": lv.achieved_before,
                "achieved_after": lv.achieved_after,
            }
            for lv in c.levels
        ],
        "improved": [t.id for t in c.improved],
        "regressed": [t.id for t in c.regressed],
        "newly_not_applicable": [t.id for t in c.newly_not_applicable],
        "applies_again": [t.id for t in c.applies_again],
        "changes": [_change_dict(t) for t in (*c.improved, *c.regressed, *c.newly_not_applicable, *c.applies_again)],
        "enablers": [_change_dict(e) for e in c.enablers],
        "actions_completed": [_action_dict(n) for n in c.completed],
        "actions_now_overdue": [_action_dict(n) for n in c.now_overdue],
        "actions_still_overdue": [_action_dict(n) for n in c.still_overdue],
        "new_targets": list(c.new_targets),
        "dropped_targets": list(c.dropped_targets),
    }


def compare_markdown(c: Comparison, *, template_dir: Path | None = None) -> str:
    return _render(COMPARE_TEMPLATE, template_dir, r=c.after, since=c)


# ---- history ------------------------------------------------------------------------------


def _framework_cell(p: Point) -> str:
    fw = p.result.framework
    where = "as committed" if p.framework_committed else "as today"
    return f"{fw.id} {fw.version} ({where}){' *' if p.framework_changed else ''}"


def history_text(h: History, console: Console) -> None:
    count = len(h.points)
    head = f"History of {h.file}: {count} committed version{'s' if count != 1 else ''}"
    if h.broken:
        head += f", and {len(h.broken)} that could not be read"
    console.print(_t(head, "bold"))
    if h.today_framework is not None:
        fw = h.today_framework
        console.print(_t(f"Today's framework: {fw.id} {fw.version} ({fw.sha256[:12]})", "dim"))
    elif h.today_problem:
        console.print(_t(f"Today's framework could not be read: {h.today_problem}", "yellow"))
    console.print()
    numbers = [t.number for t in h.trends]
    table = _table(
        ("Commit", "left"), ("Date", "left"), ("Assessed", "left"), ("Framework", "left"), ("Level", "right")
    )
    for n in numbers:
        table.add_column(f"L{n}", justify="right")
    for p in h.points:
        cells = [_level_cell(*_level_of(p.result, n)) for n in numbers]
        table.add_row(
            _t(p.short),
            _t(p.day),
            _t(str(p.result.assessed_on)),
            _t(_framework_cell(p)),
            _t(str(p.result.attained_level)),
            *cells,
        )
    console.print(table)
    legend = "✓ achieved"
    if any(p.framework_changed for p in h.points):
        legend += "; * the framework changed since the version above"
    if not all(p.framework_committed for p in h.points):
        legend += "; 'as today': a built-in framework (or one named by id) is read as installed today"
    console.print(_t(legend + ".", "dim"))
    if h.framework_changed and h.today_framework is not None:
        console.print()
        console.print(_t("Against today's framework (the change in the unit alone)", "bold"))
        again = _table(("Commit", "left"), ("Level", "right"), *((f"L{n}", "right") for n in numbers))
        for p in h.points:
            if p.today is None:  # pragma: no cover - a version that fits neither framework is broken anyway
                again.add_row(
                    _t(p.short), _t("—"), *(_t("does not fit") if i == 0 else _t("") for i in range(len(numbers)))
                )
                continue
            today = p.today
            again.add_row(
                _t(p.short), _t(str(today.attained_level)), *(_level_cell(*_level_of(today, n)) for n in numbers)
            )
        console.print(again)
    console.print()
    console.print(_t("Trend, oldest to newest", "bold"))
    trend = _table(("Level", "left"), ("As at the time", "left"))
    if h.framework_changed and h.today_framework is not None:
        trend.add_column("Against today's framework", justify="left")
    trend.add_column("Change", justify="right")
    for t in h.trends:
        row = [_t(f"{t.number}. {t.title}"), _t(t.spark_then)]
        if h.framework_changed and h.today_framework is not None:
            row.append(_t(t.spark_today))
        trend.add_row(*row, _t(signed(t.change)))
    console.print(trend)


def _level_of(r: Result, number: int) -> tuple[float | None, bool]:
    for lv in r.levels:
        if lv.number == number:
            return lv.percent, lv.achieved
    return None, False


def _levels(r: Result) -> list[dict[str, Any]]:
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
    return _render(HISTORY_TEMPLATE, template_dir, h=h)
