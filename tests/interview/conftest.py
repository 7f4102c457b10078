"""What the interview's tests share: a folder to work in, a file as init makes it, and helpers."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.conftest import RunCoprod


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def made(coprod: RunCoprod, folder: Path) -> Path:
    """A file as ``coprod init`` writes it, dated so the test does not depend on today."""
    run = coprod("init", "unit.yaml", "--unit", "Cefn Yr Afon", "--assessed-on", "2026-10-14", "--no-schema")
    assert run.code == 0, run
    return folder / "unit.yaml"


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def flat(text: str) -> str:
    """Printed text with its wrapping undone, to find a sentence in it."""
    return " ".join(text.split())


def validate(coprod: RunCoprod, path: Path) -> None:
    run = coprod("validate", str(path))
    assert run.code == 0, run
