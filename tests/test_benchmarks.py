"""The benchmark's inputs stay real: valid, strict-clean, the sizes they claim, the same every run.

Only its inputs (and that its summary baseline reads them) are tested here; its timings are for
``python benchmarks/run.py`` to show, never a test (issue #9)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, RunCoprod

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_corpus as corpus
import bench_process

KIB = 1024
BOUNDS = {"typical": (15 * KIB, 30 * KIB), "large": (400 * KIB, 1024 * KIB)}

Items = tuple[list[corpus.Item], int]


@pytest.fixture(scope="module")
def items() -> Items:
    coprod = bench_process.find_tool("coprod")
    return corpus.framework_items(coprod)


def assert_valid(coprod: RunCoprod, *paths: Path) -> None:
    run = coprod("validate", "--strict", *paths)
    assert run.code == 0, run
    assert run.stderr == "".join(f"{path}: valid evidence file\n" for path in paths)


@pytest.mark.parametrize("size", corpus.SIZES, ids=lambda s: s.key)
def test_each_generated_file_is_valid_strict_and_its_size(
    size: corpus.Size, items: Items, coprod: RunCoprod, tmp_path: Path
) -> None:
    text = corpus.evidence_text(size, *items)
    assert text == corpus.evidence_text(size, *items)  # a fixed seed: the same file every run
    low, high = BOUNDS[size.key]
    assert low <= len(text.encode("utf-8")) <= high
    path = tmp_path / f"{size.key}.yaml"
    path.write_text(text, encoding="utf-8")
    assert_valid(coprod, path)


def test_unit_files_are_each_a_unit_of_its_own_and_valid(items: Items, coprod: RunCoprod, tmp_path: Path) -> None:
    count = corpus.UNIT_VARIANTS + 5  # the last five copy a variant under their own name
    paths = corpus.write_units(tmp_path / "a", count, *items)
    assert len(paths) == count == len(list((tmp_path / "a").rglob("*.yaml")))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == count
    for n, text in enumerate(texts):
        assert f'  name: "{corpus.unit_name(n)}"\n' in text
    low, high = BOUNDS["typical"]
    assert all(low <= len(text.encode("utf-8")) <= high for text in texts)
    assert texts == [p.read_text(encoding="utf-8") for p in corpus.write_units(tmp_path / "b", count, *items)]
    assert_valid(coprod, paths[0], paths[1], paths[-1])


def test_history_versions_change_one_status_each_and_are_committed(
    items: Items, coprod: RunCoprod, tmp_path: Path
) -> None:
    versions = list(corpus.history_versions(30, *items))
    assert versions == list(corpus.history_versions(30, *items))
    for older, newer in itertools.pairwise(versions):
        changed = [(a, b) for a, b in zip(older.splitlines(), newer.splitlines(), strict=True) if a != b]
        assert len(changed) == 1
        assert all(line.startswith("    status: ") for line in changed[0])
    corpus.write_versions(tmp_path / "versions", versions)
    written = sorted((tmp_path / "versions").glob("*.yaml"))
    name = f'  name: "{corpus.HISTORY.unit}"\n'
    assert all(name in text for text in versions)
    assert [p.read_text(encoding="utf-8") for p in written] == [  # each a unit of its own for summary
        text.replace(name, f'  name: "{corpus.HISTORY.unit} (version {n})"\n', 1) for n, text in enumerate(versions, 1)
    ]
    assert_valid(coprod, written[0], written[-1])

    path = corpus.write_git_history(tmp_path / "repo", versions)
    log = subprocess.run(
        ["git", "log", "--format=%ct", "--", path.name], cwd=path.parent, capture_output=True, text=True, check=True
    )
    assert len(log.stdout.split()) == len(versions)
    assert path.read_text(encoding="utf-8") == versions[-1]
    first = subprocess.run(
        ["git", "show", f"HEAD~{len(versions) - 1}:{path.name}"],
        cwd=path.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert first.stdout == versions[0]


def test_the_summary_baseline_reads_every_unit_file(items: Items, tmp_path: Path) -> None:
    corpus.write_units(tmp_path, 12, *items)
    done = subprocess.run(
        [sys.executable, ROOT / "benchmarks" / "baseline_summary.py", tmp_path],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("12 units, ")
