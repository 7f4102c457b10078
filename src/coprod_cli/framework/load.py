"""Frameworks: finding them, reading them once, and tailoring one from another.

A framework file is either complete (it lists its ``levels``) or tailored: it
``extends`` another (a built-in id, an id found in a frameworks folder, or a path
relative to itself) and changes it with ``remove``, ``add`` and ``override``.
Chains of any depth are followed without recursion; a cycle is an error.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from coprod_cli.errors import InputError, Problem, clip
from coprod_cli.hints import did_you_mean, then
from coprod_cli.model.models import Challenge, Framework, Idea, Level, LevelChange, Target, TargetChange
from coprod_cli.privacy.guard import WaiverNote, check_input
from coprod_cli.reading.explain import validate
from coprod_cli.reading.yamlread import Document, PathKey, decode, is_special, parse_text, read_bytes
from coprod_cli.resources import data_dir

DEFAULT_FRAMEWORK = "rehab-recovery"
BUILTIN_SUFFIX = " (built in)"
ENV_DIRS = "COPROD_FRAMEWORKS"
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")

search_dirs: ContextVar[tuple[Path, ...] | None] = ContextVar("search_dirs", default=None)
"""Folders given with --frameworks-dir; None means: read $COPROD_FRAMEWORKS."""


@dataclass(frozen=True, slots=True)
class FrameworkRef:
    """One framework of a chain, as every output names it."""

    id: str
    version: str
    sha256: str
    """Of the file's exact bytes."""
    ref: str
    """How to name it to ``coprod framework show``: its id if built in, else its path."""


@dataclass(frozen=True)  # cached_property needs a __dict__
class LoadedFramework:
    """A checked, fully resolved framework with the facts every output names."""

    model: Framework
    """Complete: a tailored framework's changes are already applied."""
    doc: Document
    sha256: str
    ref: str
    parents: tuple[FrameworkRef, ...] = ()
    """What it extends, nearest first; empty for a complete framework."""
    waivers: tuple[WaiverNote, ...] = ()
    """Privacy waivers in the files of the chain."""
    waived_keys: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def review_months(self) -> int:
        return self.model.review_months

    @cached_property
    def level_of(self) -> Mapping[str, Level]:
        return {t.id: level for level in self.model.levels for t in level.targets}

    @cached_property
    def enabler_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.model.enablers)


# ---- finding frameworks --------------------------------------------------------------


def frameworks_dirs() -> tuple[Path, ...]:
    given = search_dirs.get()
    if given is not None:
        return given
    return tuple(Path(p) for p in os.environ.get(ENV_DIRS, "").split(os.pathsep) if p)


@cache
def builtin_frameworks() -> Mapping[str, Path]:
    """The frameworks shipped with coprod, by id (listed once: they do not change while coprod runs)."""
    return {p.stem: p for p in sorted(data_dir("frameworks").glob("*.yaml"))}


def folder_frameworks() -> dict[str, Path]:
    """Frameworks in the frameworks folders, by the id each file declares (first one wins)."""
    found: dict[str, Path] = {}
    for folder in frameworks_dirs():
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            if is_special(path):  # a named pipe could keep coprod waiting for ever
                continue
            ident = _declared_id(path)
            if ident is not None and ident not in found:
                found[ident] = path
    return found


def _declared_id(path: Path) -> str | None:
    try:
        doc = _parsed(path, str(path))[1]
    except InputError:
        return None
    data = doc.data
    if isinstance(data, dict) and is_framework_document(doc) and isinstance(data.get("id"), str):
        return str(data["id"])
    return None


def looks_like_path(ref: str) -> bool:
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


