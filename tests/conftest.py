"""Shared test helpers: run the real coprod command in-process and capture what it prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:  # shown when an assertion fails
        return f"exit {self.code}\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"


RunCoprod = Callable[..., Run]


@pytest.fixture
def coprod(monkeypatch: pytest.MonkeyPatch) -> RunCoprod:
    """Run ``coprod ARGS...`` through typer's CliRunner, terminal width and colour pinned."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COPROD_DEBUG", raising=False)
    runner = CliRunner()

    def run(*args: str | Path, input: str | None = None) -> Run:
        result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
