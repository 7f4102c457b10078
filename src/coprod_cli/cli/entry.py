"""The ``coprod`` command: a fast path for what hooks and CI run often, typer for the rest.

Importing typer, building the command group and letting typer coerce every parameter costs
more than checking a file does.  So ``main`` first reads the arguments itself, and when they
are exactly a plain ``validate``, ``assess`` or ``framework check`` call (the grammar below;
the first two and ``framework check --against HEAD`` are also the pre-commit hooks) it runs the command
directly, through the same ``commands`` functions and the same ``exits.failure_code`` as the
typer commands, without importing typer at all.  Anything else, or anything it is not sure
of, goes to typer unchanged, so every usage error, ``--help`` and ``--version`` comes from
typer as before; the fast path never reports a usage error itself.

    [--debug] validate FILE... [--framework X] [--frameworks-dir DIR]... [--strict]
    [--debug] assess UNIT [--format json|text] [--framework X] [--frameworks-dir DIR]...
                          [--strict] [--fail-under N]
    [--debug] framework check FILE... [--against REV]

Options may come before or after the files, as ``--opt value`` or ``--opt=value``.
``COPROD_NO_FASTPATH=1`` sends every call to typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NamedTuple, NoReturn

NO_FASTPATH_ENV = "COPROD_NO_FASTPATH"
COMPLETE_ENV = "_COPROD_COMPLETE"
"""Set by shell completion scripts; typer answers those."""

FRAMEWORK_CHECK = "framework check"
_FLAGS = {"validate": frozenset({"--strict"}), "assess": frozenset({"--strict"}), FRAMEWORK_CHECK: frozenset()}
_VALUED = {
    "validate": frozenset({"--framework", "--frameworks-dir"}),
    "assess": frozenset({"--framework", "--frameworks-dir", "--format", "--fail-under"}),
    FRAMEWORK_CHECK: frozenset({"--against"}),
}
_REPEATABLE = frozenset({"--frameworks-dir"})
_FORMATS = frozenset({"json", "text"})
_MAX_LEVEL_DIGITS = 9
_WINDOWS_EXPANDED = frozenset("*?[~$%")
"""Characters click expands in arguments on Windows (user, variables, globs)."""


class FastCall(NamedTuple):  # a NamedTuple: made in a fraction of a dataclass's start-up cost
    """A ``validate``, ``assess`` or ``framework check`` call the fast path can run exactly as typer would."""

    command: str
    files: tuple[str, ...]
    debug: bool = False
    framework: str | None = None
    frameworks_dirs: tuple[str, ...] = ()
    strict: bool = False
    format: str = "text"
    fail_under: int | None = None
    against: str | None = None


def _plain(arg: str) -> bool:
    """An argument that means the same to the fast path and to typer: not empty, no NUL, UTF-8."""
    if not arg or "\0" in arg:
        return False
    if os.name == "nt" and not _WINDOWS_EXPANDED.isdisjoint(arg):
        return False
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes from the OS (surrogate escapes)
        return False
    return True


def _unreadable(path: str) -> bool:
    """Exists but cannot be read: typer refuses such a path itself, with its own message."""
    return os.path.exists(path) and not os.access(path, os.R_OK)


def parse(argv: Sequence[str]) -> FastCall | None:
    """The call ``argv`` makes if it fits the fast grammar exactly; None if typer should decide."""
    if not all(_plain(arg) for arg in argv):
        return None
    args = list(argv)
    debug = bool(args) and args[0] == "--debug"
    if debug:
        args.pop(0)
    if args[:2] == ["framework", "check"]:
        command, rest = FRAMEWORK_CHECK, args[2:]
    elif args and args[0] in _VALUED:
        command, rest = args[0], args[1:]
    else:
        return None
    valued = _VALUED[command]
    files: list[str] = []
    values: dict[str, list[str]] = {}
    flags: set[str] = set()
    i = 0
    while i < len(rest):
        arg = rest[i]
        i += 1
        if not arg.startswith("-"):
            files.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name in _FLAGS[command] and not eq:
            if name in flags:
                return None
            flags.add(name)
            continue
        if name not in valued:
            return None  # --help, --version, --, -x, --strict=yes, an option of another command...
        if not eq:
            if i == len(rest):
                return None  # the value is missing
            value = rest[i]
            i += 1
        if not value or value.startswith("-"):
            return None
        given = values.setdefault(name, [])
        if given and name not in _REPEATABLE:
            return None
        given.append(value)
    return _checked(command, files, values, flags, debug)


def _checked(
    command: str, files: list[str], values: dict[str, list[str]], flags: set[str], debug: bool
) -> FastCall | None:
    """The call, if every value is one typer would accept as it is."""
    if not files or (command == "assess" and len(files) != 1):
        return None
    (fmt,) = values.get("--format", ["text"])
    if fmt not in _FORMATS:
        return None
    fail_under = None
    if "--fail-under" in values:
        (level,) = values["--fail-under"]
        if not (level.isascii() and level.isdigit() and len(level) <= _MAX_LEVEL_DIGITS):
            return None
        fail_under = int(level)
    dirs = tuple(values.get("--frameworks-dir", ()))
    if not all(os.path.isdir(d) for d in dirs):
        return None
    if any(_unreadable(p) for p in (*files, *dirs)):
        return None
    framework = values["--framework"][0] if "--framework" in values else None
    against = values["--against"][0] if "--against" in values else None
    strict = "--strict" in flags
    return FastCall(command, tuple(files), debug, framework, dirs, strict, fmt, fail_under, against)


def run(call: FastCall) -> int:
    """Run a fast-path call; its exit code, errors reported as the typer group reports them."""
    from pathlib import Path

    from coprod_cli.cli.exits import debug_wanted, failure_code

    debug = debug_wanted(call.debug)
    try:
        from coprod_cli.cli import commands

        commands.use_frameworks_dirs([Path(d) for d in call.frameworks_dirs])
        if call.command == FRAMEWORK_CHECK:
            return commands.framework_check([Path(f) for f in call.files], against=call.against)
        if call.command == "validate":
            return commands.validate([Path(f) for f in call.files], framework=call.framework, strict=call.strict)
        return commands.assess(
            Path(call.files[0]),
            format=commands.TextOrJson(call.format),
            framework=call.framework,
            strict=call.strict,
            fail_under=call.fail_under,
        )
    except (Exception, KeyboardInterrupt) as e:
        code = failure_code(e, debug=debug)
        if code is None:
            raise
        return code


def fast_call(argv: Sequence[str]) -> FastCall | None:
    """The fast-path call for ``argv`` in this environment, or None to let typer run it."""
    if os.environ.get(NO_FASTPATH_ENV) == "1" or os.environ.get(COMPLETE_ENV):
        return None
    return parse(argv)


QUICK_EXIT = True
"""End a fast-path run with ``os._exit`` once its output is flushed.  The command has nothing
left to close (it writes no files, registers no exit handlers), and freeing every object one
by one at interpreter shutdown costs about 8 ms, a tenth of the run.  Tests that call ``main``
in their own process turn it off."""


def main() -> None:
    """Entry point of the ``coprod`` command."""
    call = fast_call(sys.argv[1:])
    if call is None:
        from coprod_cli.cli.app import main as typer_main

        typer_main()  # typer ends the process itself
    else:
        _end(run(call))


def _end(code: int) -> NoReturn:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            # The reader went away before the end (`coprod assess … | head -1`): as the typer
            # commands do, stop quietly with 0.
            from coprod_cli.cli.exits import EXIT_OK, silence

            silence(stream)
            code = EXIT_OK
        except (OSError, ValueError):
            pass
    if QUICK_EXIT:  # pragma: no cover - only in a real process (tests/test_fastpath.py starts some)
        os._exit(code)
    sys.exit(code)
