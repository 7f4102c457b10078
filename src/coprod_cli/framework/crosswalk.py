"""Finding and reading a crosswalk file (docs/crosswalks.md, "Naming a crosswalk").

``--crosswalk NAME`` names one shipped beside the framework it maps
(``frameworks/crosswalks/NAME.yaml``); ``--crosswalk PATH`` names a file of your own.  A file is
read as every input is: scanned for personal data first, then parsed by the strict reader and
checked against :class:`~coprod_cli.model.crosswalk.Crosswalk`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

from coprod_cli.errors import InputError, Problem, clip
from coprod_cli.framework.resolve import looks_like_path
from coprod_cli.hints import did_you_mean, then
from coprod_cli.i18n import _
from coprod_cli.model.crosswalk import Crosswalk
from coprod_cli.privacy.guard import read_input
from coprod_cli.reading.explain import validate
from coprod_cli.reading.yamlread import Document
from coprod_cli.resources import data_dir

CROSSWALK_KEYS = frozenset({"crosswalk"})
"""The top-level key that makes a YAML file a crosswalk (``coprod framework check`` looks for it)."""


class CrosswalkFile(NamedTuple):
    """A crosswalk file that reads as one."""

    model: Crosswalk
    doc: Document
    sha256: str
    """Of the file's exact bytes."""
    ref: str
    """How it was named: its name if shipped, else its path."""


@cache
def builtin_crosswalks() -> Mapping[str, Path]:
    """The crosswalks shipped with coprod, by name (the file's stem)."""
    return {p.stem: p for p in sorted((data_dir("frameworks") / "crosswalks").glob("*.yaml"))}


def resolve_crosswalk(ref: str) -> tuple[Path, str]:
    """The file ``--crosswalk`` names: a path (relative to the current folder) or a shipped name."""
    if looks_like_path(ref):
        path = Path(ref)
        if not path.is_file():
            message = _("crosswalk file '{ref}' was not found; a path here is relative to the current folder")
            raise InputError([Problem("--crosswalk", 0, 0, message.format(ref=clip(ref)), "missing-crosswalk")])
        return path, ref
    known = builtin_crosswalks()
    if ref in known:
        return known[ref], ref
    message = then(
        _("unknown crosswalk '{ref}'{near}", ref=clip(ref), near=did_you_mean(ref, known)),
        _("available: {names}, or give the path of a crosswalk file", names=", ".join(known)),
    )
    raise InputError([Problem("--crosswalk", 0, 0, message, "unknown-crosswalk")])


def read_crosswalk(path: Path, shown: str, ref: str | None = None) -> CrosswalkFile:
    """Read one crosswalk file: guarded, parsed and validated; every problem at file:line:col."""
    found = read_input(path, shown)
    data = found.doc.data
    if not isinstance(data, dict) or "crosswalk" not in data:
        message = _(
            "is not a crosswalk file: a crosswalk starts with a top-level 'crosswalk:' naming it "
            "(see docs/crosswalks.md)"
        )
        raise InputError([Problem(shown, 1, 1, message, "not-a-crosswalk")])
    model = validate(Crosswalk, found.doc)
    return CrosswalkFile(model, found.doc, hashlib.sha256(found.raw).hexdigest(), ref or shown)


def load_crosswalk(ref: str) -> CrosswalkFile:
    """The crosswalk ``--crosswalk NAME|PATH`` names, read and checked."""
    path, shown = resolve_crosswalk(ref)
    if looks_like_path(ref):
        return read_crosswalk(path, shown)
    return read_crosswalk(path, f"frameworks/crosswalks/{ref}.yaml", ref)


def version_warning(xw: CrosswalkFile, version: str) -> Problem | None:
    """A warning when the crosswalk was written for another version of its framework."""
    if xw.model.framework_version == version:
        return None
    message = _(
        "crosswalk '{name}' was written for {framework} {written}, and this is {framework} {used}; "
        "check its items still fit ('coprod framework diff' shows what changed), then update "
        "'framework_version'",
        name=xw.model.crosswalk,
        framework=xw.model.framework,
        written=xw.model.framework_version,
        used=version,
    )
    return xw.doc.problem(("framework_version",), message, code="crosswalk-version")
