"""How a command ends: the stderr printer, the problem list, and errors mapped to exit codes.

The typer group (``app._Group``) ends every command through ``failure_code``, the one place
where errors become exit codes, and the entry point (``app.main``) ends the process through
``finish``.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

from coprod_cli.errors import CoprodError, InputError, Problem
from coprod_cli.i18n import _, n_

EXIT_OK, EXIT_BELOW, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 70, 130, 143


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a CI job's time limit, a shutdown): coprod stops as for Ctrl-C, cleaning
    up as it goes, and exits 143."""


def on_sigterm(signum: int, frame: object) -> None:
    """The SIGTERM handler ``app.main`` installs: stop the way Ctrl-C stops."""
    raise Terminated


def interrupted_code(e: KeyboardInterrupt) -> int:
    """The exit code of a stop by Ctrl-C (130) or SIGTERM (143)."""
    return EXIT_TERMINATED if isinstance(e, Terminated) else EXIT_INTERRUPTED


MAX_SHOWN = 100
"""Problems printed at most; past that, more lines help nobody."""

DEBUG_ENV = "COPROD_DEBUG"
"""Set to 1 to show the traceback of an internal error, as ``--debug`` does."""


def err(line: str) -> None:
    """One line for the person at the terminal, on stderr (stdout is for results).

    Every message coprod prints passes here, so here it is masked as reports are: a value
    quoted from a file (an unknown key, an invalid status) never shows an identifier whole."""
    from coprod_cli.privacy.scan import mask  # not loaded for --help

    sys.stderr.write(mask(line) + "\n")
    sys.stderr.flush()


def report_problems(problems: tuple[Problem, ...]) -> None:
    """Every problem at its place (up to ``MAX_SHOWN``), then one line saying how many and where."""
    for p in problems[:MAX_SHOWN]:
        err(p.render())
    count = len(problems)
    if count > MAX_SHOWN:
        hidden = count - MAX_SHOWN
        shown = f"{hidden:,}"
        err(
            n_(
                "… and {shown} more problems not shown; fix the ones above first.",
                "… and {shown} more problems not shown; fix the ones above first.",
                hidden,
                shown=shown,
            )
        )
    files = ", ".join(sorted({p.file for p in problems}))
    err(
        n_(
            "coprod: {count} problem in {files}. Fix it and run the command again.",
            "coprod: {count} problems in {files}. Fix them and run the command again.",
            count,
            files=files,
        )
    )


def print_warnings(problems: tuple[Problem, ...]) -> None:
    for w in problems:
        err(w.render(warning=True))


def silence(stream: TextIO) -> None:
    """Point a stream whose reader went away at /dev/null, so no later flush can complain."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


class _QuietWhenGone(io.RawIOBase):
    """A standard stream's file descriptor, written to until its reader goes away, then quietly to nowhere.

    The command then carries on to its end and its own exit code: a reader that stops early
    (``coprod assess --fail-under 3 unit.yaml | head -1`` under ``set -o pipefail``) must not turn
    a unit below the level into a success.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: ReadableBuffer, /) -> int:
        size = memoryview(data).nbytes
        try:
            return os.write(self._fd, data)
        except BrokenPipeError:
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), self._fd)
            return size


def quiet_when_gone(stream: TextIO) -> TextIO:
    """``stream`` (stdout or stderr) made to carry on quietly once its reader has gone; ``stream``
    itself when it is not a real file (a test's capture, say)."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return stream
    raw = _QuietWhenGone(fd)
    return io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=bool(stream.line_buffering),
    )


def finish(code: int | str | None) -> NoReturn:
    """End the process with ``code`` once stdout and stderr are flushed.

    A reader that went away costs the rest of the output, never the exit code.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            silence(stream)
        except (OSError, ValueError):
            pass  # closed already: nothing more can be said on it
    sys.exit(code)


def debug_wanted(flag: bool) -> bool:
    """Whether to show tracebacks: ``--debug`` was given or ``COPROD_DEBUG=1``."""
    return flag or os.environ.get(DEBUG_ENV) == "1"


def failure_code(e: BaseException, *, debug: bool) -> int | None:
    """Tell the user about an exception that ended a command, and return the exit code.

    coprod's own errors exit 2 with every problem listed, Ctrl-C exits 130 (SIGTERM 143), a closed
    output pipe (seen only where the streams were not made quiet by ``quiet_when_gone``) ends
    quietly with 0, and anything else is a bug: one line and exit 70 (the traceback
    only with ``debug``).  Returns None, having printed nothing, for what is not ours to report:
    the command-line library's usage errors and exits, and ``SystemExit`` and the like.
    """
    if isinstance(e, InputError):
        report_problems(e.problems())
        return EXIT_INPUT
    if isinstance(e, CoprodError):
        err(f"coprod: {e}")
        return EXIT_INPUT
    if isinstance(e, Terminated):
        err(_("coprod: stopped (SIGTERM); nothing was written."))
        return EXIT_TERMINATED
    if isinstance(e, KeyboardInterrupt):
        err(_("coprod: interrupted; nothing was written."))
        return EXIT_INTERRUPTED
    if isinstance(e, BrokenPipeError):
        # The reader of our output went away (`coprod summary | head`): stop quietly.
        silence(sys.stdout)
        return EXIT_OK
    if not isinstance(e, Exception) or type(e).__module__.startswith(("click", "typer")):
        return None  # usage errors and exits: the command-line library reports them itself
    if debug:  # a bug: one line, the traceback only on request
        import traceback

        traceback.print_exception(e)
    err(
        _(
            "coprod: internal error ({kind}); this is a bug in coprod, not in your files. "
            "Run again with --debug for details and report it.",
            kind=type(e).__name__,
        )
    )
    return EXIT_INTERNAL
