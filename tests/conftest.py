"""Shared test helpers: run the real coprod command in-process and capture what it prints."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coprod_cli import i18n
from coprod_cli.cli.app import app
from coprod_cli.reading import inputs

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


def git(root: Path, *args: str) -> str:
    """Run git in ``root``; what it printed, stripped."""
    done = subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def new_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository at ``tmp_path/repo``, with a committer, and none of the user's git settings."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.com")
    return root


def relative(path: Path) -> str:
    """``path`` as a user at the repository root would type it."""
    return path.relative_to(ROOT).as_posix()


def extra_args(case: Path) -> list[str]:
    """A corpus case's extra arguments: its ``.args`` file, one a line (none without one)."""
    args = case.with_suffix(".args")
    if not args.exists():
        return []
    return [line.strip() for line in args.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def no_file_read_yet() -> Iterator[None]:
    """Each test starts as a command does, with no file read: what an earlier test read (whose
    inode a file of this test may reuse) is not this test's input; and no language chosen yet."""
    inputs.start()
    i18n.choose(None)
    yield
    i18n.choose(None)  # a command run in-process (the coprod fixture) chose a language for its thread


@pytest.fixture
def pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Width 100, no colour, no debugging asked for by the environment: what exact-output tests assume."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COPROD_DEBUG", raising=False)


@pytest.fixture
def coprod(pinned_terminal: None) -> RunCoprod:
    """Run ``coprod ARGS...`` through typer's CliRunner, terminal width and colour pinned."""
    runner = CliRunner()

    def run(*args: str | Path, input: str | None = None) -> Run:
        result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
