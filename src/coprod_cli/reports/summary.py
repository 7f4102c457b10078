"""How ``coprod summary`` (many units side by side) is laid out: text for the terminal (rich),
a JSON-ready dict, and markdown from ``templates/summary.md.j2`` (the gap report's escaping
environment; the HTML page is :func:`coprod_cli.reports.html_report.render_summary`). Nothing is
counted or ordered here: :mod:`coprod_cli.rollup.summary` did that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from coprod_cli.i18n import _, n_
from coprod_cli.reports.json_result import warning_dict
from coprod_cli.reports.tables import grid, level_text, plain_table, styled
from coprod_cli.reports.words import ROLE_WORDS, STATUS_WORDS, role_word, rung, status_word
from coprod_cli.resources import data_dir
from coprod_cli.rollup.rows import EarlierAssessment, UnitRow, unit_words
from coprod_cli.rollup.summary import Group, Summary
from coprod_cli.scoring.score import SCHEMA_VERSION

SUMMARY_TEMPLATE = "summary.md.j2"


def _head(s: Summary) -> str:
    """The first line: how many units, and what else was found; each part a whole clause."""
    units, frameworks = len(s.units), len(s.groups)
    if frameworks > 1:
        parts = [
            n_(
                "Service summary: {count} unit on {frameworks} frameworks, shown apart",
                "Service summary: {count} units on {frameworks} frameworks, shown apart",
                units,
                frameworks=frameworks,
            )
        ]
    else:
        parts = [n_("Service summary: {count} unit", "Service summary: {count} units", units)]
    if s.earlier_count:
        if units == 1:
            parts.append(
                n_(
                    "{count} older file is an earlier assessment of it",
                    "{count} older files are earlier assessments of it",
                    s.earlier_count,
                )
            )
        else:
            parts.append(
                n_(
                    "{count} older file is an earlier assessment of them",
                    "{count} older files are earlier assessments of them",
                    s.earlier_count,
                )
            )
    if s.ties:
        parts.append(
            n_(
                "{count} unit left out (two assessments on one day)",
                "{count} units left out (two assessments on one day)",
                len(s.ties),
            )
        )
    if s.invalid:
        parts.append(n_("{count} file could not be read", "{count} files could not be read", len(s.invalid)))
    return "; ".join(parts)


def summary_text(s: Summary, console: Console) -> None:
    console.print(styled(_head(s), "bold"))
    if s.earlier_count:
        console.print(
            styled(_("Each unit is counted once, at its latest assessment; its earlier ones are listed under it."))
        )
    for g in s.groups:
        _group_text(g, console)
    if s.ties:
        console.print()
        console.print(
            styled(_("Units left out: assessed twice on their latest day ({count})", count=len(s.ties)), "bold")
        )
        for t in s.ties:
            unit = unit_words(t.unit_name, t.unit_organisation)
            earlier = "".join(
                _("; earlier: {file}, {day}", file=e.file, day=e.assessed_on.isoformat()) for e in t.earlier
            )
            console.print(styled(f"  {unit}, {t.assessed_on}: {', '.join(t.files)}{earlier}"))
    if s.invalid:
        console.print()
        console.print(styled(_("Files that could not be read ({count})", count=len(s.invalid)), "bold"))
        for bad in s.invalid:
            problems = n_("{count} problem", "{count} problems", len(bad.problems))
            console.print(styled(f"  {bad.file}: {problems}"))


def trend_words(u: UnitRow) -> str:
    """How the unit's level moved since its latest earlier assessment: 'up from Level 1 on 2025-03-10'."""
    e = u.earlier[0]
    day = e.assessed_on.isoformat()
    if u.trend == "same":
        return _("Level {level}, as on {day}", level=u.attained_level, day=day)
    if u.trend == "up":
        return _("up from Level {level} on {day}", level=e.attained_level, day=day)
    return _("down from Level {level} on {day}", level=e.attained_level, day=day)


