"""How ``coprod pool`` writes its outputs: the pool file itself (YAML, docs/pool.md, 'The format'),
and a unit's place in a pool as terminal text, a JSON-ready dict and markdown from
``templates/pool.md.j2``. Nothing is counted or ordered here: :mod:`coprod_cli.rollup.pool` did that.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coprod_cli import __version__
from coprod_cli.editing.writer import MARKER
from coprod_cli.i18n import _, n_
from coprod_cli.model.pool import POOL_VERSION, PoolUnit
from coprod_cli.reports.words import percent, status_word
from coprod_cli.resources import data_dir
from coprod_cli.rollup.pool import COMMONLY_MET, SMALLEST_CELL, CommonlyMet, LevelPlace, Placement

POOL_TEMPLATE = "pool.md.j2"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is one)."""
    return json.dumps(text, ensure_ascii=False)


def _pct(value: float | None) -> str:
    return "null" if value is None else f"{value:.1f}"


def pool_yaml(units: tuple[PoolUnit, ...]) -> str:
    """The pool file: every unit's entry, in the order given (docs/pool.md, 'The format')."""
    lines = [
        f"# {MARKER} {__version__}: anonymised results for a pool of units (docs/pool.md);",
        "# regenerate it with 'coprod pool export' rather than editing it",
        f"pool_version: {POOL_VERSION}",
        "units:" if units else "units: []",
    ]
    for u in units:
        lines += [
            f"  - kind: {'null' if u.kind is None else u.kind}",
            f"    framework: {{id: {_q(u.framework.id)}, version: {_q(u.framework.version)}}}",
            f"    assessed_on: {_q(u.assessed_on)}",
            f"    attained_level: {u.attained_level}",
            "    levels:" if u.levels else "    levels: {}",
            *(f"      {_q(number)}: {_pct(p)}" for number, p in u.levels.items()),
            "    targets:" if u.targets else "    targets: {}",
            *(f"      {_q(ident)}: {status}" for ident, status in u.targets.items()),
            "    enablers:" if u.enablers else "    enablers: {}",
            *(f"      {_q(ident)}: {status}" for ident, status in u.enablers.items()),
        ]
    return "\n".join(lines) + "\n"


def _kind_words(p: Placement) -> str:
    if p.kind is None:
        return _(
            "units that give no kind, assessed against {framework} {version}", framework=p.framework, version=p.version
        )
    return _(
        "{kind} units assessed against {framework} {version}", kind=p.kind, framework=p.framework, version=p.version
    )


def headline(p: Placement) -> str:
    """The first sentence: with how many units the unit is compared, or why it is not."""
    alike = _kind_words(p)
    if p.suppressed and p.compared == 0:
        return _(
            "The pool has no other unit of its kind ({alike}), so there is nothing to compare with yet: when "
            "{least} or more units of this kind have joined the pool, run the command again.",
            alike=alike,
            least=SMALLEST_CELL,
        )
    if p.suppressed:
        return n_(
            "The pool has only {count} other unit of its kind ({alike}). coprod compares a unit only with "
            "{least} or more, so that no figure can point to one service (small-cell suppression, as published "
            "health statistics do). Nothing is compared yet: when more units of this kind have joined the pool, "
            "run the command again.",
            "The pool has only {count} other units of its kind ({alike}). coprod compares a unit only with "
            "{least} or more, so that no figure can point to one service (small-cell suppression, as published "
            "health statistics do). Nothing is compared yet: when more units of this kind have joined the pool, "
            "run the command again.",
            p.compared,
            alike=alike,
            least=SMALLEST_CELL,
        )
    return n_(
        "Compared with {count} other unit: {alike}.",
        "Compared with {count} other units: {alike}.",
        p.compared,
        alike=alike,
    )


def own_note(p: Placement) -> str | None:
    if not p.own_left_out:
        return None
    return _("The pool holds this unit's own export; it was left out, so the unit is not compared with itself.")


def level_line(lv: LevelPlace) -> str:
    if lv.median is None:
        return _(
            "Level {number} — {title}: {percent}; fewer than {least} units to compare with",
            number=lv.number,
            title=lv.title,
            percent=percent(lv.percent),
            least=SMALLEST_CELL,
        )
    if lv.percentile is None:
        return _(
            "Level {number} — {title}: nothing applies to this unit; median {median} of {count} units",
            number=lv.number,
            title=lv.title,
            median=percent(lv.median),
            count=lv.compared,
        )
    return _(
        "Level {number} — {title}: {percent}, percentile {percentile} (median {median} of {count} units)",
        number=lv.number,
        title=lv.title,
        percent=percent(lv.percent),
        percentile=lv.percentile,
        median=percent(lv.median),
        count=lv.compared,
    )


def common_line(c: CommonlyMet) -> str:
    return _(
        "{id} — met by {share}% of them (here: {status}): {text}",
        id=c.id,
        share=c.share,
        status=status_word(c.status),
        text=c.text,
    )


def commonly_title() -> str:
    return _("Met by at least {share}% of similar units, not yet here", share=COMMONLY_MET)


def placement_text(p: Placement) -> str:
    lines = [headline(p)]
    if (note := own_note(p)) is not None:
        lines.append(note)
    if not p.suppressed:
        lines += ["", *(level_line(lv) for lv in p.levels)]
        lines += ["", commonly_title()]
        lines += [f"  {common_line(c)}" for c in p.commonly_met] or [f"  {_('none')}"]
    return "\n".join(lines) + "\n"


def placement_dict(p: Placement) -> dict[str, Any]:
    return {
        "pool_version": POOL_VERSION,
        "kind": p.kind,
        "framework": {"id": p.framework, "version": p.version},
        "pool_units": p.pool_units,
        "compared": p.compared,
        "smallest_cell": SMALLEST_CELL,
        "suppressed": p.suppressed,
        "own_left_out": p.own_left_out,
        "levels": [
            {
                "number": lv.number,
                "percent": lv.percent,
                "compared": lv.compared,
                "percentile": lv.percentile,
                "median": lv.median,
            }
            for lv in p.levels
        ],
        "commonly_met": [{"id": c.id, "level": c.level, "status": c.status, "share": c.share} for c in p.commonly_met],
        "files": list(p.files),
    }


def placement_markdown(p: Placement, *, template_dir: Path | None = None) -> str:
    from coprod_cli.reports.markdown_report import environment, render_template  # noqa: PLC0415 - jinja for markdown only

    return render_template(
        environment,
        template_dir or data_dir("templates"),
        POOL_TEMPLATE,
        p=p,
        headline=headline(p),
        own_note=own_note(p),
        levels=[level_line(lv) for lv in p.levels],
        commonly_title=commonly_title(),
        commonly=[common_line(c) for c in p.commonly_met],
    )
