"""``coprod framework check`` for a crosswalk file (docs/crosswalks.md, "Checking a crosswalk").

A file with a top-level ``crosswalk:`` is a crosswalk.  Errors: what the strict reader and the
model refuse, a framework that cannot be found, an id the framework does not have (or an enabler
listed as a target, and the other way round), an item listed twice, an item no target or enabler
supports.  Warnings: a target or enabler of the framework that supports no item, and a crosswalk
written for another version of its framework.  Every one at file:line:col.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coprod_cli.errors import InputError, Problem
from coprod_cli.framework.crosswalk import CROSSWALK_KEYS, CrosswalkFile, read_crosswalk, version_warning
from coprod_cli.framework.load import LoadedFramework, load_framework
from coprod_cli.framework.resolve import resolve_framework
from coprod_cli.hints import did_you_mean
from coprod_cli.i18n import _, n_
from coprod_cli.reading.textfile import read_bytes
from coprod_cli.reading.topkeys import top_level_key


@dataclass(frozen=True)
class CrosswalkCheck:
    """What checking one crosswalk file found."""

    crosswalk: CrosswalkFile | None
    framework: LoadedFramework | None
    problems: tuple[Problem, ...]
    """Errors: the file needs fixing."""
    warnings: tuple[Problem, ...]


def is_crosswalk_file(path: Path, shown: str) -> bool:
    """Whether the file is meant as a crosswalk: a top-level ``crosswalk:`` key (unreadable: no)."""
    try:
        raw = read_bytes(path, shown, pipe_ok=True)
    except InputError:
        return False
    return top_level_key(raw.decode("utf-8", "replace"), CROSSWALK_KEYS) is not None


def check_crosswalk(path: Path, shown: str) -> CrosswalkCheck:
    """Read one crosswalk file and lint it against the framework it names; nothing is raised."""
    try:
        xw = read_crosswalk(path, shown)
    except InputError as e:
        return CrosswalkCheck(None, None, e.problems(), ())
    where = xw.doc.problem(("framework",), "")
    try:
        fw = load_framework(*resolve_framework(xw.model.framework, path.parent, where=where))
    except InputError as e:
        return CrosswalkCheck(xw, None, e.problems(), ())
    problems = sorted(set(_ids(xw, fw)) | set(_items(xw)))
    found = version_warning(xw, fw.version)
    unused = _unused(xw, fw) if xw.model.items else ()  # with no items, the error says it all
    warnings = sorted([*unused, *([found] if found is not None else [])])
    return CrosswalkCheck(xw, fw, tuple(problems), tuple(warnings))


def _ids(xw: CrosswalkFile, fw: LoadedFramework) -> Iterator[Problem]:
    """Every id the framework does not have where it is listed."""
    targets, enablers = tuple(fw.level_of), fw.enabler_ids
    name = fw.id
    for i, item in enumerate(xw.model.items):
        for j, ident in enumerate(item.targets):
            at = ("items", i, "targets", j)
            if ident in enablers:
                yield xw.doc.problem(
                    at, _("'{id}' is an enabler, not a target; list it under 'enablers:'", id=ident), code="enabler"
                )
            elif ident not in targets:
                message = _(
                    "'{id}' is not a target of {framework}{near}",
                    id=ident,
                    framework=name,
                    near=did_you_mean(ident, targets),
                )
                yield xw.doc.problem(at, message, code="unknown-target", target=ident)
        for j, ident in enumerate(item.enablers):
            at = ("items", i, "enablers", j)
            if ident in targets:
                yield xw.doc.problem(
                    at, _("'{id}' is a target, not an enabler; list it under 'targets:'", id=ident), code="target"
                )
            elif ident not in enablers:
                message = _(
                    "'{id}' is not an enabler of {framework}{near}",
                    id=ident,
                    framework=name,
                    near=did_you_mean(ident, enablers),
                )
                yield xw.doc.problem(at, message, code="unknown-enabler", target=ident)


def _items(xw: CrosswalkFile) -> Iterator[Problem]:
    """Items listed twice, and items nothing supports."""
    seen: set[str] = set()
    for i, item in enumerate(xw.model.items):
        if item.id in seen:
            message = _("item '{id}' is listed twice; give each item once, with all its targets", id=item.id)
            yield xw.doc.problem(("items", i, "id"), message, code="duplicate-item")
        seen.add(item.id)
        if not item.targets and not item.enablers:
            message = _(
                "no target or enabler supports item '{id}'; list under 'targets:' or 'enablers:' what gives "
                "evidence of it, or remove the item and say why in docs",
                id=item.id,
            )
            yield xw.doc.problem(("items", i, "id"), message, code="unsupported-item")
    if not xw.model.items:
        yield xw.doc.problem(
            ("crosswalk",), _("the crosswalk lists no items; list them under 'items:'"), code="no-items"
        )


def _unused(xw: CrosswalkFile, fw: LoadedFramework) -> Iterator[Problem]:
    """The framework's targets and enablers that support no item: one warning naming them, at ``framework:``."""
    used = {ident for item in xw.model.items for ident in (*item.targets, *item.enablers)}
    unused = [ident for ident in (*fw.level_of, *fw.enabler_ids) if ident not in used]
    if unused:
        message = n_(
            "{count} target or enabler of {framework} supports no item of this crosswalk: {ids}; add each to "
            "the items it gives evidence of, if any",
            "{count} targets or enablers of {framework} support no item of this crosswalk: {ids}; add each to "
            "the items it gives evidence of, if any",
            len(unused),
            framework=fw.id,
            ids=", ".join(unused),
        )
        yield xw.doc.problem(("framework",), message, code="unused-target")
