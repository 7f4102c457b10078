"""Run ``summary``, ``compare`` and ``history`` (or any command) through the real CLI, in-process."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from coprod_cli.cli.app import app
from tests.conftest import Run, RunCoprod


def runner() -> RunCoprod:
    """Like the ``coprod`` fixture (set COLUMNS and NO_COLOR first), for tests that are not fixtures."""
    invoke = CliRunner().invoke

    def run(*args: str | Path, input: str | None = None) -> Run:
        result = invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
