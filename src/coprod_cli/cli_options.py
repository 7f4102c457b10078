"""What the command modules share: options, the text-or-JSON choice, and printing to stderr.

The stderr printer ``err`` lives in the typer-free ``exits`` and is re-exported here.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .exits import err

__all__ = ["FrameworkOpt", "FrameworksDirOpt", "StrictOpt", "TextOrJson", "err"]


def _use_dirs(value: list[Path] | None) -> list[Path] | None:
    from .frameworks import search_dirs

    for folder in value or ():
        if not folder.is_dir():
            raise typer.BadParameter(f"'{folder}' is not a folder")
    search_dirs.set(tuple(value) if value else None)
    return value


FrameworksDirOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--frameworks-dir",
        metavar="DIR",
        callback=_use_dirs,
        help="A folder of framework files to find framework ids in (repeatable; default: $COPROD_FRAMEWORKS).",
    ),
]


FrameworkOpt = Annotated[
    str | None,
    typer.Option(
        "--framework",
        metavar="ID|PATH",
        help="Framework to use instead of the file's 'framework:' (a path is relative to this folder).",
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]


class TextOrJson(StrEnum):
    text = "text"
    json = "json"
