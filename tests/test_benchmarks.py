"""The benchmark's inputs stay real: valid, strict-clean, the sizes they claim, the same every run.

Only its inputs are tested here; its timings are for ``python benchmarks/run.py`` to show,
never a test (issue #9)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, RunCoprod

sys.path.insert(0, str(ROOT / "benchmarks"))
import run as bench

KIB = 1024
BOUNDS = {"small": (1 * KIB, 8 * KIB), "typical": (15 * KIB, 30 * KIB), "large": (400 * KIB, 1024 * KIB)}


@pytest.fixture(scope="module")
def items() -> tuple[list[bench.Item], int]:
    coprod = bench.find_tool("coprod")
    return bench.framework_items(coprod)


@pytest.mark.parametrize("size", bench.SIZES, ids=lambda s: s.key)
def test_each_generated_file_is_valid_strict_and_its_size(
    size: bench.Size, items: tuple[list[bench.Item], int], coprod: RunCoprod, tmp_path: Path
) -> None:
    text = bench.evidence_text(size, *items)
    assert text == bench.evidence_text(size, *items)  # a fixed seed: the same file every run
    low, high = BOUNDS[size.key]
    assert low <= len(text.encode("utf-8")) <= high
    path = tmp_path / f"{size.key}.yaml"
    path.write_text(text, encoding="utf-8")
    run = coprod("validate", "--strict", path)
    assert run.code == 0, run
    assert run.stderr == f"{path}: valid evidence file\n"