def _group_text(g: Group, console: Console) -> None:
    console.print()
    fw = g.framework
    console.print(
        styled(
            n_(
                "{label} — {title} ({count} unit)",
                "{label} — {title} ({count} units)",
                len(g.units),
                label=g.label,
                title=fw.title,
            ),
            "bold",
        )
    )
    console.print(styled(f"sha256 {fw.sha256}", "dim"))
    console.print()
    header = [
        _("Unit (file)"),
        _("Assessed"),
        _("Level"),
        *(_("L{number}", number=n) for n, _title, _threshold in g.levels),
        _("Warnings"),
    ]
    rows: list[tuple[list[str], str]] = []
    for u in g.units:
        cells = [level_text(lv.percent, lv.achieved) for lv in u.levels]
        place = rung(u.attained_level, len(g.levels)).said
        rows.append(
            ([u.unit_name, str(u.assessed_on), f"{u.attained_level}: {place}", *cells, str(len(u.warnings))], "")
        )
        rows.append(([u.file, *([""] * (len(header) - 1))], "dim"))
        if u.earlier:
            rows.append(([f"  {trend_words(u)}", *([""] * (len(header) - 1))], "dim"))
        rows += (
            (
                [
                    "  " + _("earlier: {file}", file=e.file),
                    str(e.assessed_on),
                    str(e.attained_level),
                    *([""] * (len(header) - 3)),
                ],
                "dim",
            )
            for e in u.earlier
        )
    grid(console, header, rows, frozenset(range(3, len(header))))
    needs = ", ".join(
        _("L{number} {title} {threshold}%", number=n, title=title, threshold=threshold)
        for n, title, threshold in g.levels
    )
    console.print(styled(_("✓ achieved. To achieve: {levels}.", levels=needs), "dim"))
    console.print()
    if g.priorities:
        console.print(
            styled(
                _("Service-wide priorities: the targets partly met or not met in the most units of this group"),
                "bold",
            )
        )
        gaps = plain_table(
            (_("Units"), "right"),
            (_("Not assessed"), "right"),
            (_("Level"), "right"),
            (_("Target"), "left"),
            ("", "left"),
        )
        for gap in g.priorities:
            gaps.add_row(
                styled(_("{count} of {total}", count=gap.units, total=gap.applies)),
                styled(str(gap.not_assessed)),
                styled(str(gap.level)),
                styled(gap.id),
                styled(gap.text),
            )
        console.print(gaps)
        more = len(g.shared_gaps) - len(g.priorities)
        if more:
            console.print(
                styled(
                    n_(
                        "{count} more target is a gap somewhere (--format json lists all)",
                        "{count} more targets are a gap somewhere (--format json lists all)",
                        more,
                    )
                )
            )
    else:
        console.print(styled(_("No unit of this group assessed any target as partly met or not met.")))
    console.print()
    console.print(styled(_("Enablers across units"), "bold"))
    enablers = plain_table((_("Enabler"), "left"), *((status_word(s), "right") for s in STATUS_WORDS))
    for e in g.enablers:
        enablers.add_row(styled(e.id), *(styled(str(e.counts[s])) for s in STATUS_WORDS))
    console.print(enablers)
    console.print()
    console.print(styled(_("Who took part"), "bold"))
    people = [([u.unit_name, *(str(u.assessors[role]) for role in ROLE_WORDS)], "") for u in g.units]
    people.append(([_("All units"), *(str(g.assessors[role]) for role in ROLE_WORDS)], "bold"))
    grid(
        console,
        [_("Unit"), *(role_word(r) for r in ROLE_WORDS)],
        people,
        frozenset(range(1, len(ROLE_WORDS) + 1)),
    )
    for file in g.without_user_voice:
        console.print(
            styled(_("No service user or carer took part in {file}: nothing about us without us.", file=file), "yellow")
        )
    if g.warning_count:
        console.print()
        console.print(styled(_("Warnings ({count})", count=g.warning_count), "bold"))
        console.print(styled("\n".join(f"  {w.render(warning=True)}" for u in g.units for w in u.warnings)))
    if g.review_count:
        console.print()
        console.print(styled(_("Things to ask again ({count})", count=g.review_count), "bold"))
        console.print(
            styled("\n".join(f"  {u.unit_name}: {_ask_again(u.reviews_due)}" for u in g.units if u.reviews_due))
        )


def _ask_again(count: int) -> str:
    return n_(
        "{count} thing agreed before is due to be asked again",
        "{count} things agreed before are due to be asked again",
        count,
    )


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
        "reviews_due": u.reviews_due,
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
