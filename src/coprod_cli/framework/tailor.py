"""Tailoring: a framework that ``extends`` another changes it with ``remove``, ``add`` and
``override``; :func:`tailor` applies those changes to the complete framework it extends.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, TypeVar

from coprod_cli.errors import InputError, Problem, clip
from coprod_cli.framework.rules import check_threshold, written
from coprod_cli.hints import did_you_mean
from coprod_cli.i18n import _
from coprod_cli.model.models import Challenge, Framework, Idea, Level, LevelChange, Target, TargetChange
from coprod_cli.model.text import FrameworkCy, LevelCy, TargetCy
from coprod_cli.reading.yamlread import Document, PathKey


def tailor(base: Framework, child: Framework, doc: Document) -> Framework:
    """Apply a tailored framework's changes to the resolved framework it extends (``base``);
    every problem at its place."""
    name = _("'{id}' (the framework this extends)", id=base.id)
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
                doc.problem(
                    ("remove", i),
                    _("'{id}' is not in {name}, so it cannot be removed{near}", id=clip(ident), name=name, near=near),
                )
            )
            continue
        removed.add(ident)

    taken = {t.id for targets in levels for t in targets} | {e.id for e in enablers}
    for i, added in enumerate(child.add):
        at = ("add", i)
        if not 1 <= added.level <= len(levels):
            problems.append(
                doc.problem(
                    (*at, "level"),
                    _(
                        "there is no level {number} in {name}; use a level from 1 to {top}",
                        number=added.level,
                        name=name,
                        top=len(levels),
                    ),
                )
            )
            continue
        if added.id in taken:
            problems.append(
                doc.problem(
                    (*at, "id"), _("'{id}' already exists; give the new target an ID of its own", id=clip(added.id))
                )
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
                        _(
                            "'{id}' is not a target of level {number}{near}; 'after' names the target of the "
                            "same level it follows",
                            id=clip(added.after),
                            number=added.level,
                            near=did_you_mean(added.after, ids),
                        ),
                    )
                )
                continue
            position = ids.index(added.after) + 1
        targets.insert(
            position, Target(id=added.id, text=added.text, required=added.required, plain=added.plain, cy=added.cy)
        )
        taken.add(added.id)

    override = child.override
    changes = override.targets if override else {}
    for ident, change in changes.items():
        found = next(((n, k) for n, ts in enumerate(levels) for k, t in enumerate(ts) if t.id == ident), None)
        if found is None:
            near = did_you_mean(ident, [t.id for ts in levels for t in ts])
            problems.append(
                doc.problem(
                    ("override", "targets", ident),
                    _("'{id}' is not a target of {name}{near}", id=clip(ident), name=name, near=near),
                    key=True,
                )
            )
            continue
        n, k = found
        given = _given(change)
        if "text" in given:
            given.setdefault("plain", None)  # a plain gloss of the old text does not explain the new one
        given["cy"] = _welsh(levels[n][k].cy, change.cy, given, TargetCy)
        levels[n][k] = replace(levels[n][k], **given)

    new_levels: list[Level] = []
    level_changes = override.levels if override else {}
    for key in level_changes:
        if not (key.isascii() and key.isdigit() and key == str(int(key)) and 1 <= int(key) <= len(levels)):
            problems.append(
                doc.problem(
                    ("override", "levels", key),
                    _(
                        "there is no level '{key}' in {name}; use a level number from 1 to {top}",
                        key=clip(key),
                        name=name,
                        top=len(levels),
                    ),
                    key=True,
                )
            )
    for number, (level, targets) in enumerate(zip(base.levels, levels, strict=True), start=1):
        update: dict[str, Any] = {"targets": tuple(targets)}
        level_change = level_changes.get(str(number))
        if level_change is not None:
            update |= _given(level_change)
            update["cy"] = _welsh(level.cy, level_change.cy, update, LevelCy)
            if level_change.threshold is not None:
                where: PathKey = ("override", "levels", str(number), "threshold")
                problems += check_threshold(doc, where, level_change.threshold)
        if not targets:
            problems.append(
                doc.problem(
                    ("remove",),
                    _("this removes every target of level {number}; a level needs at least one", number=number),
                )
            )
        new_levels.append(replace(level, **update))
    if problems:
        raise InputError(problems)

    kept = {t.id for ts in levels for t in ts} | {e.id for e in enablers}
    guidance = tuple(
        Challenge(
            challenge=c.challenge,
            ideas=tuple(
                Idea(text=idea.text, helps=tuple(h for h in idea.helps if h in kept), cy=idea.cy) for idea in c.ideas
            ),
            cy=c.cy,
        )
        for c in base.guidance
    )
    inherited: dict[str, Any] = {
        key: getattr(child, key) for key in ("description", "source", "review_months", "languages") if written(doc, key)
    }
    own = child.cy or FrameworkCy()
    description = own.description if written(doc, "description") else base.cy.description if base.cy else None
    welsh = FrameworkCy(title=own.title, description=description)
    return replace(
        base,
        id=child.id,
        version=child.version,
        title=child.title,
        **inherited,
        cy=welsh if welsh.title or welsh.description else None,
        levels=tuple(new_levels),
        enablers=tuple(enablers),
        guidance=guidance,
    )


_W = TypeVar("_W", TargetCy, LevelCy)


def _welsh(old: _W | None, change: _W | None, given: dict[str, Any], kind: type[_W]) -> _W | None:
    """The Welsh of a target or level after an override: the Welsh the override gives, and of the
    old Welsh what still says the English the override left as it was."""
    kept = {f.name: getattr(old, f.name) for f in fields(kind) if old is not None and f.name not in given}
    new = {f.name: getattr(change, f.name) for f in fields(kind) if change is not None and getattr(change, f.name)}
    merged = {name: text for name, text in (kept | new).items() if text is not None}
    return kind(**merged) if merged else None


def _given(change: TargetChange | LevelChange) -> dict[str, Any]:
    """The fields a change sets: those the file wrote a value for."""
    return {f.name: getattr(change, f.name) for f in fields(change) if getattr(change, f.name) is not None}
