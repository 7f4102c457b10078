"""Reading an input file's text: never more than 1 MiB, never a pipe, always UTF-8.

The first step of every input's pipeline (read → privacy guard → parse → validate): what is
read here is text, checked for size and encoding and nothing else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coprod_cli.errors import InputError, Problem
from coprod_cli.reading.inputs import note

MAX_BYTES = 1024 * 1024


def is_special(path: Path) -> bool:
    """A named pipe, socket or device: what a folder holds besides files and folders.

    Reading one found while walking a folder could wait for ever (a pipe with no writer), so
    walks pass them over. A path that cannot be looked at is not special: reading it says why.
    """
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def read_bytes(path: Path, shown: str, *, kind: str = "a YAML file") -> bytes:
    """Read a file, refusing anything over 1 MiB before reading it all; the command will not write
    over it (:mod:`coprod_cli.reading.inputs`)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
            note(path, data, os.fstat(fh.fileno()))
    except FileNotFoundError as e:
        raise InputError([Problem(shown, 0, 0, "file not found; check the name and folder", "missing-file")]) from e
    except IsADirectoryError as e:
        raise InputError([Problem(shown, 0, 0, f"is a folder, not {kind}", "missing-file")]) from e
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise InputError([Problem(shown, 0, 0, f"could not be read ({reason})", "unreadable")]) from e
    if len(data) > MAX_BYTES:
        raise InputError(
            [
                Problem(
                    shown,
                    0,
                    0,
                    "is larger than 1 MiB, the most coprod reads; split it or remove pasted material",
                    "too-large",
                )
            ]
        )
    return data


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text (a byte-order mark is fine), with a clear error for anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "is saved as UTF-16; save it as UTF-8 (most editors offer this under 'Save as' or 'Encoding')",
                    "encoding",
                )
            ]
        )
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        start = e.start + bom  # utf-8-sig counts from after the byte-order mark
        head = data[bom:start]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise InputError(
            [
                Problem(
                    shown,
                    line,
                    col,
                    f"byte 0x{data[start]:02x} is not UTF-8 text; save the file as UTF-8",
                    "encoding",
                )
            ]
        ) from e


def read_text(path: Path, shown: str) -> tuple[bytes, str]:
    """Read a file and decode it: the exact bytes read and their text."""
    raw = read_bytes(path, shown)
    return raw, decode(raw, shown)
