"""Where the shipped frameworks and templates live.

In a built wheel they are package data (``coprod_cli/frameworks``,
``coprod_cli/templates``); in a source checkout (an editable install) they are the
top-level folders people edit.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def data_dir(name: str) -> Path:
    """The folder of shipped ``frameworks`` or ``templates``."""
    packaged = Path(__file__).resolve().parent / name  # coprod_cli is always a folder on disk
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise RuntimeError(f"coprod is installed without its {name} folder; reinstall it")