def resolve_framework(
    ref: str, base: Path, *, where: Problem | None = None, label: str = "--framework"
) -> tuple[Path, str]:
    """Find the file a framework reference names: a path (relative to ``base``) or an id.

    An id is looked up in the frameworks folders (--frameworks-dir, $COPROD_FRAMEWORKS),
    then among the built-in ones.  ``where`` is the place the reference was written;
    without it the reference came from the command line (``label`` names the option).
    """

    def fail(message: str, code: str) -> InputError:
        if where is not None:
            return InputError([Problem(where.file, where.line, where.column, message, code)])
        return InputError([Problem(label, 0, 0, message, code)])

    if looks_like_path(ref):
        path = Path(ref)
        full = path if path.is_absolute() else base / path
        if not full.is_file():
            relative = "this file's folder" if where is not None else "the current folder"
            raise fail(
                f"framework file '{clip(ref)}' was not found; a path here is relative to {relative}",
                "missing-framework",
            )
        return full, ref if where is None or path.is_absolute() else str(Path(where.file).parent / path)
    in_folders = folder_frameworks()
    if ref in in_folders:
        return in_folders[ref], str(in_folders[ref])
    known = builtin_frameworks()
    if ref in known:
        return known[ref], f"{ref}{BUILTIN_SUFFIX}"
    everything = [*in_folders, *known]
    message = then(
        f"unknown framework '{clip(ref)}'{did_you_mean(ref, everything)}",
        f"available: {', '.join(everything)}, or give a path to a framework file "
        f"(or the folder holding it with --frameworks-dir or ${ENV_DIRS})",
    )
    raise fail(message, "unknown-framework")


# ---- reading ------------------------------------------------------------------------

_PARSED: dict[str, tuple[bytes, Document, Framework]] = {}
_RESOLVED: dict[tuple[str, ...], LoadedFramework] = {}


def _parsed(path: Path, shown: str) -> tuple[str, Document, Framework]:
    """Read and validate one framework file; each content is parsed once per process."""
    raw = read_bytes(path, shown)
    return _parsed_bytes(raw, shown, None, path.parent)


def _parsed_bytes(raw: bytes, shown: str, doc: Document | None, folder: Path) -> tuple[str, Document, Framework]:
    sha = hashlib.sha256(raw).hexdigest()
    key = f"{sha}:{shown}"
    cached = _PARSED.get(key)
    if cached is not None:
        return sha, cached[1], cached[2]
    if doc is None:
        text = decode(raw, shown)
        checked = check_input(text, shown, folder)  # before parsing, like every input
        doc = parse_text(text, shown)
        doc.privacy = checked
    model = validate(Framework, doc)
    _PARSED[key] = (raw, doc, model)
    return sha, doc, model


def load_framework(path: Path, shown: str) -> LoadedFramework:
    """Read, check and resolve a framework file, following ``extends`` to its root."""
    return _load(path, shown, None)


def load_framework_bytes(raw: bytes, path: Path, shown: str, doc: Document | None = None) -> LoadedFramework:
    """The same, for bytes already read (``doc`` if already parsed)."""
    return _load(path, shown, (raw, doc))


def _load(path: Path, shown: str, given: tuple[bytes, Document | None] | None) -> LoadedFramework:
    chain: list[tuple[str, Document, Framework, Path, str]] = []
    seen: dict[Path, str] = {}
    current, label = path, shown
    while True:
        if given is not None and not chain:
            sha, doc, model = _parsed_bytes(given[0], label, given[1], current.parent)
        else:
            sha, doc, model = _parsed(current, label)
        chain.append((sha, doc, model, current, label))
        seen[current.resolve()] = label
        if model.extends is None:
            break
        problems = list(_check_extension_shape(model, doc))
        if problems:
            raise InputError(problems)
        where = doc.problem(("extends",), "")
        parent_path, parent_label = resolve_framework(model.extends, current.parent, where=where)
        if parent_path.resolve() in seen:
            raise InputError(
                [
                    doc.problem(
                        ("extends",),
                        f"'{model.extends}' leads back to '{seen[parent_path.resolve()]}', which this chain already "
                        "extends: a framework cannot extend itself, directly or through others",
                        code="framework-cycle",
                    )
                ]
            )
        current, label = parent_path, parent_label
    key = tuple(f"{sha}:{label}" for sha, _, _, _, label in chain)
    cached = _RESOLVED.get(key)
    if cached is not None:
        return cached
    # Resolve from the root down: each tailoring applies to its resolved parent.
    root_sha, root_doc, root_model, _, root_label = chain[-1]
    problems = list(check_framework(root_model, root_doc))
    if problems:
        raise InputError(problems)
    waivers = tuple(note for _, doc, _, _, _ in chain if doc.privacy for note in doc.privacy.waivers)
    keys = frozenset(k for _, doc, _, _, _ in chain if doc.privacy for k in doc.privacy.waived_keys)
    resolved = LoadedFramework(root_model, root_doc, root_sha, _ref(root_model, root_label), (), waivers, keys)
    for sha, doc, model, _, label in reversed(chain[:-1]):
        tailored = tailor(resolved, model, doc)
        parents = (FrameworkRef(resolved.id, resolved.version, resolved.sha256, resolved.ref), *resolved.parents)
        resolved = LoadedFramework(tailored, doc, sha, _ref(model, label), parents, waivers, keys)
    _RESOLVED[key] = resolved
    return resolved


