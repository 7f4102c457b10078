"""No repeated work: a framework is read, checked and built once per process, however many
units use it (issue #9).  Counts calls, never times them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coprod_cli.framework import load as frameworks
from coprod_cli.framework import read as framework_files
from tests.conftest import EXAMPLES, RunCoprod


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The framework files read (guarded and parsed), in order, from a clean cache."""
    monkeypatch.setattr(framework_files, "_PARSED", {})
    monkeypatch.setattr(frameworks, "_RESOLVED", {})
    seen: list[str] = []

    read_text = framework_files.framework_text

    def counting(raw: bytes, shown: str, **options: Any) -> Any:
        seen.append(shown)
        return read_text(raw, shown, **options)

    monkeypatch.setattr(framework_files, "framework_text", counting)
    return seen


def test_summary_of_many_units_reads_their_framework_once(coprod: RunCoprod, tmp_path: Path, parses: list[str]) -> None:
    examples = sorted(EXAMPLES.glob("*.yaml"))
    for n in range(3):
        for example in examples:  # each copy a unit of its own, not an assessment of the same unit again
            text = example.read_text(encoding="utf-8").replace('\n  name: "', f'\n  name: "Copy {n} of ', 1)
            (tmp_path / f"{n}-{example.name}").write_text(text, encoding="utf-8")
    run = coprod("summary", tmp_path)
    assert run.code == 0, run
    assert len(parses) == 1, parses
