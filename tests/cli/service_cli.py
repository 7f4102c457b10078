"""Run ``summary``, ``compare`` and ``history`` through the real CLI, in-process.

Until ``cli.py`` registers them, a test app registers the three command functions under the
same error handler (``cli._Group``), so the tests exercise exactly what users will run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer
from typer.testing import CliRunner

from coprod_cli.cli.app import _Group, app
from coprod_cli.cli.rollup import compare_command, history_command, summary_command
from tests.conftest import Run, RunCoprod

COMMANDS: dict[str, Callable[..., None]] = {
    "summary": summary_command,
    "compare": compare_command,
    "history": history_command,
}


def _registered(on: typer.Typer) -> set[str]:
    names = set()
    for info in on.registered_commands:
        callback = info.callback
        names.add(info.name or (callback.__name__ if callback is not None else ""))
    return names


def service_app() -> typer.Typer:
    """The real app when it has the commands, else a test app that has them."""
    if set(COMMANDS) <= _registered(app):
        return app
    test_app = typer.Typer(cls=_Group, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    for name, command in COMMANDS.items():
        test_app.command(name)(command)
    return test_app


def runner() -> RunCoprod:
    """Like the ``coprod`` fixture (set COLUMNS and NO_COLOR first), for these commands."""
    target = service_app()
    invoke = CliRunner().invoke

    def run(*args: str | Path, input: str | None = None) -> Run:
        result = invoke(target, [str(a) for a in args], input=input, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
