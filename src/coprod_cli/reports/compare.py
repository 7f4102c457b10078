"""How ``coprod compare`` (two assessments of one unit) is laid out: text for the terminal
(rich), a JSON-ready dict, and markdown from ``templates/compare.md.j2`` (the gap report's
escaping environment). Nothing is counted or ordered here: :mod:`coprod_cli.rollup.compare` did that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from coprod_cli.i18n import N_, _, n_
from coprod_cli.reports.json_result import result_dict
from coprod_cli.reports.tables import level_cell, plain_table, signed, styled
from coprod_cli.reports.words import status_word
from coprod_cli.resources import data_dir
from coprod_cli.rollup.compare import Comparison, StatusChange
from coprod_cli.rollup.followup import ActionNote
from coprod_cli.rollup.rows import unit_words
from coprod_cli.scoring.score import SCHEMA_VERSION

COMPARE_TEMPLATE = "compare.md.j2"
GONE = N_(
    "The actions no longer in the file were open at the last assessment, and the file does not say whether "
    "they were done or dropped: to say which, keep them in the file with status done or dropped."
)


def _change_rows(title: str, changes: tuple[StatusChange, ...], console: Console) -> None:
    if not changes:
        return
    console.print(styled(_("{title} ({count})", title=title, count=len(changes)), "bold"))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("change", no_wrap=True)
    table.add_column("text")
    for c in changes:
        table.add_row(styled(c.id), styled(f"{status_word(c.before)} → {status_word(c.after)}"), styled(c.text))
    console.print(table)
    console.print()


def _action_rows(title: str, notes: tuple[ActionNote, ...], console: Console) -> None:
    if not notes:
        return
    console.print(styled(_("{title} ({count})", title=title, count=len(notes)), "bold"))
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("action")
    table.add_column("due", no_wrap=True)
    table.add_column("outcome")
    for n in notes:
        owner = f" — {n.owner}" if n.owner else ""
        due = _("due {day}", day=n.due.isoformat()) if n.due else ""
        table.add_row(styled(n.id), styled(f"{n.description}{owner}"), styled(due), styled(outcome(n)))
    console.print(table)
    console.print()


def outcome(n: ActionNote) -> str:
    """What became of an action, as the text output says it: done or dropped (when, why), or overdue."""
    day = n.changed_on.isoformat() if n.changed_on else None
    if n.status == "done":
        return _("done on {day}", day=day) if day else _("done")
    if n.status == "dropped":  # a dropped action always gives its reason (docs/evidence-file.md, 'Actions')
        reason = n.reason or ""
        return _("dropped on {day}: {reason}", day=day, reason=reason) if day else _("dropped: {reason}", reason=reason)
    return _("overdue") if n.overdue else ""


def followed_up_text(c: Comparison, console: Console) -> None:
    """The actions of the older assessment followed into the newer one (docs/many-units.md,
    'What happened to the actions'); nothing when neither has an action."""
    if not c.followed_up:
        return
    console.print(styled(_("We said we would… — what happened"), "bold underline"))
    console.print()
    _action_rows(_("Actions completed"), c.completed, console)
    _action_rows(_("Actions still open"), c.still_open, console)
    _action_rows(_("Actions dropped"), c.dropped_actions, console)
    _action_rows(_("New actions"), c.new_actions, console)
    _action_rows(_("Actions no longer in the file"), c.gone_actions, console)
    if c.gone_actions:
        console.print(styled(_(GONE)))
        console.print()


def compare_text(c: Comparison, console: Console) -> None:
    b, a = c.before, c.after
    days = n_("{count} day", "{count} days", abs(c.days), count=c.days)
    if c.different_units:
        before, after = unit_words(b.unit_name, b.unit_organisation), unit_words(a.unit_name, a.unit_organisation)
        console.print(
            styled(_("Comparing two different units: {before} and {after}", before=before, after=after), "bold")
        )
        console.print(
            styled(
                _(
                    "Assessed on {before} and {after}",
                    before=b.assessed_on.isoformat(),
                    after=a.assessed_on.isoformat(),
                ),
                "dim",
            )
        )
    else:
        console.print(styled(f"{a.unit_name}: {b.assessed_on} → {a.assessed_on} ({days})", "bold"))
    console.print(styled(_("Before: {before} · after: {after}", before=b.file, after=a.file), "dim"))
    fb, fa = b.framework, a.framework
    if c.same_framework:
        console.print(styled(_("Both against {framework} {version}", framework=fa.id, version=fa.version), "dim"))
    else:
        console.print(
            styled(
                _(
                    "Framework {framework} {before} → {after}: targets are matched by ID",
                    framework=fb.id,
                    before=fb.version,
                    after=fa.version,
                ),
                "dim",
            )
        )
    if c.different_units:
        console.print(styled(_("Before is the first unit, after the second: a change is a difference between them.")))
    elif c.days < 0:
        console.print(styled(_("The second file is dated before the first: give the older file first."), "yellow"))
    console.print()
    table = plain_table((_("Level"), "left"), (_("Before"), "right"), (_("After"), "right"), (_("Change"), "right"))
    for lv in c.levels:
        table.add_row(
            styled(f"{lv.number}. {lv.title}"),
            level_cell(lv.before, lv.achieved_before),
            level_cell(lv.after, lv.achieved_after),
            styled(signed(lv.change)),
        )
    console.print(table)
    console.print(
        styled(_("Attained level: {before} → {after}", before=b.attained_level, after=a.attained_level), "bold")
    )
    console.print()
    _change_rows(_("Improved"), c.improved, console)
    _change_rows(_("Regressed"), c.regressed, console)
    _change_rows(_("Newly not applicable"), c.newly_not_applicable, console)
    _change_rows(_("Applies again"), c.applies_again, console)
    _change_rows(_("Enablers"), c.enablers, console)
    if not (c.improved or c.regressed or c.newly_not_applicable or c.applies_again or c.enablers):
        console.print(styled(_("No target or enabler changed status.")))
        console.print()
    followed_up_text(c, console)
    if c.new_targets:
        console.print(
            styled(_("New in the framework (not assessed before): {targets}", targets=", ".join(c.new_targets)))
        )
    if c.dropped_targets:
        console.print(styled(_("No longer in the framework: {targets}", targets=", ".join(c.dropped_targets))))


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


def _followed_dict(n: ActionNote) -> dict[str, Any]:
    return {
        **_action_dict(n),
        "status": n.status,
        "changed_on": n.changed_on.isoformat() if n.changed_on else None,
        "reason": n.reason,
        "overdue": n.overdue,
    }


def compare_dict(c: Comparison) -> dict[str, Any]:
    """The JSON of ``coprod compare``: ``before`` and ``after`` are each the contract's result."""
    return {
        "schema_version": SCHEMA_VERSION,
        "before": result_dict(c.before),
        "after": result_dict(c.after),
        "same_framework": c.same_framework,
        "same_unit": c.same_unit,
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
        "actions": {
            "completed": [_followed_dict(n) for n in c.completed],
            "still_open": [_followed_dict(n) for n in c.still_open],
            "dropped": [_followed_dict(n) for n in c.dropped_actions],
            "new": [_followed_dict(n) for n in c.new_actions],
            "no_longer_in_file": [_followed_dict(n) for n in c.gone_actions],
        },
        "new_targets": list(c.new_targets),
        "dropped_targets": list(c.dropped_targets),
    }


def compare_markdown(c: Comparison, *, template_dir: Path | None = None) -> str:
    from coprod_cli.reports.markdown_report import environment, render_template  # noqa: PLC0415 - jinja for markdown only

    return render_template(environment, template_dir or data_dir("templates"), COMPARE_TEMPLATE, r=c.after, since=c)
