"""Frameworks: reading one with the chain it ``extends``, resolved into one complete framework.

A framework file is either complete (it lists its ``levels``) or tailored: it
``extends`` another (a built-in id, an id found in a frameworks folder, or a path
relative to itself) and changes it with ``remove``, ``add`` and ``override``.
Chains of any depth are followed without recursion; a cycle is an error.  Finding a
framework is :mod:`~coprod_cli.framework.resolve`'s work, reading one file
:mod:`~coprod_cli.framework.read`'s, their rules :mod:`~coprod_cli.framework.rules`' and
applying a tailoring :mod:`~coprod_cli.framework.tailor`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from coprod_cli.errors import InputError
from coprod_cli.framework.read import FrameworkFile, framework_file, read_framework_file
from coprod_cli.framework.resolve import BUILTIN_SUFFIX, resolve_framework
from coprod_cli.framework.rules import check_extension_shape, check_framework
from coprod_cli.framework.tailor import tailor
from coprod_cli.i18n import _
from coprod_cli.model.models import Framework, Level
from coprod_cli.privacy.guard import Checked, WaiverNote
from coprod_cli.reading.textfile import real_path
from coprod_cli.reading.yamlread import Document


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


# ---- reading ------------------------------------------------------------------------

_RESOLVED: dict[tuple[str, ...], LoadedFramework] = {}


def load_framework(path: Path, shown: str) -> LoadedFramework:
    """Read, check and resolve a framework file, following ``extends`` to its root."""
    return _load(path, shown, None)


def load_framework_bytes(
    raw: bytes, path: Path, shown: str, doc: Document | None = None, privacy: Checked | None = None
) -> LoadedFramework:
    """The same, for bytes already read (``doc`` if already parsed, ``privacy`` if also guarded)."""
    return _load(path, shown, framework_file(raw, shown, path.parent, doc, privacy))


def _load(path: Path, shown: str, first: FrameworkFile | None) -> LoadedFramework:
    chain: list[tuple[FrameworkFile, str]] = []
    seen: dict[Path, str] = {}
    current, label = path, shown
    while True:
        file = first if first is not None and not chain else read_framework_file(current, label)
        chain.append((file, label))
        seen[real_path(current, label)] = label
        model, doc = file.model, file.doc
        if model.extends is None:
            break
        problems = list(check_extension_shape(model, doc))
        if problems:
            raise InputError(problems)
        where = doc.problem(("extends",), "")
        parent_path, parent_label = resolve_framework(model.extends, current.parent, where=where)
        parent_real = real_path(parent_path, parent_label)
        if parent_real in seen:
            raise InputError(
                [
                    doc.problem(
                        ("extends",),
                        _(
                            "'{extends}' leads back to '{file}', which this chain already extends: "
                            "a framework cannot extend itself, directly or through others",
                            extends=model.extends,
                            file=seen[parent_real],
                        ),
                        code="framework-cycle",
                    )
                ]
            )
        current, label = parent_path, parent_label
    key = tuple(f"{file.sha256}:{label}" for file, label in chain)
    cached = _RESOLVED.get(key)
    if cached is not None:
        return cached
    # Resolve from the root down: each tailoring applies to its resolved parent.
    root, root_label = chain[-1]
    problems = list(check_framework(root.model, root.doc))
    if problems:
        raise InputError(problems)
    waivers = tuple(note for file, _ in chain if file.privacy for note in file.privacy.waivers)
    keys = frozenset(k for file, _ in chain if file.privacy for k in file.privacy.waived_keys)
    resolved = LoadedFramework(root.model, root.doc, root.sha256, _ref(root.model, root_label), (), waivers, keys)
    for file, label in reversed(chain[:-1]):
        tailored = tailor(resolved.model, file.model, file.doc)
        parents = (FrameworkRef(resolved.id, resolved.version, resolved.sha256, resolved.ref), *resolved.parents)
        resolved = LoadedFramework(tailored, file.doc, file.sha256, _ref(file.model, label), parents, waivers, keys)
    _RESOLVED[key] = resolved
    return resolved


def _ref(model: Framework, label: str) -> str:
    return model.id if label.endswith(BUILTIN_SUFFIX) else label.removesuffix(BUILTIN_SUFFIX)
