"""Renderers of a crosswalk result (docs/crosswalks.md): the report (markdown, HTML), the JSON
object ``assess --format json --crosswalk`` adds, and ``summary --crosswalk`` in every format.

Thin: :mod:`coprod_cli.scoring.crosswalk` does the arithmetic; the templates
(``templates/crosswalk*.j2``) lay it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coprod_cli.i18n import _
from coprod_cli.reports import html_report, markdown_report
from coprod_cli.reports.words import day, percent
from coprod_cli.resources import data_dir
from coprod_cli.scoring.crosswalk import Across, CrosswalkResult, RollUp
from coprod_cli.scoring.score import Result

REPORT = "crosswalk.{kind}.j2"
EASY_REPORT = "crosswalk.easy-read.{kind}.j2"
SUMMARY = "crosswalk-summary.{kind}.j2"


def points(value: float) -> str:
    """A score as a person writes it: 3.5, 2 (never 2.0)."""
    return f"{value:g}"


def render_report(
    result: Result, crosswalk: CrosswalkResult, kind: str, *, easy_read: bool = False, template_dir: Path | None = None
) -> str:
    """The report against a crosswalk, ``kind`` ``md`` or ``html``, standard or easy-read."""
    make = html_report.environment if kind == "html" else markdown_report.environment
    return markdown_report.render_template(
        make,
        template_dir or data_dir("templates"),
        (EASY_REPORT if easy_read else REPORT).format(kind=kind),
        r=result,
        c=crosswalk,
        points=points,
        source=result.file,
    )


def render_summary(across: Across, kind: str, *, template_dir: Path | None = None) -> str:
    """``summary --crosswalk`` as markdown (``markdown`` or ``md``) or HTML (``html``): units × items."""
    make = html_report.environment if kind == "html" else markdown_report.environment
    return markdown_report.render_template(
        make,
        template_dir or data_dir("templates"),
        SUMMARY.format(kind="html" if kind == "html" else "md"),
        a=across,
        points=points,
        source=", ".join(u.file for u in across.units),
    )


def rollup_dict(r: RollUp) -> dict[str, Any]:
    return {"score": r.score, "applicable": r.applicable, "percent": r.percent, "counts": dict(r.counts)}


def crosswalk_dict(c: CrosswalkResult) -> dict[str, Any]:
    """The ``crosswalk`` object of the JSON result (docs/json-result.md, "crosswalk")."""
    return {
        "name": c.name,
        "title": str.__str__(c.title),
        "file": c.file,
        "sha256": c.sha256,
        "framework": c.framework,
        "framework_version": c.framework_version,
        "used_version": c.used_version,
        "overall": rollup_dict(c.overall),
        "items": [
            {
                "id": item.id,
                "title": str.__str__(item.title),
                **rollup_dict(item.rollup),
                "targets": [{"id": s.id, "level": s.level, "status": s.status} for s in item.supports],
                "gaps": [s.id for s in item.gaps],
                "missing": list(item.missing),
            }
            for item in c.items
        ],
    }


def across_dict(a: Across) -> dict[str, Any]:
    """``summary --crosswalk --format json``: every unit's crosswalk object, and the pooled roll-up."""
    return {
        "crosswalk": a.name,
        "title": str.__str__(a.title),
        "framework": a.framework,
        "items": [{"id": i, **rollup_dict(r)} for i, r in zip(a.item_ids, a.pooled, strict=True)],
        "units": [
            {
                "file": u.file,
                "unit": u.unit_name,
                "organisation": u.unit_organisation,
                "crosswalk": crosswalk_dict(u.result),
            }
            for u in a.units
        ],
        "left_out": list(a.left_out),
    }


def across_text(a: Across) -> str:
    """``summary --crosswalk`` as plain text: one line per unit and item."""
    lines = [str(a.title), ""]
    for u in a.units:
        lines.append(_("{unit} ({file}), assessed on {day}", unit=u.unit_name, file=u.file, day=day(u.assessed_on)))
        for item in u.result.items:
            lines.append(f"  {item.title!s:<48} {percent(item.rollup.percent):>6}  {item.id}")
        lines.append("")
    lines.append(_("All units together"))
    for title, ident, r in zip(a.item_titles, a.item_ids, a.pooled, strict=True):
        lines.append(f"  {title!s:<48} {percent(r.percent):>6}  {ident}")
    for file in a.left_out:
        lines.append(_("{file}: left out, as it is not assessed against {framework}", file=file, framework=a.framework))
    return "\n".join(lines) + "\n"
