"""Tailoring: a framework that ``extends`` another changes it with ``remove``, ``add`` and
``override``; :func:`tailor` applies those changes to the complete framework it extends.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from coprod_cli.errors import InputError, Problem, clip
from coprod_cli.framework.rules import check_threshold, written
from coprod_cli.hints import did_you_mean
from coprod_cli.model.models import Challenge, Framework, Idea, Level, LevelChange, Target, TargetChange
from coprod_cli.reading.yamlread import Document, PathKey


def tailor(base: Framework, child: Framework, doc: Document) -> Framework:
    """Apply a tailored framework's changes to the resolved framework it extends (``base``);
    every problem at its place."""
    name = f"'{base.id}' (the framework this extends)"
    problems: list[Problem] = []
    levels = [list(level.targets) for level in base.levels]
    enablers = list(base.enablers)
    where_target = {t.id: n for n, targets in enumerate(levels) for t in targets}
    removed: set[str] = set()

    for i, ident in enumerate(child.remove):
        if ident in where_target and ident not in removed:
            levels[where_target[ident]] = [t for t in levels[where_target[ident]] if t.id != ident]
        elif any(e.id == ident for e in enablers):
            enablers = [e for e in enablers if e.id != ident]
        else:
            near = did_you_mean(ident, [*where_target, *(e.id for e in enablers)])
            problems.append(
                doc.problem(("remove", i), f"'{clip(ident)}' is not in {name}, so it cannot be removed{near}")
            )
            continue
        removed.add(ident)

    taken = {t.id for targets in levels for t in targets} | {e.id for e in enablers}
    for i, added in enumerate(child.add):
        at = ("add", i)
        if not 1 <= added.level <= len(levels):
            problems.append(
                doc.problem(
                    (*at, "level"), f"there is no level {added.level} in {name}; use a level from 1 to {len(levels)}"
                )
            )
            continue
        if added.id in taken:
            problems.append(
                doc.problem((*at, "id"), f"'{clip(added.id)}' already exists; give the new target an ID of its own")
            )
            continue
        targets = levels[added.level - 1]
        position = len(targets)
        if added.after is not None:
            ids = [t.id for t in targets]
            if added.after not in ids:
                problems.append(
                    doc.problem(
                        (*at, "after"),
                        f"'{clip(added.after)}' is not a target of level {added.level}"
                        f"{did_you_mean(added.after, ids)}; 'after' names the target of the same level it follows",
                    )
                )
                continue
            position = ids.index(added.after) + 1
        targets.insert(position, Target(id=added.id, text=added.text, required=added.required, plain=added.plain))
        taken.add(added.id)

    override = child.override
    changes = override.targets if override else {}
    for ident, change in changes.items():
        found = next(((n, k) for n, ts in enumerate(levels) for k, t in enumerate(ts) if t.id == ident), None)
        if found is None:
            near = did_you_mean(ident, [t.id for ts in levels for t in ts])
            problems.append(
                doc.problem(
                    ("override", "targets", ident), f"'{clip(ident)}' is not a target of {name}{near}", key=True
                )
            )
            continue
        n, k = found
        given = _given(change)
        if "text" in given:
            given.setdefault("plain", None)  # a plain gloss of the old text does not explain the new one
        levels[n][k] = replace(levels[n][k], **given)

    new_levels: list[Level] = []
    level_changes = override.levels if override else {}
    for key in level_changes:
        if not (key.isascii() and key.isdigit() and key == str(int(key)) and 1 <= int(key) <= len(levels)):
            problems.append(
                doc.problem(
                    ("override", "levels", key),
                    f"there is no level '{clip(key)}' in {name}; use a level number from 1 to {len(levels)}",
                    key=True,
                )
            )
    for number, (level, targets) in enumerate(zip(base.levels, levels, strict=True), start=1):
        update: dict[str, Any] = {"targets": tuple(targets)}
        level_change = level_changes.get(str(number))
        if level_change is not None:
            update |= _given(level_change)
            if level_change.threshold is not None:
                where: PathKey = ("override", "levels", str(number), "threshold")
                problems += check_threshold(doc, where, level_change.threshold)
        if not targets:
            problems.append(
                doc.problem(("remove",), f"this removes every target of level {number}; a level needs at least one")
            )
        new_levels.append(replace(level, **update))
    if problems:
        raise InputError(problems)

    kept = {t.id for ts in levels for t in ts} | {e.id for e in enablers}
    guidance = tuple(
        Challenge(
            challenge=c.challenge,
            ideas=tuple(Idea(text=idea.text, helps=tuple(h for h in idea.helps if h in kept)) for idea in c.ideas),
        )
        for c in base.guidance
    )
    inherited: dict[str, Any] = {
        key: getattr(child, key) for key in ("description", "source", "review_months") if written(doc, key)
    }
    return replace(
        base,
        id=child.id,
        version=child.version,
        title=child.title,
        **inherited,
        levels=tuple(new_levels),
        enablers=tuple(enablers),
        guidance=guidance,
    )


def _given(change: TargetChange | LevelChange) -> dict[str, Any]:
    """The fields a change sets: those the file wrote a value for."""
    return {f.name: getattr(change, f.name) for f in fields(change) if getattr(change, f.name) is not None}