def _ref(model: Framework, label: str) -> str:
    return model.id if label.endswith(BUILTIN_SUFFIX) else label.removesuffix(BUILTIN_SUFFIX)


def is_framework_document(doc: Document) -> bool:
    return isinstance(doc.data, dict) and ("levels" in doc.data or "extends" in doc.data)


# ---- rules --------------------------------------------------------------------------


def check_framework(fw: Framework, doc: Document) -> Iterator[Problem]:
    """Rules a complete framework must keep for scores to mean anything."""
    for key in ("remove", "add", "override"):
        if _written(doc, key):
            yield doc.problem((key,), f"'{key}' changes the framework named by 'extends:'; add 'extends:' or remove it")
    if not _ID.fullmatch(fw.id):
        yield doc.problem(
            ("id",),
            f"framework id '{clip(fw.id)}' should be lower-case letters, digits and '-', such as 'rehab-recovery'",
        )
    if not fw.levels:
        yield doc.problem(("levels",), "a framework needs at least one level under 'levels:' (or 'extends:' another)")
    if fw.review_months < 1:
        yield doc.problem(("review_months",), "review_months should be at least 1")
    seen: dict[str, int] = {}
    for i, level in enumerate(fw.levels):
        at = ("levels", i)
        if level.number != i + 1:
            yield doc.problem(
                (*at, "number"), f"level {level.number} is in place {i + 1}; number the levels 1, 2, 3… in order"
            )
        yield from _check_threshold(doc, (*at, "threshold"), level.threshold)
        if not level.targets:
            yield doc.problem(at, f"level {level.number} has no targets; add at least one under 'targets:'")
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
                        f"'{clip(ref)}' is not a target or enabler of this framework{did_you_mean(ref, seen)}",
                        code="unknown-target",
                    )


def _check_threshold(doc: Document, at: PathKey, threshold: int) -> Iterator[Problem]:
    if not 0 <= threshold <= 100:
        yield doc.problem(at, f"threshold {threshold} is not a percentage; use a number from 0 to 100")


def _check_id(doc: Document, at: PathKey, ident: str, seen: dict[str, int]) -> Iterator[Problem]:
    if ident in seen:
        yield doc.problem(
            at,
            f"ID '{clip(ident)}' is used twice (first at line {seen[ident]}); IDs must be unique",
            code="duplicate-id",
        )
        return
    seen[ident] = doc.mark(at).line


def _check_extension_shape(fw: Framework, doc: Document) -> Iterator[Problem]:
    for key in ("levels", "enablers", "guidance"):
        if _written(doc, key):
            yield doc.problem(
                (key,),
                f"a framework that extends another cannot list '{key}'; change it with 'remove', 'add' and 'override'",
            )
    if not _ID.fullmatch(fw.id):
        yield doc.problem(
            ("id",), f"framework id '{clip(fw.id)}' should be lower-case letters, digits and '-', such as 'my-service'"
        )


# ---- tailoring ----------------------------------------------------------------------


def tailor(parent: LoadedFramework, child: Framework, doc: Document) -> Framework:
    """Apply a tailored framework's changes to its resolved parent; every problem at its place."""
    base = parent.model
    name = f"'{parent.id}' (the framework this extends)"
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
        targets.insert(position, Target(id=added.id, text=added.text, required=added.required))
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
        levels[n][k] = replace(levels[n][k], **_given(change))

    new_levels: list[Level] = []
    level_changes = override.levels if override else {}
    for key in level_changes:
        if not (key.isdigit() and 1 <= int(key) <= len(levels)):
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
                problems += _check_threshold(doc, where, level_change.threshold)
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
        key: getattr(child, key) for key in ("description", "source", "review_months") if _written(doc, key)
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


def _written(doc: Document, key: str) -> bool:
    """Whether the file itself has ``key`` at its top (even with nothing after it)."""
    return isinstance(doc.data, dict) and key in doc.data


def _given(change: TargetChange | LevelChange) -> dict[str, Any]:
    """The fields a change sets: those the file wrote a value for."""
    return {f.name: getattr(change, f.name) for f in fields(change) if getattr(change, f.name) is not None}
