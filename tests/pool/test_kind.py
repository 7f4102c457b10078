"""``unit.kind`` (docs/evidence-file.md, 'The unit'): read, given back in the JSON result, kept by ``merge``.
A bad kind is a case of the corpus: tests/data/invalid/unit-bad-kind.yaml."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EXAMPLES, RunCoprod


def test_json_result_gives_the_kind(coprod: RunCoprod) -> None:
    run = coprod("assess", EXAMPLES / "step-down-house.yaml", "--format", "json")
    assert json.loads(run.stdout)["unit"]["kind"] == "step-down"


def test_merge_keeps_the_kind(coprod: RunCoprod, tmp_path: Path) -> None:
    for name, person, role in (("a.yaml", "A. B.", "staff"), ("b.yaml", "C. D.", "carer")):
        assert coprod("init", tmp_path / name, "--unit", "Ward A", "--as", person, "--role", role).code == 0
    first = tmp_path / "a.yaml"
    first.write_text(
        first.read_text(encoding="utf-8").replace('  name: "Ward A"\n', '  name: "Ward A"\n  kind: community\n')
    )
    merged = tmp_path / "merged.yaml"
    run = coprod("merge", first, tmp_path / "b.yaml", "-o", merged)
    assert run.code == 0, run
    assert '  kind: "community"\n' in merged.read_text(encoding="utf-8")
    result = coprod("assess", merged, "--format", "json")
    assert json.loads(result.stdout)["unit"]["kind"] == "community"
