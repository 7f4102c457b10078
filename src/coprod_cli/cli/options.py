"""What the command modules share: options, the text-or-JSON choice, and printing to stderr.

The stderr printer ``err`` (from ``exits``) and ``TextOrJson`` (from ``commands``) live in
typer-free modules, so the fast path in ``entry`` can use them; they are re-exported here.
"""

from pathlib import Path
from typing import Annotated

import typer

from coprod_cli.cli.commands import TextOrJson, use_frameworks_dirs
from coprod_cli.cli.exits import err

__all__ = ["FrameworkOpt", "FrameworksDirOpt", "StrictOpt", "TextOrJson", "err"]


def _use_dirs(value: list[Path] | None) -> list[Path] | None:
    for folder in value or ():
        if not folder.is_dir():
            raise typer.BadParameter(f"'{folder}' is not a folder")
    use_frameworks_dirs(value)
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
