"""Where the shipped frameworks and templates live.

In a built wheel they are package data (``coprod_cli/frameworks``,
``coprod_cli/templates``); in a source checkout (an editable install) they are the
top-level folders people edit.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from coprod_cli.i18n import _


@cache
def data_dir(name: str) -> Path:
    """The folder of shipped ``frameworks`` or ``templates``."""
    # Beside this file, not through importlib.resources: that import costs ~16 ms of every run,
    # and coprod is always installed as a folder (the wheel test runs it from one).
    packaged = Path(__file__).resolve().parent / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise RuntimeError(_("coprod is installed without its {name} folder; reinstall it", name=name))
