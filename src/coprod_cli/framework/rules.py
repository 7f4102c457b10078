"""The rules a framework file must keep for scores to mean anything: a complete one
(:func:`check_framework`) and one that tailors another (:func:`check_extension_shape`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coprod_cli.errors import Problem, clip
from coprod_cli.hints import did_you_mean
from coprod_cli.i18n import _
from coprod_cli.model.models import Framework
from coprod_cli.reading.yamlread import Document, PathKey

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def check_framework(fw: Framework, doc: Document) -> Iterator[Problem]:
    """Rules a complete framework must keep for scores to mean anything."""
    for key in ("remove", "add", "override"):
        if written(doc, key):
            yield doc.problem(
                (key,), _("'{key}' changes the framework named by 'extends:'; add 'extends:' or remove it", key=key)
            )
    if not _ID.fullmatch(fw.id):
        yield doc.problem(
            ("id",),
            _(
                "framework id '{id}' should be lower-case letters, digits, '-', '.' and '_', starting with a letter "
                "or digit, such as '{example}'",
                id=clip(fw.id),
                example="rehab-recovery",
            ),
        )
    if not fw.levels:
        yield doc.problem(
            ("levels",), _("a framework needs at least one level under 'levels:' (or 'extends:' another)")
        )
    yield from _check_review_months(fw, doc)
    seen: dict[str, int] = {}
    for i, level in enumerate(fw.levels):
        at = ("levels", i)
        if level.number != i + 1:
            yield doc.problem(
                (*at, "number"),
                _(
                    "level {level} is in place {place}; number the levels 1, 2, 3… in order",
                    level=level.number,
                    place=i + 1,
                ),
            )
        yield from check_threshold(doc, (*at, "threshold"), level.threshold)
        if not level.targets:
            yield doc.problem(
                at, _("level {level} has no targets; add at least one under 'targets:'", level=level.number)
            )
        for j, target in enumerate(level.targets):
            yield from _check_id(doc, (*at, "targets", j, "id"), target.id, seen)
    for k, enabler in enumerate(fw.enablers):
        yield from _check_id(doc, ("enablers", k, "id"), enabler.id, seen)
    for c, challenge in enumerate(fw.guidance):
        for d, idea in enumerate(challenge.ideas):
            for h, ref in enumerate(idea.helps):
                if ref not in seen:
                    yield doc.problem(
                        ("guidance", c, "ideas", d, "helps", h),
                        _("'{ref}' is not a target or enabler of this framework", ref=clip(ref))
                        + did_you_mean(ref, seen),
                        code="unknown-target",
                    )


def _check_review_months(fw: Framework, doc: Document) -> Iterator[Problem]:
    if fw.review_months < 1:
        yield doc.problem(("review_months",), _("review_months should be at least 1"))


def check_threshold(doc: Document, at: PathKey, threshold: int) -> Iterator[Problem]:
    if not 0 <= threshold <= 100:
        yield doc.problem(
            at, _("threshold {threshold} is not a percentage; use a number from 0 to 100", threshold=threshold)
        )


def _check_id(doc: Document, at: PathKey, ident: str, seen: dict[str, int]) -> Iterator[Problem]:
    if ident in seen:
        yield doc.problem(
            at,
            _("ID '{id}' is used twice (first at line {line}); IDs must be unique", id=clip(ident), line=seen[ident]),
            code="duplicate-id",
        )
        return
    seen[ident] = doc.mark(at).line


def check_extension_shape(fw: Framework, doc: Document) -> Iterator[Problem]:
    for key in ("levels", "enablers", "guidance"):
        if written(doc, key):
            yield doc.problem(
                (key,),
                _(
                    "a framework that extends another cannot list '{key}'; "
                    "change it with 'remove', 'add' and 'override'",
                    key=key,
                ),
            )
    if not _ID.fullmatch(fw.id):
        yield doc.problem(
            ("id",),
            _(
                "framework id '{id}' should be lower-case letters, digits, '-', '.' and '_', starting with a letter "
                "or digit, such as '{example}'",
                id=clip(fw.id),
                example="my-service",
            ),
        )
    if written(doc, "review_months"):
        yield from _check_review_months(fw, doc)


def written(doc: Document, key: str) -> bool:
    """Whether the file itself has ``key`` at its top (even with nothing after it)."""
    return isinstance(doc.data, dict) and key in doc.data
