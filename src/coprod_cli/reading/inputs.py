"""The files the running command has read: its inputs, which it never writes over.

Every file on disk coprod reads goes through :func:`coprod_cli.reading.textfile.read_bytes` — the
evidence files, each framework file of an ``extends`` chain, ``--baseline`` files, merge inputs,
``coprod.toml`` and ``pyproject.toml`` — or, for a report template, through the template loader;
both note it here with what it held.  The writer (:mod:`coprod_cli.editing.writer`) asks
:func:`read_as` before it replaces anything (docs/exit-codes.md, 'Writing files safely'): a file
read is replaced only by a command whose job is to edit it (``interview``, ``migrate --write``),
and only while it still holds what was read or last written.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Read:
    """A file as the command read it."""

    real: str
    """Its path with every link, ``.`` and ``..`` resolved."""
    ident: tuple[int, int]
    """Its device and inode: the same file under any name, hard links included."""
    digest: bytes
    """The SHA-256 of the bytes read (or last written by coprod)."""


_READ: dict[str, Read] = {}
"""The files read by the running command, by real path (the latest read of each)."""
_CAPTURING: list[list[Read]] = []
"""What each :class:`CachedReads` computation under way has read so far."""


def start() -> None:
    """Forget the files read by an earlier command in this process (the tests run many in one)."""
    _READ.clear()


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def note(path: Path, data: bytes, st: os.stat_result) -> None:
    """Remember that the command read ``data`` from ``path`` (``st``: the file read, or just written)."""
    real = os.path.realpath(path)
    read = _READ[real] = Read(real, (st.st_dev, st.st_ino), digest(data))
    for captured in _CAPTURING:
        captured.append(read)


def read_as(path: Path) -> Read | None:
    """How the command read ``path``, under this name or any other; None if it did not read it."""
    found = _READ.get(os.path.realpath(path))
    if found is not None:
        return found
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    ident = (st.st_dev, st.st_ino)
    return next((r for r in _READ.values() if r.ident == ident), None)


class CachedReads(Generic[K, T]):
    """``functools.cache`` for a function that reads files: each later call notes those files
    again, so a file read once per process is still an input of every command that uses it."""

    def __init__(self, function: Callable[[K], T]) -> None:
        self._function = function
        self._done: dict[K, tuple[T, tuple[Read, ...]]] = {}

    def __call__(self, key: K) -> T:
        found = self._done.get(key)
        if found is None:
            captured: list[Read] = []
            _CAPTURING.append(captured)
            try:
                result = self._function(key)
            finally:
                _CAPTURING.remove(captured)
            found = self._done[key] = (result, tuple(captured))
        for read in found[1]:
            _READ[read.real] = read
        return found[0]

    def cache_clear(self) -> None:
        self._done.clear()
