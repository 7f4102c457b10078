"""Finding a framework: by the path written to it, or by its id in the frameworks folders
(``--frameworks-dir``, ``$COPROD_FRAMEWORKS``) and then among those shipped with coprod.

A path given on the command line may lead anywhere: the user chose it.  A path written in a
file inside a git repository may lead only into that repository, a frameworks folder or the
shipped frameworks, so a file from a pull request cannot make a CI run read a file elsewhere
(docs/framework-file.md, 'Where a framework path may lead').
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from coprod_cli.errors import InputError, Problem, UsageError, clip
from coprod_cli.framework.read import is_framework_document, read_framework_file
from coprod_cli.hints import did_you_mean, then
from coprod_cli.i18n import _
from coprod_cli.reading.textfile import is_special
from coprod_cli.resources import data_dir

DEFAULT_FRAMEWORK = "rehab-recovery"
BUILTIN_SUFFIX = " (built in)"
ENV_DIRS = "COPROD_FRAMEWORKS"

search_dirs: ContextVar[tuple[Path, ...] | None] = ContextVar("search_dirs", default=None)
"""Folders given with --frameworks-dir; None means: read $COPROD_FRAMEWORKS."""


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
        doc = read_framework_file(path, str(path)).doc
    except InputError:
        return None
    data = doc.data
    if isinstance(data, dict) and is_framework_document(doc) and isinstance(data.get("id"), str):
        return str(data["id"])
    return None


def outside_reach(path: Path, folder: Path) -> Path | None:
    """The git work tree a file in ``folder`` is in, when a framework path written in that file
    may not lead to ``path``; None when it may (docs/framework-file.md, 'Where a framework path
    may lead'): into the same work tree, a frameworks folder or the shipped frameworks, and
    anywhere from a file outside git."""
    top = repository_top(folder)
    if top is None or _inside(path, (top, *frameworks_dirs(), data_dir("frameworks"))):
        return None
    return top


def check_path_to_write(path: Path, file: Path, label: str) -> None:
    """Refuse to write into ``file`` a path to the framework at ``path`` that coprod would then
    refuse to follow (``label`` names the option that gave it)."""
    top = outside_reach(path, file.parent)
    if top is not None:
        raise UsageError(
            _(
                "{option}: '{path}' is outside the git repository of {file} ({top}), and a framework path "
                "written in a file there may only lead into its own repository or a --frameworks-dir folder; "
                "copy the framework into the repository, or name it by its id and give its folder with "
                "--frameworks-dir",
                option=label,
                path=path,
                file=file,
                top=top,
            )
        )


def repository_top(folder: Path) -> Path | None:
    """The top folder of the git work tree ``folder`` is in (symbolic links followed), if any."""
    here = Path(os.path.realpath(folder))
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _inside(path: Path, folders: tuple[Path, ...]) -> bool:
    """Whether ``path``, with every symbolic link followed, is in one of ``folders`` (or below)."""
    real = Path(os.path.realpath(path))
    return any(real.is_relative_to(os.path.realpath(folder)) for folder in folders)


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
        top = outside_reach(full, base) if where is not None else None
        if top is not None:
            raise fail(
                then(
                    _(
                        "framework file '{ref}' is outside this file's git repository ({top}); a path "
                        "written in a file may only lead to a file in its own repository or in a folder given "
                        "with --frameworks-dir or ${variable}",
                        ref=clip(ref),
                        top=top,
                        variable=ENV_DIRS,
                    ),
                    _(
                        "copy the framework into the repository, or name it by its id and give its folder "
                        "with --frameworks-dir"
                    ),
                ),
                "framework-outside",
            )
        if not full.is_file():
            if where is not None:
                missing = _("framework file '{ref}' was not found; a path here is relative to this file's folder")
            else:
                missing = _("framework file '{ref}' was not found; a path here is relative to the current folder")
            raise fail(
                missing.format(ref=clip(ref)),
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
        _("unknown framework '{ref}'{near}", ref=clip(ref), near=did_you_mean(ref, everything)),
        _(
            "available: {ids}, or give a path to a framework file "
            "(or the folder holding it with --frameworks-dir or ${variable})",
            ids=", ".join(everything),
            variable=ENV_DIRS,
        ),
    )
    raise fail(message, "unknown-framework")
