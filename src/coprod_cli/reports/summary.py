"""How ``coprod summary`` (many units side by side) is laid out: text for the terminal (rich),
a JSON-ready dict, and markdown from ``templates/summary.md.j2`` (the gap report's escaping
environment; the HTML page is :func:`coprod_cli.reports.html_report.render_summary`). Nothing is
counted or ordered here: :mod:`coprod_cli.rollup.summary` did that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from coprod_cli.reports.json_result import warning_dict
from coprod_cli.reports.tables import grid, level_text, plain_table, styled
from coprod_cli.reports.words import ROLE_WORDS, STATUS_WORDS, rung
from coprod_cli.resources import data_dir
from coprod_cli.rollup.rows import EarlierAssessment, UnitRow, unit_words
from coprod_cli.rollup.summary import Group, Summary
from coprod_cli.scoring.score import SCHEMA_VERSION

SUMMARY_TEMPLATE = "summary.md.j2"


def summary_text(s: Summary, console: Console) -> None:
    units = len(s.units)
    groups = f" on {len(s.groups)} frameworks, shown apart" if len(s.groups) > 1 else ""
    head = f"Service summary: {units} unit{'s' if units != 1 else ''}{groups}"
    if s.earlier_count:
        older = "older files are earlier assessments" if s.earlier_count != 1 else "older file is an earlier assessment"
        head += f"; {s.earlier_count} {older} of {'it' if units == 1 else 'them'}"
    if s.ties:
        head += f"; {len(s.ties)} unit{'s' if len(s.ties) != 1 else ''} left out (two assessments on one day)"
    if s.invalid:
        head += f"; {len(s.invalid)} file{'s' if len(s.invalid) != 1 else ''} could not be read"
    console.print(styled(head, "bold"))
    if s.earlier_count:
        console.print(
            styled("Each unit is counted once, at its latest assessment; its earlier ones are listed under it.")
        )
    for g in s.groups:
        _group_text(g, console)
    if s.ties:
        console.print()
        console.print(styled(f"Units left out: assessed twice on their latest day ({len(s.ties)})", "bold"))
        for t in s.ties:
            unit = unit_words(t.unit_name, t.unit_organisation)
            earlier = "".join(f"; earlier: {e.file}, {e.assessed_on}" for e in t.earlier)
            console.print(styled(f"  {unit}, {t.assessed_on}: {', '.join(t.files)}{earlier}"))
    if s.invalid:
        console.print()
        console.print(styled(f"Files that could not be read ({len(s.invalid)})", "bold"))
        for bad in s.invalid:
            console.print(styled(f"  {bad.file}: {len(bad.problems)} problem{'s' if len(bad.problems) != 1 else ''}"))


def trend_words(u: UnitRow) -> str:
    """How the unit's level moved since its latest earlier assessment: 'up from Level 1 on 2025-03-10'."""
    e = u.earlier[0]
    if u.trend == "same":
        return f"Level {u.attained_level}, as on {e.assessed_on}"
    return f"{u.trend} from Level {e.attained_level} on {e.assessed_on}"


