"""Reading an input file's text: never more than 1 MiB, never waiting on a pipe, always UTF-8.

The first step of every input's pipeline (read → privacy guard → parse → validate): what is
read here is text, checked for size and encoding and nothing else.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from coprod_cli.errors import InputError, Problem
from coprod_cli.i18n import N_, _
from coprod_cli.reading.inputs import note

MAX_BYTES = 1024 * 1024

LINK_LOOP = N_("is a symbolic link that leads back to itself through other links; point it at a real file or remove it")
"""What is said of a path whose links go round in a loop, wherever coprod meets one (translate it
with ``_`` where it is said)."""

_NOT_REGULAR = {
    stat.S_IFIFO: N_("is a named pipe, not a regular file; coprod reads {kind} only from a regular file"),
    stat.S_IFSOCK: N_("is a socket, not a regular file; coprod reads {kind} only from a regular file"),
    stat.S_IFCHR: N_("is a device, not a regular file; coprod reads {kind} only from a regular file"),
    stat.S_IFBLK: N_("is a device, not a regular file; coprod reads {kind} only from a regular file"),
}
_SPECIAL = N_("is a special file, not a regular file; coprod reads {kind} only from a regular file")
YAML_FILE = N_("a YAML file")
"""What :func:`read_bytes` reads unless told otherwise; a ``kind`` given instead is marked with ``N_``."""


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


def real_path(path: Path, shown: str) -> Path:
    """``path`` made absolute with every link followed; InputError for links that loop.

    Two paths name the same file when their real paths are equal.
    """
    try:
        os.stat(path)  # a loop of links is ELOOP here on every Python (3.13's resolve() no longer says)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise _unreadable(e, shown) from e
    except ValueError:
        pass  # a NUL in the name: resolve() below says what is wrong
    try:
        return path.resolve()
    except RuntimeError as e:  # how Python before 3.13 reports a loop of links
        raise InputError([Problem(shown, 0, 0, _(LINK_LOOP), "link-loop")]) from e
    except OSError as e:
        raise _unreadable(e, shown) from e


def _unreadable(e: OSError, shown: str) -> InputError:
    if e.errno == errno.ELOOP:
        return InputError([Problem(shown, 0, 0, _(LINK_LOOP), "link-loop")])
    reason = e.strerror or type(e).__name__
    # TRANSLATORS: {reason} is the operating system's own words, in English.
    return InputError([Problem(shown, 0, 0, _("could not be read ({reason})", reason=reason), "unreadable")])


def _open(path: Path, shown: str, kind: str, pipe_ok: bool) -> int:
    """An open descriptor of a regular file (or, with ``pipe_ok``, a pipe); opening never waits."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as e:
        raise InputError([Problem(shown, 0, 0, _("file not found; check the name and folder"), "missing-file")]) from e
    except IsADirectoryError as e:
        folder = _("is a folder, not {kind}", kind=_(kind))
        raise InputError([Problem(shown, 0, 0, folder, "missing-file")]) from e
    except OSError as e:
        raise _unreadable(e, shown) from e
    mode = os.fstat(fd).st_mode
    if stat.S_ISREG(mode) or (pipe_ok and stat.S_ISFIFO(mode)):
        os.set_blocking(fd, True)
        return fd
    os.close(fd)
    if stat.S_ISDIR(mode):
        raise InputError([Problem(shown, 0, 0, _("is a folder, not {kind}", kind=_(kind)), "missing-file")])
    message = _(_NOT_REGULAR.get(stat.S_IFMT(mode), _SPECIAL), kind=_(kind))
    raise InputError([Problem(shown, 0, 0, message, "not-a-file")])


def read_bytes(path: Path, shown: str, *, kind: str = YAML_FILE, pipe_ok: bool = False) -> bytes:
    """Read a regular file, refusing anything over 1 MiB before reading it all.

    ``pipe_ok`` also reads a pipe, for a file named on the command line (``coprod assess <(…)``);
    a pipe found any other way (a settings file, a file in a folder) is refused, never waited on.
    The command will not write over what it read (:mod:`coprod_cli.reading.inputs`).
    """
    fd = _open(path, shown, kind, pipe_ok)
    try:
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
            note(path, data, os.fstat(fh.fileno()))
    except OSError as e:
        raise _unreadable(e, shown) from e
    if len(data) > MAX_BYTES:
        raise InputError(
            [
                Problem(
                    shown,
                    0,
                    0,
                    _("is larger than 1 MiB, the most coprod reads; split it or remove pasted material"),
                    "too-large",
                )
            ]
        )
    return data


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text (a byte-order mark is fine), with a clear error for anything else."""
    # UTF-32's little-endian mark starts with UTF-16's, so it is looked for first.
    for marks, name in (((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "UTF-32"), ((b"\xff\xfe", b"\xfe\xff"), "UTF-16")):
        if data.startswith(marks):
            raise InputError(
                [
                    Problem(
                        shown,
                        1,
                        1,
                        _(
                            "is saved as {encoding}; save it as UTF-8 "
                            "(most editors offer this under 'Save as' or 'Encoding')",
                            encoding=name,
                        ),
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
                    _("byte {byte} is not UTF-8 text; save the file as UTF-8", byte=format(data[start], "#04x")),
                    "encoding",
                )
            ]
        ) from e


def read_text(path: Path, shown: str) -> tuple[bytes, str]:
    """Read a file named on the command line and decode it: the exact bytes read and their text."""
    raw = read_bytes(path, shown, pipe_ok=True)
    return raw, decode(raw, shown)