def _group_text(g: Group, console: Console) -> None:
    console.print()
    fw = g.framework
    console.print(styled(f"{g.label} — {fw.title} ({len(g.units)} unit{'s' if len(g.units) != 1 else ''})", "bold"))
    console.print(styled(f"sha256 {fw.sha256}", "dim"))
    console.print()
    header = ["Unit (file)", "Assessed", "Level", *(f"L{n}" for n, _, _ in g.levels), "Warnings"]
    rows: list[tuple[list[str], str]] = []
    for u in g.units:
        cells = [level_text(lv.percent, lv.achieved) for lv in u.levels]
        place = rung(u.attained_level, len(g.levels)).name
        rows.append(
            ([u.unit_name, str(u.assessed_on), f"{u.attained_level}: {place}", *cells, str(len(u.warnings))], "")
        )
        rows.append(([u.file, *([""] * (len(header) - 1))], "dim"))
        if u.earlier:
            rows.append(([f"  {trend_words(u)}", *([""] * (len(header) - 1))], "dim"))
        rows += (
            ([f"  earlier: {e.file}", str(e.assessed_on), str(e.attained_level), *([""] * (len(header) - 3))], "dim")
            for e in u.earlier
        )
    grid(console, header, rows, frozenset(range(3, len(header))))
    needs = ", ".join(f"L{n} {title} {threshold}%" for n, title, threshold in g.levels)
    console.print(styled(f"✓ achieved. To achieve: {needs}.", "dim"))
    console.print()
    if g.priorities:
        console.print(
            styled("Service-wide priorities: the targets partly met or not met in the most units of this group", "bold")
        )
        gaps = plain_table(
            ("Units", "right"), ("Not assessed", "right"), ("Level", "right"), ("Target", "left"), ("", "left")
        )
        for gap in g.priorities:
            gaps.add_row(
                styled(f"{gap.units} of {gap.applies}"),
                styled(str(gap.not_assessed)),
                styled(str(gap.level)),
                styled(gap.id),
                styled(gap.text),
            )
        console.print(gaps)
        more = len(g.shared_gaps) - len(g.priorities)
        if more:
            console.print(
                styled(f"{more} more target{'s are' if more != 1 else ' is'} a gap somewhere (--format json lists all)")
            )
    else:
        console.print(styled("No unit of this group assessed any target as partly met or not met."))
    console.print()
    console.print(styled("Enablers across units", "bold"))
    enablers = plain_table(("Enabler", "left"), *((STATUS_WORDS[s], "right") for s in STATUS_WORDS))
    for e in g.enablers:
        enablers.add_row(styled(e.id), *(styled(str(e.counts[s])) for s in STATUS_WORDS))
    console.print(enablers)
    console.print()
    console.print(styled("Who took part", "bold"))
    people = [([u.unit_name, *(str(u.assessors[role]) for role in ROLE_WORDS)], "") for u in g.units]
    people.append((["All units", *(str(g.assessors[role]) for role in ROLE_WORDS)], "bold"))
    grid(console, ["Unit", *ROLE_WORDS.values()], people, frozenset(range(1, len(ROLE_WORDS) + 1)))
    for file in g.without_user_voice:
        console.print(styled(f"No service user or carer took part in {file}: nothing about us without us.", "yellow"))
    if g.warning_count:
        console.print()
        console.print(styled(f"Warnings ({g.warning_count})", "bold"))
        console.print(styled("\n".join(f"  {w.render(warning=True)}" for u in g.units for w in u.warnings)))


def _unit_dict(u: UnitRow) -> dict[str, Any]:
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
        "organisation": u.unit_organisation,
        "earlier_assessments": _earlier(u.earlier),
        "trend": u.trend,
    }


def _earlier(earlier: tuple[EarlierAssessment, ...]) -> list[dict[str, Any]]:
    return [
        {"file": e.file, "assessed_on": e.assessed_on.isoformat(), "attained_level": e.attained_level} for e in earlier
    ]


def summary_dict(s: Summary) -> dict[str, Any]:
    """The JSON of ``coprod summary``: ``units`` (each at its latest assessment), ``common_gaps`` (counted
    within a framework), ``groups``, ``invalid`` and ``same_day`` (docs/many-units.md, 'The JSON of summary')."""
    return {
        "schema_version": SCHEMA_VERSION,
        "units": [_unit_dict(u) for u in s.units],
        "common_gaps": [
            {
                "id": gap.id,
                "units": gap.units,
                "applies": gap.applies,
                "not_assessed": gap.not_assessed,
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
        "same_day": [
            {
                "name": t.unit_name,
                "organisation": t.unit_organisation,
                "assessed_on": t.assessed_on.isoformat(),
                "files": list(t.files),
                "earlier_assessments": _earlier(t.earlier),
            }
            for t in s.ties
        ],
    }


def summary_markdown(s: Summary, *, template_dir: Path | None = None) -> str:
    from coprod_cli.reports.markdown_report import environment, render_template  # noqa: PLC0415 - jinja for markdown only

    return render_template(environment, template_dir or data_dir("templates"), SUMMARY_TEMPLATE, s=s)
